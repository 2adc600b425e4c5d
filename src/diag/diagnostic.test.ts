import { describe, expect, it } from 'vitest';
import { lineCol, renderDiagnostic } from './diagnostic.ts';

describe('diagnostics', () => {
  it('computes 1-based line and column', () => {
    expect(lineCol('ab\ncd', 0)).toEqual({ line: 1, col: 1 });
    expect(lineCol('ab\ncd', 4)).toEqual({ line: 2, col: 2 });
  });
  it('renders file:line:col, the source line and a caret under the span, tabs kept', () => {
    const text = 'r0 = 1\n\tfrob r0\n';
    const d = { code: 2001, severity: 'error' as const, message: "unknown mnemonic 'frob'", span: { file: 'p.s', start: 8, end: 12 } };
    expect(renderDiagnostic(d, text)).toBe("p.s:2:2: error: unknown mnemonic 'frob'\n\tfrob r0\n\t^~~~");
  });
});
