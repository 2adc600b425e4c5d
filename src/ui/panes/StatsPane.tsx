/**
 * The Stats panel: runs, instructions per run, verdict counts and their course over the run (a
 * small chart, one line per verdict), the engine and its figures (WebAssembly compile time, ns per
 * packet through the NIC driver), per-interface packet counts and AF_XDP sockets, worker time, and the live verifier's keystroke→verdict
 * times (the Performance API measures of live.ts).
 */
import { useDrive, useLive } from '../../state/session.ts';
import { verdictClass } from './PacketsPane.tsx';
import { runsOnPackets } from './runFormat.ts';
import type { SessionView } from '../../worker/protocol.ts';
import './panes.css';
import './runs.css';

const COLORS = ['var(--accent)', 'var(--err)', 'var(--ok)', 'var(--warn)', '#8250df', '#bf3989'];

function quantile(xs: number[], q: number): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function Chart({ history, names }: { history: { done: number; verdicts: Record<string, number> }[]; names: string[] }) {
  const W = 360;
  const H = 110;
  const pad = 26;
  if (history.length < 1) return null;
  const pts = [{ done: 0, verdicts: {} as Record<string, number> }, ...history];
  const maxX = Math.max(1, pts[pts.length - 1].done);
  const maxY = Math.max(1, ...pts.map((p) => Math.max(0, ...names.map((n) => p.verdicts[n] ?? 0))));
  const x = (d: number) => pad + ((W - pad - 8) * d) / maxX;
  const y = (c: number) => H - 16 - ((H - 26) * c) / maxY;
  return (
    <svg role="img" aria-label="Verdict counts over the run" width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
      <line className="chart-axis" x1={pad} y1={H - 16} x2={W - 8} y2={H - 16} />
      <line className="chart-axis" x1={pad} y1={8} x2={pad} y2={H - 16} />
      <text className="chart-label" x={pad} y={H - 3}>0</text>
      <text className="chart-label" x={W - 8} y={H - 3} textAnchor="end">{maxX.toLocaleString('en-US')} packets</text>
      <text className="chart-label" x={pad - 3} y={12} textAnchor="end">{maxY >= 1000 ? `${Math.round(maxY / 1000)}k` : maxY}</text>
      {names.map((n, k) => (
        <polyline key={n} className="chart-line" stroke={COLORS[k % COLORS.length]} points={pts.map((p) => `${x(p.done).toFixed(1)},${y(p.verdicts[n] ?? 0).toFixed(1)}`).join(' ')} />
      ))}
    </svg>
  );
}

/** Which engine ran the bulk of the run. */
export function engineName(v: SessionView | null): string {
  if (!v) return '–';
  if (v.engine === 'ref') return 'reference interpreter';
  if (v.engineFallback) return 'reference interpreter (JIT fallback)';
  return `JIT (WebAssembly, ${v.engineMode ?? 'checked'} mode)`;
}

/** One line on the engine: "JIT: 412 µs to compile, 9.8 ns/packet", or why it fell back. */
function EngineLine({ v }: { v: SessionView }) {
  let text: string;
  if (v.engine === 'ref') text = 'Interpreter only (run settings): every packet on the reference interpreter. Step always uses it, with the register trace.';
  else if (v.engineFallback) text = `The JIT could not compile this program (${v.engineFallback}); every ${runsOnPackets(v.progType) ? 'packet' : 'run'} ran on the reference interpreter instead.`;
  else if (v.compileMs === undefined) text = v.done > 0 ? 'Stepped packets run on the reference interpreter, traced; Run uses the JIT.' : 'Run uses the JIT (WebAssembly); Step uses the reference interpreter, traced.';
  else {
    const us = v.compileMs * 1000;
    const per = v.nsPerRun !== undefined ? `, ${v.nsPerRun < 100 ? v.nsPerRun.toFixed(1) : Math.round(v.nsPerRun).toLocaleString('en-US')} ns/packet in the program` : '';
    const mode = v.engineMode === 'proven' ? ' Proven mode: the checks our verifier guarantees are left out.' : ' Checked mode (no verifier): every memory access is checked.';
    text = `JIT: ${us < 10_000 ? Math.round(us).toLocaleString('en-US') + ' µs' : (us / 1000).toFixed(1) + ' ms'} to compile${per}.${mode}`;
  }
  return (
    <p className={`engine-line${v.engineFallback ? ' runbar-err' : ''}`} aria-label="Engine summary">
      {text}
    </p>
  );
}

export function StatsPane() {
  const drive = useDrive();
  useLive(); // re-render when a new verdict lands (keystroke figures)
  const v = drive.view;
  const perf = typeof window !== 'undefined' ? window.__ebpfPerf : undefined;
  const k50 = quantile(perf?.keyToVerdict ?? [], 0.5);
  const k95 = quantile(perf?.keyToVerdict ?? [], 0.95);
  const names = v ? Object.keys(v.verdicts).sort((a, b) => (v.verdicts[b] ?? 0) - (v.verdicts[a] ?? 0)) : [];
  return (
    <section className="pane stats-pane" aria-label="Stats">
      <div className="pane-head">
        <h2 className="pane-title">Stats</h2>
        {v && <span className="pane-sub">{drive.status}</span>}
      </div>
      <div className="pane-body">
        <dl className="kv" aria-label="Run figures">
          <div>
            {/* tracing programs: `done` counts the world's events; the program's runs are in the verdict table */}
            <dt>{v && !runsOnPackets(v.progType) ? 'events' : 'runs'}</dt>
            <dd aria-label="runs">{(v?.done ?? 0).toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>insns / run</dt>
            <dd aria-label="instructions per run">{v && v.done && v.steps > 0 ? (v.steps / v.done).toFixed(1) : '–'}</dd>
          </div>
          <div>
            <dt>engine</dt>
            <dd aria-label="engine" title={v?.engineFallback}>{engineName(v)}</dd>
          </div>
          <div>
            <dt>wasm compile</dt>
            <dd aria-label="fast engine compile time">{v?.compileMs !== undefined ? `${v.compileMs.toFixed(2)} ms` : '–'}</dd>
          </div>
          <div>
            <dt>JIT ns / run</dt>
            <dd aria-label="fast engine ns per run">{v?.nsPerRun !== undefined && !v.engineFallback ? v.nsPerRun.toFixed(1) : '–'}</dd>
          </div>
          <div>
            <dt>ns / packet</dt>
            <dd aria-label="ns per packet">{v?.nsPerPacket !== undefined ? Math.round(v.nsPerPacket).toLocaleString('en-US') : '–'}</dd>
          </div>
          <div>
            <dt>worker time</dt>
            <dd>{v ? `${(v.elapsedMs / 1000).toFixed(2)} s` : '–'}</dd>
          </div>
          <div>
            <dt>keystroke → verdict (median / p95)</dt>
            <dd aria-label="keystroke to verdict">{k50 !== undefined ? `${k50.toFixed(0)} / ${k95!.toFixed(0)} ms` : '–'}</dd>
          </div>
        </dl>
        {v && <EngineLine v={v} />}
        {v && names.length > 0 && (
          <div className="run-section">
            <h3>verdicts</h3>
            <table className="mini-table" aria-label="Verdict counts" style={{ width: 'auto' }}>
              <tbody>
                {names.map((n, k) => (
                  <tr key={n}>
                    <td>
                      <span style={{ color: COLORS[k % COLORS.length] }}>■</span> <span className={verdictClass(n)}>{n}</span>
                    </td>
                    <td style={{ textAlign: 'right' }}>{v.verdicts[n].toLocaleString('en-US')}</td>
                    <td style={{ textAlign: 'right' }}>{((100 * v.verdicts[n]) / Math.max(1, v.done)).toFixed(1)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Chart history={v.history} names={names} />
          </div>
        )}
        {v?.interfaces && v.interfaces.length > 0 && (
          <div className="run-section">
            <h3>interfaces</h3>
            <table className="mini-table" aria-label="Interfaces" style={{ width: 'auto' }}>
              <thead>
                <tr>
                  <th>if</th>
                  <th>rx</th>
                  <th>passed</th>
                  <th>dropped</th>
                  <th>tx</th>
                </tr>
              </thead>
              <tbody>
                {v.interfaces.map((i) => (
                  <tr key={i.name}>
                    <td>{i.name}</td>
                    <td>{i.rx.toLocaleString('en-US')}</td>
                    <td>{i.passed.toLocaleString('en-US')}</td>
                    <td>{i.dropped.toLocaleString('en-US')}</td>
                    <td>{i.tx.toLocaleString('en-US')}</td>
                  </tr>
                ))}
                {(v.xsk ?? []).map((x) => (
                  <tr key={`${x.map}/${x.queue}`}>
                    <td>AF_XDP {x.map}[{x.queue}]</td>
                    <td colSpan={4}>{x.received.toLocaleString('en-US')} received</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {!v && <p className="empty">Run on traffic to see verdict counts, instructions per run and engine figures.</p>}
      </div>
    </section>
  );
}
