/**
 * Declarations: specifiers, declarators, struct/union/enum bodies, attributes, type names and
 * initialisers (C11 §6.7).
 *
 * Initialisers are flattened to a byte image of the constant parts plus a list of non-constant
 * scalar stores, which is what both global data (bytes) and local initialisation (stores) need.
 * Does not: K&R definitions, `_Alignas` on non-members, `_Atomic`, floating types (diagnosed).
 * Provenance: the declarator algorithm is chibicc's (nested declarators parsed twice).
 */
import type { Span } from '../diag/diagnostic.ts';
import type { InitImage, Node, Sym } from './ast.ts';
export type { InitImage };
import { CDiag } from './diagCodes.ts';
import { decodeEscapes } from './lex.ts';
import { assign, constExpr, convert } from './parseExpr.ts';
import { PState } from './pstate.ts';
import {
  T, alignOf, arrayOf, findMember, layoutStruct, ptrTo, sizeOf, typeName as tyName, wrap,
  type FuncType, type IntType, type StructType, type Type,
} from './types.ts';

export interface Attrs {
  section?: string;
  alwaysInline?: boolean;
  noinline?: boolean;
  packed?: boolean;
  aligned?: number;
  preserveAccessIndex?: boolean;
  /** `__weak`: an extern the loader may leave unresolved (0). */
  weak?: boolean;
  /** `asm("name")` after a declarator: the symbol's assembler name (`llvm.bpf.load.byte`). */
  asmLabel?: string;
}

export interface DeclSpec {
  type: Type;
  isTypedef?: boolean;
  isStatic?: boolean;
  isExtern?: boolean;
  isInline?: boolean;
  isConst?: boolean;
  isVolatile?: boolean;
  /** `__auto_type`: the variable takes its initialiser's type. */
  autoType?: boolean;
  attrs: Attrs;
}

const QUALIFIERS = new Set(['const', 'volatile', 'restrict', '__restrict', '__restrict__', '__volatile__',
  '__const', '__const__', 'register', 'auto', '_Noreturn', '__extension__', '__inline', '__inline__', '_Thread_local', '__thread']);
const TYPE_WORDS = new Set(['void', '_Bool', 'char', 'short', 'int', 'long', 'signed', 'unsigned', '__signed__',
  'struct', 'union', 'enum', 'typedef', 'static', 'extern', 'inline', 'float', 'double', 'typeof', '__typeof__',
  '__typeof', '__attribute__', '__attribute', '_Alignas', '__int128', '__builtin_va_list', '__auto_type', ...QUALIFIERS]);

/** Does the current token start a declaration specifier / type name? */
export function isTypeStart(p: PState, t = p.tok): boolean {
  if (t.kind !== 'ident') return false;
  return TYPE_WORDS.has(t.text) || p.isTypedef(t);
}

/** attribute-list: `__attribute__ (( attr (, attr)* ))`, repeated. */
export function attributes(p: PState, into: Attrs): void {
  while (p.is('asm') || p.is('__asm__') || p.is('__asm')) {
    // GNU asm label: `T f(args) asm("name");`
    p.advance();
    p.expect('(');
    let label = '';
    if (p.tok.kind !== 'str') p.fail(p.tok.span, 'expected string literal in \'asm\'', CDiag.Syntax);
    while (p.tok.kind === 'str') label += String.fromCharCode(...decodeEscapes(p.advance().text.replace(/^[a-zA-Z0-9]*"|"$/g, '')));
    p.expect(')');
    into.asmLabel = label;
  }
  while (p.is('__attribute__') || p.is('__attribute')) {
    p.advance();
    p.expect('(');
    p.expect('(');
    while (!p.is(')')) {
      if (p.tok.kind === 'eof') p.fail(p.tok.span, "expected ')'");
      if (p.consume(',')) continue;
      const name = p.advance().text.replace(/^__(.*)__$/, '$1');
      const args: Node[] = [];
      let strArg: string | undefined;
      if (p.consume('(')) {
        while (!p.is(')')) {
          if (p.tok.kind === 'str') {
            strArg = '';
            while (p.tok.kind === 'str') strArg += String.fromCharCode(...decodeEscapes(p.advance().text.replace(/^[a-zA-Z0-9]*"|"$/g, '')));
          } else if (name === 'aligned' || name === 'section') args.push(assign(p));
          else skipBalanced(p);
          if (!p.consume(',')) break;
        }
        p.expect(')');
      }
      if (name === 'section') into.section = strArg ?? '';
      else if (name === 'always_inline') into.alwaysInline = true;
      else if (name === 'noinline') into.noinline = true;
      else if (name === 'packed') into.packed = true;
      else if (name === 'preserve_access_index') into.preserveAccessIndex = true;
      else if (name === 'weak') into.weak = true;
      else if (name === 'aligned') {
        const v = args[0] && args[0].k === 'num' ? Number(args[0].val) : 8;
        into.aligned = Math.max(into.aligned ?? 1, v);
      }
    }
    p.expect(')');
    p.expect(')');
  }
}

function skipBalanced(p: PState): void {
  let depth = 0;
  while (p.tok.kind !== 'eof') {
    if (p.is('(')) depth++;
    else if (p.is(')')) { if (depth === 0) return; depth--; }
    else if (p.is(',') && depth === 0) return;
    p.advance();
  }
}

/**
 * declspec = (storage-class | type-qualifier | type-specifier | attribute)+
 */
export function declspec(p: PState, allowStorage = true): DeclSpec {
  const spec: DeclSpec = { type: T.int, attrs: {} };
  const start = p.tok.span;
  let count = { void: 0, bool: 0, char: 0, short: 0, int: 0, long: 0, signed: 0, unsigned: 0 };
  let other: Type | undefined;
  let any = false;
  for (;;) {
    const t = p.tok;
    if (t.kind !== 'ident') break;
    const w = t.text;
    if (w === '__attribute__' || w === '__attribute') { attributes(p, spec.attrs); continue; }
    if (w === 'typedef' || w === 'static' || w === 'extern' || w === 'inline') {
      if (!allowStorage) p.fail(t.span, `'${w}' is not allowed here`);
      p.advance();
      if (w === 'typedef') spec.isTypedef = true;
      else if (w === 'static') spec.isStatic = true;
      else if (w === 'extern') spec.isExtern = true;
      else spec.isInline = true;
      continue;
    }
    if (QUALIFIERS.has(w)) {
      p.advance();
      if (w.startsWith('const') || w.startsWith('__const')) spec.isConst = true;
      if (w.startsWith('volatile') || w === '__volatile__') spec.isVolatile = true;
      if (w === '__inline' || w === '__inline__') spec.isInline = true;
      continue;
    }
    if (w === '_Alignas') {
      p.advance();
      p.expect('(');
      if (isTypeStart(p)) spec.attrs.aligned = alignOf(typeName(p));
      else spec.attrs.aligned = Number(constExpr(p));
      p.expect(')');
      continue;
    }
    if (w === 'float' || w === 'double') p.fail(t.span, 'floating point is not supported by the BPF target', CDiag.Unsupported);
    if (w === '__auto_type') {
      if (other || any) p.fail(t.span, 'cannot combine with previous type specifier');
      p.advance();
      spec.autoType = true;
      other = T.long; // replaced by the initialiser's type (localDecl)
      any = true;
      continue;
    }
    if (w === 'struct' || w === 'union' || w === 'enum' || w === 'typeof' || w === '__typeof__' || w === '__typeof' ||
      w === '__builtin_va_list' || (p.isTypedef(t) && !any)) {
      if (other || any) p.fail(t.span, 'cannot combine with previous type specifier');
      p.advance();
      if (w === 'struct' || w === 'union') other = structDecl(p, w === 'union', spec.attrs);
      else if (w === 'enum') other = enumDecl(p);
      else if (w === '__builtin_va_list') other = ptrTo(T.char);
      else if (w.startsWith('typeof') || w.startsWith('__typeof')) {
        p.expect('(');
        if (isTypeStart(p)) other = typeName(p);
        else other = assign(p).ty ?? T.int;
        p.expect(')');
      } else {
        // Integer typedefs keep their name for messages (clang says '__u32'); same type otherwise.
        const td = p.lookup(w)!.type;
        other = td.kind === 'int' ? { ...td, name: w } : td;
      }
      any = true;
      continue;
    }
    if (w in count || w === '_Bool' || w === '__signed__' || w === '__int128') {
      if (other) p.fail(t.span, 'cannot combine with previous type specifier');
      p.advance();
      const key = w === '_Bool' ? 'bool' : w === '__signed__' ? 'signed' : w === '__int128' ? 'long' : w;
      count = { ...count, [key]: count[key as keyof typeof count] + (w === '__int128' ? 2 : 1) };
      any = true;
      continue;
    }
    break;
  }
  if (!any && !spec.isTypedef && !spec.isStatic && !spec.isExtern && !spec.isInline && !spec.isConst) {
    p.fail(p.tok.span, `unknown type name '${p.tok.text}'`);
  }
  if (other) spec.type = other;
  else {
    const c = count;
    if (c.void) spec.type = T.void;
    else if (c.bool) spec.type = T.bool;
    else if (c.char) spec.type = c.unsigned ? T.uchar : c.signed ? T.schar : T.char;
    else if (c.short) spec.type = c.unsigned ? T.ushort : T.short;
    else if (c.long) {
      if (c.long > 2) p.fail(start, "'long long long' is too long for the BPF target");
      spec.type = c.long === 2 ? (c.unsigned ? T.ullong : T.llong) : (c.unsigned ? T.ulong : T.long);
    } else spec.type = c.unsigned ? T.uint : T.int;
  }
  return spec;
}

/** struct-decl = ident? attrs? ("{" member* "}")? attrs? */
function structDecl(p: PState, union: boolean, outer: Attrs): StructType {
  const attrs: Attrs = {};
  attributes(p, attrs);
  let tag: string | undefined;
  const tagTok = p.tok;
  if (p.tok.kind === 'ident' && !p.is('__attribute__')) tag = p.advance().text;
  if (!p.is('{')) {
    if (!tag) p.fail(p.tok.span, `declaration of anonymous ${union ? 'union' : 'struct'} must be a definition`);
    const found = p.lookupTag(tag!);
    if (found && found.kind === 'struct') return found;
    const st: StructType = { kind: 'struct', union, tag, members: [], size: 0, align: 1, complete: false };
    p.scopes[0].tags.set(tag!, st); // forward declaration: visible everywhere (GNU C habit)
    return st;
  }
  p.advance();
  let st: StructType;
  const existing = tag ? p.scopes[p.scopes.length - 1].tags.get(tag) : undefined;
  if (existing && existing.kind === 'struct' && !existing.complete) st = existing;
  else if (existing && existing.kind === 'struct' && existing.complete) {
    p.error(tagTok.span, `redefinition of '${tag}'`, CDiag.Redefinition);
    st = { kind: 'struct', union, tag, members: [], size: 0, align: 1, complete: false };
  } else {
    const fwd = tag ? p.lookupTag(tag) : undefined;
    st = fwd && fwd.kind === 'struct' && !fwd.complete ? fwd : { kind: 'struct', union, tag, members: [], size: 0, align: 1, complete: false };
    if (tag) p.scopes[p.scopes.length - 1].tags.set(tag, st);
  }
  const decl: { name?: string; type: Type; bitWidth?: number; align?: number }[] = [];
  while (!p.consume('}')) {
    if (p.tok.kind === 'eof') p.fail(p.tok.span, "expected '}'");
    if (p.is('_Static_assert')) { staticAssert(p); continue; }
    if (p.consume(';')) continue;
    const spec = declspec(p, false);
    if (p.consume(';')) {
      if (spec.type.kind === 'struct') decl.push({ type: spec.type, align: spec.attrs.aligned });
      continue;
    }
    for (let first = true; !p.consume(';'); first = false) {
      if (!first && !p.consume(',')) p.expectSemi('at end of declaration list');
      let d: { type: Type; name?: string } = { type: spec.type };
      if (!p.is(':')) {
        const dd = declarator(p, spec.type);
        d = { type: dd.type, name: dd.name?.text };
      }
      const mattrs: Attrs = {};
      let bitWidth: number | undefined;
      if (p.consume(':')) bitWidth = Number(constExpr(p));
      attributes(p, mattrs);
      if (d.type.kind === 'array' && d.type.len === undefined) d.type = arrayOf(d.type.of, 0); // flexible array member
      if (d.type.kind === 'struct' && !d.type.complete) p.error(tagTok.span, `field has incomplete type '${tyName(d.type)}'`, CDiag.TypeError);
      decl.push({ name: d.name, type: d.type, bitWidth, align: mattrs.aligned ?? spec.attrs.aligned });
    }
  }
  attributes(p, attrs);
  layoutStruct(st, decl, !!(attrs.packed || outer.packed), attrs.aligned ?? 1);
  if (attrs.preserveAccessIndex || outer.preserveAccessIndex || p.coreActive()) st.core = true;
  return st;
}

/** enum-decl = ident? ("{" enumerator ("," enumerator)* ","? "}")? */
function enumDecl(p: PState): Type {
  const attrs: Attrs = {};
  attributes(p, attrs);
  let tag: string | undefined;
  if (p.tok.kind === 'ident') tag = p.advance().text;
  if (!p.consume('{')) {
    const known = tag ? p.lookupTag(tag) : undefined;
    if (known?.kind === 'enum' && known.type) return known.type;
    if (tag && !known) p.scopes[p.scopes.length - 1].tags.set(tag, { kind: 'enum' });
    return T.uint;
  }
  const values: { name: string; value: bigint }[] = [];
  let v = 0n;
  let neg = false;
  let big = false;
  while (!p.consume('}')) {
    const nameTok = p.ident();
    if (p.consume('=')) v = constExpr(p);
    const s = p.newSym('enumconst', nameTok.text, T.int, nameTok.span);
    s.value = v;
    values.push({ name: nameTok.text, value: v });
    if (v < 0n) neg = true;
    if (v > 0x7fffffffn || v < -0x80000000n) big = true;
    p.declare(s);
    v++;
    if (!p.consume(',')) { p.expect('}'); break; }
  }
  attributes(p, attrs);
  const type: IntType = { ...(big ? (neg ? T.long : T.ulong) : neg ? T.int : T.uint), enumOf: { tag: tag ?? '', values } };
  if (tag) p.scopes[p.scopes.length - 1].tags.set(tag, { kind: 'enum', type });
  return type;
}

export interface Declarator {
  type: Type;
  name?: { text: string; span: Span };
  /** Parameters of the outermost function declarator (for definitions). */
  params?: Sym[];
  attrs: Attrs;
}

/** declarator = pointers ("(" declarator ")" | ident)? type-suffix */
export function declarator(p: PState, base: Type, abstract = false): Declarator {
  if (++p.depth > 200) { p.depth--; p.fail(p.tok.span, 'declarator nested too deeply'); }
  try {
    let ty = base;
    const attrs: Attrs = {};
    attributes(p, attrs);
    while (p.consume('*')) {
      ty = ptrTo(ty);
      while (p.tok.kind === 'ident' && (QUALIFIERS.has(p.tok.text) || p.is('__attribute__'))) {
        if (p.is('__attribute__')) attributes(p, attrs);
        else p.advance();
      }
    }
    if (p.is('(') && nestedStarts(p, abstract)) {
      p.advance();
      const start = p.pos;
      declarator(p, T.int, abstract);
      p.expect(')');
      const suffix = typeSuffix(p, ty);
      const end = p.pos;
      p.pos = start;
      const inner = declarator(p, suffix.type, abstract);
      p.expect(')');
      p.pos = end;
      attributes(p, attrs);
      return { ...inner, attrs: { ...attrs, ...inner.attrs } };
    }
    let name: Declarator['name'];
    if (p.tok.kind === 'ident' && !p.is('__attribute__')) {
      if (abstract && isTypeStart(p)) { /* a parameter type: leave it */ } else {
        const t = p.advance();
        name = { text: t.text, span: t.span };
      }
    }
    const suffix = typeSuffix(p, ty);
    attributes(p, attrs);
    return { type: suffix.type, name, params: suffix.params, attrs };
  } finally {
    p.depth--;
  }
}

function nestedStarts(p: PState, abstract: boolean): boolean {
  const n = p.peek();
  if (n.text === '*' || n.text === '(' || n.text === '^' || n.text === '__attribute__') return true;
  if (n.kind === 'ident' && !abstract) return !isTypeStart(p, n);
  if (abstract && n.text === '[') return true;
  return false;
}

/** type-suffix = "(" params ")" type-suffix | "[" const-expr? "]" type-suffix | ε */
function typeSuffix(p: PState, ty: Type): { type: Type; params?: Sym[] } {
  if (p.consume('(')) {
    const params: Sym[] = [];
    const types: Type[] = [];
    let variadic = false;
    let oldStyle = false;
    if (p.is(')')) oldStyle = true;
    else if (p.is('void') && p.peek().text === ')') p.advance();
    else {
      for (;;) {
        if (p.consume('...')) { variadic = true; break; }
        const spec = declspec(p, false);
        const d = declarator(p, spec.type, true);
        let t = d.type;
        if (t.kind === 'array') t = ptrTo(t.of);
        else if (t.kind === 'func') t = ptrTo(t);
        types.push(t);
        const s = p.newSym('local', d.name?.text ?? '', t, d.name?.span ?? p.tok.span);
        params.push(s);
        if (!p.consume(',')) break;
      }
    }
    p.expect(')');
    const rest = typeSuffix(p, ty);
    const ft: FuncType = { kind: 'func', ret: rest.type, params: types, variadic, oldStyle };
    return { type: ft, params };
  }
  if (p.consume('[')) {
    while (p.tok.kind === 'ident' && (QUALIFIERS.has(p.tok.text) || p.is('static'))) p.advance();
    let len: number | undefined;
    if (!p.is(']')) {
      const at = p.tok.span;
      const v = constExpr(p);
      if (v < 0n) p.error(at, "'array' declared as an array with a negative size", CDiag.TypeError);
      len = Number(v < 0n ? 0n : v);
      if (len > 1 << 24) p.error(at, 'array is too large', CDiag.TypeError);
    }
    p.expect(']');
    const inner = typeSuffix(p, ty);
    return { type: arrayOf(inner.type, len) };
  }
  return { type: ty };
}

/** type-name = declspec abstract-declarator */
export function typeName(p: PState): Type {
  const spec = declspec(p, false);
  return declarator(p, spec.type, true).type;
}

/** _Static_assert "(" const-expr ("," string)? ")" ";" */
export function staticAssert(p: PState): void {
  p.advance();
  p.expect('(');
  const at = p.tok.span;
  const from = p.pos;
  const v = constExpr(p);
  const cond = p.textOf(from, p.pos);
  let msg = '';
  if (p.consume(',')) {
    while (p.tok.kind === 'str') msg += String.fromCharCode(...decodeEscapes(p.advance().text.slice(1, -1)));
  }
  p.expect(')');
  p.expect(';');
  if (v === 0n) p.error(at, `static assertion failed due to requirement '${cond}'${msg ? ': ' + msg : ''}`, CDiag.ConstExpr);
}


/**
 * initializer = assign | "{" (designation? initializer ("," designation? initializer)* ","?)? "}"
 * Fills `img` for an object of type `ty` at `base`. Array length may be completed (returned type).
 */
export function initializer(p: PState, ty: Type, img?: InitImage, base = 0, nameSpan?: Span): { type: Type; img: InitImage } {
  if (ty.kind === 'array' && ty.len === undefined) {
    // Determine the length first by parsing into a large scratch image.
    const save = p.pos;
    const len = arrayLength(p);
    p.pos = save;
    ty = arrayOf(ty.of, len);
  }
  const image = img ?? { bytes: new Uint8Array(sizeOf(ty)), stores: [] };
  initInto(p, ty, image, base, true, nameSpan);
  return { type: ty, img: image };
}

function arrayLength(p: PState): number {
  if (p.tok.kind === 'str') {
    let n = 0;
    while (p.tok.kind === 'str') n += decodeEscapes(p.advance().text.replace(/^[a-zA-Z0-9]*"|"$/g, '')).length;
    return n + 1;
  }
  if (!p.consume('{')) return 1;
  let idx = 0;
  let max = 0;
  while (!p.consume('}')) {
    if (p.consume('[')) { idx = Number(constExpr(p)); p.expect(']'); p.consume('='); }
    skipInit(p);
    idx++;
    max = Math.max(max, idx);
    if (!p.consume(',')) { p.expect('}'); break; }
  }
  return max;
}

function skipInit(p: PState): void {
  let depth = 0;
  while (p.tok.kind !== 'eof') {
    if (p.is('{') || p.is('(') || p.is('[')) depth++;
    else if (p.is('}') || p.is(')') || p.is(']')) { if (depth === 0) return; depth--; }
    else if (p.is(',') && depth === 0) return;
    p.advance();
  }
}

function initInto(p: PState, ty: Type, img: InitImage, base: number, top: boolean, nameSpan?: Span): void {
  if (ty.kind === 'array') {
    const elem = ty.of;
    const es = sizeOf(elem);
    if (elem.kind === 'int' && elem.size === 1 && (p.tok.kind === 'str' || (p.is('{') && p.peek().kind === 'str' && p.peek(2).text === '}'))) {
      const braced = p.consume('{');
      let bytes: number[] = [];
      while (p.tok.kind === 'str') bytes = bytes.concat(decodeEscapes(p.advance().text.replace(/^[a-zA-Z0-9]*"|"$/g, '')));
      if (braced) p.expect('}');
      const n = ty.len ?? bytes.length + 1;
      for (let i = 0; i < Math.min(n, bytes.length); i++) img.bytes[base + i] = bytes[i];
      return;
    }
    if (!p.consume('{')) {
      if (top) p.fail(p.tok.span, 'array initializer must be an initializer list');
      // brace elision: fill elements from the enclosing list
      for (let i = 0; i < (ty.len ?? 0); i++) {
        initInto(p, elem, img, base + i * es, false);
        if (i + 1 < (ty.len ?? 0)) { if (!p.is(',') || p.peek().text === '}') break; p.advance(); }
      }
      return;
    }
    let idx = 0;
    while (!p.consume('}')) {
      if (p.consume('[')) { idx = Number(constExpr(p)); p.expect(']'); p.expect('='); }
      if (ty.len !== undefined && idx >= ty.len) {
        p.warn(p.tok.span, 'excess elements in array initializer');
        skipInit(p);
      } else initInto(p, elem, img, base + idx * es, false);
      idx++;
      if (!p.consume(',')) { p.expect('}'); break; }
    }
    return;
  }
  if (ty.kind === 'struct') {
    if (!p.is('{')) {
      const e = assign(p);
      if (e.ty?.kind !== 'struct' || e.ty !== ty) p.error(e.span, `initializing '${tyName(ty)}' with an expression of incompatible type '${tyName(e.ty ?? T.int)}'`, CDiag.TypeError);
      if (top && base === 0) img.whole = e;
      else img.stores.push({ offset: base, type: ty, expr: e });
      return;
    }
    p.advance();
    let mi = 0;
    while (!p.consume('}')) {
      let m = ty.members[mi];
      if (p.is('.')) {
        p.advance();
        const nm = p.ident();
        const found = findMember(ty, nm.text);
        if (!found) p.fail(nm.span, `field designator '${nm.text}' does not refer to any field in type '${tyName(ty)}'`, CDiag.TypeError);
        m = found;
        mi = ty.members.findIndex((x) => x.name === nm.text);
        if (mi < 0) mi = ty.members.length;
        p.expect('=');
      }
      if (!m) { p.warn(p.tok.span, 'excess elements in struct initializer'); skipInit(p); }
      else if (m.bitWidth !== undefined) {
        const v = constExpr(p);
        const unit = sizeOf(m.type);
        let cur = 0n;
        for (let i = unit - 1; i >= 0; i--) cur = (cur << 8n) | BigInt(img.bytes[base + m.offset + i]);
        const mask = ((1n << BigInt(m.bitWidth)) - 1n) << BigInt(m.bitOffset!);
        cur = (cur & ~mask) | ((v << BigInt(m.bitOffset!)) & mask);
        for (let i = 0; i < unit; i++) img.bytes[base + m.offset + i] = Number((cur >> BigInt(8 * i)) & 0xffn);
      } else initInto(p, m.type, img, base + m.offset, false);
      mi++;
      if (ty.union && !p.is(',')) { /* only first member */ }
      if (!p.consume(',')) { p.expect('}'); break; }
    }
    return;
  }
  // scalar
  const braced = p.consume('{');
  const e0 = assign(p);
  if (braced) { p.consume(','); p.expect('}'); }
  const e = convert(p, e0, ty, 'initializing', top && !braced ? nameSpan : undefined);
  if (e.k === 'num') {
    const v = ty.kind === 'int' ? wrap(e.val!, ty) : BigInt.asUintN(64, e.val!);
    const n = sizeOf(ty);
    for (let i = 0; i < n; i++) img.bytes[base + i] = Number((BigInt.asUintN(64, v) >> BigInt(8 * i)) & 0xffn);
  } else img.stores.push({ offset: base, type: ty, expr: e });
}
