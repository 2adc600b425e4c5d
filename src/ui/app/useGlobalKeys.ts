/**
 * Page-wide keys: Ctrl/Cmd+Enter runs (also bound inside the editor), ←/→ step through the
 * trace when the focus is not in the editor or a text field (there the arrows move the caret).
 */
import { useEffect } from 'react';
import { stepBy } from '../../state/session.ts';
import { runWorkspace } from './actions.ts';

function inTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return !!target.closest('input, textarea, select, [contenteditable="true"], .monaco-editor');
}

export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        if ((e.target as Element | null)?.closest?.('.monaco-editor')) return; // the editor's own binding runs it
        e.preventDefault();
        void runWorkspace();
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey || inTextInput(e.target)) return;
      if (e.key === 'ArrowRight') {
        e.preventDefault();
        stepBy(1);
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        stepBy(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
