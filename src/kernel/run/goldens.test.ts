/**
 * The runtime against the real kernel: every src/kernel/testdata/run/X.bin was run by
 * scripts/record-runtime-goldens.ts with BPF_PROG_TEST_RUN on Linux 6.18 (pinned to CPU 0), and
 * X.golden.json holds what the kernel answered — retval, data_out, the maps after the runs (as
 * kernel_oracle.py dumps them: integers for 1/2/4/8-byte keys and values, hex otherwise; array
 * entries that are all zero left out; per-CPU values as {per_cpu, sum}) and the trace_pipe lines.
 * Here the same bytes run in the simulated kernel and every one of those must match.
 *
 * Documented difference: hash-type maps are compared as sets (the kernel's get-next-key walks
 * hash buckets, ours insertion order — see maps/hash.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeInsns } from '../../isa/insn.ts';
import { hexOf, parseMapSpec, type BpfMap } from '../maps/index.ts';
import { createKernel } from './kernel.ts';

const DIR = join(import.meta.dirname, '../testdata/run');

interface Golden {
  possibleCpus: string;
  type: string;
  maps: string[];
  packets: string[];
  ctx?: string;
  runs: Array<{ retval: number | string; retval_name: string | null; data_out: string }>;
  failed?: { at: string; errno: string };
  dump: Array<{ name: string; type: string; entries: Array<{ key: unknown; value: unknown }>; note?: string }>;
  trace: Array<{ cpu: number; flags: string; msg: string }>;
}

const ERRNO: Record<string, number> = { EINVAL: 22, ENOTSUPP: 524, EFAULT: 14, ENOSPC: 28 };

function cpuCount(possible: string): number {
  return possible.split(',').reduce((n, part) => {
    const [lo, hi] = part.split('-').map(Number);
    return n + (hi === undefined ? 1 : hi - lo + 1);
  }, 0);
}

const big = (v: bigint): number | string => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString());

/** kernel_oracle.py's decode(): little-endian integer for 1/2/4/8 bytes, else hex. */
function decode(b: Uint8Array): number | string {
  if (![1, 2, 4, 8].includes(b.length)) return hexOf(b);
  let v = 0n;
  for (let k = b.length - 1; k >= 0; k--) v = (v << 8n) | BigInt(b[k]);
  return big(v);
}

function oracleDump(m: BpfMap): Array<{ key: unknown; value: unknown }> {
  const out: Array<{ key: unknown; value: unknown }> = [];
  for (const e of m.entries()) {
    const vals = Array.isArray(e.value) ? e.value : [e.value];
    if ((m.type === 'array' || m.type === 'percpu_array') && vals.every((v) => v.every((x) => x === 0))) continue;
    let value: unknown;
    if (Array.isArray(e.value)) {
      const per = e.value.map(decode);
      value = per.every((p) => typeof p === 'number' || /^\d+$/.test(String(p)))
        ? { per_cpu: per, sum: big(per.reduce<bigint>((s, p) => s + BigInt(p), 0n)) }
        : per;
    } else value = decode(e.value);
    out.push({ key: decode(e.key), value });
  }
  return out;
}

const sortByKey = (xs: Array<{ key: unknown; value: unknown }>) => [...xs].sort((a, b) => String(a.key).localeCompare(String(b.key), 'en', { numeric: true }));

const goldens = readdirSync(DIR).filter((f) => f.endsWith('.golden.json')).sort();

describe('runtime goldens recorded from the kernel', () => {
  it('has at least 60 recorded programs across xdp, tc and socket filters', () => {
    const types = new Set(goldens.map((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Golden).type));
    expect(goldens.length).toBeGreaterThanOrEqual(60);
    expect([...types].sort()).toEqual(['cgroup_skb', 'raw_tracepoint', 'sched_cls', 'socket_filter', 'xdp']);
  });

  for (const f of goldens) {
    const name = f.replace('.golden.json', '');
    it(name, () => {
      const g = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Golden;
      const insns = decodeInsns(new Uint8Array(readFileSync(join(DIR, `${name}.bin`))));
      const k = createKernel({ cpus: cpuCount(g.possibleCpus), seed: 1 });
      for (const spec of g.maps) {
        const p = parseMapSpec(spec);
        if (!p.ok) throw new Error(p.message);
        const r = k.createMap(p.spec);
        expect(r.ok, spec).toBe(true);
      }
      const loaded = k.load(insns.insns, { type: g.type });
      if (!loaded.ok) throw new Error(loaded.message);
      if (g.failed) {
        const r = k.run(loaded.prog, { packet: Buffer.from(g.packets[0], 'hex') });
        expect(r.error?.errno).toBe(ERRNO[g.failed.errno]);
        return;
      }
      const trace: string[] = [];
      if (g.ctx !== undefined) {
        const r = k.run(loaded.prog, { ctx: Buffer.from(g.ctx, 'hex'), cpu: 0 });
        expect(r.oops?.message).toBeUndefined();
        expect(String(r.retval), 'retval').toBe(String(g.runs[0].retval));
        trace.push(...r.tracePipe);
      }
      g.packets.forEach((hex, i) => {
        const r = k.run(loaded.prog, { packet: Buffer.from(hex, 'hex'), cpu: 0 });
        expect(r.oops?.message, `run ${i}`).toBeUndefined();
        expect(r.error, `run ${i}`).toBeUndefined();
        expect(String(r.retval), `retval of run ${i}`).toBe(String(g.runs[i].retval));
        if (g.runs[i].retval_name !== null) expect(r.retvalName).toBe(g.runs[i].retval_name);
        expect(hexOf(r.packetOut ?? new Uint8Array()), `data_out of run ${i}`).toBe(g.runs[i].data_out);
        trace.push(...r.tracePipe);
      });
      for (const d of g.dump) {
        if (d.note) continue;
        const m = k.map(d.name)!;
        const ours = oracleDump(m);
        if (m.type.includes('hash')) expect(sortByKey(ours), `map ${d.name}`).toEqual(sortByKey(d.entries));
        else expect(ours, `map ${d.name}`).toEqual(d.entries);
      }
      expect(trace.length, 'trace_pipe lines').toBe(g.trace.length);
      trace.forEach((line, i) => {
        const m = /^\s*(\S+)-(\d+)\s+\[(\d{3})\] (\S{5})\s+(\d+)\.(\d{6}): bpf_trace_printk: ([\s\S]*)$/.exec(line);
        expect(m, line).not.toBeNull();
        expect(Number(m![3])).toBe(g.trace[i].cpu);
        expect(m![4]).toBe(g.trace[i].flags);
        expect(m![7]).toBe(g.trace[i].msg);
      });
    });
  }
});
