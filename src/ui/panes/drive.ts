/**
 * Traffic runs from the page: start a run session in the worker, then ask for batches until the
 * scenario is exhausted, the user pauses, or something fails. Each batch is one request (never a
 * message per packet); its size adapts so a batch takes about BATCH_TARGET_MS of worker time, so
 * the page stays responsive, the progress bar moves, and live verifies slip in between batches.
 *
 * Pause stops asking; Resume asks again; Step runs one packet on the reference interpreter, traced
 * (its register trace becomes the run the Trace / Registers / States panels show); Reset forgets the session.
 * A newer start or a reset makes an older loop stop at its next answer (generation counter).
 */
import { beginRun, finishRun, resetDrive, setDrive, useSession } from '../../state/session.ts';
import { useUi } from '../../state/ui.ts';
import { getFile, getSource, useWorkspace } from '../../state/workspace.ts';
import { getWorkerClient } from '../app/actions.ts';
import type { RunOutcome, SessionView, SteppedPacket } from '../../worker/protocol.ts';

export const BATCH_TARGET_MS = 200;
const FIRST_BATCH = 500;
const MAX_BATCH = 200_000;
const BATCH_TIMEOUT_MS = 30_000;

let generation = 0;

/** A batch answer leaves out what the start answer sent (`partial`): keep those from the last view. */
function merged(next: SessionView): SessionView {
  const prev = useSession.getState().drive.view;
  if (!next.partial || !prev) return next;
  return {
    ...next, bytecode: prev.bytecode, diagnostics: prev.diagnostics, cfg: prev.cfg, states: prev.states, verifier: prev.verifier,
    failingPath: prev.failingPath, insnCounts: prev.insnCounts, tracedPaths: prev.tracedPaths,
  };
}

function runRequest() {
  const ws = useWorkspace.getState();
  const ui = useUi.getState();
  return {
    source: getSource(),
    file: getFile(),
    progType: ws.language === 'c' ? (ui.typeOverride ?? undefined) : (ws.progType ?? undefined),
    scenario: ws.scenario ?? 'mixed',
    seed: ws.seed,
    count: ui.runOpts.count,
    ratePps: ui.runOpts.ratePps ?? undefined,
    durationMs: ui.runOpts.durationS !== null ? ui.runOpts.durationS * 1000 : undefined,
    engine: ui.runOpts.engine,
    noVerifier: ui.runOpts.noVerifier || undefined,
    reader: ui.runOpts.pollEvery !== null ? { pollEvery: ui.runOpts.pollEvery, ...(ui.runOpts.perfPages !== null ? { perfPages: ui.runOpts.perfPages } : {}) } : undefined,
    unprivileged: ui.unprivileged || undefined,
  };
}

/** Start a traffic run of the editor's program (replaces any run in progress). */
export async function startDrive(opts: { paused?: boolean } = {}): Promise<void> {
  const gen = ++generation;
  const req = runRequest();
  setDrive({ status: 'starting', failure: null, source: req.source, view: null });
  const r = await getWorkerClient().call('session.start', req, { timeoutMs: BATCH_TIMEOUT_MS });
  if (gen !== generation) return;
  if (!r.ok) {
    setDrive({ status: 'error', failure: r.error });
    return;
  }
  const v = r.value;
  if (v.state !== 'ready') {
    setDrive({ status: v.state === 'done' ? 'done' : 'error', view: v });
    return;
  }
  setDrive({ status: opts.paused ? 'paused' : 'running', view: v });
  if (!opts.paused) await loop(gen);
}

async function loop(gen: number): Promise<void> {
  let batch = FIRST_BATCH;
  for (;;) {
    if (gen !== generation || useSession.getState().drive.status !== 'running') return;
    const t0 = performance.now();
    const r = await getWorkerClient().call('session.advance', { max: batch }, { timeoutMs: BATCH_TIMEOUT_MS });
    if (gen !== generation) return;
    if (!r.ok) {
      setDrive({ status: 'error', failure: r.error });
      return;
    }
    const done = r.value.state === 'done';
    const still = useSession.getState().drive.status === 'running';
    setDrive({ view: merged(r.value), status: done ? 'done' : still ? 'running' : 'paused' });
    if (done) return;
    const took = Math.max(1, performance.now() - t0);
    batch = Math.max(1, Math.min(MAX_BATCH, Math.round((batch * BATCH_TARGET_MS) / took)));
    // let the page paint and handle input between batches
    await new Promise((res) => setTimeout(res, 0));
  }
}

export function pauseDrive(): void {
  if (useSession.getState().drive.status === 'running') setDrive({ status: 'paused' });
}

export async function resumeDrive(): Promise<void> {
  const d = useSession.getState().drive;
  if (d.status !== 'paused') return;
  setDrive({ status: 'running' });
  await loop(generation);
}

/** One packet, traced; starts a paused session first when there is none. */
export async function stepDrive(): Promise<void> {
  let d = useSession.getState().drive;
  if (d.status === 'idle' || d.status === 'error' || (d.status === 'done' && d.source !== getSource())) {
    await startDrive({ paused: true });
    d = useSession.getState().drive;
  }
  if (d.status !== 'paused') return;
  const gen = generation;
  const r = await getWorkerClient().call('session.step', {}, { timeoutMs: BATCH_TIMEOUT_MS });
  if (gen !== generation) return;
  if (!r.ok) {
    setDrive({ status: 'error', failure: r.error });
    return;
  }
  const view = merged(r.value);
  setDrive({ view, status: r.value.state === 'done' ? 'done' : 'paused' });
  const st = r.value.stepped;
  if (st && d.source !== null) {
    // the stepped packet's register trace becomes the run the Trace, Registers, Result and States panels show
    const id = beginRun(d.source);
    finishRun(id, { ok: true, value: steppedOutcome(view, st) });
  }
}

/** A stepped packet as a run outcome: its verdict (Result), register trace (Trace, Registers, States). */
export function steppedOutcome(view: SessionView, st: SteppedPacket): RunOutcome {
  return {
    verifier: view.verifier,
    diagnostics: [],
    bytecode: view.bytecode,
    trace: st.trace,
    traceTruncated: st.traceTruncated,
    initialRegs: st.initialRegs,
    kernelRun: {
      progType: view.progType,
      retval: st.retval,
      retvalName: st.verdict,
      steps: st.steps,
      ...(st.oops ? { oops: st.oops } : {}),
      packet: st.event ?? `packet #${st.index} (${st.in.length / 2} bytes, ifindex ${st.ifindex}, rx queue ${st.rxQueue}) → ${st.fate ?? '?'}`,
      tracePipe: [],
    },
  };
}

export function resetDriveRun(): void {
  generation++;
  resetDrive();
}

/** Edit a map of the current session from "user space". */
export async function mapOp(map: string, op: 'update' | 'delete', key: string, value?: string | string[]): Promise<void> {
  const d = useSession.getState().drive;
  if (!d.view || d.status === 'starting') return;
  const gen = generation;
  const r = await getWorkerClient().call('session.map', { map, op, key, value }, { timeoutMs: BATCH_TIMEOUT_MS });
  if (gen !== generation) return;
  if (!r.ok) setDrive({ failure: r.error });
  else setDrive({ view: merged(r.value) });
}
