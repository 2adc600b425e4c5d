/**
 * bpf_perf_event_output against a perf ring that fills up (hand-computed): each sample takes an
 * 8-byte perf_event_header + its u32 size + data padded to 8 bytes; one that does not fit is lost
 * (-ENOSPC, counted per CPU) until the reader drains the ring; and the slot of another CPU is
 * -EOPNOTSUPP (a perf event can only be written on its own CPU).
 */
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../asm/index.ts';
import { PerfEventArrayMap } from '../../maps/index.ts';
import { createKernel } from '../../run/kernel.ts';

const UDP = Uint8Array.from(Buffer.from('02000000000202000000000108004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000', 'hex'));

/** 12 outputs of 400 stack bytes to slot FLAGS; returns ok_count * 1000 + errno of the last failure. */
const prog = (flags: string) => `  r6 = r1
  r7 = 0
  r8 = 0
  r9 = 0
loop:
  r1 = r6
  r2 = pe ll
  r3 = ${flags} ll
  r4 = r10
  r4 += -400
  r5 = 400
  call 25
  if r0 != 0 goto fail
  r8 += 1
  goto next
fail:
  r9 = r0
next:
  r7 += 1
  if r7 < 12 goto loop
  r9 = -r9
  r0 = r8
  r0 *= 1000
  r0 += r9
  exit
`;

function setup(flags = '0xffffffff') {
  const k = createKernel({ cpus: 2 });
  const c = k.createMap({ name: 'pe', type: 'perf_event_array', keySize: 4, valueSize: 4, maxEntries: 2 });
  if (!c.ok) throw new Error(c.message);
  const a = assemble(prog(flags), { file: 'perf.s' });
  expect(a.diagnostics).toEqual([]);
  const p = k.load(a.insns, { type: 'xdp', relocs: a.relocs });
  if (!p.ok) throw new Error(p.message);
  return { k, pe: c.map as PerfEventArrayMap, run: (cpu = 0) => k.run(p.prog, { packet: UDP, cpu }) };
}

describe('bpf_perf_event_output and the perf ring', () => {
  it('a reader that keeps up loses nothing', () => {
    const { run } = setup();
    const r = run();
    expect(r.retval).toBe(12_000);
    expect(r.events.length).toBe(12);
    expect(r.events.every((e) => e.kind === 'perf' && e.data.length === 400)).toBe(true);
  });

  it('a one-page ring takes 9 samples of 416 bytes (8 + 4 + 400 padded to 408); the rest are lost with -ENOSPC', () => {
    const { pe, run } = setup();
    pe.setReader(1);
    const r = run();
    expect(r.retval).toBe(9 * 1000 + 28);
    expect(r.events.length).toBe(9);
    expect(pe.drain()).toEqual([3, 0]);
    // drained: room again; on CPU 1 the losses are CPU 1's
    expect(run(1).retval).toBe(9 * 1000 + 28);
    expect(pe.drain()).toEqual([0, 3]);
    expect(pe.drain()).toEqual([0, 0]);
  });

  it("another CPU's slot is -EOPNOTSUPP; a slot past max_entries -E2BIG", () => {
    expect(setup('0').run(1).retval).toBe(95);
    expect(setup('0').run(0).retval).toBe(12_000);
    expect(setup('2').run(0).retval).toBe(7);
  });
});
