/**
 * Replay a capture file on the virtual NIC: the packets of a `Capture` (pcap.ts) as the
 * `SimPacket`s a scenario would produce — arriving on one interface (default eth0), in file order,
 * at their capture timestamps, each on the RX queue receive-side scaling would pick for its
 * 5-tuple (interfaces.ts `rssQueue`, read from the dissected headers).
 *
 * Only Ethernet frames can enter an Ethernet NIC: packets of another link type are left out, each
 * with a warning at its file offset. Deliberately not here: rewriting MACs or addresses to the
 * simulated host's, timestamp rebasing. Provenance: our own code.
 */
import { DiagCode } from '../../diag/codes.ts';
import type { Diagnostic } from '../../diag/diagnostic.ts';
import { parseIP } from './addr.ts';
import { dissect, LINKTYPE_ETHERNET } from './dissect.ts';
import { IFINDEX_ETH0, interfaceByIndex, rssQueue } from './interfaces.ts';
import type { Capture } from './pcap.ts';
import type { SimPacket } from './scenario.ts';

export function packetsFromCapture(cap: Capture, opts: { ifindex?: number; file?: string } = {}): { value: SimPacket[]; diagnostics: Diagnostic[] } {
  const ifindex = opts.ifindex ?? IFINDEX_ETH0;
  const file = opts.file ?? 'capture';
  const diagnostics: Diagnostic[] = [];
  const nic = interfaceByIndex(ifindex);
  if (!nic) {
    return { value: [], diagnostics: [{ code: DiagCode.BadOption, severity: 'error', message: `no interface with ifindex ${ifindex} (lo = 1, eth0 = 2, eth1 = 3)` }] };
  }
  const value: SimPacket[] = [];
  cap.packets.forEach((p, i) => {
    if (p.linktype !== LINKTYPE_ETHERNET) {
      diagnostics.push({
        code: DiagCode.BadCapture, severity: 'warning', span: { file, start: p.offset, end: p.offset + 1 },
        message: `offset ${p.offset}: packet ${i + 1} has link type ${p.linktype}, not Ethernet (1); left out`,
      });
      return;
    }
    value.push({ timestampNs: p.timestampNs, ifindex, rxQueue: queueFor(p.bytes, nic.rxQueues), bytes: p.bytes });
  });
  return { value, diagnostics };
}

/** RSS queue from the frame's own IP addresses, protocol and ports (queue 0 for non-IP). */
function queueFor(frame: Uint8Array, nqueues: number): number {
  if (nqueues <= 1) return 0;
  const fields = new Map<string, number | string>();
  let proto = 0;
  let fragment = false;
  for (const l of dissect(frame).layers) {
    if (l.quoted) break;
    for (const f of l.fields) if (!fields.has(f.name)) fields.set(f.name, f.value);
    if (l.proto === 'tcp') proto = 6;
    else if (l.proto === 'udp') proto = 17;
    else if (l.proto === 'icmp') proto = 1;
    else if (l.proto === 'icmpv6') proto = 58;
    else if (l.proto === 'ipv6.fragment') fragment = true;
  }
  if (Number(fields.get('ip.frag_offset') ?? 0) > 0 || (Number(fields.get('ip.flags') ?? 0) & 1)) fragment = true;
  const src = parseIP(String(fields.get('ip.src') ?? fields.get('ipv6.src') ?? ''));
  const dst = parseIP(String(fields.get('ip.dst') ?? fields.get('ipv6.dst') ?? ''));
  if (!src || !dst) return 0;
  // fragments hash on the addresses only: later fragments carry no ports, and all must agree
  if (fragment) return rssQueue(nqueues, src.bytes, dst.bytes, 0, 0, 0);
  const sport = Number(fields.get('tcp.srcport') ?? fields.get('udp.srcport') ?? 0);
  const dport = Number(fields.get('tcp.dstport') ?? fields.get('udp.dstport') ?? 0);
  return rssQueue(nqueues, src.bytes, dst.bytes, proto, sport, dport);
}
