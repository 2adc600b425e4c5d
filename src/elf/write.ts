/**
 * writeElf: BpfObject → an ELF64 little-endian relocatable `.o` for EM_BPF that libbpf
 * (`bpftool prog load`) and the kernel oracle load, laid out as clang lays it out.
 *
 * Sections: one per distinct program section (programs sharing a section are concatenated), `.text`
 * for the subprograms (each once, found through `BpfProgram.subprograms`), `.rel<sec>` with
 * `R_BPF_64_64` (map / global data / function address) and `R_BPF_64_32` (calls) relocations,
 * `.maps` with a BTF map definition per map (the members the source declared, in its order, as
 * clang describes them — `__uint(f, N)` as `int (*f)[N]`, `__type(f, T)` as `T *f` — or, for a map
 * without `btfMembers`, the five `__uint` members type, key_size, value_size, max_entries,
 * map_flags; `values` for a map-in-map's inner template or a prog_array's initial
 * programs), `.rel.maps` with one `R_BPF_64_ABS64` per initial slot (`BpfMapDef.init`) at
 * the definition's size + 8 × index inside the map's variable, against the program's or map's symbol, as clang
 * writes `__array(values, …) = { [i] = &x }`, `.data`/`.rodata`/`.bss`, `license`, `.BTF` (int, arrays, pointers,
 * the map structs, vars, the `.maps` datasec, a func_proto + func per function), `.BTF.ext`
 * (func_info per function, line_info where the source position changes), `.symtab`, `.strtab`.
 *
 * CO-RE: the object's type table (`BpfObject.types`) goes into `.BTF` and each program's
 * `coreRelocs` into the `.BTF.ext` core_relo subsection (per code section, byte offsets), so libbpf
 * relocates them against the running kernel's BTF.
 * `__kconfig` externs: undefined (weak for `__weak`) symbols, `R_BPF_64_64` against them, extern
 * VARs in a `.kconfig` DATASEC, as clang emits them (libbpf lays out and fills the map).
 * Does not: write DWARF, BTF for global variables (libbpf creates those maps without BTF). Relocated slots keep the placeholder conventions
 * of BpfObject: map refs imm 0; data refs carry the variable offset in imm (REL addend) against
 * the section symbol; calls imm -1 against the function symbol (target = value/8 + imm + 1);
 * callback addresses (`ld_imm64` of a function) the byte offset against the `.text` section
 * symbol, which is the form libbpf accepts. Subprograms are static in BTF unless marked
 * `global` (then BTF linkage global with their parameter kinds: integers by size, pointers to a
 * named struct of the recorded size, which is what the kernel reads for a global function), and
 * programs are `int f(int *ctx)` (the kernel ignores a main program's argument types; `void *`
 * would make it log a size warning).
 * Provenance: the System V gABI for the container, libbpf's documented object conventions, BTF
 * UAPI (Documentation/bpf/btf.rst).
 */
import { encodeInsns, type Insn } from '../isa/insn.ts';
import type { BpfMapDef, BpfObject, BpfProgram, CoreReloc, GlobalFunc, GlobalFuncParam, LineInfo } from '../isa/object.ts';
import { BtfBuilder, btfExtBytes, StrTab, type ExtSection } from './btfWrite.ts';
import {
  EM_BPF, ET_REL, R_BPF, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS, SHT_REL, SHT_STRTAB, SHT_SYMTAB,
  STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FUNC, STT_NOTYPE, STT_OBJECT, STT_SECTION,
} from './elfio.ts';

interface OutSec {
  name: string;
  type: number;
  flags: number;
  data: Uint8Array;
  /** for NOBITS */
  size?: number;
  align: number;
  link?: number;
  info?: number;
  entsize?: number;
}

interface Sym {
  name: string;
  type: number;
  bind: number;
  sec: string;
  value: number;
  size: number;
}

interface Rel {
  offset: number;
  sym: string;
  type: number;
}

/** One function to place: code, its relocations relative to its own first slot, line info. */
interface Fn {
  name: string;
  insns: Insn[];
  lines: LineInfo[];
  relocs: { pc: number; symbol: string; kind: 'map' | 'data' | 'call'; addend: number; extern?: string }[];
  core: CoreReloc[];
  isProgram: boolean;
  global?: GlobalFunc;
}

/** Split a program into its entry function and the subprograms appended to it. */
function splitProgram(p: BpfProgram): Fn[] {
  const starts: { name: string; pc: number; global?: GlobalFunc }[] = [{ name: p.name, pc: 0 }, ...(p.subprograms ?? [])].sort((a, b) => a.pc - b.pc);
  return starts.map((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].pc : p.insns.length;
    return {
      name: s.name,
      insns: p.insns.slice(s.pc, end).map((x) => ({ ...x })),
      lines: p.lineInfo.slice(s.pc, end),
      relocs: p.relocations.filter((r) => r.pc >= s.pc && r.pc < end).map((r) => ({ ...r, pc: r.pc - s.pc })),
      core: (p.coreRelocs ?? []).filter((r) => r.pc >= s.pc && r.pc < end).map((r) => ({ ...r, pc: r.pc - s.pc })),
      isProgram: i === 0,
      ...(s.global ? { global: s.global } : {}),
    };
  });
}

/** Write `object` as a relocatable BPF ELF object. Pure; never throws on a well-typed object. */
export function writeElf(object: BpfObject): Uint8Array {
  const secOrder: string[] = [];
  const secFns = new Map<string, Fn[]>();
  const textFns: Fn[] = [];
  const seenSub = new Set<string>();
  for (const p of object.programs) {
    const [main, ...subs] = splitProgram(p);
    if (!secFns.has(p.section)) { secFns.set(p.section, []); secOrder.push(p.section); }
    secFns.get(p.section)!.push(main);
    for (const s of subs) if (!seenSub.has(s.name)) { seenSub.add(s.name); textFns.push(s); }
  }
  if (textFns.length) { secOrder.unshift('.text'); secFns.set('.text', textFns); }

  const btf = new BtfBuilder();
  const sections: OutSec[] = [];
  const syms: Sym[] = [];
  const relsBySec = new Map<string, Rel[]>();
  const ext: ExtSection[] = [];
  const fnLoc = new Map<string, { sec: string; slot: number }>();

  // layout of code sections (function positions first, so calls can name their symbols)
  const layouts = secOrder.map((name) => {
    let slot = 0;
    const fns = secFns.get(name)!.map((f) => {
      const at = slot;
      fnLoc.set(f.name, { sec: name, slot: at });
      slot += f.insns.length;
      return { f, at };
    });
    return { name, fns, slots: slot };
  });

  const typeId = btf.table(object.types ?? []); // first: BTF ids = the object's type ids
  const externs = new Map((object.externs ?? []).map((e) => [e.name, e]));
  const int = btf.int();
  for (const { name, fns } of layouts) {
    const code: Insn[] = [];
    const rels: Rel[] = [];
    const es: ExtSection = { section: name, funcs: [], lines: [], core: [] };
    for (const { f, at } of fns) {
      for (const c of f.core) es.core!.push({ insnOff: (at + c.pc) * 8, typeId: typeId(c.type), access: c.access, kind: c.kind });
      const proto = f.isProgram ? btf.funcProto(int, [{ name: 'ctx', type: btf.ptr(int) }])
        : f.global ? btf.funcProto(int, f.global.params.map((p, k) => ({ name: `arg${k}`, type: paramType(btf, p) })))
        : btf.funcProto(int, []);
      const fid = btf.func(f.name, proto, f.isProgram || f.global ? 1 : 0);
      es.funcs.push({ insnOff: at * 8, typeId: fid });
      const insns = f.insns;
      for (const r of f.relocs) {
        const ins = insns[r.pc];
        if (r.kind === 'map') {
          insns[r.pc] = { ...ins, src: 0, imm: 0 };
          rels.push({ offset: (at + r.pc) * 8, sym: r.symbol, type: R_BPF['64_64'] });
        } else if (r.kind === 'data' && r.extern !== undefined) {
          // an extern (`__kconfig`): against its undefined symbol; libbpf places it in .kconfig
          const e = externs.get(r.extern);
          insns[r.pc] = { ...ins, src: 0, imm: (r.addend - (e?.offset ?? 0)) | 0 };
          insns[r.pc + 1] = { ...insns[r.pc + 1], imm: 0 };
          rels.push({ offset: (at + r.pc) * 8, sym: r.extern, type: R_BPF['64_64'] });
        } else if (r.kind === 'data') {
          insns[r.pc] = { ...ins, src: 0, imm: r.addend | 0 };
          insns[r.pc + 1] = { ...insns[r.pc + 1], imm: 0 };
          rels.push({ offset: (at + r.pc) * 8, sym: r.symbol, type: R_BPF['64_64'] });
        } else if (ins.code === 0x18) {
          // a function address (callback): libbpf wants the section symbol, offset in imm
          const loc = fnLoc.get(r.symbol);
          insns[r.pc] = { ...ins, src: 0, imm: (loc?.slot ?? 0) * 8 };
          rels.push({ offset: (at + r.pc) * 8, sym: loc?.sec ?? '.text', type: R_BPF['64_64'] });
        } else {
          insns[r.pc] = { ...ins, src: 1, imm: -1 };
          rels.push({ offset: (at + r.pc) * 8, sym: r.symbol, type: R_BPF['64_32'] });
        }
      }
      let prev: LineInfo | undefined;
      for (let pc = 0; pc < insns.length; pc++) {
        const l = f.lines[pc];
        if (pc > 0 && insns[pc - 1].code === 0x18 && insns[pc].code === 0) continue;
        if (l && (pc === 0 || !prev || l.file !== prev.file || l.line !== prev.line || l.col !== prev.col || l.text !== prev.text)) {
          es.lines.push({ insnOff: (at + pc) * 8, file: l.file, line: l.line, col: l.col, text: l.text });
          prev = l;
        } else if (!l && pc === 0) {
          es.lines.push({ insnOff: at * 8, file: '', line: 0, col: 0 });
        }
      }
      code.push(...insns);
      syms.push({ name: f.name, type: STT_FUNC, bind: f.isProgram || f.global ? STB_GLOBAL : STB_LOCAL, sec: name, value: at * 8, size: insns.length * 8 });
    }
    sections.push({ name, type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, data: encodeInsns(code), align: 8 });
    if (rels.length) relsBySec.set(name, rels);
    ext.push(es);
  }

  // maps: BTF-defined, one struct of 8-byte pointer members each (as declared, else five), then the `values` slots that
  // have initial values (8 bytes each, one R_BPF_64_ABS64 in .rel.maps per filled slot)
  if (object.maps.length) {
    const vars: { type: number; offset: number; size: number }[] = [];
    const mapRels: Rel[] = [];
    let offset = 0;
    for (const m of object.maps) {
      const st = mapStruct(btf, m, '', typeId);
      const slots = m.init?.length ? Math.max(...m.init.map((x) => x.index)) + 1 : 0;
      const size = st.size + slots * 8;
      for (const x of m.init ?? []) mapRels.push({ offset: offset + st.size + x.index * 8, sym: x.symbol, type: R_BPF['64_ABS64'] });
      vars.push({ type: btf.variable(m.name, st.id, 1), offset, size });
      syms.push({ name: m.name, type: STT_OBJECT, bind: STB_GLOBAL, sec: '.maps', value: offset, size });
      offset += size;
    }
    btf.datasec('.maps', offset, vars);
    sections.push({ name: '.maps', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, data: new Uint8Array(offset), align: 8 });
    if (mapRels.length) relsBySec.set('.maps', mapRels);
  }
  // externs: undefined symbols (weak for __weak), BTF VARs of extern linkage in a DATASEC named
  // after their section, at offset 0 (libbpf lays them out), as clang emits them
  for (const sec of ['.kconfig', '.ksyms'] as const) {
    const list = (object.externs ?? []).filter((e) => e.section === sec);
    if (!list.length) continue;
    const vars = list.map((e) => ({
      type: e.func
        ? btf.func(e.name, btf.funcProto(typeId(e.proto?.ret ?? 0), (e.proto?.params ?? []).map((t) => ({ name: '', type: typeId(t) }))), 2)
        : btf.variable(e.name, typeId(e.type), 2),
      offset: 0, size: e.func ? 0 : e.size,
    }));
    btf.datasec(sec, 0, vars);
    for (const e of list) syms.push({ name: e.name, type: STT_NOTYPE, bind: e.weak ? STB_WEAK : STB_GLOBAL, sec: '', value: 0, size: 0 });
  }
  for (const g of object.globals) {
    const bss = g.name === '.bss';
    const flags = SHF_ALLOC | (g.name === '.rodata' ? 0 : SHF_WRITE);
    sections.push({ name: g.name, type: bss ? SHT_NOBITS : SHT_PROGBITS, flags, data: bss ? new Uint8Array(0) : g.bytes, size: g.bytes.length, align: 8 });
    for (const s of g.symbols) syms.push({ name: s.name, type: STT_OBJECT, bind: STB_GLOBAL, sec: g.name, value: s.offset, size: s.size });
  }
  if (object.license !== '') {
    const lic = new TextEncoder().encode(object.license + '\0');
    sections.push({ name: 'license', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, data: lic, align: 1 });
    syms.push({ name: 'LICENSE', type: STT_OBJECT, bind: STB_GLOBAL, sec: 'license', value: 0, size: lic.length });
  }
  const extBytes = btfExtBytes(btf, ext);
  sections.push({ name: '.BTF', type: SHT_PROGBITS, flags: 0, data: btf.bytes(), align: 4 });
  sections.push({ name: '.BTF.ext', type: SHT_PROGBITS, flags: 0, data: extBytes, align: 4 });
  return assemble(sections, syms, relsBySec);
}

/**
 * A global function's parameter type: an integer of its size, or a pointer to a struct of that
 * name and size (the kernel matches the context struct by name) or else to `char [size]`.
 */
function paramType(btf: BtfBuilder, p: GlobalFuncParam): number {
  if (p.kind === 'scalar') return btf.intOfSize(p.size);
  if (p.to) return btf.ptr(btf.struct(p.to, p.size, []));
  return btf.ptr(p.size > 0 ? btf.array(btf.intOfSize(1), p.size) : 0);
}

/**
 * A map definition struct: five `int (*f)[N]` members (type, key_size, value_size, max_entries,
 * map_flags) and, as clang describes `__array(values, …)`, a flexible `values` member at the end
 * (adding nothing to the struct's 40 bytes): `struct inner *values[]` naming the inner map's
 * template struct for a map-in-map, `int (*values[])(void *)` for a prog_array with initial values.
 */
function mapStruct(btf: BtfBuilder, m: BpfMapDef, tag: string, typeId: (id: number) => number = (x) => x): { id: number; size: number } {
  const fields: [string, number][] = [['type', m.typeId], ['key_size', m.keySize], ['value_size', m.valueSize], ['max_entries', m.maxEntries], ['map_flags', m.flags]];
  const declared = m.btfMembers?.filter((x) => x.name !== 'values');
  // as declared (clang: only the members the source has, in its order, key/value by their types), else all five numbers
  const members = declared
    ? declared.map((x, k) => ({ name: x.name, type: btf.ptr(x.type !== undefined ? typeId(x.type) : btf.intArray(x.uint ?? 0)), bitOffset: k * 64 }))
    : fields.map(([n, v], k) => ({ name: n, type: btf.ptr(btf.intArray(v)), bitOffset: k * 64 }));
  const size = members.length * 8;
  if (m.inner) {
    const inner = mapStruct(btf, { ...m.inner, inner: undefined, init: undefined }, m.inner.name || `${m.name}__inner`, typeId).id;
    members.push({ name: 'values', type: btf.array(btf.ptr(inner), 0), bitOffset: size * 8 });
  } else if (m.init?.length) {
    const proto = btf.funcProto(btf.int(), [{ name: '', type: btf.ptr(0) }]);
    members.push({ name: 'values', type: btf.array(btf.ptr(proto), 0), bitOffset: size * 8 });
  }
  return { id: btf.struct(tag, size, members), size };
}

/** Lay out sections, .rel*, .symtab, .strtab and the headers. */
function assemble(progSecs: OutSec[], syms: Sym[], relsBySec: Map<string, Rel[]>): Uint8Array {
  // section indices: 0 null, then content sections, rel sections, .symtab, .strtab, .shstrtab
  const all: OutSec[] = [{ name: '', type: 0, flags: 0, data: new Uint8Array(0), align: 0 }, ...progSecs];
  const idx = (name: string): number => all.findIndex((s) => s.name === name);
  // section symbols for data-like sections (targets of data relocations), then locals, then globals
  const secSyms: Sym[] = ['.data', '.rodata', '.bss', '.text'].filter((n) => idx(n) > 0).map((n) => ({ name: n, type: STT_SECTION, bind: STB_LOCAL, sec: n, value: 0, size: 0 }));
  const locals = [...secSyms, ...syms.filter((s) => s.bind === STB_LOCAL)];
  const globals = syms.filter((s) => s.bind !== STB_LOCAL);
  const ordered = [{ name: '', type: 0, bind: 0, sec: '', value: 0, size: 0 }, ...locals, ...globals];
  const symIndex = (name: string): number => {
    const sec = ordered.findIndex((s) => s.type === STT_SECTION && s.name === name);
    return sec >= 0 ? sec : ordered.findIndex((s) => s.name === name && s.type !== STT_SECTION);
  };
  const relStart = all.length;
  const relSecs: OutSec[] = [];
  for (const s of progSecs) {
    const rels = relsBySec.get(s.name);
    if (!rels) continue;
    const buf = new Uint8Array(rels.length * 16);
    const dv = new DataView(buf.buffer);
    rels.forEach((r, i) => {
      dv.setBigUint64(i * 16, BigInt(r.offset), true);
      dv.setUint32(i * 16 + 8, r.type, true);
      dv.setUint32(i * 16 + 12, Math.max(0, symIndex(r.sym)), true);
    });
    relSecs.push({ name: '.rel' + s.name, type: SHT_REL, flags: 0, data: buf, align: 8, info: idx(s.name), entsize: 16 });
  }
  all.push(...relSecs);
  const symtabIdx = relStart + relSecs.length;
  for (const r of relSecs) r.link = symtabIdx;
  const strtab = new StrTab();
  const symBuf = new Uint8Array(ordered.length * 24);
  const sdv = new DataView(symBuf.buffer);
  ordered.forEach((s, i) => {
    if (i === 0) return;
    const o = i * 24;
    sdv.setUint32(o, s.type === STT_SECTION ? 0 : strtab.add(s.name), true);
    sdv.setUint8(o + 4, (s.bind << 4) | s.type);
    sdv.setUint16(o + 6, Math.max(0, idx(s.sec)), true);
    sdv.setBigUint64(o + 8, BigInt(s.value), true);
    sdv.setBigUint64(o + 16, BigInt(s.size), true);
  });
  all.push({ name: '.symtab', type: SHT_SYMTAB, flags: 0, data: symBuf, align: 8, link: symtabIdx + 1, info: locals.length + 1, entsize: 24 });
  all.push({ name: '.strtab', type: SHT_STRTAB, flags: 0, data: strtab.bytes(), align: 1 });
  all.push({ name: '.shstrtab', type: SHT_STRTAB, flags: 0, data: new Uint8Array(0), align: 1 });
  const shstr = new StrTab();
  const nameOffs = all.map((s) => shstr.add(s.name));
  all[all.length - 1].data = shstr.bytes();

  // file layout: header, section contents (aligned), section header table
  const offsets: number[] = [];
  let pos = 64;
  for (const s of all) {
    const a = Math.max(1, s.align);
    pos = Math.ceil(pos / a) * a;
    offsets.push(pos);
    if (s.type !== SHT_NOBITS) pos += s.data.length;
  }
  const shoff = Math.ceil(pos / 8) * 8;
  const out = new Uint8Array(shoff + all.length * 64);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  dv.setUint16(16, ET_REL, true);
  dv.setUint16(18, EM_BPF, true);
  dv.setUint32(20, 1, true);
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint16(52, 64, true);
  dv.setUint16(58, 64, true);
  dv.setUint16(60, all.length, true);
  dv.setUint16(62, all.length - 1, true);
  all.forEach((s, i) => {
    if (s.type !== SHT_NOBITS) out.set(s.data, offsets[i]);
    const h = shoff + i * 64;
    if (i === 0) return;
    dv.setUint32(h, nameOffs[i], true);
    dv.setUint32(h + 4, s.type, true);
    dv.setBigUint64(h + 8, BigInt(s.flags), true);
    dv.setBigUint64(h + 24, BigInt(offsets[i]), true);
    dv.setBigUint64(h + 32, BigInt(s.type === SHT_NOBITS ? s.size ?? 0 : s.data.length), true);
    dv.setUint32(h + 40, s.link ?? 0, true);
    dv.setUint32(h + 44, s.info ?? 0, true);
    dv.setBigUint64(h + 48, BigInt(s.align), true);
    dv.setBigUint64(h + 56, BigInt(s.entsize ?? 0), true);
  });
  return out;
}
