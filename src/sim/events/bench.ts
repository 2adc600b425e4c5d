/**
 * Figures (never pass/fail) for programs driven by the kernel event generator: events per second
 * through driveEvents with no program, with a kprobe counter (array map, atomic add) on vfs_read,
 * and with a counter on every system call entry (raw_tp/sys_enter), in the reference interpreter
 * and the fast (WebAssembly) engine — live (the world generating its events as the drive pulls
 * them) and replayed (events recorded first, so only the drive and the programs are timed).
 * `npx tsx src/sim/events/bench.ts`. Provenance: our own.
 */
import { driveEvents } from './drive.ts';
import { loadTracingSource } from './load.ts';
import type { SimEvent } from './types.ts';
import { createWorld, type World } from './world.ts';

/** A world that replays recorded events (program effects on the world are not fed back): isolates the cost of running programs. */
function replay(w: World, events: readonly SimEvent[]): World {
  let i = 0;
  return Object.assign(Object.create(w) as World, { next: () => events[i++] });
}

const counter = (sec: string) => `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, u32); __type(value, u64); } counts SEC(".maps");
SEC("${sec}")
int count(void *ctx) { u32 k = 0; u64 *v = bpf_map_lookup_elem(&counts, &k); if (v) __sync_fetch_and_add(v, 1); return 0; }
char LICENSE[] SEC("license") = "GPL";
`;

export interface TracingBenchRow { name: string; engine: 'ref' | 'fast' | '-'; events: number; runs: number; ms: number; eventsPerSec: number; runsPerSec: number }

export function benchTracing(durationNs = 5e9, seed = 1): TracingBenchRow[] {
  const rows: TracingBenchRow[] = [];
  const world = () => createWorld({ seed, durationNs });
  {
    const w = world();
    const t0 = performance.now();
    let n = 0;
    for (const _ of w) n++;
    const ms = performance.now() - t0;
    rows.push({ name: 'world alone (no program)', engine: '-', events: n, runs: 0, ms, eventsPerSec: (n / ms) * 1e3, runsPerSec: 0 });
  }
  const recorded = world();
  const events = [...recorded];
  for (const sec of ['kprobe/vfs_read', 'raw_tp/sys_enter']) {
    for (const engine of ['ref', 'fast'] as const) {
      // the best of three drives of one loaded program (the first also compiles it for the fast engine)
      const l = loadTracingSource('bench.c', counter(sec));
      if (!l.ok) throw new Error(l.errors.join('\n'));
      let best: TracingBenchRow | undefined;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        const r = driveEvents(l.value.kernel, l.value.programs, replay(recorded, events), { engine });
        const ms = performance.now() - t0;
        if (!r.ok) throw new Error(r.error);
        if (!best || ms < best.ms) best = { name: `${sec} counter, replayed`, engine, events: r.events, runs: r.runs, ms, eventsPerSec: (r.events / ms) * 1e3, runsPerSec: (r.runs / ms) * 1e3 };
      }
      rows.push(best!);
    }
  }
  for (const sec of ['kprobe/vfs_read', 'raw_tp/sys_enter']) {
    for (const engine of ['ref', 'fast'] as const) {
      const l = loadTracingSource('bench.c', counter(sec));
      if (!l.ok) throw new Error(l.errors.join('\n'));
      const t0 = performance.now();
      const r = driveEvents(l.value.kernel, l.value.programs, world(), { engine });
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(r.error);
      rows.push({ name: `${sec} counter`, engine, events: r.events, runs: r.runs, ms, eventsPerSec: (r.events / ms) * 1e3, runsPerSec: (r.runs / ms) * 1e3 });
    }
  }
  return rows;
}

export function printTracingBench(durationNs = 5e9): void {
  for (const r of benchTracing(durationNs)) {
    console.log(`  ${r.name.padEnd(36)} ${r.engine.padEnd(4)} ${String(r.events).padStart(7)} events ${String(r.runs).padStart(6)} runs in ${r.ms.toFixed(0).padStart(5)} ms: ${Math.round(r.eventsPerSec).toLocaleString('en').padStart(9)} events/s, ${Math.round(r.runsPerSec).toLocaleString('en').padStart(9)} runs/s`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printTracingBench();
