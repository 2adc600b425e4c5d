/**
 * `npm run bench`: prints figures, never pass/fail. Compare ratios within one run; absolute
 * numbers move with the machine's load (2 cores, shared). Each section is one bench module.
 */
import { benchEngines, printEngines } from './engines.ts';
import { benchExample, printExample } from './example.ts';
import { printNicBench } from '../src/sim/nic/bench.ts';
import { printTracingBench } from '../src/sim/events/bench.ts';
import { benchInterpreter } from './vm.ts';
import { benchVerifier } from '../src/verifier/bench.ts';
import { benchCompiler, printCompilerBench } from '../src/compiler/bench.ts';

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));

const T0 = performance.now();
console.log('== reference interpreter (src/vm), loop-heavy program');
const r = benchInterpreter();
console.log(`  untraced: ${fmt(r.insnsPerSec)} insns/s  (${r.steps} insns in ${r.ms} ms; target >= 5 M/s)`);
console.log(`  traced:   ${fmt(r.insnsPerSecTraced)} insns/s`);


console.log('\n== engines: reference interpreter vs WebAssembly (src/vm/wasm) vs kernel BPF_PROG_TEST_RUN');
const engines = benchEngines();
printEngines(engines);

console.log('\n== the seed example end to end (C → ELF → our kernel), both engines and the real kernel');
const ex = benchExample();
printExample(ex);

console.log('\n== summary: ns/run, ours (fast engine, loop in wasm) vs the 6.18 kernel (BPF_PROG_TEST_RUN repeat, incl. its ~21 ns loop)');
console.log('   vs the reference interpreter (its core loop, execute(), where measured; else runProgram). Targets: <= 2x the kernel, >= 20x the interpreter.');
const row = (name: string, ours: number, kernel: number | undefined, interp: number) =>
  console.log(`  ${name.padEnd(44)} ours ${ours.toFixed(1).padStart(6)}  kernel ${kernel === undefined ? '   n/a' : String(kernel).padStart(6)}  ours/kernel ${kernel === undefined ? ' n/a' : (ours / kernel).toFixed(2) + 'x'}  interpreter/ours ${(interp / ours).toFixed(0)}x`);
for (const f of engines) if (f.name.startsWith('XDP') || f.name.startsWith('map')) row(f.name, 1e9 / f.wasmRepeat, f.kernelNs, 1e9 / f.interpCore);
row('examples/05-xdp-drop-udp (C, proven mode)', ex.accepted ? ex.nsPerRun.provenRepeat : ex.nsPerRun.checkedRepeat, ex.kernelNs, ex.nsPerRun.interp);

console.log('\n== virtual NIC: the example fed the iperf scenario (src/sim/nic)');
printNicBench(100_000);

console.log('\n== tracing: a counter program driven by the kernel event generator (src/sim/events, 5 s world, all workloads)');
printTracingBench();

console.log(`\n(${((performance.now() - T0) / 1000).toFixed(0)} s so far)`);
console.log('\n== verifier: ours vs the 6.18 kernel on the corpus programs with the most processed insns');
console.log('   (kernel time = its own "verification time" from the recorded goldens; target <= 3x)');
for (const r of benchVerifier()) {
  console.log(`  ${r.name.padEnd(40)} ${String(r.processed).padStart(7)} insns  ours ${String(r.oursUsec).padStart(9)} us  kernel ${String(r.kernelUsec).padStart(9)} us  x${r.ratio.toFixed(2)}`);
}

console.log(`\n(${((performance.now() - T0) / 1000).toFixed(0)} s so far)`);
console.log('\n== C compiler: compile time per corpus program, and our instruction count over clang-19 -O2');
printCompilerBench(benchCompiler());
console.log(`\n(${((performance.now() - T0) / 1000).toFixed(0)} s in all)`);

console.log('\n== the page: keystroke → verdict per example, in Chromium (Performance API in the page; target < 100 ms)');
try {
  const { existsSync } = await import('node:fs');
  if (!existsSync('dist/index.html')) {
    const { spawnSync } = await import('node:child_process');
    spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  const { benchKeystroke, printKeystroke } = await import('../scripts/bench-keystroke.ts');
  printKeystroke(await benchKeystroke());
} catch (e) {
  console.log(`  skipped: ${(e as Error).message.split('\n')[0]} (needs Chromium and a built dist/)`);
}
console.log(`\n(${((performance.now() - T0) / 1000).toFixed(0)} s in all, with the page)`);
