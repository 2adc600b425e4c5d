/**
 * Map creation (BPF_MAP_CREATE): validate a definition with the map-type table (types.ts) and
 * build the implementation. Also the `--map NAME:TYPE:KEY:VALUE:MAX[:FLAGS]` parser and the dump
 * used by the CLI and the maps panel (`{KEYHEX: VALUEHEX | VALUEHEX[] per CPU}`).
 *
 * Implemented types: array, percpu_array, prog_array, hash, percpu_hash, lru_hash,
 * lru_percpu_hash, lpm_trie, ringbuf, queue, stack, perf_event_array (records outputs per CPU), stack_trace,
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
import { StackTraceMap } from './stackTrace.ts';
import { EINVAL, E2BIG, ENOMEM, ENOSPC, MapBase, hexOf, roundUp8, type BpfMap, type MapHost, type MapSpec, type MapEntry } from './map.ts';
import { BPF_F_RDONLY_PROG, checkMapDef, mapTypeId, mapTypeName, type MapTypeName } from './types.ts';

export * from './map.ts';
export { ArrayMap, ProgArrayMap, HashMap, QueueMap, RingBufMap, LpmTrieMap, RedirectMap, MapOfMaps, BPF_F_INNER_MAP, StackTraceMap };
export type { ProgRef };

/** PAGE_SIZE of the simulated machine (perf buffers are whole pages). */
export const PAGE_SIZE = 4096;

/**
 * BPF_MAP_TYPE_PERF_EVENT_ARRAY: the per-CPU perf buffers bpf_perf_event_output writes to; the
 * records go straight to the run's events (a reader is taken to be attached for every CPU, slot i
 * holding CPU i's event, as libbpf's perf_buffer sets it up).
 *
 * Buffer space: by default the reader keeps up (no record is ever lost). `setReader(pages)` gives
 * each CPU a ring of `pages` pages that fills until the reader `drain()`s it: a sample takes an
 * 8-byte perf_event_header plus its u32 size and data padded to 8 bytes (PERF_SAMPLE_RAW), and one
 * that does not fit is lost — bpf_perf_event_output returns -ENOSPC and the CPU's lost count
 * grows, which the reader sees as a PERF_RECORD_LOST ("lost N samples").
 */
export class PerfEventArrayMap extends MapBase {
  /** Bytes per CPU ring; Infinity: the reader keeps up. */
  capacity = Infinity;
  /** Whether a reader put its perf events in the slots (false: every slot empty, output -ENOENT). */
  attached = true;
  private used: number[] = [];
  /** Samples lost per CPU since the last drain. */
  lost: number[] = [];

  /**
   * A reader with a ring of `pages` pages per CPU (a power of two, as perf requires); 0: no reader
   * (the slots stay empty, as after `bpftool prog loadall`).
   */
  setReader(pages: number): void {
    this.attached = pages > 0;
    this.capacity = pages * PAGE_SIZE;
    this.used = [];
    this.lost = [];
  }

  /** Room for one sample of `len` bytes on `cpu`: 0, or -ENOSPC (counted as lost). */
  reserveSample(cpu: number, len: number): number {
    const size = 8 + roundUp8(4 + len);
    const used = this.used[cpu] ?? 0;
    if (used + size > this.capacity) {
      this.lost[cpu] = (this.lost[cpu] ?? 0) + 1;
      return -ENOSPC;
    }
    this.used[cpu] = used + size;
    return 0;
  }

  /** The reader empties every ring; returns the lost counts per CPU since the last drain. */
  drain(): number[] {
    const lost = Array.from({ length: this.host.cpus }, (_, c) => this.lost[c] ?? 0);
    this.used = [];
    this.lost = [];
    return lost;
  }

  override entries(): MapEntry[] {
    return [];
  }
}

/**
 * The most VM memory one map may preallocate (values × max_entries, per CPU for per-CPU maps; a
 * ring buffer's data twice). Deliberate difference: the kernel's limit is the machine's memory
 * (and memcg); a bigger map here is -ENOMEM at creation rather than a browser tab out of memory.
 */
export const MAX_MAP_MEMORY = 256 << 20;

function preallocBytes(type: MapTypeName, spec: MapSpec, cpus: number): number {
  const per = roundUp8(spec.valueSize) * spec.maxEntries;
  switch (type) {
    case 'array': case 'hash': case 'lru_hash': case 'lpm_trie': case 'devmap': case 'xskmap': case 'cpumap':
      return per;
    case 'percpu_array': case 'percpu_hash': case 'lru_percpu_hash':
      return per * cpus;
    case 'ringbuf':
      return 2 * spec.maxEntries;
    default:
      return 0;
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
  const need = preallocBytes(type, spec, host.cpus);
  if (need > MAX_MAP_MEMORY) {
    return { ok: false, errno: ENOMEM, message: `map '${spec.name}': ${type} with ${spec.maxEntries} entries would take ${need} bytes of values; the simulated machine gives a map at most ${MAX_MAP_MEMORY >> 20} MiB` };
  }
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
      // the kernel makes devmaps read-only for programs (a lookup points at the ifindex): the
      // created map reports BPF_F_RDONLY_PROG in its flags, as `bpftool map show` does
      return { ok: true, map: new RedirectMap(host, spec.name, type, typeId, spec.keySize, spec.valueSize, spec.maxEntries, flags | BPF_F_RDONLY_PROG) };
    case 'xskmap':
    case 'cpumap':
      return { ok: true, map: new RedirectMap(...a) };
    case 'perf_event_array':
      return { ok: true, map: new PerfEventArrayMap(...a) };
    case 'stack_trace':
      return { ok: true, map: new StackTraceMap(...a) };
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
export { hexBytes, mapLookupHex, mapUpdateHex, mapDeleteHex, mapNextKeyHex, mapPushHex, mapPopHex, mapPeekHex } from './userApi.ts';
export type { HexResult } from './userApi.ts';
