/**
 * The editor pane: a frame with the file name, and Monaco loaded lazily (after the page is up)
 * through `React.lazy`, as rust-playground does. Until Monaco arrives a plain placeholder shows.
 */
import { lazy, Suspense } from 'react';
import { useRanSource, useRunStatus } from '../../state/session.ts';
import { useFile, useSource } from '../../state/workspace.ts';
import type { ResolvedTheme } from '../app/theme.ts';
import './Editor.css';

const MonacoEditorCore = lazy(() => import('./MonacoEditorCore.tsx'));

export function Editor({ theme }: { theme: ResolvedTheme }) {
  const file = useFile();
  const source = useSource();
  const ranSource = useRanSource();
  const status = useRunStatus();
  const stale = ranSource !== null && ranSource !== source && status !== 'running';
  return (
    <section className="pane editor-pane" aria-label="Assembly editor">
      <div className="pane-head">
        <h2 className="pane-title">{file}</h2>
        <span className="pane-sub">eBPF assembly, LLVM syntax</span>
        {stale && (
          <span className="badge badge-warn" title="The results below are for the text as it was when you pressed Run">
            edited since last run
          </span>
        )}
      </div>
      <div className="editor-host">
        <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
          <MonacoEditorCore theme={theme} />
        </Suspense>
      </div>
    </section>
  );
}
