// Map-type tables checked against sources we did not write:
//  - clang-19 reading linux/bpf.h (6.1 UAPI): every BPF_MAP_TYPE_* number up to USER_RINGBUF;
//  - the running 6.18 kernel's BPF_MAP_CREATE over a grid of key/value sizes, max_entries and
//    flags (testdata/map-probe-6.18.txt lists the accepted points; every other point was refused);
//  - the 6.18 verifier's helper/map compatibility check (testdata/mapcompat-probe-6.18.txt).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BPF_MAP_TYPE_NAMES, checkMapDef, isPerCpuMap, isProgReadOnlyMap, mapHelperCompatible, mapTypeId, mapTypeName, mapTypesForHelper,
} from './types.ts';
import { clangCheck, eq, hasClang } from '../testdata/clangAsserts.ts';
import { helperId, helperName } from '../helpers/names.ts';

const read = (f: string): string[] =>
  readFileSync(new URL(`../testdata/${f}`, import.meta.url), 'utf8').split('\n').filter((l) => l !== '');

describe('map type numbers', () => {
  it.skipIf(!hasClang())('agree with linux/bpf.h (clang-19)', () => {
    const asserts = BPF_MAP_TYPE_NAMES.map((n, i) => (i <= 31 ? eq(`BPF_MAP_TYPE_${n.toUpperCase()}`, i) : '')).filter(Boolean);
    expect(clangCheck(['linux/bpf.h'], asserts)).toBe('');
  });

  it('hand-checked: hash 1, array 2, percpu_array 6, lru_hash 9, ringbuf 27, cgrp_storage 32, arena 33', () => {
    expect([mapTypeId('hash'), mapTypeId('array'), mapTypeId('percpu_array'), mapTypeId('lru_hash'), mapTypeId('ringbuf'), mapTypeId('cgrp_storage'), mapTypeId('arena')])
      .toEqual([1, 2, 6, 9, 27, 32, 33]);
    expect(mapTypeId('unspec')).toBeUndefined();
    expect(mapTypeId('nonsense')).toBeUndefined();
    expect(mapTypeName(27)).toBe('ringbuf');
    expect(mapTypeName(99)).toBeUndefined();
    expect(isPerCpuMap(6)).toBe(true);
    expect(isPerCpuMap(2)).toBe(false);
    expect(isProgReadOnlyMap(14)).toBe(true);
  });
});

describe('BPF_MAP_CREATE rules vs the 6.18 kernel', () => {
  const lines = read('map-probe-6.18.txt');
  const grid = /keys \[(.*)\] values \[(.*)\] max_entries \[(.*)\] flags \[(.*)\]/.exec(lines.find((l) => l.startsWith('# grid'))!)!;
  const [keys, values, maxes, flags] = grid.slice(1).map((s) => s.split(', ').map(Number));
  const accepted = new Set(lines.filter((l) => l.startsWith('create ')).map((l) => l.split(' ').slice(1, 6).join(' ')));

  it('the grid is the one the recording used', () => {
    expect(keys.length * values.length * maxes.length * flags.length).toBe(7 * 7 * 5 * 3);
    expect(accepted.size).toBeGreaterThan(1000);
  });

  it('for every type (no BTF, no inner map) and every grid point, we accept exactly what the kernel accepted', () => {
    const wrong: string[] = [];
    for (let type = 1; type <= 33; type++) {
      for (const k of keys) for (const v of values) for (const m of maxes) for (const f of flags) {
        const kernel = accepted.has(`${type} ${k} ${v} ${m} ${f}`);
        const ours = checkMapDef({ type, keySize: k, valueSize: v, maxEntries: m, flags: f }).ok;
        if (kernel !== ours) wrong.push(`${mapTypeName(type)} key=${k} value=${v} max=${m} flags=${f}: kernel ${kernel ? 'ok' : 'refused'}`);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('bloom filter map_extra holds at most 15 hash functions', () => {
    for (const l of lines.filter((x) => x.startsWith('extra '))) {
      const [, type, k, v, m, f, extra, verdict] = l.split(' ');
      const d = { type: +type, keySize: +k, valueSize: +v, maxEntries: +m, flags: +f, mapExtra: +extra };
      expect(checkMapDef(d).ok, l).toBe(verdict === 'ok');
    }
  });

  it('documented rules with errors as values', () => {
    expect(checkMapDef({ type: 2, keySize: 8, valueSize: 8, maxEntries: 1 })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(checkMapDef({ type: 27, keySize: 0, valueSize: 0, maxEntries: 4096 * 3 }).ok).toBe(false);
    expect(checkMapDef({ type: 27, keySize: 0, valueSize: 0, maxEntries: 4096 * 4 }).ok).toBe(true);
    expect(checkMapDef({ type: 24, keySize: 4, valueSize: 8, maxEntries: 0, flags: 1, btf: true }).ok).toBe(true);
    expect(checkMapDef({ type: 12, keySize: 4, valueSize: 4, maxEntries: 4, innerMap: true }).ok).toBe(true);
    expect(checkMapDef({ type: 99, keySize: 4, valueSize: 4, maxEntries: 4 }).ok).toBe(false);
    expect(checkMapDef({ type: 1, keySize: -1, valueSize: 4, maxEntries: 4 }).ok).toBe(false);
    expect(checkMapDef({ type: 1, keySize: 4.5, valueSize: 4, maxEntries: 4 }).ok).toBe(false);
  });
});

describe('helper/map compatibility vs the 6.18 verifier', () => {
  const rows = read('mapcompat-probe-6.18.txt').filter((l) => !l.startsWith('#')).map((l) => {
    const [h, t, ...rest] = l.split(' ');
    return { helper: Number(h), type: Number(t), msg: rest.join(' ') };
  });

  it('"cannot pass map_type" (or the tail-call variant) exactly where we say incompatible', () => {
    const wrong: string[] = [];
    let compared = 0;
    for (const r of rows) {
      const refused = r.msg.startsWith('cannot pass map_type') || r.msg.startsWith('expected prog array map for tail call');
      const passed = r.msg === 'ok' || r.msg.startsWith('Unreleased reference');
      if (!refused && !passed) continue; // stopped by an earlier argument check: no verdict on compatibility
      compared++;
      if (mapHelperCompatible(r.type, r.helper) !== passed) wrong.push(`${helperName(r.helper)} with ${mapTypeName(r.type)}: kernel ${passed ? 'ok' : r.msg}`);
      if (r.msg.startsWith('cannot pass')) expect(r.msg).toBe(`cannot pass map_type ${r.type} into func ${helperName(r.helper)}#${r.helper}`);
    }
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(400);
  });

  it('documented pairs', () => {
    expect(mapTypesForHelper(helperId('tail_call')!)).toEqual(['prog_array']);
    expect(mapTypesForHelper(helperId('redirect_map')!)).toEqual(['devmap', 'cpumap', 'xskmap', 'devmap_hash']);
    expect(mapTypesForHelper(helperId('ringbuf_reserve')!)).toEqual(['ringbuf']);
    expect(mapHelperCompatible(mapTypeId('ringbuf')!, helperId('map_lookup_elem')!)).toBe(false);
    expect(mapHelperCompatible(mapTypeId('hash')!, helperId('map_lookup_elem')!)).toBe(true);
    expect(mapHelperCompatible(mapTypeId('array')!, helperId('map_lookup_percpu_elem')!)).toBe(false);
  });
});
