/**
 * Records the unprivileged kernel verifier's answers for UNPRIV_CASES into goldens.json: run as
 * root on a machine where bpf() works: `npx tsx src/verifier/testdata-unpriv/record.ts`.
 * Sets kernel.unprivileged_bpf_disabled to 0 for the recording (restoring the old value after),
 * assembles each case with our assembler (map relocations resolved to the k-th map, the
 * kernel_oracle convention) and loads it as uid nobody through unpriv_oracle.py at log level 1
 * and 2.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../asm/index.ts';
import { encodeInsns } from '../../isa/insn.ts';
import { UNPRIV_CASES } from './cases.ts';
import { firstComplaint } from '../testdata/corpus.ts';

const WRAPPER = join(import.meta.dirname, 'unpriv_oracle.py');
const SYSCTL = '/proc/sys/kernel/unprivileged_bpf_disabled';
const old = readFileSync(SYSCTL, 'utf8').trim();
const dir = mkdtempSync(join(tmpdir(), 'vunpriv-'));
chmodSync(dir, 0o755);
const out: Record<string, unknown> = {};
try {
  writeFileSync(SYSCTL, '0');
  for (const c of UNPRIV_CASES) {
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
      const args = [WRAPPER, bin, '--type', c.type, '--log-level', String(lvl)];
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
    if (g1.uid !== 65534) throw new Error(`${c.name}: not loaded as nobody`);
    out[c.name] = {
      accepted: g1.accepted, errno: g1.errno, error: g1.accepted ? null : (String(g1.log) ? firstComplaint(String(g1.log)) : null),
      processed: g1.insns_processed ?? null, log1: g1.log, log2: g2.log,
    };
  }
} finally {
  writeFileSync(SYSCTL, old);
}
writeFileSync(join(import.meta.dirname, 'goldens.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`recorded ${UNPRIV_CASES.length} cases (kernel.unprivileged_bpf_disabled back to ${old})`);
