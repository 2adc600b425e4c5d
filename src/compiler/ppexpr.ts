/**
 * `#if` expression evaluation: integer constant expressions over already macro-expanded tokens
 * (identifiers have been replaced by 0, `defined` by 0/1). Values are 64-bit (intmax_t /
 * uintmax_t, C11 §6.10.1p4); a `u` suffix makes the expression unsigned as the usual arithmetic
 * conversions say.
 * Does not: floating constants (an error, as in C), assignment or comma at top level.
 * Provenance: written from C11 §6.10.1 and §6.5.
 */
import type { Span } from '../diag/diagnostic.ts';
import { decodeEscapes, parseNumber, type Token } from './lex.ts';

interface V { v: bigint; u: boolean }
type R = { value: bigint } | { error: string; span: Span };

const norm = (x: V): V => ({ v: x.u ? BigInt.asUintN(64, x.v) : BigInt.asIntN(64, x.v), u: x.u });

const BIN: Record<string, number> = {
  '*': 10, '/': 10, '%': 10, '+': 9, '-': 9, '<<': 8, '>>': 8, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '==': 6, '!=': 6, '&': 5, '^': 4, '|': 3, '&&': 2, '||': 1,
};

export function evalPPExpr(toks: Token[], at: Span): R {
  let i = 0;
  class Fail { constructor(public msg: string, public span: Span) {} }
  const peek = (): Token | undefined => toks[i];
  const fail = (msg: string, t?: Token): never => { throw new Fail(msg, t?.span ?? at); };

  const primary = (): V => {
    const t = toks[i++];
    if (!t) return fail('expected value in expression');
    if (t.text === '(') {
      const v = cond();
      if (toks[i]?.text !== ')') fail("expected ')'", toks[i] ?? t);
      i++;
      return v;
    }
    if (t.kind === 'num') {
      const n = parseNumber(t.text);
      if (!n) return fail(`invalid integer constant '${t.text}' in preprocessor expression`, t);
      return norm({ v: n.value, u: n.unsigned || n.value > 0x7fffffffffffffffn });
    }
    if (t.kind === 'char') {
      const b = decodeEscapes(t.text.slice(t.text.indexOf("'") + 1, -1));
      return { v: BigInt((b[0] ?? 0) << 24 >> 24), u: false };
    }
    if (t.text === '-' || t.text === '+' || t.text === '~' || t.text === '!') {
      const x = primary();
      if (t.text === '-') return norm({ v: -x.v, u: x.u });
      if (t.text === '~') return norm({ v: ~x.v, u: x.u });
      if (t.text === '!') return { v: x.v === 0n ? 1n : 0n, u: false };
      return x;
    }
    return fail(`invalid token at start of a preprocessor expression`, t);
  };

  const binary = (minPrec: number): V => {
    let l = primary();
    for (;;) {
      const op = peek();
      const p = op && op.kind === 'punct' ? BIN[op.text] : undefined;
      if (p === undefined || p < minPrec) return l;
      i++;
      const r = binary(p + 1);
      l = apply(op!.text, l, r, op!);
    }
  };

  const apply = (op: string, a: V, b: V, t: Token): V => {
    const u = a.u || b.u;
    const A = u ? BigInt.asUintN(64, a.v) : a.v;
    const B = u ? BigInt.asUintN(64, b.v) : b.v;
    const bool = (x: boolean): V => ({ v: x ? 1n : 0n, u: false });
    switch (op) {
      case '*': return norm({ v: A * B, u });
      case '/': case '%':
        if (B === 0n) fail(`division by zero in preprocessor expression`, t);
        return norm({ v: op === '/' ? A / B : A % B, u });
      case '+': return norm({ v: A + B, u });
      case '-': return norm({ v: A - B, u });
      case '<<': return norm({ v: a.v << (b.v & 63n), u: a.u });
      case '>>': return norm({ v: (a.u ? BigInt.asUintN(64, a.v) : a.v) >> (b.v & 63n), u: a.u });
      case '<': return bool(A < B);
      case '>': return bool(A > B);
      case '<=': return bool(A <= B);
      case '>=': return bool(A >= B);
      case '==': return bool(A === B);
      case '!=': return bool(A !== B);
      case '&': return norm({ v: A & B, u });
      case '^': return norm({ v: A ^ B, u });
      case '|': return norm({ v: A | B, u });
      case '&&': return bool(a.v !== 0n && b.v !== 0n);
      default: return bool(a.v !== 0n || b.v !== 0n);
    }
  };

  const cond = (): V => {
    const c = binary(1);
    if (peek()?.text !== '?') return c;
    i++;
    const x = cond();
    if (peek()?.text !== ':') fail("expected ':' in conditional expression", peek());
    i++;
    const y = cond();
    return c.v !== 0n ? x : y;
  };

  try {
    if (!toks.length) return { error: '#if with no expression', span: at };
    const v = cond();
    if (i < toks.length) fail('token is not a valid binary operator in a preprocessor subexpression', toks[i]);
    return { value: v.v };
  } catch (e) {
    if (e instanceof Fail) return { error: e.msg, span: e.span };
    throw e;
  }
}
