/**
 * bpf_snprintf's fmt checks against Linux 6.18: the programs of testdata-snprintf/snprintf_checks.c
 * loaded by kernel_oracle.py (record.py) with libbpf's global-data maps (.rodata frozen and
 * BPF_F_RDONLY_PROG, .data/.bss writable). We verify the same bytecode with the same maps and their
 * contents: verdict, first complaint line, processed count and the level-1 log (without the source
 * comments, map addresses masked). Plus the 14 formats of src/kernel/testdata/printk-formats
 * (their 6.18 verdicts) through the ELF loader and the verifier, as `verify FILE.o` does it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeInsns } from '../isa/insn.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { mapTypeName } from '../kernel/maps/types.ts';
import { verify, type VerifyMap } from './index.ts';
import { loadProgram } from '../cli/input.ts';
import { indexMapRefs, objectMaps } from '../kernel/run/object.ts';

interface GMap { name: string; type: number; keySize: number; valueSize: number; maxEntries: number; flags: number; data?: string; frozen?: boolean }
interface Golden { type: string; accepted: boolean; error: string | null; processed: number; maps: GMap[]; log1: string }

const DIR = join(import.meta.dirname, 'testdata-snprintf');
const NAMES = readdirSync(DIR).filter((f) => f.endsWith('.golden.json')).map((f) => f.slice(0, -'.golden.json'.length)).sort();

const mask = (log: string): string => log.split('\n').filter((l) => !l.startsWith('; ')).join('\n')
  .replace(/0xffff888[0-9a-f]{9}/g, 'ADDR').replace(/verification time \d+ usec/g, 'verification time N usec');

const toMap = (m: GMap): VerifyMap => ({
  name: m.name, type: mapTypeName(m.type) ?? String(m.type), keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags,
  ...(m.data !== undefined ? { data: Uint8Array.from(Buffer.from(m.data, 'hex')), frozen: m.frozen === true } : {}),
});

function run(name: string, edit?: (maps: VerifyMap[]) => void) {
  const g = JSON.parse(readFileSync(join(DIR, `${name}.golden.json`), 'utf8')) as Golden;
  const { insns } = decodeInsns(new Uint8Array(readFileSync(join(DIR, `${name}.bin`))));
  const maps = g.maps.map(toMap);
  edit?.(maps);
  return { g, r: verify(insns, { progType: g.type as ProgTypeName, maps, logLevel: 1, funcInfo: true }) };
}

describe('bpf_snprintf format checks against 6.18 goldens (testdata-snprintf)', () => {
  it('has accepted programs and each kind of refusal', () => {
    const errs = NAMES.map((n) => run(n).g.error);
    expect(errs).toContain(null);
    for (const e of ["R3 does not point to a readonly map'", "R3 is not a constant address'", 'string is not zero-terminated', 'Invalid format string']) expect(errs).toContain(e);
  });
  for (const name of NAMES) {
    it(name, () => {
      const { g, r } = run(name);
      expect({ accepted: r.accepted, error: r.error, processed: r.processed }).toEqual({ accepted: g.accepted, error: g.error, processed: g.processed });
      expect(mask(r.log)).toBe(mask(g.log1));
    });
  }
  it('a .rodata map that is not frozen is not read-only for the verifier', () => {
    const { r } = run('ok_const', (maps) => { for (const m of maps) m.frozen = false; });
    expect(r.error).toBe("R3 does not point to a readonly map'");
  });
  it('a read-only map whose contents the caller did not give: an honest refusal, not a guess', () => {
    const { r } = run('ok_const', (maps) => { for (const m of maps) delete m.data; });
    expect(r.error).toMatch(/^R3 points into map '.rodata', whose frozen contents were not given/);
  });
  it('the format is read from the map contents: a bad byte there turns the accepted program into a refusal', () => {
    const { r } = run('ok_const', (maps) => {
      const ro = maps.find((m) => m.name === '.rodata')!;
      const at = Buffer.from(ro.data!).indexOf('%s');
      ro.data![at + 1] = 'q'.charCodeAt(0);
    });
    expect(r.error).toBe('Invalid format string');
  });
});

describe('the 14 kernel-judged formats of src/kernel/testdata/printk-formats, through the verifier', () => {
  const PDIR = join(import.meta.dirname, '../kernel/testdata/printk-formats');
  const golden = JSON.parse(readFileSync(join(PDIR, 'snprintf_formats.golden.json'), 'utf8')) as { results: Record<string, { accepted: boolean; error: string[] | null }> };
  const file = join(PDIR, 'snprintf_formats.o');
  it('has them', () => expect(Object.keys(golden.results).length).toBe(14));
  for (const [name, want] of Object.entries(golden.results)) {
    it(name, () => {
      // as `verify FILE.o` loads it: the object's maps, .rodata frozen with its contents
      const l = loadProgram(file, { program: name });
      if (!l.ok) throw new Error(l.errors.join('\n'));
      const maps: VerifyMap[] = objectMaps(l.value.object!).map((m) => ({
        ...m.spec, type: m.typeName, ...(m.init && m.spec.name.startsWith('.rodata') ? { data: m.init, frozen: true } : {}),
      }));
      const linked = indexMapRefs(l.value.insns, l.value.relocs ?? [], maps.map((m) => m.name));
      if (!linked.ok) throw new Error(linked.missing);
      const r = verify(linked.insns, { progType: 'xdp', maps, logLevel: 1, funcInfo: true });
      expect({ accepted: r.accepted, error: r.error }).toEqual({ accepted: want.accepted, error: want.accepted ? null : want.error![0] });
    });
  }
});
