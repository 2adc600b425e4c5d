/**
 * `ebpf-playground disasm FILE.bin|FILE.hex|FILE.s|FILE.o [--dialect llvm|kernel]`
 *
 * A `.o` lists every program as llvm-objdump -d does: `Disassembly of section SEC:` and a
 * `<function>:` line before each function (subprograms appear inside each program that calls
 * them, at the pc the loader gives them, as libbpf links them).
 */
import type { BpfObject } from '../isa/object.ts';
import { flag, parseArgs, UsageError } from './args.ts';
import { loadProgram } from './input.ts';
import { listing } from './listing.ts';
import type { Io } from './main.ts';

export function cmdDisasm(argv: readonly string[], io: Io): number {
  const p = parseArgs(argv, { dialect: { value: true } });
  if (p.positional.length !== 1) throw new UsageError('disasm takes exactly one FILE');
  const dialect = flag(p, 'dialect') ?? 'llvm';
  if (dialect !== 'llvm' && dialect !== 'kernel') throw new UsageError(`unknown output dialect '${dialect}' (llvm or kernel)`);
  const r = loadProgram(p.positional[0]);
  if (!r.ok) {
    r.errors.forEach((e) => io.err(e));
    return 2;
  }
  if (r.value.object) objectListing(r.value.object, dialect).forEach((l) => io.out(l));
  else listing(r.value.insns, dialect, r.value.relocs).forEach((l) => io.out(l));
  return 0;
}

/** Every program of an object with llvm-objdump's section and function headers. */
export function objectListing(obj: BpfObject, dialect: 'llvm' | 'kernel'): string[] {
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
    let k = 0;
    for (let pc = 0; pc < prog.insns.length; pc++) {
      const name = starts.get(pc);
      if (name !== undefined) out.push('', `${(pc * 8).toString(16).padStart(16, '0')} <${name}>:`);
      if (pc > 0 && prog.insns[pc - 1].code === 0x18 && prog.insns[pc].code === 0) continue;
      out.push(lines[k++]);
    }
  }
  return out;
}
