/**
 * Diagnostics against clang-19: for each `testdata/diag/<name>.c` (a program with one mistake),
 * our first diagnostic, rendered `file:line:col: severity: message`, equals clang's first line
 * recorded in `<name>.clang.txt` (by scripts/record-compiler-goldens.ts). Two known differences
 * are normalised: clang's `fatal error` (we have no fatal severity) and clang's `(aka '…')`
 * typedef spelling (we print the canonical type only).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../diag/diagnostic.ts';
import { compile, sourceText } from './driver.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'testdata/diag');

describe('diagnostics match clang-19 (first line)', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.c')).sort();
  it('has cases', () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const f of files) {
    it(f, () => {
      const want = readFileSync(join(DIR, f.replace(/\.c$/, '.clang.txt')), 'utf8').trim()
        .replace(': fatal error: ', ': error: ')
        .replace(/ \(aka '[^']*'\)/g, '');
      const sources = { [f]: readFileSync(join(DIR, f), 'utf8') };
      const d = compile(sources, f).diagnostics[0];
      expect(d, 'we accepted a program clang rejects').toBeDefined();
      expect(renderDiagnostic(d, d.span ? sourceText(sources, d.span.file) : undefined, false)).toBe(want);
    });
  }
});
