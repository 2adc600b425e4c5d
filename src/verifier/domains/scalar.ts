/**
 * The scalar domain's public face: the scalar part of struct bpf_reg_state (a tnum plus eight
 * bounds) and every operation the verifier needs on it, with Linux 6.18 semantics. This file only
 * re-exports; the code lives in bounds.ts (representation, sync, width changes), alu.ts
 * (arithmetic), branch.ts (conditional jumps, range_within) and format.ts (log text).
 *
 * Provenance: see each module; everything is re-implemented from public descriptions and
 * checked against this machine's 6.18 kernel (testdata/scalar-goldens.json).
 *
 * How the kernel's instructions map onto this API for scalar registers (replay.ts does exactly
 * this and is checked against the kernel; K forms use the imm sign-extended to 64 bits):
 *   r = imm                 scalarConst(BigInt(imm))          w = imm    scalarConst32(BigInt(imm))
 *   r = r2                  copy (same object)                w = w2     mov32(r2)
 *   r = (s8|s16|s32)r2      signExtend(r2, 1|2|4, true)       w = (s8|s16)w2   signExtend(r2, 1|2, false)
 *   r op= r2|imm            scalarAlu(BPF_OP, true, r, src)   w op= ...  scalarAlu(BPF_OP, false, r, src)
 *   r = -r / w = -w         scalarAlu(BPF_NEG, is64, r, r)
 *   r = le16/32/64 r        scalarEnd(r, bits, false)         r = be16/32/64 r, bswapN   scalarEnd(r, bits, true)
 *   r = ld_imm64            scalarConst(value)
 *   narrow load / fill      truncate(r, size)                 sign-extending ldsx   signExtend(r, size, true)
 *   if r op r2|imm          branchTaken(...); when -1: refineOnBranch(..., true|false) per side
 *                           (skip the refinement when both operands are the same register)
 *   linked scalar sync      scalarAlu(BPF_ADD, true|false, known, scalarConst(delta)) (32: ADD_CONST32)
 *   helper returning int    scalarUnknown(); known ranges: scalarWithBounds({...})
 *   pruning                 scalarSubsumes(old, cur) (range_within + tnum_in) for precise scalars
 *   log text                formatScalar(r, { precise, id, linkOff })
 */

export type { Scalar } from './bounds.ts';
export {
  S32_MAX,
  S32_MIN,
  S64_MAX,
  S64_MIN,
  boundsSync,
  mov32,
  scalarConst,
  scalarConst32,
  scalarConstValue,
  scalarIsConst,
  scalarJoin,
  scalarUnknown,
  scalarWithBounds,
  signExtend,
  truncate,
  zext32,
} from './bounds.ts';
export { endConcrete, scalarAlu, scalarBswap, scalarEnd } from './alu.ts';
export { branchTaken, refineOnBranch, scalarRangeWithin, scalarSubsumes, scalarWellFormed } from './branch.ts';
export { type FormatScalarOptions, fmtSnum, fmtUnum, formatRanges, formatScalar } from './format.ts';

import { scalarJoin as join, scalarUnknown as top } from './bounds.ts';
import { scalarSubsumes as leq } from './branch.ts';

/**
 * The scalar domain as a lattice (STYLE.md's domain shape): top, the order the kernel prunes
 * with (range_within + tnum_in) and a join for summarising views. There is no bottom: an
 * impossible scalar is reported as null by refineOnBranch instead.
 */
export const scalarLattice = { top, leq, join } as const;
