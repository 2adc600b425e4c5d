/** The session store: stale answers are dropped, steps clamp to the trace. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunOutcome } from '../worker/protocol.ts';
import { beginLive, beginRun, finishLive, finishRun, resetSession, setStep, stepBy, useSession } from './session.ts';

function outcome(steps: number): RunOutcome {
  return {
    diagnostics: [],
    bytecode: [],
    trace: Array.from({ length: steps }, (_, pc) => ({ pc, frame: 0, regs: [], mem: [] })),
    traceTruncated: false,
    initialRegs: [],
  };
}

describe('session store', () => {
  beforeEach(() => resetSession());

  it('keeps only the answer of the latest run', () => {
    const first = beginRun('a');
    const second = beginRun('b');
    finishRun(first, { ok: true, value: outcome(1) });
    expect(useSession.getState().status).toBe('running');
    finishRun(second, { ok: true, value: outcome(3) });
    expect(useSession.getState().status).toBe('done');
    expect(useSession.getState().outcome?.trace).toHaveLength(3);
    expect(useSession.getState().ranSource).toBe('b');
  });

  it('records a failure as data', () => {
    const id = beginRun('a');
    finishRun(id, { ok: false, error: { kind: 'timeout', message: 'slow' } });
    expect(useSession.getState().status).toBe('failed');
    expect(useSession.getState().failure?.kind).toBe('timeout');
  });

  it('clamps the step to the trace', () => {
    finishRun(beginRun('a'), { ok: true, value: outcome(3) });
    stepBy(-1);
    expect(useSession.getState().step).toBe(0);
    stepBy(1);
    stepBy(1);
    stepBy(1);
    expect(useSession.getState().step).toBe(2);
    setStep(100);
    expect(useSession.getState().step).toBe(2);
  });
});

describe('live verify in the session store', () => {
  beforeEach(() => resetSession());
  const verified = (accepted: boolean) => ({
    ok: true as const,
    value: {
      diagnostics: [], bytecode: [], workerMs: 1,
      verifier: { progType: 'xdp', accepted, error: accepted ? null : 'R0 !read_ok', log: '', processed: 1, logLevel: 1 as const },
    },
  });

  it('drops a live answer when a newer one was asked for', () => {
    const a = beginLive();
    const b = beginLive();
    expect(finishLive(a, 'old', verified(false))).toBe(false);
    expect(useSession.getState().live).toBeNull();
    expect(finishLive(b, 'new', verified(true))).toBe(true);
    expect(useSession.getState().live?.source).toBe('new');
  });

  it('shows the newer of the live verdict and the last run', () => {
    const t = beginLive();
    finishLive(t, 'x', verified(false));
    const st = () => useSession.getState();
    expect(st().live!.at).toBeGreaterThan(st().outcomeAt);
    const id = beginRun('x');
    finishRun(id, { ok: true, value: { ...outcome(1), verifier: { progType: 'xdp', accepted: true, error: null, log: '', processed: 1, logLevel: 1 } } });
    expect(st().outcomeAt).toBeGreaterThan(st().live!.at);
    finishLive(beginLive(), 'y', verified(false));
    expect(st().live!.at).toBeGreaterThan(st().outcomeAt);
  });
});
