/**
 * readElf: a clang `-target bpf` relocatable object → BpfObject, the way libbpf models it.
 *
 * Programs are the function symbols of executable sections other than `.text`; the `.text`
 * functions a program calls (transitively, through `R_BPF_64_32` relocations or pc-relative
 * pseudo calls) are appended to it once each, in order of discovery, and the call immediates are
 * rewritten to the new layout. `R_BPF_64_64` on an `ld_imm64` becomes a `map` relocation (symbol
 * in `.maps`/`maps`) or a `data` relocation (symbol in `.data*`/`.rodata*`/`.bss*`; addend =
 * the variable's offset). By default `.data.*`, `.rodata.*` (e.g. `.rodata.str1.1` string literals)
 * and `.bss.*` sections are merged into one `.data`/`.rodata`/`.bss` each, aligned, with addends
 * adjusted (the shape our ELF writer writes back); with `{ sections: 'separate' }` each stays its
 * own global section, as libbpf makes one array map per section. `.BTF.ext` line_info gives every
 * slot a file:line:col (a record holds until the next one). `.rel.maps` relocations become the
 * maps' `init` values (prog_array programs and map-in-map inner maps of `__array(values, …)`).
 *
 * `__kconfig` / `__ksym` externs (readExterns.ts) become `externs`, and their relocations `data`
 * relocations on `.kconfig` / `.ksyms` (kfunc calls: `call` relocations, BPF_PSEUDO_KFUNC_CALL).
 * Does not: CO-RE relocations, kfunc/ksym externs (reported as unsupported), BPF_PSEUDO_FUNC
 * callbacks beyond resolving them (recorded as `call` relocations on the `ld_imm64`).
 * Malformed input gives Diagnostics, never an exception.
 * Provenance: libbpf's documented object model (program = SEC() function, subprograms in .text,
 * call target = symbol value/8 + imm + 1); ELF/BTF layouts from their public specifications.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { decodeInsns, type Insn } from '../isa/insn.ts';
import type { BpfExtern, BpfGlobalSection, BpfMapDef, BpfObject, BpfProgram, BpfReloc, LineInfo } from '../isa/object.ts';
import { readExterns } from './readExterns.ts';
import { mapTypeName } from '../kernel/maps/types.ts';
import { BTF_KIND, btfMaps, globalFunc, parseBtf, parseBtfExt, strip, type Btf, type BtfExt, type BtfMapDesc } from './btf.ts';
import { ElfCode } from './codes.ts';
import {
  Bytes, elfError, parseElf, R_BPF, SHF_ALLOC, SHF_EXECINSTR, SHN_UNDEF, SHT_NOBITS, SHT_PROGBITS, STT_FUNC, STT_OBJECT,
  STT_NOTYPE, STT_SECTION, type ElfFile, type ElfSection, type ElfSymbol,
} from './elfio.ts';

export interface ReadResult {
  object?: BpfObject;
  diagnostics: Diagnostic[];
}

export interface ReadOptions {
  /**
   * 'merged' (default): `.data.*` / `.rodata.*` / `.bss.*` are merged into one `.data` / `.rodata`
   * / `.bss` section each (what our ELF writer writes back). 'separate': every such ELF section is
   * its own global section (and so its own map), named as in the ELF file, as libbpf loads it.
   */
  sections?: 'merged' | 'separate';
}

interface Func {
  sec: ElfSection;
  /** first slot and slot count inside the section */
  start: number;
  n: number;
  name: string;
}

type GlobalKind = '.data' | '.rodata' | '.bss';

/** Bigger `.bss`-style sections are refused (an array map value this size could not be created anyway). */
const MAX_GLOBAL_SECTION = 1 << 22;

/** Which merged global section an ELF section belongs to, if any. */
export function globalKind(name: string): GlobalKind | undefined {
  for (const k of ['.data', '.rodata', '.bss'] as const) if (name === k || name.startsWith(k + '.')) return k;
  return undefined;
}

/** Read a BPF `.o`. Never throws on bad input. */
export function readElf(bytes: Uint8Array, file: string, opts: ReadOptions = {}): ReadResult {
  const diagnostics: Diagnostic[] = [];
  try {
    const object = readInner(bytes, file, diagnostics, opts.sections === 'separate');
    return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { object, diagnostics };
  } catch (e) {
    // an internal bug, not bad input; still an error value so callers never crash
    diagnostics.push(elfError(file, 0, `internal error while reading the object: ${(e as Error).message}`, ElfCode.BadElf));
    return { diagnostics };
  }
}

function readInner(bytes: Uint8Array, file: string, diags: Diagnostic[], separate: boolean): BpfObject | undefined {
  const elf = parseElf(bytes, file, diags);
  if (!elf) return undefined;
  const err = (off: number, msg: string, code: number = ElfCode.BadProgram): void => void diags.push(elfError(file, off, msg, code));
  const sec = (name: string): ElfSection | undefined => elf.sections.find((s) => s.name === name);

  let btf: Btf | undefined;
  let ext: BtfExt | undefined;
  const btfSec = sec('.BTF');
  if (btfSec) btf = parseBtf(btfSec.data, file, btfSec.offset, diags);
  const extSec = sec('.BTF.ext');
  if (extSec && btf) ext = parseBtfExt(extSec.data, btf, file, extSec.offset, diags);
  if (diags.length) return undefined;

  // ---- global data: merge .data*/.rodata*/.bss* into one section of each kind (or keep them apart)
  const globals = new Map<string, { size: number; parts: { base: number; data?: Uint8Array }[]; symbols: BpfGlobalSection['symbols'] }>();
  const globalBase = new Map<number, { kind: string; base: number }>();
  for (const s of elf.sections) {
    const k0 = globalKind(s.name);
    if (!k0 || !(s.flags & SHF_ALLOC) || s.flags & SHF_EXECINSTR) continue;
    const kind = separate ? s.name : k0;
    const g = globals.get(kind) ?? { size: 0, parts: [], symbols: [] };
    globals.set(kind, g);
    const align = Math.max(1, Math.min(s.align || 1, 4096));
    const base = Math.ceil(g.size / align) * align;
    if (base + s.size > MAX_GLOBAL_SECTION) {
      err(s.offset, `section ${s.name}: size ${s.size} is too large for a global data section (the limit here is ${MAX_GLOBAL_SECTION} bytes)`, ElfCode.BadElf);
      return undefined;
    }
    globalBase.set(s.index, { kind, base });
    g.parts.push({ base, data: s.type === SHT_NOBITS ? undefined : s.data });
    g.size = base + s.size;
    for (const y of elf.symbols) {
      if (y.shndx !== s.index || y.type !== STT_OBJECT || !y.name) continue;
      if (y.value + y.size > s.size) {
        err(s.offset, `variable '${y.name}' (offset ${y.value}, size ${y.size}) does not fit section ${s.name} (size ${s.size})`, ElfCode.BadElf);
        return undefined;
      }
      g.symbols.push({ name: y.name, offset: base + y.value, size: y.size });
    }
  }

  // ---- maps
  const maps: BpfMapDef[] = [];
  const mapsSec = sec('.maps');
  if (mapsSec) {
    if (!btf) err(mapsSec.offset, 'the object has a .maps section but no .BTF section to describe it (compile with -g)', ElfCode.BadMap);
    else {
      const descs = btfMaps(btf, file, btfSec!.offset, diags);
      const offsetOf = (name: string): number => elf.symbols.find((y) => y.shndx === mapsSec.index && y.name === name)?.value ?? 0;
      for (const d of descs.sort((a, b) => offsetOf(a.name) - offsetOf(b.name))) maps.push(fromDesc(d));
      mapInitValues(elf, mapsSec, btf, maps, file, diags);
    }
  }
  for (const s of elf.sections.filter((s) => s.name === 'maps' || s.name.startsWith('maps/'))) {
    const body = new Bytes(s.data);
    const syms = elf.symbols.filter((y) => y.shndx === s.index && y.name && (y.type === STT_OBJECT || y.type === STT_NOTYPE)).sort((a, b) => a.value - b.value);
    for (const y of syms) {
      if (!body.has(y.value, 20)) {
        err(s.offset + y.value, `legacy map '${y.name}' at offset ${y.value} of section ${s.name}: struct bpf_map_def needs 20 bytes, the section has ${s.size}`, ElfCode.BadMap);
        continue;
      }
      const f = [0, 4, 8, 12, 16].map((o) => body.u32(y.value + o)!);
      maps.push(mapDef(y.name, f[0], f[1], f[2], f[3], f[4]));
    }
  }

  // ---- license
  const lic = sec('license');
  let license = '';
  if (lic) {
    const z = lic.data.indexOf(0);
    license = new TextDecoder().decode(lic.data.subarray(0, z < 0 ? lic.data.length : z));
  }

  // ---- functions of executable sections
  const execs = elf.sections.filter((s) => s.type === SHT_PROGBITS && s.flags & SHF_EXECINSTR && s.size > 0);
  const funcs: Func[] = [];
  for (const s of execs) {
    if (s.size % 8) {
      err(s.offset, `executable section ${s.name}: size ${s.size} is not a multiple of 8 (one BPF instruction slot)`);
      continue;
    }
    const fs = elf.symbols.filter((y) => y.type === STT_FUNC && y.shndx === s.index).sort((a, b) => a.value - b.value);
    for (const y of fs) {
      if (y.value % 8 || y.value + y.size > s.size) {
        err(s.offset, `function '${y.name}' (offset ${y.value}, size ${y.size}) does not fit section ${s.name} (size ${s.size})`);
        continue;
      }
      funcs.push({ sec: s, start: y.value / 8, n: y.size ? y.size / 8 : (s.size - y.value) / 8, name: y.name });
    }
    if (!fs.length) funcs.push({ sec: s, start: 0, n: s.size / 8, name: s.name });
  }
  if (diags.length) return undefined;

  const { externs, types } = readExterns(elf, btf);
  const programs: BpfProgram[] = [];
  for (const entry of funcs.filter((f) => f.sec.name !== '.text')) {
    const p = linkProgram(entry, elf, funcs, maps, globalBase, btf, ext, file, diags, externs);
    if (p) programs.push(p);
  }
  if (!programs.length && !diags.length) err(0, 'the object has no programs (no executable section other than .text with code)');
  const order: string[] = separate ? [...globals.keys()] : ['.data', '.rodata', '.bss'];
  return {
    programs,
    maps,
    globals: order.filter((k) => globals.has(k)).map((k) => {
      const g = globals.get(k)!;
      const bytes = new Uint8Array(g.size);
      for (const p of g.parts) if (p.data) bytes.set(p.data, p.base);
      return { name: k, bytes, symbols: g.symbols };
    }),
    license,
    ...(externs.length ? { externs, ...(types.length ? { types } : {}) } : {}),
  };
}

function mapDef(name: string, typeId: number, keySize: number, valueSize: number, maxEntries: number, flags: number): BpfMapDef {
  return { name, type: mapTypeName(typeId) ?? `unknown(${typeId})`, typeId, keySize, valueSize, maxEntries, flags };
}

/**
 * `.rel.maps`: the initial values of `__array(values, …)` members (`[i] = &prog` in a prog_array,
 * `[i] = &inner_map` in a map-in-map). A relocation at byte `o` of the map variable names slot
 * `(o - sizeof(definition struct)) / 8`; the struct size comes from the variable's BTF type (the
 * flexible `values` array adds nothing to it).
 */
function mapInitValues(elf: ElfFile, mapsSec: ElfSection, btf: Btf, maps: BpfMapDef[], file: string, diags: Diagnostic[]): void {
  const err = (off: number, msg: string): void => void diags.push(elfError(file, off, msg, ElfCode.BadReloc));
  for (const r of elf.rels.get(mapsSec.index) ?? []) {
    const where = `.rel.maps: relocation at .maps+${r.offset}`;
    const v = elf.symbols.find((y) => y.shndx === mapsSec.index && y.type !== STT_SECTION && y.name && y.value <= r.offset && r.offset < y.value + Math.max(y.size, 1));
    const m = v && maps.find((x) => x.name === v.name);
    if (!v || !m) { err(mapsSec.offset + r.offset, `${where} is not inside a map definition`); continue; }
    if (r.type !== R_BPF['64_ABS64'] && r.type !== R_BPF['64_64']) { err(mapsSec.offset + r.offset, `${where} (map '${m.name}'): relocation type ${r.type} is not R_BPF_64_ABS64`); continue; }
    const bv = btf.types.find((t) => t.kind === BTF_KIND.VAR && t.name === v.name);
    const st = bv ? strip(btf, bv.sizeOrType) : undefined;
    const base = st?.kind === BTF_KIND.STRUCT ? st.sizeOrType : undefined;
    const rel = base === undefined ? -1 : r.offset - v.value - base;
    if (rel < 0 || rel % 8) { err(mapsSec.offset + r.offset, `${where} (map '${m.name}') is not in its 'values' array`); continue; }
    const index = rel / 8;
    if (index >= m.maxEntries) { err(mapsSec.offset + r.offset, `${where}: slot ${index} of map '${m.name}' is past max_entries ${m.maxEntries}`); continue; }
    const sym = elf.symbols[r.symbol];
    const tsec = sym && sym.shndx > 0 && sym.shndx < elf.sections.length ? elf.sections[sym.shndx] : undefined;
    const isProg = m.typeId === BPF_MAP_TYPE_PROG_ARRAY;
    const ok = tsec && (isProg ? tsec.flags & SHF_EXECINSTR && sym.type === STT_FUNC : tsec === mapsSec && maps.some((x) => x.name === sym.name));
    if (!ok) { err(mapsSec.offset + r.offset, `${where}: slot ${index} of map '${m.name}' refers to '${sym?.name ?? `symbol #${r.symbol}`}', which is not ${isProg ? 'a program' : 'a map of this object'}`); continue; }
    (m.init ??= []).push({ index, symbol: sym.name });
  }
}

const BPF_MAP_TYPE_PROG_ARRAY = 3, BPF_MAP_TYPE_ARRAY_OF_MAPS = 12, BPF_MAP_TYPE_HASH_OF_MAPS = 13;

/**
 * A BTF map description as BPF_MAP_CREATE needs it, with the size libbpf fills in when the source
 * leaves it out: the values of map-in-map and prog_array maps declared with `__array(values, …)`
 * are 4-byte ids. Nothing else is defaulted (a perf_event_array without key/value sizes fails
 * to load with libbpf too; its 0 max_entries libbpf makes the number of possible CPUs at load).
 */
function fromDesc(d: BtfMapDesc): BpfMapDef {
  const { keySize } = d;
  let { valueSize } = d;
  if (d.hasValues && [BPF_MAP_TYPE_PROG_ARRAY, BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH_OF_MAPS].includes(d.type)) valueSize ||= 4;
  const def = mapDef(d.name, d.type, keySize, valueSize, d.maxEntries, d.flags);
  if (d.inner) def.inner = fromDesc(d.inner);
  return def;
}

/** Place `entry` and the functions it calls; resolve relocations; attach line info. */
function linkProgram(
  entry: Func, elf: ElfFile, funcs: Func[], maps: BpfMapDef[], globalBase: Map<number, { kind: string; base: number }>,
  btf: Btf | undefined, ext: BtfExt | undefined, file: string, diags: Diagnostic[], externs: BpfExtern[] = [],
): BpfProgram | undefined {
  const n0 = diags.length;
  const err = (off: number, msg: string, code: number = ElfCode.BadProgram): void => void diags.push(elfError(file, off, msg, code));
  const insns: Insn[] = [];
  const relocations: BpfReloc[] = [];
  const lineRecs = new Map<number, LineInfo>();
  const placed: { f: Func; base: number }[] = [];
  const calls: { pc: number; f: Func; tgt: number; ld: boolean }[] = [];
  const queue: Func[] = [entry];
  const funcAt = (s: ElfSection, slot: number): Func | undefined => funcs.find((f) => f.sec === s && f.start <= slot && slot < f.start + f.n);

  while (queue.length) {
    const f = queue.shift()!;
    if (placed.some((x) => x.f === f)) continue;
    const base = insns.length;
    placed.push({ f, base });
    const dec = decodeInsns(f.sec.data.subarray(f.start * 8, (f.start + f.n) * 8));
    insns.push(...dec.insns);
    const fileOff = (slot: number): number => f.sec.offset + (f.start + slot) * 8;
    const relocated = new Set<number>();
    const ncalls = calls.length;
    for (const r of elf.rels.get(f.sec.index) ?? []) {
      const slot = r.offset / 8;
      if (r.offset % 8 || slot < f.start || slot >= f.start + f.n) continue;
      const pc = base + slot - f.start;
      const ins = insns[pc];
      const sym: ElfSymbol = elf.symbols[r.symbol];
      const tsec = sym.shndx > 0 && sym.shndx < elf.sections.length ? elf.sections[sym.shndx] : undefined;
      relocated.add(pc);
      const where = `${f.sec.name}+${r.offset} (insn ${slot} of ${f.sec.name}, file offset ${fileOff(slot - f.start)})`;
      const ex = sym.shndx === SHN_UNDEF ? externs.find((e) => e.name === sym.name) : undefined;
      if (ex && r.type === R_BPF['64_64'] && ins.code === 0x18 && pc + 1 < insns.length) {
        // a .kconfig value's address (offset in libbpf's map), a __ksym variable's or kfunc's address
        relocations.push({ pc, symbol: ex.section, kind: 'data', addend: (ex.offset ?? 0) + ins.imm, extern: ex.name });
        insns[pc] = { ...ins, imm: 0, src: 0 };
        insns[pc + 1] = { ...insns[pc + 1], imm: 0 };
        continue;
      }
      if (ex?.func && r.type === R_BPF['64_32'] && ins.code === 0x85) {
        // a kfunc call: BPF_PSEUDO_KFUNC_CALL, the BTF id left to the loader
        relocations.push({ pc, symbol: ex.name, kind: 'call', addend: 0, extern: ex.name });
        insns[pc] = { ...ins, src: 2, imm: 0 };
        continue;
      }
      if (sym.shndx === SHN_UNDEF) {
        err(fileOff(slot - f.start), `${where}: relocation against extern symbol '${sym.name}' (it is not a __kconfig or __ksym extern of the object's BTF)`, ElfCode.Unsupported);
        continue;
      }
      if (r.type === R_BPF['64_32']) {
        if (ins.code !== 0x85 || ins.src !== 1) { err(fileOff(slot - f.start), `${where}: R_BPF_64_32 on an instruction that is not a bpf-to-bpf call (opcode 0x${ins.code.toString(16)})`, ElfCode.BadReloc); continue; }
        const tgt = sym.value / 8 + ins.imm + 1;
        const callee = tsec && funcAt(tsec, tgt);
        if (!callee) { err(fileOff(slot - f.start), `${where}: call target slot ${tgt} in section ${tsec?.name ?? '?'} is not inside any function`, ElfCode.BadReloc); continue; }
        calls.push({ pc, f: callee, tgt, ld: false });
      } else if (r.type === R_BPF['64_64']) {
        if (ins.code !== 0x18 || pc + 1 >= insns.length) { err(fileOff(slot - f.start), `${where}: R_BPF_64_64 on an instruction that is not ld_imm64 (opcode 0x${ins.code.toString(16)})`, ElfCode.BadReloc); continue; }
        const g = tsec ? globalBase.get(tsec.index) : undefined;
        if (tsec && (tsec.name === '.maps' || tsec.name === 'maps' || tsec.name.startsWith('maps/'))) {
          const name = sym.type === STT_SECTION ? elf.symbols.find((y) => y.shndx === tsec.index && y.value === sym.value + ins.imm && y.type !== STT_SECTION)?.name : sym.name;
          if (!name || !maps.some((m) => m.name === name)) { err(fileOff(slot - f.start), `${where}: relocation against '${name ?? sym.name}', which has no map definition`, ElfCode.BadMap); continue; }
          relocations.push({ pc, symbol: name, kind: 'map', addend: 0 });
          insns[pc] = { ...ins, imm: 0, src: 0 };
          insns[pc + 1] = { ...insns[pc + 1], imm: 0 };
        } else if (g) {
          const addend = g.base + sym.value + ins.imm;
          const limit = g.base + tsec!.size;
          if (addend < g.base || addend > limit) { err(fileOff(slot - f.start), `${where}: address ${tsec!.name}+${sym.value + ins.imm} is outside ${tsec!.name} (size ${tsec!.size})`, ElfCode.BadReloc); continue; }
          relocations.push({ pc, symbol: g.kind, kind: 'data', addend });
          insns[pc] = { ...ins, imm: 0, src: 0 };
          insns[pc + 1] = { ...insns[pc + 1], imm: 0 };
        } else if (tsec && tsec.flags & SHF_EXECINSTR) {
          const tgt = (sym.value + ins.imm) / 8;
          const callee = funcAt(tsec, tgt);
          if (!callee || !Number.isInteger(tgt)) { err(fileOff(slot - f.start), `${where}: function address target in ${tsec.name} is not inside any function`, ElfCode.BadReloc); continue; }
          calls.push({ pc, f: callee, tgt, ld: true });
        } else {
          err(fileOff(slot - f.start), `${where}: relocation against '${sym.name}' in section ${tsec?.name ?? '?'}, which is neither a map, global data nor a function`, ElfCode.Unsupported);
        }
      } else {
        err(fileOff(slot - f.start), `${where}: relocation type ${r.type} is not valid in code (expected R_BPF_64_64 or R_BPF_64_32)`, ElfCode.BadReloc);
      }
    }
    for (let j = 0; j < f.n; j++) {
      const pc = base + j;
      const ins = insns[pc];
      if (ins.code === 0x85 && ins.src === 1 && !relocated.has(pc)) {
        const tgt = f.start + j + ins.imm + 1;
        const callee = funcAt(f.sec, tgt);
        if (!callee) { err(fileOff(j), `${f.sec.name} insn ${f.start + j}: pc-relative call to slot ${tgt}, which is not inside a function of ${f.sec.name}`, ElfCode.BadReloc); continue; }
        calls.push({ pc, f: callee, tgt, ld: false });
      }
      if (ins.code === 0x18) j++;
    }
    for (const c of calls.slice(ncalls)) queue.push(c.f);
    for (const r of ext?.lineInfo.get(f.sec.name) ?? []) {
      const slot = r.insnOff / 8;
      if (slot < f.start || slot >= f.start + f.n || !Number.isInteger(slot)) continue;
      const li: LineInfo = { file: btf!.str(r.a) ?? '', line: r.c! >>> 10, col: r.c! & 0x3ff };
      const text = btf!.str(r.b!);
      if (text) li.text = text;
      lineRecs.set(base + slot - f.start, li);
    }
  }
  if (diags.length > n0) return undefined;
  const startOf = new Map(placed.map((x) => [x.f, x.base]));
  for (const c of calls) {
    const rel = startOf.get(c.f)! + c.tgt - c.f.start - (c.pc + 1);
    insns[c.pc] = c.ld ? { ...insns[c.pc], src: 4, imm: rel } : { ...insns[c.pc], imm: rel };
    relocations.push({ pc: c.pc, symbol: c.f.name, kind: 'call', addend: 0 });
  }
  relocations.sort((a, b) => a.pc - b.pc);
  const lineInfo: LineInfo[] = [];
  let cur: LineInfo = { file: '', line: 0, col: 0 };
  for (let pc = 0; pc < insns.length; pc++) {
    if (placed.some((x) => x.base === pc)) cur = { file: '', line: 0, col: 0 };
    cur = lineRecs.get(pc) ?? cur;
    lineInfo.push(cur);
  }
  const prog: BpfProgram = { name: entry.name, section: entry.sec.name, insns, relocations, lineInfo };
  if (placed.length > 1) {
    prog.subprograms = placed.slice(1).map((x) => {
      const global = btf && globalFunc(btf, x.f.name);
      return global ? { name: x.f.name, pc: x.base, global } : { name: x.f.name, pc: x.base };
    });
  }
  return prog;
}
