/**
 * Editor intelligence, the pure part: what completion offers and what hover says at a position
 * of a C or assembly source, built from the kernel tables (src/kernel: the 211 helper records
 * with their C prototypes, docs and per-program-type availability; context layouts and access
 * rules per program type; map types; libbpf section names; return codes).
 *
 * Does: decide the program type a source is for (C: its first `SEC("…")` that names a program;
 * assembly: the chosen type), and answer, at an offset, a list of completion items with the
 * range they replace, or a hover text in Markdown with the range it is about.
 * Does not: touch Monaco (MonacoEditorCore registers providers that call these), parse C
 * (simple text patterns on the current line: `SEC("`, `->field`, `bpf_…`, `BPF_MAP_TYPE_…`,
 * `call …`). Member access (`ip->`, `eth.`, `task->real_parent->`) is resolved by
 * structIntel.ts, which runs the compiler's front end to learn the variable's struct: its fields
 * with their types and offsets; the context struct keeps the richer context-field answer
 * (access rules per program type). When the left side cannot be resolved, `->` falls back to
 * the context struct's fields (and its hover says "the context field" explicitly).
 *
 * Provenance: all facts come from src/kernel's tables (UAPI and the running 6.18 kernel's
 * answers); the wording of the texts is ours.
 */
import { helperId } from '../../kernel/helpers/names.ts';
import { HELPER_PROTOS, helperProto, helperProtoByName, type HelperProto } from '../../kernel/helpers/protos.ts';
import { BPF_MAP_TYPE_NAMES, mapTypeDoc, mapTypeId } from '../../kernel/maps/types.ts';
import { CTX_RULES } from '../../kernel/progtypes/access.ts';
import type { ProgTypeName } from '../../kernel/progtypes/ids.ts';
import { PROG_TYPE_INFO, progTypeForCli, progTypeForSection } from '../../kernel/progtypes/progTypes.ts';
import { fieldPlace, resolveAccess, type FieldInfo, type StructInfo } from './structIntel.ts';

export type IntelLanguage = 'c' | 'asm';
export type IntelKind = 'function' | 'field' | 'section' | 'enum' | 'constant';

export interface IntelItem {
  label: string;
  kind: IntelKind;
  /** One line shown beside the label (a prototype, a type). */
  detail: string;
  /** Markdown shown in the details pane. */
  doc: string;
  insertText: string;
  /** Sorting key: items usable in this program come first. */
  sortText: string;
}

export interface Completion {
  items: IntelItem[];
  /** Offsets [from, to) of the text the chosen item replaces. */
  from: number;
  to: number;
}

export interface Hover {
  markdown: string;
  from: number;
  to: number;
}

export interface IntelContext {
  language: IntelLanguage;
  /** Assembly: the program type chosen (CLI name: xdp, tc, socket, …; null = xdp). */
  progType: string | null;
}

/** Section names a program's `SEC()` may carry (libbpf's), in table order, without duplicates. */
export const SECTION_NAMES: readonly string[] = [
  ...new Set(Object.values(PROG_TYPE_INFO).flatMap((t) => t.secDefs.map((d) => d.sec))),
];

/** The program type a source is for: C from its first program `SEC()`, assembly from the choice. */
export function programTypeOf(text: string, ctx: IntelContext): ProgTypeName {
  if (ctx.language === 'c') {
    const re = /\bSEC\(\s*"([^"\n]*)"\s*\)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const hit = progTypeForSection(m[1]);
      if (hit) return hit.type;
    }
    return 'xdp';
  }
  return progTypeForCli(ctx.progType ?? 'xdp')?.type ?? 'xdp';
}

const md = (s: string) => s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
const code = (lang: string, s: string) => `\`\`\`${lang}\n${s}\n\`\`\``;

/** The Markdown a helper's hover and completion details show. */
export function helperDoc(p: HelperProto, type: ProgTypeName): string {
  const may = p.progTypes.includes(type);
  const types = p.progTypes.length === Object.keys(PROG_TYPE_INFO).length ? 'every program type' : p.progTypes.join(', ') || 'none of the modelled program types';
  const lines = [
    code('c', `${p.cProto};`),
    md(p.doc),
    `**Helper ${p.id}** · callable from: ${md(types)}`,
    may ? `✓ a ${md(type)} program may call it` : `✗ a ${md(type)} program may **not** call it (the verifier: "program of this type cannot use helper ${md(p.name)}#${p.id}")`,
  ];
  const notes: string[] = [];
  if (p.gplOnly) notes.push('GPL-only');
  if (p.acquires) notes.push('returns a reference you must release');
  if (p.changesPktData) notes.push('invalidates packet pointers (re-check bounds after the call)');
  if (p.mightSleep) notes.push('sleepable programs only');
  if (notes.length) lines.push(`Note: ${notes.join('; ')}.`);
  return lines.join('\n\n');
}

function helperItems(type: ProgTypeName, lang: IntelLanguage): IntelItem[] {
  return HELPER_PROTOS.map((p) => {
    const may = p.progTypes.includes(type);
    return {
      label: p.name,
      kind: 'function' as const,
      detail: may ? p.cProto : `not callable from ${type} · ${p.cProto}`,
      doc: helperDoc(p, type),
      insertText: lang === 'c' ? `${p.name}(` : p.name,
      sortText: `${may ? '0' : '1'}${p.name}`,
    };
  });
}

/** The context struct of a program type, or undefined (tracepoint, raw_tracepoint, tracing…). */
function ctxStruct(type: ProgTypeName) {
  return CTX_RULES[type]?.struct;
}

/** Markdown for context field `name` of program type `type`; undefined when the struct has no such field. */
export function ctxFieldDoc(type: ProgTypeName, name: string): string | undefined {
  const rules = CTX_RULES[type];
  const st = rules?.struct;
  const f = st?.fields.find((x) => x.name === name || x.uapiName === name);
  if (!rules || !st || !f) return undefined;
  const rule = rules.fields[f.name];
  const arr = f.count > 1 ? `[${f.count}]` : '';
  const head = code('c', `${f.ctype} ${f.uapiName ?? f.name}${arr};  /* struct ${st.name}, offset ${f.off}, size ${f.size * f.count} */`);
  let access: string;
  if (!rule || rule.read.length === 0) access = `✗ a ${md(type)} program may not read it ("invalid bpf_context access off=${f.off} size=${f.size}")`;
  else {
    const sizes = (xs: readonly number[]) => xs.map((n) => `${n}`).join('/');
    access = `read with ${sizes(rule.read)}-byte loads`;
    access += rule.write.length ? `, written with ${sizes(rule.write)}-byte stores` : ', read-only';
    if (rule.produces !== 'SCALAR_VALUE') access += ` · a load gives a **${rule.produces}**`;
    if (rule.attachType) access += ` · only when attached as ${rule.attachType}`;
    access = `${md(type)}: ${access}`;
  }
  const lines = [head, `The context field \`${f.name}\` of \`struct ${st.name}\` (${st.size} bytes).`, access];
  if (rule?.produces === 'PTR_TO_PACKET') lines.push('Compare `data + N` with `data_end` before reading N bytes: the verifier refuses unchecked packet reads.');
  return lines.join('\n\n');
}

/**
 * Markdown for an access of `size` bytes at `off` from register `reg`, read as a context access
 * (r1 holds the context when a program starts; the verifier decides from the register's type).
 */
export function ctxOffsetDoc(type: ProgTypeName, reg: string, off: number, size: number): string | undefined {
  const st = ctxStruct(type);
  if (!st || off < 0) return undefined;
  const f = st.fields.find((x) => off >= x.off && off < x.off + x.size * x.count);
  if (!f) return `If ${reg} is the context: offset ${off} is past the end of \`struct ${st.name}\` (${st.size} bytes) — the verifier refuses it ("invalid bpf_context access off=${off} size=${size}").`;
  const inner = off - f.off;
  const elem = f.count > 1 ? `[${Math.floor(inner / f.size)}]` : '';
  const part = f.count > 1 ? (inner % f.size ? ` + ${inner % f.size}` : '') : inner ? ` + ${inner}` : '';
  const head = `If ${reg} is the context (r1 is, when the program starts): \`${f.uapiName ?? f.name}${elem}${part}\`, a ${size}-byte access.`;
  return `${head}\n\n${ctxFieldDoc(type, f.name) ?? ''}`;
}

function fieldItems(type: ProgTypeName): IntelItem[] {
  const st = ctxStruct(type);
  if (!st) return [];
  return st.fields.map((f) => {
    const readable = (CTX_RULES[type].fields[f.name]?.read.length ?? 0) > 0;
    const name = f.uapiName ?? f.name;
    return {
      label: name,
      kind: 'field' as const,
      detail: `${f.ctype}${f.count > 1 ? `[${f.count}]` : ''} · off ${f.off}${readable ? '' : ` · not readable in ${type}`}`,
      doc: ctxFieldDoc(type, f.name) ?? '',
      insertText: name,
      sortText: `${readable ? '0' : '1'}${String(f.off).padStart(4, '0')}`,
    };
  });
}

/** Markdown for field `f` of a struct resolved from the source and the bundled headers. */
export function structFieldDoc(st: StructInfo, f: FieldInfo): string {
  const arr = /\[(\d*)\]$/.exec(f.type);
  const decl = arr ? `${f.type.slice(0, arr.index)} ${f.name}[${arr[1]}]` : `${f.type}${f.type.endsWith('*') ? '' : ' '}${f.name}${f.bitWidth !== undefined ? ` : ${f.bitWidth}` : ''}`;
  return `${code('c', `${decl};  /* ${st.name}, ${fieldPlace(f)} */`)}\n\nA field of \`${md(st.name)}\` (${st.size} bytes).`;
}

function structItems(st: StructInfo): IntelItem[] {
  return st.fields.map((f) => ({
    label: f.name,
    kind: 'field' as const,
    detail: `${f.type}${f.bitWidth !== undefined ? ` : ${f.bitWidth}` : ''} · off ${f.offset}`,
    doc: structFieldDoc(st, f),
    insertText: f.name,
    sortText: `0${String(f.offset).padStart(5, '0')}${String(f.bitOffset ?? 0).padStart(2, '0')}`,
  }));
}

function sectionDoc(sec: string): string {
  const hit = progTypeForSection(sec);
  const probe = sec.endsWith('/') ? `${sec}target` : sec;
  const m = hit ?? progTypeForSection(probe);
  if (!m) return `libbpf does not know the section \`${sec}\` for the program types modelled here.`;
  const info = PROG_TYPE_INFO[m.type];
  const parts = [`\`SEC("${sec}")\` → **${md(info.kernelName)}**`];
  if (m.def.attachType) parts.push(`expected attach type ${m.def.attachType}`);
  if (sec.endsWith('/')) parts.push('followed by the attach target');
  return `${parts.join(' · ')}\n\n${md(info.returnMeaning)}`;
}

function sectionItems(): IntelItem[] {
  return SECTION_NAMES.map((sec, i) => ({
    label: sec,
    kind: 'section' as const,
    detail: PROG_TYPE_INFO[(progTypeForSection(sec) ?? progTypeForSection(`${sec}x`))?.type ?? 'xdp'].kernelName,
    doc: sectionDoc(sec),
    insertText: sec,
    sortText: String(i).padStart(3, '0'),
  }));
}

function mapTypeItems(): IntelItem[] {
  return BPF_MAP_TYPE_NAMES.filter((n) => n !== 'unspec').map((n) => {
    const id = mapTypeId(n)!;
    const name = `BPF_MAP_TYPE_${n.toUpperCase()}`;
    return { label: name, kind: 'enum' as const, detail: `map type ${id}`, doc: md(mapTypeDoc(id) ?? ''), insertText: name, sortText: String(id).padStart(3, '0') };
  });
}

function returnCodeItems(type: ProgTypeName): IntelItem[] {
  return PROG_TYPE_INFO[type].returnCodes
    .filter((c) => /^[A-Z]/.test(c.name))
    .map((c) => ({ label: c.name, kind: 'constant' as const, detail: `= ${c.value}`, doc: md(c.meaning), insertText: c.name, sortText: String(c.value + 10).padStart(3, '0') }));
}

function returnCodeDoc(name: string): string | undefined {
  for (const info of Object.values(PROG_TYPE_INFO)) {
    const c = info.returnCodes.find((r) => r.name === name);
    if (c) return `${code('c', `${c.name} = ${c.value}`)}\n\n${md(c.meaning)} (${info.kernelName} return value)`;
  }
  return undefined;
}

function lineBefore(text: string, offset: number): string {
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
}

/** Completion items at `offset` (null when nothing applies there). */
export function completionsAt(text: string, offset: number, ctx: IntelContext): Completion | null {
  const before = lineBefore(text, offset);
  const type = programTypeOf(text, ctx);
  const wordEnd = (from: number) => {
    let to = offset;
    while (to < text.length && /\w/.test(text[to])) to++;
    return { from, to };
  };
  if (ctx.language === 'asm') {
    if (/^\s*[#;]/.test(before)) return null;
    const m = /\bcall\s+(\w*)$/.exec(before);
    if (m) return { items: helperItems(type, 'asm'), ...wordEnd(offset - m[1].length) };
    return null;
  }
  if (/^\s*(\/\/|\*|\/\*)/.test(before)) return null;
  let m = /\bSEC\(\s*"([^"]*)$/.exec(before);
  if (m) {
    let to = offset;
    while (to < text.length && text[to] !== '"' && text[to] !== '\n') to++;
    return { items: sectionItems(), from: offset - m[1].length, to };
  }
  m = /(->|\b\w+\s*(?:\[[^\]\n]*\]\s*)?\.)\s*(\w*)$/.exec(before);
  if (m) {
    // the variable's struct, from the declarations (the context struct keeps its richer items)
    const r = resolveAccess(text, offset);
    if (r && r.st.tag !== ctxStruct(type)?.name) return { items: structItems(r.info), ...wordEnd(offset - m[2].length) };
    if (m[1] !== '->' && !r) return null;
    const items = fieldItems(type);
    return items.length ? { items, ...wordEnd(offset - m[2].length) } : null;
  }
  m = /\b(BPF_MAP_TYPE_\w*|BPF_MAP_TY?P?E?)$/.exec(before);
  if (m) return { items: mapTypeItems(), ...wordEnd(offset - m[1].length) };
  m = /\b(bpf_\w*)$/.exec(before);
  if (m) return { items: helperItems(type, 'c'), ...wordEnd(offset - m[1].length) };
  m = /\b((?:XDP|TC_ACT|SK)_\w*)$/.exec(before);
  if (m) {
    const items = returnCodeItems(type);
    return items.length ? { items, ...wordEnd(offset - m[1].length) } : null;
  }
  return null;
}

/** The identifier around `offset`: [from, to) and its text, or null. */
function wordAt(text: string, offset: number): { from: number; to: number; word: string } | null {
  let from = offset;
  let to = offset;
  while (from > 0 && /\w/.test(text[from - 1])) from--;
  while (to < text.length && /\w/.test(text[to])) to++;
  return from === to ? null : { from, to, word: text.slice(from, to) };
}

/** Hover text at `offset` (null when there is nothing to say). */
export function hoverAt(text: string, offset: number, ctx: IntelContext): Hover | null {
  const type = programTypeOf(text, ctx);
  // A section name inside SEC("…").
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd);
  for (const m of line.matchAll(/\bSEC\(\s*"([^"\n]*)"/g)) {
    const from = lineStart + m.index + m[0].length - 1 - m[1].length;
    const to = from + m[1].length;
    if (offset >= from && offset <= to && !m[1].startsWith('.') && m[1] !== 'license') return { markdown: sectionDoc(m[1]), from, to };
  }
  // assembly: a load/store `*(u32 *)(r1 + 4)` — which context field that offset is, if the base is the context
  if (ctx.language === 'asm') {
    for (const m of line.matchAll(/\*\(\s*u(8|16|32|64)\s*\*\)\s*\(\s*(r\d+)\s*([+-])\s*(0x[0-9a-f]+|\d+)\s*\)/gi)) {
      const from = lineStart + m.index;
      const to = from + m[0].length;
      if (offset < from || offset > to) continue;
      const off = (m[3] === '-' ? -1 : 1) * Number(m[4]);
      const doc = ctxOffsetDoc(type, m[2], off, Number(m[1]) / 8);
      if (doc) return { markdown: doc, from, to };
    }
  }
  const w = wordAt(text, offset);
  if (!w) return null;
  const hv = (markdown: string): Hover => ({ markdown, from: w.from, to: w.to });
  // `call 1` / `call bpf_map_lookup_elem` in assembly.
  if (ctx.language === 'asm' && /\bcall\s+$/.test(text.slice(lineStart, w.from))) {
    const p = /^\d+$/.test(w.word) ? helperProto(Number(w.word)) : helperProtoByName(w.word);
    if (p) return hv(helperDoc(p, type));
  }
  if (w.word.startsWith('bpf_') && helperId(w.word) !== undefined) {
    const p = helperProtoByName(w.word);
    if (p) return hv(helperDoc(p, type));
  }
  if (ctx.language === 'c' && /(->|\w\s*(\[[^\]\n]*\]\s*)?\.)\s*$/.test(text.slice(lineStart, w.from))) {
    const r = resolveAccess(text, w.from);
    const f = r && r.st.tag !== ctxStruct(type)?.name ? r.info.fields.find((x) => x.name === w.word) : undefined;
    if (r && f) return hv(structFieldDoc(r.info, f));
    const doc = r && !f && r.st.tag !== ctxStruct(type)?.name ? undefined : ctxFieldDoc(type, w.word);
    if (doc) return hv(doc);
  }
  const mt = /^BPF_MAP_TYPE_(\w+)$/.exec(w.word);
  if (mt) {
    const id = mapTypeId(mt[1].toLowerCase());
    if (id !== undefined) return hv(`${code('c', `${w.word} = ${id}`)}\n\n${md(mapTypeDoc(id) ?? '')}`);
  }
  const rc = returnCodeDoc(w.word);
  if (rc) return hv(rc);
  return null;
}
