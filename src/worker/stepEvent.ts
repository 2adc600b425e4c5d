/**
 * Step for tracing programs: one traced run of the editor's program on one generated kernel event
 * (src/sim/events/drive.ts `onRun` with `trace: true`), turned into the `SteppedPacket` the page
 * already shows for packet programs — the register trace, r1 = the context's address, r10 = the
 * frame pointer, the context bytes as `in`, and `event` saying what the program ran on
 * ("tracepoint syscalls/sys_enter_execve · bash pid 4242 · CPU 1").
 *
 * Does not: choose the event (session.ts runs the world up to the next one the program attaches
 * to) or run anything itself. Provenance: our own code.
 */
import { MAX_BPF_STACK } from '../isa/opcodes.ts';
import type { Kernel } from '../kernel/run/index.ts';
import { hexOf } from '../kernel/run/kernel.ts';
import type { DriveProgram } from '../sim/events/drive.ts';
import type { SimEvent } from '../sim/events/types.ts';
import type { TracingOutcome } from '../kernel/run/tracing.ts';
import type { SteppedPacket } from './protocol.ts';

/** Instructions of a stepped run's register trace sent to the page (as for packets). */
export const EVENT_STEP_TRACE_LIMIT = 10_000;

/** One program run on one event, as drive.ts's `onRun` reports it. */
export interface EventRun {
  program: DriveProgram;
  event: SimEvent;
  ctx: Uint8Array;
  outcome: TracingOutcome;
}

/** What the program ran on, in words: attach point, task, CPU. */
export function describeEvent(e: SimEvent): string {
  const who = e.task.pid === 0 ? `${e.task.comm || 'swapper'} (idle)` : `${e.task.comm} pid ${e.task.pid}`;
  return `event #${e.id}: ${e.kind} ${e.name} · ${who} · CPU ${e.cpu}`;
}

/** The program's return value as the Result pane shows it (LSM: allow / deny with the errno). */
function verdictOf(type: string, r0: bigint): string {
  const n = Number(BigInt.asIntN(32, r0 & 0xffffffffn));
  if (type === 'lsm') return n === 0 ? '0 (allow)' : `${n} (deny)`;
  return String(n);
}

/** The stepped view of one traced event run (`run.outcome.trace` must be set: drive with `trace: true`). */
export function steppedEvent(run: EventRun, kernel: Kernel, type: string): SteppedPacket {
  const { event: e, outcome: out } = run;
  const trace = out.trace ?? [];
  const initialRegs = new Array<bigint>(11).fill(0n);
  initialRegs[1] = out.ctxAddr ?? 0n;
  const stack = kernel.memory.stack(0, MAX_BPF_STACK);
  initialRegs[10] = stack.base + BigInt(stack.size);
  return {
    index: e.id, timeNs: e.ts, ifindex: 0, rxQueue: e.cpu, verdict: verdictOf(type, out.r0), steps: out.steps,
    in: hexOf(run.ctx), retval: Number(BigInt.asIntN(32, out.r0 & 0xffffffffn)),
    ...(out.oops ? { oops: { kind: out.oops.kind, pc: out.oops.pc, message: out.oops.message } } : {}),
    trace: trace.slice(0, EVENT_STEP_TRACE_LIMIT), traceTruncated: trace.length > EVENT_STEP_TRACE_LIMIT, initialRegs,
    event: describeEvent(e),
  };
}
