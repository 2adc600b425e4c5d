// Differential check of the split hi/lo arithmetic: every ALU and JMP opcode, on edge values and
// seeded pseudo-random operands, against a plain BigInt transcription of RFC 9669 written here
// independently of the interpreter.
import { describe, expect, it } from 'vitest';
import { insn, ldImm64 } from '../isa/insn.ts';
import { Memory, runProgram } from './index.ts';

const memory = new Memory(); // one memory for all runs keeps the test fast

const U = (v: bigint, bits = 64) => BigInt.asUintN(bits, v);
const S = (v: bigint, bits = 64) => BigInt.asIntN(bits, v);

/** RFC 9669 ALU semantics on BigInt. `b` is already the 64-bit (or 32-bit) operand. */
function refAlu(op: number, is64: boolean, off: number, a: bigint, b: bigint): bigint {
  const bits = is64 ? 64 : 32;
  const x = U(a, bits);
  const y = U(b, bits);
  const mask = is64 ? 63n : 31n;
  let r: bigint;
  switch (op) {
    case 0x00: r = x + y; break;
    case 0x10: r = x - y; break;
    case 0x20: r = x * y; break;
    case 0x30:
      if (y === 0n) r = 0n;
      else r = off === 1 ? S(x, bits) / S(y, bits) : x / y; // BigInt division truncates toward zero
      break;
    case 0x90:
      if (y === 0n) r = x;
      else r = off === 1 ? S(x, bits) % S(y, bits) : x % y;
      break;
    case 0x40: r = x | y; break;
    case 0x50: r = x & y; break;
    case 0xa0: r = x ^ y; break;
    case 0x60: r = x << (y & mask); break;
    case 0x70: r = x >> (y & mask); break;
    case 0xc0: r = S(x, bits) >> (y & mask); break;
    case 0xb0: r = y; break;
    default: throw new Error('op');
  }
  return U(r, bits); // 32-bit results zero-extend
}

function refJmp(op: number, is64: boolean, a: bigint, b: bigint): boolean {
  const bits = is64 ? 64 : 32;
  const x = U(a, bits), y = U(b, bits), sx = S(a, bits), sy = S(b, bits);
  switch (op) {
    case 0x10: return x === y;
    case 0x20: return x > y;
    case 0x30: return x >= y;
    case 0x40: return (x & y) !== 0n;
    case 0x50: return x !== y;
    case 0x60: return sx > sy;
    case 0x70: return sx >= sy;
    case 0xa0: return x < y;
    case 0xb0: return x <= y;
    case 0xc0: return sx < sy;
    case 0xd0: return sx <= sy;
    default: throw new Error('op');
  }
}

// Seeded xorshift64* so failures reproduce.
let seed = 0x9e3779b97f4a7c15n;
function rnd(): bigint {
  seed ^= seed >> 12n; seed ^= U(seed << 25n); seed ^= seed >> 27n;
  return U(seed * 0x2545f4914f6cdd1dn);
}
const EDGES = [0n, 1n, 2n, 7n, 31n, 32n, 33n, 63n, 64n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
  0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xffffffff80000000n, 0xfffffffffffffff9n];
function operands(n: number): Array<[bigint, bigint]> {
  const out: Array<[bigint, bigint]> = [];
  for (const a of EDGES) for (const b of EDGES) out.push([a, b]);
  for (let k = 0; k < n; k++) {
    const a = rnd(), b = rnd();
    const shape = Number(rnd() % 4n);
    // mix full-width, 32-bit and small values so fast and slow paths both run
    out.push(shape === 0 ? [a, b] : shape === 1 ? [a & 0xffffffffn, b & 0xffffffffn] : shape === 2 ? [a, b % 100n] : [U(S(a & 0xffffffffn, 32)), U(S(b & 0xffffn, 16))]);
  }
  return out;
}

const ALU_OPS: Array<[number, number]> = [
  [0x00, 0], [0x10, 0], [0x20, 0], [0x30, 0], [0x30, 1], [0x90, 0], [0x90, 1],
  [0x40, 0], [0x50, 0], [0xa0, 0], [0x60, 0], [0x70, 0], [0xc0, 0], [0xb0, 0],
];

describe('split-register arithmetic agrees with a BigInt reference', () => {
  const pairs = operands(120);
  for (const is64 of [true, false]) {
    for (const [op, off] of ALU_OPS) {
      const name = `${is64 ? 'alu64' : 'alu32'} op 0x${op.toString(16)}${off ? ' signed' : ''}`;
      it(`${name} (register and immediate)`, () => {
        const cls = is64 ? 0x07 : 0x04;
        for (const [a, b] of pairs) {
          const reg = runProgram([...ldImm64(0, a), ...ldImm64(1, b), insn(op | cls | 0x08, 0, 1, off), insn(0x95)], { memory });
          expect(reg.r0, `${name} ${a.toString(16)}, ${b.toString(16)}`).toBe(refAlu(op, is64, off, a, b));
          const k = Number(S(b & 0xffffffffn, 32));
          const kOperand = is64 ? U(BigInt(k)) : U(BigInt(k), 32); // imm sign-extends to 64 bits
          const imm = runProgram([...ldImm64(0, a), insn(op | cls, 0, 0, off, k), insn(0x95)], { memory });
          expect(imm.r0, `${name} ${a.toString(16)}, imm ${k}`).toBe(refAlu(op, is64, off, a, kOperand));
        }
      });
    }
    it(`${is64 ? 'jmp' : 'jmp32'} compares`, () => {
      const cls = is64 ? 0x05 : 0x06;
      for (const op of [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0]) {
        for (const [a, b] of pairs) {
          const p = [insn(0xb7, 0, 0, 0, 0), ...ldImm64(1, a), ...ldImm64(2, b), insn(op | cls | 0x08, 1, 2, 1), insn(0x95), insn(0xb7, 0, 0, 0, 1), insn(0x95)];
          expect(runProgram(p, { memory }).r0 === 1n, `op 0x${op.toString(16)} ${a.toString(16)} ${b.toString(16)}`).toBe(refJmp(op, is64, a, b));
        }
      }
    });
  }
});
