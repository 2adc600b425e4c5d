/**
 * Parser state shared by the declaration, expression and statement parsers: the token cursor,
 * scopes (ordinary identifiers and tags), the translation unit being built, and diagnostics.
 *
 * Syntax errors are raised as `ParseError` and caught at the nearest statement or external
 * declaration, which skips ahead and continues, so one compile reports several errors and always
 * makes progress (no hangs).
 * Does not: know any grammar (parseDecl.ts, parseExpr.ts, parse.ts do).
 */
import type { Diagnostic, Span } from '../diag/diagnostic.ts';
import type { Node, Sym } from './ast.ts';
import { CDiag } from './diagCodes.ts';
import type { Token } from './lex.ts';
import type { IntType, StructType, Type } from './types.ts';

export class ParseError extends Error {}

/** The parsed translation unit. */
export interface Unit {
  globals: Sym[];
  funcs: Sym[];
}

interface Scope {
  vars: Map<string, Sym>;
  tags: Map<string, StructType | { kind: 'enum'; type?: IntType }>;
}

const MAX_ERRORS = 30;

export class PState {
  pos = 0;
  scopes: Scope[] = [{ vars: new Map(), tags: new Map() }];
  diagnostics: Diagnostic[] = [];
  unit: Unit = { globals: [], funcs: [] };
  nextId = 1;
  /** The function being parsed (for `return` type and labels). */
  fn?: Sym;
  /** Locals declared in the current function, in order. */
  locals: Sym[] = [];
  /** Enclosing switch statements (for `case`). */
  switches: Node[] = [];
  loopDepth = 0;
  labels = new Set<string>();
  gotos: { label: string; span: Span }[] = [];
  /** Counter for unique names of static locals. */
  staticCount = 0;
  depth = 0;

  /** `#pragma … diagnostic` markers, removed from the stream: effect and token index. */
  diagEvents: { at: number; what: string; opt: string }[] = [];
  /** `#pragma clang attribute push/pop` markers: 'core' (preserve_access_index), 'other', 'pop'. */
  attrEvents: { at: number; what: string }[] = [];

  constructor(toks: Token[]) {
    this.toks = [];
    for (const t of toks) {
      if (t.kind === 'punct' && t.text.startsWith('#pragma attribute ')) {
        this.attrEvents.push({ at: this.toks.length, what: t.text.slice('#pragma attribute '.length) });
      } else if (t.kind === 'punct' && t.text.startsWith('#pragma diagnostic ')) {
        const [, , what, opt = ''] = t.text.split(' ');
        this.diagEvents.push({ at: this.toks.length, what, opt });
      } else this.toks.push(t);
    }
  }
  toks: Token[];

  /** Is a `#pragma clang attribute push(__attribute__((preserve_access_index)), …)` in effect? */
  coreActive(): boolean {
    const stack: boolean[] = [];
    for (const e of this.attrEvents) {
      if (e.at > this.pos) break;
      if (e.what === 'pop') stack.pop();
      else stack.push(e.what === 'core');
    }
    return stack.includes(true);
  }

  /** Is warning option `opt` (e.g. `-Wint-conversion`) ignored at the current position? */
  ignored(opt: string): boolean {
    const stack: Set<string>[] = [new Set()];
    for (const e of this.diagEvents) {
      if (e.at > this.pos) break;
      const top = stack[stack.length - 1];
      if (e.what === 'push') stack.push(new Set(top));
      else if (e.what === 'pop') { if (stack.length > 1) stack.pop(); }
      else if (e.what === 'ignored') top.add(e.opt);
      else top.delete(e.opt);
    }
    return stack[stack.length - 1].has(opt);
  }

  get tok(): Token { return this.toks[this.pos]; }
  peek(n = 1): Token { return this.toks[Math.min(this.pos + n, this.toks.length - 1)]; }
  advance(): Token {
    const t = this.toks[this.pos];
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }
  is(text: string): boolean { const t = this.tok; return t.text === text && (t.kind === 'punct' || t.kind === 'ident'); }
  consume(text: string): boolean {
    if (this.is(text)) { this.advance(); return true; }
    return false;
  }
  expect(text: string, what?: string): Token {
    if (this.is(text)) return this.advance();
    this.fail(this.tok.span, `expected '${text}'${what ? ' ' + what : ''}`);
  }
  /** `;` ending something: missing, clang reports it just after the previous token. */
  expectSemi(what: string): void {
    if (this.is(';')) { this.advance(); return; }
    const prev = this.toks[Math.max(this.pos - 1, 0)].span;
    this.fail({ file: prev.file, start: prev.end, end: prev.end }, `expected ';' ${what}`);
  }
  /** Source-like text of tokens [from, to) (for messages quoting an expression). */
  textOf(from: number, to: number): string {
    return this.toks.slice(from, to).map((t, k) => (k && t.space ? ' ' : '') + t.text).join('');
  }
  ident(): Token {
    if (this.tok.kind !== 'ident') this.fail(this.tok.span, 'expected identifier');
    return this.advance();
  }

  error(span: Span, message: string, code: number = CDiag.Syntax): void {
    if (this.diagnostics.filter((d) => d.severity === 'error').length >= MAX_ERRORS) return;
    this.diagnostics.push({ code, severity: 'error', message, span });
  }
  warn(span: Span, message: string): void {
    this.diagnostics.push({ code: CDiag.Warning, severity: 'warning', message, span });
  }
  fail(span: Span, message: string, code: number = CDiag.Syntax): never {
    this.error(span, message, code);
    throw new ParseError(message);
  }
  /** Guard recursion on brackets, as clang does (`-fbracket-depth`, default 256). */
  nest(at: Span): void {
    if (++this.depth > 256) {
      this.depth--;
      this.fail(at, 'bracket nesting level exceeded maximum of 256', CDiag.TooComplex);
    }
  }
  tooMany(): boolean {
    return this.diagnostics.filter((d) => d.severity === 'error').length >= MAX_ERRORS;
  }

  enter(): void { this.scopes.push({ vars: new Map(), tags: new Map() }); }
  leave(): void { this.scopes.pop(); }
  lookup(name: string): Sym | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i].vars.get(name);
      if (s) return s;
    }
    return undefined;
  }
  lookupTag(name: string): StructType | { kind: 'enum'; type?: IntType } | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i].tags.get(name);
      if (s) return s;
    }
    return undefined;
  }
  declare(sym: Sym): void {
    this.scopes[this.scopes.length - 1].vars.set(sym.name, sym);
  }
  isTypedef(t: Token): boolean {
    return t.kind === 'ident' && this.lookup(t.text)?.kind === 'typedef';
  }
  newSym(kind: Sym['kind'], name: string, type: Type, span: Span): Sym {
    return { kind, name, type, span, id: this.nextId++ };
  }
  /** Span from a start token to the previous token. */
  from(start: Span): Span {
    const prev = this.toks[Math.max(this.pos - 1, 0)].span;
    return { file: start.file, start: start.start, end: prev.file === start.file && prev.end >= start.start ? prev.end : start.end };
  }
}
