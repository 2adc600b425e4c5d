/**
 * The Events panel: trace_pipe lines (bpf_printk) and ring-buffer / perf-buffer records of the
 * traffic run, the latest first capped. Records are shown as hex with their 32- and 64-bit
 * little-endian words and the printable strings in them (the compiler gives no BTF type info to
 * decode them with yet).
 */
import { useDrive } from '../../state/session.ts';
import { leValue, runsOnPackets, strings } from './runFormat.ts';
import './panes.css';
import './runs.css';

function words(hex: string): string {
  const out: string[] = [];
  for (let i = 0; i + 8 <= hex.length && out.length < 8; i += 8) out.push(leValue(hex.slice(i, i + 8)).toString());
  return out.join(' ');
}

export function EventsPane() {
  const v = useDrive().view;
  const lines = v?.tracePipe ?? [];
  const events = v?.events ?? [];
  return (
    <section className="pane events-pane" aria-label="Events">
      <div className="pane-head">
        <h2 className="pane-title">Events</h2>
        {v && (
          <span className="pane-sub">
            {v.tracePipeTotal.toLocaleString('en-US')} trace_pipe lines · {v.eventsTotal.toLocaleString('en-US')} buffer records
          </span>
        )}
      </div>
      <div className="pane-body">
        {!v || (lines.length === 0 && events.length === 0) ? (
          <p className="empty">
            {v ? 'No events: the program printed nothing (bpf_printk) and sent no ring/perf buffer records.' : 'Run on traffic: bpf_printk lines (trace_pipe) and ring-buffer records appear here.'}
          </p>
        ) : (
          <>
            {lines.length > 0 && (
              <div className="run-section">
                <h3>trace_pipe {v.tracePipeTotal > lines.length && <span className="pane-sub">(the latest {lines.length})</span>}</h3>
                <pre className="trace-lines" aria-label="trace_pipe">{lines.join('\n')}</pre>
              </div>
            )}
            {events.length > 0 && (
              <div className="run-section">
                <h3>
                  buffer records{' '}
                  {v.eventsTotal > events.length && <span className="pane-sub">({v.reader ? 'the first' : 'the latest'} {events.length})</span>}
                </h3>
                {v.reader && (
                  <p className="pane-sub" aria-label="Reader">
                    user space polls every {v.reader.pollEvery.toLocaleString('en-US')} packets
                    {v.reader.perfPages !== undefined ? `, ${v.reader.perfPages} perf page${v.reader.perfPages === 1 ? '' : 's'} per CPU` : ''}
                    {Object.entries(v.perfLost ?? {}).map(([m, n]) => ` · ${m}: lost ${n.toLocaleString('en-US')} samples`).join('')}
                  </p>
                )}
                <table className="mini-table" aria-label="Buffer records">
                  <thead>
                    <tr>
                      <th>{runsOnPackets(v.progType) ? 'packet' : 'event'}</th>
                      <th>map</th>
                      <th>kind</th>
                      <th>bytes</th>
                      <th>u32 words</th>
                      <th>text</th>
                    </tr>
                  </thead>
                  <tbody>
                    {events.map((e, i) => (
                      <tr key={i}>
                        <td>{e.index}</td>
                        <td>{e.map}</td>
                        <td>{e.kind}</td>
                        <td>{e.hex.length > 64 ? `${e.hex.slice(0, 64)}…` : e.hex}</td>
                        <td>{words(e.hex)}</td>
                        <td>{strings(e.hex)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
