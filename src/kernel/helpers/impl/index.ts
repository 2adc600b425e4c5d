/**
 * The helper implementations by UAPI id, as `HelperFn`s over a `HelperEnv` (one per run): what
 * `runProgram`'s `helpers` option receives. Prototypes and allowed program types are not here —
 * they live in the tables (../protos.ts, ../availability.ts); `makeHelpers` only filters by
 * `helperProtoFor(id, type)` so a call a type may not make oopses instead of running.
 *
 * Provenance: see each file; our own code.
 */
import type { HelperFn } from '../../../vm/index.ts';
import { progTypeMayCall } from '../availability.ts';
import { basicHelpers } from './basic.ts';
import type { HelperEnv } from './env.ts';
import { mapHelpers } from './maps.ts';
import { netHelpers } from './net.ts';
import { fibHelpers } from './fib.ts';
import { netExtraHelpers } from './netExtra.ts';
import { printkHelpers } from './printk.ts';
import { ringbufHelpers } from './ringbuf.ts';

export type { HelperEnv, SimTask, PacketBuff, XdpBuff, SkbBuff, RedirectState, TailTarget } from './env.ts';
export { bprintf, tracePipeLine, checkSnprintfFormat, INVALID_FORMAT } from './printk.ts';
export { csumPartial } from './net.ts';

/** Ids with an implementation (whatever the program type). */
export function implementedHelperIds(): number[] {
  const fake = {} as HelperEnv;
  return Object.keys(allHelpers(fake)).map(Number).sort((a, b) => a - b);
}

function allHelpers(env: HelperEnv): Record<number, HelperFn> {
  return { ...mapHelpers(env), ...basicHelpers(env), ...printkHelpers(env), ...ringbufHelpers(env), ...netHelpers(env), ...fibHelpers(env), ...netExtraHelpers(env) };
}

/**
 * The helpers a program of `env.progType` may call, implemented. A helper the type may not call is
 * left out (the VM then oopses "unknown helper"), as the verifier would have refused the program.
 */
export function makeHelpers(env: HelperEnv): Record<number, HelperFn> {
  const all = allHelpers(env);
  const out: Record<number, HelperFn> = {};
  for (const [id, fn] of Object.entries(all)) if (progTypeMayCall(env.progType, Number(id))) out[Number(id)] = fn;
  return out;
}

export type { TracingEnv, TracingTask } from './tracingEnv.ts';
export { tracingHelpers } from './tracing.ts';
