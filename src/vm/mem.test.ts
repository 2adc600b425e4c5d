// Loads, stores (incl. MEMSX) and atomics against the stack and the `mem` buffer; expected values
// are hand-computed little-endian layouts.
import { describe, expect, it } from 'vitest';
import { insn, ldImm64 } from '../isa/insn.ts';
import { r0Of, run, EXIT } from './testing.ts';

const M1 = 0xffffffffffffffffn;
/** r1 = value; *(u64 *)(r10 - 8) = r1 */
const put = (v: bigint) => [...ldImm64(1, v), insn(0x7b, 10, 1, -8)];

describe('loads and stores', () => {
  it.each([
    ['ldxdw', 0x79, -8, 0x8877665544332211n],
    ['ldxw zero-extends', 0x61, -8, 0x44332211n],
    ['ldxw high word', 0x61, -4, 0x88776655n],
    ['ldxh', 0x69, -7, 0x3322n],
    ['ldxb', 0x71, -1, 0x88n],
    ['ldxsb sign-extends', 0x91, -1, 0xffffffffffffff88n],
    ['ldxsb positive', 0x91, -8, 0x11n],
    ['ldxsh sign-extends', 0x89, -2, 0xffffffffffff8877n],
    ['ldxsw sign-extends', 0x81, -4, 0xffffffff88776655n],
    ['ldxsw positive', 0x81, -8, 0x44332211n],
  ] as const)('%s', (_n, code, off, want) => {
    expect(r0Of([...put(0x8877665544332211n), insn(code, 0, 10, off), EXIT])).toBe(want);
  });

  it('stdw imm is sign-extended to 64 bits', () => {
    expect(r0Of([insn(0x7a, 10, 0, -8, -2), insn(0x79, 0, 10, -8), EXIT])).toBe(0xfffffffffffffffen);
  });
  it('stw / sth / stb write only their bytes', () => {
    const p = [
      ...put(M1),
      insn(0x62, 10, 0, -8, 0x11223344), // stw
      insn(0x6a, 10, 0, -4, 0x5566), // sth
      insn(0x72, 10, 0, -1, 0x77), // stb
      insn(0x79, 0, 10, -8),
      EXIT,
    ];
    expect(r0Of(p)).toBe(0x77ff556611223344n);
  });
  it('stxw / stxh / stxb truncate the register', () => {
    const p = [
      insn(0x7a, 10, 0, -8, 0),
      ...ldImm64(2, 0xaabbccddeeff0011n),
      insn(0x63, 10, 2, -8), // stxw: 0xeeff0011
      insn(0x6b, 10, 2, -4), // stxh: 0x0011
      insn(0x73, 10, 2, -2), // stxb: 0x11
      insn(0x79, 0, 10, -8),
      EXIT,
    ];
    expect(r0Of(p)).toBe(0x0011_0011_eeff0011n);
  });
  it('mem: r1 = address, r2 = length, loads little-endian, stores come back in result.mem', () => {
    const mem = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 0xaa, 0xbb]);
    const p = [insn(0x79, 0, 1, 0), insn(0x72, 1, 0, 9, 0x5a), insn(0x0f, 0, 2), EXIT];
    const r = run(p, { mem });
    expect(r.oops).toBeUndefined();
    expect(r.r0).toBe(0x0706050403020100n + 10n);
    expect(Array.from(r.mem!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0xaa, 0x5a]);
    expect(Array.from(mem)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0xaa, 0xbb]); // input not mutated
  });
  it('without mem, r1 = r2 = 0', () => {
    const r = run([insn(0xbf, 0, 1), insn(0x4f, 0, 2), EXIT]);
    expect(r.r0).toBe(0n);
  });
  it('r10 is the top of a 512-byte stack: [r10-512] is mapped', () => {
    expect(r0Of([insn(0x7a, 10, 0, -512, 7), insn(0x79, 0, 10, -512), EXIT])).toBe(7n);
  });
});

describe('atomics', () => {
  // Memory at [r10-8] starts at 0x1_ffffffff; r1 is the operand.
  const atomic = (code: number, op: number, operand: bigint, read: 'mem' | 'src' | 'r0') => [
    ...ldImm64(2, 0x1ffffffffn),
    insn(0x7b, 10, 2, -8),
    ...ldImm64(1, operand),
    insn(code, 10, 1, -8, op),
    read === 'mem' ? insn(0x79, 0, 10, -8) : read === 'src' ? insn(0xbf, 0, 1) : insn(0x07, 0, 0, 0, 0),
    EXIT,
  ];
  it.each([
    ['add64 carries', 0xdb, 0x00, 1n, 'mem', 0x200000000n],
    ['add64 without fetch leaves src', 0xdb, 0x00, 1n, 'src', 1n],
    ['fetch add64 returns the old value in src', 0xdb, 0x01, 1n, 'src', 0x1ffffffffn],
    ['or64', 0xdb, 0x40, 0xf00000000n, 'mem', 0xfffffffffn],
    ['fetch or64', 0xdb, 0x41, 0xf00000000n, 'src', 0x1ffffffffn],
    ['and64', 0xdb, 0x50, 0x1_0000ffffn, 'mem', 0x10000ffffn],
    ['fetch and64', 0xdb, 0x51, 0n, 'src', 0x1ffffffffn],
    ['xor64', 0xdb, 0xa0, M1, 'mem', 0xfffffffe00000000n],
    ['fetch xor64', 0xdb, 0xa1, M1, 'src', 0x1ffffffffn],
    ['xchg64 stores src', 0xdb, 0xe1, 0x42n, 'mem', 0x42n],
    ['xchg64 returns old', 0xdb, 0xe1, 0x42n, 'src', 0x1ffffffffn],
    ['add32 wraps in the low word only', 0xc3, 0x00, 1n, 'mem', 0x100000000n],
    ['fetch add32 zero-extends the old low word', 0xc3, 0x01, 1n, 'src', 0xffffffffn],
    ['or32', 0xc3, 0x40, 0xffffffff00000000n, 'mem', 0x1ffffffffn],
    ['and32', 0xc3, 0x50, 0xf0n, 'mem', 0x1000000f0n],
    ['fetch and32', 0xc3, 0x51, 0xf0n, 'src', 0xffffffffn],
    ['xor32', 0xc3, 0xa0, 0xffn, 'mem', 0x1ffffff00n],
    ['fetch xor32', 0xc3, 0xa1, 0xffn, 'src', 0xffffffffn],
    ['xchg32 keeps the high word', 0xc3, 0xe1, 0xaaaaaaaa00000005n, 'mem', 0x100000005n],
    ['xchg32 returns the old low word', 0xc3, 0xe1, 5n, 'src', 0xffffffffn],
  ] as const)('%s', (_n, code, op, operand, read, want) => {
    expect(r0Of(atomic(code, op, operand, read))).toBe(want);
  });

  const cmpxchg = (code: number, r0: bigint, read: 'mem' | 'r0') => [
    ...ldImm64(2, 0x1ffffffffn),
    insn(0x7b, 10, 2, -8),
    ...ldImm64(0, r0),
    insn(0xb7, 1, 0, 0, 0x77),
    insn(code, 10, 1, -8, 0xf1),
    ...(read === 'mem' ? [insn(0x79, 0, 10, -8)] : []),
    EXIT,
  ];
  it.each([
    ['cmpxchg64 match stores src', 0xdb, 0x1ffffffffn, 'mem', 0x77n],
    ['cmpxchg64 match: r0 = old', 0xdb, 0x1ffffffffn, 'r0', 0x1ffffffffn],
    ['cmpxchg64 mismatch keeps memory', 0xdb, 0xffffffffn, 'mem', 0x1ffffffffn],
    ['cmpxchg64 mismatch: r0 = old', 0xdb, 0xffffffffn, 'r0', 0x1ffffffffn],
    ['cmpxchg32 compares the low word of r0', 0xc3, 0xabcdef00ffffffffn, 'mem', 0x100000077n],
    ['cmpxchg32: r0 = old low word, zero-extended', 0xc3, 0xabcdef00ffffffffn, 'r0', 0xffffffffn],
    ['cmpxchg32 mismatch keeps memory', 0xc3, 0xfffffffen, 'mem', 0x1ffffffffn],
  ] as const)('%s', (_n, code, r0, read, want) => {
    expect(r0Of(cmpxchg(code, r0, read))).toBe(want);
  });

  it('load-acquire (imm 0x100) loads zero-extended; store-release (imm 0x110) stores', () => {
    const p = [
      ...ldImm64(1, 0x8877665544332211n),
      insn(0xdb, 10, 1, -8, 0x110), // store_release((u64 *)(r10 - 8), r1)
      insn(0xd3, 10, 1, -16, 0x110), // store_release((u8 *)(r10 - 16), r1) -> 0x11
      insn(0xcb, 0, 10, -4, 0x100), // r0 = load_acquire((u16 *)(r10 - 4)) -> 0x6655
      insn(0xdb, 2, 10, -8, 0x100), // r2 = load_acquire((u64 *)(r10 - 8))
      insn(0x71, 3, 10, -16),
      insn(0x0f, 0, 3), // + 0x11
      insn(0x1f, 2, 1), // r2 -= r1 -> 0
      insn(0x0f, 0, 2),
      EXIT,
    ];
    expect(r0Of(p)).toBe(0x6655n + 0x11n);
  });
});
