/** The hex user-space map API (bpftool-like), by hand-computed cases. */
import { describe, expect, it } from 'vitest';
import { Memory } from '../../vm/index.ts';
import { createMap, type BpfMap } from './index.ts';
import { hexBytes, mapDeleteHex, mapLookupHex, mapNextKeyHex, mapPeekHex, mapPopHex, mapPushHex, mapUpdateHex } from './userApi.ts';

function make(type: 'hash' | 'array' | 'percpu_array' | 'queue' | 'stack'): BpfMap {
  const r = createMap({ name: 'm', type, keySize: type === 'queue' || type === 'stack' ? 0 : 4, valueSize: 4, maxEntries: 2 }, { memory: new Memory(), cpus: 2 });
  if (!r.ok) throw new Error(r.message);
  return r.map;
}

describe('hex map API', () => {
  it('parses hex with spaces and 0x', () => {
    expect(hexBytes('0x01 02 0a')).toEqual(new Uint8Array([1, 2, 10]));
    expect(hexBytes('abc')).toBeUndefined();
    expect(hexBytes('zz')).toBeUndefined();
  });
  it('update / lookup / getnext / delete with strerror messages', () => {
    const m = make('hash');
    expect(mapUpdateHex(m, '01000000', '2a000000')).toEqual({ ok: true, value: null });
    expect(mapUpdateHex(m, '01000000', '2b000000', 'noexist')).toEqual({ ok: false, errno: 17, message: 'update failed: File exists' });
    expect(mapUpdateHex(m, '02000000', '2b000000', 'exist')).toEqual({ ok: false, errno: 2, message: 'update failed: No such file or directory' });
    expect(mapLookupHex(m, '01 00 00 00')).toEqual({ ok: true, value: '2a000000' });
    expect(mapLookupHex(m, '09000000')).toEqual({ ok: false, errno: 2, message: 'lookup failed: No such file or directory' });
    expect(mapLookupHex(m, '0100')).toEqual({ ok: false, errno: 22, message: "key has 2 bytes, map 'm' needs 4" });
    expect(mapNextKeyHex(m)).toEqual({ ok: true, value: '01000000' });
    expect(mapNextKeyHex(m, '01000000')).toEqual({ ok: false, errno: 2, message: 'get next key failed: No such file or directory' });
    expect(mapDeleteHex(m, '01000000')).toEqual({ ok: true, value: null });
    expect(mapDeleteHex(m, '01000000')).toMatchObject({ ok: false, errno: 2 });
    expect(mapUpdateHex(m, '01000000', 'xyz')).toMatchObject({ ok: false, errno: 22, message: "value 'xyz' is not hex bytes" });
  });
  it('arrays: E2BIG past the end, delete EINVAL; per-CPU values one per CPU', () => {
    const a = make('array');
    expect(mapUpdateHex(a, '05000000', '00000000')).toEqual({ ok: false, errno: 7, message: 'update failed: Argument list too long' });
    expect(mapDeleteHex(a, '00000000')).toEqual({ ok: false, errno: 22, message: 'delete failed: Invalid argument' });
    const p = make('percpu_array');
    expect(mapUpdateHex(p, '00000000', ['01000000', '02000000'])).toEqual({ ok: true, value: null });
    expect(mapLookupHex(p, '00000000')).toEqual({ ok: true, value: ['01000000', '02000000'] });
    expect(mapUpdateHex(p, '00000000', ['01000000'])).toMatchObject({ ok: false, errno: 22 });
  });
  it('queue and stack: push / pop / peek, full and empty', () => {
    const q = make('queue');
    expect(mapPeekHex(q)).toEqual({ ok: false, errno: 2, message: 'peek failed: No such file or directory' });
    expect(mapPushHex(q, '01000000')).toEqual({ ok: true, value: null });
    expect(mapPushHex(q, '02000000')).toEqual({ ok: true, value: null });
    expect(mapPushHex(q, '03000000')).toEqual({ ok: false, errno: 7, message: 'push failed: Argument list too long' });
    expect(mapPushHex(q, '03000000', 'exist')).toEqual({ ok: true, value: null }); // the oldest (1) goes
    expect(mapPeekHex(q)).toEqual({ ok: true, value: '02000000' });
    expect([mapPopHex(q), mapPopHex(q), mapPopHex(q)]).toEqual([
      { ok: true, value: '02000000' }, { ok: true, value: '03000000' }, { ok: false, errno: 2, message: 'pop failed: No such file or directory' },
    ]);
    expect(mapPushHex(q, '0100')).toEqual({ ok: false, errno: 22, message: "value has 2 bytes, map 'm' needs 4" });
    const st = make('stack');
    mapPushHex(st, '01000000');
    mapPushHex(st, '02000000');
    expect(mapPopHex(st)).toEqual({ ok: true, value: '02000000' });
    expect(mapPopHex(make('hash'))).toEqual({ ok: false, errno: 22, message: "map 'm' (hash) has keys: pop is for queue and stack maps" });
  });
});
