/**
 * The C lexer: source text → preprocessing tokens with spans.
 *
 * Produces the tokens the preprocessor works on (C11 §6.4 pp-tokens): identifiers, pp-numbers,
 * character and string literals, punctuators. Each token knows whether it starts a line and
 * whether white space precedes it (needed by `#` directives, `#` stringizing and function-like
 * macro definitions). Comments and line splices are removed here.
 * Does not: convert numbers (see `parseNumber`), decide keywords (the parser does), handle
 * trigraphs or universal character names.
 * Provenance: the token model follows chibicc's `tokenize.c`; written from the C standard.
 */
import type { Diagnostic, Span } from '../diag/diagnostic.ts';
import { CDiag } from './diagCodes.ts';

export type TokKind = 'ident' | 'num' | 'str' | 'char' | 'punct' | 'eof';

export interface Token {
  kind: TokKind;
  /** The spelling, exactly as written (for strings and chars including quotes). */
  text: string;
  span: Span;
  /** First token on its line (after any white space). */
  bol: boolean;
  /** White space or a comment precedes it. */
  space: boolean;
  /** Macro names this token must not be expanded by again (preprocessor's hide set). */
  hide?: ReadonlySet<string>;
}

const PUNCTS = [
  '<<=', '>>=', '...', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=',
  '-=', '*=', '/=', '%=', '&=', '|=', '^=', '##',
];

function isIdStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}
function isIdChar(c: string): boolean {
  return isIdStart(c) || (c >= '0' && c <= '9');
}

/** Tokenize one file. Never throws; bad characters become diagnostics and are skipped. */
export function tokenize(
  file: string,
  text: string,
): { value: Token[]; diagnostics: Diagnostic[] } {
  const toks: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  let bol = true;
  let space = false;
  const n = text.length;
  const err = (start: number, end: number, message: string): void => {
    diagnostics.push({ code: CDiag.LexError, severity: 'error', message, span: { file, start, end } });
  };
  while (i < n) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\n') { i += 2; continue; }
    if (c === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') { i += 3; continue; }
    if (c === '\n') { i++; bol = true; space = false; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i++; space = true; continue; }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') {
        if (text[i] === '\\' && text[i + 1] === '\n') i++;
        i++;
      }
      space = true;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) { err(i, i + 2, 'unterminated /* comment'); i = n; break; }
      i = e + 2;
      space = true;
      continue;
    }
    const start = i;
    let kind: TokKind;
    if (isIdStart(c)) {
      while (i < n && isIdChar(text[i])) i++;
      // A prefix like L"..." / u8"..." is folded into the literal.
      if ((text[i] === '"' || text[i] === "'") && /^(L|u|U|u8)$/.test(text.slice(start, i))) {
        const q = text[i];
        const e = scanQuoted(text, i, q);
        if (e >= 0) i = e;
        kind = e < 0 ? 'ident' : q === '"' ? 'str' : 'char';
      } else {
        kind = 'ident';
      }
    } else if ((c >= '0' && c <= '9') || (c === '.' && text[i + 1] >= '0' && text[i + 1] <= '9')) {
      i++;
      for (;;) {
        const d = text[i];
        if ((d === '+' || d === '-') && /[eEpP]/.test(text[i - 1])) { i++; continue; }
        if (i < n && (isIdChar(d) || d === '.')) { i++; continue; }
        break;
      }
      kind = 'num';
    } else if (c === '"' || c === "'") {
      const e = scanQuoted(text, i, c);
      if (e < 0) {
        err(i, i + 1, `missing terminating ${c} character`);
        while (i < n && text[i] !== '\n') i++;
        continue;
      }
      i = e;
      kind = c === '"' ? 'str' : 'char';
    } else {
      const p = PUNCTS.find((q) => text.startsWith(q, i));
      if (p) i += p.length;
      else if ('[](){}.&*+-~!/%<>^|?:;=,#'.includes(c)) i++;
      else {
        err(i, i + 1, `unexpected character '${c === '\0' ? '\\0' : c}'`);
        i++;
        continue;
      }
      kind = 'punct';
    }
    toks.push({ kind, text: text.slice(start, i), span: { file, start, end: i }, bol, space });
    bol = false;
    space = false;
  }
  toks.push({ kind: 'eof', text: '', span: { file, start: n, end: n }, bol: true, space: false });
  return { value: toks, diagnostics };
}

/** Index just past the closing quote, or -1 when the line ends first. */
function scanQuoted(text: string, i: number, q: string): number {
  let j = i + 1;
  while (j < text.length) {
    const d = text[j];
    if (d === '\n') return -1;
    if (d === '\\') { j += 2; continue; }
    if (d === q) return j + 1;
    j++;
  }
  return -1;
}

/** Value of a C integer constant (`0x1f`, `017`, `10UL`, `0b101`) and whether it is unsigned / long. */
export function parseNumber(
  text: string,
): { value: bigint; unsigned: boolean; long: boolean } | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)$/.exec(text);
  if (!m) return undefined;
  const body = m[1];
  const suf = m[2].toLowerCase();
  if (!/^(u?l{0,2}|l{1,2}u)$/.test(suf)) return undefined;
  let value: bigint;
  if (/^0[xX]/.test(body)) value = BigInt(body);
  else if (/^0[bB]/.test(body)) value = BigInt(body);
  else if (body.length > 1 && body[0] === '0') value = BigInt('0o' + body.slice(1));
  else value = BigInt(body);
  return { value, unsigned: suf.includes('u'), long: suf.includes('l') };
}

/** Decode the escapes of a char or string literal body (without quotes) into byte values. */
export function decodeEscapes(body: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      const code = body.charCodeAt(i);
      if (code < 0x80) out.push(code);
      else for (const b of new TextEncoder().encode(c)) out.push(b);
      continue;
    }
    const d = body[++i];
    const simple: Record<string, number> = {
      n: 10, t: 9, r: 13, '0': 0, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63,
    };
    if (d === 'x') {
      let j = i + 1;
      let v = 0;
      while (j < body.length && /[0-9a-fA-F]/.test(body[j])) v = v * 16 + parseInt(body[j++], 16);
      out.push(v & 0xff);
      i = j - 1;
    } else if (d >= '0' && d <= '7') {
      let j = i;
      let v = 0;
      while (j < body.length && j < i + 3 && body[j] >= '0' && body[j] <= '7') v = v * 8 + Number(body[j++]);
      out.push(v & 0xff);
      i = j - 1;
    } else if (d in simple) out.push(simple[d]);
    else out.push(d.charCodeAt(0));
  }
  return out;
}

/**
 * Tokens of recently seen files (the bundled headers are the same text on every compile; they
 * are most of the tokens). Tokens are never mutated downstream (they are frozen to make sure).
 */
const tokenCache = new Map<string, ReturnType<typeof tokenize>>();
export function tokenizeCached(file: string, text: string): ReturnType<typeof tokenize> {
  const key = `${file}\0${text}`;
  let r = tokenCache.get(key);
  if (!r) {
    r = tokenize(file, text);
    for (const t of r.value) Object.freeze(t);
    if (tokenCache.size >= 64) tokenCache.delete(tokenCache.keys().next().value!);
    tokenCache.set(key, r);
  }
  return r;
}
