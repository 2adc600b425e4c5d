/**
 * Level-2 logs against the kernel's (testdata/corpus goldens' `log2`): the programs whose kernel
 * log shows precision backtracking (`mark_precise:` / `frame N: propagating` lines). Prints how
 * many of them are identical and ratchets that figure; a sample of exact matches is pinned.
 * What still differs is known: the 6.18 stack-liveness lines (`(0) frame 0 insn N +live -8`),
 * SCC lines and walks through bpf-to-bpf calls (their mark_precise lines are not printed yet).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeInsns } from '../isa/insn.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { corpusDir, maskLog, parseMapSpec } from './corpusRun.ts';
import { verify } from './index.ts';
import { CAP_MARKER, parseHeader } from './testdata/corpus.ts';

// 2026-11-22: 192 uncapped programs with backtracking lines; 0 identical before the lines were
// printed, 112 after (single-frame walks).
const FLOOR = 112;
const PINNED = ['pkt/c_cgskb_read_ok', 'refs/dynptr_local_read_destroyed', 'regs/two_unknowns_compare', 'pkt/c_xdp_vlan'];

function level2(group: string, base: string): { ours: string; kernel: string } | undefined {
  const dir = corpusDir();
  const g = JSON.parse(readFileSync(join(dir, group, `${base}.golden.json`), 'utf8'));
  if (!g.log2 || CAP_MARKER.test(g.log2) || !/^mark_precise: /m.test(g.log2)) return undefined;
  const hdr = parseHeader(`${group}/${base}`, readFileSync(join(dir, group, `${base}.s`), 'utf8')).value;
  if (!hdr) return undefined;
  const { insns } = decodeInsns(new Uint8Array(readFileSync(join(dir, group, `${base}.bin`))));
  const r = verify(insns, { progType: hdr.type as ProgTypeName, maps: hdr.maps.map((m) => parseMapSpec(m.spec)), logLevel: 2, stateTexts: false });
  return { ours: maskLog(r.log).trimEnd(), kernel: maskLog(g.log2).trimEnd() };
}

describe('level-2 logs with precision backtracking (Linux 6.18 goldens)', () => {
  it('prints the kernel mark_precise lines', () => {
    let n = 0;
    let same = 0;
    for (const group of readdirSync(corpusDir()).sort()) {
      for (const f of readdirSync(join(corpusDir(), group)).sort()) {
        if (!f.endsWith('.golden.json')) continue;
        const c = level2(group, f.slice(0, -'.golden.json'.length));
        if (!c) continue;
        n++;
        if (c.ours === c.kernel) same++;
      }
    }
    if (n === 0) return; // corpus not recorded in this checkout
    console.log(`level-2 logs with mark_precise lines: ${same}/${n} identical`);
    expect(same).toBeGreaterThanOrEqual(FLOOR);
  }, 600_000);
  for (const name of PINNED) {
    it(name, () => {
      const [group, base] = name.split('/');
      const c = level2(group, base);
      expect(c, `${name}: no uncapped level-2 golden with mark_precise lines`).toBeDefined();
      expect(c!.ours).toBe(c!.kernel);
    });
  }
});
