/**
 * `ebpf-playground verify`: the DESIGN.md contract — one JSON line per file, exit 0/1/2, `--map`
 * resolving `rX = NAME ll`, raw files referring to maps by index, bad input as one clear line.
 * Expected errors/processed counts are the 6.18 kernel's (src/verifier/testdata/corpus goldens).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from './main.ts';

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: () => {} }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'verify-cli-'));
const offByOne = join(dir, 'oob.s');
writeFileSync(offByOne, `r1 = 0
*(u32 *)(r10 - 4) = r1
r2 = r10
r2 += -4
r1 = arr ll
call 1
if r0 == 0 goto out
r1 = *(u64 *)(r0 + 0)
if r1 > 57 goto out
r0 += r1
r1 = *(u64 *)(r0 + 0)
out:
r0 = 2
exit
`);
const ok = join(dir, 'ok.s');
writeFileSync(ok, 'r0 = 2\nexit\n');
const corpus = join(import.meta.dirname, '..', 'verifier', 'testdata', 'corpus');

describe('verify command', () => {
  it('prints one JSON line per file and exits 1 when one is rejected', async () => {
    const c = capture();
    const code = await main(['verify', ok, offByOne, '--type', 'xdp', '--map', 'arr:array:4:64:1', '--json'], c.io);
    expect(code).toBe(1);
    expect(c.out).toHaveLength(2);
    const [a, b] = c.out.map((l) => JSON.parse(l));
    expect(Object.keys(a)).toEqual(['file', 'accepted', 'error', 'processed', 'log']);
    expect(a).toMatchObject({ accepted: true, error: null, processed: 2 });
    // regs/scalar_off_by_one.golden.json (Linux 6.18): same program, same answer.
    expect(b).toMatchObject({ accepted: false, error: 'invalid access to map value, value_size=64 off=57 size=8', processed: 11 });
  });
  it('exits 0 when all are accepted and reads raw .bin files', async () => {
    const c = capture();
    const code = await main(['verify', join(corpus, 'regs', 'ptr_neg.bin'), '--type', 'xdp'], c.io);
    expect(code).toBe(0);
    expect(c.out.join('\n')).toMatch(/processed 4 insns/);
  });
  it('bad input: unknown map name, unknown type, missing file — exit 2 with one line', async () => {
    for (const args of [
      ['verify', offByOne, '--type', 'xdp'],
      ['verify', ok, '--type', 'nonsense'],
      ['verify', join(dir, 'missing.bin'), '--type', 'xdp'],
    ]) {
      const c = capture();
      expect(await main(args, c.io)).toBe(2);
      expect(c.err.length).toBeGreaterThanOrEqual(1);
      expect(c.err.join('\n')).not.toMatch(/\n\s+at /);
    }
  });
});
