// Exact per-instruction execution counts (RunOptions.counts; the fast engine's counting mode):
// a hand-computed loop, then differential checks against the reference interpreter's step trace
// (one TraceStep per executed instruction), attributed to programs from the trace alone (frames
// and the tail-call number), on hand-written programs with bpf-to-bpf calls, callbacks, tail calls
// (also from a subprogram), faults in the middle of a block and budget stops, and on 1000 random
// programs. Also: counting is off by default and does not change the generated code otherwise.
import { describe, expect, it } from 'vitest';
import { insn, ldImm64, type Insn } from '../../isa/insn.ts';
import { runProgram, type HelperFn, type InsnCounter, type RunOptions, type TraceStep } from '../index.ts';
import { Memory } from '../memory.ts';
import { decodeProgram } from '../decode.ts';
import { EngineCache, fastRunner, runFast, compileWasm } from './index.ts';
import { translate } from './translate.ts';
import { mainRoots } from './engine.ts';
import { randomProgram, Rng } from './testing.ts';

const EXIT = insn(0x95);
const mov = (r: number, imm: number) => insn(0xb7, r, 0, 0, imm);
const callHelper = (id: number) => insn(0x85, 0, 0, 0, id);
const callLocal = (off: number) => insn(0x85, 0, 1, 0, off);

/** A counter: one array per program (keyed by its instruction array). */
function counter(): { of: InsnCounter; arrays: Map<readonly Insn[], Float64Array> } {
  const arrays = new Map<readonly Insn[], Float64Array>();
  const of: InsnCounter = (p) => {
    let a = arrays.get(p);
    if (!a) arrays.set(p, (a = new Float64Array(p.length)));
    return a;
  };
  return { of, arrays };
}

/**
 * Counts from a step trace, per program: `tails[k]` is the program the k-th successful tail call
 * loaded. A step's program is its frame's: a new frame (call, callback) runs the caller's program,
 * a tail call replaces the program of its frame, returning to a lower frame finds that frame's.
 */
function traceCounts(main: readonly Insn[], trace: readonly TraceStep[], tails: readonly (readonly Insn[])[]): Map<readonly Insn[], number[]> {
  const out = new Map<readonly Insn[], number[]>();
  const progAt: (readonly Insn[])[] = [main];
  let prevFrame = 0, prevTail = 0;
  for (const s of trace) {
    const t = s.prog ?? 0;
    if (t > prevTail) progAt[s.frame] = tails[t - 1];
    else if (s.frame > prevFrame) progAt[s.frame] = progAt[prevFrame];
    prevFrame = s.frame;
    prevTail = t;
    const p = progAt[s.frame];
    let a = out.get(p);
    if (!a) out.set(p, (a = new Array(p.length).fill(0)));
    a[s.pc]++;
  }
  return out;
}

/** Both engines' counts and the trace's, for one run per engine (fresh memories, the same inputs). */
function allCounts(insns: Insn[], opts: RunOptions, tailsOf: () => (readonly Insn[])[]) {
  const traced = runProgram(insns, { ...opts, memory: new Memory(), trace: true });
  const expected = traceCounts(insns, traced.trace!, tailsOf());
  const ref = counter();
  const r1 = runProgram(insns, { ...opts, memory: new Memory(), counts: ref.of });
  const fast = counter();
  const r2 = runFast(insns, { ...opts, memory: new Memory(), counts: fast.of });
  if (!r2.ok) throw new Error(r2.error);
  // key tail-called programs by identity in the same order for all three
  const order = (m: Map<readonly Insn[], ArrayLike<number>>) => {
    const o: Record<string, number[]> = {};
    for (const [p, a] of m) {
      const arr = Array.from(a);
      if (!arr.some((x) => x !== 0)) continue;
      o[p === insns ? 'main' : `tail(${p.length}):${JSON.stringify(p[0])}`] = arr;
    }
    return o;
  };
  return { expected: order(expected), ref: order(ref.arrays), fast: order(fast.arrays), steps: [traced.steps, r1.steps, r2.steps], fastEngine: r2.engine };
}

describe('exact execution counts', () => {
  it('a loop of N iterations counts N on the loop body (hand-computed), on both engines', () => {
    const N = 1000;
    const prog = [
      mov(0, 0), // 0
      mov(1, N), // 1
      insn(0x0f, 0, 1), // 2: loop: r0 += r1
      insn(0x17, 1, 0, 0, 1), // 3: r1 -= 1
      insn(0x55, 1, 0, -3, 0), // 4: if r1 != 0 goto 2
      EXIT, // 5
    ];
    const want = [1, 1, N, N, N, 1];
    const ref = counter();
    const r = runProgram(prog, { counts: ref.of });
    expect(r.r0).toBe(BigInt((N * (N + 1)) / 2));
    expect(Array.from(ref.of(prog))).toEqual(want);
    const fast = counter();
    const f = runFast(prog, { counts: fast.of });
    expect(f.ok && f.engine).toBe('wasm');
    expect(Array.from(fast.of(prog))).toEqual(want);
    // counts add up across runs (a runner, flushed once after 7 runs)
    const c = compileWasm(prog, { count: true });
    expect(c.ok).toBe(true);
    const many = counter();
    const runner = fastRunner(c.ok ? c.engine : (undefined as never), { counts: many.of, countKey: prog });
    for (let k = 0; k < 7; k++) runner.run();
    runner.flushCounts();
    expect(Array.from(many.of(prog))).toEqual(want.map((x) => 7 * x));
    runner.flushCounts(); // flushing again adds nothing
    expect(Array.from(many.of(prog))).toEqual(want.map((x) => 7 * x));
  });

  it('off by default: the same module bytes as before without `count`, and no counters', () => {
    const prog = [mov(0, 1), insn(0x55, 0, 0, 1, 0), mov(0, 2), EXIT];
    const d = decodeProgram(prog);
    const plain = translate(d, mainRoots(d));
    const explicit = translate(d, mainRoots(d), { count: false });
    const counting = translate(d, mainRoots(d), { count: true });
    expect(Buffer.from(explicit.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    expect(plain.blocks).toBeUndefined();
    // three blocks: [0,1], [2], [3]
    expect(counting.blocks).toEqual([[0, 1], [2], [3]]);
    // the compile cache keeps the two apart
    const cache = new EngineCache();
    const a = compileWasm(prog, { cache });
    const b = compileWasm(prog, { cache, count: true });
    expect(a.ok && b.ok && a.engine !== b.engine).toBe(true);
    expect(cache.size).toBe(2);
  });

  it('bpf-to-bpf calls: the subprogram counts once per call', () => {
    // main: r6 = 0; call f; r6 += r0; call f; r6 += r0; r0 = r6; exit — f (pc 7): r0 = 7; exit
    const p = [mov(6, 0), callLocal(5), insn(0x0f, 6, 0), callLocal(3), insn(0x0f, 6, 0), insn(0xbf, 0, 6), EXIT, mov(0, 7), EXIT];
    const got = allCounts(p, {}, () => []);
    expect(got.expected.main).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2]);
    expect(got.ref).toEqual(got.expected);
    expect(got.fast).toEqual(got.expected);
  });

  const loop: HelperFn = (vm, nr, fn, ctx) => {
    let i = 0n;
    for (; i < nr; i++) if (vm.callFunction(fn, [i, ctx]) !== 0n) { i++; break; }
    return i;
  };
  const sumProg = (calleeOff: number) => [
    insn(0x7a, 10, 0, -8, 0), mov(1, 5), ...ldImm64(2, 7n, 4), insn(0xbf, 3, 10), insn(0x07, 3, 0, 0, -8), mov(4, 0), callHelper(181),
    insn(0x79, 0, 10, -8), EXIT,
    insn(0x79, 3, 2, calleeOff), insn(0x0f, 3, 1), insn(0x7b, 2, 3, 0), mov(0, 0), EXIT,
  ];
  it('callbacks (bpf_loop-style): 5 calls of the callback count 5 on its body', () => {
    const p = sumProg(0);
    const got = allCounts(p, { helpers: { 181: loop } }, () => []);
    expect(got.expected.main).toEqual([1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5]);
    expect(got.ref).toEqual(got.expected);
    expect(got.fast).toEqual(got.expected);
  });
  it('a fault in the middle of a block: the faulting instruction counts, the rest of the block does not', () => {
    const p = sumProg(8); // the callback's first load faults on its first call
    const got = allCounts(p, { helpers: { 181: loop } }, () => []);
    expect(got.expected.main).toEqual([1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0]);
    expect(got.ref).toEqual(got.expected);
    expect(got.fast).toEqual(got.expected);
  });
  it('a budget stop inside a block counts exactly the instructions run', () => {
    for (const budget of [1, 2, 3, 9, 12, 20, 31]) {
      const got = allCounts(sumProg(0), { helpers: { 181: loop }, budget }, () => []);
      expect(got.steps).toEqual([budget, budget, budget]);
      expect(got.ref, `budget ${budget}`).toEqual(got.expected);
      expect(got.fast, `budget ${budget}`).toEqual(got.expected);
    }
  });

  it('tail calls count in the tail-called program, also from a subprogram back to the caller', () => {
    const b = [mov(0, 5), insn(0x07, 0, 0, 0, 1), EXIT];
    const tails: Insn[][] = [];
    const helpers: Record<number, HelperFn> = { 12: (vm) => { if (vm.tailCall(b)) tails.push(b); return 0n; } };
    const a = [callLocal(3), insn(0x07, 0, 0, 0, 1000), callLocal(1), EXIT, callHelper(12), EXIT];
    const got = allCounts(a, { helpers }, () => tails.slice());
    // a: 0 once, callee 4 twice (two calls, each tail-calls b), back in a: 1, 2, 3 once
    expect(got.expected.main).toEqual([1, 1, 1, 1, 2, 0]);
    expect(Object.values(got.expected)[1]).toEqual([2, 2, 2]);
    expect(got.ref).toEqual(got.expected);
    expect(got.fast).toEqual(got.expected);
  });

  it('random programs (1000, fixed seed; callbacks, tail calls, callx, faults, budget stops): both engines equal the trace', () => {
    const rng = new Rng(777);
    const tailProg = randomProgram(new Rng(7), 12);
    let tails: Insn[][] = [];
    const helpers: Record<number, HelperFn> = {
      1: (vm, a) => vm.read(a, 8),
      5: (vm, a) => { if (a === 0n) vm.stop(0n); return a; },
      6: (vm, a) => vm.alloc('map_value', 8 + Number(a & 15n), { name: 'value' }).base,
      7: (vm, nr, fn, ctx) => {
        let i = 0n;
        for (; i < (nr & 3n); i++) if (vm.callFunction(fn, [i, ctx]) !== 0n) { i++; break; }
        return i;
      },
      12: (vm) => (vm.tailCall(tailProg) ? (tails.push(tailProg), 0n) : 1n),
      14: (vm, a, b) => { vm.write(a, 4, b); return vm.reg(6) ^ vm.reg(0); },
      15: () => { throw new Error('boom'); },
    };
    let nonTrivial = 0;
    for (let k = 0; k < 1000; k++) {
      const prog = randomProgram(rng, 6 + rng.next(40));
      const mem = rng.next(3) ? new Uint8Array(Array.from({ length: 16 + rng.next(32) }, () => rng.next(256))) : undefined;
      const budget = rng.next(4) === 0 ? 1 + rng.next(60) : 2000;
      tails = [];
      const got = allCounts(prog, { mem, budget, helpers }, () => tails.slice());
      if (JSON.stringify(got.ref) !== JSON.stringify(got.expected) || JSON.stringify(got.fast) !== JSON.stringify(got.expected)) {
        expect.fail(`program ${k} (budget ${budget}):\nexpected ${JSON.stringify(got.expected)}\nref ${JSON.stringify(got.ref)}\nfast ${JSON.stringify(got.fast)}\n${prog.map((i, pc) => `${pc}: ${JSON.stringify(i)}`).join('\n')}`);
      }
      if (Object.values(got.expected).some((a) => a.some((x) => x > 1))) nonTrivial++;
    }
    expect(nonTrivial).toBeGreaterThan(100); // programs where some instruction ran more than once
  }, 120_000);
});
