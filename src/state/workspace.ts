/**
 * The workspace store: what the user wrote (STYLE §3.10, lifetime "persisted").
 *
 * The source is saved to localStorage on every change, so nothing typed is lost on reload.
 * Holds inputs only — results live in `session.ts`, layout and theme in `ui.ts`. Actions are
 * module-level functions; components read through the small hooks below.
 * Not yet: several files, language choice, URL sharing.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { STARTER_FILE, STARTER_PROGRAM } from './starterProgram.ts';

export interface WorkspaceState {
  /** The assembly source in the editor. */
  source: string;
  /** File name used in diagnostics (`prog.s:3:5: …`). */
  file: string;
}

export const WORKSPACE_STORAGE_KEY = 'ebpf-playground:workspace';

export const useWorkspace = create<WorkspaceState>()(
  persist(() => ({ source: STARTER_PROGRAM, file: STARTER_FILE }), {
    name: WORKSPACE_STORAGE_KEY,
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ source: s.source }),
  }),
);

export function setSource(source: string): void {
  if (useWorkspace.getState().source !== source) useWorkspace.setState({ source });
}

export function restoreStarterProgram(): void {
  useWorkspace.setState({ source: STARTER_PROGRAM, file: STARTER_FILE });
}

const selectSource = (s: WorkspaceState) => s.source;
const selectFile = (s: WorkspaceState) => s.file;

export const useSource = (): string => useWorkspace(selectSource);
export const useFile = (): string => useWorkspace(selectFile);
