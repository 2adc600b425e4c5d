// Differential tests of the WebAssembly engine against the reference interpreter: the 235
// bpf_conformance vectors (through src/asm), the VM's own raw vectors and test tables (every ALU and
// JMP opcode on edge and seeded operands; calls, helpers, callbacks, tail calls, callx, faults),
// each compared on r0, exited, steps, registers, the oops (kind, pc, address, report) and memory.
// Plus independent expectations for the conformance results (the files' own `-- result`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../asm/index.ts';
import { insn, ldImm64, type Insn } from '../../isa/insn.ts';
import { parseConformance, unwindHelper } from '../conformance.ts';
import type { HelperFn } from '../index.ts';
import { Memory } from '../memory.ts';
import { runFast } from './index.ts';
import { compareEngines, Rng } from './testing.ts';

const CORPUS = '/work/shared/conformance/tests';
const VM_TESTDATA = fileURLToPath(new URL('../testdata', import.meta.url));

function load(dir: string, f: string): { insns: Insn[]; mem?: Uint8Array; result?: bigint; error?: string } {
  const p = parseConformance(readFileSync(`${dir}/${f}`, 'latin1'), f).value!;
  const insns = p.raw ?? assemble(p.asm ?? '', { dialect: 'ubpf', file: f }).insns;
  return { insns, mem: p.mem, result: p.result, error: p.error };
}

describe('bpf_conformance corpus on both engines', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.data')).sort() : [];
  it.skipIf(files.length === 0)('all 235 vectors: identical results, and the expected r0 on the fast engine', () => {
    expect(files.length).toBe(235);
    const mems: [Memory, Memory] = [new Memory(), new Memory()];
    const failures: string[] = [];
    for (const f of files) {
      const c = load(CORPUS, f);
      const opts = { mem: c.mem, budget: 10_000_000, helpers: { 5: unwindHelper } };
      const diffs = compareEngines(c.insns, opts, mems);
      if (diffs.length) failures.push(`${f}: ${diffs.join('; ')}`);
      const r = runFast(c.insns, opts);
      if (!r.ok) failures.push(`${f}: ${r.error}`);
      else if (c.error === undefined && (r.oops || r.r0 !== c.result)) failures.push(`${f}: r0 ${r.r0.toString(16)} expected ${c.result?.toString(16)} ${r.oops?.message ?? ''}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe("the VM's raw vectors (src/vm/testdata)", () => {
  const files = readdirSync(VM_TESTDATA).filter((f) => f.endsWith('.data'));
  it.each(files)('%s', (f) => {
    const c = load(VM_TESTDATA, f);
    expect(compareEngines(c.insns, { mem: c.mem, helpers: { 5: unwindHelper } })).toEqual([]);
  });
});

// ---- the VM's operand tables (diff.test.ts) on both engines ----
const EDGES = [0n, 1n, 2n, 7n, 31n, 32n, 33n, 63n, 64n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
  0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xffffffff80000000n, 0xfffffffffffffff9n];
const rng = new Rng(99);
const rnd64 = () => (BigInt(rng.next(1 << 30)) << 34n) ^ (BigInt(rng.next(1 << 30)) << 4n) ^ BigInt(rng.next(16));
const PAIRS: Array<[bigint, bigint]> = [];
for (const a of EDGES) for (const b of EDGES) PAIRS.push([a, b]);
for (let k = 0; k < 60; k++) PAIRS.push([rnd64(), rng.next(2) ? rnd64() : BigInt(rng.next(100))]);
const IMMS = [0, 1, -1, 2, 7, 31, 32, 63, 64, 0x7fffffff, -0x80000000, 16, -7];

describe('ALU and JMP tables on both engines', () => {
  // Operands arrive in r1/r2 (args), so one compiled program serves every operand pair.
  const mems: [Memory, Memory] = [new Memory(), new Memory()];
  const same = (p: Insn[], args: bigint[], what: string) => {
    const d = compareEngines(p, { args }, mems);
    if (d.length) expect.fail(`${what}: ${d.join('; ')}`);
  };
  const R0_R1 = insn(0xbf, 0, 1);
  for (const cls of [0x07, 0x04]) {
    for (const op of [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xb0, 0xc0]) {
      it(`${cls === 7 ? 'alu64' : 'alu32'} op 0x${op.toString(16)} (register, immediate, signed forms)`, () => {
        const offs = op === 0x30 || op === 0x90 ? [0, 1] : op === 0xb0 ? (cls === 7 ? [0, 8, 16, 32] : [0, 8, 16]) : [0];
        for (const off of offs) {
          const px = [R0_R1, insn(op | cls | 8, 0, 2, off), insn(0x95)];
          for (const [a, b] of PAIRS) same(px, [a, b], `op ${op} off ${off} ${a} ${b}`);
          if (op === 0xb0 && off) continue;
          for (const k of IMMS) {
            const pk = [R0_R1, insn(op | cls, 0, 0, off, k), insn(0x95)];
            for (const a of EDGES) same(pk, [a], `op ${op} ${a} imm ${k}`);
          }
        }
      }, 60_000);
    }
    it(`${cls === 7 ? 'neg64' : 'neg32'} and byte swaps`, () => {
      const ops: Insn[] = [insn(0x80 | cls)];
      for (const w of [16, 32, 64]) for (const code of cls === 7 ? [0xd7] : [0xd4, 0xdc]) ops.push(insn(code, 0, 0, 0, w));
      for (const o of ops) for (const a of [...EDGES, rnd64(), rnd64()]) same([R0_R1, o, insn(0x95)], [a], `${JSON.stringify(o)} ${a}`);
    });
  }
  for (const cls of [0x05, 0x06]) {
    it(`${cls === 5 ? 'jmp' : 'jmp32'} compares (register and immediate)`, () => {
      for (const op of [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0]) {
        const px = [insn(0xb7, 0, 0, 0, 0), insn(op | cls | 8, 1, 2, 1), insn(0x95), insn(0xb7, 0, 0, 0, 1), insn(0x95)];
        for (const [a, b] of PAIRS) same(px, [a, b], `jmp ${op} ${a} ${b}`);
        for (const k of IMMS) {
          const pk = [insn(0xb7, 0, 0, 0, 0), insn(op | cls, 1, 0, 1, k), insn(0x95), insn(0xb7, 0, 0, 0, 1), insn(0x95)];
          for (const a of EDGES) same(pk, [a], `jmp ${op} ${a} imm ${k}`);
        }
      }
    }, 60_000);
  }
});

// ---- calls, helpers, callbacks, tail calls (calls.test.ts shapes) ----
const mov = (dst: number, k: number) => insn(0xb7, dst, 0, 0, k);
const EXIT = insn(0x95);
const callLocal = (rel: number) => insn(0x85, 0, 1, 0, rel);
const callHelper = (id: number) => insn(0x85, 0, 0, 0, id);
const loop: HelperFn = (vm, nr, fn, ctx) => {
  let i = 0n;
  for (; i < nr; i++) if (vm.callFunction(fn, [i, ctx]) !== 0n) { i++; break; }
  return i;
};
const sumProg = (calleeOff: number) => [
  insn(0x7a, 10, 0, -8, 0), mov(1, 5), ...ldImm64(2, 7n, 4), insn(0xbf, 3, 10), insn(0x07, 3, 0, 0, -8), mov(4, 0),
  callHelper(181), insn(0x79, 0, 10, -8), EXIT,
  insn(0x79, 3, 2, calleeOff), insn(0x0f, 3, 1), insn(0x7b, 2, 3, 0), mov(0, 0), EXIT,
];
const recurse = (n: number) => [mov(1, n), callLocal(1), EXIT, insn(0x15, 1, 0, 3, 0), insn(0x07, 1, 0, 0, -1), callLocal(-3), EXIT, mov(0, 42), EXIT];

describe('calls, helpers, callbacks and tail calls on both engines', () => {
  const cases: Array<[string, Insn[], Parameters<typeof compareEngines>[1]]> = [
    ['frames keep r6-r9 and own stacks', [
      mov(6, 6), mov(7, 7), mov(8, 8), mov(9, 9), insn(0x7a, 10, 0, -8, 100), mov(1, 1), mov(2, 2), callLocal(7),
      insn(0x0f, 0, 6), insn(0x0f, 0, 7), insn(0x0f, 0, 8), insn(0x0f, 0, 9), insn(0x79, 3, 10, -8), insn(0x0f, 0, 3), EXIT,
      mov(6, 0), mov(7, 0), mov(8, 0), mov(9, 0), insn(0x7a, 10, 0, -8, 555), insn(0xbf, 0, 1), insn(0x0f, 0, 2), EXIT], {}],
    ['8 frames', recurse(6), {}],
    ['a 9th frame is a stack oops', recurse(7), {}],
    ['helper args and missing helpers', [insn(0xb7, 1, 0, 0, -1), mov(2, 2), callHelper(1), callHelper(7), EXIT], { helpers: { 1: (_vm, a, b) => a + b } }],
    ['a helper that throws', [callHelper(1), EXIT], { helpers: { 1: () => { throw new Error('boom'); } } }],
    ['vm.read / vm.write and a bad address', [insn(0xbf, 1, 10), callHelper(1), insn(0x79, 2, 10, -8), insn(0x0f, 0, 2), callHelper(2), EXIT],
      { helpers: { 1: (vm, a) => { vm.write(a - 8n, 8, 0x1234n); return vm.read(a - 8n, 4) + 1n; }, 2: (vm, a) => vm.read(a, 8) } }],
    ['vm.alloc', [callHelper(1), insn(0x7a, 0, 0, 0, 77), insn(0x79, 0, 0, 0), EXIT], { helpers: { 1: (vm) => vm.alloc('map_value', 8).base } }],
    ['vm.stop', [callHelper(5), mov(0, 3), EXIT], { helpers: { 5: (vm) => { vm.stop(9n); return 0n; } } }],
    ['callx to a function pointer', [...ldImm64(2, 4n, 4), mov(1, 20), insn(0x8d, 2), EXIT, insn(0xbf, 0, 1), insn(0x07, 0, 0, 0, 1), EXIT], {}],
    ['callx to a computed code address', [...ldImm64(2, 4n, 4), insn(0x07, 2, 0, 0, 8), mov(1, 20), insn(0x8d, 2), EXIT, insn(0xbf, 0, 1), insn(0x07, 0, 0, 0, 1), EXIT], {}],
    ['callx to a helper id', [mov(2, 5), insn(0xb7, 1, 0, 0, 11), insn(0x8d, 2), EXIT], { helpers: { 5: (_vm, a) => a * 2n } }],
    ['callx to a bad address', [...ldImm64(3, 0xffff888012345678n), insn(0x8d, 3), EXIT], {}],
    ['bpf_loop callbacks', sumProg(0), { helpers: { 181: loop } }],
    ['a fault inside a callback', sumProg(8), { helpers: { 181: loop } }],
    ['the budget covers callbacks', sumProg(0), { helpers: { 181: loop }, budget: 20 }],
    ['a tail call keeps the frame', [mov(6, 3), callHelper(12), mov(0, 99), EXIT],
      { helpers: { 12: (vm) => { vm.tailCall([insn(0xbf, 0, 6), insn(0x07, 0, 0, 0, 100), EXIT]); return 0n; } } }],
    ['at most 33 tail calls', [callHelper(12), mov(0, 7), EXIT],
      { helpers: { 12: (vm) => (vm.tailCall([callHelper(12), mov(0, 7), EXIT]) ? 0n : 1n) } }],
    ['a tail call from a subprogram returns to the caller', [callLocal(2), insn(0x07, 0, 0, 0, 1000), EXIT, callHelper(12), EXIT],
      { helpers: { 12: (vm) => { vm.tailCall([mov(0, 5), EXIT]); return 0n; } } }],
    ['off the end after a jump, a call and a fall-through', [mov(0, 1), insn(0x15, 0, 0, 5, 1), callLocal(-5), insn(0x07, 0, 0, 0, 1)], {}],
    ['an empty program', [], {}],
  ];
  it.each(cases)('%s', (_name, prog, opts) => {
    expect(compareEngines(prog, opts)).toEqual([]);
  });
  it('every budget from 0 to the full run stops on the same instruction', () => {
    for (let b = 0; b <= 40; b++) expect(compareEngines(sumProg(0), { helpers: { 181: loop }, budget: b }), `budget ${b}`).toEqual([]);
  });
});
