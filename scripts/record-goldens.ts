/**
 * `npm run goldens`: re-record every golden file from the real tools (LLVM 19, and the running
 * Linux kernel through ../shared/tools/kernel_oracle.py where bpf() is allowed). Each recorder
 * skips what its machine cannot do and says so. Review the result with `git diff`.
 *
 * Usage: npm run goldens [-- NAME...]   (names: isa asm vm verifier compiler sim elf; default all present)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const recorders: Record<string, string> = {
  isa: 'scripts/record-isa-goldens.ts',
  asm: 'scripts/record-asm-goldens.ts',
  vm: 'src/vm/testdata/recordKernel.ts',
  verifier: 'scripts/record-verifier-goldens.ts',
  compiler: 'scripts/record-compiler-goldens.ts',
  sim: 'src/sim/testdata/record.ts',
  elf: 'scripts/record-elf-goldens.ts',
};

const wanted = process.argv.slice(2);
for (const w of wanted) {
  if (!(w in recorders)) {
    console.error(`record-goldens: error: unknown recorder '${w}' (${Object.keys(recorders).join(', ')})`);
    process.exit(2);
  }
}
let failed = 0;
for (const [name, script] of Object.entries(recorders)) {
  if (wanted.length && !wanted.includes(name)) continue;
  if (!existsSync(script)) continue;
  console.log(`== ${name}: npx tsx ${script}`);
  const r = spawnSync('npx', ['tsx', script], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`== ${name}: failed (exit ${r.status})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
