/**
 * The page. Full mode: header; the editor (with its mem input) over the bytecode on the left,
 * result over register trace on the right, every split resizable. Embed mode (`?embed`, for
 * slides): the editor and one panel, no header. Dialogs (examples, shortcuts, share) open over
 * either. Panes are thin views of the session store (after Compiler Explorer's panes).
 */
import { useEffect, type CSSProperties } from 'react';
import { PANELS, isDockPanel, type PanelId } from '../../state/snapshot.ts';
import { useDock, usePanel, useSizes, useOverlay } from '../../state/ui.ts';
import { Splitter } from '../components/Splitter.tsx';
import { Editor } from '../editor/Editor.tsx';
import { Gallery } from '../gallery/Gallery.tsx';
import { LessonsPanel } from '../lessons/LessonsPanel.tsx';
import { BytecodePane } from '../panes/BytecodePane.tsx';
import { ResultPane } from '../panes/ResultPane.tsx';
import { TracePane } from '../panes/TracePane.tsx';
import { Dock } from '../panes/Dock.tsx';
import { CfgPane } from '../panes/CfgPane.tsx';
import { EventsPane } from '../panes/EventsPane.tsx';
import { MapsPane } from '../panes/MapsPane.tsx';
import { PacketsPane } from '../panes/PacketsPane.tsx';
import { RunControls } from '../panes/RunControls.tsx';
import { StatesPane } from '../panes/StatesPane.tsx';
import { StatsPane } from '../panes/StatsPane.tsx';
import { startLiveVerify } from '../panes/live.ts';
import { VerifierPane } from '../panes/VerifierPane.tsx';
import { Header } from './Header.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { LinkBanner } from './LinkBanner.tsx';
import { PanelSlot } from './PanelSlot.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { startLinkHandling } from './share.ts';
import { useApplyPresent, useApplyTheme } from './theme.ts';
import { useGlobalKeys } from './useGlobalKeys.ts';
import './App.css';
import './dialogs.css';
import './present.css';

const PANES: Record<PanelId, () => React.JSX.Element> = {
  result: ResultPane, trace: TracePane, bytecode: BytecodePane, verifier: VerifierPane,
  maps: MapsPane, packets: PacketsPane, events: EventsPane, cfg: CfgPane, stats: StatsPane, states: StatesPane,
};

function Overlays() {
  const overlay = useOverlay();
  if (overlay === 'help') return <HelpOverlay />;
  if (overlay === 'gallery') return <Gallery />;
  if (overlay === 'share') return <ShareDialog />;
  return null;
}

const fr = (x: number) => `minmax(0, ${x.toFixed(4)}fr)`;

function FullLayout() {
  const sizes = useSizes();
  const dock = useDock();
  const cols: CSSProperties = { gridTemplateColumns: `${fr(sizes.cols)} 10px ${fr(1 - sizes.cols)}` };
  const left: CSSProperties = { gridTemplateRows: `${fr(sizes.left)} 10px ${fr(1 - sizes.left)}` };
  const right: CSSProperties = { gridTemplateRows: `${fr(sizes.right)} 10px ${fr(1 - sizes.right)}` };
  return (
    <div className="app">
      <Header />
      <LinkBanner />
      <main className="app-main" style={cols}>
        <div className="app-col" style={left}>
          <div className="slot">
            <Editor />
          </div>
          <Splitter which="left" orientation="horizontal" label="Resize the editor and the bytecode panel" />
          <PanelSlot id="bytecode">
            <BytecodePane />
          </PanelSlot>
        </div>
        <Splitter which="cols" orientation="vertical" label="Resize the left and right columns" />
        <div className="app-col" style={right}>
          <PanelSlot id="result">
            <ResultPane />
          </PanelSlot>
          <Splitter which="right" orientation="horizontal" label="Resize the result and register trace panels" />
          <div className="app-stack" style={{ gridTemplateRows: `${fr(sizes.stack)} 10px ${fr(1 - sizes.stack)}`, gap: 0 }}>
            <PanelSlot id="verifier">
              <VerifierPane />
            </PanelSlot>
            <Splitter which="stack" orientation="horizontal" label="Resize the verifier and the run panels" />
            <PanelSlot id={dock}>
              <Dock />
            </PanelSlot>
          </div>
        </div>
      </main>
      <LessonsPanel />
      <Overlays />
    </div>
  );
}

/** `?embed` or `?embed=trace`: the panel named in the query wins over the selected one. */
function embedPanelFromQuery(): PanelId | null {
  const v = new URLSearchParams(location.search).get('embed');
  return v !== null && (PANELS as readonly string[]).includes(v) ? (v as PanelId) : null;
}

function EmbedLayout() {
  const sizes = useSizes();
  const selected = usePanel();
  const panel = embedPanelFromQuery() ?? selected;
  const Pane = PANES[panel];
  return (
    <div className="app app-embed">
      <LinkBanner embed />
      <main className="app-main" style={{ gridTemplateColumns: `${fr(sizes.cols)} 10px ${fr(1 - sizes.cols)}` }}>
        <div className="slot">
          <Editor embed />
        </div>
        <Splitter which="cols" orientation="vertical" label="Resize the editor and the panel" />
        <div className="slot" data-panel={panel}>
          {isDockPanel(panel) && panel !== 'trace' ? (
            // a run panel: with the run bar, so the embed can run the program on traffic
            <div className="pane dock">
              <RunControls />
              <div className="dock-body">
                <Pane />
              </div>
            </div>
          ) : (
            <Pane />
          )}
        </div>
      </main>
      <Overlays />
    </div>
  );
}

export const isEmbed = (): boolean => new URLSearchParams(location.search).has('embed');

export function App() {
  useApplyTheme();
  useApplyPresent();
  useGlobalKeys();
  useEffect(() => {
    performance.mark('ebpf:app-rendered');
    const stopLive = startLiveVerify();
    const stopLinks = startLinkHandling();
    return () => {
      stopLive();
      stopLinks?.();
    };
  }, []);
  return isEmbed() ? <EmbedLayout /> : <FullLayout />;
}
