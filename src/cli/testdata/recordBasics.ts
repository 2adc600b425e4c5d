/**
 * Records the kernel goldens of the basics examples (examples/0N-*​/prog.c): each compiled by
 * clang-19, loaded into this machine's 6.18 kernel (the verifier's verdict and processed count)
 * and test-run (BPF_PROG_TEST_RUN through ../shared/tools/kernel_oracle.py) on every packet of
 * its own scenario, in order, against the same maps — the maps dumped after the last run. The
 * packets are not stored: the scenario is seeded, so examples.test.ts builds the same ones again
 * (their SHA-256 is kept to notice when the generator changes: then record again).
 *
 *   npx tsx src/cli/testdata/recordBasics.ts [NN-name ...]     (root, clang-19 needed)
 *
 * Provenance: the kernel's answers; our own script.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScenario } from '../../sim/nic/scenario.ts';
import { exampleHeader } from '../../sim/nic/testdata/exampleSpec.ts';

const ORACLE = '../shared/tools/kernel_oracle.py';
const only = process.argv.slice(2);
const dirs = readdirSync('examples').filter((d) => /^0[1-4]-/.test(d) && (only.length === 0 || only.includes(d)));
const tmp = mkdtempSync(join(tmpdir(), 'basics-goldens-'));
const arch = execFileSync('uname', ['-m']).toString().trim();

/** SHA-256 over the packets (each length-prefixed), to notice a changed generator. */
export function packetsHash(packets: Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of packets) h.update(Buffer.from(new Uint32Array([p.length]).buffer)).update(p);
  return h.digest('hex');
}

if (process.argv[1]?.endsWith('recordBasics.ts')) {
  for (const d of dirs) {
    const file = join('examples', d, 'prog.c');
    const text = readFileSync(file, 'utf8');
    const h = exampleHeader(text);
    const packets = [...createScenario(h.scenario!, { seed: h.seed, count: h.count }).value!.packets()].map((p) => p.bytes);
    const obj = join(tmp, `${d}.o`);
    execFileSync('clang-19', ['-target', 'bpf', '-O2', '-g', `-I/usr/include/${arch}-linux-gnu`, '-c', file, '-o', obj]);
    const v = JSON.parse(execFileSync('python3', [ORACLE, 'verify', obj]).toString()) as { accepted: boolean; insns_processed: number; error: string | null };
    const args = ['run', obj, '--dump-maps', ...packets.flatMap((p) => ['--packet', Buffer.from(p).toString('hex')])];
    const run = JSON.parse(execFileSync('python3', [ORACLE, ...args], { maxBuffer: 1 << 28 }).toString()) as { runs: Array<{ retval: number; data_out: string }>; maps: unknown };
    const changed = run.runs.flatMap((r, k) => (r.data_out !== Buffer.from(packets[k]).toString('hex') ? [k] : []));
    const out = {
      example: d,
      kernel: execFileSync('uname', ['-r']).toString().trim(),
      clang: execFileSync('clang-19', ['--version']).toString().split('\n')[0],
      scenario: h.scenario, seed: h.seed, count: h.count, packetsSha256: packetsHash(packets),
      verifier: { accepted: v.accepted, processed: v.insns_processed, error: v.error },
      /** the return code of each packet's run, in scenario order */
      retvals: run.runs.map((r) => r.retval),
      /** packets the program changed (none in these examples) */
      changed,
      maps: run.maps,
    };
    writeFileSync(join('src/cli/testdata/examples', `${d}.json`), JSON.stringify(out, null, 1).replace(/\[\n([\d,\n ]+)\n \]/g, (_m, body: string) => `[${body.replace(/\s+/g, '')}]`) + '\n');
    console.log(`${d}: kernel ${v.accepted ? 'accepted' : 'REJECTED'} (${v.insns_processed} insns processed), ${packets.length} packets`);
  }
}
