/**
 * The simulated host's clocks, in nanoseconds: CLOCK_MONOTONIC (bpf_ktime_get_ns), CLOCK_BOOTTIME
 * (bpf_ktime_get_boot_ns: monotonic plus time spent suspended) and CLOCK_REALTIME (wall clock,
 * for display). The world advances `mono` only forward; nothing reads the real clock.
 *
 * Deliberately not here: clock adjustments (NTP slew), CLOCK_TAI, per-CPU clock skew.
 * Provenance: clock semantics from clock_gettime(2); code is our own.
 */

export class Clock {
  /** Current CLOCK_MONOTONIC ns. */
  mono: number;
  constructor(
    /** Monotonic time when the world starts (the host has been up this long). */
    readonly startMono: number,
    /** CLOCK_BOOTTIME − CLOCK_MONOTONIC (suspended time before the world started). */
    readonly suspendedNs: number,
    /** CLOCK_REALTIME − CLOCK_MONOTONIC. */
    readonly realOffsetNs: bigint,
  ) {
    this.mono = startMono;
  }
  get boot(): number {
    return this.mono + this.suspendedNs;
  }
  get real(): bigint {
    return BigInt(this.mono) + this.realOffsetNs;
  }
  /** Move to `t` if it is later (the clock never goes back). */
  advanceTo(t: number): number {
    if (t > this.mono) this.mono = t;
    return this.mono;
  }
}
