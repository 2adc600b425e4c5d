/**
 * Monaco glue for the editor intelligence: completion and hover providers for C and eBPF
 * assembly that ask the pure `intel.ts` (kernel tables) and convert offsets to Monaco ranges.
 * The program type for assembly is the workspace's choice, read at request time.
 *
 * Registered once, from `monaco.ts` (so only when the lazy editor chunk loads).
 */
import type * as Monaco from 'monaco-editor/editor/editor.api.js';
import { useWorkspace } from '../../state/workspace.ts';
import { completionsAt, hoverAt, type IntelContext, type IntelKind, type IntelLanguage } from './intel.ts';

export function registerIntel(monaco: typeof Monaco, asmLanguageId: string): void {
  const kinds: Record<IntelKind, Monaco.languages.CompletionItemKind> = {
    function: monaco.languages.CompletionItemKind.Function,
    field: monaco.languages.CompletionItemKind.Field,
    section: monaco.languages.CompletionItemKind.Module,
    enum: monaco.languages.CompletionItemKind.EnumMember,
    constant: monaco.languages.CompletionItemKind.Constant,
  };
  const context = (language: IntelLanguage): IntelContext => ({ language, progType: useWorkspace.getState().progType });
  const range = (model: Monaco.editor.ITextModel, from: number, to: number): Monaco.IRange => {
    const a = model.getPositionAt(from);
    const b = model.getPositionAt(to);
    return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
  };
  for (const [id, language] of [['c', 'c'], [asmLanguageId, 'asm']] as const) {
    monaco.languages.registerCompletionItemProvider(id, {
      triggerCharacters: ['"', '>', '_', '.'],
      provideCompletionItems(model, position) {
        const text = model.getValue();
        const r = completionsAt(text, model.getOffsetAt(position), context(language));
        if (!r) return { suggestions: [] };
        const rg = range(model, r.from, r.to);
        return {
          suggestions: r.items.map((it) => ({
            label: it.label,
            kind: kinds[it.kind],
            detail: it.detail,
            documentation: { value: it.doc },
            insertText: it.insertText,
            sortText: it.sortText,
            range: rg,
          })),
        };
      },
    });
    monaco.languages.registerHoverProvider(id, {
      provideHover(model, position) {
        const h = hoverAt(model.getValue(), model.getOffsetAt(position), context(language));
        return h ? { range: range(model, h.from, h.to), contents: [{ value: h.markdown }] } : null;
      },
    });
  }
}
