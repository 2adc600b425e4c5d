/**
 * Sharing, the page side: build a link to the current workspace ("Copy link"), and open the link
 * the page was loaded with (or navigated to, `hashchange`).
 *
 * Opening a link: the fragment is decoded and checked (`state/shareLink.ts`); a bad link only
 * raises the error banner — the workspace, the autosave and the results stay as they were, and
 * nothing runs. A good link replaces what is shown (not the autosave: see `state/workspace.ts`),
 * selects its panel, runs the program and moves to its trace step and selected instruction.
 * When the user first edits a linked workspace the fragment is dropped from the address bar, so
 * a reload then shows their own (autosaved) work rather than the link again.
 */
import { resetSession, selectPc, setStep, useSession } from '../../state/session.ts';
import { MAX_PAYLOAD_CHARS, decodeSnapshot, encodeSnapshot, payloadOfHash } from '../../state/shareLink.ts';
import { SNAPSHOT_VERSION, isDockPanel, validateSnapshot, type Snapshot } from '../../state/snapshot.ts';
import { DOCK_TABS, selectPanel, setDock, setLinkNotice, setRunOpts, useUi, type DockTab } from '../../state/ui.ts';
import { showLinkedWorkspace, useWorkspace, workspaceData } from '../../state/workspace.ts';
import { runWorkspace } from './actions.ts';

/** The snapshot a link to the current page would carry. */
export function currentSnapshot(): Snapshot {
  const session = useSession.getState();
  return {
    v: SNAPSHOT_VERSION,
    ...workspaceData(),
    panel: useUi.getState().panel,
    step: session.outcome && session.outcome.trace.length > 0 ? session.step : 0,
    pc: session.selectedPc,
    dock: useUi.getState().dock,
    count: useUi.getState().runOpts.count,
  };
}

export interface ShareLinks {
  link: string;
  embed: string;
  /** Set when the workspace cannot make a link this page would accept (too large, bad mem). */
  tooLarge?: string;
}

/** Links to the current workspace: the full page and the `?embed` view. */
export async function buildShareLinks(): Promise<ShareLinks> {
  const snapshot = currentSnapshot();
  const check = validateSnapshot(snapshot);
  if (!check.ok) return { link: '', embed: '', tooLarge: `This workspace cannot be shared as a link: ${check.error.replace(/^the link /, 'it ')}.` };
  const payload = await encodeSnapshot(snapshot);
  const base = `${location.origin}${location.pathname}`;
  const out: ShareLinks = { link: `${base}#s=${payload}`, embed: `${base}?embed#s=${payload}` };
  if (payload.length > MAX_PAYLOAD_CHARS) {
    out.tooLarge = `This workspace makes a link of ${payload.length.toLocaleString('en-US')} characters, more than a link may hold (${MAX_PAYLOAD_CHARS.toLocaleString('en-US')}). Shorten the program to share it.`;
  }
  return out;
}

let opening = 0;

/** Open the share link in `location.hash`, if there is one. */
export async function openLinkFromLocation(): Promise<void> {
  const payload = payloadOfHash(location.hash);
  if (payload === null) return;
  const ticket = ++opening;
  const r = await decodeSnapshot(payload);
  if (ticket !== opening) return; // a newer link arrived meanwhile
  if (!r.ok) {
    setLinkNotice({ kind: 'error', message: r.error.message });
    return;
  }
  const { v: _v, panel, step, pc, dock, count, ...data } = r.value;
  setLinkNotice(null);
  resetSession();
  showLinkedWorkspace(data);
  if (dock !== null && (DOCK_TABS as readonly string[]).includes(dock)) setDock(dock as DockTab);
  // a run panel of the dock: that tab shows (and wins over `dock`)
  if (isDockPanel(panel)) setDock(panel);
  selectPanel(panel);
  if (count !== null) setRunOpts({ count });
  await runWorkspace();
  if (ticket === opening) {
    setStep(step);
    selectPc(pc);
  }
}

/** Drop a share fragment from the address bar (keeps `?embed` and the path). */
export function dropLinkFragment(): void {
  if (payloadOfHash(location.hash) !== null) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** Wire link handling to the page: open the current link, follow hash changes, drop it on edit. */
export function startLinkHandling(): () => void {
  void openLinkFromLocation();
  const onHash = () => void openLinkFromLocation();
  window.addEventListener('hashchange', onHash);
  const unsub = useWorkspace.subscribe((s, prev) => {
    if (prev.origin === 'link' && s.origin === 'local') dropLinkFragment();
  });
  return () => {
    window.removeEventListener('hashchange', onHash);
    unsub();
  };
}
