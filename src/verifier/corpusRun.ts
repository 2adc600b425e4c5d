/**
 * Run verify() over the kernel-verdict corpus (testdata/corpus, recorded from Linux 6.18 by
 * scripts/record-verifier-goldens.ts) and compare: verdict, exact first complaint line, processed
 * count. Shared by corpus.test.ts and the bench/dev scripts.
 *
 * Does not: record goldens (the recorder does) or judge logs line by line.
 * Provenance: own code.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { decodeInsns } from '../isa/insn.ts';
import { CAP_MARKER, capLog, parseHeader, type Golden } from './testdata/corpus.ts';
import { verify } from './index.ts';
import type { VerifyMap } from './types.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';

export interface CaseOutcome {
  name: string;
  golden: Golden;
  accepted: boolean;
  error: string | null;
  processed: number;
  log: string;
  ms: number;
}

/** `verification time N usec` glued to a line by a kernel quirk: compare without the number. */
export function normError(e: string | null): string | null {
  return e === null ? null : e.replace(/verification time \d+ usec/, 'verification time N usec');
}

/** A log with what differs per load masked: map addresses and the verification time. */
export function maskLog(log: string): string {
  return log.replace(/0xffff888[0-9a-f]{9}/g, 'ADDR').replace(/verification time \d+ usec/g, 'verification time N usec');
}

/** Our log cut the way the recorder cuts a golden (head + marker + tail), marker counts masked. */
export function comparableLog(ours: string, golden: string): [string, string] {
  const masked = maskLog(golden).replace(CAP_MARKER, '[capped]');
  const capped = CAP_MARKER.test(golden) ? capLog(maskLog(ours)) : maskLog(ours);
  return [capped.replace(CAP_MARKER, '[capped]'), masked];
}

export function parseMapSpec(spec: string): VerifyMap {
  const [name, type, k, v, max] = spec.split(':');
  return { name, type, keySize: Number(k), valueSize: Number(v), maxEntries: Number(max) };
}

export function corpusDir(): string {
  return join(import.meta.dirname, 'testdata', 'corpus');
}

export function runCorpus(filter?: (name: string) => boolean): CaseOutcome[] {
  const dir = corpusDir();
  const out: CaseOutcome[] = [];
  if (!existsSync(dir)) return out;
  for (const group of readdirSync(dir).sort()) {
    const gdir = join(dir, group);
    for (const f of readdirSync(gdir).sort()) {
      if (!f.endsWith('.golden.json')) continue;
      const base = f.slice(0, -'.golden.json'.length);
      const name = `${group}/${base}`;
      if (filter && !filter(name)) continue;
      const golden = JSON.parse(readFileSync(join(gdir, f), 'utf8')) as Golden;
      const src = readFileSync(join(gdir, `${base}.s`), 'utf8');
      const hdr = parseHeader(name, src).value;
      if (!hdr) continue;
      const bytes = new Uint8Array(readFileSync(join(gdir, `${base}.bin`)));
      const { insns } = decodeInsns(bytes);
      const t0 = performance.now();
      const r = verify(insns, { progType: hdr.type as ProgTypeName, maps: hdr.maps.map((m) => parseMapSpec(m.spec)), logLevel: 1, stateTexts: false });
      out.push({ name, golden, accepted: r.accepted, error: r.error, processed: r.processed, log: r.log, ms: performance.now() - t0 });
    }
  }
  return out;
}
