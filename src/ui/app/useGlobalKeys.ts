/**
 * Page-wide keys (listed in the `?` overlay, `HelpOverlay.tsx`): Ctrl/Cmd+Enter runs (also bound
 * inside the editor); when the focus is not in the editor or a text field: ←/→ step through the
 * trace, Home/End jump to its ends, `?` shows the shortcuts, `e` the examples, `p` toggles
 * presentation mode, `t` cycles the theme. While a dialog is open only the dialog's keys count.
 */
import { useEffect } from 'react';
import { setStep, stepBy, useSession } from '../../state/session.ts';
import { cycleTheme, openOverlay, togglePresent, useUi } from '../../state/ui.ts';
import { runWorkspace } from './actions.ts';

function inTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return !!target.closest('input, textarea, select, [contenteditable="true"], .monaco-editor, [role="separator"]');
}

export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const overlay = useUi.getState().overlay;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        if (overlay) return;
        if ((e.target as Element | null)?.closest?.('.monaco-editor')) return; // the editor's own binding runs it
        e.preventDefault();
        void runWorkspace();
        return;
      }
      if (overlay || e.altKey || e.ctrlKey || e.metaKey || inTextInput(e.target)) return;
      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      switch (e.key) {
        case 'ArrowRight':
          return act(() => stepBy(1));
        case 'ArrowLeft':
          return act(() => stepBy(-1));
        case 'Home':
          return act(() => setStep(0));
        case 'End':
          return act(() => setStep((useSession.getState().outcome?.trace.length ?? 1) - 1));
        case '?':
          return act(() => openOverlay('help'));
        case 'e':
          return act(() => openOverlay('gallery'));
        case 'p':
          return act(togglePresent);
        case 't':
          return act(cycleTheme);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
