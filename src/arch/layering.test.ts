/**
 * The layering rule of STYLE.md §2: everything but src/ui, src/worker and src/state is a pure core
 * that runs in Node — no React, no Monaco, no zustand, no DOM — and imports never point up into
 * the UI layers. (A test rather than a lint rule: the project has no linter yet.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['isa', 'asm', 'compiler', 'diag', 'elf', 'kernel', 'verifier', 'vm', 'sim', 'cli'];
const FORBIDDEN = [/^react(-dom)?(\/|$)/, /^monaco-editor(\/|$)/, /^zustand(\/|$)/, /(^|\/)(ui|worker|state)\//];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'testdata' ? [] : files(p);
    return /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('layering', () => {
  for (const layer of CORE) {
    it(`src/${layer} imports no UI, DOM or store code`, () => {
      const bad: string[] = [];
      for (const f of files(join('src', layer))) {
        const text = readFileSync(f, 'utf8');
        for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
          if (FORBIDDEN.some((re) => re.test(m[1]))) bad.push(`${f}: ${m[1]}`);
        }
        if (/\b(document|window|localStorage)\./.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))) bad.push(`${f}: uses a DOM global`);
      }
      expect(bad).toEqual([]);
    });
  }
});
