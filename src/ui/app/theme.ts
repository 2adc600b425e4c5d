/**
 * Resolves the theme choice ('system' | 'light' | 'dark') to what is shown, following
 * `prefers-color-scheme` for 'system', and mirrors it on <html data-theme> for the CSS.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { usePresent, useThemeChoice } from '../../state/ui.ts';

export type ResolvedTheme = 'light' | 'dark';

const query = '(prefers-color-scheme: dark)';

function subscribe(cb: () => void): () => void {
  const mq = window.matchMedia(query);
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}

const systemIsDark = (): boolean => window.matchMedia(query).matches;

export function useResolvedTheme(): ResolvedTheme {
  const choice = useThemeChoice();
  const dark = useSyncExternalStore(subscribe, systemIsDark, () => false);
  return choice === 'system' ? (dark ? 'dark' : 'light') : choice;
}

/** Keep <html data-theme> in sync with the resolved theme. */
export function useApplyTheme(): ResolvedTheme {
  const theme = useResolvedTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}

/** Keep <html data-present> in sync with presentation mode (large type, high contrast). */
export function useApplyPresent(): boolean {
  const present = usePresent();
  useEffect(() => {
    if (present) document.documentElement.dataset.present = '';
    else delete document.documentElement.dataset.present;
  }, [present]);
  return present;
}
