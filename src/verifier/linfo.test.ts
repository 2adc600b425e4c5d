/**
 * Source-line comments (`; text @ file:line`) in the verifier log against Linux 6.18: the C programs
 * of testdata-linfo/ (small ones plus copies of examples/) were compiled by clang-19 -g and loaded
 * with their BTF line_info by kernel_oracle.py (record.py). We verify the same linked bytecode with
 * the same line_info records and compare the whole level-1 log (map addresses and the timing masked),
 * the sequence of instruction and comment lines of the level-2 log, and the verdict, first complaint
 * and processed count.
 * The callback corpus (testdata-callbacks/) is compared with its source-line comments too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeInsns } from '../isa/insn.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { parseMapSpec } from './corpusRun.ts';
import { verify } from './index.ts';
import { lineInfoRecords, type VerifierLineInfo } from './linfo.ts';

interface Golden {
  type: string; accepted: boolean; error: string | null; processed: number; maps: string[]; log1: string; log2: string;
  lineInfo?: VerifierLineInfo[];
}

/**
 * Level 2 projected on what line info changes: the comment lines and the instruction lines (without
 * their state tails), in order. (mark_precise and stack-liveness lines are not printed by us at
 * level 2, which moves where state tails go; that is not about line info.)
 */
const insnsAndComments = (log: string): string[] => log.split('\n').filter((l) => l.startsWith('; ') || /^\d+: \(/.test(l))
  .map((l) => (l.startsWith('; ') ? l : l.replace(/\s+;.*$/, '')));

const mask = (log: string): string => log.replace(/0xffff888[0-9a-f]{9}/g, 'ADDR').replace(/verification time \d+ usec/g, 'verification time N usec');

function load(dir: string, name: string) {
  const g = JSON.parse(readFileSync(join(dir, `${name}.golden.json`), 'utf8')) as Golden;
  const { insns } = decodeInsns(new Uint8Array(readFileSync(join(dir, `${name}.bin`))));
  return { g, insns };
}

const names = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.golden.json')).map((f) => f.slice(0, -'.golden.json'.length)).sort();

const LDIR = join(import.meta.dirname, 'testdata-linfo');

/** Level-2 logs whose instruction/comment sequence differs from the kernel's, with the reason. */
const LOG2_KNOWN_DIFF: Record<string, string> = {};

describe('source-line comments against 6.18 goldens (testdata-linfo)', () => {
  const all = names(LDIR);
  it('has at least 10 recorded programs, each with line info', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const n of all) expect(load(LDIR, n).g.lineInfo?.length).toBeGreaterThan(0);
  });
  for (const name of all) {
    it(name, () => {
      const { g, insns } = load(LDIR, name);
      const opts = { progType: g.type as ProgTypeName, maps: g.maps.map(parseMapSpec), funcInfo: true, lineInfo: g.lineInfo };
      const r1 = verify(insns, { ...opts, logLevel: 1 });
      expect({ accepted: r1.accepted, error: r1.error, processed: r1.processed }).toEqual({ accepted: g.accepted, error: g.error, processed: g.processed });
      expect(mask(r1.log)).toBe(mask(g.log1));
      if (!LOG2_KNOWN_DIFF[name]) expect(insnsAndComments(mask(verify(insns, { ...opts, logLevel: 2 }).log))).toEqual(insnsAndComments(mask(g.log2)));
    });
  }
});

describe('callback corpus with its source-line comments (testdata-callbacks)', () => {
  const CDIR = join(import.meta.dirname, 'testdata-callbacks');
  for (const name of names(CDIR)) {
    it(name, () => {
      const { g, insns } = load(CDIR, name);
      // these goldens predate the lineInfo field: the records come from the .c the object was built
      // from (one function per line there), matched to the `; ... @ file:line` lines of the log
      const src = readFileSync(join(CDIR, `${name}.c`), 'utf8').split('\n');
      const recs: VerifierLineInfo[] = [];
      for (const m of g.log2.matchAll(/^; (.*) @ ([^:\n]+):(\d+)\n(\d+): \(/gm)) {
        const insn = Number(m[4]);
        if (!recs.some((x) => x.insn === insn)) recs.push({ insn, file: `/x/${m[2]}`, line: Number(m[3]), text: src[Number(m[3]) - 1] });
      }
      expect(recs.length).toBeGreaterThan(0);
      const r = verify(insns, { progType: g.type as ProgTypeName, maps: g.maps.map(parseMapSpec), logLevel: 1, funcInfo: true, lineInfo: recs });
      expect(mask(r.log)).toBe(mask(g.log1));
    });
  }
});

describe('lineInfoRecords', () => {
  it('makes one record per change of file or line, with text from the source', () => {
    const per = [
      { file: 'a.c', line: 3, col: 5 }, { file: 'a.c', line: 3, col: 9 }, { file: '', line: 0, col: 0 },
      { file: 'a.c', line: 4, col: 1 }, { file: 'b.h', line: 4, col: 1, text: 'x' },
    ];
    const recs = lineInfoRecords(per, (f) => (f === 'a.c' ? 'l1\nl2\n  int y = 1;\r\nreturn y;' : undefined));
    expect(recs).toEqual([
      { insn: 0, file: 'a.c', line: 3, col: 5, text: '  int y = 1;' },
      { insn: 3, file: 'a.c', line: 4, col: 1, text: 'return y;' },
      { insn: 4, file: 'b.h', line: 4, col: 1, text: 'x' },
    ]);
  });
  it('prints nothing before the first record and ignores records past the end', () => {
    const { g, insns } = load(LDIR, 'map_null_bad');
    const late = (g.lineInfo ?? []).filter((x) => x.insn >= 4).concat([{ insn: 999, file: 'z.c', line: 1, text: 'zzz' }]);
    const r = verify(insns, { progType: 'xdp', maps: g.maps.map(parseMapSpec), logLevel: 1, lineInfo: late });
    const lines = r.log.split('\n');
    expect(lines.filter((l) => l.startsWith('; '))).toEqual(['; __u64 *v = bpf_map_lookup_elem(&counts, &key); @ map_null_bad.c:15', '; *v += 1; @ map_null_bad.c:17']);
    expect(lines.indexOf('; *v += 1; @ map_null_bad.c:17') + 1).toBe(lines.findIndex((l) => l.startsWith('7: (79)')));
  });
});
