// Cross-checks against tshark (Wireshark 4.0) and tcpdump (4.99): recorded goldens always, the
// live tools when installed. The goldens are the tools' own output over the scenarios' pcaps and
// the packet zoo, so these tests compare (1) the builder's intent, (2) our dissector's fields,
// checksum verdicts and summary lines and (3) the scenarios' own counts with independent
// decoders. Only the live re-runs are skipped when a tool is missing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';

// the machine may be shared and loaded: give the heavier loops room
vi.setConfig({ testTimeout: 60_000 });
import { formatIPv4, formatIPv6, parseIP, parseMac, formatMac } from './addr.ts';
import { dissect, type Dissection } from './dissect.ts';
import { readCapture, writePcap } from './pcap.ts';
import { createScenario, type ScenarioCounts, type TimedIntent } from './scenario.ts';
import type { Addr } from './spec.ts';
import {
  FIELDS, GOLDEN_RUNS, goldenPcap, hasTool, parseGolden, parseTcpdumpGolden, sha256, tcpdumpLines, tsharkFields,
} from '../testdata/tools.ts';
import { ZOO, zooPackets } from '../testdata/zoo.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), '../testdata');
const TSHARK = hasTool('tshark');
const TCPDUMP = hasTool('tcpdump');
const golden = (name: string): string => readFileSync(join(testdata, name), 'utf8');

/** Normalise a field value for comparison: hex and decimal numbers to decimal text. */
function norm(v: string | number | undefined): string {
  if (v === undefined) return '';
  const s = String(v);
  if (/^0x[0-9a-f]+$/i.test(s)) return String(parseInt(s, 16));
  if (/^\d+$/.test(s)) return String(Number(s));
  return s;
}

/** Fields where our dissector deliberately differs from tshark, per zoo entry (with the reason). */
const ZOO_EXCEPTIONS: Record<string, string[]> = {
  // Wireshark's Ethernet dissector adds no field when the header is under 14 bytes; we show the
  // destination MAC that was captured.
  'cut-in-eth': ['eth.dst'],
};

/** Wireshark's checksum status values: 0 bad, 1 good, 2 unverified, 3 not present, 4 illegal. */
const STATUS: Record<string, string> = { good: '1', bad: '0', unverified: '2', none: '3', illegal: '4' };

/** Our dissector's view of a frame, keyed by the golden's field names. */
function ourFields(d: Dissection, ts: bigint): Record<string, string> {
  const out: Record<string, string> = {};
  out['frame.time_epoch'] = `${ts / 1_000_000_000n}.${String(ts % 1_000_000_000n).padStart(9, '0')}`;
  out['frame.len'] = String(d.length);
  for (const l of d.layers) {
    for (const f of l.fields) if (!(f.name in out)) out[f.name] = norm(f.value);
    if (l.checksum && ['ip', 'udp', 'tcp', 'icmp', 'icmpv6'].includes(l.proto)) {
      out[`${l.proto}.checksum.status`] ??= STATUS[l.checksum.status];
    }
  }
  return out;
}

const text = (a: Addr, family: 4 | 6 | 'mac'): string => {
  if (family === 'mac') return formatMac(a instanceof Uint8Array ? a : parseMac(a)!);
  const b = a instanceof Uint8Array ? a : parseIP(a)!.bytes;
  return family === 4 ? formatIPv4(b) : formatIPv6(b);
};

/** What the scenario intended, as the golden's fields (only fields the spec pins down). */
function intentFields(it: TimedIntent): Record<string, string> {
  const s = it.spec;
  const o: Record<string, string> = {};
  if (s.eth?.src) o['eth.src'] = text(s.eth.src, 'mac');
  if (s.eth?.dst) o['eth.dst'] = text(s.eth.dst, 'mac');
  if (s.vlan && !Array.isArray(s.vlan)) o['vlan.id'] = String(s.vlan.vid);
  if (s.arp) o['arp.opcode'] = String(s.arp.op === 'request' ? 1 : s.arp.op === 'reply' ? 2 : s.arp.op);
  if (s.ipv4) {
    o['ip.src'] = text(s.ipv4.src, 4);
    o['ip.dst'] = text(s.ipv4.dst, 4);
    o['ip.ttl'] = String(s.ipv4.ttl ?? 64);
    o['ip.proto'] = String(s.ipv4.proto ?? (s.tcp ? 6 : s.udp ? 17 : s.icmp ? 1 : 0));
  }
  if (s.ipv6) {
    o['ipv6.src'] = text(s.ipv6.src, 6);
    o['ipv6.dst'] = text(s.ipv6.dst, 6);
    o['ipv6.hlim'] = String(s.ipv6.hopLimit ?? 64);
  }
  if (s.udp) {
    o['udp.srcport'] = String(s.udp.sport);
    o['udp.dstport'] = String(s.udp.dport);
  }
  if (s.tcp) {
    o['tcp.srcport'] = String(s.tcp.sport);
    o['tcp.dstport'] = String(s.tcp.dport);
    o['tcp.seq_raw'] = String(s.tcp.seq ?? 0);
    if (typeof s.tcp.flags === 'string') {
      const bits: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16 };
      o['tcp.flags'] = String([...s.tcp.flags].reduce((a, ch) => a | bits[ch], 0));
    }
    const mss = s.tcp.options?.find((x) => x.kind === 'mss');
    if (mss && mss.kind === 'mss') o['tcp.options.mss_val'] = String(mss.value);
  }
  if (s.icmp) o['icmp.type'] = String(s.icmp.type);
  if (s.icmpv6) o['icmpv6.type'] = String(s.icmpv6.type);
  return o;
}

/** The counts tshark's decode implies (same rules as ScenarioCounts). */
function countsFromRows(header: string[], rows: string[][]): Partial<ScenarioCounts> {
  const col = (r: string[], name: string): string => r[header.indexOf(name)] ?? '';
  const c = { ipv4: 0, ipv6: 0, arp: 0, vlan: 0, tcp: 0, udp: 0, icmp: 0, icmpv6: 0, tcpSyn: 0, udpDport: {} as Record<number, number>, tcpDport: {} as Record<number, number> };
  for (const r of rows) {
    if (col(r, 'ip.src')) c.ipv4++;
    if (col(r, 'ipv6.src')) c.ipv6++;
    if (col(r, 'arp.opcode')) c.arp++;
    if (col(r, 'vlan.id')) c.vlan++;
    if (col(r, 'icmp.type')) c.icmp++;
    if (col(r, 'icmpv6.type')) c.icmpv6++;
    if (col(r, 'tcp.srcport')) {
      c.tcp++;
      const d = Number(col(r, 'tcp.dstport'));
      c.tcpDport[d] = (c.tcpDport[d] ?? 0) + 1;
      if ((parseInt(col(r, 'tcp.flags'), 16) & 0x12) === 0x02) c.tcpSyn++;
    }
    // an IPv6 first fragment shows a UDP header to tshark; the scenario counts it as a fragment
    if (col(r, 'udp.srcport') && col(r, 'ipv6.nxt') !== '44') {
      c.udp++;
      const d = Number(col(r, 'udp.dstport'));
      c.udpDport[d] = (c.udpDport[d] ?? 0) + 1;
    }
  }
  return c;
}

function pick(c: ScenarioCounts): Partial<ScenarioCounts> {
  const { ipv4, ipv6, arp, vlan, tcp, udp, icmp, icmpv6, tcpSyn, udpDport, tcpDport } = c;
  return { ipv4, ipv6, arp, vlan, tcp, udp, icmp, icmpv6, tcpSyn, udpDport, tcpDport };
}

describe.each(GOLDEN_RUNS)('tshark and tcpdump goldens for scenario $name', (run) => {
  const tsh = parseGolden(golden(`tshark-${run.name}.tsv`));
  const tcd = parseTcpdumpGolden(golden(`tcpdump-${run.name}.txt`));
  const { scenario, pcap, sha256: hash } = goldenPcap(run);
  const intents = [...scenario.intents()];
  const packets = [...scenario.packets()];
  const col = (r: string[], name: string): string => r[tsh.header.indexOf(name)] ?? '';

  it('is over byte-identical packets (same seed, same pcap)', () => {
    expect(tsh.header).toEqual([...FIELDS]);
    const why = 'scenario bytes changed: re-record with npx tsx src/sim/testdata/record.ts';
    expect(hash, why).toBe(tsh.meta.sha256);
    expect(hash, why).toBe(tcd.meta.sha256);
    expect(tsh.rows.length).toBe(run.opts.count);
    expect(tcd.lines.length).toBe(run.opts.count);
  });

  it("our summary lines are tcpdump's", () => {
    expect(packets.map((p) => dissect(p.bytes).summary)).toEqual(tcd.lines);
  });

  it('tshark decoded what the scenario intended, frame by frame', () => {
    tsh.rows.forEach((r, i) => {
      for (const [k, v] of Object.entries(intentFields(intents[i]))) {
        expect(norm(col(r, k)), `frame ${i + 1} ${k}`).toBe(v);
      }
    });
  });

  it('tshark found every checksum good (fragments unverifiable)', () => {
    tsh.rows.forEach((r, i) => {
      const frag = col(r, 'ipv6.nxt') === '44';
      for (const f of FIELDS.filter((x) => x.endsWith('.checksum.status'))) {
        const v = col(r, f);
        if (v === '') continue;
        expect(v, `frame ${i + 1} ${f}`).toBe(frag && f === 'udp.checksum.status' ? '2' : '1');
      }
    });
  });

  it('our dissector agrees with tshark on every recorded field', () => {
    tsh.rows.forEach((r, i) => {
      const ours = ourFields(dissect(packets[i].bytes), packets[i].timestampNs);
      tsh.header.forEach((name, k) => {
        expect(ours[name] ?? '', `frame ${i + 1} ${name}`).toBe(norm(r[k]));
      });
    });
  });

  it("the scenario's own counts equal tshark's", () => {
    expect(pick(scenario.counts())).toEqual(countsFromRows(tsh.header, tsh.rows));
  });

  it.skipIf(!TSHARK)('live tshark still prints the golden', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const f = join(dir, 'g.pcap');
    writeFileSync(f, pcap);
    expect(tsharkFields(f)).toEqual(tsh.rows);
  }, 60_000);

  it.skipIf(!TCPDUMP)('live tcpdump still prints the golden', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const f = join(dir, 'g.pcap');
    writeFileSync(f, pcap);
    expect(tcpdumpLines(f)).toEqual(tcd.lines);
  }, 60_000);
});

describe('the packet zoo (odd, broken and cut frames)', () => {
  const pk = zooPackets();
  const pcap = writePcap(pk, { nanosecond: true });
  const tsh = parseGolden(golden('tshark-zoo.tsv'));
  const tcd = parseTcpdumpGolden(golden('tcpdump-zoo.txt'));

  it('goldens are over these bytes', () => {
    expect(sha256(pcap)).toBe(tsh.meta.sha256);
    expect(sha256(pcap)).toBe(tcd.meta.sha256);
  });

  it.each(ZOO.map((z, i) => [z.name, i] as const))("%s: summary is tcpdump's", (_name, i) => {
    expect(dissect(pk[i].bytes).summary).toBe(tcd.lines[i]);
  });

  it.each(ZOO.map((z, i) => [z.name, i] as const))("%s: fields and checksum verdicts are tshark's", (name, i) => {
    const ours = ourFields(dissect(pk[i].bytes), pk[i].timestampNs);
    ours['frame.len'] = String(pk[i].origLen); // tshark's frame.len is the wire length
    const want: Record<string, string> = {};
    const got: Record<string, string> = {};
    tsh.header.forEach((f, k) => {
      if (ZOO_EXCEPTIONS[name]?.includes(f)) return;
      want[f] = norm(tsh.rows[i][k]);
      got[f] = ours[f] ?? '';
    });
    expect(got).toEqual(want);
  });

  it.skipIf(!TSHARK || !TCPDUMP)('live tools still print the goldens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const f = join(dir, 'zoo.pcap');
    writeFileSync(f, pcap);
    expect(tsharkFields(f)).toEqual(tsh.rows);
    expect(tcpdumpLines(f)).toEqual(tcd.lines);
  }, 60_000);
});

describe.skipIf(!TSHARK)('live tshark over larger runs', () => {
  it.each(['web', 'iperf', 'synflood', 'portscan', 'mixed', 'botnet'])('%s: 3000 packets, same count, counts and checksums', (name) => {
    const s = createScenario(name, { seed: 2026, count: 3000, payloadLen: 200 }).value!;
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const f = join(dir, `${name}.pcap`);
    writeFileSync(f, writePcap(s.packets()));
    const rows = tsharkFields(f);
    expect(rows.length).toBe(3000);
    expect(countsFromRows([...FIELDS], rows)).toEqual(pick(s.counts()));
    const statusCols = FIELDS.map((x, i) => [x, i] as const).filter(([x]) => x.endsWith('.checksum.status'));
    const bad = rows.flatMap((r, i) => statusCols.filter(([x, k]) => r[k] === '0' || (r[k] === '2' && !(x === 'udp.checksum.status' && r[FIELDS.indexOf('ipv6.nxt')] === '44'))).map(([x]) => `${i + 1}:${x}`));
    expect(bad).toEqual([]);
  }, 120_000);

  it('tshark converts our pcap to pcapng and our reader reads the same packets back', () => {
    const s = createScenario('mixed', { seed: 5, count: 200 }).value!;
    const pk = [...s.packets()];
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    writeFileSync(join(dir, 'a.pcap'), writePcap(pk, { nanosecond: true }));
    const r = spawnSync('tshark', ['-r', join(dir, 'a.pcap'), '-F', 'pcapng', '-w', join(dir, 'a.pcapng')]);
    expect(r.status).toBe(0);
    const cap = readCapture(new Uint8Array(readFileSync(join(dir, 'a.pcapng'))));
    expect(cap.diagnostics).toEqual([]);
    expect(cap.value.format).toBe('pcapng');
    expect(cap.value.packets.map((p) => [p.timestampNs, Buffer.from(p.bytes).toString('hex')]))
      .toEqual(pk.map((p) => [p.timestampNs, Buffer.from(p.bytes).toString('hex')]));
  }, 60_000);
});
