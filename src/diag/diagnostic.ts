/**
 * Diagnostics: errors and warnings as values (STYLE §3.3).
 *
 * A Diagnostic names a span of source by byte offsets; line and column are computed only when
 * rendering. Codes come in one number range per stage (see `codes.ts`). Nothing here throws.
 */

/** A half-open range [start, end) of character offsets into one source file. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  code: number;
  severity: Severity;
  message: string;
  span?: Span;
  notes?: string[];
}

/** 1-based line and column of an offset in `text`. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: end - lineStart + 1 };
}

/**
 * Render as `file:line:col: error: message`, then (when `text` is given) the source line and a
 * caret under the span, as clang does.
 */
export function renderDiagnostic(d: Diagnostic, text?: string, withSource = true): string {
  let head: string;
  if (d.span && text !== undefined) {
    const { line, col } = lineCol(text, d.span.start);
    head = `${d.span.file}:${line}:${col}: ${d.severity}: ${d.message}`;
  } else if (d.span) {
    head = `${d.span.file}: ${d.severity}: ${d.message}`;
  } else {
    head = `${d.severity}: ${d.message}`;
  }
  const out = [head];
  if (withSource && d.span && text !== undefined) {
    const ls = text.lastIndexOf('\n', d.span.start - 1) + 1;
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    const src = text.slice(ls, le).replace(/\r$/, '');
    const col = d.span.start - ls;
    const width = Math.max(1, Math.min(d.span.end, le) - d.span.start);
    // keep tabs in the caret's indentation so it lines up under tab-indented source
    out.push(src, src.slice(0, col).replace(/[^\t]/g, ' ') + '^' + (width > 1 ? '~'.repeat(width - 1) : ''));
  }
  for (const n of d.notes ?? []) out.push(`note: ${n}`);
  return out.join('\n');
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}
