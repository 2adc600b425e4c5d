/**
 * Assembler lexer: source text -> lines (with comments blanked out) -> tokens with offsets.
 *
 * Comments are replaced by spaces rather than cut, so every token keeps its offset into the
 * original file (spans, STYLE §3.2). Comment starters, as the three dialects use them:
 *   `//`, `/* … *\/`  (llvm-mc accepts C comments)
 *   `#`               (llvm-mc and bpf_conformance; but `call bpf_map_lookup_elem#1` in a
 *                      kernel log is a helper id, so `#` glued to a name and followed by a digit
 *                      is a token, not a comment)
 *   `;`               (llvm-objdump -S source lines and the verifier log's trailing register
 *                      state. llvm-mc itself reads `;` as a statement separator; we do not.)
 *
 * Deliberately not here: knowledge of mnemonics or registers (the dialect parsers own that).
 * Number syntax follows llvm-mc: decimal, 0x hex, 0b binary, and a leading 0 meaning octal.
 */

import type { Span } from '../diag/diagnostic.ts';

export type TokKind = 'id' | 'num' | 'punct' | 'bad';

export interface Tok {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
  /** For `num`: the value (non-negative; a sign is a separate punct token). */
  value?: bigint;
}

/** One source line: [start, end) excludes the newline (and a trailing CR). */
export interface Line {
  no: number;
  start: number;
  end: number;
  /** The raw text of the line. */
  raw: string;
  /** The same text with comments blanked to spaces (same length as raw). */
  code: string;
  /** Where a `;`/`#`/`//` comment began in this line (offset into the line), or -1. */
  commentAt: number;
}

/** Split into lines and blank out comments; block comments may span lines. */
export function splitLines(text: string): Line[] {
  const masked = maskComments(text);
  const lines: Line[] = [];
  let start = 0;
  let no = 1;
  let ci = 0; // comment starts are in order: walk them alongside the lines
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const raw = text.slice(start, end);
    const code = masked.text.slice(start, end);
    while (ci < masked.commentStarts.length && masked.commentStarts[ci] < start) ci++;
    const c = masked.commentStarts[ci];
    const commentAt = c !== undefined && c < end ? c - start : -1;
    lines.push({ no, start, end, raw, code, commentAt });
    if (nl >= text.length) break;
    start = nl + 1;
    no++;
  }
  return lines;
}

const isIdStart = (c: string): boolean => /[A-Za-z_.$]/.test(c);
const isIdChar = (c: string): boolean => /[A-Za-z0-9_.$@]/.test(c);

function maskComments(text: string): { text: string; commentStarts: number[] } {
  const out = text.split('');
  const starts: number[] = [];
  let i = 0;
  const blankTo = (end: number): void => {
    for (let k = i; k < end; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
    i = end;
  };
  const lineEnd = (from: number): number => {
    const n = text.indexOf('\n', from);
    return n < 0 ? text.length : n;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      starts.push(i);
      blankTo(close < 0 ? text.length : close + 2);
    } else if ((c === '/' && text[i + 1] === '/') || c === ';') {
      starts.push(i);
      blankTo(lineEnd(i));
    } else if (c === '#') {
      const glued = i > 0 && /[A-Za-z0-9_]/.test(text[i - 1]) && /[0-9-]/.test(text[i + 1] ?? '');
      if (glued) i++;
      else {
        starts.push(i);
        blankTo(lineEnd(i));
      }
    } else i++;
  }
  return { text: out.join(''), commentStarts: starts };
}

const PUNCTS = [
  '<<=', '>>=',
  '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '|=', '&=', '^=',
  '=', '+', '-', '*', '/', '(', ')', '[', ']', ',', ':', '<', '>', '&', '|', '^', '%', '#', '!', '~', '{', '}', "'", '"', '@',
];

/** Tokenize text[start, end). Never throws; unknown characters become `bad` tokens. */
export function tokenize(text: string, start: number, end: number): Tok[] {
  const toks: Tok[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < end && isIdChar(text[j])) j++;
      const s = text.slice(i, j);
      const value = parseNumber(s);
      toks.push(value === undefined ? { kind: 'bad', text: s, start: i, end: j } : { kind: 'num', text: s, start: i, end: j, value });
      i = j;
      continue;
    }
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < end && isIdChar(text[j])) j++;
      toks.push({ kind: 'id', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const p = PUNCTS.find((q) => text.startsWith(q, i) && i + q.length <= end);
    if (p) {
      toks.push({ kind: 'punct', text: p, start: i, end: i + p.length });
      i += p.length;
      continue;
    }
    toks.push({ kind: 'bad', text: c, start: i, end: i + 1 });
    i++;
  }
  return toks;
}

/** A number literal as llvm-mc reads it, or undefined when malformed. */
export function parseNumber(s: string): bigint | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return BigInt(s);
  if (/^0[bB][01]+$/.test(s)) return BigInt(s);
  if (/^0[0-9]+$/.test(s)) return /^0[0-7]+$/.test(s) ? BigInt('0o' + s.slice(1)) : undefined;
  if (/^[0-9]+$/.test(s)) return BigInt(s);
  return undefined;
}

export function spanOf(file: string, a: { start: number }, b: { end: number } = a as unknown as { end: number }): Span {
  return { file, start: a.start, end: b.end };
}
