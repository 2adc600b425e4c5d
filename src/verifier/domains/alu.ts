/**
 * ALU transfer functions on scalars: what Linux 6.18's adjust_scalar_min_max_vals computes for
 * `dst op= src` when both are scalars (BPF_ADD .. BPF_ARSH, BPF_NEG), for ALU64 and 32-bit ALU
 * (32-bit results are zero-extended into 64 bits), and BPF_END / bswap.
 *
 * Shape of the kernel's algorithm, re-implemented here:
 *  - ops whose result range cannot be computed give a fully unknown register (no zero
 *    extension, even for a 32-bit op): BPF_DIV and BPF_MOD always (signed forms too), shifts
 *    unless the shift amount is a known constant below the width;
 *  - ADD/SUB/MUL/AND/OR/XOR update the 32-bit bounds, then the 64-bit bounds (both always, even
 *    for a 32-bit op), and the 64-bit tnum; NEG is `0 - dst` with the same add/sub rules;
 *  - a 64-bit LSH recomputes both halves' bounds, 64-bit RSH/ARSH the 64-bit ones (the 32-bit
 *    ones are re-derived from the tnum); a 32-bit shift works on the subregister only;
 *  - a 32-bit op then zero-extends (zext_32_to_64), and everything ends in reg_bounds_sync.
 *  - BPF_END: see scalarEnd.
 *
 * Deliberately not here: pointer arithmetic, register ids (linked scalars), Spectre
 * sanitation, the "div by zero" / shift-range checks that reject programs — the verifier does
 * those before calling in. The immediate form is the caller's job: pass scalarConst(BigInt(imm))
 * (imm sign-extended to 64 bits, as the kernel does for both ALU and ALU64).
 *
 * Provenance: public descriptions (kernel docs, LWN, the 2024-2025 patches on add/sub overflow
 * handling and signed multiplication), checked against the real kernel's logs in
 * testdata/scalar-goldens.json. No kernel source was copied.
 */

import {
  BPF_ADD,
  BPF_AND,
  BPF_ARSH,
  BPF_LSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RSH,
  BPF_SUB,
  BPF_XOR,
} from '../../isa/opcodes.ts';
import {
  type MScalar,
  type Scalar,
  S32_MAX,
  S32_MIN,
  S64_MAX,
  S64_MIN,
  markKnown,
  markKnown32,
  markUnbounded32,
  markUnbounded64,
  maxB,
  minB,
  scalarConst,
  scalarUnknown,
  syncInPlace,
  truncate,
  updateBounds,
  updateBounds32,
  zextInPlace,
} from './bounds.ts';
import {
  tnumAdd,
  tnumAnd,
  tnumArshift,
  tnumBswap,
  tnumIsConst,
  tnumLshift,
  tnumMul,
  tnumNeg,
  tnumOr,
  tnumRshift,
  tnumSub,
  tnumSubreg,
  tnumSubregIsConst,
  tnumXor,
} from './tnum.ts';

// Local copies of the u64/s64 helpers: hot paths, and imported bindings cost a getter call in
// some module loaders.
const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);
const U64_MAX = 0xffffffffffffffffn;
const U32_MAX = 0xffffffffn;

const inS64 = (x: bigint): boolean => x >= S64_MIN && x <= S64_MAX;
const inS32 = (x: bigint): boolean => x >= S32_MIN && x <= S32_MAX;

/** is_safe_to_compute_dst_reg_range. */
function computable(op: number, is64: boolean, src: Scalar): boolean {
  switch (op) {
    case BPF_ADD:
    case BPF_SUB:
    case BPF_NEG:
    case BPF_AND:
    case BPF_XOR:
    case BPF_OR:
    case BPF_MUL:
      return true;
    case BPF_LSH:
    case BPF_RSH:
    case BPF_ARSH: {
      const known = is64
        ? tnumIsConst(src.var_off) && src.smin === src.smax && src.umin === src.umax
        : tnumSubregIsConst(src.var_off) && src.s32_min === src.s32_max && src.u32_min === src.u32_max;
      return known && src.umax < (is64 ? 64n : 32n);
    }
    default:
      return false;
  }
}

/* ------------------------------------------------------------- add / sub ---- */

function add32(d: MScalar, s: Scalar): void {
  const smin = d.s32_min + s.s32_min;
  const smax = d.s32_max + s.s32_max;
  if (!inS32(smin) || !inS32(smax)) {
    d.s32_min = S32_MIN;
    d.s32_max = S32_MAX;
  } else {
    d.s32_min = smin;
    d.s32_max = smax;
  }
  // Unsigned: fine when none or all of the additions wrap; otherwise nothing is known.
  const umin = d.u32_min + s.u32_min;
  const umax = d.u32_max + s.u32_max;
  d.u32_min = u32(umin);
  d.u32_max = u32(umax);
  if (umin <= U32_MAX && umax > U32_MAX) {
    d.u32_min = 0n;
    d.u32_max = U32_MAX;
  }
}

function add64(d: MScalar, s: Scalar): void {
  const smin = d.smin + s.smin;
  const smax = d.smax + s.smax;
  if (!inS64(smin) || !inS64(smax)) {
    d.smin = S64_MIN;
    d.smax = S64_MAX;
  } else {
    d.smin = smin;
    d.smax = smax;
  }
  const umin = d.umin + s.umin;
  const umax = d.umax + s.umax;
  d.umin = u64(umin);
  d.umax = u64(umax);
  if (umin <= U64_MAX && umax > U64_MAX) {
    d.umin = 0n;
    d.umax = U64_MAX;
  }
}

function sub32(d: MScalar, s: Scalar): void {
  const smin = d.s32_min - s.s32_max;
  const smax = d.s32_max - s.s32_min;
  if (!inS32(smin) || !inS32(smax)) {
    d.s32_min = S32_MIN;
    d.s32_max = S32_MAX;
  } else {
    d.s32_min = smin;
    d.s32_max = smax;
  }
  const umin = d.u32_min - s.u32_max;
  const umax = d.u32_max - s.u32_min;
  d.u32_min = u32(umin);
  d.u32_max = u32(umax);
  if (umin < 0n && umax >= 0n) {
    d.u32_min = 0n;
    d.u32_max = U32_MAX;
  }
}

function sub64(d: MScalar, s: Scalar): void {
  const smin = d.smin - s.smax;
  const smax = d.smax - s.smin;
  if (!inS64(smin) || !inS64(smax)) {
    d.smin = S64_MIN;
    d.smax = S64_MAX;
  } else {
    d.smin = smin;
    d.smax = smax;
  }
  const umin = d.umin - s.umax;
  const umax = d.umax - s.umin;
  d.umin = u64(umin);
  d.umax = u64(umax);
  if (umin < 0n && umax >= 0n) {
    d.umin = 0n;
    d.umax = U64_MAX;
  }
}

/* ------------------------------------------------------------------ mul ---- */

function mul32(d: MScalar, s: Scalar): void {
  const umax = d.u32_max * s.u32_max;
  const umin = d.u32_min * s.u32_min;
  if (umax > U32_MAX || umin > U32_MAX) {
    d.u32_min = 0n;
    d.u32_max = U32_MAX;
  } else {
    d.u32_min = umin;
    d.u32_max = umax;
  }
  const p = [d.s32_min * s.s32_min, d.s32_min * s.s32_max, d.s32_max * s.s32_min, d.s32_max * s.s32_max];
  if (p.some((x) => !inS32(x))) {
    d.s32_min = S32_MIN;
    d.s32_max = S32_MAX;
  } else {
    d.s32_min = p.reduce(minB);
    d.s32_max = p.reduce(maxB);
  }
}

function mul64(d: MScalar, s: Scalar): void {
  const umax = d.umax * s.umax;
  const umin = d.umin * s.umin;
  if (umax > U64_MAX || umin > U64_MAX) {
    d.umin = 0n;
    d.umax = U64_MAX;
  } else {
    d.umin = umin;
    d.umax = umax;
  }
  const p = [d.smin * s.smin, d.smin * s.smax, d.smax * s.smin, d.smax * s.smax];
  if (p.some((x) => !inS64(x))) {
    d.smin = S64_MIN;
    d.smax = S64_MAX;
  } else {
    d.smin = p.reduce(minB);
    d.smax = p.reduce(maxB);
  }
}

/* ------------------------------------------------------ and / or / xor ---- */

type BitOp = 'and' | 'or' | 'xor';

/** Signed bounds from the unsigned ones when they do not cross the sign boundary. */
function signedFromUnsigned32(d: MScalar): void {
  if (s32(d.u32_min) <= s32(d.u32_max)) {
    d.s32_min = s32(d.u32_min);
    d.s32_max = s32(d.u32_max);
  } else {
    d.s32_min = S32_MIN;
    d.s32_max = S32_MAX;
  }
}

function signedFromUnsigned64(d: MScalar): void {
  if (s64(d.umin) <= s64(d.umax)) {
    d.smin = s64(d.umin);
    d.smax = s64(d.umax);
  } else {
    d.smin = S64_MIN;
    d.smax = S64_MAX;
  }
}

/** 32-bit bounds of a bitwise op; d.var_off already holds the result tnum. */
function bitop32(kind: BitOp, d: MScalar, s: Scalar): void {
  const t = tnumSubreg(d.var_off);
  if (tnumSubregIsConst(s.var_off) && tnumSubregIsConst(d.var_off)) {
    markKnown32(d, t.value);
    return;
  }
  if (kind === 'and') {
    d.u32_min = t.value;
    d.u32_max = minB(d.u32_max, s.u32_max);
  } else if (kind === 'or') {
    d.u32_min = maxB(d.u32_min, s.u32_min);
    d.u32_max = t.value | t.mask;
  } else {
    d.u32_min = t.value;
    d.u32_max = t.value | t.mask;
  }
  signedFromUnsigned32(d);
}

function bitop64(kind: BitOp, d: MScalar, s: Scalar): void {
  const t = d.var_off;
  if (tnumIsConst(s.var_off) && tnumIsConst(d.var_off)) {
    markKnown(d, t.value);
    return;
  }
  if (kind === 'and') {
    d.umin = t.value;
    d.umax = minB(d.umax, s.umax);
  } else if (kind === 'or') {
    d.umin = maxB(d.umin, s.umin);
    d.umax = t.value | t.mask;
  } else {
    d.umin = t.value;
    d.umax = t.value | t.mask;
  }
  signedFromUnsigned64(d);
  updateBounds(d);
}

/* --------------------------------------------------------------- shifts ---- */

function lsh32Bounds(d: MScalar, umin: bigint, umax: bigint): void {
  d.s32_min = S32_MIN;
  d.s32_max = S32_MAX;
  if (umax > 31n || d.u32_max > 1n << (31n - umax)) {
    d.u32_min = 0n;
    d.u32_max = U32_MAX;
  } else {
    d.u32_min = u32(d.u32_min << umin);
    d.u32_max = u32(d.u32_max << umax);
  }
}

function lsh64Bounds(d: MScalar, umin: bigint, umax: bigint): void {
  // `x << 32` (the compiler's sign-extension idiom `<<32 s>>32`) moves the subregister's s32
  // range exactly into the signed 64-bit range; other shifts lose the sign.
  const by32 = umin === 32n && umax === 32n;
  d.smax = by32 ? d.s32_max << 32n : S64_MAX;
  d.smin = by32 ? d.s32_min << 32n : S64_MIN;
  if (d.umax > 1n << (63n - umax)) {
    d.umin = 0n;
    d.umax = U64_MAX;
  } else {
    d.umin = u64(d.umin << umin);
    d.umax = u64(d.umax << umax);
  }
}

function shift(op: number, is64: boolean, d: MScalar, s: Scalar): void {
  if (is64) {
    const lo = s.umin;
    const hi = s.umax;
    const n = Number(lo);
    if (op === BPF_LSH) {
      lsh64Bounds(d, lo, hi);
      lsh32Bounds(d, lo, hi);
      d.var_off = tnumLshift(d.var_off, n);
      updateBounds(d);
    } else if (op === BPF_RSH) {
      d.smin = S64_MIN;
      d.smax = S64_MAX;
      d.var_off = tnumRshift(d.var_off, n);
      d.umin >>= hi;
      d.umax >>= lo;
      markUnbounded32(d);
      updateBounds(d);
    } else {
      d.smin >>= lo;
      d.smax >>= lo;
      d.var_off = tnumArshift(d.var_off, n, 64);
      d.umin = 0n;
      d.umax = U64_MAX;
      markUnbounded32(d);
      updateBounds(d);
    }
    return;
  }
  const lo = s.u32_min;
  const hi = s.u32_max;
  const n = Number(lo);
  const sub = tnumSubreg(d.var_off);
  if (op === BPF_LSH) {
    lsh32Bounds(d, lo, hi);
    d.var_off = tnumSubreg(tnumLshift(sub, n));
  } else if (op === BPF_RSH) {
    d.s32_min = S32_MIN;
    d.s32_max = S32_MAX;
    d.var_off = tnumRshift(sub, n);
    d.u32_min >>= hi;
    d.u32_max >>= lo;
  } else {
    d.s32_min = s32(d.s32_min >> lo);
    d.s32_max = s32(d.s32_max >> lo);
    d.var_off = tnumArshift(sub, n, 32);
    d.u32_min = 0n;
    d.u32_max = U32_MAX;
  }
  markUnbounded64(d);
  updateBounds32(d);
}

/* ------------------------------------------------------------ dispatcher ---- */

/**
 * adjust_scalar_min_max_vals for scalar `dst op= src`: op is BPF_OP(code) (BPF_ADD .. BPF_ARSH,
 * BPF_NEG, BPF_DIV, BPF_MOD, BPF_MOV is not an ALU op here). is64: class ALU64 (else 32-bit ALU,
 * result zero-extended). For BPF_NEG `src` is ignored.
 */
export function scalarAlu(op: number, is64: boolean, dst: Scalar, src: Scalar): Scalar {
  if (!computable(op, is64, src)) return scalarUnknown();
  const d: MScalar = { ...dst };
  switch (op) {
    case BPF_ADD:
      add32(d, src);
      add64(d, src);
      d.var_off = tnumAdd(d.var_off, src.var_off);
      break;
    case BPF_SUB:
      sub32(d, src);
      sub64(d, src);
      d.var_off = tnumSub(d.var_off, src.var_off);
      break;
    case BPF_NEG: {
      const zero: MScalar = { ...scalarConst(0n) };
      sub32(zero, dst);
      sub64(zero, dst);
      Object.assign(d, zero);
      d.var_off = tnumNeg(dst.var_off);
      break;
    }
    case BPF_MUL:
      d.var_off = tnumMul(d.var_off, src.var_off);
      mul32(d, src);
      mul64(d, src);
      break;
    case BPF_AND:
      d.var_off = tnumAnd(d.var_off, src.var_off);
      bitop32('and', d, src);
      bitop64('and', d, src);
      break;
    case BPF_OR:
      d.var_off = tnumOr(d.var_off, src.var_off);
      bitop32('or', d, src);
      bitop64('or', d, src);
      break;
    case BPF_XOR:
      d.var_off = tnumXor(d.var_off, src.var_off);
      bitop32('xor', d, src);
      bitop64('xor', d, src);
      break;
    case BPF_LSH:
    case BPF_RSH:
    case BPF_ARSH:
      shift(op, is64, d, src);
      break;
  }
  if (!is64) zextInPlace(d);
  syncInPlace(d);
  return d;
}

/**
 * BPF_END / bswap on a scalar (Linux 6.18 tracks it). `bits` is the imm (16, 32, 64); `swap`
 * says whether bytes move: true for BPF_TO_BE in class ALU (this is a little-endian machine) and
 * for the ALU64 bswap (cpu v4), false for BPF_TO_LE in class ALU.
 *  - no swap, 64 bits: the identity;
 *  - no swap, 16/32 bits: truncation, exactly as a narrow load (coerce_reg_to_size);
 *  - swap: the tnum of the low `bits` bits is byte-swapped, every bound is forgotten and
 *    re-derived from the tnum (reg_bounds_sync).
 * (Observed on the real kernel, see testdata/scalar-goldens.json.)
 */
export function scalarEnd(s: Scalar, bits: 16 | 32 | 64, swap: boolean): Scalar {
  if (!swap) return bits === 64 ? s : truncate(s, (bits / 8) as 2 | 4);
  const d: MScalar = { ...s, var_off: tnumBswap(s.var_off, bits) };
  markUnbounded64(d);
  markUnbounded32(d);
  syncInPlace(d);
  return d;
}

/** The concrete result of BPF_END, for tests and the VM-side soundness checks. */
export function endConcrete(x: bigint, bits: 16 | 32 | 64, swap: boolean): bigint {
  const m = (1n << BigInt(bits)) - 1n;
  const t = x & m;
  if (!swap) return t;
  let r = 0n;
  for (let i = 0; i < bits / 8; i++) r = (r << 8n) | ((t >> BigInt(8 * i)) & 0xffn);
  return r;
}

/** Alias kept for the brief's name. */
export const scalarBswap = scalarEnd;
