/**
 * Monaco, trimmed: the editor core API, a chosen set of editor features, and our own language.
 * Nothing else in the app imports `monaco-editor`; this module is only reached through the lazy
 * `MonacoEditorCore`, so the editor's code loads after the page is interactive.
 *
 * Completion and hover come from the kernel tables (`intel.ts`, wired in `intelProviders.ts`).
 *
 * Not loaded: Monaco's ~80 bundled languages (except C/C++'s tokenizer) and the TypeScript/CSS/JSON/HTML language services
 * (`editor.main.js` pulls all of those in). The editor worker is bundled by Vite (`?worker`) and
 * served from our own origin; nothing comes from a CDN.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
// Editor features we want, through monaco's per-feature entry points (each registers itself).
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/features/codeEditor/register.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/gotoError/register.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/multicursor/register.js';
import 'monaco-editor/features/suggest/register.js';
import 'monaco-editor/features/snippet/register.js';
// the suggest widget itself (the feature entry above only adds inline suggestions)
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/wordOperations/register.js';
// C: Monaco's own Monarch tokens for C/C++ (only that one of its bundled languages).
import 'monaco-editor/languages/definitions/cpp/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { EBPF_ASM, languageConfiguration, monarchLanguage } from './ebpfAsmLanguage.ts';
import { registerIntel } from './intelProviders.ts';
import { DARK, HC_DARK, HC_LIGHT, LIGHT, darkTheme, hcDarkTheme, hcLightTheme, lightTheme } from './themes.ts';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.languages.register({ id: EBPF_ASM, extensions: ['.s', '.S', '.asm'], aliases: ['eBPF assembly'] });
monaco.languages.setLanguageConfiguration(EBPF_ASM, languageConfiguration);
monaco.languages.setMonarchTokensProvider(EBPF_ASM, monarchLanguage);
registerIntel(monaco, EBPF_ASM);
monaco.editor.defineTheme(LIGHT, lightTheme);
monaco.editor.defineTheme(DARK, darkTheme);
monaco.editor.defineTheme(HC_LIGHT, hcLightTheme);
monaco.editor.defineTheme(HC_DARK, hcDarkTheme);

export { monaco };
