/**
 * The Bytecode pane: every 8-byte slot of the assembled program — pc, the bytes in memory order,
 * and the LLVM-syntax text (as `llvm-objdump -d` lists them). The current trace step's slot is
 * highlighted, and so is a pc picked in the Verifier log. For C, each slot also shows the source
 * line it came from (the object's line info), as `llvm-objdump -S` interleaves it. The rows follow
 * the editor as you type (live verify). After a traffic run of this very text, each slot shows how
 * often it executed: exactly, over every packet (or event) run so far, when the session counts
 * (`view.execCounts`: the engines' counting mode, updated with every batch). Fallback, for a
 * session without exact counts: a traced replay of the run's first packets (worker/session.ts
 * TRACED_RUNS, 256); when the run was longer, the column says so ("runs in first 256") and a second
 * column gives the count scaled to every packet run so far ("≈ all 5,000"), an estimate marked as
 * such. A jump shows its target pc (click to select it).
 */
import { useEffect, useRef } from 'react';
import { jumpTarget } from './runFormat.ts';
import { selectPc, useDrive, useOutcome, useSelectedPc, useShownBytecode, useStep } from '../../state/session.ts';
import { useSource } from '../../state/workspace.ts';
import './panes.css';
import './verifier.css';
import './runs.css';

export function BytecodePane() {
  const outcome = useOutcome();
  const step = useStep();
  const rows = useShownBytecode();
  const drive = useDrive();
  const source = useSource();
  const v = drive.view && drive.source === source ? drive.view : null;
  // exact counts over every run so far; else the traced replay of the first packets
  // (a session that counts shows nothing before its first packet ran: no replayed counts then)
  const exactRuns = v?.execCounts && v.execCounts.length > 0 ? (v.execRuns ?? 0) : 0;
  const exact = exactRuns > 0;
  const counts = v?.execCounts ? (exact ? v.execCounts : null) : v && v.countedRuns > 0 ? v.insnCounts : null;
  const counted = exact ? exactRuns : (v?.countedRuns ?? 0);
  const done = v?.done ?? 0;
  // the traced replay covers only the first `counted` packets: scale to all of them, marked as an estimate
  const partial = !exact && counts !== null && done > counted;
  const scale = partial ? done / counted : 1;
  const currentPc = outcome?.trace[step]?.pc;
  const selectedPc = useSelectedPc();
  const withSrc = rows.some((r) => r.src !== undefined);
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = bodyRef.current?.querySelector<HTMLElement>('tr.current');
    el?.scrollIntoView({ block: 'nearest' });
  }, [currentPc, outcome]);
  useEffect(() => {
    const el = bodyRef.current?.querySelector<HTMLElement>('tr.selected');
    el?.scrollIntoView({ block: 'center' });
  }, [selectedPc]);

  return (
    <section className="pane bytecode-pane" aria-label="Bytecode">
      <div className="pane-head">
        <h2 className="pane-title">Bytecode</h2>
        {rows.length > 0 && (
          <span className="pane-sub">
            {rows.length} slot{rows.length === 1 ? '' : 's'} · {rows.length * 8} bytes
          </span>
        )}
      </div>
      <div className="pane-body table-scroll" ref={bodyRef}>
        {rows.length === 0 ? (
          <p className="empty">{outcome ? 'No bytecode: fix the errors and run again.' : 'The assembled instructions appear here after a run.'}</p>
        ) : (
          <table className="grid-table" role="table" aria-label="Bytecode">
            <thead>
              <tr>
                <th scope="col" className="num">pc</th>
                <th scope="col">bytes</th>
                <th scope="col">instruction</th>
                {counts && (
                  <th
                    scope="col"
                    className="num nowrap"
                    title={exact
                      ? `executions over all ${counted.toLocaleString('en-US')} runs so far, counted exactly by the engine (subprograms and callbacks included)`
                      : `executions in the first ${counted} packets, replayed traced on the reference interpreter`}
                  >
                    {partial ? <>runs in<br />first {counted.toLocaleString('en-US')}</> : 'runs'}
                  </th>
                )}
                {partial && (
                  <th scope="col" className="num nowrap" title={`estimate: the count in the first ${counted} packets × ${scale.toFixed(1)} (the fast engine does not count instructions)`}>
                    ≈ all<br />{done.toLocaleString('en-US')}
                  </th>
                )}
                {withSrc && <th scope="col">source</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.pc}
                  className={[r.pc === currentPc && 'current', r.pc === selectedPc && 'selected'].filter(Boolean).join(' ') || undefined}
                  aria-selected={r.pc === selectedPc || undefined}
                >
                  <td className="num mono">{r.pc}</td>
                  <td className="mono bytes">{r.hex}</td>
                  <td className="mono insn">
                    {r.text}
                    {jumpTarget(r.pc, r.text) !== undefined && (
                      <button
                        type="button"
                        className="jump-target"
                        title={`jumps to insn ${jumpTarget(r.pc, r.text)}: select it`}
                        onClick={() => selectPc(jumpTarget(r.pc, r.text)!)}
                      >
                        ↳ {jumpTarget(r.pc, r.text)}
                      </button>
                    )}
                  </td>
                  {counts && <td className="mono exec-count">{r.text === '' ? '' : (counts[r.pc] ?? 0).toLocaleString('en-US')}</td>}
                  {partial && <td className="mono exec-estimate">{r.text === '' ? '' : `≈${Math.round((counts![r.pc] ?? 0) * scale).toLocaleString('en-US')}`}</td>}
                  {withSrc && (
                    <td className="mono src-line" title={r.line !== undefined ? `line ${r.line}` : undefined}>
                      {r.src !== undefined && r.text !== '' ? `${r.line}: ${r.src}` : ''}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
