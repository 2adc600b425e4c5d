/**
 * The `.maps` BTF of our objects against clang-19's for the same source
 * (testdata/maps/maps_btf.c, clang's object recorded by testdata/maps/record.ts): each map
 * definition struct lists the members the source declared, in source order — `__uint(f, N)` as a
 * pointer to `int [N]`, `__type(f, T)` as a pointer to T (compared by T's size and kind) — with
 * the same struct size; and the object still loads as before through our own reader.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBtf, strip, typeSize, BTF_KIND, type Btf } from '../elf/btf.ts';
import { parseElf } from '../elf/elfio.ts';
import { readElf, writeElf } from '../elf/index.ts';
import { compile } from './driver.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'testdata/maps');

/** Each `.maps` variable: its struct size and members as `name:int[N]` or `name:*<kind> size`. */
function mapView(bytes: Uint8Array): Record<string, string[]> {
  const elf = parseElf(bytes, 'x.o', [])!;
  const sec = elf.sections.find((s) => s.name === '.BTF')!;
  const btf: Btf = parseBtf(sec.data, 'x.o', sec.offset, [])!;
  const ds = btf.types.find((t) => t.kind === BTF_KIND.DATASEC && t.name === '.maps')!;
  const out: Record<string, string[]> = {};
  for (const m of ds.members) {
    const v = btf.types[m.type];
    const st = strip(btf, v.sizeOrType)!;
    out[v.name] = [`size ${st.sizeOrType}`, ...st.members.map((f) => {
      const p = strip(btf, f.type)!;
      const to = strip(btf, p.sizeOrType);
      if (to?.kind === BTF_KIND.ARRAY && to.array && strip(btf, to.array.type)?.name === 'int') return `${f.name} @${f.offset}: int[${to.array.nelems}]`;
      return `${f.name} @${f.offset}: *${to?.kind === BTF_KIND.STRUCT ? 'struct' : 'int'} of ${typeSize(btf, p.sizeOrType)} bytes`;
    })];
  }
  return out;
}

describe('.maps BTF', () => {
  const src = readFileSync(join(DIR, 'maps_btf.c'), 'utf8');
  const res = compile({ 'maps_btf.c': src }, 'maps_btf.c');
  const obj = res.object!;

  it('lists the declared members in source order, as clang-19 does', () => {
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const clang = mapView(new Uint8Array(readFileSync(join(DIR, 'maps_btf.clang.o'))));
    expect(Object.keys(clang).sort()).toEqual(['h', 'lh', 'pa', 'rb']);
    expect(mapView(writeElf(obj))).toEqual(clang);
    expect(clang.h).toEqual(['size 40', 'type @0: int[1]', 'max_entries @64: int[1024]', 'key @128: *int of 4 bytes', 'value @192: *int of 8 bytes', 'map_flags @256: int[1]']);
  });

  it('our reader reads the same map shapes back from our object and from clang\'s', () => {
    const ours = readElf(writeElf(obj), 'ours.o').object!;
    const clang = readElf(new Uint8Array(readFileSync(join(DIR, 'maps_btf.clang.o'))), 'clang.o').object!;
    const shape = (o: typeof ours) => o.maps.map((m) => [m.name, m.typeId, m.keySize, m.valueSize, m.maxEntries, m.flags]).sort();
    expect(shape(ours)).toEqual(shape(clang));
    expect(shape(ours)).toEqual(shape(obj));
  });
});
