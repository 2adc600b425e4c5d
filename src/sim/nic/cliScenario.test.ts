/**
 * `run FILE --scenario …` options of the user-space side: --poll-every / --perf-pages (a reader
 * that polls late, small perf buffers), --udp-port (a socket filter on a UDP socket), and the
 * usage errors around them. Expected numbers come from the scenario's own counts and from the
 * program's own loss counters, not from the CLI's text.
 */
import { describe, expect, it, vi } from 'vitest';
import { main, type Io } from '../../cli/main.ts';
import { createScenario } from './scenario.ts';

vi.setConfig({ testTimeout: 60_000 });

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: () => {} };
  const code = await main(['run', ...args], io);
  return { code, out, err };
}
const le = (hex: string) => Number(Buffer.from(hex, 'hex').readBigUInt64LE(0));

describe('run --scenario: the reader and the socket', () => {
  it('--poll-every 512 --perf-pages 1: the perf losses reported are the ones the program counted', async () => {
    const r = await run(['examples/14-ringbuf-vs-perfbuf/prog.c', '--scenario', 'iperf', '--seed', '7', '--count', '3000', '--poll-every', '512', '--perf-pages', '1', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out[0]);
    const counts = j.maps.counts as Record<string, string>;
    const sent = Object.values(createScenario('iperf', { seed: 7, count: 3000 }).value!.counts().udp4Dport).reduce((a, b) => a + b, 0);
    expect(le(counts['02000000'])).toBe(sent);
    expect(j.delivered['perf pb lost']).toBe(le(counts['01000000']));
    expect(j.delivered['perf pb lost']).toBeGreaterThan(0);
    // delivered records on both sides plus the losses make two per datagram
    expect(j.events + le(counts['00000000']) + le(counts['01000000'])).toBe(2 * sent);
  });

  it('without a late reader nothing is lost', async () => {
    const r = await run(['examples/14-ringbuf-vs-perfbuf/prog.c', '--scenario', 'iperf', '--seed', '7', '--count', '1000', '--json']);
    const j = JSON.parse(r.out[0]);
    expect(le(j.maps.counts['00000000']) + le(j.maps.counts['01000000'])).toBe(0);
    expect(j.delivered['perf pb lost']).toBeUndefined();
  });

  it('--udp-port: only datagrams to the port reach the filter', async () => {
    const src = 'examples/16-socket-dns-only/prog.c';
    const r = await run([src, '--scenario', 'web', '--seed', '7', '--count', '500', '--udp-port', '53', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out[0]);
    const to53 = createScenario('web', { seed: 7, count: 500 }).value!.counts().udpDport[53] ?? 0;
    expect(to53).toBeGreaterThan(0);
    // the filter reads an IP header at offset 0, but a UDP socket's filter starts at the UDP header
    expect((j.verdicts.keep ?? 0) + (j.verdicts.drop ?? 0)).toBe(to53);
  });

  it('refuses bad combinations with a usage error', async () => {
    for (const args of [
      ['examples/14-ringbuf-vs-perfbuf/prog.c', '--scenario', 'iperf', '--perf-pages', '2'],
      ['examples/14-ringbuf-vs-perfbuf/prog.c', '--scenario', 'iperf', '--poll-every', '8', '--perf-pages', '3'],
      ['examples/14-ringbuf-vs-perfbuf/prog.c', '--scenario', 'iperf', '--udp-port', '53'],
      ['examples/14-ringbuf-vs-perfbuf/prog.c', '--packet', '00', '--poll-every', '8'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.join('\n')).toMatch(/--(perf-pages|udp-port|poll-every)/);
    }
  });
});
