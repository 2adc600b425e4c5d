/**
 * A small BTF builder for the ELF writer: a string table and the type records the writer needs
 * (int, array, ptr, struct, var, datasec, func_proto, func), plus `.BTF.ext` func_info/line_info.
 *
 * Does: encode the UAPI layouts byte for byte. Does not: deduplicate beyond exact repeats of
 * int/array/ptr, or describe C types other than what map definitions and program signatures need.
 * Provenance: Documentation/bpf/btf.rst (struct btf_header, struct btf_type and kind records;
 * .BTF.ext header with func_info/line_info subsections).
 */
import type { BtfTypeDesc } from '../isa/object.ts';
import { BTF_KIND, BTF_MAGIC } from './btf.ts';

export class StrTab {
  private readonly parts: number[] = [0];
  private readonly index = new Map<string, number>([['', 0]]);
  add(s: string): number {
    const hit = this.index.get(s);
    if (hit !== undefined) return hit;
    const off = this.parts.length;
    for (const b of new TextEncoder().encode(s)) this.parts.push(b);
    this.parts.push(0);
    this.index.set(s, off);
    return off;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

const u32s = (...xs: number[]): number[] => xs.flatMap((x) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff]);
const info = (kind: number, vlen: number, kflag = 0): number => ((kflag << 31) | (kind << 24) | vlen) >>> 0;

export class BtfBuilder {
  readonly strs = new StrTab();
  private readonly recs: number[] = [];
  private count = 0;
  private readonly memo = new Map<string, number>();

  private push(words: number[]): number {
    this.recs.push(...u32s(...words));
    return ++this.count;
  }
  private once(key: string, make: () => number): number {
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const id = make();
    this.memo.set(key, id);
    return id;
  }
  /** `int` (signed, 32 bits). */
  int(): number {
    return this.once('int', () => this.push([this.strs.add('int'), info(BTF_KIND.INT, 0), 4, (1 << 24) | 32]));
  }
  /** A signed integer of `size` bytes (char, short, int, long). */
  intOfSize(size: number): number {
    if (size === 4 || ![1, 2, 8].includes(size)) return this.int();
    const name = size === 1 ? 'char' : size === 2 ? 'short' : 'long';
    return this.once(name, () => this.push([this.strs.add(name), info(BTF_KIND.INT, 0), size, (1 << 24) | (size * 8)]));
  }
  /** `int [n]` (what `__uint(f, n)` points to). */
  intArray(n: number): number {
    const int = this.int();
    const iu = this.once('__ARRAY_SIZE_TYPE__', () => this.push([this.strs.add('__ARRAY_SIZE_TYPE__'), info(BTF_KIND.INT, 0), 4, 32]));
    return this.once(`arr${n}`, () => this.push([0, info(BTF_KIND.ARRAY, 0), 0, int, iu, n >>> 0]));
  }
  /** `T [n]` for any element type. */
  array(elem: number, n: number): number {
    const iu = this.once('__ARRAY_SIZE_TYPE__', () => this.push([this.strs.add('__ARRAY_SIZE_TYPE__'), info(BTF_KIND.INT, 0), 4, 32]));
    return this.once(`arr${elem}x${n}`, () => this.push([0, info(BTF_KIND.ARRAY, 0), 0, elem, iu, n >>> 0]));
  }
  ptr(to: number): number {
    return this.once(`ptr${to}`, () => this.push([0, info(BTF_KIND.PTR, 0), to]));
  }
  struct(name: string, size: number, members: { name: string; type: number; bitOffset: number }[]): number {
    const words = [this.strs.add(name), info(BTF_KIND.STRUCT, members.length), size];
    for (const m of members) words.push(this.strs.add(m.name), m.type, m.bitOffset);
    return this.push(words);
  }
  /** linkage: 0 static, 1 global allocated, 2 extern. */
  variable(name: string, type: number, linkage: number): number {
    return this.push([this.strs.add(name), info(BTF_KIND.VAR, 0), type, linkage]);
  }
  datasec(name: string, size: number, vars: { type: number; offset: number; size: number }[]): number {
    const words = [this.strs.add(name), info(BTF_KIND.DATASEC, vars.length), size];
    for (const v of vars) words.push(v.type, v.offset, v.size);
    return this.push(words);
  }
  funcProto(ret: number, params: { name: string; type: number }[]): number {
    const words = [0, info(BTF_KIND.FUNC_PROTO, params.length), ret];
    for (const p of params) words.push(this.strs.add(p.name), p.type);
    return this.push(words);
  }
  /** linkage: 0 static, 1 global. */
  func(name: string, proto: number, linkage: number): number {
    return this.push([this.strs.add(name), info(BTF_KIND.FUNC, linkage), proto]);
  }
  /**
   * Append a BpfObject type table (ids 1-based, 0 void) as consecutive records; returns the
   * table-id → BTF-id map. Called first on an empty builder, the ids stay the table's own (so a
   * listing's `[id]` is the object's), and `__ARRAY_SIZE_TYPE__` follows the table.
   */
  table(types: readonly BtfTypeDesc[]): (id: number) => number {
    const arrays = types.some((t) => t.kind === 'array');
    const first = this.count === 0;
    const iu = !arrays ? 0 : first ? types.length + 1 : this.arraySizeType();
    const base = this.count;
    const map = (id: number): number => (id === 0 ? 0 : base + id);
    for (const t of types) {
      switch (t.kind) {
        case 'int': {
          const enc = t.bool ? 4 : t.signed ? 1 : 0;
          this.push([this.strs.add(t.name), info(BTF_KIND.INT, 0), t.size, ((enc << 24) | (t.size * 8)) >>> 0]);
          break;
        }
        case 'ptr': this.push([0, info(BTF_KIND.PTR, 0), map(t.to)]); break;
        case 'array': this.push([0, info(BTF_KIND.ARRAY, 0), 0, map(t.of), iu, t.len >>> 0]); break;
        case 'struct': case 'union': {
          const bitf = t.members.some((m) => m.bitSize !== undefined);
          const words = [this.strs.add(t.name), info(t.kind === 'struct' ? BTF_KIND.STRUCT : BTF_KIND.UNION, t.members.length, bitf ? 1 : 0), t.size];
          for (const m of t.members) words.push(this.strs.add(m.name), map(m.type), bitf ? (((m.bitSize ?? 0) << 24) | m.bitOffset) >>> 0 : m.bitOffset);
          this.push(words);
          break;
        }
        case 'fwd': this.push([this.strs.add(t.name), info(BTF_KIND.FWD, 0, t.union ? 1 : 0), 0]); break;
        case 'enum': {
          // kflag: signed enumerators (BTF_KIND_ENUM, Documentation/bpf/btf.rst)
          const words = [this.strs.add(t.name), info(BTF_KIND.ENUM, t.values.length, t.signed ? 1 : 0), t.size];
          for (const v of t.values) words.push(this.strs.add(v.name), v.value >>> 0);
          this.push(words);
          break;
        }
      }
    }
    if (arrays && first) this.arraySizeType();
    return map;
  }
  /** The `__ARRAY_SIZE_TYPE__` index type (create it before a `table` with arrays). */
  arraySizeType(): number {
    return this.once('__ARRAY_SIZE_TYPE__', () => this.push([this.strs.add('__ARRAY_SIZE_TYPE__'), info(BTF_KIND.INT, 0), 4, 32]));
  }
  bytes(): Uint8Array {
    const strs = this.strs.bytes();
    const hdr = [...u16(BTF_MAGIC), 1, 0, ...u32s(24, 0, this.recs.length, this.recs.length, strs.length)];
    return Uint8Array.from([...hdr, ...this.recs, ...strs]);
  }
}

const u16 = (x: number): number[] => [x & 0xff, (x >>> 8) & 0xff];

export interface ExtSection {
  section: string;
  funcs: { insnOff: number; typeId: number }[];
  lines: { insnOff: number; file: string; line: number; col: number; text?: string }[];
  /** CO-RE relocations (`struct bpf_core_relo`): byte offset, BTF type id, access string, kind. */
  core?: { insnOff: number; typeId: number; access: string; kind: number }[];
}

/** `.BTF.ext` with func_info, line_info and core_relo. Strings go into `btf`'s table. */
export function btfExtBytes(btf: BtfBuilder, secs: ExtSection[]): Uint8Array {
  const fi: number[] = [8];
  const li: number[] = [16];
  const cr: number[] = [16];
  for (const s of secs) {
    if (s.core?.length) {
      cr.push(btf.strs.add(s.section), s.core.length);
      for (const c of s.core) cr.push(c.insnOff, c.typeId, btf.strs.add(c.access), c.kind);
    }
  }
  for (const s of secs) {
    const name = btf.strs.add(s.section);
    if (s.funcs.length) {
      fi.push(name, s.funcs.length);
      for (const f of s.funcs) fi.push(f.insnOff, f.typeId);
    }
    if (s.lines.length) {
      li.push(name, s.lines.length);
      for (const l of s.lines) li.push(l.insnOff, btf.strs.add(l.file), btf.strs.add(l.text ?? ''), ((Math.min(l.line, 0x3fffff) << 10) | Math.min(l.col, 0x3ff)) >>> 0);
    }
  }
  const fiB = u32s(...fi), liB = u32s(...li), crB = cr.length > 1 ? u32s(...cr) : [];
  const hdr = [...u16(BTF_MAGIC), 1, 0, ...u32s(32, 0, fiB.length, fiB.length, liB.length, crB.length ? fiB.length + liB.length : 0, crB.length)];
  return Uint8Array.from([...hdr, ...fiB, ...liB, ...crB]);
}
