// Differential runs inside the simulated kernel (real helpers, maps, context rewrite), for every
// program the 6.18 kernel accepted in the verifier corpus (src/verifier/testdata/corpus) whose
// type the runtime can test-run (XDP, tc, socket filter, cgroup_skb with a UDP packet; raw
// tracepoints with an argument array), and every C example (examples/*/prog.c) of those types:
// the reference interpreter, the fast engine in checked mode and the fast engine in
// verifier-proved mode (the kernel / our verifier accepted them) must give the same outcome
// (retval, steps, oops, trace_pipe, events, output packet) and the same map contents, run after
// run. The interpreter is the oracle here; the kernel goldens of these programs are checked by
// src/verifier and src/kernel.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/driver.ts';
import { decodeInsns } from '../../isa/insn.ts';
import { createKernel, type Kernel, type LoadedProgram, type RunOutcome } from '../../kernel/run/kernel.ts';
import { indexMapRefs, linkProgram, loadObject, objectMaps } from '../../kernel/run/object.ts';
import { progTypeForSection } from '../../kernel/progtypes/progTypes.ts';
import { verify } from '../../verifier/index.ts';
import type { MapSpec } from '../../kernel/maps/index.ts';
import { parseHeader } from '../../verifier/testdata/corpus.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CORPUS = join(ROOT, 'src/verifier/testdata/corpus');
const EXAMPLES = join(ROOT, 'examples');
const UDP = Uint8Array.from('02000000000202000000000108004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000'.match(/../g)!.map((h) => parseInt(h, 16)));
const PACKET_TYPES = new Set(['xdp', 'sched_cls', 'sched_act', 'socket_filter', 'cgroup_skb']);
const RAW_TP_ARGS = Uint8Array.from({ length: 48 }, (_, k) => (k * 37 + 11) & 0xff);

type Engine = 'ref' | 'fast' | 'proven';
/** Reference runs that ended cleanly / with an oops or a test-run error (so the comparison is not vacuous). */
const tally = { clean: 0, stopped: 0 };

/** Run `make()`'s program twice per engine in fresh kernels; list every difference from the interpreter. */
function compareInKernel(make: (verified: boolean) => { k: Kernel; prog: LoadedProgram } | string, rawTp: boolean): string[] {
  const runs: Record<Engine, { outs: RunOutcome[]; maps: unknown[] }> = {} as never;
  for (const engine of ['ref', 'fast', 'proven'] as Engine[]) {
    const m = make(engine === 'proven');
    if (typeof m === 'string') return [`cannot load: ${m}`];
    const outs: RunOutcome[] = [];
    const maps: unknown[] = [];
    for (let n = 0; n < 2; n++) {
      const o = m.k.run(m.prog, { ...(rawTp ? { ctx: RAW_TP_ARGS } : { packet: UDP }), budget: 200_000, cpu: n, engine: engine === 'ref' ? 'ref' : 'fast' });
      outs.push(o);
      if (engine === 'ref') (o.oops || o.error ? tally.stopped++ : tally.clean++);
      maps.push(m.k.dumpMaps());
    }
    runs[engine] = { outs, maps };
  }
  const diffs: string[] = [];
  const show = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? v.toString(16) : v instanceof Uint8Array ? Array.from(v).join(',') : v));
  for (const engine of ['fast', 'proven'] as Engine[]) {
    for (let n = 0; n < 2; n++) {
      const a = show(runs.ref.outs[n]), b = show(runs[engine].outs[n]);
      if (a !== b) diffs.push(`${engine} run ${n}: ${a}\n  vs ${b}`);
      const ma = show(runs.ref.maps[n]), mb = show(runs[engine].maps[n]);
      if (ma !== mb) diffs.push(`${engine} maps after run ${n}: ${ma}\n  vs ${mb}`);
    }
  }
  return diffs;
}

describe('verifier corpus (kernel-accepted) in the simulated kernel, both engines', () => {
  const cases: Array<{ name: string; type: string; maps: string[] }> = [];
  if (existsSync(CORPUS)) {
    for (const g of readdirSync(CORPUS).sort()) {
      for (const f of readdirSync(join(CORPUS, g)).sort()) {
        if (!f.endsWith('.golden.json')) continue;
        const base = join(g, f.slice(0, -'.golden.json'.length));
        const golden = JSON.parse(readFileSync(join(CORPUS, base + '.golden.json'), 'utf8')) as { accepted?: boolean };
        if (!golden.accepted || !existsSync(join(CORPUS, base + '.bin'))) continue;
        const hdr = parseHeader(base, readFileSync(join(CORPUS, base + '.s'), 'utf8')).value;
        if (!hdr || !(PACKET_TYPES.has(hdr.type) || hdr.type === 'raw_tracepoint')) continue;
        cases.push({ name: base, type: hdr.type, maps: hdr.maps.map((m) => m.spec) });
      }
    }
  }
  it.skipIf(cases.length === 0)('every runnable accepted program agrees (checked and proved mode)', () => {
    const failures: string[] = [];
    for (const c of cases) {
      const { insns } = decodeInsns(readFileSync(join(CORPUS, c.name + '.bin')));
      const make = (verified: boolean) => {
        const k = createKernel({ seed: 5, cpus: 2 });
        for (const spec of c.maps) {
          const [name, type, key, value, max, flags] = spec.split(':');
          const ms = { name, type: /^\d+$/.test(type) ? Number(type) : type, keySize: Number(key), valueSize: Number(value), maxEntries: Number(max), flags: flags ? Number(flags) : undefined } as MapSpec;
          const r = k.createMap(ms);
          if (!r.ok) return r.message;
        }
        const l = k.load(insns, { type: c.type, verified });
        return l.ok ? { k, prog: l.prog } : l.message;
      };
      const d = compareInKernel(make, c.type === 'raw_tracepoint');
      if (d.length) failures.push(`${c.name}:\n${d.join('\n')}`);
    }
    console.log(`runtime corpus: ${cases.length} accepted programs run on both engines, 3 ways; reference runs: ${JSON.stringify(tally)}`);
    expect(tally.clean).toBeGreaterThan(300);
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(50);
  }, 120_000);
});

describe('C examples in the simulated kernel, both engines', () => {
  const dirs = existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter((d) => existsSync(join(EXAMPLES, d, 'prog.c'))).sort() : [];
  it.skipIf(dirs.length === 0).each(dirs)('%s', (dir) => {
    const text = readFileSync(join(EXAMPLES, dir, 'prog.c'), 'utf8');
    const type = /@prog:\s*(\S+)/.exec(text)?.[1] ?? 'xdp';
    const c = compile({ 'prog.c': text }, 'prog.c');
    expect(c.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const rawTp = type === 'raw_tracepoint' || type === 'raw_tp';
    if (!c.object || !(PACKET_TYPES.has(type) || ['tc', 'socket', 'xdp'].includes(type) || rawTp)) {
      console.log(`${dir}: @prog ${type} is not test-run by the kernel runtime (compiled only)`);
      return;
    }
    // Proved mode only when our verifier accepts the example (as the playground would run it).
    const obj = c.object;
    const linked = linkProgram(obj.programs[0]);
    const om = objectMaps(obj);
    const idx = indexMapRefs(linked.insns, linked.relocs, om.map((m) => m.spec.name));
    const progType = progTypeForSection(obj.programs[0].section)?.type;
    const accepted = idx.ok && progType !== undefined && verify(idx.insns, {
      progType, maps: om.map((m) => ({ name: m.spec.name, type: m.typeName, keySize: m.spec.keySize, valueSize: m.spec.valueSize, maxEntries: m.spec.maxEntries })),
    }).accepted;
    const make = (verified: boolean) => {
      const k = createKernel({ seed: 5, cpus: 2 });
      const l = loadObject(k, obj);
      if (!l.ok) return l.message;
      const prog = [...l.programs.values()][0];
      if (!verified || !accepted) return { k, prog };
      // loadObject loads without a verdict; the proved-mode kernel loads the same program again, as verified.
      const again = k.load(linked.insns, { type: prog.type, relocs: linked.relocs, verified: true });
      return again.ok ? { k, prog: again.prog } : again.message;
    };
    expect(compareInKernel(make, rawTp)).toEqual([]);
  });
});
