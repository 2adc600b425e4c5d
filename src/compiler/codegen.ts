/**
 * From a parsed unit to a BpfObject: map definitions, the license, global data sections and one
 * program per function placed in a `SEC("…")`, with relocations and line info.
 *
 * Maps: BTF-style definitions (`__uint(type, …)`, `__type(key, …)`, `__uint(max_entries, …)`,
 * `key_size`/`value_size`, `map_flags`) are read from the member *types* of the anonymous
 * struct, as libbpf reads them from BTF; legacy `struct bpf_map_def SEC("maps")` from its bytes.
 * `__array(values, struct inner)` gives a map-in-map its inner template, and
 * `= { .values = { [i] = &x } }` the initial slots (`BpfMapDef.init`: programs of a prog_array,
 * maps of a map-in-map), which the ELF writer turns into `.rel.maps` as clang does.
 * Globals: `const` → `.rodata`, initialised → `.data`, zero → `.bss` (an explicit
 * `SEC(".data.x")`-style section is mapped onto its base section). Reads of a non-volatile
 * `const` scalar with an initialiser are folded, as clang -O2 does.
 * Functions: calls are inlined (cgCall.ts) except calls of `__noinline` functions, which become
 * bpf-to-bpf calls to a copy of the callee appended to each program that uses it. A function
 * used as a value (a callback: `bpf_loop(n, fn, ctx, 0)`) is an `ld_imm64` with src =
 * BPF_PSEUDO_FUNC to such a subprogram, resolved the same way.
 * CO-RE: accesses through `preserve_access_index` structs (and builtins) become `coreRelocs`, whose
 * types go into the object's BTF-style type table (btfTypes.ts).
 * Does not: BTF beyond that table, ELF output (src/elf).
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import type { Insn } from '../isa/insn.ts';
import { kcfgKind, layoutKconfig } from '../elf/kconfig.ts';
import type { BpfExtern, BpfGlobalSection, BpfMapDef, BpfObject, BpfProgram, BpfReloc, GlobalFuncParam, LineInfo } from '../isa/object.ts';
import type { Sym } from './ast.ts';
import { CDiag } from './diagCodes.ts';
import { allocLocal, boundConsts, CG, normalize, type Globals } from './cgExpr.ts';
import { emitSharedRets, genStmt } from './cgStmt.ts';
import { liveness } from './live.ts';
import { CodegenError, type Gen } from './gen.ts';
import { TypeTable } from './btfTypes.ts';
import { reuseComparedLoads } from './cse.ts';
import { planSroa } from './sroa.ts';
import { inlineTrivialCalls } from './inlineExpr.ts';
import type { Unit } from './pstate.ts';
import { scanDefs } from './nonneg.ts';
import { alignOf, sizeOf, T, type FuncType, type Type } from './types.ts';

/** BPF_MAP_TYPE_* names (kernel enum order, UAPI). */
export const MAP_TYPES = [
  'unspec', 'hash', 'array', 'prog_array', 'perf_event_array', 'percpu_hash', 'percpu_array',
  'stack_trace', 'cgroup_array', 'lru_hash', 'lru_percpu_hash', 'lpm_trie', 'array_of_maps',
  'hash_of_maps', 'devmap', 'sockmap', 'cpumap', 'xskmap', 'sockhash', 'cgroup_storage',
  'reuseport_sockarray', 'percpu_cgroup_storage', 'queue', 'stack', 'sk_storage', 'devmap_hash',
  'struct_ops', 'ringbuf', 'inode_storage', 'task_storage', 'bloom_filter', 'user_ringbuf',
  'cgrp_storage', 'arena',
];

type SectionName = '.data' | '.rodata' | '.bss';

export function generate(
  unit: Unit,
  texts: Record<string, string>,
): { value: BpfObject; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const maps: BpfMapDef[] = [];
  let license = '';
  const sections = new Map<SectionName, { bytes: number[]; symbols: { name: string; offset: number; size: number }[] }>();
  const placed = new Map<number, { section: SectionName; offset: number }>();
  const btfMaps: { def: BpfMapDef; type: Extract<Type, { kind: 'struct' }> }[] = [];

  const sec = (n: SectionName) => {
    let s = sections.get(n);
    if (!s) { s = { bytes: [], symbols: [] }; sections.set(n, s); }
    return s;
  };
  const put = (n: SectionName, name: string, bytes: ArrayLike<number>, align: number): number => {
    const s = sec(n);
    while (s.bytes.length % Math.max(1, align)) s.bytes.push(0);
    const offset = s.bytes.length;
    for (let i = 0; i < bytes.length; i++) s.bytes.push(bytes[i]);
    s.symbols.push({ name, offset, size: bytes.length });
    return offset;
  };

  for (const f of unit.funcs) scanDefs(f.body, f.params); // which locals stay non-negative (nonneg.ts)
  // clang emits tentative definitions (`int x;`, no initialiser) at the end of the translation
  // unit, after the initialised globals and functions' static locals: same section offsets here
  const isData = (g: Sym): boolean => !g.isMap && g.section !== 'license' && g.section !== 'version';
  const ordered = [...unit.globals.filter((g) => !(g.tentative && isData(g))), ...unit.globals.filter((g) => g.tentative && isData(g))];
  for (const g of ordered) {
    if (g.helperId !== undefined || g.isExtern) continue;
    if (g.isMap) {
      const m = mapDef(g, diagnostics, (f) => f.body !== undefined && f.section !== undefined);
      if (m) maps.push(m);
      if (m && g.section === '.maps' && g.type.kind === 'struct') btfMaps.push({ def: m, type: g.type });
      continue;
    }
    if (g.section === 'license') {
      const b = g.initBytes ?? new Uint8Array();
      const end = b.indexOf(0);
      license = String.fromCharCode(...b.slice(0, end < 0 ? b.length : end));
      continue;
    }
    if (g.section === 'version') continue;
    let s: SectionName;
    const explicit = g.section;
    if (explicit?.startsWith('.rodata')) s = '.rodata';
    else if (explicit?.startsWith('.data')) s = '.data';
    else if (explicit?.startsWith('.bss')) s = '.bss';
    else if (g.isConst) s = '.rodata';
    else if (g.initBytes && g.initBytes.some((b) => b !== 0)) s = '.data';
    else s = '.bss';
    const bytes = g.initBytes ?? new Uint8Array(sizeOf(g.type));
    placed.set(g.id, { section: s, offset: put(s, g.name, bytes, alignOf(g.type)) });
  }
  const strings = new Map<string, number>();
  const globals: Globals = {
    place: (s: Sym) => placed.get(s.id),
    string: (bytes: number[]) => {
      const key = bytes.join(',');
      let off = strings.get(key);
      if (off === undefined) { off = put('.rodata', `.str.${strings.size}`, bytes, 1); strings.set(key, off); }
      return off;
    },
  };

  const programs: BpfProgram[] = [];
  const table = new TypeTable();
  boundConsts.clear(); // per compilation (cgCall.ts binds inline parameters to constants)
  inlineTrivialCalls(unit.funcs);
  for (const f of unit.funcs) reuseComparedLoads(f);
  planSroa(unit); // struct locals only inlined helpers touch → registers (sroa.ts)
  for (const f of unit.funcs) {
    if (!f.body || f.section === undefined) continue;
    const p = program(f, globals, texts, diagnostics, table);
    if (p) programs.push(p);
  }
  if (!programs.length && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({ code: CDiag.Codegen, severity: 'warning', message: 'no programs: no function is placed in a SEC("…") section' });
  }
  const externs = kconfigExterns(unit, programs, table);
  // map definitions' members as declared (after the CO-RE and extern types: their ids stay put)
  for (const { def, type } of btfMaps) {
    def.btfMembers = btfMapMembers(type, table);
    // a map-in-map's inner template, as declared too
    const values = type.members.find((m) => m.name === 'values');
    const inner = values?.type.kind === 'array' && values.type.of.kind === 'ptr' ? values.type.of.to : undefined;
    if (def.inner && inner?.kind === 'struct') def.inner.btfMembers = btfMapMembers(inner, table);
  }
  const order: SectionName[] = ['.data', '.rodata', '.bss'];
  const globalSecs: BpfGlobalSection[] = order.filter((n) => sections.has(n)).map((n) => ({
    name: n,
    bytes: n === '.bss' ? new Uint8Array(sections.get(n)!.bytes.length) : Uint8Array.from(sections.get(n)!.bytes),
    symbols: sections.get(n)!.symbols,
  }));
  return { value: { programs, maps, globals: globalSecs, license, ...(table.types.length ? { types: table.types } : {}), ...(externs.length ? { externs } : {}) }, diagnostics };
}

/**
 * The externs the programs use (as clang emits only those), with their C types in the type
 * table: `__kconfig` values, with libbpf's layout of the `.kconfig` map (each relocation's addend
 * becomes the extern's offset in the map plus the offset it already had into the variable), and
 * `__ksym` variables and kfuncs (a kfunc with its prototype).
 */
function kconfigExterns(unit: Unit, programs: BpfProgram[], table: TypeTable): BpfExtern[] {
  const byName = new Map<string, BpfExtern>();
  for (const p of programs) {
    for (const r of p.relocations) {
      if (!r.extern || byName.has(r.extern)) continue;
      const s = unit.globals.find((g) => g.name === r.extern && g.isExtern) ?? unit.funcs.find((f) => f.name === r.extern && !f.body);
      if (!s) continue;
      if (s.kind === 'func' && s.type.kind === 'func') {
        const ft = s.type;
        byName.set(r.extern, { name: s.name, section: '.ksyms', weak: !!s.isWeak, type: 0, size: 0, align: 1, func: true, proto: { ret: table.id(ft.ret), params: ft.params.map((t) => table.id(t)) } });
        continue;
      }
      const type = table.id(s.type);
      if (s.section === '.ksyms') {
        byName.set(r.extern, { name: s.name, section: '.ksyms', weak: !!s.isWeak, type, size: sizeOf(s.type), align: alignOf(s.type) });
        continue;
      }
      const k = kcfgKind(table.types, type);
      byName.set(r.extern, { name: s.name, section: '.kconfig', weak: !!s.isWeak, type, size: sizeOf(s.type), align: alignOf(s.type), kcfg: k.kcfg, ...(k.signed !== undefined ? { signed: k.signed } : {}) });
    }
  }
  const externs = [...byName.values()];
  layoutKconfig(externs);
  for (const p of programs) for (const r of p.relocations) if (r.extern && r.symbol === '.kconfig') r.addend += byName.get(r.extern)?.offset ?? 0;
  return externs;
}

interface FnCode {
  insns: Insn[];
  relocs: BpfReloc[];
  coreRelocs: Gen['coreRelocs'];
  lineInfo: LineInfo[];
  /** bpf-to-bpf call sites (pc relative to this function's start). */
  calls: { pc: number; callee: Sym }[];
}

/** One function's code: a program entry (`r1` = ctx) or a `__noinline` subprogram (args in R1–R5). */
function genFunction(f: Sym, entry: boolean, globals: Globals, texts: Record<string, string>, diagnostics: Diagnostic[]): FnCode | undefined {
  const g = new CG(diagnostics, f.span);
  g.globals = globals;
  g.genStmt = genStmt;
  const params = f.params ?? [];
  if (entry && params.length > 1) {
    g.error(`program '${f.name}' takes ${params.length} parameters; a BPF program takes only its context pointer`, f.span, CDiag.TypeError);
    return undefined;
  }
  if (params.length > 5) {
    g.error(`function '${f.name}' takes ${params.length} parameters; BPF calls pass at most 5`, f.span, CDiag.Unsupported);
    return undefined;
  }
  try {
    params.forEach((p, i) => {
      if (!p.used) return;
      // a subprogram's narrow argument arrives with undefined upper bits (the verifier sees an
      // unknown scalar, as for bpf_loop's index): extend it first, as clang does in the callee
      if (!entry && p.type.kind === 'int' && p.type.size < 8) normalize(g, i + 1, T.ulong, p.type);
      const st = allocLocal(g, p);
      if ('reg' in st) g.mov(st.reg, i + 1);
      else g.stx(p.addrTaken && p.type.kind === 'int' ? p.type.size : 8, 10, st.off, i + 1);
    });
    for (const l of labelsOf(f)) g.sticky.add('user.' + l);
    g.live.push(liveness(f));
    genStmt(g, f.body!);
    if (!g.dead) {
      const ret = (f.type as FuncType).ret;
      if (ret.kind === 'void') g.movImm(0, 0n);
      else diagnostics.push({ code: CDiag.Warning, severity: 'warning', message: `non-void function '${f.name}' does not return a value in all control paths`, span: f.span });
      g.exit();
    }
    emitSharedRets(g);
  } catch (e) {
    if (!(e instanceof CodegenError)) throw e;
    return undefined;
  }
  const insns = g.finish();
  const lineInfo: LineInfo[] = g.out.map((e) => {
    const lines = lineIndex(texts, e.span.file);
    const { line, col } = lines.at(e.span.start);
    // The line's text rides along, as clang's .BTF.ext line_info carries it (verifier logs and
    // `disasm -S` print it).
    return { file: e.span.file, line, col, text: lines.text(line) };
  });
  return { insns, relocs: g.relocs, coreRelocs: g.coreRelocs, lineInfo, calls: g.calls };
}

/**
 * A program: its entry function followed by every `__noinline` function it calls (transitively),
 * each once, as libbpf lays them out at load time; calls are resolved to pc-relative offsets.
 */
function program(f: Sym, globals: Globals, texts: Record<string, string>, diagnostics: Diagnostic[], table: TypeTable): BpfProgram | undefined {
  const main = genFunction(f, true, globals, texts, diagnostics);
  if (!main) return undefined;
  const insns = [...main.insns];
  const relocations = [...main.relocs];
  const core = [...main.coreRelocs];
  const lineInfo = [...main.lineInfo];
  const subprograms: NonNullable<BpfProgram['subprograms']> = [];
  const start = new Map<Sym, number>();
  const pending: { site: number; callee: Sym }[] = main.calls.map((c) => ({ site: c.pc, callee: c.callee }));
  const edges = new Map<Sym, Set<Sym>>([[f, new Set(main.calls.map((c) => c.callee))]]);
  for (let i = 0; i < pending.length; i++) {
    const callee = pending[i].callee;
    if (start.has(callee)) continue;
    const code = genFunction(callee, false, globals, texts, diagnostics);
    if (!code) return undefined;
    const base = insns.length;
    start.set(callee, base);
    // a non-static function is global (BTF FUNC linkage global): the kernel verifies it on its own
    // against its prototype, as libbpf hands it the func_info
    subprograms.push({ name: callee.name, pc: base, ...(callee.isStatic ? {} : { global: { params: (callee.params ?? []).map((p) => globalParam(p.type)) } }) });
    insns.push(...code.insns);
    lineInfo.push(...code.lineInfo);
    relocations.push(...code.relocs.map((r) => ({ ...r, pc: r.pc + base })));
    core.push(...code.coreRelocs.map((r) => ({ ...r, pc: r.pc + base })));
    for (const c of code.calls) pending.push({ site: c.pc + base, callee: c.callee });
    edges.set(callee, new Set(code.calls.map((c) => c.callee)));
  }
  // The kernel rejects recursion between subprograms; say so here, with the function's name.
  const onPath = new Set<Sym>();
  const done = new Set<Sym>();
  const cyclic = (n: Sym): Sym | undefined => {
    if (onPath.has(n)) return n;
    if (done.has(n)) return undefined;
    onPath.add(n);
    for (const m of edges.get(n) ?? []) { const c = cyclic(m); if (c) return c; }
    onPath.delete(n);
    done.add(n);
    return undefined;
  };
  const rec = cyclic(f);
  if (rec) {
    diagnostics.push({ code: CDiag.Recursion, severity: 'error', message: `recursive call to '${rec.name}': BPF programs cannot recurse`, span: rec.span });
    return undefined;
  }
  for (const p of pending) {
    insns[p.site] = { ...insns[p.site], imm: start.get(p.callee)! - p.site - 1 };
    relocations.push({ pc: p.site, symbol: p.callee.name, kind: 'call', addend: 0 });
  }
  relocations.sort((a, b) => a.pc - b.pc);
  const coreRelocs = core.sort((a, b) => a.pc - b.pc).map((r) => ({ pc: r.pc, type: table.id(r.root), access: r.access.join(':'), kind: r.kind }));
  // __builtin_btf_type_id: the local value is the type's id in our .BTF (the type table's id)
  for (const r of coreRelocs) if (r.kind === 6 || r.kind === 7) insns[r.pc] = { ...insns[r.pc], imm: r.type };
  return {
    name: f.name, section: f.section!, insns, relocations, lineInfo,
    ...(subprograms.length ? { subprograms } : {}), ...(coreRelocs.length ? { coreRelocs } : {}),
  };
}

const lineIndexes = new WeakMap<Record<string, string>, Map<string, LineIndex>>();

interface LineIndex { at(offset: number): { line: number; col: number }; text(line: number): string }

/** Line starts of a source file (memoised per compile): offset → line/col, line → text. */
function lineIndex(texts: Record<string, string>, file: string): LineIndex {
  let perCompile = lineIndexes.get(texts);
  if (!perCompile) { perCompile = new Map(); lineIndexes.set(texts, perCompile); }
  let ix = perCompile.get(file);
  if (ix) return ix;
  const src = texts[file] ?? '';
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) starts.push(i + 1);
  ix = {
    at(offset: number) {
      const o = Math.min(Math.max(offset, 0), src.length);
      let lo = 0, hi = starts.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= o) lo = mid; else hi = mid - 1; }
      return { line: lo + 1, col: o - starts[lo] + 1 };
    },
    text(line: number) {
      const s = starts[line - 1] ?? src.length;
      const e = line < starts.length ? starts[line] - 1 : src.length;
      return src.slice(s, e).replace(/\r$/, '');
    },
  };
  perCompile.set(file, ix);
  return ix;
}

function labelsOf(f: Sym): string[] {
  const out: string[] = [];
  const walk = (n: import('./ast.ts').Node | undefined): void => {
    if (!n) return;
    if (n.k === 'label') out.push(n.label!);
    for (const c of [n.then, n.els, n.init, n.inc, ...(n.body ?? [])]) walk(c);
  };
  walk(f.body);
  return out;
}

const PROG_ARRAY = 3, ARRAY_OF_MAPS = 12, HASH_OF_MAPS = 13;

function mapDef(g: Sym, diagnostics: Diagnostic[], isProgram: (s: Sym) => boolean): BpfMapDef | undefined {
  const err = (message: string, span = g.span): undefined => {
    diagnostics.push({ code: CDiag.TypeError, severity: 'error', message, span });
    return undefined;
  };
  const t = g.type;
  if (t.kind !== 'struct') return err(`map '${g.name}' must be a struct`);
  if (g.section === 'maps') {
    const b = g.initBytes ?? new Uint8Array(20);
    const u32 = (o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
    const typeId = u32(0);
    return { name: g.name, type: MAP_TYPES[typeId] ?? `type${typeId}`, typeId, keySize: u32(4), valueSize: u32(8), maxEntries: u32(12), flags: u32(16) };
  }
  const def = btfMapDef(g.name, t);
  if (!def) return err(`map '${g.name}' has no type; use __uint(type, BPF_MAP_TYPE_…)`);
  const values = t.members.find((m) => m.name === 'values');
  const inMap = def.typeId === ARRAY_OF_MAPS || def.typeId === HASH_OF_MAPS;
  if (values) {
    // libbpf's rules for `__array(values, …)`: prog_array or map-in-map, pointers to a function
    // prototype or to the inner map's definition struct.
    const to = values.type.kind === 'array' && values.type.of.kind === 'ptr' ? values.type.of.to : undefined;
    if (def.typeId !== PROG_ARRAY && !inMap) return err(`map '${g.name}': __array(values, …) needs a prog_array or map-in-map type, not ${def.type}`);
    if (def.typeId === PROG_ARRAY && to?.kind !== 'func') return err(`map '${g.name}': a prog_array's __array(values, …) must name a function prototype, e.g. int (void *)`);
    if (inMap) {
      if (to?.kind !== 'struct') return err(`map '${g.name}': a map-in-map's __array(values, …) must name the inner map's definition struct`);
      const inner = btfMapDef(to.tag ?? '', to);
      if (!inner) return err(`map '${g.name}': the inner map definition has no type; use __uint(type, BPF_MAP_TYPE_…)`);
      def.inner = inner;
    }
  }
  for (const slot of g.mapInit ?? []) {
    if (!values) return err(`map '${g.name}' has no __array(values, …) member to initialise`, slot.span);
    const s = slot.sym;
    if (def.typeId === PROG_ARRAY && !(s.kind === 'func' && isProgram(s))) return err(`'${s.name}' is not a program (a function placed in a SEC("…")): a prog_array slot can only hold a program`, slot.span);
    if (inMap && !(s.kind === 'global' && s.isMap && s.section === '.maps')) return err(`'${s.name}' is not a map defined in SEC(".maps"): a map-in-map slot can only hold a map`, slot.span);
    if (slot.index >= def.maxEntries) {
      diagnostics.push({ code: CDiag.Warning, severity: 'warning', message: `slot ${slot.index} of map '${g.name}' is past its max_entries (${def.maxEntries}): libbpf will fail to load the object`, span: slot.span });
    }
    const init = (def.init ??= []);
    const same = init.findIndex((x) => x.index === slot.index);
    if (same >= 0) init.splice(same, 1); // a later designator overrides, as in C
    init.push({ index: slot.index, symbol: s.name });
  }
  def.init?.sort((a, b) => a.index - b.index);
  return def;
}

/** A BTF-style map definition struct read from its member types, as libbpf reads its BTF. */
/** The members of a BTF map definition as declared: `__uint` values, `__type` types (table ids), `values`. */
function btfMapMembers(t: Extract<Type, { kind: 'struct' }>, table: TypeTable): NonNullable<BpfMapDef['btfMembers']> {
  return t.members.filter((m) => m.name).map((m) => {
    const name = m.name!;
    if (name === 'values') return { name };
    if (m.type.kind === 'ptr' && m.type.to.kind === 'array' && (name !== 'key' && name !== 'value')) return { name, uint: m.type.to.len ?? 0 };
    if (m.type.kind === 'ptr') return { name, type: table.id(m.type.to) };
    return { name };
  });
}

function btfMapDef(name: string, t: Extract<Type, { kind: 'struct' }>): BpfMapDef | undefined {
  let typeId: number | undefined;
  let keySize = 0;
  let valueSize = 0;
  let maxEntries = 0;
  let flags = 0;
  const arrLen = (m: Type): number | undefined => (m.kind === 'ptr' && m.to.kind === 'array' ? m.to.len ?? 0 : undefined);
  for (const m of t.members) {
    const n = m.name;
    if (n === 'type') typeId = arrLen(m.type);
    else if (n === 'max_entries') maxEntries = arrLen(m.type) ?? 0;
    else if (n === 'map_flags') flags = arrLen(m.type) ?? 0;
    else if (n === 'key_size') keySize = arrLen(m.type) ?? 0;
    else if (n === 'value_size') valueSize = arrLen(m.type) ?? 0;
    else if (n === 'key' && m.type.kind === 'ptr') keySize = sizeOf(m.type.to);
    else if (n === 'value' && m.type.kind === 'ptr') valueSize = sizeOf(m.type.to);
    else if (n === 'values') valueSize = 4;
  }
  if (typeId === undefined) return undefined;
  return { name, type: MAP_TYPES[typeId] ?? `type${typeId}`, typeId, keySize, valueSize, maxEntries, flags };
}

/** A global function's parameter as its BTF prototype gives it to the verifier. */
function globalParam(t: Type): GlobalFuncParam {
  if (t.kind === 'ptr') {
    const to = t.to;
    return { kind: 'ptr', to: to.kind === 'struct' ? to.tag ?? '' : '', size: to.kind === 'void' || to.kind === 'func' ? 0 : sizeOf(to) };
  }
  return { kind: 'scalar', size: t.kind === 'void' || t.kind === 'func' ? 0 : sizeOf(t) };
}
