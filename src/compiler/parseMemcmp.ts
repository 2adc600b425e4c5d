/**
 * `__builtin_memcmp(a, b, n)` with a constant `n`, expanded inline as clang-19 expands it for BPF
 * (its ExpandMemCmp pass; there is no memcmp to call): the bytes are compared in order and the
 * result is 0, or -1 / 1 by the first differing byte as `unsigned char` (LLVM's expansion yields
 * exactly -1 or 1, not a byte difference as glibc's memcmp does).
 *
 * Built as a statement expression over existing nodes:
 *   ({ const u8 *a = A, *b = B; int r = 0; if (a[0] != b[0]) r = a[0] < b[0] ? -1 : 1; else if … ; r; })
 * so each argument is evaluated once. Not here: word-sized loads (clang combines bytes into words
 * for `== 0` uses; we compare byte by byte — same result, more instructions).
 * Own code.
 */
import type { Span } from '../diag/diagnostic.ts';
import type { Node, Sym } from './ast.ts';
import { CDiag } from './diagCodes.ts';
import { arith, compare, convert, num, rvalue } from './parseExpr.ts';
import type { PState } from './pstate.ts';
import { T, ptrTo } from './types.ts';

/** Beyond this many bytes the expansion is refused (clang expands more; our code would be huge). */
export const MEMCMP_MAX = 512;

export function memcmpBuiltin(p: PState, args: Node[], span: Span): Node {
  if (args.length !== 3) {
    p.error(span, `too ${args.length < 3 ? 'few' : 'many'} arguments to function call, expected 3, have ${args.length}`, CDiag.TypeError);
    return num(0n, T.int, span);
  }
  const n = convert(p, args[2], T.ulong);
  if (n.k !== 'num') {
    p.error(n.span, '__builtin_memcmp with a size that is not a compile-time constant is not supported by the BPF target', CDiag.Unsupported);
    return num(0n, T.int, span);
  }
  const len = n.val!;
  if (len > BigInt(MEMCMP_MAX)) {
    p.error(n.span, `__builtin_memcmp of ${len} bytes: at most ${MEMCMP_MAX} are expanded inline`, CDiag.Unsupported);
    return num(0n, T.int, span);
  }
  const bytes = ptrTo(T.uchar);
  const local = (what: string, ty: typeof T.int | typeof bytes): Sym => {
    const s = p.newSym('local', `.memcmp.${what}${p.nextId}`, ty, span);
    p.locals.push(s);
    return s;
  };
  const a = local('a', bytes);
  const b = local('b', bytes);
  const r = local('r', T.int);
  const v = (s: Sym): Node => ({ k: 'var', sym: s, ty: s.type, span });
  const at = (s: Sym, i: number): Node => ({ k: 'deref', lhs: arith(p, '+', v(s), num(BigInt(i), T.long, span), span), ty: T.uchar, span });
  const body: Node[] = [
    { k: 'decl', sym: a, init: convert(p, rvalue(p, args[0]), bytes), span },
    { k: 'decl', sym: b, init: convert(p, rvalue(p, args[1]), bytes), span },
    { k: 'decl', sym: r, init: num(0n, T.int, span), span },
  ];
  let chain: Node | undefined;
  for (let i = Number(len) - 1; i >= 0; i--) {
    const sign: Node = { k: 'cond', cond: compare(p, '<', at(a, i), at(b, i), span), then: num(-1n, T.int, span), els: num(1n, T.int, span), ty: T.int, span };
    chain = {
      k: 'if',
      cond: compare(p, '!=', at(a, i), at(b, i), span),
      then: { k: 'exprstmt', lhs: { k: 'assign', lhs: v(r), rhs: sign, ty: T.int, span }, span },
      els: chain,
      span,
    };
  }
  if (chain) body.push(chain);
  body.push({ k: 'exprstmt', lhs: v(r), span });
  return { k: 'stmtexpr', body, ty: T.int, span };
}
