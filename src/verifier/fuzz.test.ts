/**
 * Verifier soundness fuzz: mutate the corpus's accepted XDP/TC/socket programs (one random field of
 * one or two instructions), and whatever our verifier accepts must run in the reference VM
 * (src/kernel/run, BPF_PROG_TEST_RUN semantics) on a few packets without a fault; and whatever
 * the unprivileged rules accept, the privileged verifier accepts too.
 * Fixed seed; VERIFIER_FUZZ_N raises the count (the longer `npm run fuzz` run).
 */
import { describe, expect, it } from 'vitest';
import type { Insn } from '../isa/insn.ts';
import { decodeInsns } from '../isa/insn.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKernel } from '../kernel/run/index.ts';
import { parseMapSpec as kParse } from '../kernel/maps/index.ts';
import { corpusDir, runCorpus } from './corpusRun.ts';
import { parseHeader } from './testdata/corpus.ts';
import { verify } from './index.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';

const N = Number(process.env.VERIFIER_FUZZ_N ?? 300);
const TYPES = new Set(['xdp', 'sched_cls', 'socket_filter']);

function packets(): Uint8Array[] {
  const eth = (len: number, fill: number): Uint8Array => {
    const p = new Uint8Array(len).fill(fill);
    p[12] = 0x08; p[13] = 0x00; p[14] = 0x45;
    return p;
  };
  return [eth(14, 0), eth(64, 0xff), eth(128, 0x11)];
}

describe('verifier soundness fuzz', () => {
  it(`accepted mutants run without a fault (${N} mutants)`, () => {
    const seeds = runCorpus((n) => !n.startsWith('loops/') && !n.startsWith('prune/'))
      .filter((r) => r.golden.accepted && r.accepted);
    let s = 0x5eed;
    const rnd = (k: number): number => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s % k; };
    const faults: string[] = [];
    let accepted = 0;
    let tried = 0;
    let unsupported = 0;
    let unprivAccepted = 0;
    for (let k = 0; k < N * 4 && tried < N; k++) {
      const c = seeds[rnd(seeds.length)];
      const base = join(corpusDir(), c.name);
      const hdr = parseHeader(c.name, readFileSync(`${base}.s`, 'utf8')).value!;
      if (!TYPES.has(hdr.type)) continue;
      tried++;
      const insns: Insn[] = decodeInsns(new Uint8Array(readFileSync(`${base}.bin`))).insns.map((i) => ({ ...i }));
      const muts = 1 + rnd(2);
      for (let m = 0; m < muts; m++) {
        const pc = rnd(insns.length);
        const i = insns[pc];
        switch (rnd(5)) {
          case 0: i.off = i.off + rnd(9) - 4; break;
          case 1: i.imm = i.imm + rnd(65) - 32; break;
          case 2: i.dst = rnd(11); break;
          case 3: if (i.code !== 0x18 && i.code !== 0) i.src = rnd(11); break;
          default: insns[pc] = { ...i, code: [0x07, 0x0f, 0x17, 0x1f, 0x61, 0x69, 0x71, 0x79, 0x63, 0x6b, 0x73, 0x7b, 0xb7, 0xbf, 0x25, 0x2d, 0xa5, 0xad][rnd(18)] };
        }
      }
      const specs = hdr.maps.map((m) => m.spec);
      const vmaps = specs.map((x) => { const [name, type, key, value, max] = x.split(':'); return { name, type, keySize: +key, valueSize: +value, maxEntries: +max }; });
      const r = verify(insns, { progType: hdr.type as ProgTypeName, maps: vmaps, logLevel: 0 });
      // The unprivileged rules only add restrictions: what they accept, root must accept too.
      const u = verify(insns, { progType: hdr.type as ProgTypeName, maps: vmaps, logLevel: 0, unprivileged: true });
      if (u.accepted) unprivAccepted++;
      if (u.accepted && !r.accepted) faults.push(`${c.name} mutant: accepted unprivileged but rejected as root (${r.error})`);
      if (!r.accepted) continue;
      accepted++;
      const kern = createKernel({ seed: 1 });
      for (const sp of specs) { const p = kParse(sp); if (p.ok) kern.createMap(p.spec); }
      const l = kern.load(insns, { type: hdr.type });
      if (!l.ok) continue;
      for (const pkt of packets()) {
        const out = kern.run(l.prog, { packet: pkt, budget: 2_000_000 });
        if (out.oops && /not available in this run/.test(out.oops.message)) { unsupported++; break; } // a VM limit, not a fault
        if (out.oops) { faults.push(`${c.name} mutant: ${out.oops.message.split('\n')[0]}`); break; }
      }
    }
    console.log(`verifier fuzz: ${tried} mutants, ${accepted} accepted (${unprivAccepted} also unprivileged), ${faults.length} faulted, ${unsupported} stopped at a helper the VM lacks`);
    expect(faults).toEqual([]);
  }, 600_000);
});
