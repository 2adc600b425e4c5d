/** The session store: stale answers are dropped, steps clamp to the trace. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunOutcome } from '../worker/protocol.ts';
import { beginRun, finishRun, resetSession, setStep, stepBy, useSession } from './session.ts';

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
