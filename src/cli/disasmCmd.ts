/**
 * `ebpf-playground disasm FILE.bin|FILE.hex|FILE.s|FILE.o [--dialect llvm|kernel] [-S] [-r]`
 *
 * A `.o` lists every program as llvm-objdump -d does: `Disassembly of section SEC:` and a
 * `<function>:` line before each function (subprograms appear inside each program that calls
 * them, at the pc the loader gives them, as libbpf links them). `-S` interleaves the source
 * lines from the object's line info as `llvm-objdump -S` does (`; <line>` before the first
 * instruction of each new source line; the text comes from .BTF.ext line_info, where
 * llvm-objdump reads DWARF, so the two can differ where clang's DWARF and BTF rows differ).
 * `-r` adds the CO-RE relocation lines `llvm-objdump -dr` prints.
 */
import type { BpfObject } from '../isa/object.ts';
import { describeCoreReloc } from '../compiler/btfTypes.ts';
import { flag, has, parseArgs, UsageError } from './args.ts';
import { loadProgram } from './input.ts';
import { listing } from './listing.ts';
import type { Io } from './main.ts';

export function cmdDisasm(argv: readonly string[], io: Io): number {
  const p = parseArgs(argv, { dialect: { value: true }, source: { short: 'S' }, reloc: { short: 'r' } });
  if (p.positional.length !== 1) throw new UsageError('disasm takes exactly one FILE');
  const dialect = flag(p, 'dialect') ?? 'llvm';
  if (dialect !== 'llvm' && dialect !== 'kernel') throw new UsageError(`unknown output dialect '${dialect}' (llvm or kernel)`);
  const r = loadProgram(p.positional[0]);
  if (!r.ok) {
    r.errors.forEach((e) => io.err(e));
    return 2;
  }
  if (r.value.object) objectListing(r.value.object, dialect, { source: has(p, 'source'), relocs: has(p, 'reloc') }).forEach((l) => io.out(l));
  else listing(r.value.insns, dialect, r.value.relocs).forEach((l) => io.out(l));
  return 0;
}

/**
 * llvm-objdump names a jump's target in an object: ` <func+0xOFF>` (byte offset from the function
 * symbol at or before the target; ` <func>` at the symbol itself).
 */
function jumpSymbol(i: { code: number; off: number; imm: number }, pc: number, starts: Map<number, string>): string {
  const cls = i.code & 7;
  const op = i.code & 0xf0;
  if ((cls !== 5 && cls !== 6) || op === 0x80 || op === 0x90) return '';
  const target = pc + 1 + (cls === 6 && op === 0 ? i.imm : i.off);
  let at = -1;
  for (const s of starts.keys()) if (s <= target && s > at) at = s;
  if (at < 0) return '';
  const off = (target - at) * 8;
  return off ? ` <${starts.get(at)}+0x${off.toString(16)}>` : ` <${starts.get(at)}>`;
}

export interface ListingOptions {
  /** `-S`: `; <source line>` before the first instruction of each new line (llvm dialect). */
  source?: boolean;
  /** `-r`: CO-RE relocation lines after the instructions they patch (llvm dialect). */
  relocs?: boolean;
}

/** Every program of an object with llvm-objdump's section and function headers. */
export function objectListing(obj: BpfObject, dialect: 'llvm' | 'kernel', opts: ListingOptions = {}): string[] {
  const out: string[] = [];
  let section: string | undefined;
  for (const prog of obj.programs) {
    if (prog.section !== section) {
      section = prog.section;
      out.push('', `Disassembly of section ${section}:`);
    }
    // name relocated slots: maps by name, globals by variable (or section+offset), calls by function
    const relocs = prog.relocations.map((x) => {
      if (x.kind !== 'data') return x;
      const g = obj.globals.find((s) => s.name === x.symbol);
      const v = g?.symbols.find((s) => s.offset === x.addend);
      return { ...x, symbol: v ? v.name : x.addend ? `${x.symbol}+${x.addend}` : x.symbol };
    });
    const starts = new Map<number, string>([[0, prog.name], ...(prog.subprograms ?? []).map((s): [number, string] => [s.pc, s.name])]);
    const lines = listing(prog.insns, dialect, relocs);
    const core = new Map((opts.relocs ? prog.coreRelocs ?? [] : []).map((c) => [c.pc, c]));
    let k = 0;
    let shown: string | undefined;
    for (let pc = 0; pc < prog.insns.length; pc++) {
      const name = starts.get(pc);
      if (name !== undefined) out.push('', `${(pc * 8).toString(16).padStart(16, '0')} <${name}>:`);
      if (pc > 0 && prog.insns[pc - 1].code === 0x18 && prog.insns[pc].code === 0) continue;
      const li = opts.source && dialect === 'llvm' ? prog.lineInfo[pc] : undefined;
      if (li && li.line > 0 && li.text !== undefined && `${li.file}:${li.line}` !== shown) {
        out.push(`; ${li.text}`);
        shown = `${li.file}:${li.line}`;
      }
      out.push(dialect === 'llvm' ? lines[k++] + jumpSymbol(prog.insns[pc], pc, starts) : lines[k++]);
      const c = core.get(pc);
      if (c && dialect === 'llvm') out.push(`\t\t${(pc * 8).toString(16).padStart(16, '0')}:  ${describeCoreReloc(obj.types ?? [], c)}`);
    }
  }
  return out;
}
