/**
 * The CFG panel: the program's basic blocks and edges as SVG (fall-through grey, taken branches
 * blue, bpf-to-bpf calls dashed), laid out top-down by longest forward path. On a rejection, the
 * path the verifier was on is drawn red and the failing block outlined. After a traffic run, a
 * block's execution count (over the traced runs) is shown in it. Click a block to select its
 * first instruction in the Bytecode panel.
 */
import { useMemo } from 'react';
import { selectPc, useDrive, useLive, useSelectedPc, useShownBytecode } from '../../state/session.ts';
import { cfgLayers } from './runFormat.ts';
import './panes.css';
import './runs.css';

const W = 176;
const LINE = 13;
const GAP_X = 26;
const GAP_Y = 30;
const MAX_LINES = 4;
const MAX_BLOCKS = 400;

export function CfgPane() {
  const live = useLive();
  const drive = useDrive();
  const rows = useShownBytecode();
  const selected = useSelectedPc();
  const cfg = live?.outcome.cfg ?? drive.view?.cfg;
  const path = live?.outcome.failingPath ?? drive.view?.failingPath;
  const errorPc = (live?.outcome.verifier ?? drive.view?.verifier)?.errorPc;
  // exact counts over every run when the engines counted (execCounts), else the traced replay's
  const v = drive.view;
  const counts = v?.execCounts && v.execCounts.length > 0 && (v.execRuns ?? 0) > 0 ? v.execCounts : v?.insnCounts;

  const layout = useMemo(() => {
    if (!cfg || cfg.blocks.length === 0 || cfg.blocks.length > MAX_BLOCKS) return null;
    const layers = cfgLayers(cfg.blocks, cfg.edges);
    const textAt = new Map(rows.map((r) => [r.pc, r.text]));
    const perLayer = new Map<number, number>();
    const boxes = cfg.blocks.map((b, i) => {
      const lines: string[] = [];
      for (let pc = b.start; pc <= b.end && lines.length < MAX_LINES; pc++) {
        const t = textAt.get(pc);
        if (t) lines.push(`${pc}: ${t}`.slice(0, 27));
      }
      const more = b.end - b.start + 1 - lines.length;
      const col = perLayer.get(layers[i]) ?? 0;
      perLayer.set(layers[i], col + 1);
      const h = 18 + (lines.length + (more > 0 ? 1 : 0)) * LINE;
      return { b, lines, more, col, layer: layers[i], h };
    });
    const layerH = new Map<number, number>();
    for (const x of boxes) layerH.set(x.layer, Math.max(layerH.get(x.layer) ?? 0, x.h));
    const nLayers = Math.max(...layers) + 1;
    const ys: number[] = [];
    let y = 8;
    for (let l = 0; l < nLayers; l++) {
      ys.push(y);
      y += (layerH.get(l) ?? 0) + GAP_Y;
    }
    const maxCols = Math.max(...perLayer.values());
    const width = maxCols * (W + GAP_X) + 60;
    const placed = boxes.map((x) => {
      const cols = perLayer.get(x.layer)!;
      const x0 = (width - 60 - cols * (W + GAP_X)) / 2 + x.col * (W + GAP_X) + GAP_X / 2;
      return { ...x, x: x0, y: ys[x.layer] };
    });
    return { placed, width, height: y };
  }, [cfg, rows]);

  const onPath = new Set(path ?? []);
  const blockOnPath = (b: { start: number; end: number }) => {
    for (let pc = b.start; pc <= b.end; pc++) if (onPath.has(pc)) return true;
    return false;
  };

  return (
    <section className="pane cfg-pane" aria-label="CFG">
      <div className="pane-head">
        <h2 className="pane-title">Control flow</h2>
        {cfg && (
          <span className="pane-sub">
            {cfg.blocks.length} blocks · {cfg.edges.length} edges{path && path.length ? ' · failing path in red' : ''}
          </span>
        )}
      </div>
      <div className="pane-body">
        {!cfg ? (
          <p className="empty">The control-flow graph appears as soon as the program compiles.</p>
        ) : !layout ? (
          <p className="empty">{cfg.blocks.length > MAX_BLOCKS ? `${cfg.blocks.length} blocks: too many to draw here.` : 'No instructions.'}</p>
        ) : (
          <svg className="cfg-svg" role="img" aria-label="Control-flow graph" width={layout.width} height={layout.height}>
            <defs>
              <marker id="cfg-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L8,4 L0,8 z" fill="currentColor" />
              </marker>
            </defs>
            {cfg.edges.map((e, i) => {
              const a = layout.placed[e.from];
              const b = layout.placed[e.to];
              if (!a || !b) return null;
              const red = blockOnPath(a.b) && blockOnPath(b.b) && path!.indexOf(b.b.start) > path!.indexOf(a.b.end);
              const cls = `cfg-edge ${e.kind}${red ? ' on-path' : ''}`;
              const x1 = a.x + W / 2 + (e.kind === 'taken' ? 20 : e.kind === 'call' ? 40 : -10);
              const y1 = a.y + a.h;
              const x2 = b.x + W / 2;
              const y2 = b.y;
              let d: string;
              if (b.y > a.y) d = `M${x1},${y1} C${x1},${y1 + GAP_Y / 1.5} ${x2},${y2 - GAP_Y / 1.5} ${x2},${y2 - 1}`;
              else {
                // a back edge: around the right side
                const xr = Math.max(a.x, b.x) + W + 14 + (i % 3) * 6;
                d = `M${a.x + W},${a.y + a.h / 2} C${xr},${a.y + a.h / 2} ${xr},${b.y + 8} ${b.x + W},${b.y + 8}`;
              }
              return <path key={i} className={cls} d={d} markerEnd="url(#cfg-arrow)" style={{ color: red ? 'var(--err)' : e.kind === 'taken' ? 'var(--accent)' : 'var(--muted)' }} />;
            })}
            {layout.placed.map((x) => {
              const p = blockOnPath(x.b);
              const isErr = errorPc !== undefined && errorPc >= x.b.start && errorPc <= x.b.end;
              const c = counts && counts.length ? counts[x.b.start] : undefined;
              const hasSel = selected !== null && selected >= x.b.start && selected <= x.b.end;
              return (
                <g
                  key={x.b.id}
                  className={`cfg-block${p ? ' on-path' : ''}${isErr ? ' error-block' : ''}${c ? ' hot' : ''}`}
                  transform={`translate(${x.x} ${x.y})`}
                  onClick={() => selectPc(x.b.start)}
                  style={{ cursor: 'pointer' }}
                  data-block={x.b.id}
                  aria-label={`block ${x.b.id}: insns ${x.b.start} to ${x.b.end}${p ? ', on the failing path' : ''}`}
                >
                  <rect width={W} height={x.h} rx={5} style={hasSel ? { stroke: 'var(--step-strong)', strokeWidth: 2.5 } : undefined} />
                  <text x={6} y={13} style={{ fontWeight: 700 }}>
                    {x.b.start === x.b.end ? `insn ${x.b.start}` : `insns ${x.b.start}–${x.b.end}`}
                    {c !== undefined ? `  ×${c}` : ''}
                  </text>
                  {x.lines.map((t, k) => (
                    <text key={k} x={6} y={13 + (k + 1) * LINE}>
                      {t}
                    </text>
                  ))}
                  {x.more > 0 && (
                    <text x={6} y={13 + (x.lines.length + 1) * LINE} style={{ fill: 'var(--muted)' }}>
                      … {x.more} more
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        )}
      </div>
    </section>
  );
}
