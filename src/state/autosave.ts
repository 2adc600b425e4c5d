/**
 * Autosave: the workspace kept in local storage, so nothing typed is lost on reload or crash.
 *
 * Stored under `ebpf-playground:workspace` as `{ state, version: 2 }` (the envelope zustand's
 * `persist` used for version 1, which held only `{ source }`; that is migrated on read). What is
 * read back must pass `validateWorkspaceData`, like a link: a corrupted or tampered entry is
 * ignored (and left in place, untouched) rather than trusted. Storage errors (quota, disabled
 * storage) are swallowed: autosave is best-effort and must never break the page.
 *
 * The storage is passed in, so this runs in Node tests with a fake. Deciding *when* to save (not
 * while showing a link the user has not edited) is the workspace store's job.
 */
import { validateWorkspaceData, type WorkspaceData } from './snapshot.ts';

export const AUTOSAVE_KEY = 'ebpf-playground:workspace';
export const AUTOSAVE_VERSION = 2;

/** The part of `Storage` used here. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The autosaved workspace, or null when there is none or it is unreadable. */
export function readAutosave(storage: KeyValueStorage | undefined, defaultFile: string): WorkspaceData | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return null;
  }
  if (raw === null || raw.length > 16 * 1024 * 1024) return null;
  let env: unknown;
  try {
    env = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof env !== 'object' || env === null) return null;
  const { state, version } = env as { state?: unknown; version?: unknown };
  if (version === 1) {
    // version 1 (the first page): { source }
    const source = (state as { source?: unknown } | null)?.source;
    if (typeof source !== 'string') return null;
    const r = validateWorkspaceData({
      files: [{ name: defaultFile, text: source }],
      active: 0,
      language: 'asm',
      progType: null,
      scenario: null,
      seed: 0,
      mem: '',
    });
    return r.ok ? r.value : null;
  }
  if (version !== AUTOSAVE_VERSION) return null;
  const r = validateWorkspaceData(state);
  return r.ok ? r.value : null;
}

/** Save the workspace; false when the storage refused it (full, or disabled). */
export function writeAutosave(storage: KeyValueStorage | undefined, data: WorkspaceData): boolean {
  if (!storage) return false;
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify({ state: data, version: AUTOSAVE_VERSION }));
    return true;
  } catch {
    return false;
  }
}

/** The browser's localStorage when it is usable (absent in Node, may throw in locked-down browsers). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
