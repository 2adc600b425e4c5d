/**
 * The Verifier pane: what a Linux 6.18 kernel would say about loading the program — a verdict
 * badge (accepted, or rejected with the kernel's complaint), the processed-instruction count,
 * and the log in the kernel's own text (level 1: the failing path; level 2: every state, the
 * level picked here applies to the next run). The complaint line is highlighted. Clicking an
 * instruction line `N: (xx) …` selects pc N in the Bytecode panel and its source line in the
 * editor.
 *
 * The verdict follows the editor as you type (live.ts): the newer of the live verify and the
 * last run is shown.
 *
 * A rejected packet or map value access gets a counterexample input and a replay without the
 * verifier (Counterexample.tsx), in a box that folds; the log keeps most of the pane, scrolls
 * sideways rather than wrapping, and scrolls the complaint line into view.
 *
 * Deliberately not here: explaining the message (later), editing the program type (the editor
 * bar has it).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { selectPc, setLogLevel, useLive, useLogLevel, useOutcome, useRunStatus, useSelectedPc, useShownBytecode, useShownVerifier } from '../../state/session.ts';
import { DEFAULT_SIZES, setSize, useSizes } from '../../state/ui.ts';
import { revealInEditor } from '../editor/editorBridge.ts';
import { runWorkspace } from '../app/actions.ts';
import { CounterexampleBox } from './Counterexample.tsx';
import './panes.css';
import './verifier.css';

const INSN_LINE = /^(\d+): \([0-9a-f]{2}\)/;
/** Lines rendered at most (a level-2 log of a large program runs to megabytes). */
const MAX_LINES = 4000;
/** The verifier's share of the right column below the result when "More room" is on. */
const ROOMY = 0.7;

export function VerifierPane() {
  const outcome = useOutcome();
  const status = useRunStatus();
  const level = useLogLevel();
  const selected = useSelectedPc();
  const live = useLive();
  const v = useShownVerifier();
  const rows = useShownBytecode();
  const isLive = live !== null && live.outcome.verifier === v && v !== undefined;
  const all = useMemo(() => (v ? v.log.replace(/\n$/, '').split('\n') : []), [v]);
  // keep the end of a long log: the complaint and the statistics are there
  const cut = Math.max(0, all.length - MAX_LINES);
  const lines = cut > 0 ? all.slice(cut) : all;
  // the complaint: the first line that is exactly the error text
  const errorLine = v && !v.accepted && v.error ? lines.indexOf(v.error) : -1;
  const logRef = useRef<HTMLDivElement>(null);

  const sizes = useSizes();
  const [before, setBefore] = useState<number | null>(null);
  const roomy = sizes.stack >= ROOMY - 0.001;

  // the complaint in view (in the log's own scroll box: the page does not move), also when the
  // log's box changes size (the counterexample box opens or folds, the pane is resized)
  useEffect(() => {
    const box = logRef.current;
    const el = box?.querySelector<HTMLElement>('.vlog-error');
    if (!box || !el) return;
    const show = () => {
      box.scrollTop = Math.max(0, el.offsetTop - box.clientHeight / 2 + el.offsetHeight / 2);
      box.scrollLeft = 0;
    };
    show();
    let h = box.clientHeight;
    const ro = new ResizeObserver(() => {
      if (box.clientHeight !== h) {
        h = box.clientHeight;
        show();
      }
    });
    ro.observe(box);
    return () => ro.disconnect();
  }, [v, errorLine]);

  const toggleRoom = () => {
    if (roomy) {
      setSize('stack', before !== null && before < ROOMY ? before : DEFAULT_SIZES.stack);
      setBefore(null);
    } else {
      setBefore(sizes.stack);
      setSize('stack', ROOMY);
    }
  };

  const pick = (pc: number) => {
    selectPc(pc);
    const row = rows.find((r) => r.pc === pc);
    if (row?.line !== undefined) revealInEditor(row.line, 1);
  };

  return (
    <section className="pane verifier-pane" aria-label="Verifier">
      <div className="pane-head">
        <h2 className="pane-title">Verifier</h2>
        {v && (
          <span className="pane-sub">
            as {v.progType} · Linux 6.18 rules{isLive ? ' · checked as you type' : ''}
          </span>
        )}
        <div className="pane-tools">
          {v && (
            <button type="button" className="btn btn-small" aria-pressed={roomy} title="Give the verifier most of the column (the run panels keep the rest)" onClick={toggleRoom}>
              {roomy ? 'Less room' : 'More room'}
            </button>
          )}
          <label className="vlog-level">
            <span>log level</span>
            <select
              aria-label="Verifier log level"
              value={level}
              onChange={(e) => {
                setLogLevel(e.target.value === '2' ? 2 : 1);
                if (outcome && status !== 'running') void runWorkspace();
              }}
            >
              <option value="1">1 (failing path)</option>
              <option value="2">2 (every state)</option>
            </select>
          </label>
        </div>
      </div>
      <div className="pane-body verifier-body">
        {!v ? (
          <p className="empty">
            {outcome || live ? 'The program did not reach the verifier: fix the errors and run again.' : 'Press Run: the verifier checks the program before it runs.'}
          </p>
        ) : (
          <>
            <div className="verdict" role="status" aria-label="Verdict">
              {v.accepted ? <span className="badge badge-ok">accepted</span> : <span className="badge badge-err">rejected</span>}
              {!v.accepted && v.error && (
                <code className="verdict-error" title={v.error}>
                  {v.error}
                </code>
              )}
              <span className="pane-sub verdict-count">processed {v.processed} insns</span>
            </div>
            <CounterexampleBox v={v} />
            <div className="vlog" role="log" aria-label="Verifier log" ref={logRef} tabIndex={0}>
              {cut > 0 && <div className="vlog-line vlog-cut">… {cut.toLocaleString('en-US')} earlier lines not shown</div>}
              {lines.map((text, i) => {
                const m = INSN_LINE.exec(text);
                const cls = `vlog-line${i === errorLine ? ' vlog-error' : ''}${m && Number(m[1]) === selected ? ' vlog-selected' : ''}`;
                if (m) {
                  const pc = Number(m[1]);
                  return (
                    <button key={i} type="button" className={`${cls} vlog-insn`} title={`Show insn ${pc} in the Bytecode panel and the editor`} onClick={() => pick(pc)}>
                      {text}
                    </button>
                  );
                }
                return (
                  <div key={i} className={cls}>
                    {text || ' '}
                  </div>
                );
              })}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
