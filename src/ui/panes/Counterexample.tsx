/**
 * The Verifier pane's counterexample box: when the verifier rejects a packet program for an
 * `invalid access to packet`, it asks the worker (counterexample.ts) for a concrete packet that
 * makes the rejected instruction touch bytes outside the packet, shows it (dissection, hex, the
 * instruction and its source line), and "Replay without the verifier" runs exactly that packet
 * in a kernel that loaded the program unverified and shows what the access did (and the
 * simulated oops when there is one).
 *
 * The search starts a moment after the verdict settles (typing is not slowed by it) and its
 * answer is dropped when the verdict changed since. Deliberately not here: searching for other
 * complaints (only packet accesses have a checkable counterexample here). Own code.
 */
import { useEffect, useState } from 'react';
import type { CounterexampleOutcome, CounterexampleReplay, VerifierSummary } from '../../worker/protocol.ts';
import { useSession } from '../../state/session.ts';
import { useUi } from '../../state/ui.ts';
import { getFile, useWorkspace } from '../../state/workspace.ts';
import { getWorkerClient } from '../app/actions.ts';
import { revealInEditor } from '../editor/editorBridge.ts';

const PACKET_ACCESS = /invalid access to packet, off=-?\d+ size=\d+/;
const PACKET_TYPES = new Set(['xdp', 'sched_cls', 'sched_act', 'socket_filter', 'cgroup_skb']);
/** Wait this long after a verdict before searching (ms). */
const SETTLE_MS = 350;

interface Asked {
  source: string;
  file: string;
  progType?: string;
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

function describeAccess(r: CounterexampleReplay, pc: number): string {
  const a = r.access;
  if (r.oops && r.oops.pc === pc) return `the kernel oopses at insn ${pc}`;
  if (!a) return r.reachedPc ? `insn ${pc} ran and stayed inside the packet` : `the run did not reach insn ${pc}`;
  const what = a.store ? `wrote ${a.size} bytes` : `read ${a.size} bytes`;
  const where = a.beyond > 0 ? `${a.beyond} byte${a.beyond === 1 ? '' : 's'} past data_end` : `${a.before} byte${a.before === 1 ? '' : 's'} before data`;
  return `insn ${pc} ${what} at data+${a.offset} of a ${a.packetLen}-byte packet: ${where}${a.value !== undefined ? ` (read ${a.value})` : ''}`;
}

export function CounterexampleBox({ v }: { v: VerifierSummary }) {
  const [answer, setAnswer] = useState<{ v: VerifierSummary; asked: Asked; out: CounterexampleOutcome } | null>(null);
  const [replay, setReplay] = useState<{ hex: string; out: CounterexampleOutcome } | 'running' | null>(null);
  const applies = !v.accepted && v.errorPc !== undefined && PACKET_TYPES.has(v.progType) && PACKET_ACCESS.test(v.error ?? '');

  useEffect(() => {
    setReplay(null);
    if (!applies) return;
    let alive = true;
    const t = setTimeout(() => {
      const asked = whatWasVerified(v);
      if (!asked) return;
      void getWorkerClient().call('counterexample', asked).then((r) => {
        if (alive && r.ok) setAnswer({ v, asked, out: r.value });
      });
    }, SETTLE_MS);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [v, applies]);

  if (!applies) return null;
  const current = answer && answer.v === v ? answer : null;
  if (!current) {
    return (
      <div className="cex" aria-label="Counterexample">
        <p className="cex-title">Looking for a packet that breaks it…</p>
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
    void getWorkerClient().call('counterexample', { ...asked, replayHex: c.hex }).then((r) => {
      setReplay(r.ok ? { hex: c.hex, out: r.value } : { hex: c.hex, out: { applies: true, tried: 0, ms: 0, replayError: r.error.message } });
    });
  };
  const rp = replay !== null && replay !== 'running' && replay.hex === c.hex ? replay.out : null;
  return (
    <div className="cex" aria-label="Counterexample">
      <p className="cex-title">
        <strong>Counterexample:</strong> this {c.run.packetLen}-byte packet ({c.kind}, cut from {c.fullLength} bytes) makes{' '}
        <button type="button" className="cex-link" onClick={() => c.line !== undefined && revealInEditor(c.line, c.col ?? 1)}>
          insn {c.pc}{c.line !== undefined ? ` (line ${c.line})` : ''}
        </button>{' '}
        go outside the packet when the program runs without the verifier.
      </p>
      <p className="cex-found" aria-label="What the packet does">{describeAccess(c.run, c.pc)}</p>
      <div className="cex-packet">
        <code className="cex-summary">{c.summary}</code>
        <pre className="cex-dissect" aria-label="Packet dissection">{c.dissection}</pre>
        <pre className="cex-hex" aria-label="Packet bytes">{hexDump(c.hex)}</pre>
      </div>
      <p className="cex-actions">
        <button type="button" className="btn" onClick={doReplay} disabled={replay === 'running'}>
          Replay without the verifier
        </button>
        <span className="pane-sub">found among {out.tried} packets tried in {Math.round(out.ms)} ms</span>
      </p>
      {rp && (
        <div className="cex-replay" role="status" aria-label="Replay result">
          {rp.replay ? (
            <>
              <p>
                Ran without the verifier: verdict <code>{rp.replay.verdict}</code> after {rp.replay.steps} insns; {describeAccess(rp.replay, c.pc)}.
              </p>
              {rp.replay.oops ? (
                <pre className="cex-oops">{rp.replay.oops.message}</pre>
              ) : (
                <p className="pane-sub">
                  No oops: the frame lies in a page with tailroom, so a real kernel would not fault either; it would act on bytes that are not
                  part of the packet — what the verifier refused to allow.
                </p>
              )}
            </>
          ) : (
            <p className="cex-error">{rp.replayError ?? rp.message}</p>
          )}
        </div>
      )}
    </div>
  );
}
