/**
 * The page's side of the worker protocol: request/response by id, with a watchdog.
 *
 * `run()` posts a request and resolves with the matching answer. It never rejects: a worker that
 * does not answer within the timeout is terminated (a runaway program must never freeze the tab)
 * and the request resolves with a `timeout` failure; a worker that crashes resolves its pending
 * requests with `crashed`; `cancel()` (the Stop button) terminates it on purpose. The next
 * request starts a fresh worker. Requests queue in the worker and are answered in order.
 *
 * The worker is created through an injected `spawn` (see `spawn.ts`), so this file runs in Node
 * tests with a fake worker. Timers are the standard `setTimeout`/`clearTimeout`.
 */
import type { Failure, Reply, RunOutcome, RunRequest, WorkerRequest, WorkerResponse } from './protocol.ts';

/** A request without its id, and the payload type of the answer to each request type. */
export type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
export type AnswerOf<T extends WorkerRequest['type']> = T extends 'run'
  ? RunOutcome
  : T extends 'verify'
    ? Extract<WorkerResponse, { type: 'verify' }>['payload']
    : T extends 'counterexample'
    ? Extract<WorkerResponse, { type: 'counterexample' }>['payload']
    : Extract<WorkerResponse, { type: 'session' }>['payload'];

/** The part of `Worker` the client uses. */
export interface WorkerLike {
  postMessage(msg: WorkerRequest): void;
  terminate(): void;
  onmessage: ((ev: { data: WorkerResponse }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface WorkerClientOptions {
  spawn: () => WorkerLike;
  /** How long a request may take before the worker is restarted (ms). Default 10 000. */
  timeoutMs?: number;
}

export interface WorkerClient {
  run(req: RunRequest, opts?: { timeoutMs?: number }): Promise<Reply<RunOutcome>>;
  /** Any request (verify, session.*): resolves with the answer's payload or a failure. */
  call<T extends WorkerRequest['type']>(type: T, payload: Extract<WorkerRequest, { type: T }>['payload'], opts?: { timeoutMs?: number }): Promise<Reply<AnswerOf<T>>>;
  /** Terminate the worker now; pending requests resolve with a `cancelled` failure. */
  cancel(): void;
  /** How many workers were started so far. */
  readonly spawned: number;
  dispose(): void;
}

interface Pending {
  resolve: (r: Reply<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function createWorkerClient(options: WorkerClientOptions): WorkerClient {
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let worker: WorkerLike | null = null;
  let nextId = 1;
  let spawned = 0;
  const pending = new Map<number, Pending>();

  function failAll(error: Failure): void {
    for (const [, p] of pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error });
    }
    pending.clear();
  }

  function kill(error: Failure): void {
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      worker = null;
    }
    failAll(error);
  }

  function ensureWorker(): WorkerLike {
    if (worker) return worker;
    const w = options.spawn();
    spawned++;
    w.onmessage = (ev) => {
      const msg = ev.data;
      const p = pending.get(msg?.id);
      if (!p) return; // an answer to a request that already timed out or was cancelled
      pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.type === 'failure') p.resolve({ ok: false, error: msg.payload });
      else p.resolve({ ok: true, value: msg.payload });
    };
    w.onerror = (ev) => {
      const detail = ev && typeof ev === 'object' && 'message' in ev ? String((ev as { message: unknown }).message) : '';
      kill({ kind: 'crashed', message: `the worker crashed${detail ? `: ${detail}` : ''}; it has been restarted` });
    };
    worker = w;
    return w;
  }

  function send<V>(body: RequestBody, opts?: { timeoutMs?: number }): Promise<Reply<V>> {
      const id = nextId++;
      const timeoutMs = opts?.timeoutMs ?? defaultTimeout;
      return new Promise<Reply<V>>((resolve) => {
        const timer = setTimeout(() => {
          if (!pending.has(id)) return;
          pending.delete(id);
          resolve({
            ok: false,
            error: {
              kind: 'timeout',
              message: `no answer after ${(timeoutMs / 1000).toFixed(1)} s: the worker was stopped and restarted`,
            },
          });
          kill({ kind: 'cancelled', message: 'cancelled: the worker was restarted after another request timed out' });
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (r: Reply<unknown>) => void, timer });
        try {
          ensureWorker().postMessage({ id, ...body } as WorkerRequest);
        } catch (e) {
          kill({ kind: 'crashed', message: `could not start the worker: ${e instanceof Error ? e.message : String(e)}` });
        }
      });
  }

  return {
    run(req, opts) {
      return send<RunOutcome>({ type: 'run', payload: req }, opts);
    },
    call(type, payload, opts) {
      return send({ type, payload } as RequestBody, opts);
    },
    cancel() {
      kill({ kind: 'cancelled', message: 'stopped: the run was cancelled and the worker restarted' });
    },
    get spawned() {
      return spawned;
    },
    dispose() {
      kill({ kind: 'cancelled', message: 'the worker client was disposed' });
    },
  };
}
