/**
 * Map creation (BPF_MAP_CREATE): validate a definition with the map-type table (types.ts) and
 * build the implementation. Also the `--map NAME:TYPE:KEY:VALUE:MAX[:FLAGS]` parser and the dump
 * used by the CLI and the maps panel (`{KEYHEX: VALUEHEX | VALUEHEX[] per CPU}`).
 *
 * Implemented types: array, percpu_array, prog_array, hash, percpu_hash, lru_hash,
 * lru_percpu_hash, lpm_trie, ringbuf, queue, stack, perf_event_array (records outputs per CPU),
 * devmap, xskmap, cpumap (redirect targets), array_of_maps, hash_of_maps. Others are
 * refused with -EINVAL and a message naming the type ("not simulated yet").
 * Provenance: UAPI; our own code.
 */
import { ArrayMap, ProgArrayMap, type ProgRef } from './array.ts';
import { HashMap } from './hash.ts';
import { QueueMap } from './queue.ts';
import { RingBufMap } from './ringbuf.ts';
import { LpmTrieMap } from './lpm.ts';
import { RedirectMap } from './devmap.ts';
import { MapOfMaps, BPF_F_INNER_MAP } from './mapInMap.ts';
import { EINVAL, E2BIG, MapBase, hexOf, type BpfMap, type MapHost, type MapSpec, type MapEntry } from './map.ts';
import { checkMapDef, mapTypeId, mapTypeName, type MapTypeName } from './types.ts';

export * from './map.ts';
export { ArrayMap, ProgArrayMap, HashMap, QueueMap, RingBufMap, LpmTrieMap, RedirectMap, MapOfMaps, BPF_F_INNER_MAP };
export type { ProgRef };

/**
 * BPF_MAP_TYPE_PERF_EVENT_ARRAY: the per-CPU perf buffers bpf_perf_event_output writes to; the
 * records go straight to the run's events (a reader is taken to be attached for every CPU).
 */
export class PerfEventArrayMap extends MapBase {
  override entries(): MapEntry[] {
    return [];
  }
}

export type CreateMapResult = { ok: true; map: BpfMap } | { ok: false; errno: number; message: string };

/** How map creation finds other objects: programs by fd (prog_array), maps by name and fd (map-in-map). */
export interface MapResolvers<P extends ProgRef> {
  prog?: (fd: number) => P | undefined;
  mapByName?: (name: string) => BpfMap | undefined;
  mapByFd?: (fd: number) => BpfMap | undefined;
}

/** BPF_MAP_CREATE. `resolve` finds programs (prog_array updates) and maps (map-in-map). */
export function createMap<P extends ProgRef>(spec: MapSpec, host: MapHost, resolve: MapResolvers<P> | ((fd: number) => P | undefined) = {}): CreateMapResult {
  const r: MapResolvers<P> = typeof resolve === 'function' ? { prog: resolve } : resolve;
  const resolveProg = r.prog ?? (() => undefined);
  const typeId = typeof spec.type === 'number' ? spec.type : mapTypeId(spec.type);
  const type = typeId === undefined ? undefined : mapTypeName(typeId);
  if (typeId === undefined || type === undefined) return { ok: false, errno: EINVAL, message: `unknown map type '${spec.type}'` };
  const flags = spec.flags ?? 0;
  const inner = spec.inner !== undefined ? r.mapByName?.(spec.inner) : undefined;
  if (spec.inner !== undefined && !inner) return { ok: false, errno: EINVAL, message: `map '${spec.name}': inner map '${spec.inner}' is not defined` };
  const def = checkMapDef({ type: typeId, keySize: spec.keySize, valueSize: spec.valueSize, maxEntries: spec.maxEntries, flags: flags & ~BPF_F_INNER_MAP, innerMap: inner !== undefined });
  if (!def.ok) return { ok: false, errno: def.errno === 'E2BIG' ? E2BIG : EINVAL, message: `map '${spec.name}': ${def.message}` };
  const a = [host, spec.name, type, typeId, spec.keySize, spec.valueSize, spec.maxEntries, flags] as const;
  switch (type) {
    case 'array':
    case 'percpu_array':
      return { ok: true, map: new ArrayMap(...a) };
    case 'hash':
    case 'percpu_hash':
    case 'lru_hash':
    case 'lru_percpu_hash':
      return { ok: true, map: new HashMap(...a) };
    case 'queue':
    case 'stack':
      return { ok: true, map: new QueueMap(...a) };
    case 'ringbuf':
      return { ok: true, map: new RingBufMap(host, spec.name, typeId, spec.maxEntries, flags) };
    case 'prog_array':
      return { ok: true, map: new ProgArrayMap<P>(host, spec.name, typeId, spec.keySize, spec.valueSize, spec.maxEntries, flags, resolveProg) };
    case 'lpm_trie':
      return { ok: true, map: new LpmTrieMap(host, spec.name, typeId, spec.keySize, spec.valueSize, spec.maxEntries, flags) };
    case 'devmap':
    case 'xskmap':
    case 'cpumap':
      return { ok: true, map: new RedirectMap(...a) };
    case 'perf_event_array':
      return { ok: true, map: new PerfEventArrayMap(...a) };
    case 'array_of_maps':
    case 'hash_of_maps':
      return { ok: true, map: new MapOfMaps(...a, inner!, r.mapByFd ?? (() => undefined)) };
    default:
      return { ok: false, errno: EINVAL, message: `map '${spec.name}': map type ${type} is not simulated yet` };
  }
}

/**
 * Parse `NAME:TYPE:KEY:VALUE:MAX[:FLAGS][:inner=MAP]` (TYPE a kernel name without BPF_MAP_TYPE_ or
 * a number; numbers decimal or 0x hex; `inner=` names the template of a map-in-map's inner maps).
 * An error message names the bad field.
 */
export function parseMapSpec(text: string): { ok: true; spec: MapSpec } | { ok: false; message: string } {
  const f = text.split(':');
  let inner: string | undefined;
  if (f.length > 5 && f[f.length - 1].startsWith('inner=')) inner = f.pop()!.slice(6);
  if (f.length !== 5 && f.length !== 6) return { ok: false, message: `bad map spec '${text}': want NAME:TYPE:KEY:VALUE:MAX[:FLAGS]` };
  const [name, typ, ...nums] = f;
  if (!/^[A-Za-z_.][A-Za-z0-9_.]*$/.test(name)) return { ok: false, message: `bad map spec '${text}': '${name}' is not a map name` };
  let type: MapTypeName | number;
  if (/^\d+$/.test(typ)) type = Number(typ);
  else if (mapTypeId(typ) !== undefined) type = typ as MapTypeName;
  else return { ok: false, message: `bad map spec '${text}': unknown map type '${typ}'` };
  const labels = ['key size', 'value size', 'max entries', 'flags'];
  const vals: number[] = [];
  for (let k = 0; k < nums.length; k++) {
    const s = nums[k];
    if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(s)) return { ok: false, message: `bad map spec '${text}': ${labels[k]} '${s}' is not a number` };
    const v = Number(s);
    if (v > 0xffffffff) return { ok: false, message: `bad map spec '${text}': ${labels[k]} ${s} does not fit in 32 bits` };
    vals.push(v);
  }
  const spec: MapSpec = { name, type, keySize: vals[0], valueSize: vals[1], maxEntries: vals[2], flags: vals[3] ?? 0 };
  return { ok: true, spec: inner !== undefined ? { ...spec, inner } : spec };
}

/** A map's contents as DESIGN.md's `maps` JSON gives them: key hex → value hex (per CPU: an array). */
export function dumpMap(m: BpfMap): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const e of m.entries()) out[hexOf(e.key)] = Array.isArray(e.value) ? e.value.map(hexOf) : hexOf(e.value);
  return out;
}
export { hexBytes, mapLookupHex, mapUpdateHex, mapDeleteHex, mapNextKeyHex } from './userApi.ts';
export type { HexResult } from './userApi.ts';
