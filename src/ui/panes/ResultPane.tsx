/**
 * The Result pane: r0 (hex and decimal), instructions executed, how the program ended (exit or
 * the simulated kernel oops), and every diagnostic as `line:col: message`.
 */
import { useFailure, useOutcome, useRunStatus } from '../../state/session.ts';
import type { WireDiagnostic } from '../../worker/protocol.ts';
import { revealInEditor } from '../editor/editorBridge.ts';
import { MEM_INPUT_ID } from '../editor/MemInput.tsx';
import { hex, s64IfNegative, u64 } from './format.ts';
import './panes.css';

/** Put the caret in the mem input at `col` (1-based). */
function revealInMem(col: number): void {
  const el = document.getElementById(MEM_INPUT_ID) as HTMLInputElement | null;
  if (!el) return;
  el.focus();
  el.setSelectionRange(col - 1, col);
}

function DiagnosticLine({ d }: { d: WireDiagnostic }) {
  const pos = d.start ? `${d.start.line}:${d.start.col}` : '';
  return (
    <li className={`diag diag-${d.severity}`}>
      {d.start && d.stage === 'input' && (
        <button
          type="button"
          className="diag-pos"
          aria-label={`Go to column ${d.start.col} of the mem input`}
          title="Show in the mem input"
          onClick={() => revealInMem(d.start!.col)}
        >
          {pos}:
        </button>
      )}
      {d.start && d.stage !== 'input' && (
        <button
          type="button"
          className="diag-pos"
          aria-label={`Go to line ${d.start.line}, column ${d.start.col}`}
          title="Show in the editor"
          onClick={() => revealInEditor(d.start!.line, d.start!.col)}
        >
          {pos}:
        </button>
      )}{' '}
      <span className="diag-sev">{d.severity}:</span>{' '}
      <span className="diag-msg">{d.message}</span>
      {d.notes?.map((n, i) => (
        <div key={i} className="diag-note">
          note: {n}
        </div>
      ))}
    </li>
  );
}

/** One sentence on what the stop means for a real kernel. */
function explainOops(kind: string, budget: number): string {
  switch (kind) {
    case 'budget':
      return `Stopped after ${budget.toLocaleString('en-US')} instructions (this page's budget). A real kernel never gets this far: its verifier rejects a program that may not terminate.`;
    case 'fault':
      return 'The program accessed memory it may not touch. This is what the verifier exists to prevent: it would reject the program before it ran.';
    case 'invalid':
      return 'The program reached an instruction that cannot execute, or jumped outside itself. The verifier rejects such programs.';
    case 'stack':
      return 'The call stack was exhausted (more nested calls or stack than the kernel allows).';
    case 'helper':
      return 'A helper call failed (only a few helpers exist on this page so far).';
    default:
      return 'The program stopped abnormally; the simulated kernel report follows.';
  }
}

function notRunWhy(errors: WireDiagnostic[]): string {
  const inMem = errors.filter((d) => d.stage === 'input').length;
  const inProgram = errors.length - inMem;
  const n = (k: number) => `${k} error${k === 1 ? '' : 's'}`;
  if (inProgram > 0 && inMem > 0) return `Not run: ${n(inProgram)} in the program, ${n(inMem)} in the mem input.`;
  if (inProgram > 0) return `Not run: ${n(inProgram)} in the program.`;
  if (inMem > 0) return `Not run: ${n(inMem)} in the mem input.`;
  return 'Not run.';
}

function Body() {
  const status = useRunStatus();
  const outcome = useOutcome();
  const failure = useFailure();

  if (status === 'running' && !outcome) return <p className="empty">Running…</p>;
  if (failure) {
    return (
      <div className="alert alert-error" role="alert">
        <strong>{failure.kind === 'timeout' ? 'The run took too long' : failure.kind === 'cancelled' ? 'Stopped' : 'Something went wrong'}</strong>
        <p>{failure.message}</p>
      </div>
    );
  }
  if (!outcome) {
    return (
      <p className="empty">
        Press <strong>Run</strong> (or <kbd>Ctrl</kbd>+<kbd>Enter</kbd>) to assemble and run the program.
      </p>
    );
  }
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
  // A runtime stop is shown as the oops text; its diagnostic only places the editor marker.
  const listed = outcome.run?.oops ? outcome.diagnostics.filter((d) => d.stage !== 'run') : outcome.diagnostics;
  const run = outcome.run;
  const kr = outcome.kernelRun;
  // tracing programs have no verdict names: their "name" is the number itself
  const named = kr?.retvalName !== undefined && kr.retvalName !== String(kr.retval);
  const signed = run ? s64IfNegative(run.r0) : undefined;
  return (
    <>
      {run ? (
        <dl className="result-grid">
          <div className="result-r0">
            <dt>r0</dt>
            <dd>
              <output aria-label="r0 (hex)" className="mono r0-hex">
                {hex(run.r0)}
              </output>
              <output aria-label="r0 (decimal)" className="mono r0-dec">
                {u64(run.r0)}
                {signed && <span className="muted"> ({signed} signed)</span>}
              </output>
            </dd>
          </div>
          <div>
            <dt>instructions executed</dt>
            <dd className="mono" aria-label="instructions executed">
              {run.steps.toLocaleString('en-US')}
            </dd>
          </div>
          <div>
            <dt>ended</dt>
            <dd>
              {run.exited ? (
                <span className="badge badge-ok">exit</span>
              ) : (
                <span className="badge badge-err">{run.oops?.kind === 'budget' ? 'budget exhausted' : 'oops'}</span>
              )}
            </dd>
          </div>
        </dl>
      ) : kr ? (
        <dl className="result-grid">
          <div className="result-r0">
            <dt>{named ? 'verdict' : 'return value'} ({kr.progType})</dt>
            <dd>
              <output aria-label="return value" className="mono r0-hex">
                {kr.retvalName ?? kr.retval}
              </output>
              {named && (
                <output aria-label="return value (decimal)" className="mono r0-dec">
                  {kr.retval}
                </output>
              )}
            </dd>
          </div>
          <div>
            <dt>instructions executed</dt>
            <dd className="mono" aria-label="instructions executed">
              {kr.steps.toLocaleString('en-US')}
            </dd>
          </div>
          <div>
            <dt>{/^event\b/.test(kr.packet) ? 'event' : 'packet'}</dt>
            <dd className="mono kernel-packet">{kr.packet}</dd>
          </div>
        </dl>
      ) : outcome.verifier && errors.length === 0 ? (
        <p className="status-line">Verified; not run.</p>
      ) : (
        <p className="status-line status-error">
          {outcome.verifier && !outcome.verifier.accepted ? 'Not run: the verifier rejects the program (see the Verifier panel).' : notRunWhy(errors)}
        </p>
      )}
      {kr?.oops && (
        <pre className="oops" aria-label="kernel oops">
          {kr.oops.message}
        </pre>
      )}
      {kr && kr.tracePipe.length > 0 && (
        <pre className="oops" aria-label="trace_pipe">
          {kr.tracePipe.join('\n')}
        </pre>
      )}
      {run?.oops && <p className="oops-why">{explainOops(run.oops.kind, run.budget)}</p>}
      {run?.oops && (
        <pre className="oops" aria-label="kernel oops">
          {run.oops.message}
        </pre>
      )}
      {listed.length > 0 && (
        <ul className="diags" aria-label="Diagnostics">
          {listed.map((d, i) => (
            <DiagnosticLine key={i} d={d} />
          ))}
        </ul>
      )}
    </>
  );
}

export function ResultPane() {
  const status = useRunStatus();
  return (
    <section className="pane result-pane" aria-label="Result" aria-busy={status === 'running'}>
      <div className="pane-head">
        <h2 className="pane-title">Result</h2>
        {status === 'running' && <span className="pane-sub">running…</span>}
      </div>
      <div className="pane-body result-body" aria-live="polite">
        <Body />
      </div>
    </section>
  );
}
