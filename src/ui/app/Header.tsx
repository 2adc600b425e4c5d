/**
 * The page header: name, then Examples (the gallery), Copy link, keyboard shortcuts, presentation
 * mode, theme, and the Run (or Stop) button.
 */
import { useRunStatus } from '../../state/session.ts';
import { cycleTheme, openOverlay, togglePresent, usePresent, useThemeChoice } from '../../state/ui.ts';
import { Icon } from '../components/Icon.tsx';
import { LessonsButton } from '../lessons/LessonsPanel.tsx';
import { runWorkspace, stopRun } from './actions.ts';
import './Header.css';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const runKey = isMac ? '⌘ Enter' : 'Ctrl Enter';
const themeLabel = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' } as const;
const themeIcon = { system: '◐', light: '☀', dark: '☾' } as const;

export function Header() {
  const status = useRunStatus();
  const theme = useThemeChoice();
  const present = usePresent();
  const running = status === 'running';
  return (
    <header className="header">
      <div className="header-brand">
        <span className="header-logo" aria-hidden="true">
          bpf
        </span>
        <h1 className="header-title">eBPF Playground</h1>
        <span className="header-tag">assembly or C · verifier · bytecode · register trace</span>
      </div>
      <div className="header-actions">
        <button type="button" className="btn btn-ghost" aria-label="Examples" title="Open the examples gallery (e)" onClick={() => openOverlay('gallery')}>
          <Icon name="examples" /> <span>Examples</span>
        </button>
        <LessonsButton />
        <button type="button" className="btn btn-ghost" aria-label="Copy link" title="Copy a link to this workspace; download the .o, the verifier log or the traffic" onClick={() => openOverlay('share')}>
          <Icon name="link" /> <span>Copy link</span>
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          aria-label="Presentation mode"
          aria-pressed={present}
          title="Presentation mode: large type, high contrast (p)"
          onClick={togglePresent}
        >
          <Icon name="present" /> <span>Present</span>
        </button>
        <button type="button" className="btn btn-ghost btn-icon" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => openOverlay('help')}>
          <span aria-hidden="true">?</span>
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          aria-label={`${themeLabel[theme]} (click to change)`}
          title={`${themeLabel[theme]} (t)`}
          onClick={cycleTheme}
        >
          <span aria-hidden="true">{themeIcon[theme]}</span>
        </button>
        {running ? (
          <button type="button" className="btn btn-stop" aria-label="Stop the running program" onClick={stopRun}>
            <span className="spinner" aria-hidden="true" /> Stop
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-run"
            aria-label={`Run program (${runKey})`}
            title={`Assemble and run (${runKey})`}
            onClick={() => void runWorkspace()}
          >
            <span aria-hidden="true">▶</span> Run <kbd>{runKey}</kbd>
          </button>
        )}
      </div>
    </header>
  );
}
