/**
 * Renders VM stops as simulated x86-64 Linux oops reports, so running an unverified program shows
 * what the kernel would print: "BUG: unable to handle page fault for address: …", the `#PF:` lines
 * with the page-fault error code (bit 0 present, bit 1 write, bit 4 instruction fetch), the
 * `Oops:` line, `RIP:` at bpf_prog+offset (8 bytes per slot; we do not JIT, so the offset is the
 * slot's byte offset), a register dump of r0–r10, the call trace of bpf-to-bpf frames, and a final
 * plain-language `note:` for learners.
 *
 * Deliberately not here: deciding *whether* something faults (interpreter.ts, memory.ts).
 * Provenance: the report layout imitates public oops reports (Documentation/admin-guide/bug-hunting.rst
 * and x86 page-fault error-code bits from the Intel SDM); the text is our own.
 */
import { hex16, PROG_TEXT_BASE, type Memory, type Region } from './memory.ts';

export type OopsKind = 'fault' | 'budget' | 'invalid' | 'helper' | 'stack';

/** Machine state at the stop, for the report. */
export interface OopsContext {
  pc: number;
  /** Program length in slots. */
  nInsns: number;
  /** r0..r10 of the current frame (unsigned). */
  regs: bigint[];
  /** Return pcs of the callers, innermost first (the call instruction's pc). */
  callers: number[];
  frame: number;
}

const HEADER_TAIL = ' [#1] PREEMPT SMP NOPTI';
const CPU_LINE = 'CPU: 0 UID: 0 PID: 1 Comm: ebpf-playground Not tainted 6.18.0 #1';

function rip(pc: number, n: number): string {
  return `bpf_prog+0x${(pc * 8).toString(16)}/0x${(n * 8).toString(16)} pc ${pc}`;
}

function regDump(regs: bigint[]): string[] {
  const cells = regs.map((v, k) => `${('R' + k).padEnd(3)}: ${hex16(v)}`);
  const lines: string[] = [];
  for (let k = 0; k < cells.length; k += 3) lines.push(cells.slice(k, k + 3).join(' '));
  return lines;
}

function tail(ctx: OopsContext, note?: string): string[] {
  const out = [`RIP: 0010:${rip(ctx.pc, ctx.nInsns)}`, ...regDump(ctx.regs), 'Call Trace:', ' <TASK>'];
  ctx.callers.forEach((pc, k) => out.push(` ${rip(pc, ctx.nInsns)} (frame ${ctx.frame - 1 - k})`));
  out.push(' bpf_prog_run+0x0/0x0', ' </TASK>', '---[ end trace 0000000000000000 ]---');
  if (note) out.push(`note: ${note}`);
  return out;
}

/** Where `addr` lies relative to the mapped regions, in words a learner can act on. */
export function describeAddress(mem: Memory, addr: bigint, size: number): string {
  let best: { r: Region; dist: bigint; past: boolean } | undefined;
  for (const r of mem.regions) {
    const end = r.base + BigInt(r.size);
    if (addr < r.base + BigInt(r.size) && addr + BigInt(size) > r.base && !(addr >= r.base && addr + BigInt(size) <= end)) {
      return `the access straddles the ${addr < r.base ? 'start' : 'end'} of ${r.name} [${hex16(r.base)}, ${hex16(end)})`;
    }
    const past = addr >= end;
    const dist = past ? addr - end : r.base - addr;
    if (!best || dist < best.dist) best = { r, dist, past };
  }
  if (addr < 4096n) return 'a NULL pointer (plus a small offset) was dereferenced';
  if (!best) return 'nothing is mapped';
  const { r, dist, past } = best;
  return `it is ${dist} bytes ${past ? 'past the end of' : 'before the start of'} ${r.name} [${hex16(r.base)}, ${hex16(r.base + BigInt(r.size))})`;
}

/** A page fault (or general-protection fault for a non-canonical address) on a data access or call. */
export function faultReport(
  ctx: OopsContext,
  mem: Memory,
  addr: bigint,
  size: number,
  access: 'read' | 'write' | 'exec',
  reason: 'unmapped' | 'perm' | 'noncanonical',
): string {
  const a = BigInt.asUintN(64, addr);
  const what = access === 'exec' ? 'call through a pointer' : `${size}-byte ${access}`;
  if (reason === 'noncanonical') {
    return [
      `Oops: general protection fault, probably for non-canonical address 0x${hex16(a)}: 0000${HEADER_TAIL}`,
      CPU_LINE,
      ...tail(ctx, `${what} at ${hex16(a)}: the address is not canonical (bits 63..47 differ), nothing can be mapped there`),
    ].join('\n');
  }
  const code = (reason === 'perm' ? 1 : 0) | (access === 'write' ? 2 : 0) | (access === 'exec' ? 0x10 : 0);
  const kind = access === 'exec' ? 'instruction fetch' : `${access} access`;
  const head = a < 4096n
    ? `BUG: kernel NULL pointer dereference, address: ${hex16(a)}`
    : `BUG: unable to handle page fault for address: ${hex16(a)}`;
  const why = reason === 'perm' ? 'permissions violation' : 'not-present page';
  const codeHex = code.toString(16).padStart(4, '0');
  let note: string;
  if (reason === 'perm') {
    const r = mem.regionAt(a);
    note = `${what} at ${hex16(a)}: ${r ? r.name : 'the region'} is read-only`;
  } else if (access === 'exec') {
    note = `call target ${hex16(a)} is neither a subprogram address nor a known helper id`;
  } else {
    note = `${what} at ${hex16(a)}: ${describeAddress(mem, a, size)}`;
  }
  return [
    head,
    `#PF: supervisor ${kind} in kernel mode`,
    `#PF: error_code(0x${codeHex}) - ${why}`,
    'PGD 0 P4D 0',
    `Oops: ${codeHex}${HEADER_TAIL}`,
    CPU_LINE,
    ...tail(ctx, note),
  ].join('\n');
}

/** The instruction budget ran out: the kernel's watchdog would report a soft lockup. */
export function budgetReport(ctx: OopsContext, budget: number): string {
  return [
    'watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [ebpf-playground:1]',
    CPU_LINE,
    ...tail(ctx, `instruction budget of ${budget} exhausted before the program exited`),
  ].join('\n');
}

/** An instruction the VM cannot execute (unknown opcode, bad register, unresolved ld_imm64, …). */
export function invalidReport(ctx: OopsContext, code: number, why: string): string {
  return [
    `BPF interpreter: unknown opcode 0x${code.toString(16).padStart(2, '0')} at pc ${ctx.pc}`,
    `Oops: invalid opcode: 0000${HEADER_TAIL}`,
    CPU_LINE,
    ...tail(ctx, why),
  ].join('\n');
}

/** Running off either end of the program (a jump or fall-through to a slot that does not exist). */
export function offEndReport(ctx: OopsContext, target: number): string {
  const addr = PROG_TEXT_BASE + 8n * BigInt(target);
  return [
    `BUG: unable to handle page fault for address: ${hex16(BigInt.asUintN(64, addr))}`,
    '#PF: supervisor instruction fetch in kernel mode',
    '#PF: error_code(0x0010) - not-present page',
    `Oops: 0010${HEADER_TAIL}`,
    CPU_LINE,
    ...tail(ctx, `control reached pc ${target}, outside the program's ${ctx.nInsns} slots`),
  ].join('\n');
}

/** bpf-to-bpf calls nested deeper than MAX_CALL_FRAMES. */
export function stackReport(ctx: OopsContext, stackAddr: bigint, maxFrames: number): string {
  return [
    `BUG: stack guard page was hit at ${hex16(stackAddr)}`,
    `Oops: stack guard page: 0000${HEADER_TAIL}`,
    CPU_LINE,
    ...tail(ctx, `a bpf-to-bpf call would open frame ${ctx.frame + 1}; at most ${maxFrames} frames exist (the verifier rejects deeper call chains)`),
  ].join('\n');
}

/** A helper that is missing or failed. */
export function helperReport(ctx: OopsContext, id: number, name: string | undefined, problem: string): string {
  const label = name ? `${name}#${id}` : `#${id}`;
  return [
    `BUG: unable to handle helper call ${label}: ${problem}`,
    `Oops: 0010${HEADER_TAIL}`,
    CPU_LINE,
    ...tail(ctx, `helper ${label}: ${problem}`),
  ].join('\n');
}
