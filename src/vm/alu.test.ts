// ALU semantics, table-driven; every expected value is computed by hand (or with Python's
// arbitrary-precision integers for the large products), per RFC 9669 §4 and Linux 6.18.
import { describe, expect, it } from 'vitest';
import { insn, ldImm64 } from '../isa/insn.ts';
import { bin, imm, r0Of, EXIT } from './testing.ts';

const M1 = 0xffffffffffffffffn;
const MIN64 = 0x8000000000000000n;

// [name, program, expected r0]
const cases: Array<[string, ReturnType<typeof bin>, bigint]> = [
  // add / sub (64)
  ['add64 wraps', bin(0x0f, M1, 1n), 0n],
  ['add64 carries into the high half', bin(0x0f, 0xffffffffn, 1n), 0x100000000n],
  ['add64 imm is sign-extended', imm(0x07, 0n, -1), M1],
  ['add64 imm 0x7fffffff', imm(0x07, 1n, 0x7fffffff), 0x80000000n],
  ['sub64 borrows', bin(0x1f, 0x100000000n, 1n), 0xffffffffn],
  ['sub64 wraps below zero', bin(0x1f, 0n, 1n), M1],
  ['sub64 imm negative', imm(0x17, 5n, -3), 8n],
  // mul (64)
  ['mul64 (2^32+1)^2 mod 2^64', bin(0x2f, 0x100000001n, 0x100000001n), 0x200000001n],
  ['mul64 -1 * -1', bin(0x2f, M1, M1), 1n],
  ['mul64 large', bin(0x2f, 0x123456789abcdef0n, 0x0fedcba987654321n), 0x2236d88fe5618cf0n],
  ['mul64 large 2', bin(0x2f, 0xdeadbeefcafebaben, 0xfeedfacef00dd00dn), 0x7baf7601e24fdba6n],
  ['mul64 by 2^32', bin(0x2f, M1, 0x100000000n), 0xffffffff00000000n],
  ['mul64 imm -3', imm(0x27, 5n, -3), 0xfffffffffffffff1n],
  ['mul64 INT_MIN * -1', imm(0x27, MIN64, -1), MIN64],
  // div / mod (64, unsigned)
  ['div64 7/2', bin(0x3f, 7n, 2n), 3n],
  ['div64 by zero is 0', bin(0x3f, 0x123456789n, 0n), 0n],
  ['div64 by zero imm is 0', imm(0x37, 5n, 0), 0n],
  ['div64 high / 2^32', bin(0x3f, M1, 0x100000000n), 0xffffffffn],
  ['div64 large', bin(0x3f, 0xfedcba9876543210n, 0x12345n), 0xe0004fa01c4dn],
  ['div64 imm -1 means 2^64-1', imm(0x37, 0xfffffffffffffffen, -1), 0n],
  ['div64 imm -1 of 2^64-1', imm(0x37, M1, -1), 1n],
  ['mod64 by zero keeps dst', bin(0x9f, 0x123456789n, 0n), 0x123456789n],
  ['mod64 by zero imm keeps dst', imm(0x97, M1, 0), M1],
  ['mod64 2^64-1 % 10', imm(0x97, M1, 10), 5n],
  ['mod64 large', bin(0x9f, 0xfedcba9876543210n, 0x12345n), 0x10a4fn],
  // sdiv / smod (64, off = 1)
  ['sdiv64 -7/2 truncates', bin(0x3f, -7n & M1, 2n, 1), -3n & M1],
  ['sdiv64 7/-2', bin(0x3f, 7n, -2n & M1, 1), -3n & M1],
  ['sdiv64 INT_MIN/-1 = INT_MIN', bin(0x3f, MIN64, M1, 1), MIN64],
  ['sdiv64 INT_MIN/-1 imm', imm(0x37, MIN64, -1, 1), MIN64],
  ['sdiv64 by zero is 0', bin(0x3f, -7n & M1, 0n, 1), 0n],
  ['sdiv64 beyond 32 bits', bin(0x3f, -0x100000000n & M1, 2n, 1), 0xffffffff80000000n],
  ['sdiv64 INT32_MIN/-1 widens', bin(0x3f, 0xffffffff80000000n, M1, 1), 0x80000000n],
  ['smod64 -7%2 = -1', bin(0x9f, -7n & M1, 2n, 1), M1],
  ['smod64 7%-2 = 1', bin(0x9f, 7n, -2n & M1, 1), 1n],
  ['smod64 INT_MIN%-1 = 0', bin(0x9f, MIN64, M1, 1), 0n],
  ['smod64 by zero keeps dst', bin(0x9f, -7n & M1, 0n, 1), -7n & M1],
  ['smod64 by zero imm keeps dst', imm(0x97, -7n & M1, 0, 1), -7n & M1],
  ['smod64 big', bin(0x9f, -0x123456789abn & M1, 0x10000n, 1), -0x89abn & M1],
  // bitwise (64)
  ['or64', bin(0x4f, 0xf0f0000000000000n, 0x0f0f00000000000fn), 0xffff00000000000fn],
  ['and64', bin(0x5f, 0xff000000ff000000n, 0x0ff000000ff00000n), 0x0f0000000f000000n],
  ['xor64', bin(0xaf, M1, 0x00000000ffffffffn), 0xffffffff00000000n],
  ['and64 imm sign-extends', imm(0x57, M1, -16), 0xfffffffffffffff0n],
  ['or64 imm 0x80000000 sign-extends', imm(0x47, 0n, 0x80000000 | 0), 0xffffffff80000000n],
  // shifts (64): count & 63
  ['lsh64 1<<63', imm(0x67, 1n, 63), MIN64],
  ['lsh64 count 64 masks to 0', bin(0x6f, 1n, 64n), 1n],
  ['lsh64 count 65 masks to 1', bin(0x6f, 1n, 65n), 2n],
  ['lsh64 across halves', imm(0x67, 0x80000001n, 1), 0x100000002n],
  ['lsh64 by 32', imm(0x67, 0xabcdn, 32), 0xabcd00000000n],
  ['lsh64 by 36', imm(0x67, 0x12345678n, 36), 0x2345678000000000n],
  ['rsh64 INT_MIN>>63', imm(0x77, MIN64, 63), 1n],
  ['rsh64 count 64 masks to 0', bin(0x7f, MIN64, 64n), MIN64],
  ['rsh64 across halves', imm(0x77, 0x100000000n, 1), 0x80000000n],
  ['rsh64 by 40', imm(0x77, 0xff00000000000000n, 40), 0xff0000n],
  ['arsh64 INT_MIN>>63', imm(0xc7, MIN64, 63), M1],
  ['arsh64 >>4', imm(0xc7, MIN64, 4), 0xf800000000000000n],
  ['arsh64 >>32', imm(0xc7, 0x8000000100000000n, 32), 0xffffffff80000001n],
  ['arsh64 positive >>60', imm(0xc7, 0x7000000000000000n, 60), 7n],
  ['arsh64 across halves', imm(0xc7, 0xfffffff000000000n, 36), M1],
  ['arsh64 reg count masked', bin(0xcf, 0x8000000000000010n, 68n), 0xf800000000000001n],
  // neg / mov (64)
  ['neg64 0', imm(0x87, 0n, 0), 0n],
  ['neg64 1', imm(0x87, 1n, 0), M1],
  ['neg64 2^32', imm(0x87, 0x100000000n, 0), 0xffffffff00000000n],
  ['neg64 INT_MIN', imm(0x87, MIN64, 0), MIN64],
  ['mov64 imm -1', imm(0xb7, 0n, -1), M1],
  ['mov64 reg', bin(0xbf, 0n, 0x1122334455667788n), 0x1122334455667788n],
  ['movsx8 64', bin(0xbf, 0n, 0x180n, 8), 0xffffffffffffff80n],
  ['movsx8 64 positive', bin(0xbf, 0n, 0xffff7fn, 8), 0x7fn],
  ['movsx16 64', bin(0xbf, 0n, 0x18000n, 16), 0xffffffffffff8000n],
  ['movsx32 64', bin(0xbf, 0n, 0x80000000n, 32), 0xffffffff80000000n],
  ['movsx32 64 drops the high half', bin(0xbf, 0n, 0xffffffff00000001n, 32), 1n],
  // 32-bit ALU: low halves, result zero-extended
  ['add32 wraps', bin(0x0c, 0xffffffffn, 1n), 0n],
  ['add32 clears the high half', imm(0x04, 0x1234567800000001n, 1), 2n],
  ['sub32 wraps', imm(0x14, 0n, 1), 0xffffffffn],
  ['mul32 INT_MIN * -1', imm(0x24, 0x80000000n, -1), 0x80000000n],
  ['mul32 overflow', bin(0x2c, 0x10000n, 0x10000n), 0n],
  ['mul32 ignores high halves', bin(0x2c, 0x500000003n, 0x700000005n), 15n],
  ['div32 low halves', imm(0x34, 0x100000006n, 3), 2n],
  ['div32 by zero is 0', bin(0x3c, 0xffffffff12345678n, 0x100000000n), 0n],
  ['div32 imm 0xffffffff is unsigned', imm(0x34, 0xfffffffen, -1), 0n],
  ['mod32 by zero keeps the low half', bin(0x9c, 0x1234567800000009n, 0n), 9n],
  ['mod32 unsigned', imm(0x94, 0xffffffffn, 10), 5n],
  ['sdiv32 INT_MIN/-1 = INT_MIN', imm(0x34, 0x80000000n, -1, 1), 0x80000000n],
  ['sdiv32 -7/2', imm(0x34, 0xfffffff9n, 2, 1), 0xfffffffdn],
  ['sdiv32 by zero is 0', bin(0x3c, 0xfffffff9n, 0n, 1), 0n],
  ['smod32 -7%2 = -1', imm(0x94, 0xfffffff9n, 2, 1), 0xffffffffn],
  ['smod32 INT_MIN%-1 = 0', imm(0x94, 0x80000000n, -1, 1), 0n],
  ['smod32 by zero keeps the low half', bin(0x9c, 0xfffffffffffffff9n, 0n, 1), 0xfffffff9n],
  ['or32', imm(0x44, 0xffffffff00000001n, 2), 3n],
  ['and32', bin(0x5c, M1, 0xffff0000ffff0000n), 0xffff0000n],
  ['xor32', imm(0xa4, 0xffffffffffffffffn, -1), 0n],
  ['lsh32 1<<31', imm(0x64, 1n, 31), 0x80000000n],
  ['lsh32 count 32 masks to 0', bin(0x6c, 1n, 32n), 1n],
  ['lsh32 count 33 masks to 1', bin(0x6c, 1n, 33n), 2n],
  ['rsh32 logical', imm(0x74, 0xffffffff80000000n, 4), 0x08000000n],
  ['rsh32 count 35 masks to 3', bin(0x7c, 0x80n, 35n), 0x10n],
  ['arsh32 sign', imm(0xc4, 0x80000000n, 4), 0xf8000000n],
  ['arsh32 count 36 masks to 4', bin(0xcc, 0x80000000n, 36n), 0xf8000000n],
  ['neg32 1', imm(0x84, 1n, 0), 0xffffffffn],
  ['neg32 INT_MIN', imm(0x84, 0x80000000n, 0), 0x80000000n],
  ['neg32 clears the high half', imm(0x84, 0x100000000n, 0), 0n],
  ['mov32 imm -1 zero-extends', imm(0xb4, M1, -1), 0xffffffffn],
  ['mov32 reg takes the low half', bin(0xbc, 0n, 0xffffffff00000005n), 5n],
  ['movsx8 32', bin(0xbc, 0n, 0x80n, 8), 0xffffff80n],
  ['movsx16 32', bin(0xbc, 0n, 0xffff8000n, 16), 0xffff8000n],
  // byte order
  ['le16 truncates', imm(0xd4, 0x1122334455667788n, 16), 0x7788n],
  ['le32 truncates', imm(0xd4, 0x1122334455667788n, 32), 0x55667788n],
  ['le64 is a no-op', imm(0xd4, 0x1122334455667788n, 64), 0x1122334455667788n],
  ['be16 swaps and truncates', imm(0xdc, 0x1122334455667788n, 16), 0x8877n],
  ['be32 swaps and truncates', imm(0xdc, 0x1122334455667788n, 32), 0x88776655n],
  ['be64 swaps', imm(0xdc, 0x1122334455667788n, 64), 0x8877665544332211n],
  ['bswap16', imm(0xd7, 0x1122334455667788n, 16), 0x8877n],
  ['bswap32', imm(0xd7, 0x1122334455667788n, 32), 0x88776655n],
  ['bswap64', imm(0xd7, 0x0123456789abcdefn, 64), 0xefcdab8967452301n],
];

describe('ALU', () => {
  it.each(cases)('%s', (_name, prog, want) => {
    expect(r0Of(prog)).toBe(want);
  });

  it('ld_imm64 loads all 64 bits', () => {
    expect(r0Of([...ldImm64(0, 0x8000000000000001n), EXIT])).toBe(0x8000000000000001n);
  });

  it('a 32-bit ALU op on a register whose high half is set still zero-extends (mov32 r0, r0)', () => {
    expect(r0Of([...ldImm64(0, 0xdeadbeef00000007n), insn(0xbc, 0, 0), EXIT])).toBe(7n);
  });
});
