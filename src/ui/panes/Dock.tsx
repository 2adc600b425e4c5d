/**
 * The dock in the lower right: the run bar, then one tab per run panel — register trace, maps,
 * packets, events, CFG, stats, verifier states. The chosen tab is remembered (UI store). Each
 * panel is a thin view of the session store.
 */
import type { KeyboardEvent } from 'react';
import { DOCK_TABS, setDock, useDock, type DockTab } from '../../state/ui.ts';
import { CfgPane } from './CfgPane.tsx';
import { EventsPane } from './EventsPane.tsx';
import { MapsPane } from './MapsPane.tsx';
import { PacketsPane } from './PacketsPane.tsx';
import { RunControls } from './RunControls.tsx';
import { StatesPane } from './StatesPane.tsx';
import { StatsPane } from './StatsPane.tsx';
import { TracePane } from './TracePane.tsx';
import './panes.css';
import './runs.css';

const LABEL: Record<DockTab, string> = {
  trace: 'Trace', maps: 'Maps', packets: 'Packets', events: 'Events', cfg: 'CFG', stats: 'Stats', states: 'States',
};
const PANE: Record<DockTab, () => React.JSX.Element> = {
  trace: TracePane, maps: MapsPane, packets: PacketsPane, events: EventsPane, cfg: CfgPane, stats: StatsPane, states: StatesPane,
};

export function Dock() {
  const tab = useDock();
  const Pane = PANE[tab];
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = DOCK_TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const t = DOCK_TABS[(next + DOCK_TABS.length) % DOCK_TABS.length];
    setDock(t);
    document.getElementById(`dock-tab-${t}`)?.focus();
  };
  return (
    <div className="pane dock">
      <RunControls />
      <div className="dock-tabs" role="tablist" aria-label="Run panels" onKeyDown={onKey}>
        {DOCK_TABS.map((t) => (
          <button
            key={t}
            id={`dock-tab-${t}`}
            type="button"
            role="tab"
            className="dock-tab"
            aria-selected={t === tab}
            aria-controls="dock-panel"
            tabIndex={t === tab ? 0 : -1}
            onClick={() => setDock(t)}
          >
            {LABEL[t]}
          </button>
        ))}
      </div>
      <div className="dock-body" role="tabpanel" id="dock-panel" aria-labelledby={`dock-tab-${tab}`}>
        <Pane />
      </div>
    </div>
  );
}
