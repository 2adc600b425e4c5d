/**
 * The Verifier pane's counterexample box: when the verifier rejects a memory access it could not
 * prove in bounds — a packet access, or a map value access in a packet or tracing program — it
 * asks the worker (counterexample.ts) for a concrete input (a packet, or a tracing program's
 * context) that makes the rejected instruction touch memory outside its object, and shows it
 * (the fields the search changed, dissection, hex, the instruction and its source line).
 * "Replay without the verifier" runs exactly that input in a kernel that loaded the program
 * unverified, shows what the access did (and the simulated oops), and loads that run's step
 * trace into the Trace pane at the step of the rejected instruction.
 *
 * The search starts a moment after the verdict settles, runs in short slices (the worker answers
 * live verifies between them) and stops when the verdict changes (typing cancels it). The box
 * folds to its one-line title (a <details>), so the log keeps its room.
 * Deliberately not here: searching for other complaints. Own code.
 */
import { useEffect, useState } from 'react';
import type { Counterexample, CounterexampleOutcome, CounterexampleReplay, RunOutcome, VerifierSummary } from '../../worker/protocol.ts';
import { parseRejection } from '../../worker/cexWalk.ts';
import { beginRun, finishRun, setStep, useSession } from '../../state/session.ts';
import { setDock, useUi } from '../../state/ui.ts';
import { getFile, useWorkspace } from '../../state/workspace.ts';
import { getWorkerClient } from '../app/actions.ts';
import { revealInEditor } from '../editor/editorBridge.ts';

const PACKET_TYPES = new Set(['xdp', 'sched_cls', 'sched_act', 'socket_filter', 'cgroup_skb']);
const CTX_TYPES = new Set(['kprobe', 'tracepoint', 'raw_tracepoint', 'perf_event', 'tracing', 'lsm']);
/** Wait this long after a verdict before searching (ms). */
const SETTLE_MS = 350;
/** Worker time per slice of the search (ms). */
const SLICE_MS = 40;

interface Asked {
  source: string;
  file: string;
  progType?: string;
}

/** Whether the worker can search a counterexample for this verdict (mirrors counterexample.ts `rejectionOf`). */
export function cexApplies(v: VerifierSummary): boolean {
  if (v.accepted) return false;
  const r = parseRejection(v.error, v.log, v.errorPc);
  if (!r) return false;
  return r.kind === 'packet' ? PACKET_TYPES.has(v.progType) : PACKET_TYPES.has(v.progType) || CTX_TYPES.has(v.progType);
}

function whatWasVerified(v: VerifierSummary): Asked | undefined {
  const s = useSession.getState();
  const source = s.live && s.live.outcome.verifier === v ? s.live.source : s.outcome?.verifier === v ? s.ranSource : null;
  if (source === null || source === undefined) return undefined;
  const { progType, language } = useWorkspace.getState();
  const override = language === 'c' ? (useUi.getState().typeOverride ?? undefined) : (progType ?? undefined);
  return { source, file: getFile(), ...(override ? { progType: override } : {}) };
}

function hexDump(hex: string): string {
  const rows: string[] = [];
  for (let i = 0; i < hex.length; i += 32) {
    const bytes = hex.slice(i, i + 32).match(/../g) ?? [];
    rows.push(`${(i / 2).toString(16).padStart(4, '0')}  ${bytes.join(' ')}`);
  }
  return rows.join('\n');
}

export function describeAccess(r: CounterexampleReplay, pc: number): string {
  const a = r.access;
  const obj = a?.object ?? 'packet';
  if (a?.pointer) {
    const where = a.before > 0 ? `${a.before} byte${a.before === 1 ? '' : 's'} before` : `${a.offset - a.packetLen} bytes past the end of`;
    return `insn ${pc} moves the pointer to value+${a.offset} — ${where} the ${a.packetLen}-byte map value${r.oops ? `; the access after it oopses at insn ${r.oops.pc}` : ''}`;
  }
  if (r.oops && r.oops.pc === pc && !a) return `the kernel oopses at insn ${pc}`;
  if (!a) return r.reachedPc ? `insn ${pc} ran and stayed inside the ${obj}` : `the run did not reach insn ${pc}`;
  const n = `${a.size} byte${a.size === 1 ? '' : 's'}`;
  const what = a.store ? `wrote ${n}` : `read ${n}`;
  const base = obj === 'packet' ? 'data' : 'value';
  const end = obj === 'packet' ? 'data_end' : 'the end of the value';
  const where = a.beyond > 0 ? `${a.beyond} byte${a.beyond === 1 ? '' : 's'} past ${end}` : `${a.before} byte${a.before === 1 ? '' : 's'} before ${base}`;
  const of = obj === 'packet' ? `of a ${a.packetLen}-byte packet` : `of a ${a.packetLen}-byte map value`;
  const oops = r.oops && r.oops.pc === pc ? ' — the kernel oopses there' : '';
  return `insn ${pc} ${what} at ${base}+${a.offset} ${of}: ${where}${a.value !== undefined ? ` (read ${a.value})` : ''}${oops}`;
}

/** What the search found, in one sentence. */
function title(c: Counterexample): string {
  const names = [...new Set((c.changes ?? []).map((x) => (x.name.startsWith('probe read') ? 'a probe-read value' : x.name)))];
  const changed = names.length ? `${names.join(', ')} changed` : '';
  if (c.input === 'ctx') return `this context (${c.kind.replace(/ of zeros$/, '')}${changed ? `, ${changed}` : ''})`;
  const cut = c.run.packetLen < c.fullLength ? `cut from ${c.fullLength} bytes` : '';
  return `this ${c.run.packetLen}-byte packet (${[c.kind, changed, cut].filter(Boolean).join(', ')})`;
}

/** The replay's step trace as a run outcome: the Trace, Registers and Result panes show it. */
function replayOutcome(v: VerifierSummary, c: Counterexample, out: CounterexampleOutcome): RunOutcome | undefined {
  const r = out.replay;
  const t = out.trace;
  if (!r || !t) return undefined;
  const rows = useSession.getState().live?.outcome.verifier === v ? useSession.getState().live!.outcome.bytecode : (useSession.getState().outcome?.bytecode ?? []);
  return {
    verifier: v,
    diagnostics: [],
    bytecode: rows,
    trace: t.steps,
    traceTruncated: t.truncated,
    initialRegs: t.initialRegs,
    kernelRun: {
      progType: v.progType,
      retval: r.retval ?? 0,
      retvalName: r.verdict,
      steps: r.steps,
      ...(r.oops ? { oops: r.oops } : {}),
      packet: `counterexample ${c.input === 'ctx' ? 'context' : 'packet'} (${c.run.packetLen} bytes), run without the verifier`,
      tracePipe: [],
    },
  };
}

export function CounterexampleBox({ v }: { v: VerifierSummary }) {
  const [answer, setAnswer] = useState<{ v: VerifierSummary; asked: Asked; out: CounterexampleOutcome } | null>(null);
  const [progress, setProgress] = useState<{ v: VerifierSummary; tried: number } | null>(null);
  const [replay, setReplay] = useState<{ hex: string; out: CounterexampleOutcome; step?: number } | 'running' | null>(null);
  const [open, setOpen] = useState(true);
  const applies = cexApplies(v);

  useEffect(() => {
    setReplay(null);
    if (!applies) return;
    let alive = true;
    const t = setTimeout(() => {
      const asked = whatWasVerified(v);
      if (!asked) return;
      const client = getWorkerClient();
      const go = async () => {
        let r = await client.call('counterexample', { ...asked, sliceMs: SLICE_MS });
        // slices until the search ends; a new verdict (typing) stops asking
        while (alive && r.ok && r.value.more) {
          setProgress({ v, tried: r.value.tried });
          r = await client.call('counterexample', { ...asked, sliceMs: SLICE_MS, resume: true });
        }
        if (!alive) return;
        setAnswer({ v, asked, out: r.ok ? r.value : { applies: true, tried: 0, ms: 0, message: `the search stopped: ${r.error.message}` } });
      };
      void go();
    }, SETTLE_MS);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [v, applies]);

  if (!applies) return null;
  const current = answer && answer.v === v ? answer : null;
  if (!current) {
    const n = progress && progress.v === v ? progress.tried : 0;
    return (
      <div className="cex" aria-label="Counterexample">
        <p className="cex-title">Looking for an input that breaks it…{n > 0 ? ` (${n} tried)` : ''}</p>
      </div>
    );
  }
  const { out, asked } = current;
  const c = out.found;
  if (!out.applies) return null;
  if (!c) {
    return (
      <div className="cex" aria-label="Counterexample">
        <p className="cex-title">{out.message ?? 'no counterexample found'}</p>
      </div>
    );
  }
  const doReplay = () => {
    setReplay('running');
    void getWorkerClient().call('counterexample', { ...asked, replayHex: c.hex, withTrace: true }).then((r) => {
      if (!r.ok) {
        setReplay({ hex: c.hex, out: { applies: true, tried: 0, ms: 0, replayError: r.error.message } });
        return;
      }
      const outcome = replayOutcome(v, c, r.value);
      let step: number | undefined;
      if (outcome) {
        // the replay becomes the run the Trace pane shows, at the rejected instruction's step
        const id = beginRun(asked.source);
        finishRun(id, { ok: true, value: outcome });
        const k = outcome.trace.findIndex((s) => !s.prog && s.pc === c.pc);
        step = k >= 0 ? k : outcome.trace.length - 1;
        setStep(step);
        setDock('trace');
      }
      setReplay({ hex: c.hex, out: r.value, ...(step !== undefined ? { step } : {}) });
    });
  };
  const rp = replay !== null && replay !== 'running' && replay.hex === c.hex ? replay : null;
  const isCtx = c.input === 'ctx';
  return (
    <details className="cex" aria-label="Counterexample" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="cex-title">
        <strong>Counterexample:</strong> {title(c)} makes{' '}
        <button type="button" className="cex-link" onClick={(e) => { e.preventDefault(); if (c.line !== undefined) revealInEditor(c.line, c.col ?? 1); }}>
          insn {c.pc}{c.line !== undefined ? ` (line ${c.line})` : ''}
        </button>{' '}
        go outside {c.run.access?.object === 'map value' ? 'the map value' : isCtx ? 'its object' : 'the packet'} without the verifier.
      </summary>
      <p className="cex-found" aria-label="What the input does">{describeAccess(c.run, c.pc)}</p>
      {c.changes && c.changes.length > 0 && (
        <ul className="cex-changes" aria-label="Fields changed">
          {c.changes.map((x) => (
            <li key={x.name}>
              <code>{x.name}</code>: {x.from} → <strong>{x.to}</strong>
            </li>
          ))}
        </ul>
      )}
      <div className="cex-packet">
        <code className="cex-summary">{c.summary}</code>
        <pre className="cex-dissect" aria-label={isCtx ? 'Context fields' : 'Packet dissection'}>{c.dissection}</pre>
        <pre className="cex-hex" aria-label={isCtx ? 'Context bytes' : 'Packet bytes'}>{hexDump(c.hex)}</pre>
      </div>
      <p className="cex-actions">
        <button type="button" className="btn" onClick={doReplay} disabled={replay === 'running'}>
          Replay without the verifier
        </button>
        <span className="pane-sub">found among {out.tried} inputs tried in {Math.round(out.ms)} ms</span>
      </p>
      {rp && (
        <div className="cex-replay" role="status" aria-label="Replay result">
          {rp.out.replay ? (
            <>
              <p>
                Ran without the verifier: verdict <code>{rp.out.replay.verdict}</code> after {rp.out.replay.steps} insns; {describeAccess(rp.out.replay, c.pc)}.
              </p>
              {rp.step !== undefined && (
                <p className="pane-sub">
                  Its register trace is in the Trace pane, at step {rp.step + 1} (insn {c.pc}).{' '}
                  <button type="button" className="cex-link" onClick={() => { setDock('trace'); setStep(rp.step!); }}>
                    Show it
                  </button>
                </p>
              )}
              {rp.out.replay.oops ? (
                <pre className="cex-oops">{rp.out.replay.oops.message}</pre>
              ) : (
                <p className="pane-sub">
                  {rp.out.replay.access?.object === 'map value'
                    ? 'No oops: the access lands in the memory next to the value (another element of the map), so a real kernel would not fault either; it would act on bytes that are not part of the value'
                    : 'No oops: the frame lies in a page with tailroom, so a real kernel would not fault either; it would act on bytes that are not part of the packet'}{' '}
                  — what the verifier refused to allow.
                </p>
              )}
            </>
          ) : (
            <p className="cex-error">{rp.out.replayError ?? rp.out.message}</p>
          )}
        </div>
      )}
    </details>
  );
}
