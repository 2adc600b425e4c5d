/**
 * Every example under examples/ is a test: its header says what it expects (`@expect-r0`, with
 * `@mem` input), values worked out by hand when the example was written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from './main.ts';

const dir = 'examples';
const progs = readdirSync(dir)
  .filter((d) => /^\d\d-/.test(d))
  .flatMap((d) => readdirSync(join(dir, d)).filter((f) => /\.s$/.test(f)).map((f) => join(dir, d, f)));

function header(text: string, key: string): string | undefined {
  return new RegExp(`^#\\s*@${key}:\\s*(.*)$`, 'm').exec(text)?.[1].trim();
}

describe('examples', () => {
  it('has examples', () => expect(progs.length).toBeGreaterThanOrEqual(4));
  for (const f of progs) {
    it(f, async () => {
      const text = readFileSync(f, 'utf8');
      expect(header(text, 'title')).toBeTruthy();
      const want = header(text, 'expect-r0');
      expect(want).toBeDefined();
      const mem = header(text, 'mem')?.replace(/\s+/g, '');
      const out: string[] = [];
      const io: Io = { out: (s) => out.push(s), err: (s) => out.push(s), writeFile: () => {} };
      const code = await main(['run', f, '--json', ...(mem ? ['--mem', mem] : [])], io);
      expect(code).toBe(0);
      expect(BigInt(JSON.parse(out[0]).r0)).toBe(BigInt(want!));
    });
  }
});
