/**
 * run --pcap IN --out OUT: one run per captured packet against the same maps, and a pcap of what
 * left the program. The expectation is the traffic scenario's own count of what it sent (UDP/IPv4
 * to port 5001), independent of the program.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScenario, readCapture, writePcap } from '../sim/index.ts';
import { main, type Io } from './main.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, Uint8Array | string>();
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: (p, d) => files.set(p, d) };
  const code = await main(argv, io);
  return { code, out, err, files };
}

describe('run --pcap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcap-'));
  const s = createScenario('iperf', { seed: 11, count: 300 }).value!;
  const file = join(dir, 'iperf.pcap');
  writeFileSync(file, writePcap([...s.packets()]));
  const toPort5001 = s.counts().udp4Dport[5001];

  it('drops exactly the scenario’s UDP/IPv4 packets to port 5001 and writes the rest', async () => {
    const r = await cli('run', 'src/cli/testdata/xdp-drop-udp5001.s', '--type', 'xdp', '--pcap', file, '--out', 'out.pcap', '--json');
    expect(r.err).toEqual([]);
    const runs = r.out.map((l) => JSON.parse(l));
    expect(runs).toHaveLength(300);
    expect(toPort5001).toBeGreaterThan(100);
    expect(runs.filter((x) => x.retvalName === 'XDP_DROP')).toHaveLength(toPort5001);
    const written = readCapture(r.files.get('out.pcap') as Uint8Array, 'out.pcap');
    expect(written.diagnostics).toEqual([]);
    expect(written.value.packets).toHaveLength(300 - toPort5001);
  });
  it('rejects a corrupt capture in one line with the offset', async () => {
    const bad = join(dir, 'bad.pcap');
    writeFileSync(bad, Uint8Array.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]));
    const r = await cli('run', 'src/cli/testdata/xdp-drop-udp5001.s', '--type', 'xdp', '--pcap', bad);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/bad\.pcap: error: offset \d+: /);
  });
});

describe('run --scenario', () => {
  it('drops exactly the UDP/IPv4 packets to 5001 the scenario says it sent, on both engines, deterministically', async () => {
    const args = ['run', 'src/cli/testdata/xdp-drop-udp5001.s', '--type', 'xdp', '--scenario', 'iperf', '--seed', '5', '--count', '2000', '--json'];
    const fast = await cli(...args);
    expect(fast.err).toEqual([]);
    const f = JSON.parse(fast.out[0]);
    expect(f.packets).toBe(2000);
    expect(f.engine).toBe('fast');
    // the scenario's own tally, computed from what it decided to send, not from the program
    const own = createScenario('iperf', { seed: 5, count: 2000 }).value!.counts().udp4Dport[5001];
    expect(f.verdicts.XDP_DROP).toBe(own);
    expect(f.verdicts.XDP_PASS).toBe(2000 - own);
    const ref = JSON.parse((await cli(...args, '--engine', 'ref')).out[0]);
    expect({ ...ref, engine: 0, nsPerPacket: 0 }).toEqual({ ...f, engine: 0, nsPerPacket: 0 });
  });
  it('rejects an unknown scenario and stray scenario options in one line', async () => {
    const r = await cli('run', 'src/cli/testdata/xdp-drop-udp5001.s', '--type', 'xdp', '--scenario', 'nope');
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/unknown scenario 'nope'/);
    const r2 = await cli('run', 'src/cli/testdata/xdp-drop-udp5001.s', '--type', 'xdp', '--packet', '00', '--seed', '3');
    expect(r2.err[0]).toMatch(/--seed goes with --scenario/);
  });
});
