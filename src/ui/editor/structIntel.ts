/**
 * Member completion and hover for any struct, not only the context: after `ip->`, `e->`,
 * `eth.` or a chain (`task->real_parent->`, `ip->addrs.`), which struct is on the left and what
 * are its fields (name, C type, byte offset, size, bit-field position).
 *
 * How: the source is run through the compiler's own preprocessor and parser (src/compiler, with
 * the bundled headers: vmlinux.h, linux/ip.h, …), which recover from the syntax error the
 * half-typed `ip->` makes, and the declarations are read off the parsed unit — globals, the
 * parameters of the function the cursor is in and its locals declared before the cursor
 * (`struct iphdr *ip = data + sizeof(*eth);`). Layouts are the compiler's, so offsets are the ones
 * the generated code uses (System V / clang -target bpf rules, bit-fields and anonymous unions
 * included); the fields of anonymous members are listed at their offsets in the outer struct.
 * The last parse is cached by text (hover and completion ask about the same text).
 *
 * Does not: evaluate casts or calls on the left (`((struct iphdr *)p)->` is not resolved), follow
 * block scoping exactly (the last declaration of the name before the cursor in the function
 * wins), or look through macros like BPF_CORE_READ. Unresolved: null, and the caller falls back
 * to the context struct's fields.
 * Provenance: own code over our compiler.
 */
import { HEADERS } from '../../compiler/include/index.ts';
import type { Node, Sym } from '../../compiler/ast.ts';
import { parse } from '../../compiler/parse.ts';
import { preprocess } from '../../compiler/preprocess.ts';
import type { StructType, Type } from '../../compiler/types.ts';

export interface FieldInfo {
  name: string;
  /** C spelling of the type (typedefs resolved: `__be32` reads `unsigned int`). */
  type: string;
  offset: number;
  size: number;
  bitOffset?: number;
  bitWidth?: number;
}

export interface StructInfo {
  /** `struct iphdr`, `union …`, or `struct (anonymous)`. */
  name: string;
  size: number;
  fields: FieldInfo[];
}

/** A member access being typed: `base (op name)* op partial`. */
export interface Access {
  base: string;
  path: { op: '->' | '.'; name: string }[];
  op: '->' | '.';
  partial: string;
  /** Offsets of `partial` (what a completion replaces). */
  from: number;
  to: number;
}

/** C spelling of a type, as a declaration would write it without the name. */
export function typeName(t: Type): string {
  switch (t.kind) {
    case 'void': return 'void';
    case 'int': return t.name;
    case 'ptr': return t.to.kind === 'func' ? `${typeName(t.to.ret)} (*)()` : `${typeName(t.to)} *`;
    case 'array': return `${typeName(t.of)}[${t.len ?? ''}]`;
    case 'struct': return `${t.union ? 'union' : 'struct'} ${t.tag ?? '(anonymous)'}`;
    case 'func': return `${typeName(t.ret)} ()`;
  }
}

function sizeOf(t: Type): number {
  switch (t.kind) {
    case 'int': return t.size;
    case 'ptr': return 8;
    case 'array': return (t.len ?? 0) * sizeOf(t.of);
    case 'struct': return t.size;
    default: return 0;
  }
}

/** The fields of a struct, anonymous members flattened into it at their outer offsets. */
export function structInfo(st: StructType): StructInfo {
  const fields: FieldInfo[] = [];
  const walk = (s: StructType, base: number) => {
    for (const m of s.members) {
      if (!m.name) {
        if (m.type.kind === 'struct') walk(m.type, base + m.offset);
        continue;
      }
      const f: FieldInfo = { name: m.name, type: typeName(m.type), offset: base + m.offset, size: sizeOf(m.type) };
      if (m.bitWidth !== undefined) { f.bitOffset = m.bitOffset ?? 0; f.bitWidth = m.bitWidth; }
      fields.push(f);
    }
  };
  walk(st, 0);
  return { name: `${st.union ? 'union' : 'struct'} ${st.tag ?? '(anonymous)'}`, size: st.size, fields };
}

/** The member type of `name` in `st`, looking through anonymous members. */
function memberType(st: StructType, name: string): Type | undefined {
  for (const m of st.members) {
    if (m.name === name) return m.type;
    if (!m.name && m.type.kind === 'struct') {
      const t = memberType(m.type, name);
      if (t) return t;
    }
  }
  return undefined;
}

const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);

/**
 * The member access ending at `offset` (the cursor after `ip->` or inside `ip->sa|ddr`), or
 * null. Index expressions are skipped (`ips[i].` is `ips` then `.`).
 */
export function accessAt(text: string, offset: number): Access | null {
  let from = offset;
  while (from > 0 && isWord(text[from - 1])) from--;
  let to = offset;
  while (to < text.length && isWord(text[to])) to++;
  const partial = text.slice(from, offset);
  const chain: { op: '->' | '.'; name: string }[] = [];
  let i = from;
  const skipSpace = () => { while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--; };
  for (let guard = 0; guard < 32; guard++) {
    skipSpace();
    let op: '->' | '.';
    if (text.slice(i - 2, i) === '->') op = '->';
    else if (text[i - 1] === '.' && text[i - 2] !== '.') op = '.';
    else break;
    i -= op.length;
    skipSpace();
    // an index expression: skip [ … ] (balanced, on this line)
    while (text[i - 1] === ']') {
      let depth = 0;
      let j = i - 1;
      for (; j >= 0; j--) {
        if (text[j] === ']') depth++;
        else if (text[j] === '[') { if (--depth === 0) break; }
        else if (text[j] === '\n') return null;
      }
      if (j < 0) return null;
      i = j;
      skipSpace();
    }
    let s = i;
    while (s > 0 && isWord(text[s - 1])) s--;
    const name = text.slice(s, i);
    if (!name || /^\d/.test(name)) return null;
    chain.unshift({ op, name });
    i = s;
  }
  if (!chain.length) return null;
  const [first, ...rest] = chain;
  // chain = [{op of base, base}, {op, name1}, …]: shift the ops left so each path step has the op before its name
  const path: Access['path'] = [];
  let op = first.op;
  for (const c of rest) { path.push({ op, name: c.name }); op = c.op; }
  return { base: first.name, path, op, partial, from, to };
}

interface Decl { name: string; type: Type; at: number }
interface Parsed { globals: Map<string, Type>; funcs: { start: number; end: number; params: Decl[]; locals: Decl[] }[] }

let cache: { key: string; value: Parsed } | null = null;

function collectDecls(body: Node, file: string, out: Decl[]): void {
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.k === 'decl' && n.sym && n.sym.span.file === file) out.push({ name: n.sym.name, type: n.sym.type, at: n.sym.span.start });
    for (const c of [n.lhs, n.rhs, n.cond, n.then, n.els, n.init, n.inc]) if (c) stack.push(c);
    for (const c of n.body ?? []) stack.push(c);
    for (const c of n.args ?? []) stack.push(c);
  }
}

/** Parse `text` (errors tolerated) and index its declarations. */
function parsed(text: string, file: string): Parsed {
  const key = `${file}\0${text}`;
  if (cache?.key === key) return cache.value;
  const value: Parsed = { globals: new Map(), funcs: [] };
  try {
    const pp = preprocess({ [file]: text }, file, { headers: HEADERS });
    const unit = parse(pp.value).value;
    for (const g of unit.globals) value.globals.set(g.name, g.type);
    for (const f of unit.funcs) {
      if (!f.body || f.span.file !== file || f.body.span.file !== file) continue;
      const locals: Decl[] = [];
      collectDecls(f.body, file, locals);
      value.funcs.push({
        start: f.span.start, end: f.body.span.end,
        params: (f.params ?? []).map((p: Sym) => ({ name: p.name, type: p.type, at: p.span.start })),
        locals: locals.sort((a, b) => a.at - b.at),
      });
    }
  } catch {
    // an internal error of the front end: nothing resolved (completion falls back)
  }
  cache = { key, value };
  return value;
}

/** The type `name` has at `offset`: a local declared before it, a parameter, or a global. */
function typeOfName(p: Parsed, name: string, offset: number): Type | undefined {
  const fn = p.funcs.find((f) => offset >= f.start && offset <= f.end);
  if (fn) {
    let hit: Decl | undefined;
    for (const d of fn.locals) if (d.name === name && d.at < offset) hit = d;
    if (hit) return hit.type;
    const prm = fn.params.find((d) => d.name === name);
    if (prm) return prm.type;
  }
  return p.globals.get(name);
}

/** The struct a member access at `offset` is into, or null when it cannot be resolved. */
export function resolveAccess(text: string, offset: number, file = 'prog.c'): { access: Access; st: StructType; info: StructInfo } | null {
  const access = accessAt(text, offset);
  if (!access) return null;
  const p = parsed(text, file);
  let t = typeOfName(p, access.base, access.from);
  const deref = (ty: Type | undefined, op: '->' | '.'): StructType | undefined => {
    if (!ty) return undefined;
    if (op === '->') ty = ty.kind === 'ptr' ? ty.to : ty.kind === 'array' ? ty.of : undefined;
    else if (ty.kind === 'array') ty = ty.of; // `ips[i].`: the index was skipped
    return ty?.kind === 'struct' && ty.complete ? ty : undefined;
  };
  for (const step of access.path) {
    const st = deref(t, step.op);
    if (!st) return null;
    t = memberType(st, step.name);
  }
  const st = deref(t, access.op);
  return st ? { access, st, info: structInfo(st) } : null;
}

/** One line describing where a field lives: `offset 12, size 4` or `offset 0, bits 0–3`. */
export function fieldPlace(f: FieldInfo): string {
  if (f.bitWidth !== undefined) {
    const lo = (f.bitOffset ?? 0);
    return `offset ${f.offset}, bits ${lo}–${lo + f.bitWidth - 1} (${f.bitWidth}-bit field)`;
  }
  return `offset ${f.offset}, size ${f.size}`;
}
