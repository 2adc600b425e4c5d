/**
 * BTF and BTF.ext parsing: the `.BTF` type graph with its string table, BTF-defined map
 * descriptions (`SEC(".maps")`), and `.BTF.ext` func_info / line_info records.
 *
 * Does: decode every BTF kind's record layout (so a type id can be followed), compute type sizes,
 * read libbpf's map-definition convention (`__uint(f, N)` = `int (*f)[N]`, `__type(f, T)` =
 * `T *f`). Does not: CO-RE relocations (skipped), validation the kernel would do on load (only
 * enough checking to never read out of bounds or loop forever).
 * Provenance: the layout is the kernel's documented UAPI (Documentation/bpf/btf.rst, uapi
 * linux/btf.h): 24-byte header, `struct btf_type` {name_off, info, size|type}, kind numbers 1–19.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import type { GlobalFunc, GlobalFuncParam } from '../isa/object.ts';
import { Bytes, elfError } from './elfio.ts';
import { ElfCode } from './codes.ts';

export const BTF_MAGIC = 0xeb9f;
export const BTF_KIND = {
  INT: 1, PTR: 2, ARRAY: 3, STRUCT: 4, UNION: 5, ENUM: 6, FWD: 7, TYPEDEF: 8, VOLATILE: 9, CONST: 10,
  RESTRICT: 11, FUNC: 12, FUNC_PROTO: 13, VAR: 14, DATASEC: 15, FLOAT: 16, DECL_TAG: 17, TYPE_TAG: 18, ENUM64: 19,
} as const;

export interface BtfMember {
  name: string;
  type: number;
  /** struct/union: bit offset; datasec: byte offset; enum: value; func_proto: 0. */
  offset: number;
  /** datasec entries: size in bytes. */
  size?: number;
}

export interface BtfType {
  id: number;
  kind: number;
  name: string;
  /** size for INT/STRUCT/UNION/ENUM/DATASEC/FLOAT; referenced type for PTR/TYPEDEF/…/FUNC/VAR/FUNC_PROTO(return). */
  sizeOrType: number;
  vlen: number;
  /** ARRAY: element type, index type, count. */
  array?: { type: number; indexType: number; nelems: number };
  members: BtfMember[];
  /** INT encoding word, VAR linkage, DECL_TAG component index. */
  extra?: number;
}

export interface Btf {
  /** types[0] is the void placeholder. */
  types: BtfType[];
  strings: Bytes;
  str(off: number): string | undefined;
}

const REF_KINDS: ReadonlySet<number> = new Set([BTF_KIND.TYPEDEF, BTF_KIND.VOLATILE, BTF_KIND.CONST, BTF_KIND.RESTRICT, BTF_KIND.TYPE_TAG]);

/** Parse a `.BTF` section. `base` is the section's file offset, for messages. */
export function parseBtf(data: Uint8Array, file: string, base: number, diags: Diagnostic[]): Btf | undefined {
  const b = new Bytes(data);
  const fail = (off: number, msg: string): undefined => {
    diags.push(elfError(file, base + off, `.BTF: ${msg} (section offset ${off})`, ElfCode.BadBtf));
    return undefined;
  };
  if (data.length < 24) return fail(0, `truncated header: ${data.length} bytes, need 24`);
  if (b.u16(0) !== BTF_MAGIC) return fail(0, `bad magic 0x${b.u16(0)!.toString(16)} (expected 0xeb9f)`);
  if (b.u8(2) !== 1) return fail(2, `unsupported version ${b.u8(2)}`);
  const hdrLen = b.u32(4)!;
  const typeOff = b.u32(8)!, typeLen = b.u32(12)!, strOff = b.u32(16)!, strLen = b.u32(20)!;
  if (hdrLen < 24 || !b.has(hdrLen + typeOff, typeLen)) return fail(8, `type section (offset ${typeOff}, length ${typeLen}) lies outside the ${data.length}-byte section`);
  if (!b.has(hdrLen + strOff, strLen)) return fail(16, `string section (offset ${strOff}, length ${strLen}) lies outside the ${data.length}-byte section`);
  const strings = new Bytes(data.subarray(hdrLen + strOff, hdrLen + strOff + strLen));
  const str = (off: number): string | undefined => strings.cstr(off);
  const types: BtfType[] = [{ id: 0, kind: 0, name: 'void', sizeOrType: 0, vlen: 0, members: [] }];
  let p = hdrLen + typeOff;
  const end = p + typeLen;
  while (p < end) {
    if (p + 12 > end) return fail(p, `truncated type record #${types.length}`);
    const nameOff = b.u32(p)!, info = b.u32(p + 4)!, st = b.u32(p + 8)!;
    const name = str(nameOff);
    if (name === undefined) return fail(p, `type #${types.length}: bad name offset ${nameOff} (string section is ${strLen} bytes)`);
    const kind = (info >>> 24) & 0x1f, vlen = info & 0xffff;
    const t: BtfType = { id: types.length, kind, name, sizeOrType: st, vlen, members: [] };
    let q = p + 12;
    const need = (n: number): boolean => q + n <= end;
    const member = (withType: boolean, step: number): boolean => {
      if (!need(vlen * step)) return false;
      for (let i = 0; i < vlen; i++, q += step) {
        const mn = withType || kind !== BTF_KIND.DATASEC ? str(b.u32(q)!) : '';
        if (mn === undefined) return false;
        if (kind === BTF_KIND.DATASEC) t.members.push({ name: '', type: b.u32(q)!, offset: b.u32(q + 4)!, size: b.u32(q + 8)! });
        else if (kind === BTF_KIND.FUNC_PROTO || kind === BTF_KIND.ENUM) t.members.push({ name: mn, type: b.u32(q + 4)!, offset: kind === BTF_KIND.ENUM ? b.i32(q + 4)! : 0 });
        else if (kind === BTF_KIND.ENUM64) t.members.push({ name: mn, type: 0, offset: b.u32(q + 4)! });
        else t.members.push({ name: mn, type: b.u32(q + 4)!, offset: b.u32(q + 8)! });
      }
      return true;
    };
    switch (kind) {
      case BTF_KIND.INT: case BTF_KIND.VAR: case BTF_KIND.DECL_TAG:
        if (!need(4)) return fail(p, `truncated type #${t.id}`);
        t.extra = b.u32(q)!;
        q += 4;
        break;
      case BTF_KIND.ARRAY:
        if (!need(12)) return fail(p, `truncated array type #${t.id}`);
        t.array = { type: b.u32(q)!, indexType: b.u32(q + 4)!, nelems: b.u32(q + 8)! };
        q += 12;
        break;
      case BTF_KIND.STRUCT: case BTF_KIND.UNION:
        if (!member(true, 12)) return fail(p, `type #${t.id} (${kind === 4 ? 'struct' : 'union'} '${name}'): truncated or bad member list (${vlen} members)`);
        break;
      case BTF_KIND.ENUM: case BTF_KIND.FUNC_PROTO:
        if (!member(true, 8)) return fail(p, `type #${t.id}: truncated or bad ${kind === 6 ? 'enumerator' : 'parameter'} list (${vlen} entries)`);
        break;
      case BTF_KIND.ENUM64:
        if (!member(true, 12)) return fail(p, `type #${t.id}: truncated enum64 list`);
        break;
      case BTF_KIND.DATASEC:
        if (!member(false, 12)) return fail(p, `type #${t.id} (datasec '${name}'): truncated entry list (${vlen} entries)`);
        break;
      case BTF_KIND.PTR: case BTF_KIND.FWD: case BTF_KIND.TYPEDEF: case BTF_KIND.VOLATILE: case BTF_KIND.CONST:
      case BTF_KIND.RESTRICT: case BTF_KIND.FUNC: case BTF_KIND.FLOAT: case BTF_KIND.TYPE_TAG:
        break;
      default:
        return fail(p + 4, `type #${t.id}: unknown kind ${kind}`);
    }
    types.push(t);
    p = q;
  }
  for (const t of types) {
    const refs = [
      ...(REF_KINDS.has(t.kind) || t.kind === BTF_KIND.PTR || t.kind === BTF_KIND.FUNC || t.kind === BTF_KIND.VAR || t.kind === BTF_KIND.FUNC_PROTO ? [t.sizeOrType] : []),
      ...(t.array ? [t.array.type, t.array.indexType] : []),
      ...(t.kind === BTF_KIND.ENUM || t.kind === BTF_KIND.ENUM64 ? [] : t.members.map((m) => m.type)),
    ];
    const bad = refs.find((r) => r >= types.length);
    if (bad !== undefined) return fail(8, `type #${t.id} '${t.name}' refers to type #${bad}, but there are only ${types.length - 1} types`);
  }
  return { types, strings, str };
}

/** Skip typedef/const/volatile/restrict/type_tag; undefined on a cycle. */
export function strip(btf: Btf, id: number): BtfType | undefined {
  for (let n = 0; n < 64; n++) {
    const t = btf.types[id];
    if (!t) return undefined;
    if (!REF_KINDS.has(t.kind)) return t;
    id = t.sizeOrType;
  }
  return undefined;
}

/** Size in bytes of a type, as `sizeof` gives it; undefined when it has none or on a cycle. */
export function typeSize(btf: Btf, id: number, depth = 0): number | undefined {
  if (depth > 32) return undefined;
  const t = strip(btf, id);
  if (!t) return undefined;
  switch (t.kind) {
    case BTF_KIND.PTR: return 8;
    case BTF_KIND.ARRAY: {
      const e = typeSize(btf, t.array!.type, depth + 1);
      return e === undefined ? undefined : e * t.array!.nelems;
    }
    case BTF_KIND.INT: case BTF_KIND.STRUCT: case BTF_KIND.UNION: case BTF_KIND.ENUM: case BTF_KIND.ENUM64:
    case BTF_KIND.FLOAT: case BTF_KIND.DATASEC:
      return t.sizeOrType;
    default: return undefined;
  }
}

export interface BtfMapDesc {
  name: string;
  type: number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: number;
  /** `__array(values, struct inner)` naming a map-definition struct: the inner map template. */
  inner?: BtfMapDesc;
  /** a `values` member was present (map-in-map or prog_array initial values) */
  hasValues?: boolean;
}

/** Maps described by the DATASEC `.maps`, in the order of its entries. */
export function btfMaps(btf: Btf, file: string, base: number, diags: Diagnostic[]): BtfMapDesc[] {
  const out: BtfMapDesc[] = [];
  const fail = (msg: string): void => void diags.push(elfError(file, base, `.BTF: ${msg}`, ElfCode.BadMap));
  for (const sec of btf.types) {
    if (sec.kind !== BTF_KIND.DATASEC || sec.name !== '.maps') continue;
    for (const e of sec.members) {
      const v = btf.types[e.type];
      if (!v || v.kind !== BTF_KIND.VAR) { fail(`.maps entry refers to type #${e.type}, which is not a variable`); continue; }
      const d = mapStruct(btf, v.name, v.sizeOrType, fail, 0);
      if (d) out.push(d);
    }
  }
  return out;
}

/** One map-definition struct (libbpf's convention); `depth` bounds inner-map recursion. */
function mapStruct(btf: Btf, name: string, typeId: number, fail: (msg: string) => void, depth: number): BtfMapDesc | undefined {
  const st = strip(btf, typeId);
  if (!st || st.kind !== BTF_KIND.STRUCT) { fail(`map '${name}' is not a struct`); return undefined; }
  const d: BtfMapDesc = { name, type: 0, keySize: 0, valueSize: 0, maxEntries: 0, flags: 0 };
  for (const m of st.members) {
    if (m.name === 'values') {
      // __array(values, T): T *values[] — an array (of any length) of pointers
      d.hasValues = true;
      const arr = strip(btf, m.type);
      const ptr = arr?.kind === BTF_KIND.ARRAY ? strip(btf, arr.array!.type) : undefined;
      const target = ptr?.kind === BTF_KIND.PTR ? strip(btf, ptr.sizeOrType) : undefined;
      if (target?.kind === BTF_KIND.STRUCT && depth < 2) d.inner = mapStruct(btf, target.name, target.id, fail, depth + 1);
      continue;
    }
    const ptr = strip(btf, m.type);
    if (!ptr || ptr.kind !== BTF_KIND.PTR) continue;
    const num = (): number | undefined => {
      const a = strip(btf, ptr.sizeOrType);
      if (!a || a.kind !== BTF_KIND.ARRAY) { fail(`map '${name}': member '${m.name}' is not a pointer to an array`); return undefined; }
      return a.array!.nelems;
    };
    switch (m.name) {
      case 'type': d.type = num() ?? 0; break;
      case 'max_entries': d.maxEntries = num() ?? 0; break;
      case 'map_flags': d.flags = num() ?? 0; break;
      case 'key_size': d.keySize = num() ?? 0; break;
      case 'value_size': d.valueSize = num() ?? 0; break;
      case 'key': case 'value': {
        const sz = typeSize(btf, ptr.sizeOrType);
        if (sz === undefined) fail(`map '${name}': the ${m.name} type has no size`);
        else if (m.name === 'key') d.keySize = sz;
        else d.valueSize = sz;
        break;
      }
      default: break; // pinning, numa_node: not part of BpfMapDef
    }
  }
  return d;
}

/**
 * The BTF FUNC named `name` if it has global linkage: its parameters as the kernel reads them for
 * a global function (integers by size; pointers by target name and size). Undefined otherwise.
 */
export function globalFunc(btf: Btf, name: string): GlobalFunc | undefined {
  const f = btf.types.find((t) => t.kind === BTF_KIND.FUNC && t.name === name);
  if (!f || f.vlen !== 1) return undefined; // FUNC's vlen is its linkage: 0 static, 1 global, 2 extern
  const proto = btf.types[f.sizeOrType];
  if (!proto || proto.kind !== BTF_KIND.FUNC_PROTO) return undefined;
  const params: GlobalFuncParam[] = proto.members.map((m) => {
    const t = strip(btf, m.type);
    if (t?.kind === BTF_KIND.PTR) {
      const to = strip(btf, t.sizeOrType);
      const named = to && (to.kind === BTF_KIND.STRUCT || to.kind === BTF_KIND.UNION) ? to.name : '';
      return { kind: 'ptr', to: named, size: typeSize(btf, t.sizeOrType) ?? 0 };
    }
    return { kind: 'scalar', size: typeSize(btf, m.type) ?? 0 };
  });
  return { params };
}

export interface ExtRecord {
  /** byte offset of the instruction inside its section */
  insnOff: number;
  /** func_info: type id; line_info: file name offset */
  a: number;
  /** line_info: source line text offset */
  b?: number;
  /** line_info: line << 10 | col */
  c?: number;
}

export interface BtfExt {
  funcInfo: Map<string, ExtRecord[]>;
  lineInfo: Map<string, ExtRecord[]>;
}

/** Parse `.BTF.ext` func_info and line_info (CO-RE relocations are skipped). */
export function parseBtfExt(data: Uint8Array, btf: Btf, file: string, base: number, diags: Diagnostic[]): BtfExt | undefined {
  const b = new Bytes(data);
  const fail = (off: number, msg: string): undefined => {
    diags.push(elfError(file, base + off, `.BTF.ext: ${msg} (section offset ${off})`, ElfCode.BadBtfExt));
    return undefined;
  };
  if (data.length < 24) return fail(0, `truncated header: ${data.length} bytes, need 24`);
  if (b.u16(0) !== BTF_MAGIC) return fail(0, `bad magic 0x${b.u16(0)!.toString(16)} (expected 0xeb9f)`);
  const hdrLen = b.u32(4)!;
  const out: BtfExt = { funcInfo: new Map(), lineInfo: new Map() };
  for (const [which, hoff, minRec] of [['func_info', 8, 8], ['line_info', 16, 16]] as const) {
    const off = b.u32(hoff)!, len = b.u32(hoff + 4)!;
    if (len === 0) continue;
    let p = hdrLen + off;
    const end = p + len;
    if (!b.has(p, len)) return fail(hoff, `${which} (offset ${off}, length ${len}) lies outside the ${data.length}-byte section`);
    const rec = b.u32(p)!;
    if (rec < minRec || rec % 4) return fail(p, `${which} record size ${rec} is invalid (at least ${minRec})`);
    p += 4;
    while (p < end) {
      if (p + 8 > end) return fail(p, `truncated ${which} section header`);
      const secName = btf.str(b.u32(p)!);
      const n = b.u32(p + 4)!;
      if (secName === undefined) return fail(p, `${which}: bad section name offset ${b.u32(p)}`);
      p += 8;
      if (p + n * rec > end) return fail(p, `${which} for section '${secName}': ${n} records of ${rec} bytes run past the end`);
      const list: ExtRecord[] = [];
      for (let i = 0; i < n; i++, p += rec) {
        list.push(which === 'func_info' ? { insnOff: b.u32(p)!, a: b.u32(p + 4)! } : { insnOff: b.u32(p)!, a: b.u32(p + 4)!, b: b.u32(p + 8)!, c: b.u32(p + 12)! });
      }
      (which === 'func_info' ? out.funcInfo : out.lineInfo).set(secName, list);
    }
  }
  return out;
}
