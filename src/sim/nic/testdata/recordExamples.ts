/**
 * Records the kernel goldens of the network examples (examples/1N-*​/prog.c): each compiled by
 * clang-19, loaded into this machine's 6.18 kernel and test-run (BPF_PROG_TEST_RUN through
 * ../shared/tools/kernel_oracle.py) on a selection of its own scenario's packets — the first 12,
 * then the first packet of every other kind the scenario sends — with maps dumped after the runs.
 * examples.test.ts runs the same packets through our kernel and compares.
 *
 *   npx tsx src/sim/nic/testdata/recordExamples.ts [NN-name ...]     (root, clang-19 needed)
 *
 * Provenance: the kernel's answers; our own script.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScenario } from '../scenario.ts';
import { exampleHeader, examplePackets } from './exampleSpec.ts';

const ORACLE = '../shared/tools/kernel_oracle.py';
const only = process.argv.slice(2);
const dirs = readdirSync('examples').filter((d) => /^1\d-/.test(d) && (only.length === 0 || only.includes(d)));
const tmp = mkdtempSync(join(tmpdir(), 'nic-goldens-'));
const arch = execFileSync('uname', ['-m']).toString().trim();
for (const d of dirs) {
  const file = join('examples', d, 'prog.c');
  const text = readFileSync(file, 'utf8');
  const h = exampleHeader(text);
  const sc = createScenario(h.scenario!, { seed: h.seed, count: h.count }).value!;
  const packets = examplePackets(sc, /SEC\("[^"]*egress/.test(text));
  const obj = join(tmp, `${d}.o`);
  execFileSync('clang-19', ['-target', 'bpf', '-O2', '-g', `-I/usr/include/${arch}-linux-gnu`, '-c', file, '-o', obj]);
  const progs = [...text.matchAll(/^SEC\("([^"]+)"\)\s*\n\s*int\s+(\w+)/gm)].map((m) => m[2]);
  const out: Record<string, unknown> = {};
  for (const name of progs) {
    const args = ['run', obj, '--prog', name, '--dump-maps', ...packets.flatMap((p) => ['--packet', Buffer.from(p).toString('hex')])];
    let json: { runs: Array<{ retval: number; data_out: string }>; maps: unknown };
    try {
      json = JSON.parse(execFileSync('python3', [ORACLE, ...args], { maxBuffer: 1 << 26 }).toString());
    } catch (e) {
      throw new Error(`${d} ${name}: the kernel refused it: ${(e as { stdout?: Buffer }).stdout?.toString() ?? e}`);
    }
    out[name] = { runs: json.runs.map((r, k) => ({ packet: Buffer.from(packets[k]).toString('hex'), retval: r.retval, dataOut: r.data_out })), maps: json.maps };
  }
  writeFileSync(join('src/sim/nic/testdata/examples', `${d}.json`), JSON.stringify({ example: d, kernel: execFileSync('uname', ['-r']).toString().trim(), programs: out }, null, 1) + '\n');
  console.log(`${d}: ${progs.join(', ')}: ${packets.length} packets`);
}
