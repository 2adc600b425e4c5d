// Conditional and unconditional jumps: 64-bit compares (JMP) and low-half compares (JMP32),
// unsigned vs signed, register vs sign-extended immediate. Expected outcomes are hand-derived.
import { describe, expect, it } from 'vitest';
import { insn } from '../isa/insn.ts';
import { branch, r0Of, EXIT } from './testing.ts';

const M1 = 0xffffffffffffffffn;
const T = 1n; // taken
const F = 0n; // not taken

// [name, opcode, a, b (bigint = register, number = imm), taken]
const cases: Array<[string, number, bigint, bigint | number, bigint]> = [
  ['jeq64 differs in the high half', 0x1d, 0x100000001n, 1n, F],
  ['jeq32 ignores the high half', 0x1e, 0x100000001n, 1n, T],
  ['jeq64 imm -1 is sign-extended', 0x15, M1, -1, T],
  ['jeq64 imm -1 vs 0xffffffff', 0x15, 0xffffffffn, -1, F],
  ['jeq32 imm -1 vs 0xffffffff', 0x16, 0xffffffffn, -1, T],
  ['jne64', 0x5d, 0x100000000n, 0n, T],
  ['jne32', 0x5e, 0x100000000n, 0n, F],
  ['jgt unsigned -1 > 1', 0x2d, M1, 1n, T],
  ['jsgt signed -1 > 1', 0x6d, M1, 1n, F],
  ['jgt high halves equal, low decides', 0x2d, 0x100000002n, 0x100000001n, T],
  ['jgt high half decides', 0x2d, 0x200000000n, 0x1ffffffffn, T],
  ['jgt imm -1 is 2^64-1', 0x25, 5n, -1, F],
  ['jge equal', 0x3d, 7n, 7n, T],
  ['jge less', 0x3d, 6n, 7n, F],
  ['jlt', 0xad, 1n, M1, T],
  ['jlt equal', 0xad, 3n, 3n, F],
  ['jle equal', 0xbd, 3n, 3n, T],
  ['jle imm', 0xb5, 4n, 3, F],
  ['jsgt 0 > -1', 0x6d, 0n, M1, T],
  ['jsgt64 0x80000000 > 0', 0x6d, 0x80000000n, 0n, T],
  ['jsgt32 INT_MIN > 0', 0x6e, 0x80000000n, 0n, F],
  ['jsge equal negatives', 0x7d, M1, M1, T],
  ['jsge imm', 0x75, -5n & M1, -4, F],
  ['jslt -1 < 0', 0xcd, M1, 0n, T],
  ['jslt high halves equal, unsigned low', 0xcd, 0xffffffff00000001n, 0xffffffff80000000n, T],
  ['jslt imm', 0xc5, 0n, -1, F],
  ['jsle -1 <= -1', 0xdd, M1, M1, T],
  ['jsle', 0xd5, 1n, 0, F],
  ['jset64 high bits', 0x4d, 0x100000000n, 0x100000000n, T],
  ['jset32 high bits only', 0x4e, 0x100000000n, 0x100000000n, F],
  ['jset imm', 0x45, 6n, 1, F],
  ['jset imm -1 reaches the high half', 0x45, 0x100000000n, -1, T],
  ['jgt32 unsigned', 0x2e, 0x80000000n, 1n, T],
  ['jgt32 imm', 0x26, 0x1_00000001n, 1, F],
  ['jge32', 0x3e, 0x1n, 0x2_00000001n, T],
  ['jlt32', 0xae, 0x2_00000000n, 1n, T],
  ['jle32 imm -1 is 0xffffffff', 0xb6, 0xffffffffn, -1, T],
  ['jsge32', 0x7e, 0xfffffffen, 0xffffffffn, F],
  ['jslt32', 0xce, 0xfffffffen, 0n, T],
  ['jsle32 imm', 0xd6, 0x7fffffffn, -1, F],
  ['jsgt32 imm', 0x66, 0x0_00000001n, -1, T],
  ['jslt32 imm', 0xc6, 0xffffffff_7fffffffn, 0, F],
];

describe('jumps', () => {
  it.each(cases)('%s', (_n, code, a, b, taken) => {
    expect(r0Of(branch(code, a, b))).toBe(taken);
  });

  it('ja skips by off', () => {
    expect(r0Of([insn(0xb7, 0, 0, 0, 1), insn(0x05, 0, 0, 1), insn(0xb7, 0, 0, 0, 2), EXIT])).toBe(1n);
  });
  it('ja backwards (a counted loop)', () => {
    // r0 = 0; r1 = 5; L: r0 += 2; r1 -= 1; if r1 == 0 goto +1; ja L; exit
    const p = [insn(0xb7, 0, 0, 0, 0), insn(0xb7, 1, 0, 0, 5), insn(0x07, 0, 0, 0, 2), insn(0x07, 1, 0, 0, -1), insn(0x15, 1, 0, 1, 0), insn(0x05, 0, 0, -4), EXIT];
    expect(r0Of(p)).toBe(10n);
  });
  it('gotol (JMP32|JA) takes its target from imm, ignoring off', () => {
    expect(r0Of([insn(0xb7, 0, 0, 0, 1), insn(0x06, 0, 0, 5, 1), insn(0xb7, 0, 0, 0, 2), EXIT])).toBe(1n);
  });
});
