/**
 * One ring-buffer / perf-buffer map's records in the Events panel: decoded with the C type the
 * program sends (one column per field, see records.ts) when the compiler inferred one, else hex
 * with the 32-bit little-endian words and the printable strings (and the reason there is no type).
 * `raw` adds each record's bytes beside the decoded fields; every row's title holds them too.
 */
import { useMemo } from 'react';
import type { MapRecordType } from '../../compiler/recordTypes.ts';
import { bytesOfHex, decodeRecord, recordColumns } from './records.ts';
import { leValue, strings } from './runFormat.ts';
import './records.css';

export interface RecordRow {
  index: number;
  kind: 'ringbuf' | 'perf';
  hex: string;
}

function words(hex: string): string {
  const out: string[] = [];
  for (let i = 0; i + 8 <= hex.length && out.length < 8; i += 8) out.push(leValue(hex.slice(i, i + 8)).toString());
  return out.join(' ');
}

const short = (hex: string): string => (hex.length > 64 ? `${hex.slice(0, 64)}…` : hex);

export function RecordsTable({ map, rows, type, raw, indexName }: { map: string; rows: RecordRow[]; type?: MapRecordType; raw: boolean; indexName: string }) {
  const layout = type?.layout;
  const cols = useMemo(() => (layout ? recordColumns(layout) : []), [layout]);
  const kind = (type?.kind ?? rows[0]?.kind) === 'perf' ? 'perf buffer' : 'ring buffer';
  return (
    <div className="records-map">
      <h4 className="records-head">
        <span className="mono">{map}</span>{' '}
        <span className="pane-sub">
          {kind} · {rows.length.toLocaleString('en-US')} shown
          {layout ? (
            <>
              {' · '}
              <span className="mono" aria-label={`Record type of ${map}`}>{layout.type}</span> ({layout.size} bytes{layout.sent !== undefined ? `, ${layout.sent} sent` : ''})
            </>
          ) : (
            ` · ${type?.note ?? 'no record type known'}: raw bytes`
          )}
        </span>
      </h4>
      <div className="records-scroll">
        <table className="mini-table records-table" aria-label={`Records of ${map}`}>
          <thead>
            <tr>
              <th>{indexName}</th>
              {layout ? cols.map((c) => <th key={c.name} title={c.type}>{c.name}</th>) : (
                <>
                  <th>bytes</th>
                  <th>u32 words</th>
                  <th>text</th>
                </>
              )}
              {layout && raw && <th>bytes</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} title={r.hex}>
                <td>{r.index}</td>
                {layout ? decodeRecord(layout, bytesOfHex(r.hex)).map((v, j) => <td key={j} className={cols[j].field.kind === 'string' ? 'rec-str' : undefined}>{v}</td>) : (
                  <>
                    <td>{short(r.hex)}</td>
                    <td>{words(r.hex)}</td>
                    <td>{strings(r.hex)}</td>
                  </>
                )}
                {layout && raw && <td className="rec-raw">{short(r.hex)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
