/**
 * ELF64 little-endian container parsing for BPF relocatable objects: the file header, section
 * headers, string tables, the symbol table and REL relocation sections. Every read is bounds
 * checked; a problem becomes a Diagnostic naming the byte offset and what was wrong, never an
 * exception.
 *
 * Does: the generic ELF layer (no BPF meaning beyond checking EM_BPF). Does not: program
 * linking, BTF, maps (see `read.ts`, `btf.ts`), big-endian or 32-bit ELF, RELA sections.
 * Provenance: field offsets and constants from the System V ABI gABI (ELF-64 Object File Format)
 * and the LLVM BPF backend's relocation numbers (`R_BPF_*`, llvm/BinaryFormat/ELFRelocs/BPF.def).
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { ElfCode } from './codes.ts';

export const ET_REL = 1;
export const EM_BPF = 247;
export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_LLVM_ADDRSIG = 0x6fff4c03;
export const SHF_WRITE = 1;
export const SHF_ALLOC = 2;
export const SHF_EXECINSTR = 4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;
export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;

/** LLVM's BPF relocation types (ELFRelocs/BPF.def). */
export const R_BPF = { NONE: 0, '64_64': 1, '64_ABS64': 2, '64_ABS32': 3, '64_NODYLD32': 4, '64_32': 10 } as const;
export const R_BPF_NAMES: Record<number, string> = {
  0: 'R_BPF_NONE', 1: 'R_BPF_64_64', 2: 'R_BPF_64_ABS64', 3: 'R_BPF_64_ABS32', 4: 'R_BPF_64_NODYLD32', 10: 'R_BPF_64_32',
};

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
  /** The section's bytes (empty for SHT_NOBITS). */
  data: Uint8Array;
}

export interface ElfSymbol {
  index: number;
  name: string;
  type: number;
  bind: number;
  shndx: number;
  value: number;
  size: number;
}

export interface ElfRel {
  offset: number;
  symbol: number;
  type: number;
}

export interface ElfFile {
  sections: ElfSection[];
  symbols: ElfSymbol[];
  /** Relocations by the index of the section they apply to. */
  rels: Map<number, ElfRel[]>;
}

/** A bounds-checked little-endian view; out-of-range reads return undefined. */
export class Bytes {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  has(off: number, n: number): boolean {
    return Number.isInteger(off) && off >= 0 && n >= 0 && off + n <= this.bytes.length;
  }
  u8(off: number): number | undefined {
    return this.has(off, 1) ? this.bytes[off] : undefined;
  }
  u16(off: number): number | undefined {
    return this.has(off, 2) ? this.view.getUint16(off, true) : undefined;
  }
  u32(off: number): number | undefined {
    return this.has(off, 4) ? this.view.getUint32(off, true) : undefined;
  }
  i32(off: number): number | undefined {
    return this.has(off, 4) ? this.view.getInt32(off, true) : undefined;
  }
  /** u64 as a number; values above 2^53 come back as Infinity so range checks fail. */
  u64(off: number): number | undefined {
    if (!this.has(off, 8)) return undefined;
    const v = this.view.getBigUint64(off, true);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
  }
  /** NUL-terminated string at `off`; undefined when `off` is outside or there is no NUL. */
  cstr(off: number): string | undefined {
    if (!this.has(off, 1)) return undefined;
    const end = this.bytes.indexOf(0, off);
    if (end < 0) return undefined;
    return new TextDecoder().decode(this.bytes.subarray(off, end));
  }
}

export function elfError(file: string, offset: number, message: string, code: number = ElfCode.BadElf): Diagnostic {
  return { code, severity: 'error', message, span: { file, start: Math.max(0, offset), end: Math.max(0, offset) + 1 } };
}

const hex = (n: number): string => '0x' + n.toString(16);

/**
 * Parse the container. Returns undefined (with diagnostics) when the header or section table is
 * unusable; later problems (a bad symbol, a relocation out of range) are reported and skipped.
 */
export function parseElf(bytes: Uint8Array, file: string, diags: Diagnostic[]): ElfFile | undefined {
  const b = new Bytes(bytes);
  const err = (off: number, msg: string, code?: number): undefined => {
    diags.push(elfError(file, off, msg, code));
    return undefined;
  };
  if (bytes.length < 64) return err(0, `truncated ELF header: the file has ${bytes.length} bytes, an ELF64 header needs 64`, ElfCode.Truncated);
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return err(0, 'not an ELF file (bad magic; expected 7f 45 4c 46)', ElfCode.NotElf);
  if (bytes[4] !== 2) return err(4, `unsupported ELF class ${bytes[4]} at byte 4 (expected 2, ELF64)`);
  if (bytes[5] !== 1) return err(5, `unsupported data encoding ${bytes[5]} at byte 5 (expected 1, little-endian)`);
  const type = b.u16(16)!;
  const machine = b.u16(18)!;
  if (machine !== EM_BPF) return err(18, `e_machine is ${machine} at byte 18, expected 247 (EM_BPF): not a BPF object`);
  if (type !== ET_REL) return err(16, `e_type is ${type} at byte 16, expected 1 (ET_REL, a relocatable .o)`);
  const shoff = b.u64(40)!;
  const shentsize = b.u16(58)!;
  const shnum = b.u16(60)!;
  const shstrndx = b.u16(62)!;
  if (shnum === 0) return err(60, 'the file has no section headers (e_shnum is 0)');
  if (shentsize !== 64) return err(58, `e_shentsize is ${shentsize} at byte 58, expected 64`);
  if (!b.has(shoff, shnum * 64)) {
    return err(40, `section header table at offset ${shoff} (${shnum} entries of 64 bytes) runs past the end of the file (${bytes.length} bytes)`, ElfCode.Truncated);
  }
  const sections: ElfSection[] = [];
  for (let i = 0; i < shnum; i++) {
    const h = shoff + i * 64;
    const s: ElfSection = {
      index: i, name: '', type: b.u32(h + 4)!, flags: b.u64(h + 8)!, offset: b.u64(h + 24)!, size: b.u64(h + 32)!,
      link: b.u32(h + 40)!, info: b.u32(h + 44)!, align: b.u64(h + 48)!, entsize: b.u64(h + 56)!, data: new Uint8Array(0),
    };
    if (s.type !== SHT_NOBITS && s.type !== SHT_NULL) {
      if (!b.has(s.offset, s.size)) {
        return err(h + 24, `section ${i}: contents at offset ${s.offset} size ${s.size} lie outside the file (${bytes.length} bytes; header at ${h})`, ElfCode.Truncated);
      }
      s.data = bytes.subarray(s.offset, s.offset + s.size);
    }
    sections.push(s);
  }
  if (shstrndx >= shnum || sections[shstrndx].type !== SHT_STRTAB) return err(62, `e_shstrndx ${shstrndx} at byte 62 is not a string table section`);
  const shstr = new Bytes(sections[shstrndx].data);
  for (const s of sections) {
    const nameOff = b.u32(shoff + s.index * 64)!;
    const name = shstr.cstr(nameOff);
    if (name === undefined) return err(shoff + s.index * 64, `section ${s.index}: bad name offset ${nameOff} in the section-name string table (size ${shstr.length})`, ElfCode.BadString);
    s.name = name;
  }
  const symbols: ElfSymbol[] = [];
  const symtabs = sections.filter((s) => s.type === SHT_SYMTAB);
  if (symtabs.length > 1) return err(shoff + symtabs[1].index * 64, 'more than one symbol table');
  const symtab = symtabs[0];
  if (symtab) {
    if (symtab.link >= shnum || sections[symtab.link].type !== SHT_STRTAB) {
      return err(shoff + symtab.index * 64 + 40, `symbol table ${symtab.name}: sh_link ${symtab.link} is not a string table`);
    }
    const strtab = new Bytes(sections[symtab.link].data);
    const sb = new Bytes(symtab.data);
    if (symtab.size % 24 !== 0) return err(symtab.offset, `symbol table size ${symtab.size} is not a multiple of 24`);
    for (let i = 0; i < symtab.size / 24; i++) {
      const o = i * 24;
      const nameOff = sb.u32(o)!;
      const name = strtab.cstr(nameOff);
      if (name === undefined) return err(symtab.offset + o, `symbol ${i}: bad name offset ${nameOff} in ${sections[symtab.link].name} (size ${strtab.length})`, ElfCode.BadString);
      const info = sb.u8(o + 4)!;
      const sym: ElfSymbol = { index: i, name, type: info & 15, bind: info >> 4, shndx: sb.u16(o + 6)!, value: sb.u64(o + 8)!, size: sb.u64(o + 16)! };
      if (sym.shndx >= shnum && sym.shndx < 0xff00) return err(symtab.offset + o + 6, `symbol ${i} '${name}': section index ${sym.shndx} does not exist (${shnum} sections)`);
      if (sym.type === STT_SECTION && sym.name === '' && sym.shndx < shnum) sym.name = sections[sym.shndx].name;
      symbols.push(sym);
    }
  }
  const rels = new Map<number, ElfRel[]>();
  for (const s of sections) {
    if (s.type === SHT_RELA) return err(shoff + s.index * 64 + 4, `section ${s.name}: RELA relocations are not used by BPF objects`);
    if (s.type !== SHT_REL) continue;
    if (s.info >= shnum || s.info === 0) return err(shoff + s.index * 64 + 44, `relocation section ${s.name}: sh_info ${s.info} names no section`);
    if (s.size % 16 !== 0) return err(s.offset, `relocation section ${s.name}: size ${s.size} is not a multiple of 16`);
    const target = sections[s.info];
    const rb = new Bytes(s.data);
    const list: ElfRel[] = [];
    for (let o = 0; o < s.size; o += 16) {
      const r: ElfRel = { offset: rb.u64(o)!, symbol: rb.u32(o + 12)!, type: rb.u32(o + 8)! };
      if (!(r.type in R_BPF_NAMES)) return err(s.offset + o + 8, `relocation section ${s.name}, entry ${o / 16}: unknown relocation type ${r.type} (BPF knows 0, 1, 2, 3, 4, 10)`, ElfCode.BadReloc);
      if (r.symbol >= symbols.length) return err(s.offset + o + 12, `relocation section ${s.name}, entry ${o / 16}: symbol index ${r.symbol} out of range (${symbols.length} symbols)`, ElfCode.BadReloc);
      if (r.offset >= target.size && target.type !== SHT_NOBITS) {
        return err(s.offset + o, `relocation section ${s.name}, entry ${o / 16}: offset ${hex(r.offset)} is outside ${target.name} (size ${target.size})`, ElfCode.BadReloc);
      }
      list.push(r);
    }
    rels.set(s.info, list);
  }
  return { sections, symbols, rels };
}
