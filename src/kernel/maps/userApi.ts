/**
 * The user-space side of maps with hex strings, as `bpftool map lookup|update|delete|getnext|dump|
 * push|pop|peek`
 * offers it — for the CLI, the maps panel and tests: keys and values are lowercase hex of their
 * bytes in memory order (per-CPU values: one string per CPU), failures are the errno with the
 * kernel's strerror text ("update failed: File exists").
 *
 * Does not: format with BTF (bpftool prints typed values when the map has BTF).
 * Provenance: bpftool-map(8) command set; strerror texts of the errno values; our own code.
 */
import { BPF_ANY, BPF_EXIST, BPF_NOEXIST, hexOf, type BpfMap } from './map.ts';

const STRERROR: Readonly<Record<number, string>> = {
  1: 'Operation not permitted', 2: 'No such file or directory', 7: 'Argument list too long', 9: 'Bad file descriptor',
  11: 'Resource temporarily unavailable', 12: 'Cannot allocate memory', 14: 'Bad address', 16: 'Device or resource busy', 17: 'File exists',
  19: 'No such device', 22: 'Invalid argument', 28: 'No space left on device', 88: 'Socket operation on non-socket',
  95: 'Operation not supported', 524: 'Unknown error 524',
};

export type HexResult<T> = { ok: true; value: T } | { ok: false; errno: number; message: string };

const fail = <T>(what: string, errno: number): HexResult<T> => ({ ok: false, errno, message: `${what} failed: ${STRERROR[errno] ?? `Unknown error ${errno}`}` });

/** Bytes from hex (spaces, and a 0x prefix, allowed); undefined when not hex or odd. */
export function hexBytes(text: string): Uint8Array | undefined {
  const t = text.replace(/\s+/g, '').replace(/^0x/i, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(t)) return undefined;
  return Uint8Array.from(t.match(/../g) ?? [], (h) => parseInt(h, 16));
}

function sized(m: BpfMap, hex: string, size: number, what: string): Uint8Array | string {
  const b = hexBytes(hex);
  if (!b) return `${what} '${hex}' is not hex bytes`;
  if (b.length !== size) return `${what} has ${b.length} bytes, map '${m.name}' needs ${size}`;
  return b;
}

export function mapLookupHex(m: BpfMap, keyHex: string): HexResult<string | string[]> {
  const k = sized(m, keyHex, m.keySize, 'key');
  if (typeof k === 'string') return { ok: false, errno: 22, message: k };
  const r = m.userLookup(k);
  if (!r.ok) return fail('lookup', r.errno);
  return { ok: true, value: Array.isArray(r.value) ? r.value.map(hexOf) : hexOf(r.value) };
}

export function mapUpdateHex(m: BpfMap, keyHex: string, value: string | string[], flags: 'any' | 'noexist' | 'exist' = 'any'): HexResult<null> {
  const k = sized(m, keyHex, m.keySize, 'key');
  if (typeof k === 'string') return { ok: false, errno: 22, message: k };
  const vals = (Array.isArray(value) ? value : [value]).map((v) => sized(m, v, m.valueSize, 'value'));
  const bad = vals.find((v) => typeof v === 'string');
  if (typeof bad === 'string') return { ok: false, errno: 22, message: bad };
  const bytes = vals as Uint8Array[];
  const f = flags === 'noexist' ? BPF_NOEXIST : flags === 'exist' ? BPF_EXIST : BPF_ANY;
  const rc = m.userUpdate(k, Array.isArray(value) ? bytes : bytes[0], f);
  return rc === 0 ? { ok: true, value: null } : fail('update', -rc);
}

export function mapDeleteHex(m: BpfMap, keyHex: string): HexResult<null> {
  const k = sized(m, keyHex, m.keySize, 'key');
  if (typeof k === 'string') return { ok: false, errno: 22, message: k };
  const rc = m.userDelete(k);
  return rc === 0 ? { ok: true, value: null } : fail('delete', -rc);
}

/** The key after `keyHex` (the first key without one). */
export function mapNextKeyHex(m: BpfMap, keyHex?: string): HexResult<string> {
  let k: Uint8Array | undefined;
  if (keyHex !== undefined) {
    const s = sized(m, keyHex, m.keySize, 'key');
    if (typeof s === 'string') return { ok: false, errno: 22, message: s };
    k = s;
  }
  const r = m.nextKey(k);
  return r.ok ? { ok: true, value: hexOf(r.value) } : fail('get next key', r.errno);
}

const keyed = <T>(m: BpfMap, what: string): HexResult<T> =>
  ({ ok: false, errno: 22, message: `map '${m.name}' (${m.type}) has keys: ${what} is for queue and stack maps` });

/** `bpftool map push|enqueue`: BPF_MAP_UPDATE_ELEM with a NULL key (queue / stack; 'exist' overwrites the oldest when full). */
export function mapPushHex(m: BpfMap, valueHex: string, flags: 'any' | 'exist' = 'any'): HexResult<null> {
  if (m.keySize) return keyed(m, 'push');
  const v = sized(m, valueHex, m.valueSize, 'value');
  if (typeof v === 'string') return { ok: false, errno: 22, message: v };
  const rc = m.userUpdate(new Uint8Array(0), v, flags === 'exist' ? BPF_EXIST : BPF_ANY);
  return rc === 0 ? { ok: true, value: null } : fail('push', -rc);
}

/** `bpftool map pop|dequeue`: BPF_MAP_LOOKUP_AND_DELETE_ELEM with a NULL key. */
export function mapPopHex(m: BpfMap): HexResult<string> {
  if (m.keySize) return keyed(m, 'pop');
  const r = m.userLookupAndDelete(new Uint8Array(0));
  return r.ok ? { ok: true, value: hexOf(r.value as Uint8Array) } : fail('pop', r.errno);
}

/** `bpftool map peek`: BPF_MAP_LOOKUP_ELEM with a NULL key. */
export function mapPeekHex(m: BpfMap): HexResult<string> {
  if (m.keySize) return keyed(m, 'peek');
  const r = m.userLookup(new Uint8Array(0));
  return r.ok ? { ok: true, value: hexOf(r.value as Uint8Array) } : fail('peek', r.errno);
}
