/**
 * Records testdata/kernel-oracle.golden: runs every oracleCases() snippet on the running Linux
 * kernel (BPF_PROG_TEST_RUN of XDP programs built by batchProgram, through
 * /work/shared/tools/kernel_oracle.py; needs root) and writes one line per case with its result(s)
 * in hex. Run: `npx tsx src/vm/testdata/recordKernel.ts [path/to/kernel_oracle.py]`.
 *
 * Deliberately not here: comparison with our interpreter (kernel.test.ts does that from the golden,
 * so the test needs no kernel). Provenance: our own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeInsns } from '../../isa/insn.ts';
import { batchProgram, BATCH, oracleCases } from '../oracleCases.ts';

const oracle = process.argv[2] ?? '/work/shared/tools/kernel_oracle.py';
const out = fileURLToPath(new URL('./kernel-oracle.golden', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vm-oracle-'));
const cases = oracleCases();
const lines: string[] = [];
for (let start = 0; start < cases.length; start += BATCH) {
  const batch = cases.slice(start, start + BATCH);
  const { insns, bytes } = batchProgram(batch);
  const file = join(dir, `batch${start}.bin`);
  writeFileSync(file, encodeInsns(insns));
  const packet = '00'.repeat(Math.max(bytes, 64));
  let text: string;
  try {
    text = execFileSync('python3', [oracle, 'run', file, '--type', 'xdp', '--packet', packet], { encoding: 'utf8' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    console.error(`batch at case ${start} (${batch[0].name}) failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    process.exit(1);
  }
  const res = JSON.parse(text) as { retval: number; data_out: string };
  if (res.retval !== 2) throw new Error(`batch ${start}: retval ${res.retval}`);
  const data = Buffer.from(res.data_out, 'hex');
  let slot = 0;
  for (const c of batch) {
    const vals: string[] = [];
    for (let k = 0; k < c.outs; k++) vals.push(data.readBigUInt64LE(8 * slot++).toString(16));
    lines.push(vals.join(' '));
  }
  process.stderr.write(`\r${Math.min(start + BATCH, cases.length)}/${cases.length}`);
}
const kernel = execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim();
writeFileSync(out, `# ${cases.length} oracleCases() results from Linux ${kernel} (BPF_PROG_TEST_RUN); regenerate with recordKernel.ts\n${lines.join('\n')}\n`);
process.stderr.write(`\nwrote ${out}\n`);
