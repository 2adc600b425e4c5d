/**
 * The editor pane: a frame with the file name, Monaco loaded lazily (after the page is up)
 * through `React.lazy` as rust-playground does, and the `mem` input below it. Until Monaco
 * arrives a plain placeholder shows. A workspace with several files gets a tab per file (Run
 * assembles the file shown). In embed mode the frame also carries the Run button and a
 * link to open the same workspace in the full playground (there is no header).
 */
import { lazy, Suspense } from 'react';
import { useRanSource, useRunStatus } from '../../state/session.ts';
import {
  setActiveFile,
  setLanguage,
  setProgType,
  useActiveFile,
  useAutosaveFailed,
  useFile,
  useFiles,
  useLanguage,
  useProgType,
  useSource,
} from '../../state/workspace.ts';
import { runWorkspace, stopRun } from '../app/actions.ts';
import { useResolvedTheme } from '../app/theme.ts';
import { MemInput } from './MemInput.tsx';
import './Editor.css';

const loadCore = () => import('./MonacoEditorCore.tsx');
const MonacoEditorCore = lazy(loadCore);

/** Start fetching Monaco now (called at startup, so it downloads while React renders the page). */
export function preloadEditor(): void {
  void loadCore();
}

/** The same page without `?embed` (keeping the link fragment), for the embed's "open" link. */
function fullPageHref(): string {
  return `${location.pathname}${location.hash}`;
}

/** Program types the verifier can check assembly as (the CLI's `--type` names). */
const PROG_TYPES = ['xdp', 'tc', 'socket', 'cgroup_skb', 'kprobe', 'tracepoint', 'raw_tracepoint', 'perf_event'] as const;

/** Language (renames the file to .s / .c) and, for assembly, the program type the verifier uses. */
function LanguageBar() {
  const language = useLanguage();
  const progType = useProgType();
  return (
    <div className="lang-bar">
      <select aria-label="Language" title="Language of the file in the editor" value={language} onChange={(e) => setLanguage(e.target.value === 'c' ? 'c' : 'asm')}>
        <option value="asm">assembly</option>
        <option value="c">C</option>
      </select>
      {language === 'asm' ? (
        <select
          aria-label="Program type"
          title="The program type the verifier checks this program as"
          value={progType ?? 'xdp'}
          onChange={(e) => setProgType(e.target.value === 'xdp' ? null : e.target.value)}
        >
          {PROG_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      ) : (
        <span className="pane-sub" title="A C program's type comes from its SEC() name">
          type from SEC()
        </span>
      )}
    </div>
  );
}

/** One tab per file when the workspace has several (a link can carry up to 8). */
function FileTabs() {
  const files = useFiles();
  const active = useActiveFile();
  return (
    <div
      className="file-tabs"
      role="tablist"
      aria-label="Files"
      onKeyDown={(e) => {
        const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!d) return;
        e.preventDefault();
        e.stopPropagation(); // not a trace step
        const next = (active + d + files.length) % files.length;
        setActiveFile(next);
        (e.currentTarget.children[next] as HTMLElement | undefined)?.focus();
      }}
    >
      {files.map((f, i) => (
        <button
          key={f.name}
          type="button"
          role="tab"
          className="file-tab"
          aria-selected={i === active}
          tabIndex={i === active ? 0 : -1}
          onClick={() => setActiveFile(i)}
        >
          {f.name}
        </button>
      ))}
    </div>
  );
}

export function Editor({ embed = false }: { embed?: boolean }) {
  const theme = useResolvedTheme();
  const file = useFile();
  const several = useFiles().length > 1;
  const unsaved = useAutosaveFailed();
  const source = useSource();
  const ranSource = useRanSource();
  const status = useRunStatus();
  const language = useLanguage();
  const stale = ranSource !== null && ranSource !== source && status !== 'running';
  return (
    <section className="pane editor-pane" aria-label={language === 'c' ? 'C editor' : 'Assembly editor'}>
      <div className="pane-head">
        {several ? <FileTabs /> : <h2 className="pane-title">{file}</h2>}
        {!embed && !several && <span className="pane-sub">{language === 'c' ? 'C, compiled in the browser' : 'eBPF assembly, LLVM syntax'}</span>}
        {!embed && <LanguageBar />}
        {unsaved && (
          <span className="badge badge-err" role="alert" title="The browser's local storage refused to save (full or disabled). Copy your work elsewhere.">
            not saved: storage full
          </span>
        )}
        {stale && (
          <span className="badge badge-warn" title="The results are for the text as it was when you pressed Run">
            edited since last run
          </span>
        )}
        {embed && (
          <div className="pane-tools">
            <a className="btn btn-small btn-ghost" href={fullPageHref()} target="_blank" rel="noopener" title="Open this in the full playground">
              Open in playground ↗
            </a>
            {status === 'running' ? (
              <button type="button" className="btn btn-small btn-stop" aria-label="Stop the running program" onClick={stopRun}>
                Stop
              </button>
            ) : (
              <button type="button" className="btn btn-small btn-run" aria-label="Run program (Ctrl Enter)" onClick={() => void runWorkspace()}>
                ▶ Run
              </button>
            )}
          </div>
        )}
      </div>
      <div className="editor-host">
        <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
          <MonacoEditorCore theme={theme} />
        </Suspense>
      </div>
      <MemInput />
    </section>
  );
}
