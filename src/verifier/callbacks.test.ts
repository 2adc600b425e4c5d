/**
 * Callbacks (bpf_loop, bpf_for_each_map_elem) against Linux 6.18: the C programs of
 * testdata-callbacks/ compiled by clang-19 with BTF and loaded with func_info by kernel_oracle.py
 * (record.py); we verify the same linked bytecode with `funcInfo: true`. Compared: verdict, first
 * complaint line, processed count, and the level-1 log without the kernel's source-line comments
 * (linfo.test.ts compares these logs with their comments, given line info). Without func_info the
 * kernel refuses callbacks ("missing btf func_info").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeInsns } from '../isa/insn.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { parseMapSpec } from './corpusRun.ts';
import { verify } from './index.ts';

interface Golden { type: string; accepted: boolean; error: string | null; processed: number; maps: string[]; log1: string; log2: string }
const DIR = join(import.meta.dirname, 'testdata-callbacks');
const NAMES = readdirSync(DIR).filter((f) => f.endsWith('.golden.json')).map((f) => f.slice(0, -'.golden.json'.length)).sort();

/** Level-1 logs we do not reproduce byte for byte yet, with the reason. */
const LOG_KNOWN_DIFF: Record<string, string> = {};

const mask = (log: string): string => log.split('\n').filter((l) => !l.startsWith('; ')).join('\n')
  .replace(/0xffff888[0-9a-f]{9}/g, 'ADDR').replace(/verification time \d+ usec/g, 'verification time N usec');

function run(name: string, funcInfo = true, logLevel: 0 | 1 | 2 = 1) {
  const g = JSON.parse(readFileSync(join(DIR, `${name}.golden.json`), 'utf8')) as Golden;
  const { insns } = decodeInsns(new Uint8Array(readFileSync(join(DIR, `${name}.bin`))));
  return { g, r: verify(insns, { progType: g.type as ProgTypeName, maps: g.maps.map(parseMapSpec), logLevel, funcInfo }) };
}

describe('callbacks against 6.18 goldens', () => {
  it('has recorded cases', () => expect(NAMES.length).toBeGreaterThanOrEqual(7));
  for (const name of NAMES) {
    it(name, () => {
      const { g, r } = run(name);
      expect({ accepted: r.accepted, error: r.error, processed: r.processed }).toEqual({ accepted: g.accepted, error: g.error, processed: g.processed });
      if (!LOG_KNOWN_DIFF[name]) expect(mask(r.log)).toBe(mask(g.log1));
    });
  }
  it('without func_info the same programs are refused as the kernel refuses them', () => {
    const { r } = run('loop_sum_ok', false);
    expect(r.accepted).toBe(false);
    expect(r.error).toBe('missing btf func_info');
  });
});
