/**
 * Map types: the UAPI `enum bpf_map_type` numbers and names (kernel names without the
 * `BPF_MAP_TYPE_` prefix, as `--map counts:hash:4:8:1024` spells them), the rules BPF_MAP_CREATE
 * applies to key size, value size, max_entries and flags, and which helpers may be given which
 * map type (the facts behind the verifier's "cannot pass map_type N into func NAME#ID").
 *
 * Does: describe and validate a map definition; answer "may helper H use a map of type T".
 * Does not: implement maps (src/kernel/maps, later), or model BTF-described values (types that need
 * BTF are reported as such).
 *
 * Provenance: UAPI numbering; creation rules and helper compatibility as the running 6.18 kernel
 * answered them (testdata/map-probe-6.18.txt, testdata/mapcompat-probe-6.18.txt, checked by
 * types.test.ts), completed from the public UAPI helper and map documentation.
 */
import { helperId } from '../helpers/names.ts';

/** Every `BPF_MAP_TYPE_*` of 6.18 by number (19's UAPI name is cgroup_storage, its deprecated alias aside). */
export const BPF_MAP_TYPE_NAMES = [
  'unspec', 'hash', 'array', 'prog_array', 'perf_event_array', 'percpu_hash', 'percpu_array',
  'stack_trace', 'cgroup_array', 'lru_hash', 'lru_percpu_hash', 'lpm_trie', 'array_of_maps',
  'hash_of_maps', 'devmap', 'sockmap', 'cpumap', 'xskmap', 'sockhash', 'cgroup_storage',
  'reuseport_sockarray', 'percpu_cgroup_storage', 'queue', 'stack', 'sk_storage', 'devmap_hash',
  'struct_ops', 'ringbuf', 'inode_storage', 'task_storage', 'bloom_filter', 'user_ringbuf',
  'cgrp_storage', 'arena',
] as const;
export type MapTypeName = (typeof BPF_MAP_TYPE_NAMES)[number];

/** `BPF_MAP_TYPE_*` number for a name ('ringbuf' -> 27); undefined when unknown. */
export function mapTypeId(name: string): number | undefined {
  const i = (BPF_MAP_TYPE_NAMES as readonly string[]).indexOf(name);
  return i <= 0 ? undefined : i;
}

export function mapTypeName(id: number): MapTypeName | undefined {
  return id > 0 ? BPF_MAP_TYPE_NAMES[id] : undefined;
}

// map_flags bits (UAPI).
export const BPF_F_NO_PREALLOC = 1 << 0;
export const BPF_F_NO_COMMON_LRU = 1 << 1;
export const BPF_F_NUMA_NODE = 1 << 2;
export const BPF_F_RDONLY = 1 << 3;
export const BPF_F_WRONLY = 1 << 4;
export const BPF_F_RDONLY_PROG = 1 << 7;
export const BPF_F_WRONLY_PROG = 1 << 8;
export const BPF_F_MMAPABLE = 1 << 10;
/** Hash maps: seed 0, so the bucket (iteration) order is the same everywhere (CAP_SYS_ADMIN). */
export const BPF_F_ZERO_SEED = 1 << 6;

/** PCPU_MIN_UNIT_SIZE: the largest per-CPU value. */
export const PCPU_MIN_UNIT_SIZE = 32768;
/** sysctl kernel.perf_event_max_stack default: frames per stack_trace value. */
export const PERF_MAX_STACK_DEPTH = 127;

export interface MapDef {
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags?: number;
  /** Bloom filter: number of hash functions in the low 4 bits. */
  readonly mapExtra?: number;
  /** A BTF description of key and value was given (needed by the *_storage and struct_ops types). */
  readonly btf?: boolean;
  /** An inner map was given (array_of_maps, hash_of_maps). */
  readonly innerMap?: boolean;
}

export interface MapEnv {
  readonly pageSize: number;
  /** NR_CPUS of the kernel build (cpumap's max_entries limit). */
  readonly nrCpus: number;
}

export const DEFAULT_MAP_ENV: MapEnv = { pageSize: 4096, nrCpus: 64 };

export type MapDefResult = { readonly ok: true } | { readonly ok: false; readonly errno: 'EINVAL' | 'E2BIG' | 'ENOTSUPP'; readonly message: string };

const OK: MapDefResult = { ok: true };
const bad = (message: string, errno: 'EINVAL' | 'E2BIG' | 'ENOTSUPP' = 'EINVAL'): MapDefResult => ({ ok: false, errno, message });
const isPow2 = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

/** Flags every map type accepts on top of its own (access and NUMA bits). */
const COMMON_FLAGS = BPF_F_NUMA_NODE | BPF_F_RDONLY | BPF_F_WRONLY | BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG;

interface Rule {
  readonly doc: string;
  readonly perCpu?: boolean;
  /** Extra flags allowed; flags outside COMMON_FLAGS | allowed are refused. */
  readonly flags?: number;
  /** Flags that must be set. */
  readonly mustFlags?: number;
  /** Programs cannot write it (devmap: "write into map forbidden"). */
  readonly progReadOnly?: boolean;
  readonly check: (d: MapDef, env: MapEnv) => MapDefResult;
}

const need = (cond: boolean, message: string, errno: 'EINVAL' | 'E2BIG' = 'EINVAL'): MapDefResult => (cond ? OK : bad(message, errno));
const all = (...rs: MapDefResult[]): MapDefResult => rs.find((r) => !r.ok) ?? OK;
const sized = (d: MapDef): MapDefResult => need(d.keySize > 0 && d.valueSize > 0 && d.maxEntries > 0, 'key_size, value_size and max_entries must be non-zero');
const key4 = (d: MapDef, what: string): MapDefResult => need(d.keySize === 4, `${what} maps need key_size 4 (a u32 index)`);
const fdValue = (d: MapDef, what: string, sizes: readonly number[]): MapDefResult =>
  need(sizes.includes(d.valueSize), `${what} maps need value_size ${sizes.join(' or ')}`);
const percpuValue = (d: MapDef): MapDefResult => need(d.valueSize <= PCPU_MIN_UNIT_SIZE, `per-CPU values are limited to ${PCPU_MIN_UNIT_SIZE} bytes`, 'E2BIG');
const storage = (d: MapDef): MapDefResult => all(
  need(d.btf === true, 'local-storage maps need BTF for key and value'),
  need(d.keySize === 4 && d.valueSize > 0 && d.maxEntries === 0, 'local-storage maps need key_size 4 (an fd), a value, and max_entries 0'),
);
const ring = (d: MapDef, env: MapEnv): MapDefResult => all(
  need(d.keySize === 0 && d.valueSize === 0, 'ring buffers need key_size 0 and value_size 0'),
  need(isPow2(d.maxEntries) && d.maxEntries % env.pageSize === 0, `ring buffer max_entries (bytes) must be a power of 2 and a multiple of the page size (${env.pageSize})`),
);

const RULES: Readonly<Partial<Record<MapTypeName, Rule>>> = {
  hash: { doc: 'Hash table of fixed-size keys and values.', flags: BPF_F_NO_PREALLOC | BPF_F_ZERO_SEED, check: sized },
  array: { doc: 'Array indexed by a u32, preallocated and zero-filled; elements cannot be deleted.', flags: BPF_F_MMAPABLE, check: (d) => all(key4(d, 'array'), sized(d)) },
  prog_array: { doc: 'Program table for bpf_tail_call(); values are program fds.', check: (d) => all(key4(d, 'prog_array'), fdValue(d, 'prog_array', [4]), sized(d)) },
  perf_event_array: { doc: 'Perf event fds, one per CPU usually, for bpf_perf_event_output() and counters.', check: (d) => all(key4(d, 'perf_event_array'), fdValue(d, 'perf_event_array', [4]), sized(d)) },
  percpu_hash: { doc: 'Hash table with one value per CPU for each key.', perCpu: true, flags: BPF_F_NO_PREALLOC | BPF_F_ZERO_SEED, check: (d) => all(sized(d), percpuValue(d)) },
  percpu_array: { doc: 'Array with one value per CPU for each index.', perCpu: true, check: (d) => all(key4(d, 'percpu_array'), sized(d), percpuValue(d)) },
  stack_trace: {
    doc: 'Stack traces stored by bpf_get_stackid(); values are arrays of u64 addresses.',
    check: (d) => all(key4(d, 'stack_trace'), sized(d), need(d.valueSize % 8 === 0 && d.valueSize / 8 <= PERF_MAX_STACK_DEPTH, `stack_trace values must be a multiple of 8 bytes and at most ${PERF_MAX_STACK_DEPTH} frames`)),
  },
  cgroup_array: { doc: 'Cgroup fds for bpf_skb_under_cgroup() and bpf_current_task_under_cgroup().', check: (d) => all(key4(d, 'cgroup_array'), fdValue(d, 'cgroup_array', [4]), sized(d)) },
  lru_hash: { doc: 'Hash table that evicts the least recently used entry when full.', flags: BPF_F_NO_COMMON_LRU | BPF_F_ZERO_SEED, check: sized },
  lru_percpu_hash: { doc: 'LRU hash table with per-CPU values.', perCpu: true, flags: BPF_F_NO_COMMON_LRU | BPF_F_ZERO_SEED, check: (d) => all(sized(d), percpuValue(d)) },
  lpm_trie: {
    doc: 'Longest-prefix-match trie; keys are a u32 prefix length followed by the data (e.g. an IP address).',
    flags: BPF_F_NO_PREALLOC, mustFlags: BPF_F_NO_PREALLOC,
    check: (d) => all(sized(d), need(d.keySize > 4 && d.keySize <= 4 + 256, 'lpm_trie keys are 4 bytes of prefix length plus 1..256 data bytes')),
  },
  array_of_maps: { doc: 'Array whose values are (fds of) other maps.', check: (d) => all(need(d.innerMap === true, 'map-in-map types need an inner map'), key4(d, 'array_of_maps'), fdValue(d, 'array_of_maps', [4]), sized(d)) },
  hash_of_maps: { doc: 'Hash table whose values are (fds of) other maps.', flags: BPF_F_NO_PREALLOC, check: (d) => all(need(d.innerMap === true, 'map-in-map types need an inner map'), fdValue(d, 'hash_of_maps', [4]), sized(d)) },
  devmap: { doc: 'Network devices for XDP bpf_redirect_map(), by index.', progReadOnly: true, check: (d) => all(key4(d, 'devmap'), fdValue(d, 'devmap', [4, 8]), sized(d)) },
  sockmap: { doc: 'Sockets by index, for redirection between sockets.', check: (d) => all(key4(d, 'sockmap'), fdValue(d, 'sockmap', [4, 8]), sized(d)) },
  cpumap: {
    doc: 'CPUs for XDP bpf_redirect_map(): hands packets to another CPU\'s network stack.',
    check: (d, env) => all(key4(d, 'cpumap'), fdValue(d, 'cpumap', [4, 8]), sized(d), need(d.maxEntries <= env.nrCpus, `cpumap max_entries is limited to NR_CPUS (${env.nrCpus})`, 'E2BIG')),
  },
  xskmap: { doc: 'AF_XDP sockets for XDP bpf_redirect_map().', check: (d) => all(key4(d, 'xskmap'), fdValue(d, 'xskmap', [4]), sized(d)) },
  sockhash: { doc: 'Sockets by arbitrary key, for redirection between sockets.', check: (d) => all(sized(d), fdValue(d, 'sockhash', [4, 8]), need(d.keySize <= 512, 'sockhash keys are limited to 512 bytes', 'E2BIG')) },
  cgroup_storage: { doc: 'Per-cgroup storage for cgroup programs, reached with bpf_get_local_storage().', check: (d) => all(need(d.keySize === 8 || d.keySize === 16, 'cgroup_storage keys are a u64 or struct bpf_cgroup_storage_key'), need(d.valueSize > 0, 'value_size must be non-zero'), need(d.maxEntries === 0, 'cgroup_storage needs max_entries 0')) },
  reuseport_sockarray: { doc: 'Sockets of a SO_REUSEPORT group for bpf_sk_select_reuseport().', check: (d) => all(key4(d, 'reuseport_sockarray'), fdValue(d, 'reuseport_sockarray', [4, 8]), sized(d)) },
  percpu_cgroup_storage: { doc: 'Per-cgroup storage with per-CPU values.', perCpu: true, check: (d) => all(need(d.keySize === 8 || d.keySize === 16, 'cgroup_storage keys are a u64 or struct bpf_cgroup_storage_key'), need(d.valueSize > 0, 'value_size must be non-zero'), need(d.maxEntries === 0, 'cgroup_storage needs max_entries 0')) },
  queue: { doc: 'FIFO of values (no keys): bpf_map_push_elem / pop / peek.', check: (d) => all(need(d.keySize === 0, 'queue maps need key_size 0'), need(d.valueSize > 0 && d.maxEntries > 0, 'value_size and max_entries must be non-zero')) },
  stack: { doc: 'LIFO of values (no keys): bpf_map_push_elem / pop / peek.', check: (d) => all(need(d.keySize === 0, 'stack maps need key_size 0'), need(d.valueSize > 0 && d.maxEntries > 0, 'value_size and max_entries must be non-zero')) },
  sk_storage: { doc: 'Socket-local storage (bpf_sk_storage_get).', flags: BPF_F_NO_PREALLOC, mustFlags: BPF_F_NO_PREALLOC, check: storage },
  devmap_hash: { doc: 'Network devices for XDP redirects, by arbitrary u32 key.', progReadOnly: true, check: (d) => all(key4(d, 'devmap_hash'), fdValue(d, 'devmap_hash', [4, 8]), sized(d)) },
  struct_ops: { doc: 'Kernel struct_ops implementations (e.g. TCP congestion control) made of BPF programs.', check: (d) => need(d.btf === true, 'struct_ops maps need BTF') },
  ringbuf: { doc: 'Multi-producer ring buffer shared with user space (bpf_ringbuf_output / reserve / submit). max_entries is its size in bytes.', check: ring },
  inode_storage: { doc: 'Inode-local storage for LSM programs.', flags: BPF_F_NO_PREALLOC, mustFlags: BPF_F_NO_PREALLOC, check: storage },
  task_storage: { doc: 'Task-local storage.', flags: BPF_F_NO_PREALLOC, mustFlags: BPF_F_NO_PREALLOC, check: storage },
  bloom_filter: {
    doc: 'Bloom filter of values (no keys): push adds, peek tests membership (false positives possible).',
    check: (d) => all(need(d.keySize === 0, 'bloom filters need key_size 0'), need(d.valueSize > 0 && d.maxEntries > 0, 'value_size and max_entries must be non-zero'), need(((d.mapExtra ?? 0) & ~0xf) === 0, 'bloom filter map_extra holds at most 15 hash functions')),
  },
  user_ringbuf: { doc: 'Ring buffer written by user space and drained by programs (bpf_user_ringbuf_drain).', check: ring },
  cgrp_storage: { doc: 'Cgroup-local storage (bpf_cgrp_storage_get).', flags: BPF_F_NO_PREALLOC, mustFlags: BPF_F_NO_PREALLOC, check: storage },
  arena: { doc: 'Sparse memory shared between programs and user space, max_entries pages long.', flags: BPF_F_MMAPABLE, mustFlags: BPF_F_MMAPABLE, check: (d) => all(need(d.keySize === 0 && d.valueSize === 0, 'arena maps need key_size 0 and value_size 0'), need(d.maxEntries > 0, 'max_entries (pages) must be non-zero')) },
};

/** A one-line description of a map type, for docs and the maps panel. */
export function mapTypeDoc(type: number): string | undefined {
  const n = mapTypeName(type);
  return n === undefined ? undefined : RULES[n]?.doc;
}

/** Per-CPU map types hold one value per possible CPU for each key. */
export function isPerCpuMap(type: number): boolean {
  const n = mapTypeName(type);
  return n !== undefined && RULES[n]?.perCpu === true;
}

/** Programs may read but not write maps of this type (devmap, devmap_hash). */
export function isProgReadOnlyMap(type: number): boolean {
  const n = mapTypeName(type);
  return n !== undefined && RULES[n]?.progReadOnly === true;
}

/** Would BPF_MAP_CREATE accept this definition? Never throws. */
export function checkMapDef(d: MapDef, env: MapEnv = DEFAULT_MAP_ENV): MapDefResult {
  const n = mapTypeName(d.type);
  const rule = n === undefined ? undefined : RULES[n];
  if (rule === undefined) return bad(`unknown map type ${d.type}`);
  for (const v of [d.keySize, d.valueSize, d.maxEntries, d.flags ?? 0]) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) return bad('sizes and flags must be 32-bit unsigned integers');
  }
  const flags = d.flags ?? 0;
  if ((flags & ~(COMMON_FLAGS | (rule.flags ?? 0))) !== 0) return bad(`map_flags 0x${flags.toString(16)} not supported by ${n} maps`);
  if ((flags & (rule.mustFlags ?? 0)) !== (rule.mustFlags ?? 0)) return bad(`${n} maps need map_flags 0x${(rule.mustFlags ?? 0).toString(16)}`);
  return rule.check(d, env);
}

// ---- which helpers may take which map types (check_map_func_compatibility) -------------------

const ids = (s: string): readonly number[] => s.trim().split(/\s+/).map((n) => {
  const id = helperId(n);
  if (id === undefined) throw new Error(`internal: unknown helper '${n}'`);
  return id;
});

/** Map types that only work with the listed helpers (any other helper is refused). */
const MAP_ONLY: Readonly<Partial<Record<MapTypeName, readonly number[]>>> = {
  prog_array: ids('tail_call'),
  perf_event_array: ids('perf_event_read perf_event_output perf_event_read_value skb_output xdp_output'),
  ringbuf: ids('ringbuf_output ringbuf_reserve ringbuf_query ringbuf_reserve_dynptr ringbuf_submit_dynptr ringbuf_discard_dynptr'),
  user_ringbuf: ids('user_ringbuf_drain'),
  stack_trace: ids('get_stackid'),
  cgroup_array: ids('skb_under_cgroup current_task_under_cgroup'),
  cgroup_storage: ids('get_local_storage'),
  percpu_cgroup_storage: ids('get_local_storage'),
  devmap: ids('redirect_map map_lookup_elem'),
  devmap_hash: ids('redirect_map map_lookup_elem'),
  cpumap: ids('redirect_map'),
  xskmap: ids('redirect_map map_lookup_elem'),
  array_of_maps: ids('map_lookup_elem'),
  hash_of_maps: ids('map_lookup_elem'),
  sockmap: ids('sk_redirect_map sock_map_update msg_redirect_map sk_select_reuseport map_lookup_elem map_update_elem map_delete_elem'),
  sockhash: ids('sk_redirect_hash sock_hash_update msg_redirect_hash sk_select_reuseport map_lookup_elem map_update_elem map_delete_elem'),
  reuseport_sockarray: ids('sk_select_reuseport'),
  queue: ids('map_peek_elem map_pop_elem map_push_elem'),
  stack: ids('map_peek_elem map_pop_elem map_push_elem'),
  bloom_filter: ids('map_peek_elem map_push_elem'),
  sk_storage: ids('sk_storage_get sk_storage_delete'),
  inode_storage: ids('inode_storage_get inode_storage_delete'),
  task_storage: ids('task_storage_get task_storage_delete'),
  cgrp_storage: ids('cgrp_storage_get cgrp_storage_delete'),
  struct_ops: [],
  arena: [],
};

/** Helpers that only accept the listed map types. */
const HELPER_ONLY: ReadonlyMap<number, readonly MapTypeName[]> = new Map<number, readonly MapTypeName[]>([
  ...ids('tail_call').map((h) => [h, ['prog_array']] as const),
  ...ids('perf_event_read perf_event_output perf_event_read_value skb_output xdp_output').map((h) => [h, ['perf_event_array']] as const),
  ...ids('ringbuf_output ringbuf_reserve ringbuf_query ringbuf_reserve_dynptr').map((h) => [h, ['ringbuf']] as const),
  ...ids('user_ringbuf_drain').map((h) => [h, ['user_ringbuf']] as const),
  ...ids('get_stackid').map((h) => [h, ['stack_trace']] as const),
  ...ids('current_task_under_cgroup skb_under_cgroup').map((h) => [h, ['cgroup_array']] as const),
  ...ids('redirect_map').map((h) => [h, ['devmap', 'devmap_hash', 'cpumap', 'xskmap']] as const),
  ...ids('sk_redirect_map msg_redirect_map sock_map_update').map((h) => [h, ['sockmap']] as const),
  ...ids('sk_redirect_hash msg_redirect_hash sock_hash_update').map((h) => [h, ['sockhash']] as const),
  ...ids('get_local_storage').map((h) => [h, ['cgroup_storage', 'percpu_cgroup_storage']] as const),
  ...ids('sk_select_reuseport').map((h) => [h, ['reuseport_sockarray', 'sockmap', 'sockhash']] as const),
  ...ids('map_pop_elem').map((h) => [h, ['queue', 'stack']] as const),
  ...ids('map_peek_elem map_push_elem').map((h) => [h, ['queue', 'stack', 'bloom_filter']] as const),
  ...ids('map_lookup_percpu_elem').map((h) => [h, ['percpu_array', 'percpu_hash', 'lru_percpu_hash']] as const),
  ...ids('for_each_map_elem').map((h) => [h, ['hash', 'lru_hash', 'percpu_hash', 'lru_percpu_hash', 'array', 'percpu_array']] as const),
  ...ids('sk_storage_get sk_storage_delete').map((h) => [h, ['sk_storage']] as const),
  ...ids('inode_storage_get inode_storage_delete').map((h) => [h, ['inode_storage']] as const),
  ...ids('task_storage_get task_storage_delete').map((h) => [h, ['task_storage']] as const),
  ...ids('cgrp_storage_get cgrp_storage_delete').map((h) => [h, ['cgrp_storage']] as const),
]);

/**
 * May helper *helper* be passed a map of type *type*? False is the verifier's
 * "cannot pass map_type T into func NAME#ID" (for bpf_tail_call: "expected prog array map for tail call").
 */
export function mapHelperCompatible(type: number, helper: number): boolean {
  const n = mapTypeName(type);
  if (n === undefined) return false;
  const mapOnly = MAP_ONLY[n];
  if (mapOnly !== undefined && !mapOnly.includes(helper)) return false;
  const helperOnly = HELPER_ONLY.get(helper);
  return helperOnly === undefined || helperOnly.includes(n);
}

/** The map types a helper accepts (of all 6.18 types). */
export function mapTypesForHelper(helper: number): readonly MapTypeName[] {
  return BPF_MAP_TYPE_NAMES.filter((n, i) => i > 0 && mapHelperCompatible(i, helper));
}
