/**
 * The simulated CPUs and their scheduler: each CPU runs one task or its idle task (swapper/N,
 * pid 0) and has a FIFO run queue. A waking task goes to its previous CPU when that is idle, else
 * to the first idle CPU, else to the CPU with the shortest queue — so work spreads over CPUs the
 * way per-CPU maps will show, and a task that has to queue accumulates run-queue latency
 * (sched_wakeup → sched_switch), which runqlat measures.
 *
 * Deliberately not here: CFS vruntime and time slices (a task runs until it blocks), priorities,
 * affinity, load balancing between queues. Provenance: our own code.
 */
import type { Task } from './task.ts';

export interface Cpu {
  id: number;
  /** The running task, or null when idle. */
  curr: Task | null;
  runq: Task[];
  /** task_struct address of swapper/N. */
  idleAddr: bigint;
  /** A task woken onto this idle CPU, switched in once the CPU leaves its idle state. */
  incoming: Task | null;
}

/** Nothing running, arriving or queued. */
export function isIdle(c: Cpu): boolean {
  return !c.curr && !c.incoming && c.runq.length === 0;
}

/** Pick the CPU for a task being woken (or newly forked when `fork`). */
export function selectCpu(cpus: readonly Cpu[], prev: number, fork: boolean): number {
  if (!fork && cpus[prev] && isIdle(cpus[prev])) return prev;
  const n = cpus.length;
  for (let k = 1; k <= n; k++) {
    const c = cpus[(prev + k) % n];
    if (isIdle(c)) return c.id;
  }
  let best = prev % n;
  const load = (c: Cpu) => c.runq.length + (c.incoming ? 1 : 0);
  for (const c of cpus) if (load(c) < load(cpus[best])) best = c.id;
  return best;
}
