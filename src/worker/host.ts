/**
 * The compute worker's entry point: receives `WorkerRequest`s, answers `WorkerResponse`s.
 *
 * All the work is in `dispatch.ts` and what it calls (pure, tested in Node); this file only wires it to the worker
 * global scope. `handleMessage` never throws, so every request gets exactly one answer. A runaway
 * program is stopped by the VM's instruction budget; if the worker still does not answer, the
 * page's client terminates and restarts it (see `client.ts`).
 */
/// <reference lib="webworker" />
import { handleMessage } from './dispatch.ts';
import type { WorkerRequest } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  scope.postMessage(handleMessage(ev.data));
};
