/**
 * The verifier state tree panel: for every instruction, how many abstract states the verifier
 * explored there (pruned instructions marked, from the log's `safe` lines); pick one to see each
 * state as the log prints it. When a run left a register trace (the Run button's trace), the concrete register values at that instruction's first visit
 * stand beside the verifier's abstract ones, and a value outside its abstract range is flagged.
 */
import { useMemo, useState } from 'react';
import { selectPc, useDrive, useLive, useOutcome, useSelectedPc, useShownBytecode, useShownVerifier } from '../../state/session.ts';
import type { TraceStep } from '../../vm/index.ts';
import { fits, parseRegs, prunedPcs } from './stateCheck.ts';
import './panes.css';
import './runs.css';

/** Registers before the first execution of `pc` in `trace` (null where the trace does not say). */
function concreteAt(trace: TraceStep[], initial: bigint[], pc: number): (bigint | null)[] | null {
  const regs: (bigint | null)[] = Array.from({ length: 11 }, (_, r) => (initial[r] !== undefined ? initial[r] : null));
  for (const s of trace) {
    if (s.pc === pc && s.frame === 0 && !s.prog) return regs;
    if (s.frame === 0 && !s.prog) for (const [r, v] of s.regs) regs[r] = v;
  }
  return null;
}

export function StatesPane() {
  const live = useLive();
  const drive = useDrive();
  const outcome = useOutcome();
  const verifier = useShownVerifier();
  const rows = useShownBytecode();
  const selected = useSelectedPc();
  const states = live?.outcome.states ?? drive.view?.states ?? [];
  const pruned = useMemo(() => prunedPcs(verifier?.log ?? ''), [verifier]);
  const [local, setLocal] = useState<number | null>(null);
  const pc = selected ?? local ?? states.findIndex((s) => s.length > 0);
  const textAt = useMemo(() => new Map(rows.map((r) => [r.pc, r.text])), [rows]);
  const trace = outcome?.trace ?? [];
  const initial = outcome?.initialRegs ?? [];
  const concrete = pc >= 0 && trace.length ? concreteAt(trace, initial, pc) : null;
  const explored = states.reduce((n, s) => n + s.length, 0);

  return (
    <section className="pane states-pane" aria-label="Verifier states">
      <div className="pane-head">
        <h2 className="pane-title">Verifier states</h2>
        {states.length > 0 && (
          <span className="pane-sub">
            {explored} states at {states.filter((s) => s.length).length} insns · {pruned.size} pruned
          </span>
        )}
      </div>
      <div className="pane-body" style={{ overflow: 'hidden' }}>
        {states.length === 0 ? (
          <p className="empty">The verifier's abstract states for every instruction appear here once the program compiles.</p>
        ) : (
          <div className="split-2">
            <div>
              <table className="mini-table" aria-label="States per instruction">
                <thead>
                  <tr>
                    <th>pc</th>
                    <th>states</th>
                    <th>instruction</th>
                  </tr>
                </thead>
                <tbody>
                  {states.map((s, i) =>
                    textAt.get(i) === '' ? null : (
                      <tr key={i} className={`clickable${i === pc ? ' sel' : ''}`} aria-selected={i === pc} onClick={() => { setLocal(i); selectPc(i); }}>
                        <td>{i}</td>
                        <td>
                          {s.length}
                          {pruned.has(i) && <span className="pruned-tag"> pruned</span>}
                        </td>
                        <td>{textAt.get(i) ?? ''}</td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            </div>
            <div aria-label="States at the selected instruction">
              {pc >= 0 && (
                <div className="run-section">
                  <h3>
                    insn {pc}: {textAt.get(pc)} <span className="pane-sub">{states[pc]?.length ?? 0} state(s)</span>
                  </h3>
                  {(states[pc] ?? []).length === 0 && <p className="pane-sub">The verifier never reached this instruction (dead code, or it stopped earlier).</p>}
                  <ul className="states-list">
                    {(states[pc] ?? []).map((st, k) => {
                      const regs = parseRegs(st);
                      return (
                        <li key={k}>
                          <div>{st}</div>
                          {concrete && (
                            <div aria-label="Concrete beside abstract">
                              {regs.map((a) => {
                                const c = concrete[a.reg];
                                if (c === null || c === undefined) return null;
                                const ok = fits(a, c);
                                return (
                                  <span key={a.reg} className={ok === false ? 'diverge' : undefined} title={ok === false ? 'the run had a value outside what the verifier allowed here' : undefined}>
                                    {' '}r{a.reg}: {a.text} ⇢ {a.pointer ? `0x${c.toString(16)}` : BigInt.asIntN(64, c).toString()}
                                    {ok === false ? ' ✗' : ''}
                                  </span>
                                );
                              })}
                            </div>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </div>
              )}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
