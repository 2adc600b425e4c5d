/**
 * Instruction-semantics cases checked against the real kernel: a deterministic list of small
 * snippets (every ALU/ALU32 op with register and immediate operands, every JMP/JMP32 compare,
 * neg, movsx, le/be/bswap, MEMSX loads and the atomics) over a fixed set of edge values. Each
 * snippet leaves its result in r0 (and, for atomics, a second one in r9) and only uses r0–r5, r9
 * and the stack. `batchProgram` wraps up to BATCH snippets in an XDP program that stores every
 * result into the packet, so one BPF_PROG_TEST_RUN on the kernel records a whole batch
 * (testdata/recordKernel.ts writes testdata/kernel-oracle.golden); kernel.test.ts runs each
 * snippet on our interpreter and compares.
 *
 * Deliberately not here: running anything. Cases the verifier rejects by rule (division by an
 * immediate 0, immediate shift counts out of range) are left out. Provenance: our own.
 */
import { insn, ldImm64, type Insn } from '../isa/insn.ts';

export interface OracleCase {
  name: string;
  snippet: Insn[];
  /** Results the snippet leaves: r0, or r0 and r9. */
  outs: 1 | 2;
}

export const EDGES: readonly bigint[] = [
  0n, 1n, 2n, 33n, 64n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000001n,
  0x7fffffffffffffffn, 0x8000000000000000n, 0xfffffffffffffff9n,
];
const IMMS = [0, 1, -1, 3, -7, 33, 0x7fffffff, -0x80000000];
const hex = (v: bigint) => '0x' + v.toString(16);

const ALU_OPS: Array<[string, number, number]> = [
  ['add', 0x00, 0], ['sub', 0x10, 0], ['mul', 0x20, 0], ['div', 0x30, 0], ['sdiv', 0x30, 1],
  ['mod', 0x90, 0], ['smod', 0x90, 1], ['or', 0x40, 0], ['and', 0x50, 0], ['xor', 0xa0, 0],
  ['lsh', 0x60, 0], ['rsh', 0x70, 0], ['arsh', 0xc0, 0], ['mov', 0xb0, 0],
];
const JMP_OPS: Array<[string, number]> = [
  ['jeq', 0x10], ['jgt', 0x20], ['jge', 0x30], ['jset', 0x40], ['jne', 0x50], ['jsgt', 0x60],
  ['jsge', 0x70], ['jlt', 0xa0], ['jle', 0xb0], ['jslt', 0xc0], ['jsle', 0xd0],
];

export function oracleCases(): OracleCase[] {
  const out: OracleCase[] = [];
  for (const is64 of [true, false]) {
    const cls = is64 ? 0x07 : 0x04;
    const w = is64 ? '' : '32';
    for (const [name, op, off] of ALU_OPS) {
      for (const a of EDGES) {
        for (const b of EDGES) {
          out.push({
            name: `${name}${w} ${hex(a)}, r=${hex(b)}`,
            snippet: [...ldImm64(0, a), ...ldImm64(1, b), insn(op | cls | 0x08, 0, 1, off)],
            outs: 1,
          });
        }
        for (const k of IMMS) {
          if ((op === 0x30 || op === 0x90) && k === 0) continue; // verifier: div by zero
          if ((op === 0x60 || op === 0x70 || op === 0xc0) && (k < 0 || k >= (is64 ? 64 : 32))) continue; // verifier: invalid shift
          out.push({ name: `${name}${w} ${hex(a)}, ${k}`, snippet: [...ldImm64(0, a), insn(op | cls, 0, 0, off, k)], outs: 1 });
        }
      }
    }
    for (const a of EDGES) out.push({ name: `neg${w} ${hex(a)}`, snippet: [...ldImm64(0, a), insn(0x80 | cls, 0)], outs: 1 });
    for (const [name, op] of JMP_OPS) {
      const jcls = is64 ? 0x05 : 0x06;
      const tail = [insn(0x05, 0, 0, 1), insn(0xb7, 0, 0, 0, 1)]; // not taken: skip r0 = 1
      for (const a of EDGES) {
        for (const b of EDGES) {
          out.push({
            name: `${name}${w} ${hex(a)}, r=${hex(b)}`,
            snippet: [insn(0xb7, 0, 0, 0, 0), ...ldImm64(2, a), ...ldImm64(3, b), insn(op | jcls | 0x08, 2, 3, 1), ...tail],
            outs: 1,
          });
        }
        for (const k of IMMS) {
          out.push({
            name: `${name}${w} ${hex(a)}, ${k}`,
            snippet: [insn(0xb7, 0, 0, 0, 0), ...ldImm64(2, a), insn(op | jcls, 2, 0, 1, k), ...tail],
            outs: 1,
          });
        }
      }
    }
  }
  for (const a of EDGES) {
    for (const s of [8, 16, 32]) out.push({ name: `movsx${s}64 ${hex(a)}`, snippet: [...ldImm64(1, a), insn(0xbf, 0, 1, s)], outs: 1 });
    for (const s of [8, 16]) out.push({ name: `movsx${s}32 ${hex(a)}`, snippet: [...ldImm64(1, a), insn(0xbc, 0, 1, s)], outs: 1 });
    for (const [name, code] of [['le', 0xd4], ['be', 0xdc], ['bswap', 0xd7]] as const) {
      for (const bits of [16, 32, 64]) {
        out.push({ name: `${name}${bits} ${hex(a)}`, snippet: [...ldImm64(0, a ^ 0x0123456789abcdefn), insn(code, 0, 0, 0, bits)], outs: 1 });
      }
    }
    // MEMSX and plain loads of a stored value
    for (const [name, code, off] of [['ldxsb', 0x91, -1], ['ldxsh', 0x89, -2], ['ldxsw', 0x81, -4], ['ldxb', 0x71, -1], ['ldxh', 0x69, -6]] as const) {
      out.push({ name: `${name} of ${hex(a)}`, snippet: [...ldImm64(1, a), insn(0x7b, 10, 1, -8), insn(code, 0, 10, off)], outs: 1 });
    }
  }
  // Atomics: *(r10 - 8) = a; operand r1 = b (r0 = b ^ 1 for cmpxchg's comparand unless equal).
  const ATOMICS: Array<[string, number]> = [
    ['add', 0x00], ['or', 0x40], ['and', 0x50], ['xor', 0xa0],
    ['fetch_add', 0x01], ['fetch_or', 0x41], ['fetch_and', 0x51], ['fetch_xor', 0xa1], ['xchg', 0xe1], ['cmpxchg', 0xf1],
  ];
  const pairs: Array<[bigint, bigint]> = [[0x1ffffffffn, 1n], [0xffffffffffffffffn, 0x8000000000000001n], [0x80000000n, 0x80000000n], [0x123456789abcdef0n, 0xfedcba9876543210n]];
  for (const [is64, code] of [[true, 0xdb], [false, 0xc3]] as const) {
    for (const [name, imm] of ATOMICS) {
      for (const [a, b] of pairs) {
        for (const r0 of imm === 0xf1 ? [a, a ^ 1n, a & 0xffffffffn] : [0n]) {
          out.push({
            name: `lock ${name}${is64 ? '' : '32'} [${hex(a)}], ${hex(b)}${imm === 0xf1 ? ` r0=${hex(r0)}` : ''}`,
            snippet: [
              ...ldImm64(2, a), insn(0x7b, 10, 2, -8), ...ldImm64(1, b), ...ldImm64(0, r0),
              insn(code, 10, 1, -8, imm),
              insn(0xbf, 9, imm === 0xf1 ? 0 : 1), // r9 = fetched value (r1, or r0 for cmpxchg)
              insn(0x79, 0, 10, -8), // r0 = memory after
            ],
            outs: 2,
          });
        }
      }
    }
  }
  return out;
}

/** Cases per XDP program: 8 bytes per result must fit a test-run packet (< 3.5 KiB). */
export const BATCH = 200;

/**
 * An XDP program running `cases` in order and storing each result (u64, r0 then r9) into the
 * packet at 8 * k; returns XDP_PASS. The packet must be at least 8 * (number of results) bytes.
 */
export function batchProgram(cases: OracleCase[]): { insns: Insn[]; bytes: number } {
  const results = cases.reduce((s, c) => s + c.outs, 0);
  const bytes = 8 * results;
  const p: Insn[] = [
    insn(0x61, 6, 1, 0), // r6 = ctx->data
    insn(0x61, 7, 1, 4), // r7 = ctx->data_end
    insn(0xbf, 8, 6),
    insn(0x07, 8, 0, 0, bytes), // r8 = data + bytes
  ];
  const body: Insn[] = [];
  let slot = 0;
  for (const c of cases) {
    body.push(...c.snippet, insn(0x7b, 6, 0, 8 * slot++));
    if (c.outs === 2) body.push(insn(0x7b, 6, 9, 8 * slot++));
  }
  p.push(insn(0x2d, 8, 7, body.length)); // if r8 > r7 goto out
  p.push(...body, insn(0xb7, 0, 0, 0, 2), insn(0x95));
  return { insns: p, bytes };
}
