/**
 * Record types of ring/perf buffers inferred from the examples' sources, checked against the
 * layouts clang-19 gives the same structs (testdata/records/*.btf.json, recorded from clang's BTF by
 * testdata/records/record.py), plus hand-computed offsets for execsnoop's record.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from './driver.ts';
import type { RecordField, RecordTypes } from './recordTypes.ts';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');

function typesOf(path: string): RecordTypes {
  const c = compile({ 'prog.c': read(path) }, 'prog.c');
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return c.recordTypes!;
}

interface Btf {
  size: number;
  kind: 'int' | 'ptr' | 'array' | 'struct' | 'union';
  signed?: boolean;
  len?: number;
  elem?: Btf;
  members?: (Btf & { name: string; offset: number; bitOffset?: number; bitWidth?: number })[];
}

function golden(name: string): Record<string, Btf> {
  return JSON.parse(read(`src/compiler/testdata/records/${name}.btf.json`)).types;
}

/** Our field (absolute offsets) against clang's BTF member (offsets relative to its struct at `base`). */
function same(f: RecordField, b: Btf, base: number, where: string): void {
  expect(f.size, `${where} size`).toBe(b.size);
  switch (b.kind) {
    case 'int':
      expect(f.kind, where).toBe(b.signed ? 'signed' : 'unsigned');
      break;
    case 'ptr':
      expect(f.kind, where).toBe('pointer');
      break;
    case 'array':
      // char arrays read as strings; others are arrays
      expect(f.kind, where).toBe(b.elem!.kind === 'int' && b.elem!.size === 1 && b.elem!.signed ? 'string' : 'array');
      expect(f.len, `${where} len`).toBe(b.len);
      same(f.elem!, b.elem!, 0, `${where}[]`);
      break;
    case 'struct': case 'union':
      expect(f.kind, where).toBe(b.kind);
      expect(f.fields!.map((x) => x.name), `${where} members`).toEqual(b.members!.map((m) => m.name));
      b.members!.forEach((m, i) => {
        const x = f.fields![i];
        expect(x.offset, `${where}.${m.name} offset`).toBe(base + m.offset);
        expect(x.bitOffset, `${where}.${m.name} bit offset`).toBe(m.bitOffset);
        expect(x.bitWidth, `${where}.${m.name} bit width`).toBe(m.bitWidth);
        same(x, m, base + m.offset, `${where}.${m.name}`);
      });
      break;
  }
}

/** A record layout against clang's BTF of the same type. */
function sameLayout(rt: RecordTypes, map: string, kind: 'ringbuf' | 'perf', type: string, b: Btf): void {
  const r = rt[map];
  expect(r, map).toBeDefined();
  expect(r.kind).toBe(kind);
  expect(r.note).toBeUndefined();
  expect(r.layout!.type).toBe(type);
  expect(r.layout!.size).toBe(b.size);
  same({ name: map, offset: 0, size: r.layout!.size, kind: 'struct', type, fields: r.layout!.fields }, b, 0, map);
}

describe('record types of the examples, against clang-19\'s BTF', () => {
  it('execsnoop: struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0)', () => {
    const rt = typesOf('examples/20-execsnoop/prog.c');
    expect(Object.keys(rt)).toEqual(['events']);
    sameLayout(rt, 'events', 'ringbuf', 'struct event', golden('execsnoop')['struct event']);
    // by hand: u32 pid @0, u32 uid @4, char comm[16] @8, char filename[128] @24; 152 bytes
    expect(rt.events.layout!.fields.map((f) => [f.name, f.offset, f.size, f.kind])).toEqual([
      ['pid', 0, 4, 'unsigned'], ['uid', 4, 4, 'unsigned'], ['comm', 8, 16, 'string'], ['filename', 24, 128, 'string'],
    ]);
  });

  it('opensnoop, bashreadline (reserve, assigned later), shell-from-webserver (ringbuf_output of &a)', () => {
    sameLayout(typesOf('examples/21-opensnoop/prog.c'), 'events', 'ringbuf', 'struct event', golden('opensnoop')['struct event']);
    sameLayout(typesOf('examples/28-bashreadline/prog.c'), 'lines', 'ringbuf', 'struct line', golden('bashreadline')['struct line']);
    sameLayout(typesOf('examples/25-shell-from-webserver/prog.c'), 'alerts', 'ringbuf', 'struct alert', golden('shell-from-webserver')['struct alert']);
  });

  it('tcplife: bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e))', () => {
    sameLayout(typesOf('examples/22-tcplife/prog.c'), 'events', 'perf', 'struct event', golden('tcplife')['struct event']);
  });

  it('ringbuf-vs-perfbuf: the same struct to a ring buffer and a perf buffer', () => {
    const rt = typesOf('examples/14-ringbuf-vs-perfbuf/prog.c');
    const g = golden('ringbuf-vs-perfbuf')['struct event'];
    sameLayout(rt, 'rb', 'ringbuf', 'struct event', g);
    sameLayout(rt, 'pb', 'perf', 'struct event', g);
    expect(rt.counts).toBeUndefined(); // an array map: no records
  });

  it('programs without buffers have no record types', () => {
    expect(typesOf('examples/05-xdp-drop-udp/prog.c')).toEqual({});
  });
});

describe('record shapes (testdata/records/shapes.c)', () => {
  const rt = typesOf('src/compiler/testdata/records/shapes.c');
  const g = golden('shapes');

  it('a typedef\'d anonymous struct', () => {
    sameLayout(rt, 'flows', 'ringbuf', 'struct (anonymous)', g.flow_t);
  });

  it('nested struct, arrays, union, bit-fields, signed and pointer members, sent through an inline function\'s pointer parameter', () => {
    sameLayout(rt, 'shapes', 'perf', 'struct shape', g['struct shape']);
    const f = Object.fromEntries(rt.shapes.layout!.fields.map((x) => [x.name, x]));
    expect([f.lo.bitOffset, f.mid.bitOffset, f.hi.bitOffset, f.hi.bitWidth]).toEqual([0, 3, 12, 20]);
    expect(f.delta.kind).toBe('signed');
    expect(f.daddr_v6).toMatchObject({ kind: 'array', len: 16, offset: 24 });
  });

  it('says so when a map gets two types, or a void * buffer; an array record is one field', () => {
    expect(rt.mixed.layout).toBeUndefined();
    expect(rt.mixed.note).toBe('several record types: struct a, struct b');
    expect(rt.raw.layout).toBeUndefined();
    expect(rt.raw.note).toMatch(/void \* buffer/);
    expect(rt.words.layout).toMatchObject({ type: 'u32[4]', size: 16 });
    expect(rt.words.layout!.fields).toHaveLength(1);
    expect(rt.words.layout!.fields[0]).toMatchObject({ kind: 'array', len: 4, offset: 0 });
  });
});
