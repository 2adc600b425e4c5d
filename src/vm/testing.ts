/**
 * Small program builders shared by the VM tests (no dependency on the assembler): `bin` builds
 * `r0 = a; r1 = b; r0 op= r1; exit`, `imm` builds `r0 = a; r0 op= imm; exit`, `un` builds a unary
 * op on r0, and `branch` returns 1 when a conditional jump is taken.
 *
 * Deliberately not here: expectations (each test states its own, hand-computed).
 */
import { insn, ldImm64, type Insn } from '../isa/insn.ts';
import { runProgram, type RunOptions, type RunResult } from './index.ts';

export const EXIT = insn(0x95);
export const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/** r0 = a; r1 = b; <code> r0, r1 (with off); exit */
export function bin(code: number, a: bigint, b: bigint, off = 0): Insn[] {
  return [...ldImm64(0, a), ...ldImm64(1, b), insn(code, 0, 1, off, 0), EXIT];
}
/** r0 = a; <code> r0, imm (with off); exit */
export function imm(code: number, a: bigint, k: number, off = 0): Insn[] {
  return [...ldImm64(0, a), insn(code, 0, 0, off, k), EXIT];
}
/** r0 = 0; r1 = a; r2 = b (or imm k); if <jump> goto +1; exit; r0 = 1; exit */
export function branch(code: number, a: bigint, b: bigint | number): Insn[] {
  const cmp = typeof b === 'bigint' ? insn(code, 1, 2, 1, 0) : insn(code, 1, 0, 1, b);
  return [
    insn(0xb7, 0, 0, 0, 0),
    ...ldImm64(1, a),
    ...ldImm64(2, typeof b === 'bigint' ? b : 0n),
    cmp,
    EXIT,
    insn(0xb7, 0, 0, 0, 1),
    EXIT,
  ];
}
/** Run and insist on a clean exit; returns r0. */
export function r0Of(p: Insn[], opts?: RunOptions): bigint {
  const r = run(p, opts);
  if (r.oops) throw new Error(`unexpected oops: ${r.oops.message}`);
  if (!r.exited) throw new Error('program did not exit');
  return r.r0;
}
export const run = (p: Insn[], opts?: RunOptions): RunResult => runProgram(p, opts);
