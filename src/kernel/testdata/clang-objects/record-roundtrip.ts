/**
 * Record the export round trip of the loader corpus (root, bpftool): read each X.o with our reader,
 * write it back with our ELF writer (src/elf/write.ts), and ask `bpftool prog loadall` (libbpf +
 * the running kernel) whether it loads the written file. Writes roundtrip.json: per object
 * the written file's sha256 and bpftool's verdict (with its last error line when it refuses).
 *
 *   npx tsx src/kernel/testdata/clang-objects/record-roundtrip.ts
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readElf } from '../../../elf/read.ts';
import { writeElf } from '../../../elf/write.ts';

const DIR = import.meta.dirname;
const PIN = '/sys/fs/bpf/ebpf-playground-roundtrip';
const out: Record<string, { sha256: string; bpftool: { ok: boolean; message?: string } }> = {};
const tmp = mkdtempSync(join(tmpdir(), 'roundtrip-'));
for (const f of readdirSync(DIR).filter((x) => x.endsWith('.o')).sort()) {
  const name = f.slice(0, -2);
  const r = readElf(new Uint8Array(readFileSync(join(DIR, f))), f);
  if (!r.object) throw new Error(`${f}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  const w = writeElf(r.object);
  const path = join(tmp, `${name}.written.o`);
  writeFileSync(path, w);
  rmSync(PIN, { recursive: true, force: true });
  const b = spawnSync('bpftool', ['prog', 'loadall', path, PIN], { encoding: 'utf8' });
  rmSync(PIN, { recursive: true, force: true });
  const lines = (b.stderr ?? '').split('\n').filter((l) => l.trim() && !l.startsWith('Warning') && !l.startsWith('If it used'));
  const bpftool = b.status === 0 ? { ok: true } : { ok: false, message: lines.slice(-3).join(' | ') };
  out[name] = { sha256: createHash('sha256').update(w).digest('hex'), bpftool };
  console.log(name, bpftool.ok ? 'loaded' : `refused: ${bpftool.message}`);
}
rmSync(tmp, { recursive: true, force: true });
writeFileSync(join(DIR, 'roundtrip.json'), JSON.stringify({ note: 'recorded by record-roundtrip.ts (bpftool prog loadall of writeElf(readElf(X.o))); do not edit', kernel: spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim(), objects: out }, null, 1) + '\n');
