/**
 * `ebpf-playground`: the core on the command line, for tests, benchmarks and autograders.
 * The contract is DESIGN.md's "The command line". Subcommands here: asm, disasm, run, conformance
 * (compile and verify arrive with the compiler and verifier).
 *
 * Exit status: 0 success, 1 the program failed (oops, budget, a failing conformance vector),
 * 2 bad input or usage (one clear line per problem on stderr; never a stack trace).
 */
import { writeFileSync } from 'node:fs';
import { UsageError } from './args.ts';
import { cmdAsm } from './asmCmd.ts';
import { cmdDisasm } from './disasmCmd.ts';
import { cmdRun } from './runCmd.ts';
import { cmdConformance } from './conformanceCmd.ts';
import { cmdCompile } from './compileCmd.ts';
import { cmdVerify } from './verifyCmd.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  writeFile: (path: string, data: Uint8Array | string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  writeFile: (p, d) => writeFileSync(p, d),
};

export const USAGE = `usage: ebpf-playground <command> [options]

commands:
  asm FILE.s [-o out.bin] [--dialect llvm|kernel|ubpf] [--hex]
        assemble; prints an llvm-objdump-style listing, or writes raw bytecode with -o
  disasm FILE.bin|FILE.hex|FILE.s [--dialect llvm|kernel]
        disassemble in the llvm-objdump dialect (default) or the kernel verifier-log dialect
  run FILE [--type T] [--packet HEX... | --pcap IN [--out OUT] | --scenario NAME [--seed N]
           [--count N | --duration 5s] [--rate PPS]] [--map SPEC]... [--maps] [--repeat N]
           [--engine ref|fast] [--mem HEX] [--budget N] [--trace] [--json] [--prog NAME]
           [--verify strict | --no-verify]
        run in the reference interpreter: with --type, as BPF_PROG_TEST_RUN runs that program type
        on each --packet against the same maps; without, r1 = a writable copy of --mem, r2 = its length.
        With a type, each program is verified first (as the kernel does at load): accepted ones run
        "verified" (the fast engine's proven mode); a rejected one runs unverified after a note on
        stderr, or with --verify strict is refused (exit 1); --no-verify skips the verifier.
        A .c / .o is loaded whole (prog_array / map-in-map slots filled, so tail calls work) and
        runs its first program by section order, or --prog NAME (function or section name)
  verify FILE... --type T [--map NAME:TYPE:KEY:VALUE:MAX]... [--log-level 0|1|2] [--json]
        verify with the Linux 6.18 verifier re-implementation; kernel-format log
  compile FILE.c [-o out.o] [--json]
        compile libbpf-style C to a BPF ELF object (bpftool loads it), JSON, or a listing
  conformance DIR
        run every bpf_conformance *.data vector in DIR; ends with "N passed, M failed"`;

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'asm':
        return cmdAsm(rest, io);
      case 'disasm':
        return cmdDisasm(rest, io);
      case 'run':
        return cmdRun(rest, io);
      case 'conformance':
        return await cmdConformance(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE);
        return cmd === undefined ? 2 : 0;
      case 'verify':
        return cmdVerify(rest, io);
      case 'compile':
        return cmdCompile(rest, io);
      default:
        io.err(`ebpf-playground: error: unknown command '${cmd}' (try --help)`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ebpf-playground ${cmd}: error: ${e.message}`);
      return 2;
    }
    // An internal bug: still one line, with a pointer for a bug report, never a stack trace.
    io.err(`ebpf-playground ${cmd ?? ''}: internal error: ${(e as Error)?.message ?? String(e)}`);
    return 2;
  }
}
