// Hand-computed expectations for the scalar domain: printing rules, a few ALU results worked
// out on paper, branch refinement, width changes, range_within. (The bulk of the checking is
// goldens.test.ts against the real kernel and soundness.test.ts against concrete arithmetic.)
import { describe, expect, it } from 'vitest';
import { BPF_ADD, BPF_AND, BPF_DIV, BPF_JGT, BPF_JEQ, BPF_JNE, BPF_JSET, BPF_LSH, BPF_RSH } from '../../isa/opcodes.ts';
import {
  type Scalar,
  S64_MIN,
  boundsSync,
  branchTaken,
  formatScalar,
  refineOnBranch,
  scalarAlu,
  scalarConst,
  scalarConst32,
  scalarConstValue,
  scalarEnd,
  scalarIsConst,
  scalarRangeWithin,
  scalarUnknown,
  signExtend,
  truncate,
  zext32,
} from './scalar.ts';

const K = (v: bigint): Scalar => scalarConst(v);
/** Unknown & 0xff: [0, 255]. */
const byte = (): Scalar => scalarAlu(BPF_AND, true, scalarUnknown(), K(0xffn));

describe('formatScalar', () => {
  it('prints constants as the log does', () => {
    expect(formatScalar(K(2n))).toBe('2');
    expect(formatScalar(K(-1n))).toBe('-1');
    expect(formatScalar(K(32767n))).toBe('32767');
    expect(formatScalar(K(32768n))).toBe('0x8000');
    expect(formatScalar(K(-32768n))).toBe('-32768');
    expect(formatScalar(K(-32769n))).toBe('0xffffffffffff7fff');
    expect(formatScalar(K(5n), { precise: true })).toBe('P5');
  });
  it('prints unknowns and ranges with the kernel merging', () => {
    expect(formatScalar(scalarUnknown())).toBe('scalar()');
    expect(formatScalar(scalarUnknown(), { id: 3 })).toBe('scalar(id=3)');
    expect(formatScalar(byte())).toBe('scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))');
    expect(formatScalar(byte(), { precise: true, id: 1, linkOff: -5 })).toBe(
      'Pscalar(id=1-5,smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))',
    );
    // w0 = (r0 & 0xff) + 3 as a 32-bit add: [3, 258].
    const w = scalarAlu(BPF_ADD, false, byte(), K(3n));
    expect(formatScalar(w)).toBe('scalar(smin=umin=smin32=umin32=3,smax=umax=smax32=umax32=258,var_off=(0x0; 0x1ff))');
    // r1 = (r0 & 0xff) - 5 as a 64-bit add of -5: signed [-5, 250], unsigned unknown.
    expect(formatScalar(scalarAlu(BPF_ADD, true, byte(), K(-5n)))).toBe('scalar(smin=smin32=-5,smax=smax32=250)');
  });
});

describe('ALU (worked by hand)', () => {
  it('shifts and masks', () => {
    const s = scalarAlu(BPF_LSH, true, byte(), K(4n));
    expect([s.umin, s.umax, s.var_off.mask]).toEqual([0n, 0xff0n, 0xff0n]);
    const r = scalarAlu(BPF_RSH, true, s, K(8n));
    expect([r.umin, r.umax, r.var_off.mask]).toEqual([0n, 0xfn, 0xfn]);
  });
  it('constants fold; unknown shift amounts and division give unknown', () => {
    expect(scalarConstValue(scalarAlu(BPF_ADD, true, K(2n), K(3n)))).toBe(5n);
    expect(scalarConstValue(scalarAlu(BPF_ADD, false, K(0xffffffffn), K(1n)))).toBe(0n);
    expect(scalarAlu(BPF_LSH, true, K(1n), byte())).toEqual(scalarUnknown());
    expect(scalarAlu(BPF_DIV, true, K(10n), K(2n))).toEqual(scalarUnknown());
  });
  it('byte swaps: le keeps or truncates, be swaps the tnum', () => {
    expect(scalarEnd(byte(), 64, false)).toEqual(byte());
    expect(scalarConstValue(scalarEnd(K(1000n), 16, true))).toBe(0xe803n);
    const be = scalarEnd(byte(), 16, true);
    expect([be.umin, be.umax, be.var_off.mask]).toEqual([0n, 0xff00n, 0xff00n]);
  });
});

describe('branches', () => {
  it('decides what the bounds decide', () => {
    expect(branchTaken(BPF_JGT, true, byte(), K(255n))).toBe(0);
    expect(branchTaken(BPF_JGT, true, byte(), K(254n))).toBe(-1);
    expect(branchTaken(BPF_JEQ, true, byte(), K(256n))).toBe(0);
    expect(branchTaken(BPF_JNE, true, K(1n), K(2n))).toBe(1);
    // r & 0x12 can never equal 1 (bit 0 is known zero).
    expect(branchTaken(BPF_JEQ, true, scalarAlu(BPF_AND, true, scalarUnknown(), K(0x12n)), K(1n))).toBe(0);
    expect(branchTaken(BPF_JSET, true, byte(), K(0x100n))).toBe(0);
  });
  it('refines both sides', () => {
    const [t] = refineOnBranch(BPF_JGT, true, byte(), K(10n), true)!;
    const [f] = refineOnBranch(BPF_JGT, true, byte(), K(10n), false)!;
    expect([t.umin, t.umax]).toEqual([11n, 255n]);
    expect([f.umin, f.umax, f.var_off.mask]).toEqual([0n, 10n, 0xfn]);
    // {0, 16} > 5 leaves only 16.
    const bit4 = scalarAlu(BPF_AND, true, scalarUnknown(), K(0x10n));
    expect(scalarConstValue(refineOnBranch(BPF_JGT, true, bit4, K(5n), true)![0])).toBe(16n);
    // != at the edge moves the edge.
    const [ne] = refineOnBranch(BPF_JNE, true, byte(), K(0n), true)!;
    expect(ne.umin).toBe(1n);
  });
});

describe('width changes and pruning', () => {
  it('zero extension, truncation, sign extension', () => {
    const neg = boundsSync({ ...scalarUnknown(), smin: -3n, smax: -1n });
    const z = boundsSync(zext32(neg));
    expect([z.umin, z.umax]).toEqual([0xfffffffdn, 0xffffffffn]);
    const t = truncate(neg, 1);
    expect([t.umin, t.umax]).toEqual([0xfdn, 0xffn]);
    const sx = signExtend(t, 1, true);
    expect([sx.smin, sx.smax]).toEqual([-3n, -1n]);
    expect(scalarConstValue(signExtend(K(0x80n), 1, true))).toBe(0xffffffffffffff80n);
    expect(scalarConstValue(signExtend(K(0x8000n), 2, false))).toBe(0xffff8000n);
    expect(scalarIsConst(scalarConst32(-1n))).toBe(true);
    expect(scalarConstValue(scalarConst32(-1n))).toBe(0xffffffffn);
  });
  it('range_within', () => {
    expect(scalarRangeWithin(byte(), K(7n))).toBe(true);
    expect(scalarRangeWithin(K(7n), byte())).toBe(false);
    expect(scalarRangeWithin(scalarUnknown(), byte())).toBe(true);
    expect(scalarUnknown().smin).toBe(S64_MIN);
  });
});
