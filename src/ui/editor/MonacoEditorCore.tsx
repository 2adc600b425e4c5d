/**
 * The Monaco editor itself (the only component that touches Monaco objects; they live in refs,
 * never in stores). It
 *  - keeps the workspace source and the editor text in step (typing → store; "Example" → editor),
 *  - binds Ctrl/Cmd+Enter to Run,
 *  - shows the last run's diagnostics as markers at their line:col,
 *  - highlights the source line of the current trace step,
 *  - follows the theme and presentation mode (larger type, high-contrast colours),
 *  - marks the page interactive (`performance.mark('ebpf:interactive')`) once it is ready.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useOutcome, useShownDiagnostics, useStep } from '../../state/session.ts';
import { usePresent } from '../../state/ui.ts';
import { getActiveFile, getFile, getSource, languageOf, setSource, useWorkspace } from '../../state/workspace.ts';
import type { WireDiagnostic } from '../../worker/protocol.ts';
import { runWorkspace } from '../app/actions.ts';
import type { ResolvedTheme } from '../app/theme.ts';
import { monaco } from './monaco.ts';
import { EBPF_ASM } from './ebpfAsmLanguage.ts';
import { setEditorReveal } from './editorBridge.ts';
import { themeName } from './themes.ts';

const MARKER_OWNER = 'ebpf-playground';

/** Monaco's language id for the file in the editor: C (Monaco's Monarch tokens) or our assembly. */
const monacoLanguage = (): string => (languageOf(getFile()) === 'c' ? 'c' : EBPF_ASM);

function severity(d: WireDiagnostic): monaco.MarkerSeverity {
  if (d.severity === 'error') return monaco.MarkerSeverity.Error;
  if (d.severity === 'warning') return monaco.MarkerSeverity.Warning;
  return monaco.MarkerSeverity.Info;
}

const FONT = { normal: { fontSize: 14, lineHeight: 21 }, present: { fontSize: 20, lineHeight: 30 } };

export default function MonacoEditorCore({ theme }: { theme: ResolvedTheme }) {
  const present = usePresent();
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const lineDecoRef = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const outcome = useOutcome();
  // the newer of the live verify (as you type) and the last run
  const diagnostics = useShownDiagnostics();
  const step = useStep();

  // Create the editor once.
  useEffect(() => {
    const host = hostRef.current!;
    const model = monaco.editor.createModel(getSource(), monacoLanguage());
    const ed = monaco.editor.create(host, {
      model,
      theme: themeName(theme, present),
      automaticLayout: true,
      minimap: { enabled: false },
      ...(present ? FONT.present : FONT.normal),
      fontFamily: "ui-monospace, 'JetBrains Mono', 'Cascadia Code', Menlo, Consolas, monospace",
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      tabSize: 8,
      padding: { top: 8, bottom: 8 },
      glyphMargin: false,
      folding: false,
      lineNumbersMinChars: 3,
      ariaLabel: languageOf(getFile()) === 'c' ? 'C source' : 'eBPF assembly source',
      fixedOverflowWidgets: true,
      // completion comes from the kernel tables (intel.ts), not from words already in the file
      wordBasedSuggestions: 'off',
      suggest: { showStatusBar: false, preview: true },
    });
    editorRef.current = ed;
    lineDecoRef.current = ed.createDecorationsCollection();
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void runWorkspace());
    const sub = model.onDidChangeContent(() => setSource(model.getValue()));
    // Text replaced from outside the editor (an example, a link): push it in, keeping undo. Another
    // file of the workspace: replace the text and the undo history (undo must never carry one
    // file's text into another).
    let shownFile = getActiveFile();
    const unsub = useWorkspace.subscribe(() => {
      const text = getSource();
      const active = getActiveFile();
      const lang = monacoLanguage();
      if (model.getLanguageId() !== lang) {
        monaco.editor.setModelLanguage(model, lang);
        ed.updateOptions({ ariaLabel: lang === 'c' ? 'C source' : 'eBPF assembly source' });
      }
      if (active !== shownFile) {
        shownFile = active;
        if (text !== model.getValue()) model.setValue(text);
      } else if (text !== model.getValue()) {
        ed.pushUndoStop();
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        ed.pushUndoStop();
      }
    });
    setEditorReveal((line, col) => {
      ed.setPosition({ lineNumber: line, column: col });
      ed.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column: col });
      ed.focus();
    });
    performance.mark('ebpf:interactive');
    return () => {
      setEditorReveal(null);
      unsub();
      sub.dispose();
      ed.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once; theme has its own effect
  }, []);

  useEffect(() => {
    monaco.editor.setTheme(themeName(theme, present));
    editorRef.current?.updateOptions(present ? FONT.present : FONT.normal);
  }, [theme, present]);

  // Diagnostics → markers.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const markers: monaco.editor.IMarkerData[] = diagnostics
      .filter((d) => d.start && d.stage !== 'input') // 'input' positions are in the mem text, not the source
      .map((d) => {
        const start = d.start!;
        let end = d.end ?? start;
        if (end.line === start.line && end.col <= start.col) {
          // an empty span: underline to the end of the word (or the line)
          const lineLen = model.getLineMaxColumn(Math.min(start.line, model.getLineCount()));
          end = { line: start.line, col: Math.min(lineLen, start.col + 1) };
        }
        return {
          severity: severity(d),
          message: d.message + (d.notes?.length ? `\n${d.notes.join('\n')}` : ''),
          startLineNumber: start.line,
          startColumn: start.col,
          endLineNumber: end.line,
          endColumn: end.col,
          source: d.stage === 'run' ? 'vm' : d.stage,
          code: String(d.code),
        };
      });
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  }, [diagnostics]);

  // The current step's source line.
  const lineOfPc = useMemo(() => {
    const m = new Map<number, number>();
    for (const row of outcome?.bytecode ?? []) if (row.line !== undefined) m.set(row.pc, row.line);
    return m;
  }, [outcome]);
  useEffect(() => {
    const ed = editorRef.current;
    const deco = lineDecoRef.current;
    if (!ed || !deco) return;
    const pc = outcome?.trace[step]?.pc;
    const line = pc === undefined ? undefined : lineOfPc.get(pc);
    if (line === undefined) {
      deco.clear();
      return;
    }
    deco.set([
      {
        range: new monaco.Range(line, 1, line, 1),
        options: {
          isWholeLine: true,
          className: 'ebpf-step-line',
          linesDecorationsClassName: 'ebpf-step-gutter',
          overviewRuler: { color: '#d29922', position: monaco.editor.OverviewRulerLane.Center },
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      },
    ]);
    // Scroll only when the line is not fully on screen (Monaco's own "IfOutsideViewport" also
    // scrolls for lines that are visible near the bottom edge).
    const visible = ed.getVisibleRanges().some((r) => line > r.startLineNumber && line < r.endLineNumber);
    if (!visible) ed.revealLineInCenter(line);
  }, [outcome, step, lineOfPc]);

  return <div ref={hostRef} className="monaco-host" data-testid="monaco-host" />;
}
