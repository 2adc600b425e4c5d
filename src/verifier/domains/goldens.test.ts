// The scalar domain against the real Linux 6.18 kernel: testdata/scalar-goldens.json holds, for
// each program record.ts loaded into this machine's kernel, the level-2 log lines with register
// state. Replaying the same walk through our domain must print every scalar register exactly
// as the kernel did (ids and precision marks are copied from the kernel's text; everything
// else — bounds, tnum, constant folding, branch decisions — must come out of the domain).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeInsns } from '../../isa/insn.ts';
import { type GoldenFile, type Mismatch, caseLog, parseLog, replay } from './replay.ts';

const doc = JSON.parse(readFileSync(new URL('./testdata/scalar-goldens.json', import.meta.url), 'utf8')) as GoldenFile;

function run(c: GoldenFile['cases'][number]): { compared: number; mismatches: Mismatch[]; error?: string } {
  const { insns } = decodeInsns(new Uint8Array(Buffer.from(c.hex, 'hex')));
  return replay(insns, parseLog(caseLog(doc, c).join('\n')));
}

/** Families of cases (the name's first word) and how many each must have. */
const FAMILIES: Record<string, number> = {
  alu: 400,
  neg: 40,
  jmp: 400,
  movsx64: 60,
  movsx32: 40,
  mov32: 20,
  end: 60,
  fill: 120,
  mul: 100,
  sparse: 100,
  target: 40,
  linked: 50,
  mix: 200,
  mix2: 250,
  mix3: 250,
};

describe('scalar goldens from the real kernel', () => {
  it('cover every family of operations', () => {
    const count: Record<string, number> = {};
    for (const c of doc.cases) {
      const f = c.name.split(' ')[0];
      count[f] = (count[f] ?? 0) + 1;
    }
    for (const [f, n] of Object.entries(FAMILIES)) expect(count[f] ?? 0, f).toBeGreaterThanOrEqual(n);
    expect(doc.cases.every((c) => c.accepted)).toBe(true);
  });

  for (const family of Object.keys(FAMILIES)) {
    it(`${family}: every register text matches`, () => {
      const cases = doc.cases.filter((c) => c.name.split(' ')[0] === family);
      let compared = 0;
      const problems: string[] = [];
      for (const c of cases) {
        const r = run(c);
        compared += r.compared;
        if (r.error) problems.push(`${c.name}: replay error: ${r.error}`);
        for (const m of r.mismatches) problems.push(`${c.name}: pc ${m.pc} ${m.reg}\n  kernel ${m.kernel}\n  ours   ${m.ours}`);
      }
      expect(problems.slice(0, 10)).toEqual([]);
      // Each case prints several scalars; make sure the comparison is not vacuous.
      expect(compared).toBeGreaterThan(cases.length * 3);
    });
  }
});
