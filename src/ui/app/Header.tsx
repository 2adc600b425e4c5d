/** The page header: name, status, example/theme buttons, and the Run (or Stop) button. */
import { useRunStatus } from '../../state/session.ts';
import { cycleTheme, useThemeChoice } from '../../state/ui.ts';
import { restoreStarterProgram } from '../../state/workspace.ts';
import { runWorkspace, stopRun } from './actions.ts';
import './Header.css';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const runKey = isMac ? '⌘ Enter' : 'Ctrl Enter';
const themeLabel = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' } as const;
const themeIcon = { system: '◐', light: '☀', dark: '☾' } as const;

export function Header() {
  const status = useRunStatus();
  const theme = useThemeChoice();
  const running = status === 'running';
  return (
    <header className="header">
      <div className="header-brand">
        <span className="header-logo" aria-hidden="true">
          bpf
        </span>
        <h1 className="header-title">eBPF Playground</h1>
        <span className="header-tag">assembly · bytecode · register trace</span>
      </div>
      <div className="header-actions">
        <button
          type="button"
          className="btn btn-ghost"
          aria-label="Restore the example program"
          title="Replace the editor text with the example program"
          onClick={() => {
            if (window.confirm('Replace the editor text with the example program?')) restoreStarterProgram();
          }}
        >
          Example
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          aria-label={`${themeLabel[theme]} (click to change)`}
          title={themeLabel[theme]}
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
