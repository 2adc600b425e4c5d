/**
 * bpf_skb_change_head, bpf_skb_adjust_room and bpf_fib_lookup's error paths against the 6.18
 * kernel: testdata/netextra.c compiled by our compiler, run as BPF_PROG_TEST_RUN runs it, and
 * compared with what the real kernel returned and left in data_out for the clang build
 * (testdata/netextra.json, recorded by testdata/recordNetExtra.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { hexOf } from '../../maps/index.ts';
import { loadC } from '../../../sim/nic/load.ts';
import { PACKETS_FOR_TEST } from './testdata/packets.ts';

// the machine may be shared and loaded: give whole-pipeline runs room
vi.setConfig({ testTimeout: 60_000 });

const DIR = 'src/kernel/helpers/impl/testdata';
const text = readFileSync(`${DIR}/netextra.c`, 'utf8');
const golden = JSON.parse(readFileSync(`${DIR}/netextra.json`, 'utf8')) as { programs: Record<string, Array<{ packet: 'udp' | 'arp'; retval: number; dataOut: string }>> };

/** Where the simulated host differs from this machine on purpose (see fib.ts). */
const HOST_DIFFERS: Record<string, number> = { fib_local: 4 }; // this machine: forwarding off → 5; the simulated router: local → NOT_FWDED

describe('skb reshaping and fib_lookup errors, as the 6.18 kernel gives them', () => {
  for (const [name, runs] of Object.entries(golden.programs)) {
    it(name, () => {
      const l = loadC(text, 'netextra.c', { program: name });
      if (!l.ok) expect.fail(l.error);
      for (const run of runs) {
        const out = l.kernel.run(l.prog, { packet: Buffer.from(PACKETS_FOR_TEST[run.packet], 'hex') });
        expect(out.error).toBeUndefined();
        expect(out.retval, `${run.packet} retval`).toBe(HOST_DIFFERS[name] ?? run.retval);
        expect(hexOf(out.packetOut!), `${run.packet} data_out`).toBe(run.dataOut);
      }
    });
  }
});
