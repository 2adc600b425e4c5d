/**
 * Capture files: the libpcap format (writer and reader) and `readCapture`, which reads either a
 * libpcap or a pcapng file (pcapng.ts) by its magic number.
 *
 *   libpcap file:  global header (24 bytes)            then per packet: record header (16 bytes)
 *   +----------+-------+-------+---------+---------+----------+   +-------+---------+--------+--------+
 *   | magic    | major | minor | thiszone| sigfigs | snaplen  |   | ts_sec| ts_frac | caplen | origlen| data…
 *   | 4        | 2 (2) | 2 (4) | 4       | 4       | 4 | linktype 4 |   4   |    4    |   4    |   4    |
 *   +----------+-------+-------+---------+---------+----------+   +-------+---------+--------+--------+
 *   magic a1b2c3d4 = microsecond timestamps, a1b23c4d = nanosecond; written in the writer's byte
 *   order, so reading d4c3b2a1 / 4d3cb2a1 means the other endianness.
 *
 * Reading never throws: a malformed or truncated file gives a diagnostic whose span is the byte
 * offset of the problem and whose message says what was expected there; the packets before it are
 * still returned. Deliberately not here: the FCS-length bits of the linktype field, the
 * "modified" pcap variants (Kuznetzov, Nokia) — rejected as unknown magic. Provenance: the format
 * as documented in draft-ietf-opsawg-pcap and pcap-savefile(5); our own code.
 */
import { DiagCode } from '../../diag/codes.ts';
import type { Diagnostic } from '../../diag/diagnostic.ts';
import { readPcapng } from './pcapng.ts';

export const LINKTYPE_ETHERNET = 1;

/** One packet of a capture. */
export interface CapturedPacket {
  /** Absolute time in nanoseconds since the Unix epoch. */
  timestampNs: bigint;
  /** Captured bytes (may be shorter than origLen when the capture had a snap length). */
  bytes: Uint8Array;
  /** Length of the packet on the wire. */
  origLen: number;
  /** Link type of the interface it was captured on (1 = Ethernet). */
  linktype: number;
  /** pcapng: index of the interface in its section (0 for libpcap). */
  interfaceId: number;
  /** pcapng: the interface's if_name option, when present. */
  interfaceName?: string;
  /** File offset of the packet's record (for error messages and a hex view of the file). */
  offset: number;
}

export interface Capture {
  format: 'pcap' | 'pcapng';
  /** libpcap: the header's link type; pcapng: the first interface's. */
  linktype: number;
  /** libpcap: whether timestamps were nanoseconds; pcapng: false. */
  nanosecond: boolean;
  bigEndian: boolean;
  snaplen: number;
  packets: CapturedPacket[];
  /** pcapng: number of sections read (1 for libpcap). */
  sections: number;
}

export interface CaptureResult {
  /** Always present; on error holds the packets read before the problem. */
  value: Capture;
  diagnostics: Diagnostic[];
}

/** A diagnostic at file offset `offset`. */
export function captureError(file: string, offset: number, message: string, len = 1): Diagnostic {
  return {
    code: DiagCode.BadCapture,
    severity: 'error',
    message: `offset ${offset}: ${message}`,
    span: { file, start: offset, end: offset + len },
  };
}

/** Read a libpcap or pcapng file, chosen by magic number. Never throws. */
export function readCapture(bytes: Uint8Array, file = 'capture'): CaptureResult {
  if (bytes.length >= 4) {
    const m = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    if (m === 0x0a0d0d0a) return readPcapng(bytes, file);
  }
  return readPcap(bytes, file);
}

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;

/** Read a libpcap file. Never throws. */
export function readPcap(bytes: Uint8Array, file = 'capture'): CaptureResult {
  const cap: Capture = { format: 'pcap', linktype: 0, nanosecond: false, bigEndian: false, snaplen: 0, packets: [], sections: 1 };
  const diags: Diagnostic[] = [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24) {
    diags.push(captureError(file, 0, `pcap file header needs 24 bytes, the file has ${bytes.length}`));
    return { value: cap, diagnostics: diags };
  }
  const be = dv.getUint32(0, false);
  const le = dv.getUint32(0, true);
  let little: boolean;
  if (be === MAGIC_US || be === MAGIC_NS) little = false;
  else if (le === MAGIC_US || le === MAGIC_NS) little = true;
  else {
    diags.push(captureError(file, 0, `expected a pcap magic number (a1b2c3d4 or a1b23c4d, either byte order) or pcapng's 0a0d0d0a, found ${be.toString(16).padStart(8, '0')}`, 4));
    return { value: cap, diagnostics: diags };
  }
  const magic = little ? le : be;
  cap.nanosecond = magic === MAGIC_NS;
  cap.bigEndian = !little;
  const major = dv.getUint16(4, little);
  const minor = dv.getUint16(6, little);
  if (major !== 2) {
    diags.push(captureError(file, 4, `expected pcap version 2.x, found ${major}.${minor}`, 4));
    return { value: cap, diagnostics: diags };
  }
  cap.snaplen = dv.getUint32(16, little);
  cap.linktype = dv.getUint32(20, little) & 0x0fffffff; // upper bits: FCS length flags
  let off = 24;
  while (off < bytes.length) {
    if (bytes.length - off < 16) {
      diags.push(captureError(file, off, `packet record header needs 16 bytes, only ${bytes.length - off} remain (truncated file)`, bytes.length - off));
      break;
    }
    const sec = dv.getUint32(off, little);
    const frac = dv.getUint32(off + 4, little);
    const caplen = dv.getUint32(off + 8, little);
    const origlen = dv.getUint32(off + 12, little);
    if (frac >= (cap.nanosecond ? 1_000_000_000 : 1_000_000)) {
      diags.push(captureError(file, off + 4, `timestamp fraction ${frac} is not below one second in ${cap.nanosecond ? 'nanoseconds' : 'microseconds'}`, 4));
      break;
    }
    if (caplen > Math.max(cap.snaplen, 262144)) {
      diags.push(captureError(file, off + 8, `captured length ${caplen} exceeds both the snap length ${cap.snaplen} and 262144, the largest libpcap accepts`, 4));
      break;
    }
    if (off + 16 + caplen > bytes.length) {
      diags.push(captureError(file, off + 16, `packet data needs ${caplen} bytes (captured length at offset ${off + 8}), only ${bytes.length - off - 16} remain (truncated file)`, bytes.length - off - 16));
      break;
    }
    if (origlen < caplen) {
      diags.push(captureError(file, off + 12, `original length ${origlen} is smaller than the captured length ${caplen}`, 4));
      break;
    }
    cap.packets.push({
      timestampNs: BigInt(sec) * 1_000_000_000n + BigInt(cap.nanosecond ? frac : frac * 1000),
      bytes: bytes.slice(off + 16, off + 16 + caplen),
      origLen: origlen,
      linktype: cap.linktype,
      interfaceId: 0,
      offset: off,
    });
    off += 16 + caplen;
  }
  return { value: cap, diagnostics: diags };
}

export interface PcapWriteOptions {
  /** Nanosecond timestamps (magic a1b23c4d); default false (microseconds, read everywhere). */
  nanosecond?: boolean;
  /** Write big-endian headers; default false (little-endian, as x86 tcpdump writes). */
  bigEndian?: boolean;
  /** Snap length: longer packets are cut to it (default 262144, tcpdump's). */
  snaplen?: number;
  /** Link type (default 1, LINKTYPE_ETHERNET). */
  linktype?: number;
}

export interface PacketToWrite {
  timestampNs: bigint | number;
  bytes: Uint8Array;
  /** Length on the wire (default bytes.length). */
  origLen?: number;
}

/** Incremental libpcap writer: add packets one at a time, then `finish()` for the file bytes. */
export class PcapWriter {
  private chunks: Uint8Array[] = [];
  private readonly little: boolean;
  private readonly ns: boolean;
  private readonly snaplen: number;
  /** Packets added so far. */
  count = 0;

  constructor(opts: PcapWriteOptions = {}) {
    this.little = !opts.bigEndian;
    this.ns = opts.nanosecond ?? false;
    this.snaplen = opts.snaplen ?? 262144;
    const h = new Uint8Array(24);
    const dv = new DataView(h.buffer);
    dv.setUint32(0, this.ns ? MAGIC_NS : MAGIC_US, this.little);
    dv.setUint16(4, 2, this.little);
    dv.setUint16(6, 4, this.little);
    dv.setUint32(16, this.snaplen, this.little);
    dv.setUint32(20, opts.linktype ?? LINKTYPE_ETHERNET, this.little);
    this.chunks.push(h);
  }

  add(p: PacketToWrite): void {
    const ts = BigInt(p.timestampNs);
    const caplen = Math.min(p.bytes.length, this.snaplen);
    const rec = new Uint8Array(16 + caplen);
    const dv = new DataView(rec.buffer);
    const sec = ts / 1_000_000_000n;
    const nsec = ts % 1_000_000_000n;
    dv.setUint32(0, Number(BigInt.asUintN(32, sec)), this.little);
    dv.setUint32(4, Number(this.ns ? nsec : nsec / 1000n), this.little);
    dv.setUint32(8, caplen, this.little);
    dv.setUint32(12, Math.max(p.origLen ?? p.bytes.length, caplen), this.little);
    rec.set(p.bytes.subarray(0, caplen), 16);
    this.chunks.push(rec);
    this.count++;
  }

  /** The file so far as one byte array. */
  finish(): Uint8Array {
    let n = 0;
    for (const c of this.chunks) n += c.length;
    const out = new Uint8Array(n);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

/** Write packets as a libpcap file. */
export function writePcap(packets: Iterable<PacketToWrite>, opts: PcapWriteOptions = {}): Uint8Array {
  const w = new PcapWriter(opts);
  for (const p of packets) w.add(p);
  return w.finish();
}
