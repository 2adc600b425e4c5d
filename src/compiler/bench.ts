/**
 * Compile-time figures for `npm run bench` (wired in bench/run.ts): milliseconds per compile of
 * every corpus program and of a 200-line program (testdata/bench/firewall200.c; target < 20 ms),
 * with our instruction count over clang-19's from the corpus goldens.
 * Does not: pass/fail anything; figures move with the machine's load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from './driver.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface CompileBench {
  name: string;
  lines: number;
  /** median ms per compile (preprocess → ELF-ready object) */
  ms: number;
  insns: number;
  clangInsns?: number;
}

function time(file: string, text: string, reps: number): number {
  for (let i = 0; i < 3; i++) compile({ [file]: text }, file); // warm up
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    compile({ [file]: text }, file);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1];
}

/** Every corpus program, then the 200-line program last. */
export function benchCompiler(reps = 15): CompileBench[] {
  const out: CompileBench[] = [];
  const dir = join(HERE, 'testdata/corpus');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.c')).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    const golden = JSON.parse(readFileSync(join(dir, f.replace(/\.c$/, '.golden.json')), 'utf8'));
    const obj = compile({ [f]: text }, f).object;
    out.push({ name: f.slice(0, -2), lines: text.split('\n').length, ms: time(f, text, reps), insns: obj?.programs[0]?.insns.length ?? 0, clangInsns: golden.clang?.insnCount || undefined });
  }
  const big = join(HERE, 'testdata/bench/firewall200.c');
  const text = readFileSync(big, 'utf8');
  const obj = compile({ 'firewall200.c': text }, 'firewall200.c').object;
  // the same program is in the corpus as xdp_firewall (with test packets): clang's count from there
  const clang = JSON.parse(readFileSync(join(dir, 'xdp_firewall.golden.json'), 'utf8')).clang?.insnCount || undefined;
  out.push({ name: 'firewall200 (200-line program)', lines: text.split('\n').length, ms: time('firewall200.c', text, reps * 2), insns: obj?.programs[0]?.insns.length ?? 0, clangInsns: clang });
  return out;
}

export function printCompilerBench(rows: CompileBench[]): void {
  let logSum = 0;
  let n = 0;
  for (const [i, r] of rows.entries()) {
    const ratio = r.clangInsns ? r.insns / r.clangInsns : undefined;
    if (ratio && i < rows.length - 1) { logSum += Math.log(ratio); n++; } // firewall200 is xdp_firewall
    console.log(`  ${r.name.padEnd(32)} ${String(r.lines).padStart(4)} lines ${r.ms.toFixed(2).padStart(7)} ms  ${String(r.insns).padStart(4)} insns${ratio ? `  x${ratio.toFixed(2)} clang` : ''}`);
  }
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  console.log(`  median ${ms[ms.length >> 1].toFixed(2)} ms per program; 200-line program ${rows[rows.length - 1].ms.toFixed(2)} ms (target < 20 ms); instruction count ours/clang geomean x${Math.exp(logSum / Math.max(n, 1)).toFixed(2)} over ${n}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printCompilerBench(benchCompiler());
