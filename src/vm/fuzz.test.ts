// Robustness: random programs (random opcode bytes, registers, offsets and immediates, with a bias
// towards valid opcodes) never throw a JS exception and never run past the budget.
import { describe, expect, it } from 'vitest';
import type { Insn } from '../isa/insn.ts';
import { Memory, runProgram } from './index.ts';

let seed = 12345;
const rand = (n: number) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};
const VALID = [
  0x07, 0x0f, 0x17, 0x1f, 0x27, 0x2f, 0x37, 0x3f, 0x47, 0x4f, 0x57, 0x5f, 0x67, 0x6f, 0x77, 0x7f, 0x87, 0x97, 0x9f,
  0xa7, 0xaf, 0xb7, 0xbf, 0xc7, 0xcf, 0xd7, 0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x44, 0x4c, 0x54, 0x5c,
  0x64, 0x6c, 0x74, 0x7c, 0x84, 0x94, 0x9c, 0xa4, 0xac, 0xb4, 0xbc, 0xc4, 0xcc, 0xd4, 0xdc, 0x05, 0x15, 0x1d, 0x25,
  0x2d, 0x55, 0x5d, 0x65, 0x6d, 0xa5, 0xad, 0xc5, 0xcd, 0x06, 0x16, 0x1e, 0x56, 0x66, 0x85, 0x8d, 0x95, 0x18, 0x61,
  0x69, 0x71, 0x79, 0x81, 0x89, 0x91, 0x62, 0x6a, 0x72, 0x7a, 0x63, 0x6b, 0x73, 0x7b, 0xc3, 0xdb, 0xcb, 0xd3,
];
const IMMS = [0, 1, -1, 8, 16, 32, 64, 0x100, 0x110, 0xe1, 0xf1, 0x01, 0x41, 0x51, 0xa1, 0x80000000 | 0, 5];

function randomProgram(n: number): Insn[] {
  const p: Insn[] = [];
  for (let k = 0; k < n; k++) {
    const code = rand(4) === 0 ? rand(256) : VALID[rand(VALID.length)];
    const off = rand(3) === 0 ? rand(65536) - 32768 : rand(2) === 0 ? -rand(520) : rand(n) - (n >> 1);
    const imm = rand(2) ? IMMS[rand(IMMS.length)] : (rand(0x7fffffff) - 0x3fffffff) | 0;
    p.push({ code, dst: rand(3) ? rand(11) : rand(16), src: rand(3) ? rand(11) : rand(16), off, imm });
  }
  return p;
}

describe('random programs', () => {
  it('never throw and never exceed the budget', () => {
    const memory = new Memory();
    const kinds: Record<string, number> = {};
    for (let k = 0; k < 3000; k++) {
      const prog = randomProgram(4 + rand(40));
      const budget = 1 + rand(5000);
      const r = runProgram(prog, {
        memory,
        budget,
        mem: rand(2) ? new Uint8Array(rand(64)) : undefined,
        trace: rand(4) === 0,
        helpers: { 1: (vm, a) => vm.read(a, 8), 5: (vm, a) => { if (a === 0n) vm.stop(0n); return a; } },
      });
      expect(r.steps).toBeLessThanOrEqual(budget);
      expect(r.exited || r.oops !== undefined).toBe(true);
      expect(r.r0 >= 0n && r.r0 < 1n << 64n).toBe(true);
      if (r.oops) {
        expect(r.oops.message.length).toBeGreaterThan(0);
        kinds[r.oops.kind] = (kinds[r.oops.kind] ?? 0) + 1;
      }
    }
    // the generator reaches the common kinds of stop (deep recursion: calls.test.ts)
    for (const kind of ['budget', 'fault', 'helper', 'invalid']) expect(kinds[kind], kind).toBeGreaterThan(0);
  });
});
