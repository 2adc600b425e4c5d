/**
 * The helper table of a tracing run (kprobe, tracepoint, raw_tracepoint, perf_event, tracing,
 * lsm): the common helpers (makeHelpers) with the host-backed tracing ones on top (task.ts,
 * probe.ts, stack.ts), filtered by what the program type may call, as the verifier would.
 * Provenance: our own code.
 */
import type { HelperFn } from '../../../vm/index.ts';
import { progTypeMayCall } from '../availability.ts';
import { makeHelpers } from './index.ts';
import { probeHelpers } from './probe.ts';
import { stackHelpers } from './stack.ts';
import { taskHelpers } from './task.ts';
import type { TracingEnv } from './tracingEnv.ts';

export function tracingHelpers(env: TracingEnv): Record<number, HelperFn> {
  const out = makeHelpers(env);
  const extra = { ...probeHelpers(env), ...taskHelpers(env), ...stackHelpers(env) };
  for (const [id, fn] of Object.entries(extra)) if (progTypeMayCall(env.progType, Number(id))) out[Number(id)] = fn;
  return out;
}
