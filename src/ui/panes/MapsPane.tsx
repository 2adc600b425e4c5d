/**
 * The Maps panel: one table per map of the traffic run (live while it runs) — key, value (hex and
 * as a number when it is 1/2/4/8 bytes), per-CPU values with their sum; small counter arrays drawn
 * as bars (log2 buckets when the name says histogram). Entries can be updated, added and deleted
 * from "user space" (the worker's map, as `bpftool map update/delete`).
 */
import { useState } from 'react';
import { useDrive } from '../../state/session.ts';
import type { SessionMap } from '../../worker/protocol.ts';
import { mapOp } from './drive.ts';
import { decodeScalar, histogramKind, leValue, log2Label, runsOnPackets, valueTotal } from './runFormat.ts';
import './panes.css';
import './runs.css';

function Histogram({ m }: { m: SessionMap }) {
  const kind = histogramKind(m);
  if (!kind) return null;
  const vals = m.entries.map((e) => Number(valueTotal(e.value)));
  const max = Math.max(1, ...vals);
  const row = 14;
  const labelW = kind === 'log2' ? 86 : 34;
  // trailing empty buckets are not drawn (bpftrace prints up to the last non-empty one)
  let last = vals.length - 1;
  while (last > 0 && vals[last] === 0) last--;
  const shown = vals.slice(0, last + 1);
  return (
    <svg className="hist" role="img" aria-label={`${m.name} as a histogram`} width="100%" height={shown.length * row + 4} viewBox={`0 0 400 ${shown.length * row + 4}`} preserveAspectRatio="xMinYMin meet">
      {shown.map((v, k) => (
        <g key={k} transform={`translate(0 ${k * row})`}>
          <text className="hist-label" x={labelW - 4} y={row - 4} textAnchor="end">
            {kind === 'log2' ? log2Label(k) : k}
          </text>
          <rect className="hist-bar" x={labelW} y={2} height={row - 4} width={(v / max) * (400 - labelW - 60)} />
          <text className="hist-label" x={labelW + (v / max) * (400 - labelW - 60) + 4} y={row - 4}>
            {v}
          </text>
        </g>
      ))}
    </svg>
  );
}

function MapTable({ m, editable }: { m: SessionMap; editable: boolean }) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const cpus = m.perCpu ? Math.max(0, ...m.entries.map((e) => (Array.isArray(e.value) ? e.value.length : 0))) : 0;
  const canDelete = !m.type.includes('array');
  return (
    <div className="run-section" data-map={m.name}>
      <h3>
        {m.name} <span className="pane-sub">{m.type} · key {m.keySize} B · value {m.valueSize} B · {m.total}/{m.maxEntries} entries</span>
      </h3>
      <Histogram m={m} />
      {m.type === 'ringbuf' ? (
        <p className="pane-sub">A ring buffer: its records are in the Events panel.</p>
      ) : (
        <table className="mini-table" aria-label={`Map ${m.name}`}>
          <thead>
            <tr>
              <th>key</th>
              {cpus > 0 ? Array.from({ length: cpus }, (_, c) => <th key={c}>cpu{c}</th>) : <th>value</th>}
              <th>{cpus > 0 ? 'sum' : 'as number'}</th>
              {editable && <th />}
            </tr>
          </thead>
          <tbody>
            {m.entries.map((e) => (
              <tr key={e.key} className="clickable" onClick={() => { setKey(e.key); setValue(Array.isArray(e.value) ? e.value[0] : e.value); }}>
                <td title={`= ${decodeScalar(e.key)}`}>{e.key}</td>
                {Array.isArray(e.value) ? e.value.map((x, c) => <td key={c}>{leValue(x).toString()}</td>) : <td>{e.value}</td>}
                <td>{Array.isArray(e.value) ? valueTotal(e.value).toString() : decodeScalar(e.value)}</td>
                {editable && (
                  <td>
                    {canDelete && (
                      <button type="button" className="small-btn" aria-label={`Delete key ${e.key} from ${m.name}`} onClick={(ev) => { ev.stopPropagation(); void mapOp(m.name, 'delete', e.key); }}>
                        delete
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {m.total > m.entries.length && (
              <tr>
                <td colSpan={4} className="pane-sub">… {m.total - m.entries.length} more entries</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {editable && m.type !== 'ringbuf' && (
        <form
          className="map-edit"
          aria-label={`Update ${m.name}`}
          onSubmit={(ev) => {
            ev.preventDefault();
            void mapOp(m.name, 'update', key.replace(/\s+/g, ''), value.replace(/\s+/g, ''));
          }}
        >
          <input aria-label={`${m.name} key (hex)`} placeholder={`key: ${m.keySize} bytes hex`} value={key} onChange={(e) => setKey(e.target.value)} />
          <input aria-label={`${m.name} value (hex)`} placeholder={`value: ${m.valueSize} bytes hex`} value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit" className="small-btn">update</button>
        </form>
      )}
    </div>
  );
}

export function MapsPane() {
  const drive = useDrive();
  const v = drive.view;
  const maps = v?.maps ?? [];
  return (
    <section className="pane maps-pane" aria-label="Maps">
      <div className="pane-head">
        <h2 className="pane-title">Maps</h2>
        {v && <span className="pane-sub">after {v.done.toLocaleString('en-US')} {runsOnPackets(v.progType) ? 'packets' : 'events'}{drive.status === 'running' ? ' · live' : ''}</span>}
      </div>
      <div className="pane-body">
        {v?.mapError && <p className="empty err-text" role="alert">{v.mapError}</p>}
        {maps.length === 0 ? (
          <p className="empty">{v ? 'This program has no maps.' : 'Run on traffic (▶ Run traffic): the maps the program uses appear here, live.'}</p>
        ) : (
          maps.map((m) => <MapTable key={m.name} m={m} editable={drive.status !== 'starting'} />)
        )}
      </div>
    </section>
  );
}
