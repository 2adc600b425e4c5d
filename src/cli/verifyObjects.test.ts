/**
 * `verify` on real objects: clang-19's `.o` files (src/elf/testdata) and our compiler's C corpus
 * (src/compiler/testdata/corpus), against the verdicts the Linux 6.18 kernel gave for the same
 * programs (recorded in their goldens). Never a false accept; the false rejects are exactly the
 * listed, not-yet-modelled features (shrink the list as they land).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type Io } from './main.ts';

const KNOWN_FALSE_REJECTS: Record<string, string> = {
  'tp_sched_exec.c': 'tracepoint context: record fields past the common header (off >= 8), not modelled yet',
  'tp_sched_switch.c': 'tracepoint context: record fields past the common header (off >= 8), not modelled yet',
  'kprobe_ksym_kfunc.c': 'kfunc calls and __ksym addresses: no kernel BTF in this verifier',
};

async function verifyJson(file: string) {
  return verifyJsonFull(file) as Promise<{ code: number; r: { accepted: boolean; error: string | null } }>;
}

async function verifyJsonFull(file: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: () => {} };
  const code = await main(['verify', file, '--json'], io);
  expect(err).toEqual([]);
  return { code, r: JSON.parse(out[0]) as { accepted: boolean; error: string | null; processed: number; log: string } };
}

function cases(): Array<{ file: string; kernelAccepted: boolean; kernelError: string | null }> {
  const out: Array<{ file: string; kernelAccepted: boolean; kernelError: string | null }> = [];
  const E = 'src/elf/testdata';
  for (const f of readdirSync(E).filter((x) => x.endsWith('.golden.json'))) {
    const g = JSON.parse(readFileSync(`${E}/${f}`, 'utf8'));
    const v = g.kernel?.original?.[0]?.verify;
    if (!v || typeof v.accepted !== 'boolean') continue; // the oracle could not load it (map-in-map)
    out.push({ file: `${E}/${f.replace('.golden.json', '.o')}`, kernelAccepted: v.accepted, kernelError: v.error?.[0] ?? null });
  }
  const C = 'src/compiler/testdata/corpus';
  for (const f of readdirSync(C).filter((x) => x.endsWith('.golden.json'))) {
    const g = JSON.parse(readFileSync(`${C}/${f}`, 'utf8'));
    if (g.unavailable) continue; // this kernel refused it before verifying: no verdict to agree with
    out.push({ file: `${C}/${f.replace('.golden.json', '.c')}`, kernelAccepted: g.ours.accepted, kernelError: g.ours.error });
  }
  return out;
}

describe('verify agrees with the 6.18 kernel on real objects', () => {
  const all = cases();
  it('has the corpora', () => expect(all.length).toBeGreaterThanOrEqual(55));
  for (const c of all) {
    const name = c.file.split('/').pop()!;
    it(name, async () => {
      const { code, r } = await verifyJson(c.file);
      if (!c.kernelAccepted) {
        expect(r.accepted).toBe(false); // never a false accept
        expect(code).toBe(1);
      } else if (KNOWN_FALSE_REJECTS[name]) {
        expect(r.accepted, `${name} now verifies: remove it from KNOWN_FALSE_REJECTS`).toBe(false);
      } else {
        expect(r.error).toBeNull();
        expect(r.accepted).toBe(true);
      }
    });
  }
});

/**
 * Whole objects as libbpf loads them (bpftool -d prog load; src/verifier/testdata-objects/record.py):
 * bpf_loop / bpf_for_each_map_elem callbacks, map-in-map lookups (the inner map as map_ptr),
 * global functions verified on their own. Verdict, complaint and the kernel's statistics line
 * (processed insns, max_states_per_insn, total/peak states) must be the kernel's.
 */
describe('verify matches the kernel on whole objects (testdata-objects)', () => {
  const g = JSON.parse(readFileSync('src/verifier/testdata-objects/objects.golden.json', 'utf8')) as {
    objects: Record<string, { object: string; accepted: boolean; error: string | null; stats: string }>;
  };
  for (const [name, k] of Object.entries(g.objects)) {
    it(name, async () => {
      const t0 = performance.now();
      const { r } = await verifyJsonFull(k.object);
      expect(performance.now() - t0).toBeLessThan(5000); // callbacks converge: no 8193-jump walk
      expect({ accepted: r.accepted, error: r.error }).toEqual({ accepted: k.accepted, error: k.error });
      expect(r.log.split('\n').find((l) => l.startsWith('processed '))).toBe(k.stats);
    });
  }
});
