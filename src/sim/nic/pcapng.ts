/**
 * pcapng reader (draft-ietf-opsawg-pcapng): sections, interfaces and packets.
 *
 *   every block:  +------------+-------------------+------ body ------+-------------------+
 *                 | type (4)   | total length (4)  | … (padded to 4)  | total length (4)  |
 *                 +------------+-------------------+------------------+-------------------+
 *   0x0A0D0D0A Section Header: byte-order magic 1A2B3C4D (sets the section's endianness),
 *              major 1, minor, section length (-1 = unknown), options
 *   0x00000001 Interface Description: link type, reserved, snap length, options
 *              (if_name = 2, if_tsresol = 9: 10^-n or, top bit set, 2^-n seconds; if_tsoffset = 14)
 *   0x00000006 Enhanced Packet: interface id, timestamp high/low, captured len, original len, data
 *   0x00000003 Simple Packet: original len, data (interface 0; captured = min(orig, snaplen, body))
 *   0x00000002 Packet (obsolete): interface id (2), drops (2), timestamp, captured, original, data
 *   anything else is skipped by its length. A new Section Header starts a new section whose
 *   interface ids count from 0 again.
 *
 * Never throws: the first malformed block gives a diagnostic at its byte offset saying what was
 * expected; packets before it are returned. `PcapngWriter` / `writePcapng` write one section with
 * one interface and Enhanced Packet Blocks (as tshark converts a libpcap file). Deliberately not
 * here: several interfaces per file, Name Resolution / Interface Statistics / Decryption Secrets
 * contents (skipped), per-packet options (flags, comments). Provenance: the IETF draft's block
 * layouts; our own code.
 */
import type { Diagnostic } from '../../diag/diagnostic.ts';
import { captureError, type Capture, type CaptureResult } from './pcap.ts';

interface Iface {
  linktype: number;
  snaplen: number;
  name?: string;
  /** Timestamp units per second as (10^n or 2^n). */
  unitsPerSec: bigint;
  /** if_tsoffset in seconds. */
  offsetSec: bigint;
}

const SHB = 0x0a0d0d0a;
const BOM = 0x1a2b3c4d;

export function readPcapng(bytes: Uint8Array, file = 'capture'): CaptureResult {
  const cap: Capture = { format: 'pcapng', linktype: 0, nanosecond: false, bigEndian: false, snaplen: 0, packets: [], sections: 0 };
  const diags: Diagnostic[] = [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (off: number, msg: string, len = 4): CaptureResult => {
    diags.push(captureError(file, off, msg, len));
    return { value: cap, diagnostics: diags };
  };
  let little = true;
  let ifaces: Iface[] = [];
  let off = 0;
  let firstIface = true;
  while (off < bytes.length) {
    if (bytes.length - off < 12) {
      return fail(off, `block header needs 12 bytes (type, length, trailing length), only ${bytes.length - off} remain (truncated file)`, bytes.length - off);
    }
    const typeBE = dv.getUint32(off, false);
    if (typeBE === SHB) {
      if (bytes.length - off < 28) return fail(off, `section header block needs at least 28 bytes, only ${bytes.length - off} remain`, bytes.length - off);
      const bom = dv.getUint32(off + 8, true);
      if (bom === BOM) little = true;
      else if (dv.getUint32(off + 8, false) === BOM) little = false;
      else return fail(off + 8, `expected the byte-order magic 1a2b3c4d in the section header, found ${dv.getUint32(off + 8, false).toString(16).padStart(8, '0')}`);
      const major = dv.getUint16(off + 12, little);
      if (major !== 1) return fail(off + 12, `expected pcapng major version 1, found ${major}`, 2);
      ifaces = [];
      cap.sections++;
      if (cap.sections === 1) cap.bigEndian = !little;
    } else if (cap.sections === 0) {
      return fail(off, `expected a section header block (0a0d0d0a) at the start of a pcapng file, found block type ${typeBE.toString(16).padStart(8, '0')}`);
    }
    const type = dv.getUint32(off, little);
    const len = dv.getUint32(off + 4, little);
    if (len < 12 || len % 4 !== 0) {
      return fail(off + 4, `block total length ${len} must be a multiple of 4 and at least 12`);
    }
    if (off + len > bytes.length) {
      return fail(off + 4, `block of type ${type} says ${len} bytes, only ${bytes.length - off} remain (truncated file)`);
    }
    const trail = dv.getUint32(off + len - 4, little);
    if (trail !== len) {
      return fail(off + len - 4, `trailing block length ${trail} does not match the leading length ${len} at offset ${off + 4}`);
    }
    const body = off + 8;
    const bodyEnd = off + len - 4;
    if (type === 1) {
      if (bodyEnd - body < 8) return fail(body, `interface description block body needs 8 bytes, has ${bodyEnd - body}`);
      const iface: Iface = {
        linktype: dv.getUint16(body, little),
        snaplen: dv.getUint32(body + 4, little),
        unitsPerSec: 1_000_000n,
        offsetSec: 0n,
      };
      const err = readOptions(dv, body + 8, bodyEnd, little, (code, o, n) => {
        if (code === 2) iface.name = new TextDecoder().decode(bytes.subarray(o, o + n)).replace(/\0+$/, '');
        else if (code === 9 && n >= 1) {
          const r = bytes[o];
          iface.unitsPerSec = r & 0x80 ? 1n << BigInt(r & 0x7f) : 10n ** BigInt(r);
        } else if (code === 14 && n >= 8) iface.offsetSec = dv.getBigInt64(o, little);
      });
      if (err) return fail(err.off, err.msg);
      ifaces.push(iface);
      if (firstIface) {
        cap.linktype = iface.linktype;
        cap.snaplen = iface.snaplen;
        firstIface = false;
      }
    } else if (type === 6 || type === 2) {
      const need = 20;
      if (bodyEnd - body < need) return fail(body, `${type === 6 ? 'enhanced' : 'obsolete'} packet block body needs ${need} bytes, has ${bodyEnd - body}`);
      const ifid = type === 6 ? dv.getUint32(body, little) : dv.getUint16(body, little);
      if (ifid >= ifaces.length) {
        return fail(body, `packet refers to interface ${ifid}, but this section has ${ifaces.length} interface description block(s) before it`);
      }
      const iface = ifaces[ifid];
      const tsHi = dv.getUint32(body + 4, little), tsLo = dv.getUint32(body + 8, little);
      const caplen = dv.getUint32(body + 12, little), origlen = dv.getUint32(body + 16, little);
      const data = body + 20;
      if (data + caplen > bodyEnd) {
        return fail(body + 12, `captured length ${caplen} runs past the end of the block (${bodyEnd - data} bytes of data room)`);
      }
      const units = (BigInt(tsHi) << 32n) | BigInt(tsLo);
      cap.packets.push({
        timestampNs: (units * 1_000_000_000n) / iface.unitsPerSec + iface.offsetSec * 1_000_000_000n,
        bytes: bytes.slice(data, data + caplen),
        origLen: Math.max(origlen, caplen),
        linktype: iface.linktype,
        interfaceId: ifid,
        interfaceName: iface.name,
        offset: off,
      });
    } else if (type === 3) {
      if (ifaces.length === 0) return fail(off, 'simple packet block before any interface description block');
      if (bodyEnd - body < 4) return fail(body, `simple packet block body needs 4 bytes, has ${bodyEnd - body}`);
      const origlen = dv.getUint32(body, little);
      const iface = ifaces[0];
      let caplen = Math.min(origlen, bodyEnd - body - 4);
      if (iface.snaplen > 0) caplen = Math.min(caplen, iface.snaplen);
      cap.packets.push({
        timestampNs: 0n,
        bytes: bytes.slice(body + 4, body + 4 + caplen),
        origLen: origlen,
        linktype: iface.linktype,
        interfaceId: 0,
        interfaceName: iface.name,
        offset: off,
      });
    }
    // section header's options and every other block type: skipped by length
    off += len;
  }
  if (cap.sections === 0) return fail(0, 'empty file: expected a section header block');
  return { value: cap, diagnostics: diags };
}

/** Walk an options list; `visit(code, valueOffset, valueLength)`. Returns an error on a bad option. */
function readOptions(
  dv: DataView, start: number, end: number, little: boolean,
  visit: (code: number, off: number, len: number) => void,
): { off: number; msg: string } | undefined {
  let o = start;
  while (o + 4 <= end) {
    const code = dv.getUint16(o, little);
    const n = dv.getUint16(o + 2, little);
    if (code === 0) return undefined;
    if (o + 4 + n > end) return { off: o + 2, msg: `option ${code} says ${n} bytes, only ${end - o - 4} remain in the block` };
    visit(code, o + 4, n);
    o += 4 + ((n + 3) & ~3);
  }
  return undefined;
}

export interface PcapngWriteOptions {
  /** Nanosecond timestamps (if_tsresol 9); default false: microseconds, pcapng's default resolution. */
  nanosecond?: boolean;
  /** Snap length of the interface (default 262144). */
  snaplen?: number;
  /** Link type (default 1, Ethernet). */
  linktype?: number;
  /** if_name of the interface, when given. */
  ifName?: string;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * Incremental pcapng writer (little-endian): a Section Header Block (version 1.0, section length
 * unknown, no options), one Interface Description Block, then one Enhanced Packet Block per packet
 * on interface 0, without options — the blocks tshark writes for a converted libpcap file.
 */
export class PcapngWriter {
  private chunks: Uint8Array[] = [];
  private readonly ns: boolean;
  private readonly snaplen: number;
  count = 0;

  constructor(opts: PcapngWriteOptions = {}) {
    this.ns = opts.nanosecond ?? false;
    this.snaplen = opts.snaplen ?? 262144;
    const shb = new Uint8Array(28);
    const s = new DataView(shb.buffer);
    s.setUint32(0, SHB, true);
    s.setUint32(4, 28, true);
    s.setUint32(8, BOM, true);
    s.setUint16(12, 1, true);
    s.setUint16(14, 0, true);
    s.setBigInt64(16, -1n, true);
    s.setUint32(24, 28, true);
    this.chunks.push(shb);
    // options: if_name (2), if_tsresol (9), opt_endofopt
    const opts2: Uint8Array[] = [];
    const opt = (code: number, value: Uint8Array) => {
      const o = new Uint8Array(4 + pad4(value.length));
      const d = new DataView(o.buffer);
      d.setUint16(0, code, true);
      d.setUint16(2, value.length, true);
      o.set(value, 4);
      opts2.push(o);
    };
    if (opts.ifName !== undefined) opt(2, new TextEncoder().encode(opts.ifName));
    if (this.ns) opt(9, Uint8Array.of(9));
    if (opts2.length) opts2.push(new Uint8Array(4));
    const optLen = opts2.reduce((a, o) => a + o.length, 0);
    const idb = new Uint8Array(20 + optLen);
    const i = new DataView(idb.buffer);
    i.setUint32(0, 1, true);
    i.setUint32(4, idb.length, true);
    i.setUint16(8, opts.linktype ?? 1, true);
    i.setUint32(12, this.snaplen, true);
    let o = 16;
    for (const x of opts2) {
      idb.set(x, o);
      o += x.length;
    }
    i.setUint32(idb.length - 4, idb.length, true);
    this.chunks.push(idb);
  }

  add(p: { timestampNs: bigint | number; bytes: Uint8Array; origLen?: number }): void {
    const ts = BigInt(p.timestampNs);
    const units = this.ns ? ts : ts / 1000n;
    const caplen = Math.min(p.bytes.length, this.snaplen);
    const len = 32 + pad4(caplen);
    const b = new Uint8Array(len);
    const d = new DataView(b.buffer);
    d.setUint32(0, 6, true);
    d.setUint32(4, len, true);
    d.setUint32(8, 0, true);
    d.setUint32(12, Number(BigInt.asUintN(32, units >> 32n)), true);
    d.setUint32(16, Number(BigInt.asUintN(32, units)), true);
    d.setUint32(20, caplen, true);
    d.setUint32(24, Math.max(p.origLen ?? p.bytes.length, caplen), true);
    b.set(p.bytes.subarray(0, caplen), 28);
    d.setUint32(len - 4, len, true);
    this.chunks.push(b);
    this.count++;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((a, c) => a + c.length, 0));
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

/** Write packets as a pcapng file (one section, one interface). */
export function writePcapng(packets: Iterable<{ timestampNs: bigint | number; bytes: Uint8Array; origLen?: number }>, opts: PcapngWriteOptions = {}): Uint8Array {
  const w = new PcapngWriter(opts);
  for (const p of packets) w.add(p);
  return w.finish();
}
