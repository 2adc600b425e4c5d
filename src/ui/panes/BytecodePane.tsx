/**
 * The Bytecode pane: every 8-byte slot of the assembled program — pc, the bytes in memory order,
 * and the LLVM-syntax text (as `llvm-objdump -d` lists them). The current trace step's slot is
 * highlighted.
 */
import { useEffect, useRef } from 'react';
import { useOutcome, useStep } from '../../state/session.ts';
import './panes.css';

export function BytecodePane() {
  const outcome = useOutcome();
  const step = useStep();
  const rows = outcome?.bytecode ?? [];
  const currentPc = outcome?.trace[step]?.pc;
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = bodyRef.current?.querySelector<HTMLElement>('tr.current');
    el?.scrollIntoView({ block: 'nearest' });
  }, [currentPc, outcome]);

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
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.pc} className={r.pc === currentPc ? 'current' : undefined}>
                  <td className="num mono">{r.pc}</td>
                  <td className="mono bytes">{r.hex}</td>
                  <td className="mono insn">{r.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
