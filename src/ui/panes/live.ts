/**
 * Verify as you type: every edit of the source (or of the program type / unprivileged switch)
 * sends a `verify` request to the worker — compile or assemble, then verify, no run — and the
 * verdict, log, bytecode and editor markers follow without pressing Run.
 *
 * The verifier's per-instruction state texts are asked for only while the state tree tab is open
 * on its per-instruction view (opening it re-verifies with them); its paths view asks only for the
 * explored paths, which cost next to nothing.
 *
 * Scheduling: a request goes out at once when none is in flight; edits made while one is in
 * flight are coalesced into a single follow-up sent when it answers, so at most one request is
 * queued and a verdict is never older than the text by more than one verify. Answers older than
 * the latest request are dropped (session store tickets).
 *
 * Measured with the Performance API: for each verdict, `ebpf:key-to-verdict` spans from the
 * latest edit it includes to the frame after the store update (the verdict rendered); the verdict
 * for the text the page opened with (worker start-up included) is kept apart. Figures are
 * exposed as `window.__ebpfPerf` for the e2e spec and `npm run bench`.
 */
import { beginLive, finishLive } from '../../state/session.ts';
import { useUi } from '../../state/ui.ts';
import { getFile, getSource, useWorkspace } from '../../state/workspace.ts';
import { getWorkerClient } from '../app/actions.ts';

export interface PerfFigures {
  /** Edit → verdict rendered, ms (latest first, at most 500). */
  keyToVerdict: number[];
  /** Time spent in the worker for those verifies, ms. */
  workerMs: number[];
  /** How many verdicts were shown, and how many answers were dropped as stale. */
  verdicts: number;
  dropped: number;
  /** The first verdict after the page loaded (worker start-up included), ms; not in keyToVerdict. */
  firstVerdictMs?: number;
}

declare global {
  interface Window {
    __ebpfPerf?: PerfFigures;
  }
}

const perf: PerfFigures = { keyToVerdict: [], workerMs: [], verdicts: 0, dropped: 0 };

function push(list: number[], x: number): void {
  list.unshift(Math.round(x * 100) / 100);
  if (list.length > 500) list.length = 500;
}

let inFlight = false;
let dirty = false;
/** performance.now() of the latest edit not yet sent. */
let editAt = 0;

function key(): string {
  const w = useWorkspace.getState();
  const ui = useUi.getState();
  return `${getFile()}\u0000${w.progType ?? ''}\u0000${ui.typeOverride ?? ''}\u0000${ui.unprivileged ? 1 : 0}\u0000${ui.dock === 'states' ? ui.statesView : ''}\u0000${getSource()}`;
}

async function send(initial = false): Promise<void> {
  inFlight = true;
  dirty = false;
  const source = getSource();
  const file = getFile();
  const { progType, language } = useWorkspace.getState();
  const startedAt = editAt;
  const ticket = beginLive();
  const reply = await getWorkerClient().call('verify', {
    source,
    file,
    // assembly takes the chosen type; C takes SEC()'s unless the user overrode it in the run bar
    progType: language === 'c' ? (useUi.getState().typeOverride ?? undefined) : (progType ?? undefined),
    unprivileged: useUi.getState().unprivileged || undefined,
    // the state texts cost most of a verify: only while the state tree is on screen
    states: useUi.getState().dock === 'states' && useUi.getState().statesView === 'insns',
    explore: useUi.getState().dock === 'states',
  });
  inFlight = false;
  if (finishLive(ticket, source, reply)) {
    const done = () => {
      const end = performance.now();
      perf.verdicts++;
      if (initial) perf.firstVerdictMs = end - startedAt;
      else {
        push(perf.keyToVerdict, end - startedAt);
        if (reply.ok) push(perf.workerMs, reply.value.workerMs);
      }
      try {
        performance.measure('ebpf:key-to-verdict', { start: startedAt, end });
      } catch {
        /* a measure must not break verifying */
      }
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(done);
    else done();
  } else perf.dropped++;
  if (dirty) void send();
}

function edited(): void {
  editAt = performance.now();
  performance.mark('ebpf:edit');
  if (inFlight) dirty = true;
  else void send();
}

/** Start verifying as the user types; returns the unsubscribe function. */
export function startLiveVerify(): () => void {
  window.__ebpfPerf = perf;
  let last = key();
  editAt = performance.now();
  void send(true);
  const check = () => {
    const k = key();
    if (k === last) return;
    last = k;
    edited();
  };
  const a = useWorkspace.subscribe(check);
  const b = useUi.subscribe(check);
  return () => {
    a();
    b();
  };
}
