/**
 * objectMaps / loadObject on hand-built objects: the maps libbpf would create (inner map templates
 * `<outer>.inner`, one array per global section with BPF_F_MMAPABLE and, for .rodata*,
 * BPF_F_RDONLY_PROG), and every failure of a whole-object load as an error value naming what failed.
 */
import { describe, expect, it } from 'vitest';
import type { BpfMapDef, BpfObject, BpfProgram } from '../../isa/object.ts';
import { createKernel } from './kernel.ts';
import { loadObject, objectMaps } from './object.ts';

const exit0: BpfProgram['insns'] = [{ code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }];
const prog = (name: string, section = 'xdp'): BpfProgram => ({ name, section, insns: exit0, relocations: [], lineInfo: exit0.map(() => ({ file: '', line: 0, col: 0 })) });
const map = (name: string, type: string, typeId: number, extra: Partial<BpfMapDef> = {}): BpfMapDef => ({ name, type, typeId, keySize: 4, valueSize: 4, maxEntries: 4, flags: 0, ...extra });
const obj = (o: Partial<BpfObject>): BpfObject => ({ programs: [], maps: [], globals: [], license: 'GPL', ...o });

describe('objectMaps', () => {
  it('inner map templates come first, named <outer>.inner; globals are mmapable arrays, .rodata* read-only for programs', () => {
    const o = obj({
      maps: [map('outer', 'array_of_maps', 12, { inner: map('', 'hash', 1, { maxEntries: 8 }) })],
      globals: [
        { name: '.rodata.str1.1', bytes: new Uint8Array([104, 105, 0]), symbols: [] },
        { name: '.data.x', bytes: new Uint8Array(8), symbols: [] },
        { name: '.bss', bytes: new Uint8Array(0), symbols: [] },
      ],
    });
    expect(objectMaps(o).map((m) => [m.spec.name, m.typeName, m.spec.flags, m.spec.valueSize, m.spec.inner ?? null, m.template ?? false])).toEqual([
      ['outer.inner', 'hash', 0, 4, null, true],
      ['outer', 'array_of_maps', 0, 4, 'outer.inner', false],
      ['.rodata.str1.1', 'array', 0x480, 3, null, false],
      ['.data.x', 'array', 0x400, 8, null, false],
    ]);
  });
});

describe('loadObject', () => {
  it('loads every program, fills prog_array and map-in-map slots from init', () => {
    const k = createKernel();
    const o = obj({
      programs: [prog('a'), prog('b', 'tc')],
      maps: [
        map('jmp', 'prog_array', 3, { init: [{ index: 2, symbol: 'a' }] }),
        map('in1', 'array', 2),
        map('outer', 'array_of_maps', 12, { inner: map('', 'array', 2), init: [{ index: 1, symbol: 'in1' }] }),
      ],
    });
    const r = loadObject(k, o);
    if (!r.ok) throw new Error(r.message);
    expect([...r.programs.keys()]).toEqual(['a', 'b']);
    expect(r.programs.get('b')!.type).toBe('sched_cls');
    const fd = (x: number) => new Uint8Array(new Uint32Array([x]).buffer);
    expect(k.map('jmp')!.userLookup(fd(2))).toEqual({ ok: true, value: fd(r.programs.get('a')!.fd) });
    expect(k.map('outer')!.userLookup(fd(1))).toEqual({ ok: true, value: fd(k.fdOf(k.map('in1')!)!) });
  });

  it('errors: an unknown section, an init naming nothing, an inner map that does not fit, a bad map', () => {
    expect(loadObject(createKernel(), obj({ programs: [prog('p', 'nonsense')] }))).toEqual({ ok: false, message: "program 'p': no program type for section 'nonsense'" });
    expect(loadObject(createKernel(), obj({ programs: [prog('a')], maps: [map('jmp', 'prog_array', 3, { init: [{ index: 0, symbol: 'zz' }] })] })))
      .toEqual({ ok: false, message: "map 'jmp' slot 0: 'zz' is not a program of the object" });
    expect(loadObject(createKernel(), obj({ maps: [map('small', 'array', 2, { maxEntries: 1 }), map('outer', 'array_of_maps', 12, { inner: map('', 'array', 2), init: [{ index: 0, symbol: 'small' }] })] })))
      .toEqual({ ok: false, message: "map 'outer' slot 0: storing 'small' failed (errno 22)" });
    const bad = loadObject(createKernel(), obj({ maps: [map('h', 'hash', 1, { maxEntries: 0 })] }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^map 'h': /);
  });
});
