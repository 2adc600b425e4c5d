/**
 * The Events panel: trace_pipe lines (bpf_printk) and ring-buffer / perf-buffer records of the
 * traffic run, the latest first capped. Records are grouped per map and decoded with the C type
 * the program sends to that map (the compiler's inference, src/compiler/recordTypes.ts): one
 * column per field (RecordsTable.tsx, records.ts). Maps whose type is unknown or ambiguous show
 * hex, 32-bit words and strings; "raw bytes" adds each record's bytes beside the decoded fields.
 */
import { useMemo, useState } from 'react';
import { useDrive } from '../../state/session.ts';
import { runsOnPackets } from './runFormat.ts';
import { RecordsTable, type RecordRow } from './RecordsTable.tsx';
import './panes.css';
import './runs.css';
import './records.css';

export function EventsPane() {
  const v = useDrive().view;
  const [raw, setRaw] = useState(false);
  const lines = v?.tracePipe ?? [];
  const events = v?.events;
  const byMap = useMemo(() => {
    const m = new Map<string, RecordRow[]>();
    for (const e of events ?? []) {
      let rows = m.get(e.map);
      if (!rows) m.set(e.map, (rows = []));
      rows.push(e);
    }
    return [...m];
  }, [events]);
  const nEvents = events?.length ?? 0;
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
        {!v || (lines.length === 0 && nEvents === 0) ? (
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
            {nEvents > 0 && (
              <div className="run-section">
                <h3>
                  buffer records{' '}
                  {v.eventsTotal > nEvents && <span className="pane-sub">({v.reader ? 'the first' : 'the latest'} {nEvents})</span>}
                </h3>
                <div className="records-tools">
                  {v.reader && (
                    <span className="pane-sub" aria-label="Reader">
                      user space polls every {v.reader.pollEvery.toLocaleString('en-US')} packets
                      {v.reader.perfPages !== undefined ? `, ${v.reader.perfPages} perf page${v.reader.perfPages === 1 ? '' : 's'} per CPU` : ''}
                      {Object.entries(v.perfLost ?? {}).map(([m, n]) => ` · ${m}: lost ${n.toLocaleString('en-US')} samples`).join('')}
                    </span>
                  )}
                  {byMap.some(([m]) => v.recordTypes?.[m]?.layout) && (
                    <label title="Show each record's bytes beside its decoded fields">
                      <input type="checkbox" aria-label="Show raw bytes" checked={raw} onChange={(e) => setRaw(e.target.checked)} />
                      raw bytes
                    </label>
                  )}
                </div>
                {byMap.map(([map, rows]) => (
                  <RecordsTable key={map} map={map} rows={rows} type={v.recordTypes?.[map]} raw={raw} indexName={runsOnPackets(v.progType) ? 'packet' : 'event'} />
                ))}
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
