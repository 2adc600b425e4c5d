/**
 * Records the kernel's answers for UNIT_CASES into goldens.json: run on a machine where bpf()
 * works, as root: `npx tsx src/verifier/testdata-unit/record.ts`. Assembles each case with our
 * assembler (map relocations resolved to the k-th map, the kernel_oracle convention) and loads it
 * through ../../../../shared/tools/kernel_oracle.py at log level 1 (and 2 for the log).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../asm/index.ts';
import { encodeInsns } from '../../isa/insn.ts';
import { UNIT_CASES } from './cases.ts';
import { firstComplaint } from '../testdata/corpus.ts';

const ORACLE = join(import.meta.dirname, '../../../../shared/tools/kernel_oracle.py');
const TYPES: Record<string, string> = { tc: 'sched_cls' };
const dir = mkdtempSync(join(tmpdir(), 'vunit-'));
const out: Record<string, unknown> = {};
for (const c of UNIT_CASES) {
  const r = assemble(c.asm, { file: `${c.name}.s`, dialect: 'auto' });
  if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${c.name}: ${r.diagnostics[0].message}`);
  const names = (c.maps ?? []).map((m) => m.split(':')[0]);
  const insns = r.insns.map((i) => ({ ...i }));
  for (const rel of r.relocs ?? []) {
    if (rel.kind === 'map') insns[rel.pc] = { ...insns[rel.pc], src: 1, imm: names.indexOf(rel.symbol) };
  }
  const bin = join(dir, `${c.name}.bin`);
  writeFileSync(bin, encodeInsns(insns));
  const run = (lvl: number): Record<string, unknown> => {
    const args = [ORACLE, 'verify', bin, '--type', TYPES[c.type] ?? c.type, '--log-level', String(lvl)];
    for (const m of c.maps ?? []) args.push('--map', m);
    let text: string;
    try {
      text = execFileSync('python3', args, { encoding: 'utf8' });
    } catch (e) {
      text = (e as { stdout: string }).stdout;
    }
    return JSON.parse(text) as Record<string, unknown>;
  };
  const g1 = run(1);
  const g2 = run(2);
  out[c.name] = {
    accepted: g1.accepted, error: g1.accepted ? null : firstComplaint(String(g1.log)), processed: g1.insns_processed ?? null,
    log1: g1.log, log2: g2.log,
  };
}
writeFileSync(join(import.meta.dirname, 'goldens.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`recorded ${UNIT_CASES.length} cases`);
