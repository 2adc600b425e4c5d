/**
 * Records the scalar-domain goldens from this machine's real kernel:
 *
 *   npx tsx src/verifier/domains/record.ts [--only SUBSTR] [--show] [--replay]
 *
 * For every case of cases.ts it assembles the program (src/asm), writes the bytecode to a temp
 * dir, loads it with ../shared/tools/kernel_oracle.py (XDP, log level 2) and keeps the log lines
 * that carry register state (`N: (xx) insn ; R6=...`, `from X to Y: ...`, `N: safe`) in
 * testdata/scalar-goldens.json, then replays them through our domain and prints the agreement.
 * `--show` prints the mismatches; `--only` records nothing, it just runs the matching cases;
 * `--replay` loads nothing into the kernel: it replays the recorded JSON (no root needed);
 * `--only X --merge` records the matching cases and merges them into the JSON.
 * Needs root (bpf()); the tests read the JSON and run anywhere.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble } from '../../asm/index.ts';
import { encodeInsns } from '../../isa/insn.ts';
import { allCases } from './cases.ts';
import { type GoldenCase, type GoldenFile, caseLog, parseLog, replay } from './replay.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ORACLE = join(here, '../../../../shared/tools/kernel_oracle.py');
const OUT = join(here, 'testdata/scalar-goldens.json');


function runOracle(bin: string): Promise<{ accepted: boolean; error: string | null; log: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('python3', [ORACLE, 'verify', bin, '--type', 'xdp', '--log-level', '2']);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', () => {
      try {
        const j = JSON.parse(out);
        resolve({ accepted: j.accepted, error: j.error ?? null, log: j.log ?? '' });
      } catch (e) {
        reject(new Error(`oracle output not JSON for ${bin}: ${out.slice(0, 200)}`));
      }
    });
  });
}

const KEEP = /^(\d+: \([0-9a-f]{2}\) |from \d+ to \d+: |\d+: R\d|(from \d+ to )?\d+: safe)/;

/** The lines worth keeping, without the state line that repeats a `from X to N:` line. */
export function compactLog(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (!KEEP.test(l)) continue;
    const prev = out[out.length - 1];
    const m = prev ? /^from \d+ to (\d+): (.*)$/.exec(prev) : null;
    if (m && l === `${m[1]}: ${m[2]}`) continue;
    out.push(l.trimEnd());
  }
  return out;
}

function loadGoldens(): GoldenCase[] {
  const doc = JSON.parse(readFileSync(OUT, 'utf8')) as GoldenFile;
  return doc.cases.map((c) => ({ name: c.name, asm: c.asm, hex: c.hex, accepted: c.accepted, error: c.error, log: caseLog(doc, c) }));
}

const PREAMBLE_LINES = 7;

function writeGoldens(cases: readonly GoldenCase[]): void {
  const logs = cases.map((c) => compactLog(c.log));
  const preamble = logs[0].slice(0, PREAMBLE_LINES);
  const doc: GoldenFile = {
    note: 'Recorded by src/verifier/domains/record.ts from the real kernel (Linux 6.18, XDP, log level 2).',
    preamble,
    cases: cases.map((c, i) => {
      const log = logs[i];
      const pre = preamble.every((l, k) => log[k] === l);
      return { ...c, log: pre ? log.slice(preamble.length) : log, ...(pre ? { pre } : {}) };
    }),
  };
  writeFileSync(OUT, JSON.stringify(doc, null, 0).replace(/\{"name"/g, '\n{"name"') + '\n');
  console.log(`wrote ${OUT}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const show = args.includes('--show');
  if (args.includes('--replay')) {
    const all = loadGoldens();
    report(all.filter((c) => !only || c.name.includes(only)), show);
    if (args.includes('--rewrite')) writeGoldens(all);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'scalar-goldens-'));
  const cases = allCases().filter((c) => !only || c.name.includes(only));
  const results: GoldenCase[] = new Array(cases.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < cases.length) {
      const k = next++;
      const c = cases[k];
      const asm = assemble(c.asm, { dialect: 'llvm', file: c.name });
      if (asm.diagnostics.some((d) => d.severity === 'error')) {
        throw new Error(`case ${c.name} does not assemble: ${asm.diagnostics.map((d) => d.message).join('; ')}`);
      }
      const bytes = encodeInsns(asm.insns);
      const bin = join(dir, `case${k}.bin`);
      writeFileSync(bin, bytes);
      const r = await runOracle(bin);
      results[k] = {
        name: c.name,
        asm: c.asm,
        hex: Buffer.from(bytes).toString('hex'),
        accepted: r.accepted,
        error: r.error,
        log: compactLog(r.log.split('\n')),
      };
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  report(results, show);
  if (!only) writeGoldens(results);
  else if (args.includes('--merge')) {
    // Replace or add just the matching cases in the recorded file.
    const byName = new Map(results.map((r) => [r.name, r]));
    const merged = loadGoldens().filter((c) => !byName.has(c.name)).concat(results);
    const order = new Map(allCases().map((c, i) => [c.name, i]));
    merged.sort((a, b) => (order.get(a.name) ?? 1e9) - (order.get(b.name) ?? 1e9));
    writeGoldens(merged);
  }
}

/** Replay recorded cases through our domain and print the agreement. */
function report(results: readonly GoldenCase[], show: boolean): void {
  let compared = 0;
  let bad = 0;
  let errors = 0;
  for (const g of results) {
    const insns = assemble(g.asm, { dialect: 'llvm' }).insns;
    const r = replay(insns, parseLog(g.log.join('\n')));
    compared += r.compared;
    bad += r.mismatches.length;
    if (r.error) errors++;
    if (show && (r.mismatches.length || r.error || !g.accepted)) {
      console.log(`--- ${g.name}${g.accepted ? '' : ` (rejected: ${g.error})`}`);
      if (r.error) console.log(`  replay error: ${r.error}`);
      for (const m of r.mismatches) console.log(`  line ${m.line} pc ${m.pc} ${m.reg}\n    kernel ${m.kernel}\n    ours   ${m.ours}`);
    }
  }
  console.log(`${results.length} cases, ${compared} register texts compared, ${bad} mismatches, ${errors} replay errors`);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
