/** `ebpf-playground conformance DIR`: every bpf_conformance `*.data` vector; "N passed, M failed". */
import { existsSync, statSync } from 'node:fs';
import { assemble } from '../asm/index.ts';
import { runConformance } from '../vm/conformance.ts';
import { parseArgs, UsageError } from './args.ts';
import type { Io } from './main.ts';

export async function cmdConformance(argv: readonly string[], io: Io): Promise<number> {
  const p = parseArgs(argv, {});
  if (p.positional.length !== 1) throw new UsageError('conformance takes exactly one DIR');
  const dir = p.positional[0];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    io.err(`${dir}: error: not a directory`);
    return 2;
  }
  const results = await runConformance(dir, assemble);
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (r.pass) passed++;
    else {
      failed++;
      io.out(`FAIL ${r.file}: ${r.reason}`);
    }
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
