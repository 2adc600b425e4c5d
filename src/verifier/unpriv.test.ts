/**
 * The unprivileged verifier against Linux 6.18 recorded as uid nobody (testdata-unpriv: cases.ts,
 * goldens.json from record.ts / unpriv_oracle.py; helpers-unpriv-6.18.json from probe_helpers.py):
 * verdict, first complaint line, processed count and level-1 log of every case; the same for the
 * fidelity corpus's socket_filter / cgroup_skb programs (corpus-goldens.json from
 * record_corpus.py); and the helper sets unpriv.ts uses equal to the probed ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/index.ts';
import { decodeInsns } from '../isa/insn.ts';
import { corpusDir, parseMapSpec } from './corpusRun.ts';
import { parseHeader } from './testdata/corpus.ts';
import { verify } from './index.ts';
import { UNPRIV_CASES, type UnprivCase } from './testdata-unpriv/cases.ts';
import { UNPRIV_HELPERS } from './unpriv.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';

interface Golden { accepted: boolean; errno: number; error: string | null; processed: number | null; log1: string; log2: string }
const DIR = join(import.meta.dirname, 'testdata-unpriv');
const GOLDENS = JSON.parse(readFileSync(join(DIR, 'goldens.json'), 'utf8')) as Record<string, Golden>;

/** Level-1 logs we do not reproduce byte for byte yet, with the reason. */
const LOG_KNOWN_DIFF: Record<string, string> = {};

function run(c: UnprivCase, logLevel: 0 | 1 | 2 = 1) {
  const r = assemble(c.asm, { file: `${c.name}.s`, dialect: 'auto' });
  const names = (c.maps ?? []).map((m) => m.split(':')[0]);
  const insns = r.insns.map((i) => ({ ...i }));
  for (const rel of r.relocs ?? []) if (rel.kind === 'map') insns[rel.pc] = { ...insns[rel.pc], src: 1, imm: names.indexOf(rel.symbol) };
  return verify(insns, { progType: c.type as ProgTypeName, maps: (c.maps ?? []).map(parseMapSpec), logLevel, unprivileged: true });
}

const mask = (log: string): string => log.replace(/0xffff888[0-9a-f]{9}/g, 'ADDR').replace(/verification time \d+ usec/g, 'verification time N usec');

describe('unprivileged verifier against 6.18 goldens (loaded as nobody)', () => {
  for (const c of UNPRIV_CASES) {
    const g = GOLDENS[c.name];
    it(`${c.name}: ${g.accepted ? 'accepted' : g.error ?? `errno ${g.errno}, no log`}`, () => {
      const r = run(c);
      expect(r.accepted).toBe(g.accepted);
      if (g.errno === 1 && g.log1 === '') {
        // refused by bpf_prog_load before the verifier: EPERM, nothing logged
        expect(r.log).toBe('');
        expect(r.error).toMatch(/EPERM/);
        return;
      }
      expect({ error: r.error, processed: r.processed }).toEqual({ error: g.error, processed: g.processed });
      if (!LOG_KNOWN_DIFF[c.name]) expect(mask(r.log)).toBe(mask(g.log1));
    });
  }
  it('the corpus\'s socket_filter / cgroup_skb programs, recorded as nobody (record_corpus.py)', () => {
    const cg = JSON.parse(readFileSync(join(DIR, 'corpus-goldens.json'), 'utf8')) as Record<string, Golden>;
    const names = Object.keys(cg);
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) {
      const g = cg[name];
      const base = join(corpusDir(), name);
      const hdr = parseHeader(name, readFileSync(`${base}.s`, 'utf8')).value!;
      const { insns } = decodeInsns(new Uint8Array(readFileSync(`${base}.bin`)));
      const r = verify(insns, { progType: hdr.type as ProgTypeName, maps: hdr.maps.map((m) => parseMapSpec(m.spec)), logLevel: 1, unprivileged: true });
      expect({ name, accepted: r.accepted, error: r.error, processed: r.processed }).toEqual({ name, accepted: g.accepted, error: g.error, processed: g.processed });
      expect(mask(r.log)).toBe(mask(g.log1));
    }
  });
  it('uses the helper sets probed from the kernel', () => {
    const probed = JSON.parse(readFileSync(join(DIR, 'helpers-unpriv-6.18.json'), 'utf8')) as Record<string, number[]>;
    expect(UNPRIV_HELPERS.socket_filter).toEqual(probed.socket_filter);
    expect(UNPRIV_HELPERS.cgroup_skb).toEqual(probed.cgroup_skb);
  });
  it('the same programs as root: the privileged verdicts differ where the rules differ', () => {
    const c = UNPRIV_CASES.find((x) => x.name === 'leak_return_fp')!;
    const r = assemble(c.asm, { file: 'x.s', dialect: 'auto' });
    expect(verify(r.insns, { progType: 'socket_filter' }).accepted).toBe(true);
  });
});
