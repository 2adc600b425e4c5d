/** `ebpf-playground disasm FILE.bin|FILE.hex|FILE.s [--dialect llvm|kernel]` */
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
  listing(r.value.insns, dialect, r.value.relocs).forEach((l) => io.out(l));
  return 0;
}
