// Traffic scenarios: determinism (hash-identical pcaps), timing, queues, options errors, and the
// scenarios' own counts against an independent decode of the bytes (our dissector here; tshark in
// tshark.test.ts).
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// the machine may be shared and loaded: give the heavier loops room
vi.setConfig({ testTimeout: 60_000 });
import { dissect } from './dissect.ts';
import { INTERFACES, interfaceByIndex, interfaceByName } from './interfaces.ts';
import { writePcap } from './pcap.ts';
import { createScenario, DEFAULT_START_NS, scenarioNames, type Scenario, type ScenarioCounts } from './scenario.ts';

const NAMES = ['web', 'iperf', 'synflood', 'portscan', 'mixed', 'botnet'];
const mk = (name: string, opts = {}): Scenario => {
  const r = createScenario(name, opts);
  expect(r.diagnostics).toEqual([]);
  return r.value!;
};
const sha = (s: Scenario): string => createHash('sha256').update(writePcap(s.packets(), { nanosecond: true })).digest('hex');

describe('scenarios', () => {
  it('are the five the issue names', () => expect(scenarioNames()).toEqual(NAMES));

  it.each(NAMES)('%s: same seed, byte-identical pcap; another seed, a different one', (name) => {
    const a = sha(mk(name, { seed: 11, count: 500 }));
    expect(sha(mk(name, { seed: 11, count: 500 }))).toBe(a);
    expect(sha(mk(name, { seed: 12, count: 500 }))).not.toBe(a);
    expect(sha(mk(name, { seed: '11', count: 500 }))).not.toBe(a);
  });

  it.each(NAMES)('%s: a longer run starts with the shorter run (count only stops the stream)', (name) => {
    const short = [...mk(name, { seed: 4, count: 100 }).packets()];
    const long = [...mk(name, { seed: 4, count: 300 }).packets()].slice(0, 100);
    expect(long).toEqual(short);
  });

  it.each(NAMES)('%s: timestamps start at startNs, increase, and average 1/rate', (name) => {
    const s = mk(name, { seed: 1, count: 20000, ratePps: 50000, startNs: 5_000_000_000n });
    let prev = -1n;
    let first = 0n;
    let last = 0n;
    let increasing = true;
    for (const p of s.intents()) {
      if (prev < 0n) first = p.timestampNs;
      if (p.timestampNs <= prev) increasing = false;
      prev = last = p.timestampNs;
    }
    expect(increasing).toBe(true);
    expect(first).toBe(5_000_000_000n);
    const mean = Number(last - first) / 19999;
    expect(Math.abs(mean - 20000) / 20000).toBeLessThan(0.01);
  }, 60_000);

  it.each(NAMES)('%s: RX queues exist on their interface and one flow stays on one queue', (name) => {
    const flowQueue = new Map<string, number>();
    const wrong: string[] = [];
    for (const p of mk(name, { seed: 3, count: 3000 }).packets()) {
      const nq = interfaceByIndex(p.ifindex)!.rxQueues;
      if (!(p.rxQueue >= 0 && p.rxQueue < nq)) wrong.push(`queue ${p.rxQueue} of ${nq} on ${p.ifindex}`);
      const d = dissect(p.bytes);
      const f = Object.fromEntries(d.layers.flatMap((l) => l.fields).map((x) => [x.name, x.value]));
      const src = f['ip.src'] ?? f['ipv6.src'];
      if (src === undefined) continue;
      const key = `${p.ifindex} ${src} ${f['ip.dst'] ?? f['ipv6.dst']} ${f['tcp.srcport'] ?? f['udp.srcport']} ${f['tcp.dstport'] ?? f['udp.dstport']}`;
      if (f['tcp.srcport'] === undefined && f['udp.srcport'] === undefined) continue;
      const q = flowQueue.get(key);
      if (q !== undefined && q !== p.rxQueue) wrong.push(`${key}: queue ${p.rxQueue} then ${q}`);
      flowQueue.set(key, p.rxQueue);
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it.each(NAMES)("%s: own counts equal a decode of the bytes (8000 packets)", (name) => {
    const s = mk(name, { seed: 99, count: 8000, payloadLen: 100 });
    const problems: string[] = [];
    const c: Partial<ScenarioCounts> & Record<string, unknown> = { total: 0, ipv4: 0, ipv6: 0, arp: 0, vlan: 0, tcp: 0, udp: 0, icmp: 0, icmpv6: 0, tcpSyn: 0, udpDport: {}, udp4Dport: {}, tcpDport: {}, byIfindex: {} };
    const inc = (r: Record<number, number>, k: number): void => { r[k] = (r[k] ?? 0) + 1; };
    const srcs = new Set<string>();
    for (const p of s.packets()) {
      const d = dissect(p.bytes);
      if (d.truncated) problems.push(`${d.summary}: ${d.truncated.message}`);
      const layers = new Set(d.layers.map((l) => l.proto));
      const f = Object.fromEntries(d.layers.flatMap((l) => l.fields).map((x) => [x.name, x.value]));
      c.total!++;
      inc(c.byIfindex!, p.ifindex);
      for (const k of ['ip', 'ipv6', 'arp', 'vlan', 'tcp', 'udp', 'icmp', 'icmpv6'] as const) {
        if (layers.has(k) && !(k === 'udp' && layers.has('ipv6.fragment'))) (c as Record<string, number>)[k === 'ip' ? 'ipv4' : k]++;
      }
      if (layers.has('udp') && !layers.has('ipv6.fragment')) {
        inc(c.udpDport!, f['udp.dstport'] as number);
        if (layers.has('ip')) inc(c.udp4Dport!, f['udp.dstport'] as number);
      }
      if (layers.has('tcp')) {
        inc(c.tcpDport!, f['tcp.dstport'] as number);
        if (((f['tcp.flags'] as number) & 0x12) === 0x02) c.tcpSyn!++;
      }
      if (f['ip.src'] ?? f['ipv6.src']) srcs.add(String(f['ip.src'] ?? f['ipv6.src']));
      for (const l of d.layers) if (l.checksum?.status === 'bad') problems.push(`${d.summary}: bad ${l.proto} checksum`);
    }
    expect(problems).toEqual([]);
    const own = s.counts();
    const { total, ipv4, ipv6, arp, vlan, tcp, udp, icmp, icmpv6, tcpSyn, udpDport, udp4Dport, tcpDport, byIfindex } = own;
    expect({ total, ipv4, ipv6, arp, vlan, tcp, udp, icmp, icmpv6, tcpSyn, udpDport, udp4Dport, tcpDport, byIfindex }).toEqual(c);
    expect(own.srcAddrs).toBe(srcs.size);
    expect(Object.values(own.kinds).reduce((a, b) => a + b, 0)).toBe(8000);
  }, 60_000);

  it('iperf: the UDP/IPv4 packets to 5001 are exactly the stream, beside look-alikes', () => {
    const c = mk('iperf', { seed: 1, count: 10000 }).counts();
    expect(c.udp4Dport[5001]).toBe(c.kinds.iperf);
    expect(c.kinds.iperf).toBeGreaterThan(8800);
    expect(c.kinds.iperf).toBeLessThan(9200);
    for (const k of ['tcp-5001', 'udp-5002', 'udp6-5001', 'dns-response', 'arp', 'icmp-echo']) expect(c.kinds[k]).toBeGreaterThan(0);
    expect(c.udpDport[5001]).toBe(c.kinds.iperf + c.kinds['udp6-5001']);
    expect(c.tcpDport[5001]).toBe(c.kinds['tcp-5001']);
  });

  it('iperf payloads carry iperf2 sequence numbers 0, 1, 2, …', () => {
    const seqs: number[] = [];
    for (const p of mk('iperf', { seed: 1, count: 200, payloadLen: 20 }).intents()) {
      if (p.kind !== 'iperf') continue;
      const pl = p.spec.payload as Uint8Array;
      expect(pl.length).toBe(20);
      seqs.push(new DataView(pl.buffer, pl.byteOffset).getInt32(0));
    }
    expect(seqs).toEqual(seqs.map((_, i) => i));
  });

  it('synflood: SYNs from (nearly) as many sources as SYNs', () => {
    const c = mk('synflood', { seed: 1, count: 10000 }).counts();
    expect(c.kinds['flood-syn']).toBeGreaterThan(9300);
    expect(c.tcpSynDport[80]).toBeGreaterThanOrEqual(c.kinds['flood-syn']);
    expect(c.srcAddrs).toBeGreaterThan(c.kinds['flood-syn'] * 0.99);
  });

  it('portscan: every probe hits a new port; open ports get a RST', () => {
    const s = mk('portscan', { seed: 1, count: 5000 });
    const ports = new Set<number>();
    let probes = 0;
    for (const it of s.intents()) {
      if (it.kind !== 'probe') continue;
      probes++;
      ports.add(it.spec.tcp!.dport);
    }
    expect(ports.size).toBe(probes);
    const c = s.counts();
    expect(c.kinds.probe).toBe(probes);
    expect(c.kinds['probe-rst'] ?? 0).toBe([22, 80, 443, 5001].filter((p) => ports.has(p)).length);
  });

  it('mixed: every protocol, family and interface appears', () => {
    const c = mk('mixed', { seed: 1, count: 2000 }).counts();
    for (const k of ['ipv4', 'ipv6', 'arp', 'vlan', 'tcp', 'udp', 'icmp', 'icmpv6'] as const) expect(c[k]).toBeGreaterThan(0);
    for (const i of INTERFACES) expect(c.byIfindex[i.ifindex]).toBeGreaterThan(0);
    for (const k of ['icmp6-ns', 'mldv2', 'ipv6-frag', 'igmp', 'lo-udp', 'vlan']) expect(c.kinds[k]).toBeGreaterThan(0);
  });

  it('bad names and options are diagnostics', () => {
    const msg = (name: string, o = {}): string => createScenario(name, o).diagnostics.map((d) => d.message).join();
    expect(msg('ddos')).toBe("unknown scenario 'ddos' (known: web, iperf, synflood, portscan, mixed, botnet)");
    expect(msg('web', { count: -1 })).toBe('scenario count must be a non-negative integer, got -1');
    expect(msg('web', { count: 1.5 })).toBe('scenario count must be a non-negative integer, got 1.5');
    expect(msg('web', { ratePps: 0 })).toBe('scenario rate must be a positive number of packets per second, got 0');
    expect(msg('iperf', { payloadLen: 5 })).toBe('iperf payload length must be 12..9000 bytes, got 5');
    expect([...mk('web', { count: 0 }).packets()]).toEqual([]);
    expect(mk('web').options).toMatchObject({ seed: 1, count: 1000, ratePps: 2000, startNs: DEFAULT_START_NS });
  });
});

describe('interfaces', () => {
  it('lo, eth0, eth1 with Linux-style ifindex and distinct addresses', () => {
    expect(INTERFACES.map((i) => [i.name, i.ifindex])).toEqual([['lo', 1], ['eth0', 2], ['eth1', 3]]);
    expect(interfaceByName('eth0')?.ipv4).toBe('10.0.0.1');
    expect(new Set(INTERFACES.map((i) => i.mac)).size).toBe(3);
    expect(interfaceByName('eth9')).toBeUndefined();
  });
});

describe('replaying a capture', () => {
  it('gives back the scenario packets, queues included (RSS from the dissected 5-tuple)', async () => {
    const { readCapture } = await import('./pcap.ts');
    const { packetsFromCapture } = await import('./replay.ts');
    for (const name of NAMES) {
      const s = mk(name, { seed: 8, count: 400 });
      const pk = [...s.packets()].filter((p) => p.ifindex === 2);
      const cap = readCapture(writePcap(pk, { nanosecond: true })).value;
      const r = packetsFromCapture(cap);
      expect(r.diagnostics).toEqual([]);
      expect(r.value).toEqual(pk);
    }
  });

  it('leaves out non-Ethernet packets with a warning at their offset; unknown ifindex is an error', async () => {
    const { readCapture } = await import('./pcap.ts');
    const { packetsFromCapture } = await import('./replay.ts');
    const cap = readCapture(writePcap([{ timestampNs: 1n, bytes: Uint8Array.of(0x45, 0, 0, 20) }], { linktype: 101 })).value;
    const r = packetsFromCapture(cap, { file: 'raw.pcap' });
    expect(r.value).toEqual([]);
    expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([['warning', 'offset 24: packet 1 has link type 101, not Ethernet (1); left out']]);
    expect(packetsFromCapture(cap, { ifindex: 9 }).diagnostics[0].message).toBe('no interface with ifindex 9 (lo = 1, eth0 = 2, eth1 = 3)');
  });
});
