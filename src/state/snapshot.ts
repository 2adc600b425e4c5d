/**
 * The shareable workspace snapshot (schema version 1) and its hand-written validator.
 *
 * A snapshot is what a link carries and what autosave keeps: the files, the language, program
 * type, scenario, seed and `mem` input, plus (links only) the selected panel, the tab of the
 * lower-right dock (`dock`), the trace step, the selected instruction (`pc`) and the traffic
 * run's packet count (`count`). `pc`, `dock` and `count` may be missing, so links made before
 * they existed still open.
 * Results are never in it: they are derived by running the program again.
 *
 * `validateSnapshot(value)` (links, `LIMITS`) accepts only exactly this shape — unknown keys,
 * wrong types, strings over their caps, names outside a strict character set (so a name can never carry markup) are
 * all rejected with a message naming the field. It never throws, whatever `value` is.
 * Deliberately no schema library: the shape is small and the caps are the point.
 */

export const SNAPSHOT_VERSION = 1;

/** Caps for links. A link beyond them is refused rather than truncated. */
export const LIMITS = {
  files: 8,
  fileText: 128 * 1024,
  totalText: 256 * 1024,
  fileName: 64,
  mem: 16 * 1024,
  step: 10_000_000,
  ident: 32,
  /** Links carry a `mem` of hex digits and separators only. */
  strictMem: true,
};

export type Limits = typeof LIMITS;

/**
 * Caps for the autosave: the user's own work, so as roomy as local storage allows, and `mem` is
 * kept as typed even when it is not valid hex yet (refusing it would drop everything on reload).
 */
export const AUTOSAVE_LIMITS: Limits = { ...LIMITS, fileText: 4 * 1024 * 1024, totalText: 4 * 1024 * 1024, mem: 1024 * 1024, strictMem: false };

export type Language = 'asm' | 'c';
export const LANGUAGES: readonly Language[] = ['asm', 'c'];
/** The dock's run panels (the lower-right tabs); each is a panel a link or an embed can show. */
export type DockPanelId = 'trace' | 'maps' | 'packets' | 'events' | 'cfg' | 'stats' | 'states';
export const DOCK_PANELS: readonly DockPanelId[] = ['trace', 'maps', 'packets', 'events', 'cfg', 'stats', 'states'];
export type PanelId = 'result' | 'bytecode' | 'verifier' | DockPanelId;
export const PANELS: readonly PanelId[] = ['result', 'trace', 'bytecode', 'verifier', 'maps', 'packets', 'events', 'cfg', 'stats', 'states'];
export const isDockPanel = (p: string): p is DockPanelId => (DOCK_PANELS as readonly string[]).includes(p);

export interface WorkspaceFile {
  name: string;
  text: string;
}

/** The part of the workspace that is saved and shared. */
export interface WorkspaceData {
  files: WorkspaceFile[];
  /** Index into `files` of the file in the editor. */
  active: number;
  language: Language;
  /** Program type the verifier checks assembly as (`xdp`, `tc`, `socket`, …); null = xdp. C takes it from SEC(). */
  progType: string | null;
  /** Traffic/event scenario name, or null; not used by the page yet. */
  scenario: string | null;
  /** Seed for the simulated host (uint32). */
  seed: number;
  /** The `mem` input as typed (hex text; r1 points at these bytes, r2 holds their length). */
  mem: string;
}

/** What a link carries: the workspace plus where the user was looking. */
export interface Snapshot extends WorkspaceData {
  v: typeof SNAPSHOT_VERSION;
  panel: PanelId;
  /** Trace step shown (0-based), restored after the program has run. */
  step: number;
  /** The instruction the user selected (a verifier log line / bytecode row), or null. */
  pc: number | null;
  /** The dock tab shown (trace, maps, packets, …; the page ignores names it does not know), or null. */
  dock: string | null;
  /** Packets (or events) a traffic run uses, or null for the page's default. */
  count: number | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const IDENT = /^[a-z][a-z0-9_./:-]*$/;
/** A scenario, or a mix of workloads (`webserver,shell`). */
const SCENARIO = /^[a-z][a-z0-9_./:-]*(?:,[a-z][a-z0-9_./:-]*)*$/;
const HEX_TEXT = /^[0-9a-fA-FxX\s,:]*$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function exactKeys(o: Record<string, unknown>, keys: readonly string[], where: string): string | null {
  for (const k of Object.keys(o)) if (!keys.includes(k)) return `${where} has an unknown field '${clip(k)}'`;
  for (const k of keys) if (!(k in o)) return `${where} is missing the field '${k}'`;
  return null;
}

/** A short, printable rendering of untrusted text for an error message. */
export function clip(s: string, n = 24): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return t.length > n ? `${t.slice(0, n)}…` : t;
}

function isIndex(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

function optionalIdent(v: unknown, field: string, limits: Limits, re: RegExp = IDENT): string | null {
  if (v === null) return null;
  if (typeof v !== 'string') return `'${field}' must be a string or null`;
  if (v.length === 0 || v.length > limits.ident || !re.test(v)) {
    const what = re === SCENARIO ? 'one or more short lower-case names separated by commas' : 'a short lower-case name (letters, digits, _ . / : -)';
    return `'${field}' must be ${what}, not '${clip(v)}'`;
  }
  return null;
}

const WORKSPACE_KEYS = ['files', 'active', 'language', 'progType', 'scenario', 'seed', 'mem'] as const;
const SNAPSHOT_KEYS = ['v', ...WORKSPACE_KEYS, 'panel', 'step', 'pc', 'dock', 'count'] as const;
/** Largest traffic-run count a link may ask for. */
const MAX_COUNT = 10_000_000;
/** Largest selectable instruction index (the kernel's BPF_COMPLEXITY_LIMIT_INSNS). */
const MAX_PC = 1_000_000;

/** Check the workspace fields of `o` (already known to be a plain object). */
function checkWorkspaceFields(o: Record<string, unknown>, limits: Limits): string | null {
  const files = o.files;
  if (!Array.isArray(files) || files.length === 0) return "'files' must be a non-empty list";
  if (files.length > limits.files) return `too many files (${files.length}; at most ${limits.files})`;
  let total = 0;
  const names = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    if (!isPlainObject(f)) return `file ${i + 1} is not an object`;
    const bad = exactKeys(f, ['name', 'text'], `file ${i + 1}`);
    if (bad) return bad;
    if (typeof f.name !== 'string' || typeof f.text !== 'string') return `file ${i + 1}: name and text must be strings`;
    if (f.name.length === 0 || f.name.length > limits.fileName || !FILE_NAME.test(f.name)) {
      return `file ${i + 1}: '${clip(f.name)}' is not an acceptable file name (letters, digits, _ . - only)`;
    }
    if (names.has(f.name)) return `file ${i + 1}: the name '${clip(f.name)}' is used twice`;
    names.add(f.name);
    if (f.text.length > limits.fileText) return `file '${f.name}' is too large (${f.text.length} characters; at most ${limits.fileText})`;
    total += f.text.length;
  }
  if (total > limits.totalText) return `the files are too large together (${total} characters; at most ${limits.totalText})`;
  if (!isIndex(o.active, files.length - 1)) return `'active' must be a file index from 0 to ${files.length - 1}`;
  if (o.language !== 'asm' && o.language !== 'c') return `unsupported language '${clip(String(o.language))}' (this page knows 'asm' and 'c')`;
  const prog = optionalIdent(o.progType, 'progType', limits);
  if (prog) return prog;
  const scen = optionalIdent(o.scenario, 'scenario', { ...limits, ident: limits.ident * 4 }, SCENARIO);
  if (scen) return scen;
  if (!isIndex(o.seed, 0xffff_ffff)) return "'seed' must be an integer from 0 to 4294967295";
  if (typeof o.mem !== 'string') return "'mem' must be a string";
  if (o.mem.length > limits.mem) return `'mem' is too long (${o.mem.length} characters; at most ${limits.mem})`;
  if (limits.strictMem && !HEX_TEXT.test(o.mem)) return "'mem' may hold only hex digits and separators";
  return null;
}

function copyWorkspace(o: Record<string, unknown>): WorkspaceData {
  return {
    files: (o.files as WorkspaceFile[]).map((f) => ({ name: f.name, text: f.text })),
    active: o.active as number,
    language: o.language as Language,
    progType: o.progType as string | null,
    scenario: o.scenario as string | null,
    seed: o.seed as number,
    mem: o.mem as string,
  };
}

/** Validate an untrusted value as workspace data (autosave: `AUTOSAVE_LIMITS`). Returns a fresh copy. */
export function validateWorkspaceData(value: unknown, limits: Limits = AUTOSAVE_LIMITS): Checked<WorkspaceData> {
  if (!isPlainObject(value)) return { ok: false, error: 'the saved workspace is not an object' };
  const keys = exactKeys(value, WORKSPACE_KEYS, 'the saved workspace');
  if (keys) return { ok: false, error: keys };
  const bad = checkWorkspaceFields(value, limits);
  return bad ? { ok: false, error: bad } : { ok: true, value: copyWorkspace(value) };
}

/** Validate an untrusted value (parsed JSON from a link) as a snapshot. Returns a fresh copy. */
export function validateSnapshot(value: unknown): Checked<Snapshot> {
  if (!isPlainObject(value)) return { ok: false, error: 'the link does not hold a workspace object' };
  if (value.v !== SNAPSHOT_VERSION) {
    const v = typeof value.v === 'number' ? String(value.v) : 'none';
    return { ok: false, error: `the link has schema version ${clip(v)}; this page reads version ${SNAPSHOT_VERSION}` };
  }
  // `pc`, `dock` and `count` may be missing: links made before they existed still open.
  const keys = exactKeys({ pc: null, dock: null, count: null, ...value }, SNAPSHOT_KEYS, 'the link');
  if (keys) return { ok: false, error: keys };
  const bad = checkWorkspaceFields(value, LIMITS);
  if (bad) return { ok: false, error: bad };
  if (typeof value.panel !== 'string' || !(PANELS as readonly string[]).includes(value.panel)) {
    return { ok: false, error: `'panel' must be one of ${PANELS.join(', ')}` };
  }
  if (!isIndex(value.step, LIMITS.step)) return { ok: false, error: `'step' must be an integer from 0 to ${LIMITS.step}` };
  const pc = value.pc ?? null;
  if (pc !== null && !isIndex(pc, MAX_PC)) return { ok: false, error: `'pc' must be null or an instruction index from 0 to ${MAX_PC}` };
  const dock = value.dock ?? null;
  const badDock = optionalIdent(dock, 'dock', LIMITS);
  if (badDock) return { ok: false, error: badDock };
  const count = value.count ?? null;
  if (count !== null && (!isIndex(count, MAX_COUNT) || count === 0)) return { ok: false, error: `'count' must be null or an integer from 1 to ${MAX_COUNT}` };
  return { ok: true, value: { v: SNAPSHOT_VERSION, ...copyWorkspace(value), panel: value.panel as PanelId, step: value.step, pc, dock: dock as string | null, count } };
}
