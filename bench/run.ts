/**
 * `npm run bench`: prints figures, never pass/fail. Compare ratios within one run; absolute
 * numbers move with the machine's load (2 cores, shared). Each section is one bench module.
 */
import { printEngines } from './engines.ts';
import { benchInterpreter } from './vm.ts';

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));

console.log('== reference interpreter (src/vm), loop-heavy program');
const r = benchInterpreter();
console.log(`  untraced: ${fmt(r.insnsPerSec)} insns/s  (${r.steps} insns in ${r.ms} ms; target >= 5 M/s)`);
console.log(`  traced:   ${fmt(r.insnsPerSecTraced)} insns/s`);


console.log('\n== engines: reference interpreter vs WebAssembly (src/vm/wasm) vs kernel BPF_PROG_TEST_RUN');
printEngines();
