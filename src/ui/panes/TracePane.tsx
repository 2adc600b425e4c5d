/**
 * The Register trace pane: one row per executed instruction (step, pc, LLVM text, what it
 * wrote), Step back / Step forward (and ←/→ on the page), and the full register file r0..r10
 * after the current step. The table renders only the rows in view, so a 10 000-step trace
 * stays fast.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { setStep, stepBy, useOutcome, useStep } from '../../state/session.ts';
import { describeWrites } from './format.ts';
import { RegisterFile } from './RegisterFile.tsx';
import './panes.css';

const ROW_H = 24;

/** A 16×16 outline icon (filled path). */
function Icon({ d }: { d: string }) {
  return (
    <svg className="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path d={d} fill="currentColor" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
const OVERSCAN = 12;

function WritesCell({ text }: { text: string }) {
  return (
    <td className="mono writes" title={text || undefined}>
      {text}
    </td>
  );
}

export function TracePane() {
  const outcome = useOutcome();
  const step = useStep();
  const trace = outcome?.trace ?? [];
  const n = trace.length;
  const textOfPc = useMemo(() => new Map((outcome?.bytecode ?? []).map((r) => [r.pc, r.text])), [outcome]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(300);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewH(el.clientHeight));
    ro.observe(el);
    setViewH(el.clientHeight);
    return () => ro.disconnect();
  }, [n > 0]);

  // Keep the current row in view.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || n === 0) return;
    const head = el.querySelector('thead')?.getBoundingClientRect().height ?? ROW_H;
    const top = step * ROW_H;
    const visible = el.clientHeight - head;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + visible) el.scrollTop = top + ROW_H - visible;
  }, [step, n]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(n, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);
  const cur = trace[step];
  const run = outcome?.run;

  return (
    <section className="pane trace-pane" aria-label="Register trace">
      <div className="pane-head">
        <h2 className="pane-title">Register trace</h2>
        {n > 0 && (
          <span className="pane-sub" aria-live="polite">
            step <span className="mono" aria-label="current step">{step + 1}</span> of {n.toLocaleString('en-US')} · pc{' '}
            <span className="mono" aria-label="current pc">
              {cur?.pc}
            </span>
          </span>
        )}
        <div className="pane-tools">
          <button type="button" className="btn btn-small" aria-label="First step" disabled={n === 0 || step === 0} onClick={() => setStep(0)}>
            <Icon d="M4 3v10M13 3 6 8l7 5z" />
          </button>
          <button type="button" className="btn btn-small" aria-label="Step back" title="Step back (←)" disabled={n === 0 || step === 0} onClick={() => stepBy(-1)}>
            <Icon d="M11 3 4 8l7 5z" /> <span className="btn-label">Back</span>
          </button>
          <button type="button" className="btn btn-small" aria-label="Step forward" title="Step forward (→)" disabled={n === 0 || step >= n - 1} onClick={() => stepBy(1)}>
            <span className="btn-label">Forward</span> <Icon d="M5 3l7 5-7 5z" />
          </button>
          <button type="button" className="btn btn-small" aria-label="Last step" disabled={n === 0 || step >= n - 1} onClick={() => setStep(n - 1)}>
            <Icon d="M12 3v10M3 3l7 5-7 5z" />
          </button>
        </div>
      </div>
      {n === 0 ? (
        <div className="pane-body">
          <p className="empty">
            {outcome?.kernelRun
              ? 'The C program ran in the simulated kernel (see Result). Press Step in the run bar to run one packet on the reference interpreter and see its register trace here.'
              : outcome && !run
              ? 'Nothing ran, so there is no trace.'
              : 'After a run, every executed instruction is listed here with the registers it wrote. Step with ← and →.'}
          </p>
        </div>
      ) : (
        <>
          <div className="pane-body table-scroll trace-scroll" ref={scrollRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
            <table className="grid-table trace-table" role="table" aria-label="Executed instructions" aria-rowcount={n + 1}>
              <thead>
                <tr>
                  <th scope="col" className="num">step</th>
                  <th scope="col" className="num">pc</th>
                  <th scope="col">instruction</th>
                  <th scope="col">wrote</th>
                </tr>
              </thead>
              <tbody>
                {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_H }} />}
                {trace.slice(first, last).map((t, j) => {
                  const i = first + j;
                  return (
                    <tr
                      key={i}
                      className={i === step ? 'current' : undefined}
                      aria-current={i === step ? 'step' : undefined}
                      aria-rowindex={i + 2}
                      onClick={() => setStep(i)}
                    >
                      <td className="num mono muted">{i + 1}</td>
                      <td className="num mono">{t.pc}</td>
                      <td className="mono insn">
                        {t.frame > 0 && <span className="frame-tag">f{t.frame}</span>}
                        {textOfPc.get(t.pc) ?? '?'}
                      </td>
                      <WritesCell text={describeWrites(t, outcome?.initialRegs[10]).join(', ')} />
                    </tr>
                  );
                })}
                {last < n && <tr aria-hidden="true" style={{ height: (n - last) * ROW_H }} />}
              </tbody>
            </table>
          </div>
          {outcome?.traceTruncated && run && (
            <p className="trace-note">
              The trace keeps the first {n.toLocaleString('en-US')} of {run.steps.toLocaleString('en-US')} instructions executed.
            </p>
          )}
          {outcome?.kernelRun?.oops && (
            <p className="trace-note" aria-label="Run ended in an oops">
              The run ended in the simulated kernel oops at pc {outcome.kernelRun.oops.pc} (the last step; the message is in Result).
            </p>
          )}
          <RegisterFile />
        </>
      )}
    </section>
  );
}
