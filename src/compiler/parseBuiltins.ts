/**
 * Builtins parsed as calls: `__builtin_offsetof`, `__builtin_bswap16/32/64` (folded on
 * constants), `__builtin_expect`, `__builtin_constant_p`, `__builtin_preserve_access_index`,
 * `__builtin_memcpy/memset` (constant sizes), and the `__sync_*` atomics.
 * Does not: `__builtin_memcmp`, va_arg and the rest of clang's builtins (diagnosed).
 */
import type { Span } from '../diag/diagnostic.ts';
import type { Node } from './ast.ts';
import { CDiag } from './diagCodes.ts';
import { constExpr, convert, decay, num, rvalue } from './parseExpr.ts';
import { typeName as parseTypeName } from './parseDecl.ts';
import type { PState } from './pstate.ts';
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

export function builtinCall(p: PState, name: string, fn0: Node, args: Node[], span: Span): Node | undefined {
  if (!(name.startsWith('__builtin_') || name.startsWith('__sync_')) || fn0.sym?.kind !== 'func' || !fn0.sym.isExtern) return undefined;
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
      return args[0];
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
    default:
      p.error(span, `builtin '${name}' is not supported by the BPF target`, CDiag.Unsupported);
      return num(0n, T.int, span);
  }
}
