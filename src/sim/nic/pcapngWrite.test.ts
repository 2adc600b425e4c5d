/**
 * The pcapng writer: its blocks byte for byte against the file tshark wrote for the same packets
 * (../testdata/mixed-12.pcapng, `tshark -F pcapng`), round trips through our reader, and — when
 * tshark is installed — a scenario exported as pcap and as pcapng opens in tshark with every
 * packet there (the golden comparison always runs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { main, type Io } from '../../cli/main.ts';
import { hasTool } from '../testdata/tools.ts';
import { readCapture, writePcap } from './pcap.ts';
import { readPcapng, writePcapng } from './pcapng.ts';
import { createScenario } from './scenario.ts';

// the machine may be shared and loaded: give whole-pipeline runs room
vi.setConfig({ testTimeout: 60_000 });

const testdata = join(dirname(fileURLToPath(import.meta.url)), '../testdata');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const TSHARK = hasTool('tshark');

describe('pcapng writer', () => {
  it("writes the interface and packet blocks tshark writes for the same packets", () => {
    const tshark = new Uint8Array(readFileSync(join(testdata, 'mixed-12.pcapng')));
    const pk = [...createScenario('mixed', { seed: 3, count: 12 }).value!.packets()];
    const ours = writePcapng(pk);
    // tshark's section header carries its name as an option; ours has none. After it: one IDB
    // (Ethernet, snaplen 262144, no options) and 12 EPBs with microsecond timestamps.
    const shbT = new DataView(tshark.buffer).getUint32(4, true);
    expect(hex(ours.subarray(0, 8))).toBe('0a0d0d0a1c000000');
    expect(hex(ours.subarray(8, 24))).toBe(hex(tshark.subarray(8, 24))); // byte order magic, version, length -1
    expect(hex(ours.subarray(28))).toBe(hex(tshark.subarray(shbT)));
  });

  it('round-trips through the reader, with nanoseconds (if_tsresol 9) and an interface name', () => {
    const pk = [...createScenario('web', { seed: 2, count: 50 }).value!.packets()];
    for (const nanosecond of [false, true]) {
      const f = writePcapng(pk, { nanosecond, ifName: 'eth0' });
      const r = readPcapng(f, 'x.pcapng');
      expect(r.diagnostics).toEqual([]);
      expect(r.value.packets.map((p) => [p.timestampNs, hex(p.bytes)])).toEqual(pk.map((p) => [nanosecond ? p.timestampNs : p.timestampNs - (p.timestampNs % 1000n), hex(p.bytes)]));
    }
    // if_name option: code 2, length 4, "eth0"
    expect(hex(writePcapng([], { ifName: 'eth0' }).subarray(28 + 16, 28 + 24))).toBe('02000400' + hex(new TextEncoder().encode('eth0')));
  });

  it('run --scenario --out x.pcapng writes what left the program, readable as pcapng', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nic-out-'));
    const files: Record<string, Uint8Array> = {};
    const io: Io = { out: () => {}, err: (s) => expect.fail(s), writeFile: (f, b) => void (files[f] = b as Uint8Array) };
    const code = await main(['run', 'examples/05-xdp-drop-udp/prog.c', '--scenario', 'iperf', '--seed', '7', '--count', '400', '--out', join(dir, 'o.pcapng')], io);
    expect(code).toBe(0);
    const c = readCapture(files[join(dir, 'o.pcapng')], 'o.pcapng');
    expect(c.value.format).toBe('pcapng');
    // the drop program keeps everything but IPv4 UDP to 5001
    const sc = createScenario('iperf', { seed: 7, count: 400 }).value!;
    expect(c.value.packets.length).toBe(400 - (sc.counts().udp4Dport[5001] ?? 0));
  });

  it('run --pcap IN --out x.pcapng writes pcapng too, nanosecond timestamps kept', async () => {
    const files: Record<string, Uint8Array> = {};
    const io: Io = { out: () => {}, err: (s) => expect.fail(s), writeFile: (f, b) => void (files[f] = b as Uint8Array) };
    const input = join(testdata, 'mixed-12-nsec.pcap');
    expect(await main(['run', 'examples/05-xdp-drop-udp/prog.c', '--pcap', input, '--out', 'x.pcapng', '--json'], io)).toBe(0);
    const inCap = readCapture(new Uint8Array(readFileSync(input)), 'in').value;
    const c = readCapture(files['x.pcapng'], 'x.pcapng');
    expect(c.diagnostics).toEqual([]);
    expect(c.value.format).toBe('pcapng');
    // the program drops IPv4 UDP to port 5001; every other packet leaves as it came
    const to5001 = inCap.packets.filter((p) => p.bytes[12] === 8 && p.bytes[13] === 0 && p.bytes[23] === 17 && ((p.bytes[36] << 8) | p.bytes[37]) === 5001).length;
    expect(c.value.packets.length).toBe(inCap.packets.length - to5001);
    const kept = inCap.packets.filter((p) => !(p.bytes[12] === 8 && p.bytes[13] === 0 && p.bytes[23] === 17 && ((p.bytes[36] << 8) | p.bytes[37]) === 5001));
    expect(c.value.packets.map((p) => [p.timestampNs, hex(p.bytes)])).toEqual(kept.map((p) => [p.timestampNs, hex(p.bytes)]));
  });

  it.skipIf(!TSHARK)('tshark opens a scenario exported as pcap and as pcapng with the same packet count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nic-tshark-'));
    const pk = [...createScenario('mixed', { seed: 5, count: 700 }).value!.packets()];
    writeFileSync(join(dir, 'a.pcap'), writePcap(pk, { nanosecond: true }));
    writeFileSync(join(dir, 'a.pcapng'), writePcapng(pk, { nanosecond: true, ifName: 'eth0' }));
    for (const f of ['a.pcap', 'a.pcapng']) {
      const r = spawnSync('tshark', ['-r', join(dir, f), '-T', 'fields', '-e', 'frame.len', '-e', 'frame.time_epoch'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines.length).toBe(700);
      lines.forEach((l, k) => expect(Number(l.split('\t')[0])).toBe(pk[k].bytes.length));
      const t0 = lines[0].split('\t')[1];
      expect(t0).toBe(`${pk[0].timestampNs / 1_000_000_000n}.${String(pk[0].timestampNs % 1_000_000_000n).padStart(9, '0')}`);
    }
  });
});
