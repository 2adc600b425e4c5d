/**
 * Every example under examples/ is a C program this compiler builds and our verifier accepts
 * (through the command line, as a user runs it), with the header the gallery reads.
 *
 * The basics track (examples 01–04: a first program, a bounded loop over a stack array, reading
 * packet memory, bpf-to-bpf calls) is checked two ways:
 *  - its outcome over its own scenario, against numbers computed here from the scenario's packets
 *    (parsed by hand in this file, independent of the program and of our dissector);
 *  - against the 6.18 kernel: clang-19's build of the same file, verified and test-run on every
 *    packet of the scenario (testdata/examples/NN.json, recorded by testdata/recordBasics.ts):
 *    the same verdict, the same return code for every packet and the same maps after the run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hexOf } from '../kernel/maps/index.ts';
import { drivePackets } from '../sim/nic/drive.ts';
import { loadC } from '../sim/nic/load.ts';
import { createScenario } from '../sim/nic/scenario.ts';
import { exampleHeader } from '../sim/nic/testdata/exampleSpec.ts';
import { main, type Io } from './main.ts';
import { packetsHash } from './testdata/recordBasics.ts';

vi.setConfig({ testTimeout: 60_000 });

const DIR = 'examples';
const DIRS = readdirSync(DIR).filter((d) => /^\d\d-/.test(d)).sort();
const BASICS = DIRS.filter((d) => /^0[1-4]-/.test(d));

async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: () => {} };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('every example', () => {
  it('is C: no assembly left in examples/', () => {
    expect(DIRS.length).toBeGreaterThanOrEqual(20);
    for (const d of DIRS) expect(readdirSync(join(DIR, d)), d).toEqual(['prog.c']);
  });

  for (const d of DIRS) {
    it(`${d}: has a header and is accepted by our verifier`, async () => {
      const text = readFileSync(join(DIR, d, 'prog.c'), 'utf8');
      const h = exampleHeader(text);
      expect(h.title, 'title').toBeTruthy();
      expect(h.prog, 'prog').toBeTruthy();
      expect(h.topics.length, 'topics').toBeGreaterThan(0);
      const r = await cli(['verify', join(DIR, d, 'prog.c'), '--json']);
      expect(r.err).toEqual([]);
      expect(JSON.parse(r.out[0])).toMatchObject({ accepted: true, error: null });
      expect(r.code).toBe(0);
    });
  }
});

/** A frame's bytes as the tests read them (big-endian fields, by hand). */
const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const isIpv4 = (b: Uint8Array) => b.length >= 34 && u16(b, 12) === 0x0800;
const le = (hex: string): bigint => {
  let v = 0n;
  for (let k = hex.length - 2; k >= 0; k -= 2) v = (v << 8n) | BigInt(parseInt(hex.slice(k, k + 2), 16));
  return v;
};
const key = (k: number) => hexOf(new Uint8Array(new Uint32Array([k]).buffer));

interface Golden {
  scenario: string;
  seed: number;
  count: number;
  packetsSha256: string;
  verifier: { accepted: boolean; processed: number };
  retvals: number[];
  changed: number[];
  maps: Array<{ name: string; type: string; entries: Array<{ key: number; value: number | string }> }>;
}

/** What each basics example's run must show, from the packets themselves. */
const OUTCOMES: Record<string, (frames: Uint8Array[], r: ReturnType<typeof drivePackets>, map: (name: string, k: number) => bigint) => void> = {
  '01-registers': (frames, r) => {
    const long = frames.filter((f) => f.length > 500);
    expect(long.length).toBeGreaterThan(20);
    expect(r.verdicts.XDP_DROP).toBe(long.length);
    expect(r.verdicts.XDP_PASS).toBe(frames.length - long.length);
    // one trace_pipe line per drop, with the frame's length, in order
    expect(r.tracePipe.map((l) => /bpf_trace_printk: (.*)$/.exec(l)?.[1])).toEqual(long.map((f) => `dropped ${f.length} bytes`));
  },
  '02-stack-loop': (frames, r, map) => {
    let good = 0;
    let bad = 0;
    for (const f of frames.filter(isIpv4)) {
      let s = 0;
      for (let o = 14; o < 34; o += 2) s += u16(f, o); // the 20-byte header as ten 16-bit words
      while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
      if (s === 0xffff) good++;
      else bad++;
    }
    expect(good).toBeGreaterThan(1500);
    expect([map('checked', 0), map('checked', 1)]).toEqual([BigInt(good), BigInt(bad)]);
    expect(r.verdicts.XDP_DROP ?? 0).toBe(bad);
  },
  '03-sum-bytes': (frames, r, map) => {
    let sum = 0n;
    let n = 0n;
    for (const f of frames) {
      if (!isIpv4(f) || f[23] !== 17 || f[14] !== 0x45 || f.length < 42) continue;
      const body = f.subarray(42, Math.min(f.length, 42 + 32)); // up to 32 bytes, to data_end (Ethernet padding included)
      for (const x of body) sum += BigInt(x);
      n += BigInt(body.length);
    }
    expect(n).toBeGreaterThan(1000n);
    expect([map('payload', 0), map('payload', 1)]).toEqual([sum, n]);
    expect(r.verdicts.XDP_PASS).toBe(frames.length);
  },
  '04-function-call': (frames, r, map) => {
    const tcp = frames.filter((f) => isIpv4(f) && f[23] === 6).length;
    const udp = frames.filter((f) => isIpv4(f) && f[23] === 17).length;
    expect(tcp).toBeGreaterThan(1000);
    expect(udp).toBeGreaterThan(100);
    expect([1, 2, 0].map((k) => map('per_proto', k))).toEqual([tcp, udp, frames.length - tcp - udp].map(BigInt));
    expect(r.verdicts.XDP_PASS).toBe(frames.length);
  },
};

describe('the basics examples (01–04)', () => {
  it('are four, each with an outcome check and a kernel golden', () => {
    expect(BASICS).toEqual(['01-registers', '02-stack-loop', '03-sum-bytes', '04-function-call']);
    for (const d of BASICS) expect(OUTCOMES[d], d).toBeDefined();
  });

  for (const d of BASICS) {
    const file = join(DIR, d, 'prog.c');
    const text = readFileSync(file, 'utf8');
    const h = exampleHeader(text);
    const golden = JSON.parse(readFileSync(`src/cli/testdata/examples/${d}.json`, 'utf8')) as Golden;

    it(`${d}: over its scenario, the outcome computed from the packets; the kernel's verdicts and maps`, () => {
      expect(h.prog).toBe('xdp');
      expect(h.topics).toContain('basics');
      expect(h.outcome).toBeTruthy();
      const frames = [...createScenario(h.scenario!, { seed: h.seed, count: h.count }).value!.packets()].map((p) => p.bytes);
      expect([golden.scenario, golden.seed, golden.count]).toEqual([h.scenario, h.seed, h.count]);
      expect(packetsHash(frames), 'the scenario generator changed: record the golden again').toBe(golden.packetsSha256);
      const l = loadC(text, file);
      if (!l.ok) expect.fail(l.error);
      expect(golden.verifier.accepted).toBe(true);
      // the whole scenario through the NIC (what the page's traffic run does)
      const r = drivePackets(l.kernel, l.prog, createScenario(h.scenario!, { seed: h.seed, count: h.count }).value!, { sample: 0 });
      expect(r.packets).toBe(frames.length);
      expect([r.oopses, r.errors]).toEqual([0, 0]);
      const maps = l.kernel.dumpMaps();
      const map = (name: string, k: number) => {
        const v = maps[name]?.[key(k)];
        return v === undefined ? 0n : Array.isArray(v) ? v.reduce((a, x) => a + le(x), 0n) : le(v);
      };
      OUTCOMES[d](frames, r, map);
      // the kernel: every map entry after the same packets (read-only data aside)
      for (const m of golden.maps) {
        if (m.name.startsWith('.rodata')) continue;
        for (const e of m.entries) expect(map(m.name, e.key), `${m.name}[${e.key}]`).toBe(BigInt(e.value));
      }
    });

    it(`${d}: each packet's return code is the kernel's (test run, fresh maps)`, () => {
      const l = loadC(text, file);
      if (!l.ok) expect.fail(l.error);
      const frames = [...createScenario(h.scenario!, { seed: h.seed, count: h.count }).value!.packets()].map((p) => p.bytes);
      const got: number[] = [];
      for (const f of frames) {
        const out = l.kernel.run(l.prog, { packet: f });
        expect(out.error).toBeUndefined();
        got.push(out.retval);
        expect(out.packetChanged).toBe(false);
      }
      expect(golden.changed).toEqual([]);
      expect(got).toEqual(golden.retvals);
    });
  }

  it('04-function-call: l4_slot is verified as a global function (on its own, from its BTF prototype)', async () => {
    const r = await cli(['verify', join(DIR, '04-function-call', 'prog.c'), '--json']);
    const log = JSON.parse(r.out[0]).log as string;
    // the line the 6.18 kernel printed for clang's build (kernel_oracle.py verify --show-log)
    expect(log).toContain("Func#1 ('l4_slot') is safe for any args that match its prototype");
  });
});
