/**
 * Editor colour themes for light and dark pages: Monaco's `vs` / `vs-dark` plus colours for the
 * `ebpf-asm` tokens and the current-step line. Colours are chosen to match `ui/app/theme.css`.
 */
import type { editor } from 'monaco-editor/editor/editor.api.js';

export const LIGHT = 'ebpf-light';
export const DARK = 'ebpf-dark';

export const lightTheme: editor.IStandaloneThemeData = {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'comment', foreground: '6a737d', fontStyle: 'italic' },
    { token: 'register', foreground: '005cc5' },
    { token: 'keyword', foreground: 'b31d28', fontStyle: 'bold' },
    { token: 'keyword.builtin', foreground: '8a3ffc' },
    { token: 'keyword.mnemonic', foreground: 'b31d28' },
    { token: 'type', foreground: '6f42c1' },
    { token: 'number', foreground: '098658' },
    { token: 'label', foreground: 'b35900', fontStyle: 'bold' },
    { token: 'operator', foreground: '444d56' },
    { token: 'identifier', foreground: 'b35900' },
  ],
  colors: {
    'editor.background': '#ffffff',
    'editor.lineHighlightBackground': '#f3f6fa',
    'editorLineNumber.foreground': '#9aa4af',
  },
};

export const darkTheme: editor.IStandaloneThemeData = {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'comment', foreground: '8b949e', fontStyle: 'italic' },
    { token: 'register', foreground: '79c0ff' },
    { token: 'keyword', foreground: 'ff7b72', fontStyle: 'bold' },
    { token: 'keyword.builtin', foreground: 'd2a8ff' },
    { token: 'keyword.mnemonic', foreground: 'ff7b72' },
    { token: 'type', foreground: 'd2a8ff' },
    { token: 'number', foreground: '7ee787' },
    { token: 'label', foreground: 'ffa657', fontStyle: 'bold' },
    { token: 'operator', foreground: 'c9d1d9' },
    { token: 'identifier', foreground: 'ffa657' },
  ],
  colors: {
    'editor.background': '#0d1117',
    'editor.lineHighlightBackground': '#161b22',
    'editorLineNumber.foreground': '#6e7681',
  },
};

/** Presentation mode: Monaco's high-contrast bases, with the same token roles in stronger colours. */
export const HC_LIGHT = 'ebpf-hc-light';
export const HC_DARK = 'ebpf-hc-dark';

export const hcLightTheme: editor.IStandaloneThemeData = {
  base: 'hc-light',
  inherit: true,
  rules: [
    { token: 'comment', foreground: '3b4048', fontStyle: 'italic' },
    { token: 'register', foreground: '003d99', fontStyle: 'bold' },
    { token: 'keyword', foreground: '8f0010', fontStyle: 'bold' },
    { token: 'keyword.builtin', foreground: '5a00c8' },
    { token: 'keyword.mnemonic', foreground: '8f0010' },
    { token: 'type', foreground: '4b1d9e' },
    { token: 'number', foreground: '00602b' },
    { token: 'label', foreground: '7a3300', fontStyle: 'bold' },
    { token: 'operator', foreground: '000000' },
    { token: 'identifier', foreground: '7a3300' },
  ],
  colors: { 'editor.background': '#ffffff' },
};

export const hcDarkTheme: editor.IStandaloneThemeData = {
  base: 'hc-black',
  inherit: true,
  rules: [
    { token: 'comment', foreground: 'c8d1da', fontStyle: 'italic' },
    { token: 'register', foreground: '9ed0ff', fontStyle: 'bold' },
    { token: 'keyword', foreground: 'ff9a92', fontStyle: 'bold' },
    { token: 'keyword.builtin', foreground: 'e2c5ff' },
    { token: 'keyword.mnemonic', foreground: 'ff9a92' },
    { token: 'type', foreground: 'e2c5ff' },
    { token: 'number', foreground: '9cf5a8' },
    { token: 'label', foreground: 'ffc387', fontStyle: 'bold' },
    { token: 'operator', foreground: 'ffffff' },
    { token: 'identifier', foreground: 'ffc387' },
  ],
  colors: { 'editor.background': '#000000' },
};

/** The Monaco theme for the page theme and presentation mode. */
export function themeName(theme: 'light' | 'dark', present: boolean): string {
  if (present) return theme === 'dark' ? HC_DARK : HC_LIGHT;
  return theme === 'dark' ? DARK : LIGHT;
}
