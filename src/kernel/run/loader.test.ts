/**
 * The loader against libbpf and the kernel: every src/kernel/testdata/clang-objects/X.o (built by
 * clang-19 from X.c) was loaded whole by `bpftool prog loadall` (libbpf: every map, one array map
 * per global data section, prog_array / map-in-map initial values, every program) and run with
 * BPF_PROG_TEST_RUN on CPU 0 (`bpftool prog run`) by record.py; X.golden.json keeps what the kernel
 * said — retvals, data_out, each map's shape and raw contents, the trace_pipe lines. Here our
 * reader (`sections: 'separate'`) and `loadObject` load the same bytes into the simulated kernel,
 * run the same packets in the same order, and every one of those facts must match.
 *
 * Documented differences: libbpf prefixes the plain global maps with the object name
 * (`globals.bss`); ours are `.bss` (custom ones, `.rodata.str1.1`, are named alike). Hash-type
 * dumps are compared as sets (the kernel walks randomly seeded hash buckets), except for maps with
 * BPF_F_ZERO_SEED (`hash_order`), compared in order. prog_array / map-in-map
 * values are kernel ids, so only which slots are filled is compared. Queue and stack maps cannot
 * be dumped: user space popped them empty (compared in pop order); ring buffers were read the way
 * a reader maps them (positions, each record's length, discard bit and bytes — compared, then
 * consumed in order here). The programs also write every helper answer into `.bss`.
 * `legacy_maps` (a legacy `maps` section libbpf 1.x refuses) was recorded with kernel_oracle.py.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readElf } from '../../elf/read.ts';
import { hexOf, PerfEventArrayMap, RingBufMap, type BpfMap } from '../maps/index.ts';
import { createKernel, type Kernel } from './kernel.ts';
import { loadObject } from './object.ts';

const DIR = join(import.meta.dirname, '../testdata/clang-objects');

interface GMap {
  name: string;
  type: string;
  flags: number;
  key_size: number;
  value_size: number;
  max_entries: number;
  entries: { key: string; value: string | string[] | null; lookupError?: boolean }[] | null;
  /** queue / stack: the values user space popped after the runs, in pop order */
  popped?: string[];
  /** ring buffers: what a reader mapping the ring saw after the runs (nobody consumed) */
  ring?: { consumer_pos: number; producer_pos: number; records: { len: number; busy: boolean; discarded: boolean; data: string }[] };
}
interface Golden {
  possibleCpus: string;
  loader: 'bpftool' | 'oracle';
  runs: { prog: string; packet: string; retval: number; data_out: string }[];
  maps: GMap[];
  progs?: string[];
  oracleDump?: { name: string; type: string; entries: { key: unknown; value: unknown }[] }[];
  trace: { cpu: number; flags: string; msg: string }[];
}

const names = readdirSync(DIR).filter((f) => f.endsWith('.golden.json')).map((f) => f.slice(0, -'.golden.json'.length)).sort();
const golden = (n: string): Golden => JSON.parse(readFileSync(join(DIR, `${n}.golden.json`), 'utf8')) as Golden;
const bytesOf = (n: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, `${n}.o`)));
const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
const cpuCount = (possible: string): number =>
  possible.split(',').reduce((n, part) => {
    const [lo, hi] = part.split('-').map(Number);
    return n + (hi === undefined ? 1 : hi - lo + 1);
  }, 0);

/** libbpf's internal map name (`obj.bss`, `.rodata.str1.1`) → ours (`.bss`, `.rodata.str1.1`). */
const ourName = (m: GMap): string => (/^[^.]+\.(bss|data|rodata)$/.test(m.name) ? m.name.slice(m.name.indexOf('.')) : m.name);

const HASHY = new Set(['hash', 'percpu_hash', 'lru_hash', 'lru_percpu_hash', 'hash_of_maps', 'lpm_trie']);

function loaded(n: string): { k: Kernel; progs: Map<string, import('./kernel.ts').LoadedProgram>; g: Golden } {
  const g = golden(n);
  const r = readElf(bytesOf(n), `${n}.o`, { sections: 'separate' });
  expect(r.diagnostics).toEqual([]);
  const k = createKernel({ cpus: cpuCount(g.possibleCpus), seed: 1 });
  const l = loadObject(k, r.object!);
  if (!l.ok) throw new Error(l.message);
  // as recorded: nobody opened perf events for the perf_event_array slots
  for (const m of k.maps) if (m instanceof PerfEventArrayMap) m.setReader(0);
  return { k, progs: l.programs, g };
}

/** The golden's runs in order; ring buffers are left unconsumed (nobody read them in the kernel). */
function runAll(n: string): { k: Kernel; g: Golden; outs: ReturnType<Kernel['run']>[] } {
  const { k, progs, g } = loaded(n);
  const outs = g.runs.map((r) => {
    const p = progs.get(r.prog);
    if (!p) throw new Error(`no program ${r.prog}`);
    return k.run(p, { packet: fromHex(r.packet), cpu: 0, consumeRingbuf: false });
  });
  return { k, g, outs };
}

/**
 * Our dump of `m` in the golden's form (value null for id-valued maps), in get-next-key order
 * (from entries(): a plain object like dumpMap's would list integer-like keys such as '10000000'
 * first, whatever the map's order).
 */
function ours(m: BpfMap, idValued: boolean): { key: string; value: string | string[] | null }[] {
  return m.entries().map((e) => ({ key: hexOf(e.key), value: idValued ? null : Array.isArray(e.value) ? e.value.map(hexOf) : hexOf(e.value) }));
}

/** kernel_oracle.py's decode(): little-endian integer for 1/2/4/8 bytes, else hex. */
function decode(b: Uint8Array): number | string {
  if (![1, 2, 4, 8].includes(b.length)) return hexOf(b);
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

const CLANG = spawnSync('clang-19', ['--version']).status === 0;

describe('the loader corpus (clang-19 objects, recorded from libbpf + the 6.18 kernel)', () => {
  it('has at least 20 objects, every golden with runs', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const n of names) expect(golden(n).runs.length, n).toBeGreaterThan(0);
  });

  it.skipIf(!CLANG)('the committed objects are what clang-19 builds from the sources today', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'loader-corpus-'));
    try {
      for (const n of names) {
        const out = join(tmp, `${n}.o`);
        const r = spawnSync('clang-19', ['-O2', '-g', '-target', 'bpf', '-I/usr/include/x86_64-linux-gnu', `-fdebug-prefix-map=${DIR}=.`, '-c', `${n}.c`, '-o', out], { cwd: DIR });
        expect(r.status, `${n}: ${r.stderr}`).toBe(0);
        expect(hexOf(new Uint8Array(readFileSync(out))) === hexOf(bytesOf(n)), `${n}.o is stale: rebuild it with record.py`).toBe(true);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);

  for (const n of names) {
    describe(n, () => {
      it('loads every program libbpf loaded, and creates maps of the shapes libbpf created', () => {
        const { k, progs, g } = loaded(n);
        if (g.progs) expect([...progs.keys()].sort()).toEqual(g.progs);
        // the same maps, no more (libbpf closes an inner map template once the outer map exists)
        if (g.loader === 'bpftool') expect(k.maps.map((m) => m.name).sort()).toEqual(g.maps.map(ourName).sort());
        for (const gm of g.maps) {
          const m = k.map(ourName(gm));
          expect(m, `map ${gm.name}`).toBeDefined();
          expect({ type: m!.type, flags: m!.flags, key: m!.keySize, value: m!.valueSize, max: m!.maxEntries }, gm.name)
            .toEqual({ type: gm.type, flags: gm.flags, key: gm.key_size, value: gm.value_size, max: gm.max_entries });
        }
      });

      it('runs like BPF_PROG_TEST_RUN: retvals, packets out, trace_pipe', () => {
        const { g, outs } = runAll(n);
        for (let i = 0; i < g.runs.length; i++) {
          const o = outs[i];
          expect(o.oops, `${n} run ${i}`).toBeUndefined();
          expect(o.error, `${n} run ${i}`).toBeUndefined();
          expect(o.retval, `${n} run ${i} (${g.runs[i].prog}) retval`).toBe(g.runs[i].retval);
          if (g.runs[i].data_out) expect(hexOf(o.packetOut ?? new Uint8Array(0)), `${n} run ${i} data_out`).toBe(g.runs[i].data_out);
        }
        const trace = outs.flatMap((o) => o.tracePipe).map((l) => {
          const m = /\[(\d{3})\] (\S{5})\s+\d+\.\d{6}: bpf_trace_printk: ([\s\S]*)$/.exec(l)!;
          return { cpu: Number(m[1]), flags: m[2], msg: m[3] };
        });
        expect(trace).toEqual(g.trace);
      });

      it('leaves the maps as the kernel left them', () => {
        const { k, g } = runAll(n);
        if (g.loader === 'oracle') {
          for (const d of g.oracleDump ?? []) {
            const m = k.map(d.name)!;
            const got = m.entries().map((e) => ({ key: decode(e.key), value: decode(e.value as Uint8Array) }));
            const sort = (xs: { key: unknown }[]) => [...xs].sort((a, b) => String(a.key).localeCompare(String(b.key)));
            expect(sort(got), d.name).toEqual(sort(d.entries));
          }
          return;
        }
        let compared = 0;
        for (const gm of g.maps) {
          if (gm.ring) {
            // positions, every record (length, discard bit, bytes), then what a consumer reads, in order
            const m = k.map(ourName(gm)) as RingBufMap;
            expect({ consumer_pos: m.cons, producer_pos: m.prod, records: m.records().map((r) => ({ ...r, data: hexOf(r.data) })) }, gm.name).toEqual(gm.ring);
            expect(m.consume().map(hexOf), `${gm.name} consumed`).toEqual(gm.ring.records.filter((r) => !r.discarded).map((r) => r.data));
            compared++;
            continue;
          }
          if (gm.popped) {
            const m = k.map(ourName(gm))!;
            const got: string[] = [];
            for (let r = m.userLookupAndDelete(new Uint8Array(0)); r.ok; r = m.userLookupAndDelete(new Uint8Array(0))) got.push(hexOf(r.value as Uint8Array));
            expect(got, `${gm.name} popped`).toEqual(gm.popped);
            compared++;
            continue;
          }
          if (gm.entries === null) continue;
          const m = k.map(ourName(gm))!;
          const idValued = ['prog_array', 'array_of_maps', 'hash_of_maps'].includes(gm.type);
          const want = gm.entries.filter((e) => !e.lookupError).map(({ key, value }) => ({ key, value }));
          const got = ours(m, idValued);
          // hash maps iterate in seeded bucket order: as sets — but BPF_F_ZERO_SEED ones (seed 0) in order
          const sort = (xs: typeof got) => (HASHY.has(gm.type) && !(gm.flags & 64) ? [...xs].sort((a, b) => a.key.localeCompare(b.key)) : xs);
          expect(sort(got), gm.name).toEqual(sort(want));
          compared++;
        }
        expect(compared).toBeGreaterThan(0);
      });
    });
  }
});
