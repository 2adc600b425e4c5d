/** `ebpf-playground run FILE [--mem HEX] [--budget N] [--trace] [--json]` */
import { disassembleInsn } from '../isa/disasm.ts';
import { parseHex, toHex } from '../isa/hex.ts';
import { runProgram, type RunResult, type TraceStep } from '../vm/index.ts';
import { flag, has, intFlag, parseArgs, UsageError } from './args.ts';
import { loadProgram } from './input.ts';
import type { Io } from './main.ts';

const hex64 = (v: bigint) => '0x' + v.toString(16);

export function cmdRun(argv: readonly string[], io: Io): number {
  const p = parseArgs(argv, {
    mem: { value: true },
    budget: { value: true },
    trace: {},
    json: {},
    dialect: { value: true },
    type: { value: true },
  });
  if (p.positional.length !== 1) throw new UsageError('run takes exactly one FILE');
  const type = flag(p, 'type');
  if (type !== undefined) {
    io.err(`ebpf-playground run: error: program types (--type ${type}) arrive with the kernel runtime; this build runs raw programs with --mem`);
    return 2;
  }
  const budget = intFlag(p, 'budget', 1, 1_000_000_000);
  let mem: Uint8Array | undefined;
  const memText = flag(p, 'mem');
  if (memText !== undefined) {
    const h = parseHex(memText, '--mem');
    if (h.diagnostics.length) {
      const d = h.diagnostics[0];
      io.err(`ebpf-playground run: error: --mem, column ${(d.span?.start ?? 0) + 1}: ${d.message}`);
      return 2;
    }
    mem = h.bytes;
  }
  const r = loadProgram(p.positional[0], { dialect: flag(p, 'dialect') });
  if (!r.ok) {
    r.errors.forEach((e) => io.err(e));
    return 2;
  }
  const { insns } = r.value;
  const trace = has(p, 'trace');
  const res = runProgram(insns, { mem, budget, trace });
  const text = (pc: number) => disassembleInsn(insns, pc, { dialect: 'llvm' });
  if (has(p, 'json')) {
    io.out(JSON.stringify(toJson(res, trace ? text : undefined)));
  } else {
    if (trace && res.trace) res.trace.forEach((s, k) => io.out(traceLine(k, s, text(s.pc))));
    if (res.oops) io.out(res.oops.message);
    else io.out(`r0 = ${hex64(res.r0)} (${res.r0})`);
    io.out(`${res.steps} instruction${res.steps === 1 ? '' : 's'} executed`);
    if (res.mem && mem) io.out(`mem = ${toHex(res.mem)}`);
  }
  return res.oops ? 1 : 0;
}

function toJson(res: RunResult, text?: (pc: number) => string) {
  return {
    retval: Number(res.r0 & 0xffffffffn),
    retvalName: null,
    r0: hex64(res.r0),
    exited: res.exited,
    steps: res.steps,
    engine: 'ref',
    oops: res.oops ? { kind: res.oops.kind, pc: res.oops.pc, address: res.oops.address === undefined ? null : hex64(res.oops.address), message: res.oops.message } : null,
    mem: res.mem ? toHex(res.mem) : null,
    tracePipe: [],
    events: [],
    maps: {},
    ...(text && res.trace
      ? {
          trace: res.trace.map((s) => ({
            pc: s.pc,
            frame: s.frame,
            insn: text(s.pc),
            regs: Object.fromEntries(s.regs.map(([r, v]) => [`r${r}`, hex64(v)])),
            mem: s.mem.map((m) => ({ addr: hex64(m.addr), size: m.size, value: hex64(m.value) })),
          })),
        }
      : {}),
  };
}

function traceLine(k: number, s: TraceStep, text: string): string {
  const parts = s.regs.map(([r, v]) => `r${r}=${hex64(v)}`);
  for (const m of s.mem) parts.push(`*(u${m.size * 8} *)${hex64(m.addr)}=${hex64(m.value)}`);
  const head = `${String(k).padStart(6)} ${s.frame ? `frame${s.frame} ` : ''}${String(s.pc).padStart(4)}: ${text}`;
  return parts.length ? `${head.padEnd(56)} ; ${parts.join(' ')}` : head;
}
