/**
 * The worker client against a fake worker: answers are matched by id, a silent worker is
 * terminated and replaced after the timeout, a crash fails the pending requests, and nothing
 * ever rejects.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerClient, type WorkerLike } from './client.ts';
import type { RunOutcome, WorkerRequest, WorkerResponse } from './protocol.ts';

class FakeWorker implements WorkerLike {
  onmessage: ((ev: { data: WorkerResponse }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  received: WorkerRequest[] = [];
  terminated = false;
  postMessage(msg: WorkerRequest): void {
    this.received.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(id: number, r0: bigint): void {
    const payload: RunOutcome = {
      diagnostics: [],
      bytecode: [],
      trace: [],
      traceTruncated: false,
      initialRegs: [],
      run: { r0, exited: true, steps: 1, regs: [], budget: 10 },
    };
    this.onmessage?.({ data: { id, type: 'run', payload } });
  }
}

describe('createWorkerClient', () => {
  let workers: FakeWorker[];
  const spawn = () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  };
  beforeEach(() => {
    workers = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('sends any request type with call() and resolves with its payload or failure', async () => {
    const c = createWorkerClient({ spawn, timeoutMs: 1000 });
    const v = c.call('verify', { source: 'exit', file: 'a.s' });
    const s = c.call('session.advance', { max: 5 });
    const [rv, rs] = workers[0].received;
    expect(rv).toMatchObject({ type: 'verify', payload: { source: 'exit', file: 'a.s' } });
    expect(rs).toMatchObject({ type: 'session.advance', payload: { max: 5 } });
    workers[0].onmessage?.({ data: { id: rs.id, type: 'failure', payload: { kind: 'internal', message: 'no run session' } } });
    workers[0].onmessage?.({ data: { id: rv.id, type: 'verify', payload: { diagnostics: [], bytecode: [], workerMs: 3 } } });
    const [a, b] = await Promise.all([v, s]);
    expect(a.ok && a.value.workerMs).toBe(3);
    expect(!b.ok && b.error.message).toBe('no run session');
  });

  it('matches answers to requests by id, even out of order', async () => {
    const c = createWorkerClient({ spawn, timeoutMs: 1000 });
    const a = c.run({ source: 'a', file: 'a.s' });
    const b = c.run({ source: 'b', file: 'b.s' });
    const [ra, rb] = workers[0].received;
    expect(ra.type === 'run' && ra.payload.source).toBe('a');
    expect(rb.type === 'run' && rb.payload.source).toBe('b');
    workers[0].answer(rb.id, 2n);
    workers[0].answer(ra.id, 1n);
    const [x, y] = await Promise.all([a, b]);
    expect(x.ok && x.value.run?.r0).toBe(1n);
    expect(y.ok && y.value.run?.r0).toBe(2n);
    expect(c.spawned).toBe(1);
  });

  it('terminates a worker that does not answer and starts a new one for the next request', async () => {
    const c = createWorkerClient({ spawn, timeoutMs: 1000 });
    const stuck = c.run({ source: 'loop', file: 'a.s' });
    vi.advanceTimersByTime(999);
    expect(workers[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    const r = await stuck;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('timeout');
    expect(workers[0].terminated).toBe(true);

    const next = c.run({ source: 'ok', file: 'a.s' });
    expect(workers).toHaveLength(2);
    workers[1].answer(workers[1].received[0].id, 7n);
    const r2 = await next;
    expect(r2.ok && r2.value.run?.r0).toBe(7n);
    // a late answer from the dead worker is ignored, not delivered to anyone
    workers[0].answer(1, 99n);
  });

  it('fails every pending request when the worker crashes', async () => {
    const c = createWorkerClient({ spawn, timeoutMs: 1000 });
    const a = c.run({ source: 'a', file: 'a.s' });
    const b = c.run({ source: 'b', file: 'b.s' });
    workers[0].onerror?.({ message: 'boom' });
    const [x, y] = await Promise.all([a, b]);
    expect(!x.ok && x.error.kind).toBe('crashed');
    expect(!y.ok && y.error.message).toContain('boom');
    expect(workers[0].terminated).toBe(true);
  });

  it('cancel() stops the worker and resolves the pending request as cancelled', async () => {
    const c = createWorkerClient({ spawn, timeoutMs: 1000 });
    const a = c.run({ source: 'a', file: 'a.s' });
    c.cancel();
    const x = await a;
    expect(!x.ok && x.error.kind).toBe('cancelled');
    expect(workers[0].terminated).toBe(true);
  });

  it('passes a failure answer through as an error value', async () => {
    const c = createWorkerClient({ spawn, timeoutMs: 1000 });
    const a = c.run({ source: 'a', file: 'a.s' });
    const id = workers[0].received[0].id;
    workers[0].onmessage?.({ data: { id, type: 'failure', payload: { kind: 'internal', message: 'bug' } } });
    const x = await a;
    expect(x).toEqual({ ok: false, error: { kind: 'internal', message: 'bug' } });
  });
});
