/**
 * The workspace store: what the user wrote and chose (STYLE §3.10, lifetime "persisted and
 * shareable"): the files, language, program type, scenario, seed and the `mem` input.
 *
 * Autosave: every change is written to local storage (`autosave.ts`) — except while the page
 * shows a workspace opened from a link that the user has not edited yet (`origin: 'link'`).
 * Opening a link therefore never overwrites the user's own saved work; the first edit makes the
 * linked workspace the user's own (`origin: 'local'`) and it is saved from then on.
 * `restoreAutosave()` goes back to the saved work. When the storage refuses a save (full or
 * disabled) `useAutosaveFailed()` says so, so the page can warn instead of failing silently.
 *
 * Holds inputs only — results live in `session.ts`, layout and theme in `ui.ts`. Actions are
 * module-level functions; components read through the small hooks below.
 */
import { create } from 'zustand';
import { browserStorage, readAutosave, writeAutosave, type KeyValueStorage } from './autosave.ts';
import type { Language, WorkspaceData } from './snapshot.ts';
import { STARTER_C_FILE, STARTER_C_PROGRAM, STARTER_FILE, STARTER_PROGRAM } from './starterProgram.ts';

export type WorkspaceOrigin = 'local' | 'link';

export interface WorkspaceState extends WorkspaceData {
  /** 'link' while showing an unedited workspace opened from a link (not autosaved). */
  origin: WorkspaceOrigin;
}

export function starterWorkspace(): WorkspaceData {
  return {
    files: [{ name: STARTER_FILE, text: STARTER_PROGRAM }],
    active: 0,
    language: 'asm',
    progType: null,
    scenario: null,
    seed: 0,
    mem: '',
  };
}

let storage: KeyValueStorage | undefined = browserStorage();

export const useWorkspace = create<WorkspaceState>()(() => ({
  ...(readAutosave(storage, STARTER_FILE) ?? starterWorkspace()),
  origin: 'local',
}));

/** The workspace data without the origin flag. */
export function workspaceData(s: WorkspaceState = useWorkspace.getState()): WorkspaceData {
  return { files: s.files, active: s.active, language: s.language, progType: s.progType, scenario: s.scenario, seed: s.seed, mem: s.mem };
}

/** Whether the last autosave was refused by the storage (full, or disabled). */
export const useAutosaveStatus = create<{ failed: boolean }>()(() => ({ failed: false }));

useWorkspace.subscribe((s, prev) => {
  if (s.origin !== 'local' || s === prev) return;
  const failed = !writeAutosave(storage, workspaceData(s));
  if (useAutosaveStatus.getState().failed !== failed) useAutosaveStatus.setState({ failed });
});

/** For tests: use another storage (and reload the workspace from it). */
export function setStorageForTests(s: KeyValueStorage | undefined): void {
  storage = s;
  useWorkspace.setState({ ...(readAutosave(storage, STARTER_FILE) ?? starterWorkspace()), origin: 'local' }, true);
}

/** The user typed: replace the active file's text. */
export function setSource(text: string): void {
  const s = useWorkspace.getState();
  if (s.files[s.active]?.text === text) return;
  const files = s.files.map((f, i) => (i === s.active ? { ...f, text } : f));
  useWorkspace.setState({ files, origin: 'local' });
}

/** Show file `i` in the editor (a view change: a linked workspace stays unsaved). */
export function setActiveFile(i: number): void {
  const s = useWorkspace.getState();
  if (Number.isInteger(i) && i >= 0 && i < s.files.length && i !== s.active) useWorkspace.setState({ active: i });
}

/** The user edited the `mem` input (hex text, kept as typed). */
export function setMem(mem: string): void {
  if (useWorkspace.getState().mem === mem) return;
  useWorkspace.setState({ mem, origin: 'local' });
}

/** The language a file name means: `*.c` is C, anything else eBPF assembly. */
export function languageOf(name: string): Language {
  return /\.c$/i.test(name) ? 'c' : 'asm';
}

/** Where an opened program runs: the scenario (traffic or workload) and the host's seed. */
export interface RunSetting {
  scenario?: string | null;
  seed?: number;
}

/**
 * Open a program (an example, a lesson) as the user's workspace: one file, its `mem` input, its
 * `@prog` type, and the scenario and seed it runs against.
 */
export function openProgram(name: string, text: string, mem: string, progType: string | null = null, run: RunSetting = {}): void {
  const seed = run.seed !== undefined && Number.isInteger(run.seed) && run.seed >= 0 && run.seed <= 0xffff_ffff ? run.seed : 0;
  useWorkspace.setState({
    ...starterWorkspace(),
    files: [{ name, text }],
    mem,
    language: languageOf(name),
    progType,
    scenario: run.scenario ?? null,
    seed,
    origin: 'local',
  });
}

/** The traffic scenario or event workload runs use (null: the single default packet / no events). */
export function setScenario(scenario: string | null): void {
  if (useWorkspace.getState().scenario === scenario) return;
  useWorkspace.setState({ scenario, origin: 'local' });
}

/** The simulated host's seed (a uint32; other values are ignored). */
export function setSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff || useWorkspace.getState().seed === seed) return;
  useWorkspace.setState({ seed, origin: 'local' });
}

/** The program type the verifier checks assembly as (null = the default, xdp). */
export function setProgType(progType: string | null): void {
  if (useWorkspace.getState().progType === progType) return;
  useWorkspace.setState({ progType, origin: 'local' });
}

/**
 * Switch the active file's language: it is renamed to `.c` / `.s`. A file still holding the
 * other language's starter program (or nothing) gets this language's starter; any other text is
 * kept as it is (the user's work is never thrown away).
 */
export function setLanguage(language: Language): void {
  const s = useWorkspace.getState();
  const f = s.files[s.active];
  if (!f || languageOf(f.name) === language) {
    if (s.language !== language) useWorkspace.setState({ language, origin: 'local' });
    return;
  }
  const base = f.name.replace(/\.[A-Za-z0-9]+$/, '') || 'prog';
  let name = `${base}.${language === 'c' ? 'c' : 's'}`;
  if (s.files.some((g, i) => i !== s.active && g.name === name)) name = language === 'c' ? STARTER_C_FILE : STARTER_FILE;
  const starter = f.text.trim() === '' || f.text === STARTER_PROGRAM || f.text === STARTER_C_PROGRAM;
  const text = starter ? (language === 'c' ? STARTER_C_PROGRAM : STARTER_PROGRAM) : f.text;
  const files = s.files.map((g, i) => (i === s.active ? { name, text } : g));
  useWorkspace.setState({ files, language, origin: 'local' });
}

/** Show a workspace from a link; it is not autosaved until the user edits it. */
export function showLinkedWorkspace(data: WorkspaceData): void {
  useWorkspace.setState({ ...data, origin: 'link' });
}

/** Leave a linked workspace: back to the autosaved one (or the starter program). */
export function restoreAutosave(): void {
  useWorkspace.setState({ ...(readAutosave(storage, STARTER_FILE) ?? starterWorkspace()), origin: 'local' });
}

const selectSource = (s: WorkspaceState) => s.files[s.active]?.text ?? '';
const selectFile = (s: WorkspaceState) => s.files[s.active]?.name ?? STARTER_FILE;
const selectMem = (s: WorkspaceState) => s.mem;
const selectFiles = (s: WorkspaceState) => s.files;
const selectActive = (s: WorkspaceState) => s.active;
const selectOrigin = (s: WorkspaceState) => s.origin;
const selectProgType = (s: WorkspaceState) => s.progType;
const selectLanguage = (s: WorkspaceState) => languageOf(selectFile(s));
const selectScenario = (s: WorkspaceState) => s.scenario;
const selectSeed = (s: WorkspaceState) => s.seed;

/** The active file's text. */
export const useSource = (): string => useWorkspace(selectSource);
export const getSource = (): string => selectSource(useWorkspace.getState());
/** The active file's name (used in diagnostics: `prog.s:3:5: …`). */
export const useFile = (): string => useWorkspace(selectFile);
export const getFile = (): string => selectFile(useWorkspace.getState());
export const useMem = (): string => useWorkspace(selectMem);
export const useFiles = (): WorkspaceData['files'] => useWorkspace(selectFiles);
export const useActiveFile = (): number => useWorkspace(selectActive);
export const getActiveFile = (): number => selectActive(useWorkspace.getState());
export const useOrigin = (): WorkspaceOrigin => useWorkspace(selectOrigin);
/** The verifier's program type for assembly (null = xdp). */
export const useProgType = (): string | null => useWorkspace(selectProgType);
/** The active file's language (from its name). */
export const useLanguage = (): Language => useWorkspace(selectLanguage);
/** The scenario runs use (null: none). */
export const useScenario = (): string | null => useWorkspace(selectScenario);
export const useSeed = (): number => useWorkspace(selectSeed);
export const useAutosaveFailed = (): boolean => useAutosaveStatus((s) => s.failed);
