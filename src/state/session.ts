/**
 * The session store: the last run's result and where the user is in its trace (STYLE §3.10,
 * lifetime "transient" — never persisted, never put in a link).
 *
 * A run is identified by `runId`; an answer for an older run than the latest is dropped, so a
 * slow answer can never overwrite a newer one. `ranSource` is the text that was run, which the
 * editor compares with the current text to tell whether the result is stale.
 * Deliberately holds no derived data (register files are folded from the trace on demand).
 *
 * Verify as you type: `live` is the latest compile+verify of the editor text (no run). Each live
 * request takes a ticket (`beginLive`); an answer whose ticket is not the latest is dropped. The
 * panes show whichever is newer, the live verdict or the last run's (`useShown*`), using a
 * sequence number stamped when each lands.
 *
 * Traffic runs: `drive` holds the run session's latest view from the worker (maps, packets,
 * events, stats, per-insn counts) and where the run is (idle/running/paused/done).
 */
import { create } from 'zustand';
import type { BytecodeRow, Failure, Reply, RunOutcome, SessionView, VerifierSummary, VerifyOutcome, WireDiagnostic } from '../worker/protocol.ts';

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
  /** Latest live verify (see the file comment). */
  live: LiveVerify | null;
  liveTicket: number;
  /** Sequence stamp of the run outcome (compared with `live.at`). */
  outcomeAt: number;
  seq: number;
  drive: DriveState;
}

export interface LiveVerify {
  source: string;
  outcome: VerifyOutcome;
  at: number;
}

export type DriveStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'error';

export interface DriveState {
  status: DriveStatus;
  view: SessionView | null;
  failure: Failure | null;
  /** The source the session was started with. */
  source: string | null;
}

const idleDrive: DriveState = { status: 'idle', view: null, failure: null, source: null };

const initial: SessionState = {
  status: 'idle', runId: 0, outcome: null, failure: null, ranSource: null, step: 0, selectedPc: null, logLevel: 1,
  live: null, liveTicket: 0, outcomeAt: 0, seq: 0, drive: idleDrive,
};

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
  const outcomeAt = useSession.getState().seq + 1;
  if (reply.ok) useSession.setState({ status: 'done', outcome: reply.value, failure: null, step: 0, selectedPc: null, seq: outcomeAt, outcomeAt });
  else useSession.setState({ status: 'failed', outcome: null, failure: reply.error, step: 0, selectedPc: null, seq: outcomeAt, outcomeAt });
}

/** Take a ticket for a live verify of the current text. */
export function beginLive(): number {
  const liveTicket = useSession.getState().liveTicket + 1;
  useSession.setState({ liveTicket });
  return liveTicket;
}

/** Store a live verify answer; false (dropped) when a newer one was asked for since, or it failed. */
export function finishLive(ticket: number, source: string, reply: Reply<VerifyOutcome>): boolean {
  const st = useSession.getState();
  if (st.liveTicket !== ticket || !reply.ok) return false;
  const at = st.seq + 1;
  useSession.setState({ live: { source, outcome: reply.value, at }, seq: at });
  return true;
}

/** The drive (traffic run) state. */
export function setDrive(patch: Partial<DriveState>): void {
  useSession.setState({ drive: { ...useSession.getState().drive, ...patch } });
}

export function resetDrive(): void {
  useSession.setState({ drive: idleDrive });
}

const liveIsNewer = (s: SessionState): boolean => s.live !== null && s.live.at > s.outcomeAt;
const EMPTY_DIAGS: WireDiagnostic[] = [];
const EMPTY_ROWS: BytecodeRow[] = [];
const selectShownVerifier = (s: SessionState) => (liveIsNewer(s) ? s.live!.outcome.verifier : s.outcome?.verifier);
const selectShownDiagnostics = (s: SessionState) => (liveIsNewer(s) ? s.live!.outcome.diagnostics : (s.outcome?.diagnostics ?? EMPTY_DIAGS));
const selectShownBytecode = (s: SessionState) => (liveIsNewer(s) ? s.live!.outcome.bytecode : (s.outcome?.bytecode ?? EMPTY_ROWS));
const selectLive = (s: SessionState) => s.live;
const selectDrive = (s: SessionState) => s.drive;
/** The verifier summary to show: the live one when it is newer than the last run's. */
export const useShownVerifier = (): VerifierSummary | undefined => useSession(selectShownVerifier);
export const useShownDiagnostics = (): WireDiagnostic[] => useSession(selectShownDiagnostics);
export const useShownBytecode = (): BytecodeRow[] => useSession(selectShownBytecode);
export const useLive = (): LiveVerify | null => useSession(selectLive);
export const useDrive = (): DriveState => useSession(selectDrive);

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
  const st = useSession.getState();
  useSession.setState({ ...initial, logLevel: st.logLevel, liveTicket: st.liveTicket, seq: st.seq });
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
