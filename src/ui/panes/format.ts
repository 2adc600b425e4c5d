/**
 * Number and register formatting for the panes, and the register file at a trace step.
 * Pure functions (tested in Node). Register values are unsigned 64-bit bigints.
 */
import type { TraceStep } from '../../vm/index.ts';

/** `0x2a` — shortest hex of an unsigned 64-bit value. */
export function hex(v: bigint): string {
  return '0x' + BigInt.asUintN(64, v).toString(16);
}

/** `0x000000000000002a` — 16 hex digits, for aligned register columns. */
export function hex64(v: bigint): string {
  return '0x' + BigInt.asUintN(64, v).toString(16).padStart(16, '0');
}

/** Unsigned decimal. */
export function u64(v: bigint): string {
  return BigInt.asUintN(64, v).toString();
}

/** Signed decimal (two's complement), or undefined when the value is the same as unsigned. */
export function s64IfNegative(v: bigint): string | undefined {
  const s = BigInt.asIntN(64, v);
  return s < 0n ? s.toString() : undefined;
}

/**
 * The register file r0..r10 after steps 0..k have executed: `initial` with every write of those
 * steps applied in order. With k = -1 it is `initial`.
 */
export function registersAfter(initial: readonly bigint[], trace: readonly TraceStep[], k: number): bigint[] {
  const regs = Array.from({ length: 11 }, (_, i) => initial[i] ?? 0n);
  const last = Math.min(k, trace.length - 1);
  for (let i = 0; i <= last; i++) for (const [r, v] of trace[i].regs) if (r >= 0 && r <= 10) regs[r] = v;
  return regs;
}

const sizeName: Record<number, string> = { 1: 'u8', 2: 'u16', 4: 'u32', 8: 'u64' };

/**
 * What one step wrote, in a short readable form: `r1 = 0x1`, `*(u64 *)0xffff… = 0x0`. When `fp`
 * (frame 0's r10) is given, a write into the 512 bytes below it is shown as the kernel's verifier
 * log names stack slots: `*(u64 *)(fp-8) = 0x0`.
 */
export function describeWrites(step: TraceStep, fp?: bigint): string[] {
  const out = step.regs.map(([r, v]) => `r${r} = ${hex(v)}`);
  for (const m of step.mem) {
    const type = sizeName[m.size] ?? `u${m.size * 8}`;
    const where = fp !== undefined && m.addr < fp && m.addr >= fp - 512n ? `(fp-${fp - m.addr})` : hex(m.addr);
    out.push(`*(${type} *)${where} = ${hex(m.value)}`);
  }
  return out;
}
