/**
 * The C preprocessor: tokens of the main file → the fully expanded token stream the parser reads.
 *
 * Directives: `#include "…"`/`<…>` (user sources first for quotes, bundled headers for angle
 * brackets, then the other), `#define`/`#undef` (object-like and function-like macros, variadic
 * `...`/`__VA_ARGS__`, GNU `, ## __VA_ARGS__`, `__VA_OPT__`), `#` stringizing, `##` pasting,
 * `#if/#ifdef/#ifndef/#elif/#elifdef/#elifndef/#else/#endif` with `defined`, `__has_builtin`,
 * `__has_attribute`, `__has_include`, `#pragma once`, `#error`, `#warning`. Other pragmas
 * (`unroll`, `clang loop`, …) and `#line` are accepted and ignored.
 * Expansion uses hide sets (Prosser's algorithm), so self-referential macros stop.
 * Expanded tokens carry the span of the macro name at the expansion site, so line info and
 * diagnostics point at the user's line, as clang's expansion locations do.
 * Does not: keep comments, produce `-E` text (see `tokensToText` for a rough rendering).
 * Provenance: algorithm after chibicc's preprocess.c and the C11 standard §6.10.
 */
import type { Diagnostic, Span } from '../diag/diagnostic.ts';
import { CDiag } from './diagCodes.ts';
import { tokenize, tokenizeCached, parseNumber, type Token } from './lex.ts';
import { evalPPExpr } from './ppexpr.ts';

interface Macro {
  name: string;
  params?: string[];
  variadic: boolean;
  body: Token[];
  builtin?: (at: Token) => Token[];
}

export interface PreprocessOptions {
  /** Headers found by `#include` (bundled ones), by path such as `bpf/bpf_helpers.h`. */
  headers?: Record<string, string>;
  /** Extra `-D` definitions: name → replacement text. */
  defines?: Record<string, string>;
}

/** `files[name]` when it is the map's own entry (never an Object.prototype member such as `constructor`). */
function own(files: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  return files !== undefined && Object.hasOwn(files, name) ? files[name] : undefined;
}

/** Builtins the bundled headers probe with `__has_builtin`. */
const BUILTINS = new Set([
  '__builtin_memcpy', '__builtin_memset', '__builtin_memcmp', '__builtin_bswap16',
  '__builtin_bswap32', '__builtin_bswap64', '__builtin_expect', '__builtin_offsetof',
  '__builtin_constant_p', '__builtin_preserve_access_index', '__builtin_preserve_field_info',
  '__builtin_preserve_type_info', '__builtin_preserve_enum_value', '__builtin_btf_type_id',
  '__builtin_popcount', '__builtin_popcountl', '__builtin_popcountll', '__builtin_ctz', '__builtin_ctzl',
  '__builtin_ctzll', '__builtin_clz', '__builtin_clzl', '__builtin_clzll',
]);
const ATTRIBUTES = new Set(['section', 'always_inline', 'noinline', 'packed', 'aligned', 'unused', 'used', 'preserve_access_index', 'weak']);

const MAX_INCLUDE_DEPTH = 64;

const MAX_EXPANSIONS = 500_000;

/** Run the preprocessor. Never throws. */
export function preprocess(
  sources: Record<string, string>,
  mainFile: string,
  opts: PreprocessOptions = {},
): { value: Token[]; diagnostics: Diagnostic[] } {
  return new PP(sources, opts).run(mainFile);
}

interface Frame { toks: Token[]; i: number; file?: string; conds?: number }

class PP {
  macros = new Map<string, Macro>();
  diagnostics: Diagnostic[] = [];
  once = new Set<string>();
  frames: Frame[] = [];
  /** Conditional stack: [active, anyTaken, sawElse, parentActive, openSpan]. */
  conds: { active: boolean; taken: boolean; sawElse: boolean; span: Span }[] = [];
  budget = MAX_EXPANSIONS;
  counter = 0;
  out: Token[] = [];

  constructor(private sources: Record<string, string>, private opts: PreprocessOptions) {
    const predefined: Record<string, string> = {
      __bpf__: '1', __BPF__: '1', __BPF_CPU_VERSION__: '3', __clang__: '1', __clang_major__: '19',
      __GNUC__: '4', __GNUC_MINOR__: '2', __STDC__: '1', __STDC_VERSION__: '201710L',
      __LITTLE_ENDIAN__: '1', __ORDER_LITTLE_ENDIAN__: '1234', __ORDER_BIG_ENDIAN__: '4321',
      __ORDER_PDP_ENDIAN__: '3412', __BYTE_ORDER__: '__ORDER_LITTLE_ENDIAN__', __CHAR_BIT__: '8',
      __SIZEOF_LONG__: '8', __SIZEOF_POINTER__: '8', __SIZEOF_INT__: '4', __SIZEOF_SHORT__: '2',
      __SIZEOF_LONG_LONG__: '8', __SIZEOF_INT128__: '16', __LP64__: '1', _LP64: '1',
      __ATOMIC_RELAXED: '0', __ATOMIC_CONSUME: '1', __ATOMIC_ACQUIRE: '2', __ATOMIC_RELEASE: '3', __ATOMIC_ACQ_REL: '4', __ATOMIC_SEQ_CST: '5',
      __OPTIMIZE__: '1', __ELF__: '1', __INT_MAX__: '2147483647', __LONG_MAX__: '9223372036854775807L',
      ...opts.defines,
    };
    for (const [k, v] of Object.entries(predefined)) this.defineText(k, v);
    const mk = (name: string, f: (at: Token) => Token[]): void => {
      this.macros.set(name, { name, variadic: false, body: [], builtin: f });
    };
    mk('__FILE__', (at) => [{ ...at, kind: 'str', text: JSON.stringify(at.span.file) }]);
    mk('__LINE__', (at) => [{ ...at, kind: 'num', text: String(this.lineOf(at)) }]);
    mk('__COUNTER__', (at) => [{ ...at, kind: 'num', text: String(this.counter++) }]);
  }

  lineOf(t: Token): number {
    const text = own(this.sources, t.span.file) ?? own(this.opts.headers, t.span.file) ?? '';
    let line = 1;
    for (let i = 0; i < t.span.start && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  }

  defineText(name: string, text: string): void {
    const toks = tokenize('<built-in>', text).value.slice(0, -1);
    this.macros.set(name, { name, variadic: false, body: toks });
  }

  err(span: Span, message: string, code: number = CDiag.PPDirective, severity: 'error' | 'warning' = 'error'): void {
    this.diagnostics.push({ code, severity, message, span });
  }

  run(mainFile: string): { value: Token[]; diagnostics: Diagnostic[] } {
    const text = own(this.sources, mainFile);
    if (text === undefined) {
      this.err({ file: mainFile, start: 0, end: 0 }, `no such file: '${mainFile}'`, CDiag.PPInclude);
      return { value: [eofTok(mainFile)], diagnostics: this.diagnostics };
    }
    this.pushFile(mainFile, text);
    for (;;) {
      const t = this.next();
      if (t.kind === 'eof') break;
      if (this.budget <= 0) {
        this.err(t.span, 'macro expansion limit reached (recursive macros?)', CDiag.PPMacro);
        break;
      }
      if (t.kind === 'ident' && t.text === '_Pragma' && !t.hide?.has('_Pragma')) { this.pragmaOperator(t); continue; }
      if (this.expand(t)) continue;
      this.out.push(t);
    }
    for (const c of this.conds) this.err(c.span, 'unterminated conditional directive', CDiag.PPCondition);
    // the end of the input is where the main file's text ends (after its last non-blank character),
    // so "expected ..." at the end points there, as clang does, not at 1:1
    const end = text.trimEnd().length;
    this.out.push({ ...eofTok(mainFile), span: { file: mainFile, start: end, end } });
    return { value: this.out, diagnostics: this.diagnostics };
  }

  pushFile(file: string, text: string): void {
    const r = tokenizeCached(file, text);
    this.diagnostics.push(...r.diagnostics);
    this.frames.push({ toks: r.value.slice(0, -1), i: 0, file, conds: this.conds.length });
  }

  /** Next token of the stream, handling directives and skipped conditional groups. */
  next(): Token {
    for (;;) {
      const f = this.frames[this.frames.length - 1];
      if (!f) return eofTok('');
      if (f.i >= f.toks.length) {
        if (f.file !== undefined && f.conds !== undefined && this.conds.length > f.conds) {
          while (this.conds.length > f.conds) {
            this.err(this.conds.pop()!.span, 'unterminated conditional directive', CDiag.PPCondition);
          }
        }
        this.frames.pop();
        continue;
      }
      const t = f.toks[f.i++];
      if (f.file !== undefined && t.bol && t.text === '#' && t.kind === 'punct') {
        this.directive(f, t);
        continue;
      }
      if (this.conds.length && !this.conds[this.conds.length - 1].active) continue;
      return t;
    }
  }

  /** Tokens of the rest of the current line in a file frame. */
  lineRest(f: Frame): Token[] {
    const out: Token[] = [];
    while (f.i < f.toks.length && !f.toks[f.i].bol) out.push(f.toks[f.i++]);
    return out;
  }

  directive(f: Frame, hash: Token): void {
    const line = this.lineRest(f);
    const name = line[0];
    const args = line.slice(1);
    const active = !this.conds.length || this.conds[this.conds.length - 1].active;
    if (!name) return; // null directive
    const d = name.text;
    switch (d) {
      case 'if': case 'ifdef': case 'ifndef': {
        let v = false;
        if (active) {
          if (d === 'if') v = this.evalCond(args, name);
          else {
            if (!args[0] || args[0].kind !== 'ident') this.err(name.span, 'macro name missing');
            v = !!args[0] && this.macros.has(args[0].text) === (d === 'ifdef');
          }
        }
        this.conds.push({ active: active && v, taken: !active || v, sawElse: false, span: hash.span });
        return;
      }
      case 'elif': case 'elifdef': case 'elifndef': case 'else': {
        const c = this.conds[this.conds.length - 1];
        if (!c || (f.conds !== undefined && this.conds.length <= f.conds)) {
          this.err(name.span, `#${d} without #if`, CDiag.PPCondition);
          return;
        }
        if (c.sawElse) this.err(name.span, `#${d} after #else`, CDiag.PPCondition);
        const parentActive = this.conds.length < 2 || this.conds[this.conds.length - 2].active;
        if (d === 'else') {
          c.sawElse = true;
          c.active = parentActive && !c.taken;
          c.taken = true;
        } else if (c.taken || !parentActive) {
          c.active = false;
        } else {
          let v: boolean;
          if (d === 'elif') v = this.evalCond(args, name);
          else v = !!args[0] && this.macros.has(args[0].text) === (d === 'elifdef');
          c.active = v;
          c.taken = v;
        }
        return;
      }
      case 'endif':
        if (!this.conds.length || (f.conds !== undefined && this.conds.length <= f.conds)) {
          this.err(name.span, '#endif without #if', CDiag.PPCondition);
        } else this.conds.pop();
        return;
    }
    if (!active) return;
    switch (d) {
      case 'define': return this.define(args, name);
      case 'undef':
        if (!args[0] || args[0].kind !== 'ident') this.err(name.span, 'macro name missing');
        else this.macros.delete(args[0].text);
        return;
      case 'include': case 'include_next': return this.include(args, name, f.file!);
      case 'pragma':
        this.pragma(args, name);
        return;
      case 'error': case 'warning': {
        const msg = args.map((t, k) => (k && t.space ? ' ' : '') + t.text).join('');
        this.err(name.span, d === 'error' ? msg : msg, d === 'error' ? CDiag.PPUserError : CDiag.PPWarning,
          d === 'error' ? 'error' : 'warning');
        return;
      }
      case 'line': case 'ident': case 'sccs': return;
      default:
        if (name.kind === 'num') return; // GNU line marker
        this.err(name.span, `invalid preprocessing directive`);
    }
  }

  /**
   * `#pragma once`; `#pragma GCC|clang diagnostic push|pop|ignored|warning|error "-Wx"` becomes a
   * marker token `#pragma diagnostic …` the parser reads; `#pragma clang attribute push|pop` a marker
   * `#pragma attribute core|other|pop` (structs under a pushed `preserve_access_index` are CO-RE
   * relocatable); other pragmas are ignored.
   */
  pragma(args: Token[], at: Token): void {
    const f = this.frames[this.frames.length - 1];
    if (args[0]?.text === 'once') { if (f?.file) this.once.add(f.file); return; }
    if ((args[0]?.text === 'GCC' || args[0]?.text === 'clang') && args[1]?.text === 'diagnostic' && args[2]) {
      const opt = args[3]?.kind === 'str' ? args[3].text.slice(1, -1) : '';
      this.out.push({ ...at, kind: 'punct', text: `#pragma diagnostic ${args[2].text} ${opt}`.trim(), bol: false, space: true });
    }
    if (args[0]?.text === 'clang' && args[1]?.text === 'attribute' && (args[2]?.text === 'push' || args[2]?.text === 'pop')) {
      const what = args[2].text === 'pop' ? 'pop' : args.some((t) => t.text === 'preserve_access_index') ? 'core' : 'other';
      this.out.push({ ...at, kind: 'punct', text: `#pragma attribute ${what}`, bol: false, space: true });
    }
  }

  /** `_Pragma("…")` (C11 §6.10.9): destringize and run as a #pragma line. */
  pragmaOperator(at: Token): void {
    const open = this.next();
    const str = open.text === '(' ? this.next() : undefined;
    const close = str ? this.next() : undefined;
    if (!str || str.kind !== 'str' || close?.text !== ')') {
      this.err(at.span, '_Pragma takes a parenthesized string literal', CDiag.PPDirective);
      return;
    }
    const body = str.text.slice(1, -1).replace(/\\(["\\])/g, '$1');
    const toks = tokenize(at.span.file, body).value.slice(0, -1).map((t) => ({ ...t, span: at.span }));
    this.pragma(toks, at);
  }

  define(args: Token[], at: Token): void {
    const nm = args[0];
    if (!nm || nm.kind !== 'ident') {
      this.err(nm?.span ?? at.span, 'macro name must be an identifier', CDiag.PPMacro);
      return;
    }
    if (nm.text === 'defined') {
      this.err(nm.span, "'defined' cannot be used as a macro name", CDiag.PPMacro);
      return;
    }
    let i = 1;
    let params: string[] | undefined;
    let variadic = false;
    if (args[1] && args[1].text === '(' && !args[1].space) {
      params = [];
      i = 2;
      if (args[i]?.text === ')') i++;
      else {
        for (;;) {
          const p = args[i];
          if (!p) { this.err(at.span, "missing ')' in macro parameter list", CDiag.PPMacro); return; }
          if (p.text === '...') { variadic = true; i++; }
          else if (p.kind === 'ident') {
            i++;
            if (args[i]?.text === '...') { variadic = true; i++; params.push(p.text); this.err(p.span, 'named variadic macros are not supported', CDiag.PPMacro); return; }
            params.push(p.text);
          } else { this.err(p.span, 'invalid token in macro parameter list', CDiag.PPMacro); return; }
          const s = args[i];
          if (s?.text === ')') { i++; break; }
          if (s?.text === ',' && !variadic) { i++; continue; }
          this.err(s?.span ?? at.span, "expected ',' or ')' in macro parameter list", CDiag.PPMacro);
          return;
        }
      }
    }
    const body = args.slice(i);
    if (body[0]?.text === '##' || (body.length && body[body.length - 1].text === '##')) {
      this.err(body[0].span, "'##' cannot appear at either end of a macro expansion", CDiag.PPMacro);
      return;
    }
    this.macros.set(nm.text, { name: nm.text, params, variadic, body });
  }

  include(args: Token[], at: Token, fromFile: string): void {
    let toks = args;
    if (toks[0] && toks[0].kind !== 'str' && toks[0].text !== '<') toks = this.expandList(toks);
    let path: string | undefined;
    let angled = false;
    if (toks[0]?.kind === 'str') path = toks[0].text.slice(1, -1);
    else if (toks[0]?.text === '<') {
      const close = toks.findIndex((t) => t.text === '>');
      if (close > 0) {
        // Rebuild the path from the source text between the brackets.
        const src = this.textOf(toks[0].span.file);
        path = src !== undefined && toks[0].span.file === toks[close].span.file
          ? src.slice(toks[0].span.end, toks[close].span.start)
          : toks.slice(1, close).map((t) => t.text).join('');
        angled = true;
      }
    }
    if (path === undefined) {
      this.err(at.span, 'expected "FILENAME" or <FILENAME>', CDiag.PPInclude);
      return;
    }
    const resolved = this.resolve(path, angled, fromFile);
    if (resolved === undefined) {
      this.err(toks[0].span, `'${path}' file not found`, CDiag.PPInclude);
      return;
    }
    if (this.once.has(resolved)) return;
    if (this.frames.filter((f) => f.file !== undefined).length > MAX_INCLUDE_DEPTH) {
      this.err(at.span, '#include nested too deeply', CDiag.PPInclude);
      return;
    }
    this.pushFile(resolved, this.textOf(resolved)!);
  }

  textOf(file: string): string | undefined {
    return own(this.sources, file) ?? own(this.opts.headers, file);
  }

  resolve(path: string, angled: boolean, fromFile: string): string | undefined {
    const dir = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/') + 1) : '';
    const user = [dir + path, path].find((p) => own(this.sources, p) !== undefined);
    const bundled = own(this.opts.headers, path) !== undefined ? path : undefined;
    return angled ? bundled ?? user : user ?? bundled;
  }

  evalCond(args: Token[], at: Token): boolean {
    // Replace defined X / defined(X) and __has_* before expansion.
    const pre: Token[] = [];
    for (let i = 0; i < args.length; i++) {
      const t = args[i];
      const probe = t.text === 'defined' || t.text === '__has_builtin' || t.text === '__has_attribute' ||
        t.text === '__has_include' || t.text === '__has_feature' || t.text === '__has_extension';
      if (t.kind === 'ident' && probe) {
        let name: Token | undefined;
        let j = i + 1;
        let path = '';
        if (args[j]?.text === '(') {
          j++;
          const start = j;
          while (j < args.length && args[j].text !== ')') j++;
          name = args[start];
          path = args.slice(start, j).map((x) => x.text).join('').replace(/^[<"]|[>"]$/g, '');
          if (j >= args.length) { this.err(t.span, "missing ')' after 'defined'", CDiag.PPCondition); return false; }
        } else if (t.text === 'defined') {
          name = args[j];
        }
        if (!name) { this.err(t.span, 'macro name missing', CDiag.PPCondition); return false; }
        let v = false;
        if (t.text === 'defined') v = this.macros.has(name.text);
        else if (t.text === '__has_builtin') v = BUILTINS.has(name.text);
        else if (t.text === '__has_attribute') v = ATTRIBUTES.has(name.text.replace(/^__|__$/g, ''));
        else if (t.text === '__has_include') v = this.resolve(path, true, at.span.file) !== undefined;
        pre.push({ ...t, kind: 'num', text: v ? '1' : '0' });
        i = j;
        continue;
      }
      pre.push(t);
    }
    const expanded = this.expandList(pre).map((t) =>
      t.kind === 'ident' ? { ...t, kind: 'num' as const, text: t.text === 'true' ? '1' : '0' } : t);
    const r = evalPPExpr(expanded, at.span);
    if ('error' in r) {
      this.err(r.span, r.error, CDiag.PPCondition);
      return false;
    }
    return r.value !== 0n;
  }

  /** Fully macro-expand an isolated list of tokens. */
  expandList(toks: Token[]): Token[] {
    const saved = this.frames;
    const savedConds = this.conds;
    this.frames = [{ toks: [...toks], i: 0 }];
    this.conds = [];
    const out: Token[] = [];
    for (;;) {
      const f = this.frames[this.frames.length - 1];
      if (!f) break;
      if (f.i >= f.toks.length) { this.frames.pop(); continue; }
      const t = f.toks[f.i++];
      if (this.budget <= 0) break;
      if (this.expand(t)) continue;
      out.push(t);
    }
    this.frames = saved;
    this.conds = savedConds;
    return out;
  }

  /** Peek the next raw token without consuming (macro argument scanning). */
  peekRaw(): Token | undefined {
    for (let k = this.frames.length - 1; k >= 0; k--) {
      const f = this.frames[k];
      if (f.i < f.toks.length) {
        const t = f.toks[f.i];
        if (f.file !== undefined && t.bol && t.text === '#') return undefined;
        return t;
      }
      if (f.file !== undefined) return undefined;
    }
    return undefined;
  }

  /** If `t` names a macro to expand here, push its expansion and return true. */
  expand(t: Token): boolean {
    if (t.kind !== 'ident') return false;
    const m = this.macros.get(t.text);
    if (!m || t.hide?.has(t.text)) return false;
    if (m.builtin) {
      this.push(m.builtin(t));
      return true;
    }
    if (!m.params) {
      this.budget -= 1 + m.body.length;
      const hide = new Set(t.hide ?? []);
      hide.add(m.name);
      this.push(m.body.map((b, k) => ({ ...b, span: t.span, bol: false, space: k === 0 ? t.space : b.space, hide })));
      return true;
    }
    // Function-like: only when followed by '('.
    const p = this.peekRaw();
    if (!p || p.text !== '(') return false;
    this.next();
    const args = this.collectArgs(t, m);
    if (!args) return true;
    this.budget -= 1 + m.body.length;
    // Prosser: HS(name) ∩ HS(')') ∪ {name} — a macro whose invocation ends outside the
    // expansion that produced its name may expand again (libbpf's ___bpf_apply chains need it).
    const closeHide = this.closeParen?.hide;
    const hide = new Set([...(t.hide ?? [])].filter((h) => closeHide?.has(h)));
    hide.add(m.name);
    const body = this.substitute(m, args, t);
    this.push(body.map((b) => ({ ...b, span: t.span, bol: false, hide: union(b.hide, hide) })));
    return true;
  }

  push(toks: Token[]): void {
    if (toks.length) this.frames.push({ toks, i: 0 });
  }

  /** The `)` that ended the last function-like macro invocation (for its hide set). */
  closeParen: Token | undefined;

  collectArgs(at: Token, m: Macro): Token[][] | undefined {
    const args: Token[][] = [[]];
    let depth = 0;
    for (;;) {
      const t = this.peekRaw() ? this.next() : undefined;
      if (!t) {
        this.err(at.span, `unterminated function-like macro invocation '${m.name}'`, CDiag.PPMacro);
        return undefined;
      }
      if (t.text === '(' && t.kind === 'punct') depth++;
      else if (t.text === ')' && t.kind === 'punct') {
        if (depth === 0) { this.closeParen = t; break; }
        depth--;
      } else if (t.text === ',' && t.kind === 'punct' && depth === 0 &&
        !(m.variadic && args.length > m.params!.length)) {
        args.push([]);
        continue;
      }
      args[args.length - 1].push(t);
    }
    const np = m.params!.length;
    if (np === 0 && !m.variadic && args.length === 1 && args[0].length === 0) return [];
    if (m.variadic && args.length === np) args.push([]);
    if (args.length !== np + (m.variadic ? 1 : 0)) {
      const few = args.length < np + (m.variadic ? 1 : 0);
      this.err(at.span, `too ${few ? 'few' : 'many'} arguments provided to function-like macro invocation`, CDiag.PPMacro);
      return undefined;
    }
    return args;
  }

  substitute(m: Macro, args: Token[][], at: Token): Token[] {
    const idx = (t: Token): number => {
      if (t.kind !== 'ident') return -1;
      if (t.text === '__VA_ARGS__' && m.variadic) return m.params!.length;
      return m.params!.indexOf(t.text);
    };
    const expandedCache = new Map<number, Token[]>();
    const expandedArg = (k: number): Token[] => {
      let e = expandedCache.get(k);
      if (!e) { e = this.expandList(args[k]); expandedCache.set(k, e); }
      return e;
    };
    const out: Token[] = [];
    const body = m.body;
    for (let i = 0; i < body.length; i++) {
      const t = body[i];
      if (t.text === '#' && t.kind === 'punct') {
        const k = body[i + 1] ? idx(body[i + 1]) : -1;
        if (k < 0) { out.push(t); continue; }
        out.push({ ...t, kind: 'str', text: stringize(args[k]), space: t.space });
        i++;
        continue;
      }
      if (t.kind === 'ident' && t.text === '__VA_OPT__' && m.variadic && body[i + 1]?.text === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < body.length; j++) {
          if (body[j].text === '(') depth++;
          else if (body[j].text === ')' && --depth === 0) break;
        }
        const inner = body.slice(i + 2, j);
        if (args[m.params!.length].length) {
          out.push(...this.substitute({ ...m, body: inner }, args, at));
        }
        i = j;
        continue;
      }
      // GNU: , ## __VA_ARGS__ drops the comma when the variadic part is empty.
      if (t.text === ',' && body[i + 1]?.text === '##' && body[i + 2] && idx(body[i + 2]) === m.params!.length && m.variadic) {
        const va = args[m.params!.length];
        if (va.length) out.push(t, ...va);
        i += 2;
        continue;
      }
      if (t.text === '##' && t.kind === 'punct') {
        const rhsTok = body[i + 1];
        i++;
        if (!rhsTok) break;
        const k = idx(rhsTok);
        const rhs = k >= 0 ? args[k] : [rhsTok];
        if (!rhs.length) continue;
        const lhs = out.pop();
        if (!lhs) { out.push(...rhs); continue; }
        const pasted = this.paste(lhs, rhs[0]);
        out.push(pasted, ...rhs.slice(1));
        continue;
      }
      const k = idx(t);
      if (k >= 0) {
        const raw = body[i + 1]?.text === '##';
        const rep = raw ? args[k] : expandedArg(k);
        if (raw && rep.length === 0) {
          // An empty left operand of ##: keep a placeholder so the right side pastes onto nothing.
          continue;
        }
        rep.forEach((r, n) => out.push(n === 0 ? { ...r, space: t.space } : r));
        continue;
      }
      out.push(t);
    }
    return out;
  }

  paste(a: Token, b: Token): Token {
    const text = a.text + b.text;
    const r = tokenize(a.span.file, text);
    if (r.value.length !== 2 || r.diagnostics.length) {
      this.err(a.span, `pasting formed '${text}', an invalid preprocessing token`, CDiag.PPMacro);
      return a;
    }
    return { ...a, kind: r.value[0].kind, text, hide: a.hide };
  }
}

function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): ReadonlySet<string> {
  if (!a || a.size === 0) return b;
  const s = new Set(a);
  for (const x of b) s.add(x);
  return s;
}

function stringize(toks: Token[]): string {
  let s = '';
  toks.forEach((t, k) => {
    if (k && t.space) s += ' ';
    s += t.kind === 'str' || t.kind === 'char' ? t.text.replace(/[\\"]/g, (c) => '\\' + c) : t.text;
  });
  return '"' + s + '"';
}

function eofTok(file: string): Token {
  return { kind: 'eof', text: '', span: { file, start: 0, end: 0 }, bol: true, space: false };
}

/** A rough `-E`-style rendering of tokens (for tests and debugging). */
export function tokensToText(toks: readonly Token[]): string {
  return toks.filter((t) => t.kind !== 'eof').map((t, k) => (k && (t.space || t.bol) ? ' ' : '') + t.text).join('')
    .replace(/\s+/g, ' ').trim();
}

export { parseNumber };
