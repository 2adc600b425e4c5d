/**
 * Map initialisers through our compiler: `__array(values, …) = { .values = { [i] = &x } }` of a
 * prog_array (programs) or a map-in-map (maps), and the inner map template of `__array(values,
 * struct inner)`. Expectations are independent of our compiler:
 *  - the map definitions (shape, inner template, initial slots) equal what our reader gets from
 *    clang-19's objects of the same sources (src/kernel/testdata/clang-objects, `.rel.maps`);
 *  - the compiled object, written as ELF and read back, loads in the simulated kernel and runs the
 *    packets of those objects' kernel goldens (bpftool prog loadall + prog run on Linux 6.18) with
 *    the kernel's retvals and leaves the plain array maps as the kernel left them;
 *  - live, when bpftool and root are here: `bpftool prog loadall` of our ELF object and
 *    `bpftool prog run` give the kernel's recorded retvals (skipped otherwise).
 * Bad initialisers are errors at their file:line:col.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BpfMapDef } from '../isa/object.ts';
import { readElf } from '../elf/read.ts';
import { writeElf } from '../elf/write.ts';
import { hexOf } from '../kernel/maps/map.ts';
import { createKernel } from '../kernel/run/kernel.ts';
import { loadObject } from '../kernel/run/object.ts';
import { compile } from './driver.ts';

const OBJS = join(import.meta.dirname, '../kernel/testdata/clang-objects');
const CASES = ['map_in_map', 'hash_of_maps', 'tail_calls', 'tail_limit'];
const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

interface Golden {
  runs: { prog: string; packet: string; retval: number; data_out: string }[];
  maps: { name: string; type: string; entries: { key: string; value: string | null }[] | null }[];
}
const golden = (n: string): Golden => JSON.parse(readFileSync(join(OBJS, `${n}.golden.json`), 'utf8')) as Golden;

function ours(n: string) {
  const sources = { [`${n}.c`]: readFileSync(join(OBJS, `${n}.c`), 'utf8'), 'objs.h': readFileSync(join(OBJS, 'objs.h'), 'utf8') };
  const r = compile(sources, `${n}.c`);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.object!;
}

describe('map initialisers (__array(values, …) = { [i] = &x })', () => {
  for (const n of CASES) {
    it(`${n}: the same map definitions as clang-19's object (slots, inner template)`, () => {
      const clang = readElf(new Uint8Array(readFileSync(join(OBJS, `${n}.o`))), `${n}.o`);
      expect(clang.diagnostics).toEqual([]);
      const obj = ours(n);
      // (the BTF member lists, which our reader does not model, are compared in mapBtf.test.ts)
      const noBtf = ({ btfMembers: _, ...m }: BpfMapDef): BpfMapDef => (m.inner ? { ...m, inner: noBtf(m.inner) } : m);
      expect(obj.maps.map(noBtf)).toEqual(clang.object!.maps);
      expect(obj.maps.some((m) => m.init?.length)).toBe(true);
    });

    it(`${n}: our ELF object loads and runs like the kernel ran clang's (retvals, packets, arrays)`, () => {
      const back = readElf(writeElf(ours(n)), `${n}.ours.o`);
      expect(back.diagnostics).toEqual([]);
      const g = golden(n);
      const k = createKernel({ cpus: 2, seed: 1 });
      const l = loadObject(k, back.object!);
      if (!l.ok) throw new Error(l.message);
      for (const r of g.runs) {
        const o = k.run(l.programs.get(r.prog)!, { packet: fromHex(r.packet), cpu: 0 });
        expect(o.retval, `${r.prog} retval`).toBe(r.retval);
        expect(hexOf(o.packetOut ?? new Uint8Array(0))).toBe(r.data_out);
      }
      // plain arrays: the inner maps, and `.bss` (libbpf names it `<obj>.bss`) variable by variable,
      // as clang may lay the variables out in another order (offsets from clang's symbols)
      let compared = 0;
      const clangBss = readElf(new Uint8Array(readFileSync(join(OBJS, `${n}.o`))), `${n}.o`).object!.globals.find((x) => x.name === '.bss');
      const ourBss = back.object!.globals.find((x) => x.name === '.bss');
      for (const gm of g.maps.filter((m) => m.type === 'array' && m.entries)) {
        const m = k.map(gm.name.replace(/^[^.]+\./, '.'))!;
        expect(m, gm.name).toBeDefined();
        const got = m.entries().map((e) => ({ key: hexOf(e.key), value: hexOf(e.value as Uint8Array) }));
        if (!gm.name.endsWith('.bss')) expect(got, gm.name).toEqual(gm.entries);
        else {
          for (const v of clangBss!.symbols) {
            const o = ourBss!.symbols.find((x) => x.name === v.name)!;
            expect(got[0].value.slice(o.offset * 2, (o.offset + o.size) * 2), v.name).toBe(gm.entries![0].value!.slice(v.offset * 2, (v.offset + v.size) * 2));
          }
        }
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  it('testdata/tail-calls.c style: slots in designator order, later designators override, NULL leaves a slot empty', () => {
    const src = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp") int a(struct xdp_md *c) { return 1; }
SEC("xdp") int b(struct xdp_md *c) { return 2; }
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 8); __type(key, __u32); __array(values, int (void *)); }
  jmp SEC(".maps") = { .values = { [3] = (void *)&b, &a, [1] = a, [3] = &a, [6] = 0 } };
SEC("xdp") int d(struct xdp_md *c) { bpf_tail_call(c, &jmp, 0); return 0; }
char LICENSE[] SEC("license") = "GPL";`;
    const r = compile({ 'p.c': src }, 'p.c');
    expect(r.diagnostics).toEqual([]);
    expect(r.object!.maps[0].init).toEqual([{ index: 1, symbol: 'a' }, { index: 3, symbol: 'a' }, { index: 4, symbol: 'a' }]);
  });

  // [what, source, the token the error points at (its first occurrence after '= {' if marked
  // with a leading '='), message]
  const bad: [string, string, string, string][] = [
    ['a function that is not a program', 'static int helper(void *c) { return 1; }\nstruct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 2); __type(key, __u32); __array(values, int (void *)); } jmp SEC(".maps") = { .values = { [0] = &helper } };',
      '&helper', "'helper' is not a program (a function placed in a SEC(\"…\")): a prog_array slot can only hold a program"],
    ['a plain global in a map-in-map', 'int g;\nstruct inner { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u32); };\nstruct { __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS); __uint(max_entries, 2); __type(key, __u32); __array(values, struct inner); } o SEC(".maps") = { .values = { &g } };',
      '&g', "'g' is not a map defined in SEC(\".maps\"): a map-in-map slot can only hold a map"],
    ['initialising another member', 'struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 2); __type(key, __u32); __array(values, int (void *)); } jmp SEC(".maps") = { .max_entries = 0 };',
      'max_entries = 0', "map member 'max_entries' cannot be initialised: only '.values' of __array(values, …) holds initial values"],
    ['a non-address value', 'struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 2); __type(key, __u32); __array(values, int (void *)); } jmp SEC(".maps") = { .values = { [0] = (void *)5 } };',
      '(void *)5', "a map slot's initial value must be the address of a program or a map ('&name')"],
    ['__array on a hash', 'struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 2); __type(key, __u32); __array(values, int (void *)); } h SEC(".maps");',
      'h SEC', "map 'h': __array(values, …) needs a prog_array or map-in-map type, not hash"],
  ];
  for (const [what, body, at, message] of bad) {
    it(`refuses ${what}, at its position`, () => {
      const src = `#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${body}\nchar LICENSE[] SEC("license") = "GPL";`;
      const r = compile({ 'p.c': src }, 'p.c');
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((e) => [e.span?.file, e.span?.start, e.message])).toEqual([['p.c', src.indexOf(at), message]]);
      expect(r.object).toBeUndefined();
    });
  }

  const LIVE = process.getuid?.() === 0 && spawnSync('bpftool', ['version']).status === 0 && existsSync('/sys/fs/bpf');
  it.skipIf(!LIVE)('live: bpftool prog loadall fills the slots of our objects; prog run gives the kernel goldens\' retvals', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mapinit-'));
    const pin = `/sys/fs/bpf/ebpf-playground-mapinit-${process.pid}`;
    try {
      for (const n of CASES) {
        const f = join(tmp, `${n}.o`);
        writeFileSync(f, writeElf(ours(n)));
        rmSync(pin, { recursive: true, force: true });
        mkdirSync(`${pin}/p`, { recursive: true });
        mkdirSync(`${pin}/m`, { recursive: true });
        const l = spawnSync('bpftool', ['prog', 'loadall', f, `${pin}/p`, 'pinmaps', `${pin}/m`], { encoding: 'utf8' });
        expect(l.status, `${n}: ${l.stderr}`).toBe(0);
        for (const r of golden(n).runs) {
          writeFileSync(join(tmp, 'in.bin'), fromHex(r.packet));
          const run = spawnSync('bpftool', ['-j', 'prog', 'run', 'pinned', `${pin}/p/${r.prog}`, 'data_in', join(tmp, 'in.bin')], { encoding: 'utf8' });
          expect(run.status, `${n}: ${run.stderr}`).toBe(0);
          expect((JSON.parse(run.stdout) as { retval: number }).retval, `${n} ${r.prog}`).toBe(r.retval);
        }
      }
    } finally {
      rmSync(pin, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
