/**
 * The verifier state tree panel: for every instruction, how many abstract states the verifier
 * explored there (pruned instructions marked, from the log's `safe` lines); pick one to see each
 * state as the log prints it. When a run left a register trace (the Run button's trace), the concrete register values at that instruction's first visit
 * stand beside the verifier's abstract ones, and a value outside its abstract range is flagged.
 * The "Paths" view shows the same walk as a tree of paths (src/ui/panes/stateTree.ts): straight
 * runs collapsed into one row, the two sides of each branch one level deeper, pruned and
 * rejecting leaves marked; a click selects the row's first instruction everywhere. After a
 * traffic run of this very text, the traced runs' paths (the first 256 packets, replayed on the
 * interpreter) are laid over the tree (stateTree.ts matchRuns): each row says how many runs took
 * it, and the paths no run took are greyed.
 */
import { useMemo, useState } from 'react';
import { selectPc, useDrive, useLive, useOutcome, useSelectedPc, useShownBytecode, useShownVerifier } from '../../state/session.ts';
import { useSource } from '../../state/workspace.ts';
import { setStatesView, useStatesView } from '../../state/ui.ts';
import type { TraceStep } from '../../vm/index.ts';
import { fits, parseRegs, prunedPcs } from './stateCheck.ts';
import { buildPaths, endLabel, matchRuns, rowRuns, runsLabel, type PathRow } from './stateTree.ts';
import type { ExploredPathNode } from '../../worker/protocol.ts';
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

const inRow = (r: PathRow, pc: number | null) => pc !== null && r.runs.some(([a, b]) => pc >= a && pc <= b);

/** The exploration as a tree of paths; rows are buttons selecting their first instruction. */
function PathsView({ explored, rejected, selected, traced }: { explored: { nodes: ExploredPathNode[]; truncated: boolean }; rejected: boolean; selected: number | null; traced?: { pcs: number[]; runs: number }[] }) {
  const tree = useMemo(() => buildPaths(explored.nodes, { rejected, nodesTruncated: explored.truncated }), [explored, rejected]);
  const taken = useMemo(() => {
    if (!traced) return null;
    const m = matchRuns(explored.nodes, traced);
    return { ...m, rows: rowRuns(explored.nodes, tree.rows, m.perNode) };
  }, [explored, traced, tree]);
  return (
    <div className="paths-view">
      <p className="pane-sub" aria-label="Paths summary">
        {explored.nodes.length} insn visits · {tree.rows.length} path segments · {tree.leaves.exit} reach exit · {tree.leaves.pruned} pruned
        {tree.leaves.rejected ? ' · 1 rejected' : ''}
        {tree.truncated || explored.truncated ? <span className="pruned-tag"> · truncated (first {tree.truncated ? `${tree.rows.length} rows` : `${explored.nodes.length} visits`} shown)</span> : null}
      </p>
      {taken && (
        <p className="pane-sub" aria-label="Runs over the paths">
          <span title="the run's first packets, replayed traced on the interpreter, matched to the verifier's paths">
            {taken.matched + taken.unmatched} traced run{taken.matched + taken.unmatched === 1 ? '' : 's'} laid over
          </span>
          {taken.unmatched ? ` · ${taken.unmatched} left the explored tree` : ''} · {taken.rows.filter((n) => n === 0).length} untaken (greyed)
        </p>
      )}
      <ul className="paths-tree" role="tree" aria-label="Explored paths">
        {tree.rows.map((r, i) => (
          <li
            key={r.key}
            role="treeitem"
            aria-level={r.depth + 1}
            aria-selected={inRow(r, selected)}
            className={`path-row path-${r.end}${inRow(r, selected) ? ' sel' : ''}${taken && taken.rows[i] === 0 ? ' path-untaken' : ''}`}
            style={{ paddingLeft: `${6 + Math.min(r.depth, 30) * 14}px` }}
            title={`reached by ${r.via}; ${r.visits} insn visit(s)${r.checkpoints ? `, ${r.checkpoints} checkpoint(s) stored` : ''}${r.depth > 30 ? `; depth ${r.depth}` : ''}`}
            onClick={() => selectPc(r.first)}
          >
            <span className="path-insns">{r.depth > 0 ? (r.via === 'branch' ? '↳ ' : '├ ') : ''}{runsLabel(r.runs)}</span>
            <span className="path-end">{endLabel(r)}</span>
            {taken && (
              <span className="path-taken" aria-label="Runs that took it">
                {taken.rows[i] === 0 ? 'no run' : `${taken.rows[i].toLocaleString('en-US')} run${taken.rows[i] === 1 ? '' : 's'}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function StatesPane() {
  const live = useLive();
  const drive = useDrive();
  const outcome = useOutcome();
  const verifier = useShownVerifier();
  const rows = useShownBytecode();
  const selected = useSelectedPc();
  const states = live?.outcome.states ?? drive.view?.states ?? [];
  const tree = live?.outcome.explored;
  const source = useSource();
  // the traced runs' paths, when the last traffic run was of this very text
  const traced = drive.view?.tracedPaths && drive.source === source && live?.source === source ? drive.view.tracedPaths : undefined;
  // pcs where a path was pruned: the log's `safe` lines (level 2), and the explored nodes when shipped
  const pruned = useMemo(() => {
    const out = prunedPcs(verifier?.log ?? '');
    for (const n of tree?.nodes ?? []) if (n.pruned) out.add(n.insn);
    return out;
  }, [verifier, tree]);
  const [local, setLocal] = useState<number | null>(null);
  const pc = selected ?? local ?? states.findIndex((s) => s.length > 0);
  const textAt = useMemo(() => new Map(rows.map((r) => [r.pc, r.text])), [rows]);
  const trace = outcome?.trace ?? [];
  const initial = outcome?.initialRegs ?? [];
  const concrete = pc >= 0 && trace.length ? concreteAt(trace, initial, pc) : null;
  const explored = states.reduce((n, s) => n + s.length, 0);
  const view = useStatesView();
  const setView = setStatesView;

  return (
    <section className="pane states-pane" aria-label="Verifier states">
      <div className="pane-head">
        <h2 className="pane-title">Verifier states</h2>
        {explored > 0 && (
          <span className="pane-sub">
            {explored} states at {states.filter((s) => s.length).length} insns · {pruned.size} pruned
          </span>
        )}
        {tree && (
          <span className="view-switch" role="group" aria-label="States view">
            <button type="button" aria-pressed={view === 'insns'} onClick={() => setView('insns')}>Per insn</button>
            <button type="button" aria-pressed={view === 'paths'} onClick={() => setView('paths')}>Paths</button>
          </span>
        )}
      </div>
      <div className="pane-body" style={{ overflow: view === 'paths' && tree ? 'auto' : 'hidden' }}>
        {view === 'paths' && tree ? (
          <PathsView explored={tree} rejected={live?.outcome.verifier?.accepted === false} selected={selected} traced={traced} />
        ) : states.length === 0 ? (
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
