/**
 * C types and their layout for the BPF target (LP64, little-endian, the same sizes and
 * alignments as x86_64 except that `long double`/floating types do not exist here).
 *
 * Struct layout follows the System V psABI rules clang applies for `-target bpf`: members in
 * order, each at the next multiple of its alignment (1 with `packed`), bit-fields packed into
 * storage units of their declared type without straddling a unit boundary, the struct's size
 * rounded up to its alignment (raised by `aligned(N)`). Unions overlay every member at 0.
 * Does not: floating point, VLAs, `_Atomic`, zero-width bit-field alignment quirks beyond
 * starting a new unit.
 * Provenance: written from the System V AMD64 psABI §3.1.2 and the C11 standard.
 */

export type Type = VoidType | IntType | PtrType | ArrayType | StructType | FuncType;

export interface VoidType { kind: 'void' }
export interface IntType {
  kind: 'int';
  size: 1 | 2 | 4 | 8;
  signed: boolean;
  /** `_Bool`: conversions to it yield 0 or 1. */
  bool?: boolean;
  /** Spelling for messages (`unsigned int`, `__u32` stays `unsigned int`). */
  name: string;
  /** An enum type: its tag ('' when anonymous) and enumerators, for BTF (CO-RE, kconfig). */
  enumOf?: { tag: string; values: { name: string; value: bigint }[] };
}
export interface PtrType { kind: 'ptr'; to: Type }
export interface ArrayType { kind: 'array'; of: Type; len?: number }
export interface Member {
  name?: string;
  type: Type;
  offset: number;
  /** For bit-fields: the bit offset within the storage unit at `offset` and the width. */
  bitOffset?: number;
  bitWidth?: number;
}
export interface StructType {
  kind: 'struct';
  union: boolean;
  tag?: string;
  members: Member[];
  size: number;
  align: number;
  complete: boolean;
  packed?: boolean;
  /** `preserve_access_index`: accesses through it are CO-RE relocations. */
  core?: boolean;
}
export interface FuncType { kind: 'func'; ret: Type; params: Type[]; variadic: boolean; oldStyle?: boolean }

const int = (size: 1 | 2 | 4 | 8, signed: boolean, name: string): IntType => ({ kind: 'int', size, signed, name });
export const T = {
  void: { kind: 'void' } as VoidType,
  bool: { kind: 'int', size: 1, signed: false, bool: true, name: '_Bool' } as IntType,
  char: int(1, true, 'char'),
  schar: int(1, true, 'signed char'),
  uchar: int(1, false, 'unsigned char'),
  short: int(2, true, 'short'),
  ushort: int(2, false, 'unsigned short'),
  int: int(4, true, 'int'),
  uint: int(4, false, 'unsigned int'),
  long: int(8, true, 'long'),
  ulong: int(8, false, 'unsigned long'),
  llong: int(8, true, 'long long'),
  ullong: int(8, false, 'unsigned long long'),
};

export const ptrTo = (to: Type): PtrType => ({ kind: 'ptr', to });
export const arrayOf = (of: Type, len?: number): ArrayType => ({ kind: 'array', of, len });

export const isInt = (t: Type): t is IntType => t.kind === 'int';
export const isPtr = (t: Type): t is PtrType => t.kind === 'ptr';
/** Scalar: fits a register (integers and pointers). */
export const isScalar = (t: Type): boolean => t.kind === 'int' || t.kind === 'ptr';
/** Pointer-like for arithmetic: pointers and arrays (which decay). */
export const isPtrLike = (t: Type): boolean => t.kind === 'ptr' || t.kind === 'array';

export function sizeOf(t: Type): number {
  switch (t.kind) {
    case 'void': return 1; // GNU: sizeof(void) == 1, used by void* arithmetic
    case 'int': return t.size;
    case 'ptr': return 8;
    case 'array': return (t.len ?? 0) * sizeOf(t.of);
    case 'struct': return t.size;
    case 'func': return 1;
  }
}

export function alignOf(t: Type): number {
  switch (t.kind) {
    case 'int': return t.size;
    case 'ptr': return 8;
    case 'array': return alignOf(t.of);
    case 'struct': return t.align;
    default: return 1;
  }
}

export const alignTo = (n: number, a: number): number => Math.ceil(n / a) * a;

/** Lay out members in place (offsets, size, align). `decl` lists members as declared. */
export function layoutStruct(
  st: StructType,
  decl: { name?: string; type: Type; bitWidth?: number; align?: number }[],
  packed: boolean,
  minAlign: number,
): void {
  let off = 0; // in bits
  let align = 1;
  const members: Member[] = [];
  for (const m of decl) {
    const a = packed ? 1 : Math.max(alignOf(m.type), m.align ?? 1);
    if (m.bitWidth !== undefined) {
      const unit = sizeOf(m.type) * 8;
      if (m.bitWidth === 0) {
        off = alignTo(off, unit);
        continue;
      }
      if (!packed && Math.floor(off / unit) !== Math.floor((off + m.bitWidth - 1) / unit)) off = alignTo(off, unit);
      const unitStart = st.union ? 0 : Math.floor(off / unit) * unit;
      members.push({ name: m.name, type: m.type, offset: unitStart / 8, bitOffset: (st.union ? 0 : off) - unitStart, bitWidth: m.bitWidth });
      if (!st.union) off += m.bitWidth;
      else off = Math.max(off, m.bitWidth);
      if (m.name !== undefined) align = Math.max(align, a);
      continue;
    }
    if (st.union) {
      members.push({ name: m.name, type: m.type, offset: 0 });
      off = Math.max(off, sizeOf(m.type) * 8);
    } else {
      off = alignTo(off, a * 8);
      members.push({ name: m.name, type: m.type, offset: off / 8 });
      off += sizeOf(m.type) * 8;
    }
    align = Math.max(align, a);
  }
  align = Math.max(align, minAlign);
  st.members = members;
  st.align = align;
  st.size = alignTo(Math.ceil(off / 8), align);
  st.complete = true;
  st.packed = packed;
}

/** Find a member by name, looking into anonymous struct/union members; offset is cumulative. */
export function findMember(st: StructType, name: string): Member | undefined {
  for (const m of st.members) {
    if (m.name === name) return m;
    if (m.name === undefined && m.type.kind === 'struct') {
      const inner = findMember(m.type, name);
      if (inner) return { ...inner, offset: inner.offset + m.offset };
    }
  }
  return undefined;
}

/**
 * The member index path to `name` (BTF member indices; through anonymous members), as a CO-RE
 * access string lists them.
 */
export function memberPath(st: StructType, name: string): number[] | undefined {
  for (let i = 0; i < st.members.length; i++) {
    const m = st.members[i];
    if (m.name === name) return [i];
    if (m.name === undefined && m.type.kind === 'struct') {
      const inner = memberPath(m.type, name);
      if (inner) return [i, ...inner];
    }
  }
  return undefined;
}

/** Integer promotion (C11 §6.3.1.1). */
export function promote(t: IntType): IntType {
  return t.size < 4 ? T.int : t;
}

/** Usual arithmetic conversions for two integer operands. */
export function commonInt(a: IntType, b: IntType): IntType {
  const x = promote(a);
  const y = promote(b);
  if (x.size !== y.size) return x.size > y.size ? x : y;
  if (!x.signed) return x;
  if (!y.signed) return y;
  return x;
}

export function typeName(t: Type): string {
  switch (t.kind) {
    case 'void': return 'void';
    case 'int': return t.name;
    case 'ptr': return t.to.kind === 'func' ? `${typeName(t.to.ret)} (*)(…)` : `${typeName(t.to)} *`;
    case 'array': return `${typeName(t.of)}[${t.len ?? ''}]`;
    case 'struct': return `${t.union ? 'union' : 'struct'} ${t.tag ?? '(anonymous)'}`;
    case 'func': return `${typeName(t.ret)} (…)`;
  }
}

/** Wrap a value to the width and signedness of an integer type. */
export function wrap(v: bigint, t: IntType): bigint {
  if (t.bool) return v !== 0n ? 1n : 0n;
  return t.signed ? BigInt.asIntN(t.size * 8, v) : BigInt.asUintN(t.size * 8, v);
}

export function sameType(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'int': return a.size === (b as IntType).size && a.signed === (b as IntType).signed && !!a.bool === !!(b as IntType).bool;
    case 'ptr': return sameType(a.to, (b as PtrType).to);
    case 'array': return sameType(a.of, (b as ArrayType).of);
    case 'struct': return a === b;
    default: return true;
  }
}
