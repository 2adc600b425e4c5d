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
    // Warm run already done by runCorpus; time a second run of the same case.
    const again = runCorpus((n) => n === r.name)[0];
    const ours = Math.round(Math.min(r.ms, again.ms) * 1000);
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
