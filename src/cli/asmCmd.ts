/** `ebpf-playground asm FILE.s [-o out.bin] [--dialect D] [--hex]` */
import { encodeInsns } from '../isa/insn.ts';
import { toHex } from '../isa/hex.ts';
import { flag, has, parseArgs, UsageError } from './args.ts';
import { loadProgram } from './input.ts';
import { listing } from './listing.ts';
import type { Io } from './main.ts';

export function cmdAsm(argv: readonly string[], io: Io): number {
  const p = parseArgs(argv, { o: { value: true, short: 'o' }, output: { value: true }, dialect: { value: true }, hex: {} });
  if (p.positional.length !== 1) throw new UsageError('asm takes exactly one FILE.s');
  const dialect = flag(p, 'dialect');
  if (dialect && !['llvm', 'kernel', 'ubpf', 'auto'].includes(dialect)) throw new UsageError(`unknown dialect '${dialect}' (llvm, kernel, ubpf)`);
  const file = p.positional[0];
  const r = loadProgram(file, { dialect });
  if (!r.ok) {
    r.errors.forEach((e) => io.err(e));
    return 2;
  }
  const bytes = encodeInsns(r.value.insns);
  const out = flag(p, 'o') ?? flag(p, 'output');
  if (out) {
    try {
      io.writeFile(out, bytes);
    } catch (e) {
      io.err(`${out}: error: cannot write file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return 2;
    }
    return 0;
  }
  if (has(p, 'hex')) io.out(toHex(bytes));
  else listing(r.value.insns, 'llvm', r.value.relocs).forEach((l) => io.out(l));
  return 0;
}
