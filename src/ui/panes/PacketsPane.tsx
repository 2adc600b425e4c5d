/**
 * The Packets panel: the packets of the traffic run (the first ones and the latest) with the
 * program's verdict; the selected one dissected (src/sim/nic's dissector: layers, fields and their
 * bytes) with a hex dump — for a packet the program rewrote, the output with the changed bytes
 * marked beside the input.
 */
import { useMemo, useState } from 'react';
import { useDrive } from '../../state/session.ts';
import { dissect, type Dissection } from '../../sim/nic/dissect.ts';
import type { PacketSample } from '../../worker/protocol.ts';
import { hexLines, hexToBytes } from './runFormat.ts';
import './panes.css';
import './runs.css';

export function verdictClass(v: string): string {
  if (/DROP|SHOT|oops|error/i.test(v)) return 'verdict-tag v-drop';
  if (/PASS|OK/.test(v)) return 'verdict-tag v-pass';
  return 'verdict-tag';
}

function HexDump({ hex, before, range, label }: { hex: string; before?: string; range?: [number, number]; label: string }) {
  const lines = hexLines(hex, before);
  return (
    <div className="hexdump" aria-label={label}>
      {lines.map((l) => (
        <div key={l.offset}>
          {l.offset.toString(16).padStart(4, '0')}{'  '}
          {l.bytes.map((b, i) => {
            const at = l.offset + i;
            const hl = range && at >= range[0] && at < range[1];
            return (
              <span key={i} className={b.changed ? 'changed' : hl ? 'hl' : undefined}>
                {b.hex}
                {i === 7 ? '  ' : ' '}
              </span>
            );
          })}
          {' '.repeat(Math.max(0, (16 - l.bytes.length) * 3 + (l.bytes.length <= 8 ? 1 : 0)))} {l.ascii}
        </div>
      ))}
    </div>
  );
}

function Dissected({ d, onField }: { d: Dissection; onField: (r: [number, number] | undefined) => void }) {
  return (
    <div aria-label="Dissection">
      {d.layers.map((l, i) => (
        <details key={i} className="dissect-layer" open={i < 4}>
          <summary>{l.title}</summary>
          {l.fields.map((f, k) => (
            <div key={k} className="dissect-field" onMouseEnter={() => onField([f.start, f.end])} onMouseLeave={() => onField(undefined)}>
              {f.label}: {f.display}
            </div>
          ))}
          {l.truncated && <div className="dissect-field err-text">truncated: {l.truncated}</div>}
        </details>
      ))}
    </div>
  );
}

export function PacketsPane() {
  const drive = useDrive();
  const samples = drive.view?.samples ?? [];
  const [sel, setSel] = useState<number | null>(null);
  const [range, setRange] = useState<[number, number] | undefined>();
  const summaries = useMemo(() => samples.map((s) => dissect(hexToBytes(s.in)).summary), [samples]);
  const chosen: PacketSample | undefined = samples.find((s) => s.index === sel) ?? samples[0];
  const d = useMemo(() => (chosen ? dissect(hexToBytes(chosen.out ?? chosen.in)) : undefined), [chosen]);
  const v = drive.view;
  return (
    <section className="pane packets-pane" aria-label="Packets">
      <div className="pane-head">
        <h2 className="pane-title">Packets</h2>
        {v && v.done > 0 && (
          <span className="pane-sub">
            {samples.length} of {v.done.toLocaleString('en-US')} shown (the first and the latest) · {v.scenario}, seed {v.seed}
          </span>
        )}
      </div>
      <div className="pane-body" style={{ overflow: 'hidden' }}>
        {samples.length === 0 ? (
          <p className="empty">Run on traffic (▶ Run traffic or ⏭ Step): every packet's verdict appears here, dissected.</p>
        ) : (
          <div className="split-2">
            <div>
              <table className="mini-table" aria-label="Packet list">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>time</th>
                    <th>if</th>
                    <th>verdict</th>
                    <th>fate</th>
                    <th>summary</th>
                  </tr>
                </thead>
                <tbody>
                  {samples.map((s, i) => (
                    <tr key={s.index} className={`clickable${s === chosen ? ' sel' : ''}`} onClick={() => setSel(s.index)} aria-selected={s === chosen}>
                      <td>{s.index}</td>
                      <td>{(s.timeNs / 1e6).toFixed(3)}ms</td>
                      <td>{s.ifindex}</td>
                      <td>
                        <span className={verdictClass(s.verdict)}>{s.verdict}</span>
                        {s.out && <span title="the program rewrote this packet"> ✎</span>}
                      </td>
                      <td>{s.fate ?? ''}</td>
                      <td title={summaries[i]}>{summaries[i]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div aria-label="Packet detail">
              {chosen && d && (
                <>
                  <div className="run-section">
                    <h3>
                      packet {chosen.index}: <span className={verdictClass(chosen.verdict)}>{chosen.verdict}</span>{' '}
                      <span className="pane-sub">
                        {chosen.steps} insns{chosen.fate ? ` · went to: ${chosen.fate}` : ''}
                      </span>
                    </h3>
                    <Dissected d={d} onField={setRange} />
                  </div>
                  {chosen.out ? (
                    <>
                      <div className="run-section"><h3>before (as received)</h3></div>
                      <HexDump hex={chosen.in} label="Packet bytes before" />
                      <div className="run-section"><h3>after (as the program left it; changed bytes marked)</h3></div>
                      <HexDump hex={chosen.out} before={chosen.in} range={range} label="Packet bytes after" />
                    </>
                  ) : (
                    <HexDump hex={chosen.in} range={range} label="Packet bytes" />
                  )}
                </>
              )}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
