/**
 * Shared by the recorder (record.ts) and the tests: which scenario runs are recorded, which
 * fields tshark prints for them, how tshark and tcpdump are invoked, and how to read the golden
 * files back.
 *
 * A golden `tshark-<scenario>.tsv` is: comment lines (`# key=value ...`, including the sha256 of the
 * pcap that was given to tshark), one header line of field names, then tshark's
 * `-T fields` output, one line per frame, tab-separated.
 *
 * Deliberately not here: any assertion (the tests make them). Provenance: tshark option and field
 * names from Wireshark's documentation; our own code.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createScenario, type Scenario, type ScenarioOptions } from '../nic/scenario.ts';
import { PcapWriter } from '../nic/pcap.ts';

/** The scenario runs recorded as goldens. */
export const GOLDEN_RUNS: Array<{ name: string; opts: ScenarioOptions }> = [
  { name: 'web', opts: { seed: 7, count: 80 } },
  { name: 'iperf', opts: { seed: 7, count: 60, payloadLen: 64 } },
  { name: 'synflood', opts: { seed: 7, count: 60 } },
  { name: 'portscan', opts: { seed: 7, count: 60 } },
  { name: 'mixed', opts: { seed: 7, count: 120 } },
];

export const FIELDS = [
  'frame.time_epoch', 'frame.len', 'eth.dst', 'eth.src', 'vlan.id',
  'arp.opcode', 'arp.src.proto_ipv4', 'arp.dst.proto_ipv4',
  'ip.src', 'ip.dst', 'ip.len', 'ip.ttl', 'ip.proto', 'ip.flags', 'ip.checksum', 'ip.checksum.status',
  'ipv6.src', 'ipv6.dst', 'ipv6.plen', 'ipv6.nxt', 'ipv6.hlim',
  'udp.srcport', 'udp.dstport', 'udp.length', 'udp.checksum', 'udp.checksum.status',
  'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.window_size_value', 'tcp.hdr_len',
  'tcp.checksum', 'tcp.checksum.status', 'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.options.timestamp.tsval',
  'icmp.type', 'icmp.code', 'icmp.checksum.status', 'icmpv6.type', 'icmpv6.code', 'icmpv6.checksum.status',
] as const;

/** Checksum verification on, reassembly off (so each frame's own headers are shown). */
export const TSHARK_PREFS = [
  '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE',
  '-o', 'ip.defragment:FALSE', '-o', 'ipv6.defragment:FALSE', '-o', 'tcp.desegment_tcp_streams:FALSE',
];

/** Whether `tshark` / `tcpdump` can be run here. */
export function hasTool(tool: 'tshark' | 'tcpdump'): boolean {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

export function toolVersion(tool: 'tshark' | 'tcpdump'): string {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return (tool === 'tshark' ? /TShark \(Wireshark\) (\S+)/ : /tcpdump version (\S+)/).exec(text)?.[1] ?? 'unknown';
}

export function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** `tcpdump -n -S -t -r file`: one line per frame (hex-dump continuation lines dropped). */
export function tcpdumpLines(file: string): string[] {
  const r = spawnSync('tcpdump', ['-n', '-S', '-t', '-r', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`tcpdump failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.length > 0 && !l.startsWith('\t'));
}

/** Run tshark over a capture file and return its field rows. */
export function tsharkFields(file: string, fields: readonly string[] = FIELDS): string[][] {
  const args = ['-n', '-r', file, ...TSHARK_PREFS, '-E', 'occurrence=f', '-T', 'fields'];
  for (const f of fields) args.push('-e', f);
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`tshark failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
}

/** The scenario of a golden run and its pcap (nanosecond timestamps, little-endian). */
export function goldenPcap(run: { name: string; opts: ScenarioOptions }): { scenario: Scenario; pcap: Uint8Array; sha256: string } {
  const scenario = createScenario(run.name, run.opts).value!;
  const w = new PcapWriter({ nanosecond: true });
  for (const p of scenario.packets()) w.add(p);
  const pcap = w.finish();
  return { scenario, pcap, sha256: sha256(pcap) };
}

export interface Golden {
  meta: Record<string, string>;
  header: string[];
  rows: string[][];
}

/** A tcpdump golden: its `# key=value` comments and its lines. */
export function parseTcpdumpGolden(text: string): { meta: Record<string, string>; lines: string[] } {
  const meta: Record<string, string> = {};
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# ')) for (const m of line.slice(2).matchAll(/(\S+)=(\S+)/g)) meta[m[1]] = m[2];
    else if (line.length) lines.push(line);
  }
  return { meta, lines };
}

export function parseGolden(text: string): Golden {
  const meta: Record<string, string> = {};
  let header: string[] = [];
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) {
      for (const m of line.slice(1).matchAll(/(\S+)=(\S+)/g)) meta[m[1]] = m[2];
    } else if (line.length && header.length === 0) {
      header = line.split('\t');
    } else if (line.length) {
      rows.push(line.split('\t'));
    }
  }
  return { meta, header, rows };
}
