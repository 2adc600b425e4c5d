/**
 * The session store: the last run's result and where the user is in its trace (STYLE §3.10,
 * lifetime "transient" — never persisted, never put in a link).
 *
 * A run is identified by `runId`; an answer for an older run than the latest is dropped, so a
 * slow answer can never overwrite a newer one. `ranSource` is the text that was run, which the
 * editor compares with the current text to tell whether the result is stale.
 * Deliberately holds no derived data (register files are folded from the trace on demand).
 */
import { create } from 'zustand';
import type { Failure, Reply, RunOutcome } from '../worker/protocol.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed';

export interface SessionState {
  status: RunStatus;
  runId: number;
  outcome: RunOutcome | null;
  failure: Failure | null;
  ranSource: string | null;
  /** Index into `outcome.trace` of the step being shown. */
  step: number;
  /** A pc the user picked (a verifier log line): the Bytecode panel highlights it. */
  selectedPc: number | null;
  /** Verifier log level asked for on the next run (1: the failing path; 2: every state). */
  logLevel: 1 | 2;
}

const initial: SessionState = { status: 'idle', runId: 0, outcome: null, failure: null, ranSource: null, step: 0, selectedPc: null, logLevel: 1 };

export const useSession = create<SessionState>()(() => ({ ...initial }));

/** Mark a run as started; returns its id, to pass to `finishRun`. */
export function beginRun(source: string): number {
  const runId = useSession.getState().runId + 1;
  useSession.setState({ status: 'running', runId, failure: null, ranSource: source });
  return runId;
}

/** Store the answer of run `runId`; ignored when a newer run has started since. */
export function finishRun(runId: number, reply: Reply<RunOutcome>): void {
  if (useSession.getState().runId !== runId) return;
  if (reply.ok) useSession.setState({ status: 'done', outcome: reply.value, failure: null, step: 0, selectedPc: null });
  else useSession.setState({ status: 'failed', outcome: null, failure: reply.error, step: 0, selectedPc: null });
}

/** Show trace step `k`, clamped to the trace. */
export function setStep(k: number): void {
  const n = useSession.getState().outcome?.trace.length ?? 0;
  const step = n === 0 ? 0 : Math.min(Math.max(0, Math.trunc(k)), n - 1);
  if (step !== useSession.getState().step) useSession.setState({ step });
}

export function stepBy(delta: number): void {
  setStep(useSession.getState().step + delta);
}

/** Highlight pc `pc` in the Bytecode panel (null: none). */
export function selectPc(pc: number | null): void {
  if (useSession.getState().selectedPc !== pc) useSession.setState({ selectedPc: pc });
}

export function setLogLevel(logLevel: 1 | 2): void {
  if (useSession.getState().logLevel !== logLevel) useSession.setState({ logLevel });
}

export function resetSession(): void {
  useSession.setState({ ...initial, logLevel: useSession.getState().logLevel });
}

const selectStatus = (s: SessionState) => s.status;
const selectOutcome = (s: SessionState) => s.outcome;
const selectFailure = (s: SessionState) => s.failure;
const selectStep = (s: SessionState) => s.step;
const selectRanSource = (s: SessionState) => s.ranSource;
const selectSelectedPc = (s: SessionState) => s.selectedPc;
const selectLogLevel = (s: SessionState) => s.logLevel;
export const useSelectedPc = (): number | null => useSession(selectSelectedPc);
export const useLogLevel = (): 1 | 2 => useSession(selectLogLevel);

export const useRunStatus = (): RunStatus => useSession(selectStatus);
export const useOutcome = (): RunOutcome | null => useSession(selectOutcome);
export const useFailure = (): Failure | null => useSession(selectFailure);
export const useStep = (): number => useSession(selectStep);
export const useRanSource = (): string | null => useSession(selectRanSource);
