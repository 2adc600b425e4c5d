/**
 * Record types of ring buffers and perf buffers: which C type each ring-buffer / perf-event-array
 * map carries, inferred from the typed AST, with its layout as this compiler lays it out (the
 * same offsets clang gives `-target bpf`, see types.ts). The page decodes the records user space
 * receives with it (a table per map, one column per field).
 *
 *   const r = inferRecordTypes(unit);   // after parse()
 *   r.rb  → { map: 'rb', kind: 'ringbuf', layout: { type: 'struct event', size: 8, fields: [...] } }
 *   r.pb  → { map: 'pb', kind: 'perf', note: 'several record types: struct a, struct b' }
 *
 * Where the type comes from, per helper call (helper ids from the UAPI):
 *   bpf_ringbuf_reserve(&map, size, 0) (131)         the pointer type the result converts to
 *                                                    (`struct event *e = bpf_ringbuf_reserve(…)`)
 *   bpf_ringbuf_output(&map, data, size, 0) (130)    the type `data` points to (`&e`, `e`, an array)
 *   bpf_perf_event_output(ctx, &map, flags, data, size) (25), bpf_skb_output (111),
 *   bpf_xdp_output (121)                             likewise
 * When a map gets several different types, or a `void *` / `char *` buffer, or a constant size
 * different from the type's, there is no single type: `layout` is absent and `note` says why
 * (the page falls back to hex). A size smaller than the type's is kept with `sent` (the record
 * carries only the first `sent` bytes).
 *
 * Does not: follow a record pointer through other variables or casts after the helper call, or
 * bpf_ringbuf_reserve_dynptr (the record is written through a dynptr); typedef names are not kept
 * by the type objects, so an anonymous struct reads `struct (anonymous)`. Provenance: our own.
 */
import type { Node, Sym } from './ast.ts';
import type { Unit } from './pstate.ts';
import { sizeOf, typeName, type Type } from './types.ts';

/** How a field's bytes read. */
export type FieldKind =
  | 'signed' | 'unsigned' | 'bool'
  /** char arrays: a NUL-terminated string (`comm`, `filename`) */
  | 'string'
  | 'array' | 'struct' | 'union' | 'pointer';

/** One member of a record's type (offsets from the start of the record). */
export interface RecordField {
  name: string;
  offset: number;
  size: number;
  kind: FieldKind;
  /** C spelling of the member's type (`unsigned int`, `char[16]`, `struct in6_addr`). */
  type: string;
  /** Arrays: the element count and the element's layout (its offset 0 = the first element). */
  len?: number;
  elem?: RecordField;
  /** Structs and unions: their members. */
  fields?: RecordField[];
  /** Bit-fields: the bit offset in the storage unit at `offset` (little-endian) and the width. */
  bitOffset?: number;
  bitWidth?: number;
}

export interface RecordLayout {
  /** `struct event`, `struct (anonymous)`, `unsigned int`, `char[64]`. */
  type: string;
  size: number;
  /** Top-level fields (a non-struct record: one field named after the type, at 0). */
  fields: RecordField[];
  /** When every call sends fewer bytes than the type's size (a constant size argument). */
  sent?: number;
}

export interface MapRecordType {
  map: string;
  kind: 'ringbuf' | 'perf';
  /** Absent: no single type (see `note`); the page shows hex. */
  layout?: RecordLayout;
  note?: string;
}

export type RecordTypes = Record<string, MapRecordType>;

const RINGBUF_RESERVE = 131;
const RINGBUF_OUTPUT = 130;
/** perf-event-array outputs: (ctx, map, flags, data, size). */
const PERF_OUTPUTS = new Set([25, 111, 121]);

/** The layout of one member of type `t` at `offset`. */
export function fieldOf(name: string, t: Type, offset: number): RecordField {
  const size = t.kind === 'void' || t.kind === 'func' ? 0 : sizeOf(t);
  const base = { name, offset, size, type: typeName(t) };
  switch (t.kind) {
    case 'int':
      return { ...base, kind: t.bool ? 'bool' : t.signed ? 'signed' : 'unsigned' };
    case 'ptr':
      return { ...base, kind: 'pointer' };
    case 'array': {
      const elem = fieldOf(name, t.of, 0);
      const len = t.len ?? 0;
      const isChar = t.of.kind === 'int' && t.of.size === 1 && !t.of.bool && (t.of.name === 'char' || t.of.name === 'signed char');
      return { ...base, kind: isChar ? 'string' : 'array', len, elem };
    }
    case 'struct':
      return {
        ...base, kind: t.union ? 'union' : 'struct',
        fields: t.members.map((m, i) => {
          const f = fieldOf(m.name ?? `(anonymous ${i})`, m.type, offset + m.offset);
          return m.bitWidth !== undefined ? { ...f, bitOffset: m.bitOffset ?? 0, bitWidth: m.bitWidth } : f;
        }),
      };
    default:
      return { ...base, kind: 'unsigned' };
  }
}

/** The layout of a record of type `t`: a struct's members, or the one value. */
export function layoutOf(t: Type): RecordLayout {
  const f = fieldOf(typeName(t), t, 0);
  return { type: typeName(t), size: f.size, fields: t.kind === 'struct' && !t.union ? f.fields! : [f] };
}

/** The declared (unconverted) type of an lvalue-ish node: the parser retypes arguments to `void *`. */
function declaredType(n: Node): Type | undefined {
  switch (n.k) {
    case 'var': return n.sym?.type;
    case 'member': return n.member?.type;
    case 'deref': {
      const p = n.lhs && declaredType(n.lhs);
      return p?.kind === 'ptr' ? p.to : p?.kind === 'array' ? p.of : n.ty;
    }
    case 'cast': return n.lhs ? declaredType(n.lhs) ?? n.ty : n.ty;
    default: return n.ty;
  }
}

/** The type of the object a `data` argument points at (`&e` → typeof(e), `e` of `T *` → T, an array → the array). */
function pointee(n: Node): Type | undefined {
  if (n.k === 'addr' && n.lhs) return declaredType(n.lhs);
  if (n.k === 'cast' && n.lhs) return pointee(n.lhs);
  const t = declaredType(n);
  if (t?.kind === 'ptr') return t.to;
  if (t?.kind === 'array') return t;
  return undefined;
}

/** The map a `&map` argument names. */
function mapOf(n: Node | undefined): Sym | undefined {
  let x = n;
  while (x && (x.k === 'cast' || x.k === 'addr')) x = x.lhs;
  return x?.k === 'var' && x.sym?.isMap ? x.sym : undefined;
}

interface Use { map: string; kind: 'ringbuf' | 'perf'; type?: Type; size?: number; why?: string }

function usesOf(n: Node, out: Use[]): void {
  if (n.k === 'call' && n.helper !== undefined) {
    const a = n.args ?? [];
    const h = n.helper;
    let use: Use | undefined;
    if (h === RINGBUF_RESERVE) {
      const m = mapOf(a[0]);
      const t = n.ty?.kind === 'ptr' ? n.ty.to : undefined;
      if (m) use = { map: m.name, kind: 'ringbuf', type: t, size: a[1]?.k === 'num' ? Number(a[1].val) : undefined };
    } else if (h === RINGBUF_OUTPUT || PERF_OUTPUTS.has(h)) {
      const perf = h !== RINGBUF_OUTPUT;
      const m = mapOf(a[perf ? 1 : 0]);
      const data = a[perf ? 3 : 1];
      const size = a[perf ? 4 : 2];
      if (m) use = { map: m.name, kind: perf ? 'perf' : 'ringbuf', type: data ? pointee(data) : undefined, size: size?.k === 'num' ? Number(size.val) : undefined };
    }
    if (use) {
      const t = use.type;
      if (!t) use = { ...use, why: 'cannot tell what the data argument points to' };
      else if (t.kind === 'void' || t.kind === 'func') use = { ...use, type: undefined, why: 'the record is written through a void * buffer' };
      else if (t.kind === 'int' && t.size === 1 && use.size !== undefined && use.size > 1) use = { ...use, type: undefined, why: 'the record is written through a char * buffer' };
      out.push(use);
    }
  }
  for (const c of [n.lhs, n.rhs, n.cond, n.then, n.els, n.init, n.inc]) if (c) usesOf(c, out);
  for (const c of n.body ?? []) usesOf(c, out);
  for (const c of n.args ?? []) usesOf(c, out);
  for (const c of n.cases ?? []) usesOf(c, out);
  if (n.img) {
    for (const s of n.img.stores) usesOf(s.expr, out);
    if (n.img.whole) usesOf(n.img.whole, out);
  }
}

/** Per ring-buffer / perf-buffer map that a helper call writes to: its record type (see the file comment). */
export function inferRecordTypes(unit: Unit): RecordTypes {
  const uses: Use[] = [];
  try {
    for (const f of unit.funcs) if (f.body) usesOf(f.body, uses);
  } catch {
    return {}; // a tree too deep to walk (codegen coped): no record types rather than no object
  }
  const out: RecordTypes = {};
  const byMap = new Map<string, Use[]>();
  for (const u of uses) byMap.set(u.map, [...(byMap.get(u.map) ?? []), u]);
  for (const [map, us] of byMap) {
    const kind = us[0].kind;
    const unknown = us.find((u) => !u.type);
    if (unknown) {
      out[map] = { map, kind, note: `no record type: ${unknown.why ?? 'cannot tell what the record is'}` };
      continue;
    }
    const names = [...new Set(us.map((u) => typeName(u.type!)))];
    const sizes = new Set(us.map((u) => sizeOf(u.type!)));
    if (names.length > 1 || sizes.size > 1) {
      out[map] = { map, kind, note: `several record types: ${names.join(', ')}` };
      continue;
    }
    const layout = layoutOf(us[0].type!);
    const sent = us.map((u) => u.size);
    if (sent.some((s) => s !== undefined && s > layout.size)) {
      out[map] = { map, kind, note: `the size sent (${Math.max(...sent.map((s) => s ?? 0))}) is larger than ${layout.type} (${layout.size} bytes)` };
      continue;
    }
    if (sent.every((s) => s !== undefined && s < layout.size)) layout.sent = Math.max(...(sent as number[]));
    out[map] = { map, kind, layout };
  }
  return out;
}
