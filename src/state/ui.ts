/**
 * The UI store: layout and presentation (STYLE §3.10, lifetime "persisted, not shared" — except
 * the selected panel, which a share link also carries).
 *
 * - `theme`: the user's choice; 'system' follows `prefers-color-scheme` (resolved in the UI
 *   layer, `ui/app/theme.ts`, since that needs the browser).
 * - `present`: presentation mode (large type, high contrast) for classrooms and projectors.
 * - `panel`: the selected panel — the one an embed shows, and the one a link points at.
 * - `sizes`: the resizable layout as fractions (column split, and each column's split).
 * - `overlay`: which dialog is open; `linkNotice`: a link that could not be opened (both
 *   transient: not persisted).
 * - `dock`: the tab shown in the lower right dock (trace, maps, packets, events, cfg, stats, states).
 * - `runOpts`: the traffic-run settings (packet count, rate, engine, run without the verifier,
 *   unprivileged loader); `typeOverride`: a program type chosen over SEC()'s (transient).
 * Persisted values are re-checked on load: a damaged entry falls back to defaults, never breaks
 * the layout.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { PANELS, isDockPanel, type PanelId } from './snapshot.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Overlay = 'help' | 'gallery' | 'share' | null;

/** A link that could not be opened (transient). */
export interface LinkNotice {
  kind: 'error';
  message: string;
}

/** Fractions of the available space: `cols` = left column's share; `left`/`right` = top pane's share. */
export interface LayoutSizes {
  cols: number;
  left: number;
  right: number;
  /** Right column, below the result: the verifier's share (the dock has the rest). */
  stack: number;
}

/**
 * The first layout (a saved one wins: returning users keep theirs). Chosen from screenshots at
 * 1280×720, 1366×768 and 1920×1080: the Result pane needs only its r0 block (~100 px at 720 p), so
 * the right column gives the verifier about half of what is below it: a rejected program's log
 * shows at least 8 lines at 1280×720 (e2e/layout-and-care.spec.ts), the run panels keep the rest.
 */
export const DEFAULT_SIZES: LayoutSizes = { cols: 0.53, left: 0.64, right: 0.16, stack: 0.52 };

export const DOCK_TABS = ['trace', 'maps', 'packets', 'events', 'cfg', 'stats', 'states'] as const;
export type DockTab = (typeof DOCK_TABS)[number];

export interface RunOpts {
  count: number;
  /** Packets per second of simulated time (null: the scenario's own rate). */
  ratePps: number | null;
  /** Seconds of simulated time for event runs (null: the generator's default, 2 s). */
  durationS: number | null;
  engine: 'fast' | 'ref';
  noVerifier: boolean;
  /** Packet runs: the ring/perf-buffer reader wakes up every this many packets (null: after every packet). */
  pollEvery: number | null;
  /** Packet runs: perf buffer pages per CPU (null: unbounded); with `pollEvery` only. */
  perfPages: number | null;
}

export const DEFAULT_RUN_OPTS: RunOpts = { count: 10_000, ratePps: null, durationS: null, engine: 'fast', noVerifier: false, pollEvery: null, perfPages: null };
export const MAX_RUN_COUNT = 10_000_000;
/** No pane may be squeezed below this share of its split. */
export const MIN_FRACTION = 0.15;

export interface UiState {
  theme: ThemeChoice;
  present: boolean;
  panel: PanelId;
  sizes: LayoutSizes;
  overlay: Overlay;
  linkNotice: LinkNotice | null;
  dock: DockTab;
  runOpts: RunOpts;
  unprivileged: boolean;
  typeOverride: string | null;
  /** The States panel's view (kept across dock tab switches; not persisted). */
  statesView: 'insns' | 'paths';
}

const defaults: UiState = {
  theme: 'system', present: false, panel: 'trace', sizes: DEFAULT_SIZES, overlay: null, linkNotice: null,
  dock: 'trace', runOpts: DEFAULT_RUN_OPTS, unprivileged: false, typeOverride: null, statesView: 'insns',
};

export function clampFraction(x: unknown, fallback: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) return fallback;
  return Math.min(1 - MIN_FRACTION, Math.max(MIN_FRACTION, x));
}

/** Sanitise a persisted (untrusted) UI state. */
export function sanitizeRunOpts(x: unknown): RunOpts {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Partial<Record<keyof RunOpts, unknown>>;
  const count = typeof o.count === 'number' && Number.isSafeInteger(o.count) && o.count >= 1 && o.count <= MAX_RUN_COUNT ? o.count : DEFAULT_RUN_OPTS.count;
  const ratePps = typeof o.ratePps === 'number' && Number.isFinite(o.ratePps) && o.ratePps > 0 && o.ratePps <= 1e9 ? o.ratePps : null;
  const durationS = typeof o.durationS === 'number' && Number.isFinite(o.durationS) && o.durationS > 0 && o.durationS <= 3600 ? o.durationS : null;
  const int = (v: unknown, max: number) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= max ? v : null);
  return {
    count, ratePps, durationS, engine: o.engine === 'ref' ? 'ref' : 'fast', noVerifier: o.noVerifier === true,
    pollEvery: int(o.pollEvery, 1_000_000), perfPages: int(o.perfPages, 1024),
  };
}

export function sanitizeUi(saved: unknown): Omit<UiState, 'overlay' | 'linkNotice' | 'typeOverride' | 'statesView'> {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<Record<keyof UiState, unknown>>;
  const sz = (typeof s.sizes === 'object' && s.sizes !== null ? s.sizes : {}) as Partial<Record<keyof LayoutSizes, unknown>>;
  return {
    theme: s.theme === 'light' || s.theme === 'dark' || s.theme === 'system' ? s.theme : defaults.theme,
    present: s.present === true,
    panel: (PANELS as readonly unknown[]).includes(s.panel) ? (s.panel as PanelId) : defaults.panel,
    sizes: {
      cols: clampFraction(sz.cols, DEFAULT_SIZES.cols),
      left: clampFraction(sz.left, DEFAULT_SIZES.left),
      right: clampFraction(sz.right, DEFAULT_SIZES.right),
      stack: clampFraction(sz.stack, DEFAULT_SIZES.stack),
    },
    dock: (DOCK_TABS as readonly unknown[]).includes(s.dock) ? (s.dock as DockTab) : defaults.dock,
    runOpts: sanitizeRunOpts(s.runOpts),
    unprivileged: s.unprivileged === true,
  };
}

export const useUi = create<UiState>()(
  persist(() => ({ ...defaults }), {
    name: 'ebpf-playground:ui',
    version: 2,
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ theme: s.theme, present: s.present, panel: s.panel, sizes: s.sizes, dock: s.dock, runOpts: s.runOpts, unprivileged: s.unprivileged }),
    migrate: (saved) => sanitizeUi(saved) as UiState,
    merge: (saved, current) => ({ ...current, ...sanitizeUi(saved) }),
  }),
);

const order: ThemeChoice[] = ['system', 'light', 'dark'];

export function setTheme(theme: ThemeChoice): void {
  useUi.setState({ theme });
}

/** system → light → dark → system. */
export function cycleTheme(): void {
  const t = useUi.getState().theme;
  setTheme(order[(order.indexOf(t) + 1) % order.length]);
}

export function togglePresent(): void {
  useUi.setState({ present: !useUi.getState().present });
}

export function selectPanel(panel: PanelId): void {
  if (useUi.getState().panel !== panel) useUi.setState({ panel });
}

export function setSize(which: keyof LayoutSizes, fraction: number): void {
  const sizes = useUi.getState().sizes;
  const v = clampFraction(fraction, sizes[which]);
  if (v !== sizes[which]) useUi.setState({ sizes: { ...sizes, [which]: v } });
}

export function resetSizes(): void {
  useUi.setState({ sizes: DEFAULT_SIZES });
}

/** Show dock tab `dock`; when the dock is the selected panel, its new tab becomes the selected panel. */
export function setDock(dock: DockTab): void {
  const st = useUi.getState();
  const panel = isDockPanel(st.panel) ? dock : st.panel;
  if (st.dock !== dock || st.panel !== panel) useUi.setState({ dock, panel });
}

export function setRunOpts(patch: Partial<RunOpts>): void {
  useUi.setState({ runOpts: sanitizeRunOpts({ ...useUi.getState().runOpts, ...patch }) });
}

export function setUnprivileged(unprivileged: boolean): void {
  useUi.setState({ unprivileged });
}

export function setTypeOverride(typeOverride: string | null): void {
  useUi.setState({ typeOverride });
}

export function setStatesView(statesView: 'insns' | 'paths'): void {
  useUi.setState({ statesView });
}

export function openOverlay(overlay: Overlay): void {
  useUi.setState({ overlay });
}

export function closeOverlay(): void {
  useUi.setState({ overlay: null });
}

export function setLinkNotice(linkNotice: LinkNotice | null): void {
  useUi.setState({ linkNotice });
}

const selectTheme = (s: UiState) => s.theme;
const selectPresent = (s: UiState) => s.present;
const selectPanelId = (s: UiState) => s.panel;
const selectSizes = (s: UiState) => s.sizes;
const selectOverlay = (s: UiState) => s.overlay;
export const useThemeChoice = (): ThemeChoice => useUi(selectTheme);
export const usePresent = (): boolean => useUi(selectPresent);
export const usePanel = (): PanelId => useUi(selectPanelId);
export const useSizes = (): LayoutSizes => useUi(selectSizes);
export const useOverlay = (): Overlay => useUi(selectOverlay);
const selectLinkNotice = (s: UiState) => s.linkNotice;
export const useLinkNotice = (): LinkNotice | null => useUi(selectLinkNotice);
const selectDock = (s: UiState) => s.dock;
const selectRunOpts = (s: UiState) => s.runOpts;
const selectUnpriv = (s: UiState) => s.unprivileged;
const selectTypeOverride = (s: UiState) => s.typeOverride;
export const useDock = (): DockTab => useUi(selectDock);
export const useRunOpts = (): RunOpts => useUi(selectRunOpts);
export const useUnprivileged = (): boolean => useUi(selectUnpriv);
export const useTypeOverride = (): string | null => useUi(selectTypeOverride);
const selectStatesView = (s: UiState) => s.statesView;
export const useStatesView = (): 'insns' | 'paths' => useUi(selectStatesView);
