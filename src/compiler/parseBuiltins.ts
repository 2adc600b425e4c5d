/**
 * Builtins parsed as calls: `__builtin_offsetof`, `__builtin_bswap16/32/64` (folded on
 * constants), `__builtin_expect`, `__builtin_constant_p`, `__builtin_memcpy/memset` (constant
 * sizes), the `__sync_*` atomics, and CO-RE: `__builtin_preserve_access_index` (marks the member
 * accesses inside as relocatable), `__builtin_preserve_field_info` (byte offset/size, exists,
 * signed, lshift/rshift — local values computed as libbpf computes them), and
 * `__builtin_preserve_type_info` (exists, size, matches) as relocated constants (`coreval`).
 * `__builtin_preserve_enum_value` (enumerator exists / value, relocated on the enum type) and
 * `__builtin_btf_type_id` (local / target type id) as relocated 64-bit constants (`ld_imm64`, as
 * clang emits them).
 * `__builtin_memcmp` with a constant size is expanded inline (parseMemcmp.ts), popcount / ctz /
 * clz as bit arithmetic (parseBitops.ts).
 * Does not: va_arg and the rest of clang's builtins (diagnosed).
 */
import type { Span } from '../diag/diagnostic.ts';
import type { Node } from './ast.ts';
import { CDiag } from './diagCodes.ts';
import { constExpr, convert, decay, num, rvalue } from './parseExpr.ts';
import { typeName as parseTypeName } from './parseDecl.ts';
import type { PState } from './pstate.ts';
import { memcmpBuiltin } from './parseMemcmp.ts';
import { bitopBuiltin, isBitopBuiltin } from './parseBitops.ts';
import { atomicBuiltin } from './parseAtomic.ts';
import { T, findMember, sizeOf, typeName, type Type } from './types.ts';

export function offsetofBuiltin(p: PState, fn0: Node): Node {
  const ty = parseTypeName(p);
  p.expect(',');
  let off = 0;
  let cur: Type = ty;
  for (let first = true; ; first = false) {
    if (!first && p.consume('[')) {
      const i = constExpr(p);
      p.expect(']');
      if (cur.kind !== 'array') p.fail(p.tok.span, 'subscript of non-array in offsetof', CDiag.TypeError);
      off += Number(i) * sizeOf(cur.of);
      cur = cur.of;
      continue;
    }
    if (!first && !p.consume('.')) break;
    const nm = p.ident();
    if (cur.kind !== 'struct') p.fail(nm.span, 'offsetof of a non-struct type', CDiag.TypeError);
    const m = findMember(cur, nm.text);
    if (!m) p.fail(nm.span, `no member named '${nm.text}' in '${typeName(cur)}'`, CDiag.TypeError);
    off += m.offset;
    cur = m.type;
  }
  const close = p.expect(')');
  return num(BigInt(off), T.ulong, { ...fn0.span, end: close.span.end });
}

/** Mark every member access in `e` as a CO-RE relocatable access. */
function markCore(e: Node | undefined, depth = 0): void {
  if (!e || depth > 500) return;
  if (e.k === 'member') e.core = true;
  for (const c of [e.lhs, e.rhs, e.cond, e.then, e.els, ...(e.args ?? [])]) markCore(c, depth + 1);
}

/**
 * The CO-RE root type and access path of a field expression (`p->a.b[2]`, `s.f`), as clang
 * builds `__builtin_preserve_field_info`'s relocation: first the index into the root pointer (0),
 * then member indices and constant array subscripts. Also the member's layout.
 */
function coreAccess(e: Node): { root: Type; access: number[]; member: NonNullable<Node['member']> } | undefined {
  if (e.k !== 'member' || !e.coreIdx) return undefined;
  const path: number[] = [];
  let cur: Node = e;
  let offset = 0;
  for (;;) {
    if (cur.k === 'member' && cur.coreIdx) {
      path.unshift(...cur.coreIdx);
      offset += cur.member!.offset;
      cur = cur.lhs!;
      continue;
    }
    if (cur.k === 'deref' && cur.lhs?.k === 'ptradd' && cur.lhs.lhs?.k === 'addr' && cur.lhs.lhs.lhs?.k === 'member' && cur.lhs.rhs?.k === 'num' && cur.lhs.op === '+') {
      path.unshift(Number(cur.lhs.rhs.val));
      offset += Number(cur.lhs.rhs.val) * Number(cur.lhs.val ?? 0n);
      cur = cur.lhs.lhs.lhs;
      continue;
    }
    break;
  }
  if (cur.ty?.kind !== 'struct') return undefined;
  return { root: cur.ty, access: [0, ...path], member: { ...e.member!, offset } };
}

/**
 * The local value of `__builtin_preserve_field_info(field, kind)` (libbpf's bpf_core_calc_field_relo).
 * For a bit-field this is the load libbpf computes (the member type's size, widened until the
 * field fits), which is what libbpf relocates clang's to on the running kernel; clang's own local
 * value may be a wider load (the containing record's alignment, up to 8 bytes).
 */
function fieldInfo(acc: { member: NonNullable<Node['member']> }, kind: number): bigint | undefined {
  const m = acc.member;
  const tySize = sizeOf(m.type);
  const bitOff = m.offset * 8 + (m.bitOffset ?? 0);
  const bitSz = m.bitWidth ?? tySize * 8;
  let byteSz = m.bitWidth !== undefined ? tySize : tySize;
  let byteOff = m.bitWidth !== undefined ? Math.floor(bitOff / 8 / byteSz) * byteSz : m.offset;
  if (m.bitWidth !== undefined) {
    while (bitOff + bitSz - byteOff * 8 > byteSz * 8) {
      if (byteSz >= 8) return undefined;
      byteSz *= 2;
      byteOff = Math.floor(bitOff / 8 / byteSz) * byteSz;
    }
  }
  switch (kind) {
    case 0: return BigInt(byteOff);
    case 1: return BigInt(byteSz);
    case 2: return 1n;
    case 3: return m.type.kind === 'int' && m.type.signed ? 1n : 0n;
    case 4: return BigInt(64 - (bitOff + bitSz - byteOff * 8));
    case 5: return BigInt(64 - bitSz);
    default: return undefined;
  }
}

export function builtinCall(p: PState, name: string, fn0: Node, args: Node[], span: Span): Node | undefined {
  if (!(name.startsWith('__builtin_') || name.startsWith('__sync_') || name.startsWith('__atomic_')) || fn0.sym?.kind !== 'func' || !fn0.sym.isExtern) return undefined;
  const atomicNode = atomicBuiltin(p, name, args, span);
  if (atomicNode) return atomicNode;
  const need = (n: number): boolean => {
    if (args.length !== n) { p.error(span, `too ${args.length < n ? 'few' : 'many'} arguments to function call, expected ${n}, have ${args.length}`, CDiag.TypeError); return false; }
    return true;
  };
  switch (name) {
    case '__builtin_bswap16': case '__builtin_bswap32': case '__builtin_bswap64': {
      const bits = Number(name.slice(-2));
      const ty = bits === 16 ? T.ushort : bits === 32 ? T.uint : T.ulong;
      if (!need(1)) return num(0n, ty, span);
      const a = convert(p, args[0], ty);
      if (a.k === 'num') {
        let v = 0n;
        for (let i = 0; i < bits / 8; i++) v = (v << 8n) | ((a.val! >> BigInt(8 * i)) & 0xffn);
        return num(v, ty, span);
      }
      return { k: 'bswap', lhs: a, val: BigInt(bits), ty, span };
    }
    case '__builtin_expect': case '__builtin_expect_with_probability':
      if (!args.length) { need(2); return num(0n, T.long, span); }
      return convert(p, args[0], T.long);
    case '__builtin_constant_p':
      if (!need(1)) return num(0n, T.int, span);
      return num(decay(args[0]).k === 'num' ? 1n : 0n, T.int, span);
    case '__builtin_preserve_access_index':
      if (!need(1)) return num(0n, T.int, span);
      markCore(args[0]);
      return args[0];
    case '__builtin_preserve_field_info': {
      if (!need(2)) return num(0n, T.int, span);
      const kind = decay(args[1]);
      if (kind.k !== 'num') { p.error(args[1].span, `__builtin_preserve_field_info kind must be a constant`, CDiag.TypeError); return num(0n, T.int, span); }
      const acc = coreAccess(args[0]);
      if (!acc) { p.error(args[0].span, '__builtin_preserve_field_info argument must be a field access (p->a.b, s.f)', CDiag.TypeError); return num(0n, T.int, span); }
      const k = Number(kind.val);
      const v = fieldInfo(acc, k);
      if (v === undefined) { p.error(args[1].span, `unsupported __builtin_preserve_field_info kind ${k}`, CDiag.Unsupported); return num(0n, T.int, span); }
      return { k: 'coreval', val: v, ty: T.uint, coreRel: { root: acc.root, access: acc.access, kind: k }, span };
    }
    case '__builtin_preserve_type_info': {
      if (!need(2)) return num(0n, T.int, span);
      const kind = decay(args[1]);
      if (kind.k !== 'num') { p.error(args[1].span, `__builtin_preserve_type_info kind must be a constant`, CDiag.TypeError); return num(0n, T.int, span); }
      const ty = args[0].ty!;
      // BPF_TYPE_EXISTS 0 → reloc 8, BPF_TYPE_SIZE 1 → 9, BPF_TYPE_MATCHES 2 → 12
      const k = [8, 9, 12][Number(kind.val)];
      if (k === undefined) { p.error(args[1].span, `unsupported __builtin_preserve_type_info kind ${kind.val}`, CDiag.Unsupported); return num(0n, T.int, span); }
      const v = k === 9 ? BigInt(sizeOf(ty)) : 1n;
      return { k: 'coreval', val: v, ty: T.uint, coreRel: { root: ty, access: [0], kind: k }, span };
    }
    case '__builtin_preserve_enum_value': {
      // *(typeof(enum E) *)VALUE: relocation ENUMVAL_EXISTS (10) / ENUMVAL_VALUE (11) on enum E,
      // access = the enumerator's index; the local value is 1 / the enumerator's value
      if (!need(2)) return num(0n, T.int, span);
      const kind = decay(args[1]);
      // the operand of `*`: a cast of the enumerator, usually folded into a pointer-typed constant
      const ptr = args[0].k === 'deref' ? args[0].lhs : undefined;
      const e = ptr?.k === 'cast' ? ptr.lhs : ptr;
      const et = ptr?.ty?.kind === 'ptr' ? ptr.ty.to : undefined;
      const k = kind.k === 'num' ? Number(kind.val) : -1;
      if ((k !== 0 && k !== 1) || e?.k !== 'num' || et?.kind !== 'int' || !et.enumOf) {
        p.error(span, '__builtin_preserve_enum_value needs *(typeof(enum E) *)ENUMERATOR and kind 0 (exists) or 1 (value)', CDiag.Unsupported);
        return num(0n, T.int, span);
      }
      const vals = et.enumOf.values;
      const idx = e.enumConst !== undefined ? vals.findIndex((v) => v.name === e.enumConst) : vals.findIndex((v) => v.value === e.val);
      if (idx < 0) {
        p.error(e.span, `'${e.enumConst ?? String(e.val)}' is not an enumerator of 'enum ${et.enumOf.tag}'`, CDiag.TypeError);
        return num(0n, T.int, span);
      }
      return { k: 'coreval', val: k === 0 ? 1n : vals[idx].value, ty: T.long, coreRel: { root: et, access: [idx], kind: 10 + k }, span };
    }
    case '__builtin_btf_type_id': {
      // BPF_TYPE_ID_LOCAL 0 → relocation 6, BPF_TYPE_ID_TARGET 1 → 7; the local value is the
      // type's id in our .BTF, filled in when the type table is final (codegen.ts)
      if (!need(2)) return num(0n, T.int, span);
      const kind = decay(args[1]);
      const k = kind.k === 'num' ? Number(kind.val) : -1;
      if (k !== 0 && k !== 1) { p.error(args[1].span, '__builtin_btf_type_id kind must be 0 (local) or 1 (target)', CDiag.Unsupported); return num(0n, T.int, span); }
      return { k: 'coreval', val: 0n, ty: T.ulong, coreRel: { root: args[0].ty!, access: [0], kind: 6 + k }, span };
    }
    case '__builtin_memcpy': case '__builtin_memset': case '__builtin_memmove': {
      if (!need(3)) return num(0n, T.int, span);
      const n = convert(p, args[2], T.ulong);
      if (n.k !== 'num') { p.error(n.span, `${name} with a size that is not a compile-time constant is not supported by the BPF target`, CDiag.Unsupported); return num(0n, T.int, span); }
      const dst = rvalue(p, args[0]);
      if (name === '__builtin_memset') {
        const c = convert(p, args[1], T.uchar);
        if (c.k !== 'num') { p.error(c.span, '__builtin_memset with a non-constant byte is not supported', CDiag.Unsupported); return num(0n, T.int, span); }
        return { k: 'memzero', lhs: dst, val: n.val, op: String(Number(c.val)), ty: dst.ty, span };
      }
      return { k: 'memcpy', lhs: dst, rhs: rvalue(p, args[1]), val: n.val, ty: dst.ty, span };
    }
    case '__sync_fetch_and_add': case '__sync_fetch_and_or': case '__sync_fetch_and_and':
    case '__sync_fetch_and_xor': case '__sync_lock_test_and_set': case '__sync_fetch_and_sub': {
      if (!need(2)) return num(0n, T.int, span);
      const ptr = rvalue(p, args[0]);
      const to = ptr.ty?.kind === 'ptr' ? ptr.ty.to : undefined;
      if (!to || to.kind !== 'int' || to.size < 4) {
        p.error(ptr.span, `atomic operation needs a pointer to a 32- or 64-bit integer`, CDiag.TypeError);
        return num(0n, T.int, span);
      }
      const op = { __sync_fetch_and_add: '+', __sync_fetch_and_sub: '-', __sync_fetch_and_or: '|', __sync_fetch_and_and: '&', __sync_fetch_and_xor: '^', __sync_lock_test_and_set: 'xchg' }[name]!;
      return { k: 'atomic', op, lhs: ptr, rhs: convert(p, args[1], to), ty: to, span };
    }
    case '__sync_val_compare_and_swap': {
      if (!need(3)) return num(0n, T.int, span);
      const ptr = rvalue(p, args[0]);
      const to = ptr.ty?.kind === 'ptr' ? ptr.ty.to : undefined;
      if (!to || to.kind !== 'int' || to.size < 4) {
        p.error(ptr.span, `atomic operation needs a pointer to a 32- or 64-bit integer`, CDiag.TypeError);
        return num(0n, T.int, span);
      }
      return { k: 'atomic', op: 'cmpxchg', lhs: ptr, rhs: convert(p, args[2], to), cond: convert(p, args[1], to), ty: to, span };
    }
    case '__builtin_memcmp': return memcmpBuiltin(p, args, span);
    default:
      if (isBitopBuiltin(name)) return bitopBuiltin(p, name, args, span);
      p.error(span, `builtin '${name}' is not supported by the BPF target`, CDiag.Unsupported);
      return num(0n, T.int, span);
  }
}
