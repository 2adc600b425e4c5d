/**
 * `ebpf-playground compile FILE.c [-o out.o] [--json]`: C to a BPF ELF object (loadable by
 * bpftool), or the object as JSON (programs with instructions, relocations and line info; maps;
 * globals; license; CO-RE relocations and the types they name), or by default an
 * llvm-objdump-style listing of every program.
 *
 * `#include "x.h"` finds x.h beside the including file; `-I DIR` (or `-IDIR`, repeatable) adds
 * directories to search, as clang's `-I` does (see `cSources` in input.ts).
 */
import { readFileSync } from 'node:fs';
import { compile, sourceText } from '../compiler/driver.ts';
import { writeElf } from '../elf/index.ts';
import { disassembleInsn } from '../isa/disasm.ts';
import { toHex } from '../isa/hex.ts';
import { flag, has, parseArgs, UsageError } from './args.ts';
import { objectListing } from './disasmCmd.ts';
import { cSources, extensionOf, formatDiagnostic } from './input.ts';
import type { Io } from './main.ts';

/** `-Idir` → `-I`, `dir` (clang's joined form), so the parser sees one shape. */
export function splitJoinedI(argv: readonly string[]): string[] {
  return argv.flatMap((a) => (/^-I./.test(a) ? ['-I', a.slice(2)] : [a]));
}

export function cmdCompile(argv: readonly string[], io: Io): number {
  const p = parseArgs(splitJoinedI(argv), {
    o: { value: true, short: 'o' }, output: { value: true }, json: {}, source: { short: 'S' }, reloc: { short: 'r' },
    include: { value: true, repeat: true, short: 'I' },
  });
  if (p.positional.length !== 1) throw new UsageError('compile takes exactly one FILE.c');
  const file = p.positional[0];
  if (extensionOf(file) !== 'c') throw new UsageError(`compile takes a .c file, got '${file}'`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    io.err(`${file}: error: cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  const sources = cSources(file, text, p.flags.get('include') ?? []);
  const r = compile(sources, file);
  for (const d of r.diagnostics) io.err(formatDiagnostic(d, d.span ? sourceText(sources, d.span.file) : undefined));
  if (!r.object || r.diagnostics.some((d) => d.severity === 'error')) return 2;
  const obj = r.object;
  const out = flag(p, 'o') ?? flag(p, 'output');
  if (out) {
    try {
      io.writeFile(out, writeElf(obj));
    } catch (e) {
      io.err(`${out}: error: cannot write file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return 2;
    }
  }
  if (has(p, 'json')) {
    io.out(
      JSON.stringify({
        file,
        license: obj.license,
        programs: obj.programs.map((prog) => ({
          name: prog.name,
          section: prog.section,
          insns: prog.insns.map((i, pc) => ({
            pc,
            code: i.code,
            dst: i.dst,
            src: i.src,
            off: i.off,
            imm: i.imm,
            ...(pc > 0 && prog.insns[pc - 1].code === 0x18 ? {} : { text: disassembleInsn(prog.insns, pc, { dialect: 'llvm' }) }),
          })),
          relocations: prog.relocations,
          lineInfo: prog.lineInfo.map(({ file: f, line, col }) => ({ file: f, line, col })),
          subprograms: prog.subprograms ?? [],
          coreRelocs: prog.coreRelocs ?? [],
        })),
        maps: obj.maps,
        ...(obj.types ? { types: obj.types } : {}),
        globals: obj.globals.map((g) => ({ name: g.name, bytes: toHex(g.bytes), symbols: g.symbols })),
      }),
    );
  } else if (!out) {
    objectListing(obj, 'llvm', { source: has(p, 'source'), relocs: has(p, 'reloc') }).forEach((l) => io.out(l));
  }
  return 0;
}
