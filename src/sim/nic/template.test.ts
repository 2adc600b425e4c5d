/**
 * The patched-template path gives the same bytes as building each spec from scratch: iperf's
 * datagrams across an IP-id wrap, and a template edit checked against a full rebuild.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildPacket } from './build.ts';
import { checksum } from './checksum.ts';
import { createScenario } from './scenario.ts';
import { packetTemplate } from './template.ts';

// the machine may be shared and loaded: give whole-pipeline runs room
vi.setConfig({ testTimeout: 60_000 });

describe('packet templates', () => {
  it('iperf packets from the template equal buildPacket(spec), packet by packet (70k packets: the IP id wraps)', () => {
    const s = createScenario('iperf', { seed: 3, count: 70000, ratePps: 1000 }).value!;
    let fast = 0;
    let k = 0;
    for (const it of s.intents()) {
      if (!it.build) continue;
      fast++;
      // every packet early on, then a stride (a full rebuild costs a sum over 1.5 kB)
      if (k++ % (k < 2000 ? 1 : 7) !== 0) continue;
      const want = buildPacket(it.spec);
      const got = it.build(it.spec);
      if (Buffer.compare(Buffer.from(got), Buffer.from(want)) !== 0) expect.fail(`packet ${it.index} differs`);
    }
    expect(fast).toBeGreaterThan(60000);
  });

  it('fixes the IPv4 and UDP checksums of an edited packet as a full rebuild would', () => {
    const spec = (id: number, pay: string) => ({ eth: { src: '52:54:00:00:00:02', dst: '52:54:00:12:34:56' }, ipv4: { src: '10.0.0.2', dst: '10.0.0.1', id }, udp: { sport: 1234, dport: 53 }, payload: pay });
    const t = packetTemplate(buildPacket(spec(1, 'abcdefgh')));
    const te = new TextEncoder();
    for (const [id, pay] of [[0xffff, 'zzzzzzzz'], [0, 'abcdefgh'], [0x1234, 'a\u0000\u0000\u0000\u0000\u0000\u0000h']] as const) {
      const got = t.emit([[18, id >> 8, id & 0xff], [42, ...te.encode(pay)]]);
      expect(Buffer.from(got).toString('hex')).toBe(Buffer.from(buildPacket(spec(id, pay))).toString('hex'));
      expect(checksum(got, 14, 34)).toBe(0); // the header sums to all ones
    }
  });
});
