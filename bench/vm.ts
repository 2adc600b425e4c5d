/**
 * Interpreter throughput: instructions per second of the reference interpreter on a loop-heavy
 * program (1M iterations of 64-bit ALU ops, a multiply, a stack store and load, a 32-bit op and a
 * conditional branch), trace off, and a shorter run with trace on. Prints JSON when run directly
 * (`npx tsx bench/vm.ts`). Figures only, never pass/fail; they move with the machine's load.
 */
import { insn } from '../src/isa/insn.ts';
import { runProgram } from '../src/vm/index.ts';

/**
 *   0: r0 = 0
 *   1: r1 = iterations
 *   2: r2 = 0x9e3779b9            (64-bit after the shift below)
 *   3: r2 <<= 8
 * loop:
 *   4: r0 += r1
 *   5: r3 = r0
 *   6: r3 *= r2
 *   7: r3 ^= r1
 *   8: *(u64 *)(r10 - 8) = r3
 *   9: r4 = *(u64 *)(r10 - 8)
 *  10: w4 += 7
 *  11: *(u32 *)(r10 - 16) = r4
 *  12: r0 += r4
 *  13: r1 -= 1
 *  14: if r1 != 0 goto loop (-11)
 *  15: exit
 */
export function loopProgram(iterations: number) {
  return [
    insn(0xb7, 0, 0, 0, 0),
    insn(0xb7, 1, 0, 0, iterations),
    insn(0xb4, 2, 0, 0, 0x9e3779b9 | 0),
    insn(0x67, 2, 0, 0, 8),
    insn(0x0f, 0, 1),
    insn(0xbf, 3, 0),
    insn(0x2f, 3, 2),
    insn(0xaf, 3, 1),
    insn(0x7b, 10, 3, -8),
    insn(0x79, 4, 10, -8),
    insn(0x04, 4, 0, 0, 7),
    insn(0x63, 10, 4, -16),
    insn(0x0f, 0, 4),
    insn(0x17, 1, 0, 0, 1),
    insn(0x55, 1, 0, -11, 0),
    insn(0x95),
  ];
}

export interface InterpreterBench {
  /** Instructions per second, trace off (best of 3 runs). */
  insnsPerSec: number;
  /** Instructions per second with trace on. */
  insnsPerSecTraced: number;
  /** Instructions executed per untraced run. */
  steps: number;
  /** Milliseconds of the best untraced run. */
  ms: number;
  iterations: number;
}

export function benchInterpreter(iterations = 1_000_000): InterpreterBench {
  const prog = loopProgram(iterations);
  runProgram(loopProgram(10_000), { budget: 1e9 }); // warm up the JIT
  let best = Infinity;
  let steps = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const r = runProgram(prog, { budget: 1e9 });
    const dt = performance.now() - t0;
    if (r.oops) throw new Error(r.oops.message);
    steps = r.steps;
    best = Math.min(best, dt);
  }
  const tIters = Math.max(1, Math.floor(iterations / 20));
  const t0 = performance.now();
  const tr = runProgram(loopProgram(tIters), { budget: 1e9, trace: true });
  const tdt = performance.now() - t0;
  return {
    insnsPerSec: Math.round(steps / (best / 1000)),
    insnsPerSecTraced: Math.round(tr.steps / (tdt / 1000)),
    steps,
    ms: Math.round(best * 10) / 10,
    iterations,
  };
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) console.log(JSON.stringify(benchInterpreter()));
