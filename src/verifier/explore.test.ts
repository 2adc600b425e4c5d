/**
 * The explored-state tree (verify(..., { explore: true })) against the real kernel's level-2 logs
 * in testdata/corpus: one node per processed instruction, a 'branch' node for every
 * `from X to Y:` line with the same full state text, a pruned node for every `safe` line, pruning
 * pointing at a checkpoint of the same instruction, and nothing recorded when not asked for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeInsns } from '../isa/insn.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { corpusDir, parseMapSpec } from './corpusRun.ts';
import { verify, type ExploredNode } from './index.ts';
import { parseHeader, type Golden } from './testdata/corpus.ts';

interface Case { name: string; golden: Golden; insns: ReturnType<typeof decodeInsns>['insns']; type: ProgTypeName; maps: string[] }

function cases(): Case[] {
  const out: Case[] = [];
  const dir = corpusDir();
  for (const group of readdirSync(dir).sort()) {
    for (const f of readdirSync(join(dir, group)).sort()) {
      if (!f.endsWith('.golden.json')) continue;
      const base = f.slice(0, -'.golden.json'.length);
      const g = JSON.parse(readFileSync(join(dir, group, f), 'utf8')) as Golden;
      // accepted, branching, pruning, single-frame programs with an uncapped level-2 log
      if (!g.accepted || !/^from \d+ to \d+:/m.test(g.log2) || !/: safe$/m.test(g.log2) || /frame1/.test(g.log2) || g.log2.length > 20000) continue;
      const hdr = parseHeader(base, readFileSync(join(dir, group, `${base}.s`), 'utf8')).value!;
      const { insns } = decodeInsns(new Uint8Array(readFileSync(join(dir, group, `${base}.bin`))));
      out.push({ name: `${group}/${base}`, golden: g, insns, type: hdr.type as ProgTypeName, maps: hdr.maps.map((m) => m.spec) });
    }
  }
  return out;
}

function stateText(n: ExploredNode): string {
  const f = n.frames[n.curframe];
  let t = '';
  f.regs.forEach((r, i) => { if (r) t += ` R${i}=${r.text}`; });
  for (const s of [...f.stack].sort((a, b) => b.off - a.off)) t += ` fp${s.off}=${s.text}`;
  if (n.refs.length) t += ` refs=${n.refs.join(',')}`;
  return t;
}

const mask = (s: string): string => s.replace(/0xffff888[0-9a-f]{9}/g, 'ADDR');

describe('explored-state tree', () => {
  const all = cases();
  it('the corpus has branching, pruned programs to check against', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
  });
  for (const c of all) {
    it(`${c.name}: nodes, branches and prunes match the kernel's level-2 log`, () => {
      const r = verify(c.insns, { progType: c.type, maps: c.maps.map(parseMapSpec), logLevel: 1, explore: true });
      expect(r.accepted).toBe(true);
      const t = r.explored!;
      expect(t.truncated).toBe(false);
      expect(t.nodes.length).toBe(c.golden.processed);
      const lines = c.golden.log2.split('\n');
      const froms = lines.filter((l) => /^from \d+ to \d+:/.test(l));
      const safes = lines.filter((l) => /^(from \d+ to )?\d+: safe$/.test(l));
      const branches = t.nodes.filter((n) => n.edge === 'branch');
      expect(branches.length).toBe(froms.length);
      expect(t.nodes.filter((n) => n.pruned).length).toBe(safes.length);
      froms.forEach((l, i) => {
        const m = /^from (\d+) to (\d+):(.*)$/.exec(l)!;
        const n = branches[i];
        expect(n.insn).toBe(Number(m[2]));
        expect(t.nodes[n.parent].insn).toBe(Number(m[1]));
        if (m[3] !== ' safe') expect(mask(stateText(n))).toBe(mask(m[3]));
      });
      t.nodes.forEach((n, k) => {
        expect(n.parent).toBeLessThan(k);
        expect(t.byInsn[n.insn]).toContain(k);
        if (n.pruned && n.prunedBy >= 0) {
          expect(t.nodes[n.prunedBy].insn).toBe(n.insn);
          expect(t.nodes[n.prunedBy].checkpoint).toBe(true);
        }
      });
      expect(stateText(t.nodes[0])).toBe(' R1=ctx() R10=fp0');
    });
  }
  it('light mode records the same walk (insn, parent, edge, checkpoints, pruning) without the states', () => {
    for (const c of all) {
      const opts = { progType: c.type, maps: c.maps.map(parseMapSpec), logLevel: 1 as const };
      const full = verify(c.insns, { ...opts, explore: true }).explored!;
      const light = verify(c.insns, { ...opts, explore: { light: true } }).explored!;
      const shape = (n: ExploredNode) => [n.insn, n.parent, n.edge, n.checkpoint, n.pruned, n.prunedBy, n.curframe, n.speculative];
      expect(light.nodes.map(shape)).toEqual(full.nodes.map(shape));
      expect(light.byInsn).toEqual(full.byInsn);
      expect(light.nodes.every((n) => n.frames.length === 0 && n.refs.length === 0)).toBe(true);
      // the kernel's count of processed insns is still one node each
      expect(light.nodes.length).toBe(c.golden.processed);
    }
  });
  it('is not recorded unless asked for', () => {
    const c = all[0];
    const r = verify(c.insns, { progType: c.type, maps: c.maps.map(parseMapSpec), logLevel: 1 });
    expect(r.explored).toBeUndefined();
  });
  it('gives bounds and tnum of scalars as decimal/hex strings', () => {
    // r0 = 5; r0 &= 7 (known), exit — state before insn 1 has R0=5
    const insns = [
      { code: 0xb7, dst: 0, src: 0, off: 0, imm: 5 },
      { code: 0x57, dst: 0, src: 0, off: 0, imm: 7 },
      { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
    ];
    const r = verify(insns, { progType: 'xdp', explore: true });
    const r0 = r.explored!.nodes[1].frames[0].regs[0]!;
    expect(r0.type).toBe('scalar');
    expect(r0.text).toBe('5');
    expect(r0.scalar).toMatchObject({ smin: '5', smax: '5', umin: '5', umax: '5', tnumValue: '0x5', tnumMask: '0x0' });
    expect(r.explored!.nodes.map((n) => n.edge)).toEqual(['entry', 'fallthrough', 'fallthrough']);
  });
});
