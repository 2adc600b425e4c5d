/**
 * drivePackets: verdicts delivered where they say (XDP_TX out of the RX interface, devmap and
 * bpf_redirect to another interface's TX, xskmap to the AF_XDP socket of the packet's queue only),
 * socket filters truncating what the socket receives, tc egress on mirrored replies, cgroup_skb,
 * progress batches, cancel, bounded samples. Expectations come from the scenario's own intents
 * and hand-computed values.
 */
import { describe, expect, it, vi } from 'vitest';
import { checksum, pseudoSum4 } from './checksum.ts';
import { createDrive, drivePackets, drivePacketsAsync, mirrorFrame } from './drive.ts';
import { loadC } from './load.ts';
import { createScenario } from './scenario.ts';

// the machine may be shared and loaded: give whole-pipeline runs room
vi.setConfig({ testTimeout: 60_000 });

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';
const prog = (body: string) => {
  const l = loadC(HEAD + body + '\nchar LICENSE[] SEC("license") = "GPL";\n');
  if (!l.ok) throw new Error(l.error);
  return l;
};
const sc = (name: string, count: number, seed = 7) => createScenario(name, { seed, count }).value!;
const u32 = (v: number) => new Uint8Array(new Uint32Array([v]).buffer);

describe('drivePackets: XDP', () => {
  it('XDP_TX sends each frame back out of the interface it arrived on, unchanged', () => {
    const l = prog('SEC("xdp") int tx(struct xdp_md *ctx) { return XDP_TX; }');
    const s = sc('mixed', 400);
    const r = drivePackets(l.kernel, l.prog, s, { keepFrames: 1000 });
    const by = s.counts().byIfindex;
    expect(r.verdicts).toEqual({ XDP_TX: 400 });
    for (const i of r.interfaces) {
      expect(i.rx).toBe(by[i.ifindex] ?? 0);
      expect(i.tx).toBe(by[i.ifindex] ?? 0);
    }
    const sent = [...s.packets()];
    for (const i of r.interfaces) for (const f of i.txFrames) expect(Buffer.from(f.bytes).equals(Buffer.from(sent[f.index].bytes))).toBe(true);
  });

  it('a devmap slot redirects to that interface; an empty slot gives the flags (XDP_ABORTED here)', () => {
    const l = prog(`
struct { __uint(type, BPF_MAP_TYPE_DEVMAP); __type(key, __u32); __type(value, __u32); __uint(max_entries, 4); } ports SEC(".maps");
SEC("xdp") int fwd(struct xdp_md *ctx) { return bpf_redirect_map(&ports, ctx->rx_queue_index, 0); }`);
    l.kernel.map('ports')!.userUpdate(u32(0), u32(3)); // queue 0 → eth1
    const s = sc('iperf', 2000);
    const q0 = [...s.intents()].filter((it) => it.rxQueue === 0).length;
    expect(q0).toBeGreaterThan(0);
    expect(q0).toBeLessThan(2000);
    const r = drivePackets(l.kernel, l.prog, s);
    expect(r.verdicts.XDP_REDIRECT).toBe(q0);
    expect(r.verdicts.XDP_ABORTED).toBe(2000 - q0);
    expect(r.interfaces.find((i) => i.name === 'eth1')!.tx).toBe(q0);
    expect(r.interfaces.find((i) => i.name === 'eth0')!.dropped).toBe(2000 - q0);
  });

  it('bpf_redirect to a missing ifindex is a redirect error, to eth1 a TX there', () => {
    for (const [ifindex, ok] of [[3, true], [42, false]] as const) {
      const l = prog(`SEC("xdp") int fwd(struct xdp_md *ctx) { return bpf_redirect(${ifindex}, 0); }`);
      const r = drivePackets(l.kernel, l.prog, sc('web', 100));
      expect(r.verdicts).toEqual({ XDP_REDIRECT: 100 });
      expect(r.interfaces.find((i) => i.name === 'eth1')!.tx).toBe(ok ? 100 : 0);
      expect(r.redirectErrors).toBe(ok ? 0 : 100);
    }
  });

  it('an AF_XDP socket receives only frames from the queue it is bound to', () => {
    const l = prog(`
struct { __uint(type, BPF_MAP_TYPE_XSKMAP); __type(key, __u32); __type(value, __u32); __uint(max_entries, 8); } xsks SEC(".maps");
SEC("xdp") int all_to_0(struct xdp_md *ctx) { return bpf_redirect_map(&xsks, 0, XDP_PASS); }`);
    const s = sc('iperf', 1000);
    const its = [...s.intents()];
    const q0eth0 = its.filter((it) => it.ifindex === 2 && it.rxQueue === 0).length;
    const r = drivePackets(l.kernel, l.prog, s, { keepFrames: 5000 });
    expect(r.verdicts.XDP_REDIRECT).toBe(1000);
    expect(r.xsk.map((x) => [x.queue, x.received])).toEqual([[0, q0eth0], [1, 0], [2, 0], [3, 0]]);
    expect(r.redirectErrors).toBe(1000 - q0eth0);
    for (const f of r.xsk[0].frames) expect(its[f.index].rxQueue).toBe(0);
    // user space's sockets are in the map, as xdpsock puts them
    expect(Object.keys(l.kernel.dumpMaps().xsks)).toEqual(['00000000', '01000000', '02000000', '03000000']);
  });

  it('xdp_md carries the packet interface and queue', () => {
    const l = prog(`
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 16); } seen SEC(".maps");
SEC("xdp") int q(struct xdp_md *ctx) {
  __u32 k = ctx->ingress_ifindex * 4 + ctx->rx_queue_index;
  __u64 *v = bpf_map_lookup_elem(&seen, &k);
  if (v) *v += 1;
  return XDP_PASS;
}`);
    const s = sc('mixed', 500);
    const r = drivePackets(l.kernel, l.prog, s);
    expect(r.verdicts).toEqual({ XDP_PASS: 500 });
    const want: Record<string, number> = {};
    for (const it of s.intents()) want[it.ifindex * 4 + it.rxQueue] = (want[it.ifindex * 4 + it.rxQueue] ?? 0) + 1;
    const m = l.kernel.dumpMaps().seen as Record<string, string>;
    for (let k = 0; k < 16; k++) {
      const v = Buffer.from(m[Buffer.from(u32(k)).toString('hex')] ?? '00', 'hex').readUIntLE(0, 6);
      expect(v, `slot ${k}`).toBe(want[k] ?? 0);
    }
  });
});

describe('drivePackets: skb programs', () => {
  it('a socket filter keeps min(retval, len) bytes from the network header; 0 keeps nothing', () => {
    const l = prog('SEC("socket") int f(struct __sk_buff *skb) { return skb->protocol == __builtin_bswap16(0x0800) ? 20 : 0; }');
    const s = sc('mixed', 600);
    const v4 = [...s.intents()].filter((it) => it.spec.ipv4 && !it.spec.vlan).length;
    const r = drivePackets(l.kernel, l.prog, s, { keepFrames: 1000 });
    expect(r.socket!.received).toBe(v4);
    expect(r.verdicts).toEqual({ keep: v4, drop: 600 - v4 });
    expect(r.socket!.bytes).toBe(20 * v4);
    const sent = [...s.packets()];
    for (const f of r.socket!.frames) expect(Buffer.from(f.bytes).equals(Buffer.from(sent[f.index].bytes.subarray(14, 34)))).toBe(true);
  });

  it('on a UDP socket the filter sees only datagrams to its port, from the UDP header; the app gets the payload', () => {
    // offset 2 from skb->data is the UDP destination port only if data starts at the UDP header
    const l = prog(`SEC("socket") int f(struct __sk_buff *skb) {
  __u16 port = 0;
  if (bpf_skb_load_bytes(skb, 2, &port, 2) < 0) return 0;
  if (port != __builtin_bswap16(5001)) return 0;
  return skb->len > 20 ? 12 : skb->len; // UDP header + the first 4 payload bytes
}`);
    const s = sc('iperf', 800);
    const want = s.counts().udpDport[5001];
    expect(want).toBeGreaterThan(600);
    const r = drivePackets(l.kernel, l.prog, s, { socket: { udpPort: 5001 }, keepFrames: 1000 });
    expect(r.socket!.received).toBe(want);
    expect(r.bypassed).toBe(800 - want);
    expect(r.socket!.bytes).toBe(4 * want);
    const sent = [...s.packets()];
    for (const f of r.socket!.frames) {
      const b = sent[f.index].bytes;
      const udp = b[12] === 0x86 ? 54 : 34;
      expect([...f.bytes]).toEqual([...b.subarray(udp + 8, udp + 12)]); // the iperf sequence number
    }
  });

  it('cgroup_skb: bit 0 of the return allows', () => {
    const l = prog('SEC("cgroup_skb/ingress") int c(struct __sk_buff *skb) { return skb->len > 100 ? 1 : 0; }');
    const s = sc('web', 500);
    const long = [...s.packets()].filter((p) => p.bytes.length - 14 > 100).length;
    const r = drivePackets(l.kernel, l.prog, s);
    expect(r.verdicts).toEqual({ allow: long, drop: 500 - long });
  });

  it('tc egress sees the host replies and sends what passes; SHOT drops', () => {
    const l = prog(`#include <linux/pkt_cls.h>
SEC("tc/egress") int e(struct __sk_buff *skb) { return skb->len > 200 ? TC_ACT_SHOT : TC_ACT_OK; }`);
    const s = sc('iperf', 300);
    const big = [...s.packets()].filter((p) => p.bytes.length > 200).length;
    const r = drivePackets(l.kernel, l.prog, s, { tcHook: 'egress', sample: 300 });
    expect(r.verdicts).toEqual({ TC_ACT_SHOT: big, TC_ACT_OK: 300 - big });
    expect(r.interfaces.find((i) => i.name === 'eth0')!.tx).toBe(300 - big);
    // the program got the mirrored frame
    const sent = [...s.packets()];
    for (const p of r.samples) expect(Buffer.from(p.before).equals(Buffer.from(mirrorFrame(sent[p.index].bytes)))).toBe(true);
  });
});

describe('drivePackets: helpers that move the packet', () => {
  it('bpf_skb_change_head past the headroom moves the buffer; every packet comes out whole', () => {
    const l = prog(`#include <linux/pkt_cls.h>
SEC("tc/egress") int e(struct __sk_buff *skb) { return bpf_skb_change_head(skb, 200, 0) ? TC_ACT_SHOT : TC_ACT_OK; }`);
    const s = sc('mixed', 300);
    const r = drivePackets(l.kernel, l.prog, s, { tcHook: 'egress', keepFrames: 1000 });
    expect(r.verdicts).toEqual({ TC_ACT_OK: 300 });
    const sent = [...s.packets()];
    const frames = r.interfaces.flatMap((i) => i.txFrames);
    expect(frames).toHaveLength(300);
    for (const f of frames) {
      const want = mirrorFrame(sent[f.index].bytes);
      expect(f.bytes.length).toBe(want.length + 200);
      expect(f.bytes.subarray(0, 200).every((b) => b === 0)).toBe(true);
      expect(Buffer.from(f.bytes.subarray(200)).equals(Buffer.from(want))).toBe(true);
    }
    // the packet regions moved for the runs are freed again
    const packets = l.kernel.memory.regions.filter((x) => x.kind === 'packet').length;
    drivePackets(l.kernel, l.prog, sc('mixed', 50), { tcHook: 'egress' });
    expect(l.kernel.memory.regions.filter((x) => x.kind === 'packet').length).toBe(packets);
  });
});

describe('mirrorFrame', () => {
  it('swaps MACs, addresses and ports, keeps checksums valid, and is its own inverse', () => {
    for (const p of sc('mixed', 300).packets()) {
      const m = mirrorFrame(p.bytes);
      expect(Buffer.from(mirrorFrame(m)).equals(Buffer.from(p.bytes))).toBe(true);
      expect([...m.subarray(0, 6)]).toEqual([...p.bytes.subarray(6, 12)]);
      if (m[12] === 8 && m[13] === 0 && m[23] === 17) {
        expect(checksum(m, 14, 34)).toBe(0);
        expect([...m.subarray(26, 30)]).toEqual([...p.bytes.subarray(30, 34)]);
        expect((m[34] << 8) | m[35]).toBe((p.bytes[36] << 8) | p.bytes[37]);
        const len = (m[38] << 8) | m[39];
        if ((m[40] | m[41]) !== 0) expect(checksum(m, 34, 34 + len, pseudoSum4(m.subarray(26, 30), m.subarray(30, 34), 17, len))).toBe(0);
      }
    }
  });
});

describe('drivePackets: progress, cancel, bounds', () => {
  it('calls onBatch every N packets and stops when cancel says so', () => {
    const l = prog('SEC("xdp") int p(struct xdp_md *ctx) { return XDP_PASS; }');
    const seen: number[] = [];
    const r = drivePackets(l.kernel, l.prog, sc('iperf', 5000), { batch: 250, onBatch: (p) => seen.push(p.done), cancel: () => seen.length >= 3 });
    expect(seen).toEqual([250, 500, 750]);
    expect(r.cancelled).toBe(true);
    expect(r.packets).toBe(750);
  });

  it('keeps bounded samples, frames and trace lines; counts stay exact', () => {
    const l = prog('SEC("xdp") int p(struct xdp_md *ctx) { bpf_printk("pkt"); return XDP_TX; }');
    const r = drivePackets(l.kernel, l.prog, sc('iperf', 3000), { sample: 10, keepFrames: 5 });
    expect(r.samples.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.samples[0].fate).toBe('tx eth0');
    expect(r.interfaces.find((i) => i.name === 'eth0')!.txFrames).toHaveLength(5);
    expect(r.tracePipe).toHaveLength(100);
    expect(r.tracePipeLines).toBe(3000);
    expect(r.verdicts.XDP_TX).toBe(3000);
  });

  it('the async form yields between batches and gives the same result', async () => {
    const a = prog('SEC("xdp") int p(struct xdp_md *ctx) { return ctx->rx_queue_index == 1 ? XDP_DROP : XDP_PASS; }');
    const b = prog('SEC("xdp") int p(struct xdp_md *ctx) { return ctx->rx_queue_index == 1 ? XDP_DROP : XDP_PASS; }');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const r1 = await drivePacketsAsync(a.kernel, a.prog, sc('iperf', 4000), { batch: 200 });
    clearInterval(timer);
    const r2 = drivePackets(b.kernel, b.prog, sc('iperf', 4000));
    expect(r1.verdicts).toEqual(r2.verdicts);
    expect(ticks).toBeGreaterThan(0);
  });

  it('step(n) runs at most n packets at a time', () => {
    const l = prog('SEC("xdp") int p(struct xdp_md *ctx) { return XDP_PASS; }');
    const d = createDrive(l.kernel, l.prog, sc('web', 25));
    expect(d.step(10)).toBe(true);
    expect(d.result().packets).toBe(10);
    expect(d.step(10)).toBe(true);
    expect(d.step(10)).toBe(false);
    expect(d.result().packets).toBe(25);
  });

  it('a packet the context refuses is counted as an error, not a crash', () => {
    const l = prog('SEC("socket") int f(struct __sk_buff *skb) { return 0; }');
    const short = { timestampNs: 0n, ifindex: 2, rxQueue: 0, bytes: Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 8, 0, 0x45) };
    const r = drivePackets(l.kernel, l.prog, [short]);
    expect(r.errors).toBe(1);
    expect(r.firstError?.message).toMatch(/34 bytes/);
  });
});
