// Fixed-seed random-program differential fuzz: thousands of generated programs (ALU, memory,
// jumps both ways, local calls, helpers, callbacks, tail calls, atomics, callx, junk slots) run
// on the reference interpreter and on the WebAssembly engine; r0, exited, steps, registers, the
// oops (kind, pc, address, full report), `mem` and the whole final memory must be identical.
import { describe, expect, it } from 'vitest';
import { runProgram, type HelperFn } from '../index.ts';
import { Memory } from '../memory.ts';
import { compareEngines, randomProgram, Rng } from './testing.ts';

const rng = new Rng(20261122);
const tailProg = randomProgram(new Rng(7), 12);

const seen = { callbacks: 0, tails: 0, frees: 0 };
const helpers: Record<number, HelperFn> = {
  1: (vm, a) => vm.read(a, 8),
  5: (vm, a) => { if (a === 0n) vm.stop(0n); return a; },
  6: (vm, a) => vm.alloc('map_value', 8 + Number(a & 15n), { name: 'value' }).base,
  7: (vm, nr, fn, ctx) => { // bpf_loop-like: callbacks through vm.callFunction
    let i = 0n;
    for (; i < (nr & 3n); i++) {
      const r = vm.callFunction(fn, [i, ctx]);
      seen.callbacks++;
      if (r !== 0n) { i++; break; }
    }
    return i;
  },
  12: (vm) => (vm.tailCall(tailProg) ? (seen.tails++, 0n) : 1n),
  13: (vm) => { // free the newest map value (drops translation caches mid-run)
    const r = [...vm.memory.regions].reverse().find((x) => x.kind === 'map_value');
    if (r) { vm.free(r); seen.frees++; }
    return r ? 1n : 0n;
  },
  14: (vm, a, b) => { vm.write(a, 4, b); return vm.reg(6) ^ vm.reg(0) ^ BigInt(vm.pc) ^ BigInt(vm.frame); },
  15: () => { throw new Error('boom'); },
};

describe('random programs on both engines', () => {
  it('agree on everything (fixed seed, 3000 programs, shared memories)', () => {
    const mems: [Memory, Memory] = [new Memory(), new Memory()];
    const kinds: Record<string, number> = {};
    let exited = 0;
    for (let k = 0; k < 3000; k++) {
      const prog = randomProgram(rng, 6 + rng.next(40));
      const mem = rng.next(3) ? new Uint8Array(Array.from({ length: 16 + rng.next(32) }, () => rng.next(256))) : undefined;
      const budget = rng.next(4) === 0 ? 1 + rng.next(60) : 2000;
      const diffs = compareEngines(prog, { mem, budget, helpers }, mems);
      if (diffs.length) {
        const dump = prog.map((i, pc) => `${pc}: ${JSON.stringify(i)}`).join('\n');
        expect.fail(`program ${k} (budget ${budget}):\n${diffs.join('\n')}\n${dump}`);
      }
      const r = runProgram(prog, { mem, budget, helpers }).oops?.kind; // coverage accounting only
      if (r) kinds[r] = (kinds[r] ?? 0) + 1;
      else exited++;
    }
    console.log(`fuzz: ${JSON.stringify(kinds)}, ${exited} clean exits, ${JSON.stringify(seen)}`);
    // The generator reaches every kind of stop and many clean exits.
    for (const kind of ['budget', 'fault', 'helper', 'invalid', 'stack']) expect(kinds[kind] ?? 0, kind).toBeGreaterThan(0);
    expect(exited).toBeGreaterThan(300);
    expect(seen.callbacks).toBeGreaterThan(500);
    expect(seen.tails).toBeGreaterThan(50);
    expect(seen.frees).toBeGreaterThan(100);
  }, 120_000);

  it('verifier-proved mode agrees on every program whose reference run does not fault (fixed seed, 1500 programs)', () => {
    // Proved mode drops the checks of ctx (r1) + constant accesses; on a run without a fault every
    // executed access was in bounds, so the unchecked translation must give exactly the same run.
    const prng = new Rng(4242);
    const mems: [Memory, Memory] = [new Memory(), new Memory()];
    let compared = 0;
    for (let k = 0; k < 1500; k++) {
      const prog = randomProgram(prng, 6 + prng.next(40));
      const mem = new Uint8Array(Array.from({ length: 16 + prng.next(32) }, () => prng.next(256)));
      const ref = runProgram(prog, { mem, budget: 2000, helpers });
      if (ref.oops?.kind === 'fault') continue;
      const diffs = compareEngines(prog, { mem, budget: 2000, helpers }, mems, { mode: 'proven' });
      if (diffs.length) expect.fail(`program ${k}:\n${diffs.join('\n')}\n${prog.map((i, pc) => `${pc}: ${JSON.stringify(i)}`).join('\n')}`);
      compared++;
    }
    console.log(`fuzz (proven mode): ${compared} fault-free programs compared`);
    expect(compared).toBeGreaterThan(500);
  }, 120_000);
});
