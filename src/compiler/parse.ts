/**
 * The parser's top level: external declarations (functions, globals, typedefs, maps, helper
 * pointers) and statements (C11 §6.8, §6.9). Expressions are in parseExpr.ts, declarators and
 * initialisers in parseDecl.ts.
 *
 * Output is a `Unit`: global symbols (with initial bytes, section, helper id for
 * `static T (*name)(…) = (void *) N;`) and function symbols with typed bodies.
 * Error recovery: a syntax error skips to the next `;` or `}` at the same depth and goes on.
 * Does not: K&R function definitions, VLAs, nested functions.
 */
import type { Diagnostic, Span } from '../diag/diagnostic.ts';
import type { Node, Sym } from './ast.ts';
import { CDiag } from './diagCodes.ts';
import type { Token } from './lex.ts';
import { assign, constExpr, convert, expr, rvalue } from './parseExpr.ts';
import { attributes, declarator, declspec, initializer, isTypeStart, staticAssert, type DeclSpec } from './parseDecl.ts';
import { PState, ParseError, type Unit } from './pstate.ts';
import { T, isScalar, typeName, type FuncType, type Type } from './types.ts';

export type { Unit };

/** Parse a preprocessed token stream. Never throws. */
export function parse(toks: Token[]): { value: Unit; diagnostics: Diagnostic[] } {
  const p = new PState(toks);
  while (p.tok.kind !== 'eof' && !p.tooMany()) {
    const start = p.pos;
    try {
      externalDecl(p);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      recover(p, true);
    }
    if (p.pos === start) p.advance();
  }
  return { value: p.unit, diagnostics: p.diagnostics };
}

function recover(p: PState, top: boolean): void {
  let depth = 0;
  while (p.tok.kind !== 'eof') {
    if (p.is('{')) depth++;
    else if (p.is('}')) {
      if (depth === 0) { if (top) p.advance(); return; }
      depth--;
      if (depth === 0 && top) { p.advance(); p.consume(';'); return; }
    } else if (p.is(';') && depth === 0) { p.advance(); return; }
    p.advance();
  }
}

/** external-declaration = function-definition | declaration */
function externalDecl(p: PState): void {
  if (p.consume(';')) return;
  if (p.is('_Static_assert')) { staticAssert(p); return; }
  const spec = declspec(p);
  if (p.consume(';')) return; // struct/enum declaration
  for (let first = true; ; first = false) {
    if (!first) p.expect(',');
    const d = declarator(p, spec.type);
    attributes(p, d.attrs);
    const attrs = { ...spec.attrs, ...d.attrs };
    if (!d.name) p.fail(p.tok.span, 'declaration does not declare anything');
    const name = d.name!;
    if (spec.isTypedef) {
      const s = p.newSym('typedef', name.text, d.type, name.span);
      p.declare(s);
      if (p.consume(';')) return;
      continue;
    }
    if (d.type.kind === 'func') {
      const fs = funcSym(p, spec, d.type, name, attrs);
      if (first && p.is('{')) {
        functionDef(p, fs, d.params ?? []);
        return;
      }
      if (p.consume(';')) return;
      // clang's wording: at the end of the input a body is missing, elsewhere a ';'
      if (first && p.tok.kind === 'eof') p.fail(p.tok.span, 'expected function body after function declarator');
      if (!p.is(',')) p.expectSemi('after top level declarator');
      continue;
    }
    const gv = globalVar(p, spec, d.type, name, attrs.section);
    if (attrs.weak) gv.isWeak = true;
    if (p.consume(';')) return;
    if (!p.is(',')) p.expectSemi('after top level declarator');
  }
}

function funcSym(p: PState, spec: DeclSpec, ty: FuncType, name: { text: string; span: Span }, attrs: DeclSpec['attrs']): Sym {
  const prev = p.scopes[0].vars.get(name.text);
  if (prev && prev.kind !== 'func') p.error(name.span, `redefinition of '${name.text}' as different kind of symbol`, CDiag.Redefinition);
  const s = prev?.kind === 'func' ? prev : p.newSym('func', name.text, ty, name.span);
  s.type = ty;
  s.isStatic = s.isStatic || spec.isStatic;
  s.alwaysInline = s.alwaysInline || attrs.alwaysInline || spec.isInline;
  s.noinline = s.noinline || attrs.noinline;
  if (attrs.weak) s.isWeak = true;
  if (attrs.asmLabel !== undefined) s.asmLabel = attrs.asmLabel;
  if (attrs.section !== undefined) s.section = attrs.section;
  if (!prev) { p.scopes[0].vars.set(name.text, s); p.unit.funcs.push(s); }
  return s;
}

function functionDef(p: PState, fs: Sym, params: Sym[]): void {
  if (fs.body) p.error(p.tok.span, `redefinition of '${fs.name}'`, CDiag.Redefinition);
  fs.params = params;
  p.fn = fs;
  p.locals = [];
  p.labels = new Set();
  p.gotos = [];
  p.enter();
  for (const prm of params) {
    if (!prm.name) p.error(prm.span, 'parameter name omitted', CDiag.Syntax);
    else p.declare(prm);
  }
  try {
    fs.body = compoundStmt(p);
  } finally {
    p.leave();
    p.fn = undefined;
  }
  for (const g of p.gotos) if (!p.labels.has(g.label)) p.error(g.span, `use of undeclared label '${g.label}'`, CDiag.UndeclaredIdent);
  fs.hasLabels = p.labels.size > 0;
}

function globalVar(p: PState, spec: DeclSpec, ty0: Type, name: { text: string; span: Span }, section: string | undefined): Sym {
  let ty = ty0;
  const prev = p.scopes[0].vars.get(name.text);
  const s = prev && prev.kind === 'global' ? prev : p.newSym('global', name.text, ty, name.span);
  s.isStatic = spec.isStatic;
  s.isExtern = spec.isExtern && !p.is('=');
  s.isConst = spec.isConst || (ty.kind === 'array' && false);
  s.isVolatile = spec.isVolatile;
  if (section !== undefined) s.section = section;
  if (!p.is('=') && !s.isExtern && s.initBytes === undefined && s.mapInit === undefined) s.tentative = true;
  if (p.consume('=')) {
    s.tentative = false;
    const at = p.tok.span;
    if (section === '.maps' && ty.kind === 'struct' && p.is('{')) {
      s.mapInit = mapInitializer(p, ty);
    } else if (isScalar(ty) && ty.kind === 'ptr' && ty.to.kind === 'func') {
      // static long (*bpf_x)(…) = (void *) N;  — a helper by id.
      const e = convert(p, assign(p), ty, 'initializing');
      if (e.k !== 'num') p.error(at, 'initializer element is not a compile-time constant', CDiag.ConstExpr);
      else s.helperId = Number(e.val!);
    } else {
      const r = initializer(p, ty, undefined, 0, name.span);
      ty = r.type;
      if (r.img.stores.length || r.img.whole) p.error(r.img.stores[0]?.expr.span ?? at, 'initializer element is not a compile-time constant', CDiag.ConstExpr);
      s.initBytes = r.img.bytes;
    }
  }
  s.type = ty;
  if (ty.kind === 'struct' && !ty.complete && !s.isExtern) p.error(name.span, `variable has incomplete type '${typeName(ty)}'`, CDiag.TypeError);
  if (s.section === '.maps' || s.section === 'maps') s.isMap = true;
  if (!prev) { p.scopes[0].vars.set(name.text, s); p.unit.globals.push(s); }
  return s;
}

/**
 * map-initializer = "{" ("." "values" "=" "{" (("[" const-expr "]" "=")? slot ","?)* "}" ","?)? "}"
 * slot = ("(" type ")")* ("&")? identifier | 0
 * The initial values of a BTF map definition's `__array(values, …)` member: program or map
 * addresses by slot, as libbpf reads them from `.rel.maps` (a null slot stays empty). Whether the
 * map type takes them and the symbols are programs or maps is checked in codegen.
 */
function mapInitializer(p: PState, ty: Extract<Type, { kind: 'struct' }>): NonNullable<Sym['mapInit']> {
  const slots: NonNullable<Sym['mapInit']> = [];
  p.expect('{');
  while (!p.consume('}')) {
    if (!p.consume('.')) p.fail(p.tok.span, "a map definition's initializer can only set '.values' (libbpf reads the other members from BTF)", CDiag.TypeError);
    const nm = p.ident();
    if (nm.text !== 'values') {
      const member = ty.members.some((m) => m.name === nm.text);
      p.fail(nm.span, member ? `map member '${nm.text}' cannot be initialised: only '.values' of __array(values, …) holds initial values`
        : `field designator '${nm.text}' does not refer to any field in type '${typeName(ty)}'`, CDiag.TypeError);
    }
    const vm = ty.members.find((m) => m.name === 'values');
    if (!vm || vm.type.kind !== 'array' || vm.type.of.kind !== 'ptr') p.fail(nm.span, "the map has no '__array(values, …)' member to initialise", CDiag.TypeError);
    p.expect('=');
    p.expect('{');
    let idx = 0;
    while (!p.consume('}')) {
      if (p.consume('[')) {
        const at = p.tok.span;
        const v = constExpr(p);
        p.expect(']');
        p.expect('=');
        if (v < 0n || v > 0xffffffffn) p.error(at, `array index ${v} is out of range for a map slot`, CDiag.ConstExpr);
        idx = Number(v);
      }
      const e = assign(p);
      let n = e;
      while (n.k === 'cast' || n.k === 'addr') n = n.lhs!;
      if (n.k === 'var' && n.sym && (n.sym.kind === 'func' || n.sym.kind === 'global')) slots.push({ index: idx, sym: n.sym, span: e.span });
      else if (n.k !== 'num' || n.val !== 0n) p.error(e.span, "a map slot's initial value must be the address of a program or a map ('&name')", CDiag.ConstExpr);
      idx++;
      if (!p.consume(',')) { p.expect('}'); break; }
    }
    if (!p.consume(',')) { p.expect('}'); break; }
  }
  return slots;
}

/** compound-stmt = "{" (declaration | stmt)* "}" */
export function compoundStmt(p: PState): Node {
  const open = p.expect('{');
  const body: Node[] = [];
  p.enter();
  try {
    while (!p.is('}')) {
      if (p.tok.kind === 'eof') p.fail(p.tok.span, "expected '}'");
      if (p.tooMany()) { p.pos = p.toks.length - 1; break; }
      const start = p.pos;
      try {
        if (p.is('__attribute__') && stmtAttribute(p)) { body.push({ k: 'empty', span: p.toks[start].span }); continue; }
        if (isTypeStart(p) && p.peek().text !== ':') body.push(...localDecl(p));
        else if (p.is('_Static_assert')) staticAssert(p);
        else body.push(stmt(p));
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        recover(p, false);
        if (p.pos === start) p.advance();
      }
    }
    const close = p.expect('}');
    return { k: 'block', body, span: { ...open.span, end: close.span.end } };
  } finally {
    p.leave();
  }
}

/** declaration = declspec (declarator ("=" initializer)?) ("," …)* ";" */
function localDecl(p: PState): Node[] {
  const spec = declspec(p);
  const out: Node[] = [];
  if (p.consume(';')) return out;
  for (let first = true; !p.consume(';'); first = false) {
    if (!first && !p.consume(',')) p.expectSemi('at end of declaration');
    const d = declarator(p, spec.type);
    attributes(p, d.attrs);
    if (!d.name) p.fail(p.tok.span, 'declaration does not declare anything');
    const name = d.name!;
    if (spec.isTypedef) { p.declare(p.newSym('typedef', name.text, d.type, name.span)); continue; }
    if (d.type.kind === 'func') { p.declare(funcSym(p, spec, d.type, name, d.attrs)); continue; }
    if (spec.isStatic || spec.isExtern) {
      // A static local is a global with a function-qualified name (`f.x`, then `f.x.1`, … as clang
      // names a second one in another block), unless it is an extern declaration.
      let gname = `${p.fn?.name ?? ''}.${name.text}`;
      if (!spec.isExtern && p.scopes[0].vars.has(gname)) gname += `.${++p.staticCount}`;
      const g = globalVar(p, spec, d.type, { text: gname, span: name.span }, d.attrs.section ?? spec.attrs.section);
      g.tentative = false; // emitted with its function, as clang does, not at the end
      p.scopes[p.scopes.length - 1].vars.set(name.text, g); // visible by its own name in this block
      continue;
    }
    const prev = p.scopes[p.scopes.length - 1].vars.get(name.text);
    if (prev && prev.kind === 'local') p.error(name.span, `redefinition of '${name.text}'`, CDiag.Redefinition);
    const s = p.newSym('local', name.text, d.type, name.span);
    if (spec.isVolatile) s.isVolatile = true;
    // (too big for the stack: reported by code generation, as clang does, only if it is used)
    let node: Node = { k: 'decl', sym: s, span: name.span };
    if (spec.autoType) {
      // `__auto_type x = e;`: x has e's type (after array/function decay)
      if (!p.consume('=')) p.fail(name.span, `declaration of variable '${name.text}' with deduced type '__auto_type' requires an initializer`, CDiag.TypeError);
      const init = rvalue(p, assign(p));
      s.type = init.ty!;
      node.init = init;
    } else if (p.consume('=')) {
      const at = p.tok.span;
      if (isScalar(d.type) && !p.is('{')) {
        p.declare(s); // visible in its own initialiser, as in C
        node.init = convert(p, assign(p), d.type, 'initializing', name.span);
      } else {
        const r = initializer(p, d.type);
        s.type = r.type;
        node = { ...node, img: r.img };
        if (r.img.whole && r.img.whole.ty !== s.type) p.error(at, 'initializing with an expression of incompatible type', CDiag.TypeError);
      }
    }
    if (s.type.kind === 'array' && s.type.len === undefined) p.error(name.span, `definition of variable with array type needs an explicit size or an initializer`, CDiag.TypeError);
    if (s.type.kind === 'struct' && !s.type.complete) p.error(name.span, `variable has incomplete type '${typeName(s.type)}'`, CDiag.TypeError);
    if (s.type.kind === 'void') p.error(name.span, "variable has incomplete type 'void'", CDiag.TypeError);
    if (!isScalar(s.type)) s.addrTaken = true;
    p.declare(s);
    p.locals.push(s);
    node.span = p.from(name.span);
    out.push(node);
  }
  return out;
}

/**
 * stmt = "return" expr? ";" | "if" "(" expr ")" stmt ("else" stmt)? | "switch" "(" expr ")" stmt
 *      | "case" const-expr ":" stmt | "default" ":" stmt | "for" "(" … ")" stmt
 *      | "while" "(" expr ")" stmt | "do" stmt "while" "(" expr ")" ";" | "goto" ident ";"
 *      | "break" ";" | "continue" ";" | ident ":" stmt | "{" compound-stmt | expr? ";"
 */
function stmt(p: PState): Node {
  p.nest(p.tok.span);
  try {
    return stmtInner(p);
  } finally {
    p.depth--;
  }
}

function stmtInner(p: PState): Node {
  const t = p.tok;
  const kw = t.kind === 'ident' ? t.text : t.kind === 'punct' ? t.text : '';
  switch (kw) {
    case 'return': {
      p.advance();
      const fnTy = p.fn?.type as FuncType | undefined;
      const ret = fnTy?.ret ?? T.int;
      if (p.consume(';')) {
        if (ret.kind !== 'void') p.warn(t.span, `non-void function '${p.fn?.name}' should return a value`);
        return { k: 'return', span: t.span };
      }
      const e = expr(p);
      p.expectSemi('after return statement');
      if (ret.kind === 'void') {
        if (e.ty?.kind !== 'void') p.error(e.span, `void function '${p.fn?.name}' should not return a value`, CDiag.TypeError);
        return { k: 'return', lhs: e, span: p.from(t.span) };
      }
      return { k: 'return', lhs: convert(p, e, ret, 'returning'), span: p.from(t.span) };
    }
    case 'if': {
      p.advance();
      p.expect('(');
      const c = expr(p);
      p.expect(')');
      const then = stmt(p);
      const els = p.consume('else') ? stmt(p) : undefined;
      return { k: 'if', cond: condOf(p, c), then, els, span: { ...t.span, end: c.span.end + 1 } };
    }
    case 'switch': {
      p.advance();
      p.expect('(');
      const c = expr(p);
      p.expect(')');
      const sw: Node = { k: 'switch', cond: c, cases: [], span: p.from(t.span) };
      if (!c.ty || c.ty.kind !== 'int') p.error(c.span, `statement requires expression of integer type ('${typeName(c.ty ?? T.void)}' invalid)`, CDiag.TypeError);
      p.switches.push(sw);
      p.loopDepth++;
      try { sw.then = stmt(p); } finally { p.switches.pop(); p.loopDepth--; }
      return sw;
    }
    case 'case': case 'default': {
      p.advance();
      const sw = p.switches[p.switches.length - 1];
      let val: bigint | undefined;
      let hi: bigint | undefined;
      if (kw === 'case') val = constExpr(p);
      if (kw === 'case' && p.consume('...')) hi = constExpr(p); // GNU case range, as clang accepts
      p.expect(':');
      const node: Node = { k: 'case', val, span: p.from(t.span) };
      if (hi !== undefined) node.hi = hi;
      if (!sw) p.error(t.span, `'${kw}' statement not in switch statement`, CDiag.Syntax);
      else {
        if (sw.cases!.some((c) => c.val === val)) p.error(t.span, val === undefined ? 'multiple default labels in one switch' : `duplicate case value '${val}'`, CDiag.Syntax);
        sw.cases!.push(node);
      }
      node.then = p.is('}') ? { k: 'empty', span: t.span } : stmt(p);
      return node;
    }
    case 'for': {
      p.advance();
      p.expect('(');
      p.enter();
      try {
        let init: Node | undefined;
        if (isTypeStart(p)) init = { k: 'block', body: localDecl(p), span: t.span };
        else if (!p.consume(';')) { init = { k: 'exprstmt', lhs: expr(p), span: t.span }; p.expect(';'); }
        const c = p.is(';') ? undefined : expr(p);
        p.expect(';');
        const inc = p.is(')') ? undefined : expr(p);
        p.expect(')');
        p.loopDepth++;
        let body: Node;
        try { body = stmt(p); } finally { p.loopDepth--; }
        return { k: 'loop', init, cond: c && condOf(p, c), inc: inc && { k: 'exprstmt', lhs: inc, span: inc.span }, then: body, span: t.span };
      } finally { p.leave(); }
    }
    case 'while': {
      p.advance();
      p.expect('(');
      const c = expr(p);
      p.expect(')');
      p.loopDepth++;
      try { return { k: 'loop', cond: condOf(p, c), then: stmt(p), span: t.span }; } finally { p.loopDepth--; }
    }
    case 'do': {
      p.advance();
      p.loopDepth++;
      let body: Node;
      try { body = stmt(p); } finally { p.loopDepth--; }
      p.expect('while');
      p.expect('(');
      const c = expr(p);
      p.expect(')');
      p.expectSemi('after do/while statement');
      return { k: 'loop', cond: condOf(p, c), then: body, doWhile: true, span: t.span };
    }
    case 'break': case 'continue':
      p.advance();
      p.expectSemi(`after ${kw} statement`);
      if (p.loopDepth === 0 || (kw === 'continue' && false)) p.error(t.span, `'${kw}' statement not in loop${kw === 'break' ? ' or switch' : ''} statement`, CDiag.Syntax);
      return { k: kw, span: t.span };
    case 'goto': {
      p.advance();
      const l = p.ident();
      p.expectSemi('after goto statement');
      p.gotos.push({ label: l.text, span: l.span });
      return { k: 'goto', label: l.text, span: { ...t.span, end: l.span.end } };
    }
    case '{': return compoundStmt(p);
    case 'asm': case '__asm__': case '__asm':
      p.fail(t.span, 'inline assembly is not supported yet; write the code in C or use an assembly (.s) program', CDiag.Unsupported);
    case ';': p.advance(); return { k: 'empty', span: t.span };
    case '__attribute__':
      if (stmtAttribute(p)) return { k: 'empty', span: t.span };
      break;
  }
  if (t.kind === 'ident' && p.peek().text === ':' ) {
    p.advance();
    p.advance();
    if (p.labels.has(t.text)) p.error(t.span, `redefinition of label '${t.text}'`, CDiag.Redefinition);
    p.labels.add(t.text);
    const then = p.is('}') ? { k: 'empty' as const, span: t.span } : stmt(p);
    return { k: 'label', label: t.text, then, span: t.span };
  }
  const e = expr(p);
  p.expectSemi('after expression');
  return { k: 'exprstmt', lhs: e, span: e.span };
}

/**
 * A statement attribute, `__attribute__((fallthrough));`: consumed with its `;` (true). When the
 * attributes begin a declaration instead (`__attribute__((unused)) int x;`), nothing is consumed.
 */
function stmtAttribute(p: PState): boolean {
  const save = p.pos;
  attributes(p, {});
  if (p.consume(';')) return true;
  p.pos = save;
  return false;
}

function condOf(p: PState, c: Node): Node {
  const t = c.ty;
  if (t && !isScalar(t) && t.kind !== 'array') p.error(c.span, `statement requires expression of scalar type ('${typeName(t)}' invalid)`, CDiag.TypeError);
  return c;
}
