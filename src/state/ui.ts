/**
 * The UI store: presentation preferences (STYLE §3.10, lifetime "persisted, not shared").
 *
 * `theme` is the user's choice; 'system' follows `prefers-color-scheme`. Resolving 'system' to
 * light or dark needs the browser, so that happens in the UI layer (`ui/app/theme.ts`).
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface UiState {
  theme: ThemeChoice;
}

export const useUi = create<UiState>()(
  persist(() => ({ theme: 'system' as ThemeChoice }), {
    name: 'ebpf-playground:ui',
    version: 1,
    storage: createJSONStorage(() => localStorage),
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

const selectTheme = (s: UiState) => s.theme;
export const useThemeChoice = (): ThemeChoice => useUi(selectTheme);
