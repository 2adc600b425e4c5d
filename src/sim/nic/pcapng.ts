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
 * expected; packets before it are returned. Deliberately not here: writing pcapng (we write
 * libpcap, which every tool reads), Name Resolution / Interface Statistics / Decryption Secrets
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
