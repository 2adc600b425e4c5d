/**
 * Verifier speed beside the kernel's: for the corpus programs with the most processed
 * instructions, our verify() time against the kernel's `verification time N usec` recorded in
 * the goldens (target: at most 3x). `benchVerifier()` returns the rows; run this file directly
 * (`npx tsx src/verifier/bench.ts`) to print them. Figures only, never pass/fail.
 */
import { runCorpus } from './corpusRun.ts';

export interface BenchRow {
  name: string;
  processed: number;
  oursUsec: number;
  kernelUsec: number;
  ratio: number;
}

export function benchVerifier(top = 8): BenchRow[] {
  const all = runCorpus((n) => !n.includes('bounded_200k') && !n.includes('too_many_iterations'));
  const big = all.filter((r) => r.golden.verification_time_usec !== null && r.golden.processed !== null)
    .sort((a, b) => (b.golden.processed ?? 0) - (a.golden.processed ?? 0)).slice(0, top);
  return big.map((r) => {
    // The first run (runCorpus above) warms the JIT; the best of the next runs is the figure
    // (3 runs for small programs, 1 for the 1M-instruction ones).
    let best = r.ms;
    const runs = (r.golden.processed ?? 0) > 100_000 ? 1 : 3;
    for (let k = 0; k < runs; k++) best = Math.min(best, runCorpus((n) => n === r.name)[0].ms);
    const ours = Math.round(best * 1000);
    const kernel = r.golden.verification_time_usec ?? 1;
    return { name: r.name, processed: r.golden.processed ?? 0, oursUsec: ours, kernelUsec: kernel, ratio: ours / Math.max(1, kernel) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('== verifier: ours vs the 6.18 kernel (verification time from the goldens)');
  for (const r of benchVerifier()) {
    console.log(`  ${r.name.padEnd(40)} ${String(r.processed).padStart(7)} insns  ours ${String(r.oursUsec).padStart(9)} us  kernel ${String(r.kernelUsec).padStart(9)} us  x${r.ratio.toFixed(2)}`);
  }
}
