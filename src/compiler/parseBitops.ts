/**
 * `__builtin_popcount`, `__builtin_ctz` and `__builtin_clz` (and their `l` / `ll` forms), expanded
 * inline as clang-19 expands them for BPF, which has no such instructions: popcount is the
 * SWAR sum (`x - ((x >> 1) & 0x55…)`, nibble sums, multiply by 0x0101… and take the top byte);
 * ctz counts the ones below the lowest set bit, `popcount((x & -x) - 1)`; clz smears the highest
 * set bit right and counts the zeros left, `bits - popcount(smeared)`. As in C, ctz and clz of 0
 * are undefined (here: the width).
 *
 * Built as a statement expression over existing nodes, `({ T x = ARG; …; (int)r; })`, so the
 * argument is evaluated once. Constant arguments fold like any arithmetic.
 * Own code.
 */
import type { Span } from '../diag/diagnostic.ts';
import type { Node, Sym } from './ast.ts';
import { CDiag } from './diagCodes.ts';
import { arith, convert, num, rvalue } from './parseExpr.ts';
import type { PState } from './pstate.ts';
import { T } from './types.ts';

const NAMES = /^__builtin_(popcount|ctz|clz)(l|ll)?$/;

export function isBitopBuiltin(name: string): boolean {
  return NAMES.test(name);
}

export function bitopBuiltin(p: PState, name: string, args: Node[], span: Span): Node {
  const m = NAMES.exec(name)!;
  if (args.length !== 1) {
    p.error(span, `too ${args.length < 1 ? 'few' : 'many'} arguments to function call, expected 1, have ${args.length}`, CDiag.TypeError);
    return num(0n, T.int, span);
  }
  const wide = !!m[2];
  const ty = wide ? T.ulong : T.uint;
  const bits = wide ? 64 : 32;
  const rep = (byte: bigint): bigint => { let v = 0n; for (let i = 0; i < bits / 8; i++) v = (v << 8n) | byte; return v; };
  const k = (v: bigint): Node => num(v, ty, span);
  const x: Sym = p.newSym('local', `.bitop.x${p.nextId}`, ty, span);
  p.locals.push(x);
  const v = (): Node => ({ k: 'var', sym: x, ty, span });
  const set = (rhs: Node): Node => ({ k: 'exprstmt', lhs: { k: 'assign', lhs: v(), rhs, ty, span }, span });
  const A = (op: string, l: Node, r: Node): Node => arith(p, op, l, r, span);
  const body: Node[] = [{ k: 'decl', sym: x, init: convert(p, rvalue(p, args[0]), ty), span }];
  if (m[1] === 'ctz') body.push(set(A('-', A('&', v(), A('-', k(0n), v())), k(1n))));
  if (m[1] === 'clz') for (let s = 1; s < bits; s *= 2) body.push(set(A('|', v(), A('>>', v(), k(BigInt(s))))));
  // popcount of x
  body.push(set(A('-', v(), A('&', A('>>', v(), k(1n)), k(rep(0x55n))))));
  body.push(set(A('+', A('&', v(), k(rep(0x33n))), A('&', A('>>', v(), k(2n)), k(rep(0x33n))))));
  body.push(set(A('&', A('+', v(), A('>>', v(), k(4n))), k(rep(0x0fn)))));
  let r = A('>>', A('*', v(), k(rep(0x01n))), k(BigInt(bits - 8)));
  if (m[1] === 'clz') r = A('-', k(BigInt(bits)), r);
  body.push({ k: 'exprstmt', lhs: convert(p, r, T.int), span });
  return { k: 'stmtexpr', body, ty: T.int, span };
}
