/**
 * The worker's job, as a pure function: source text → assemble → validate → run with trace.
 *
 * `runSource` never throws for bad input: assembler and encoding problems come back as
 * diagnostics with line:col, a runaway program ends on the VM's instruction budget, and
 * `handleRequest` turns any unexpected exception (an internal bug) into a `failure` answer, so
 * nothing is ever thrown across the worker boundary.
 *
 * Tracing: a traced run keeps every step in memory, so the trace is capped (`traceLimit`). When
 * a program runs longer than that, it is run a second time untraced with the full budget; the VM
 * is deterministic (no map or helper state yet), so the kept trace is an exact prefix of it.
 *
 * Input: `mem` (hex text) is parsed here too; its errors are 'input' diagnostics positioned in
 * the mem text, and nothing runs.
 *
 * The verifier (src/verifier) checks every assembled program as `req.progType` (default xdp) and
 * its verdict and log ride along in the outcome; the raw run happens whether or not it accepts.
 * A `.c` file goes through `cPipeline.ts` instead (compile → verify → run in the simulated kernel).
 *
 * Deliberately not here: maps and helpers for assembly. A map relocation (`r1 = counts ll`) is
 * reported as a warning and left as 0. No DOM: this module runs in Node tests as in the worker.
 */
import { assemble } from '../asm/index.ts';
import { lineCol, type Diagnostic, type Span } from '../diag/diagnostic.ts';
import { DiagCode } from '../diag/codes.ts';
import { disassembleInsn } from '../isa/disasm.ts';
import { encodeInsns, isLdImm64, type Insn } from '../isa/insn.ts';
import { validateInsns } from '../isa/validate.ts';
import { parseHex } from '../isa/hex.ts';
import { MAX_BPF_STACK } from '../isa/opcodes.ts';
import { Memory, runProgram } from '../vm/index.ts';
import { runC } from './cPipeline.ts';
import { DEFAULT_PROG_TYPE, verifyProgram } from './verifyStep.ts';
import type {
  BytecodeRow,
  RunOutcome,
  RunRequest,
  WireDiagnostic,
  WorkerRequest,
  WorkerResponse,
} from './protocol.ts';

export const DEFAULT_TRACE_LIMIT = 10_000;
export const DEFAULT_BUDGET = 1_000_000;
/** Largest `mem` input accepted (bytes). */
export const MAX_MEM_BYTES = 64 * 1024;

/** Parse the `mem` input; an error comes back as an 'input' diagnostic with its line:col. */
export function parseMemInput(text: string | undefined): { bytes?: Uint8Array; diagnostics: WireDiagnostic[] } {
  if (text === undefined || text.trim() === '') return { diagnostics: [] };
  const { bytes, diagnostics } = parseHex(text, 'mem');
  if (diagnostics.length > 0) return { diagnostics: diagnostics.map((d) => toWire({ ...d, message: `mem: ${d.message}` }, text, 'input')) };
  if (bytes.length > MAX_MEM_BYTES) {
    return {
      diagnostics: [{ code: DiagCode.BadHex, severity: 'error', message: `mem: ${bytes.length} bytes is more than this page accepts (${MAX_MEM_BYTES})`, stage: 'input' }],
    };
  }
  return { bytes, diagnostics: [] };
}

export function toWire(d: Diagnostic, text: string, stage: WireDiagnostic['stage']): WireDiagnostic {
  const w: WireDiagnostic = { code: d.code, severity: d.severity, message: d.message, stage };
  if (d.notes?.length) w.notes = d.notes;
  if (d.span) {
    w.start = lineCol(text, d.span.start);
    w.end = lineCol(text, Math.max(d.span.end, d.span.start));
  }
  return w;
}

function hexBytes(i: Insn): string {
  return Array.from(encodeInsns([i]), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The Bytecode panel rows: one per slot; an ld_imm64's second slot has empty text. */
export function bytecodeRows(
  insns: readonly Insn[],
  spans: ReadonlyArray<Span | null>,
  text: string,
  symbolAt?: (pc: number) => string | undefined,
): BytecodeRow[] {
  const rows: BytecodeRow[] = [];
  for (let pc = 0; pc < insns.length; pc++) {
    let t: string;
    try {
      t = disassembleInsn(insns, pc, { dialect: 'llvm', symbolAt });
    } catch (e) {
      t = `<cannot disassemble: ${e instanceof Error ? e.message : String(e)}>`;
    }
    const span = spans[pc];
    const row: BytecodeRow = { pc, hex: hexBytes(insns[pc]), text: t };
    if (span) row.line = lineCol(text, span.start).line;
    rows.push(row);
    if (isLdImm64(insns[pc]) && pc + 1 < insns.length) {
      pc++;
      const second: BytecodeRow = { pc, hex: hexBytes(insns[pc]), text: '' };
      if (span) second.line = row.line;
      rows.push(second);
    }
  }
  return rows;
}

/** Assemble, validate and run `req.source`. Bad input gives diagnostics, never an exception. */
export function runSource(req: RunRequest): RunOutcome {
  const text = req.source;
  const budget = req.budget ?? DEFAULT_BUDGET;
  const traceLimit = Math.max(1, Math.min(req.traceLimit ?? DEFAULT_TRACE_LIMIT, budget));
  const empty: RunOutcome = { diagnostics: [], bytecode: [], trace: [], traceTruncated: false, initialRegs: [] };

  if (/\.c$/i.test(req.file)) return runC(req);
  const asm = assemble(text, { file: req.file, dialect: 'auto' });
  const mem = parseMemInput(req.mem);
  const diagnostics = [...mem.diagnostics, ...asm.diagnostics.map((d) => toWire(d, text, 'asm'))];
  if (diagnostics.some((d) => d.severity === 'error')) return { ...empty, diagnostics };
  if (asm.insns.length === 0) {
    diagnostics.push({
      code: DiagCode.BadFile,
      severity: 'error',
      message: 'the program is empty: write at least one instruction (a program ends with `exit`)',
      stage: 'asm',
    });
    return { ...empty, diagnostics };
  }

  const relocAt = new Map(asm.relocs.map((r) => [r.pc, r.symbol]));
  for (const r of asm.relocs) {
    diagnostics.push(
      toWire(
        {
          code: DiagCode.BadOption,
          severity: 'warning',
          message: `'${r.symbol}' is a ${r.kind === 'map' ? 'map' : 'function'} relocation; maps are not available on this page yet, so it runs as 0`,
          span: r.span,
        },
        text,
        'asm',
      ),
    );
  }
  const bytecode = bytecodeRows(asm.insns, asm.spans, text, (pc) => relocAt.get(pc));

  const invalid = validateInsns(asm.insns);
  if (invalid.length > 0) {
    for (const v of invalid) {
      const span = asm.spans[v.pc] ?? undefined;
      diagnostics.push(
        toWire({ code: DiagCode.InvalidOpcode, severity: 'error', message: `insn ${v.pc}: ${v.message}`, span }, text, 'isa'),
      );
    }
    return { ...empty, diagnostics, bytecode };
  }

  // What a kernel would say about loading it; the raw run below happens either way (it is how
  // the page teaches the ISA), the verdict is shown beside it.
  const verifier = verifyProgram(asm.insns, req.progType ?? DEFAULT_PROG_TYPE, req.logLevel ?? 1);

  // r1 = the mem bytes' address and r2 = their length (0 and 0 without mem), as the conformance
  // convention has it; r10 = the top of frame 0's stack in the memory the run uses.
  const setUp = () => {
    const memory = new Memory();
    const stack = memory.stack(0, MAX_BPF_STACK);
    const regs = Array.from({ length: 11 }, () => 0n);
    if (mem.bytes && mem.bytes.length > 0) {
      const region = memory.allocBytes('ctx', mem.bytes, { name: 'mem' });
      regs[1] = region.base;
      regs[2] = BigInt(mem.bytes.length);
    }
    regs[10] = stack.base + BigInt(stack.size);
    return { memory, regs };
  };
  const first = setUp();
  const initialRegs = first.regs;
  const args = initialRegs.slice(1, 3);

  let res = runProgram(asm.insns, { budget: traceLimit, trace: true, memory: first.memory, args });
  const trace = res.trace ?? [];
  let traceTruncated = false;
  if (res.oops?.kind === 'budget' && traceLimit < budget) {
    const again = setUp();
    res = runProgram(asm.insns, { budget, trace: false, memory: again.memory, args: again.regs.slice(1, 3) });
    traceTruncated = true;
  }

  if (res.oops) {
    const span = asm.spans[res.oops.pc] ?? undefined;
    const first = res.oops.message.split('\n')[0];
    diagnostics.push(
      toWire(
        {
          code: res.oops.kind === 'budget' ? DiagCode.BudgetExceeded : DiagCode.Fault,
          severity: 'error',
          message: `runtime: ${first} (insn ${res.oops.pc})`,
          span,
        },
        text,
        'run',
      ),
    );
  }

  return {
    diagnostics,
    bytecode,
    verifier,
    run: { r0: res.r0, exited: res.exited, oops: res.oops, steps: res.steps, regs: res.regs, budget },
    trace,
    traceTruncated,
    initialRegs,
  };
}

/** One request in, exactly one response out; an internal exception becomes a `failure`. */
export function handleRequest(req: WorkerRequest): WorkerResponse {
  const id = typeof req?.id === 'number' ? req.id : -1;
  try {
    if (req?.type === 'run') return { id, type: 'run', payload: runSource(req.payload) };
    return { id, type: 'failure', payload: { kind: 'internal', message: `unknown request type ${String((req as { type?: unknown })?.type)}` } };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { id, type: 'failure', payload: { kind: 'internal', message: `internal error in the worker (a bug, please report it): ${message}` } };
  }
}
