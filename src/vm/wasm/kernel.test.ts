// The fast engine inside the simulated kernel (src/kernel/run/kernel.ts's fast path): the same
// packets through one program on two kernels with the same seed, one on the reference
// interpreter and one on the WebAssembly engine (with its inlined array / per-CPU array lookups
// and bpf_get_smp_processor_id, and — for a program loaded as verified — the verifier-proved
// mode). Every run's retval, steps and trace_pipe, and every map's contents after each run must
// be identical; the independent expectation is the counters' hand-computed final values.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../asm/index.ts';
import { createKernel, type Kernel } from '../../kernel/run/kernel.ts';

/** Eth + IPv4 + UDP to port 5001 (kernel_oracle.py mkpacket --proto udp --dport 5001). */
const UDP = Uint8Array.from('02000000000202000000000108004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000'.match(/../g)!.map((h) => parseInt(h, 16)));

const SRC = `
  r6 = r1
  call 8
  *(u32 *)(r10 - 4) = r0
  r2 = r10
  r2 += -4
  r1 = counts ll
  call 1
  if r0 == 0 goto skip
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
skip:
  r2 = r10
  r2 += -4
  r1 = pcpu ll
  call 1
  if r0 == 0 goto skip2
  r1 = *(u64 *)(r0 + 0)
  r1 += 3
  *(u64 *)(r0 + 0) = r1
skip2:
  call 5
  *(u64 *)(r10 - 16) = r0
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  r1 = h ll
  r4 = 0
  call 2
  r2 = r10
  r2 += -4
  r1 = h ll
  call 1
  if r0 == 0 goto nohash
  r1 = *(u64 *)(r0 + 0)
  r1 += 7
  *(u64 *)(r0 + 0) = r1
nohash:
  r2 = *(u32 *)(r6 + 4)
  r1 = *(u32 *)(r6 + 0)
  r2 -= r1
  r0 = 2
  if r2 > 100 goto out
  r0 = 1
out:
  exit
`;

function kernelWith(verified: boolean): { k: Kernel; prog: import('../../kernel/run/kernel.ts').LoadedProgram } {
  const k = createKernel({ seed: 3, cpus: 3 });
  for (const m of [
    { name: 'counts', type: 'array', keySize: 4, valueSize: 8, maxEntries: 2 },
    { name: 'pcpu', type: 'percpu_array', keySize: 4, valueSize: 8, maxEntries: 4 },
    { name: 'h', type: 'hash', keySize: 4, valueSize: 8, maxEntries: 8 },
  ] as const) expect(k.createMap(m).ok).toBe(true);
  const a = assemble(SRC, { file: 't.s' });
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const p = k.load(a.insns, { type: 'xdp', relocs: a.relocs, verified });
  if (!p.ok) throw new Error(p.message);
  return { k, prog: p.prog };
}

describe('the fast engine in the simulated kernel', () => {
  for (const verified of [false, true]) {
    it(`agrees with the interpreter run by run (${verified ? 'verifier-proved' : 'checked'} mode)`, () => {
      const ref = kernelWith(false), fast = kernelWith(verified);
      const cpus = [0, 1, 2, 1, 0, 2, 2, 1, 0, 0];
      for (const [n, cpu] of cpus.entries()) {
        const a = ref.k.run(ref.prog, { packet: UDP, cpu });
        const b = fast.k.run(fast.prog, { packet: UDP, cpu, engine: 'fast' });
        expect(b.retval, `run ${n}`).toBe(1);
        expect({ ...b, packetOut: undefined }).toEqual({ ...a, packetOut: undefined });
        expect(b.packetOut).toEqual(a.packetOut);
        expect(fast.k.dumpMaps(), `run ${n}`).toEqual(ref.k.dumpMaps());
      }
      // counts[cpu] for cpus 0 and 1 (index 2 is past max_entries 2: NULL); pcpu[cpu] on its own CPU += 3.
      const le = (v: number) => v.toString(16).padStart(2, '0') + '00000000000000';
      expect(fast.k.dumpMaps().counts).toEqual({ '00000000': le(4), '01000000': le(3) });
      expect(fast.k.dumpMaps().pcpu['00000000']).toEqual([le(12), le(0), le(0)]);
      expect(fast.k.dumpMaps().pcpu['01000000']).toEqual([le(0), le(9), le(0)]);
      expect(fast.k.dumpMaps().pcpu['02000000']).toEqual([le(0), le(0), le(9)]);
      const st = fast.k.engineStats(fast.prog);
      expect(st?.runs).toBe(cpus.length);
      expect(st!.compileNs).toBeGreaterThan(0);
      expect(st!.nsPerRun).toBeGreaterThan(0);
    });
  }

  // Callbacks: bpf_loop (181) and bpf_for_each_map_elem (164) call back into the program (an extra
  // root of the module); the sums are hand-computed: bpf_loop(10) stops after i = 6 → 0+1+…+6 = 21;
  // for_each over arr = {0: 5, 1: 7, 2: 11} adds key * value → 0 + 7 + 22 = 29.
  const CB = `
  r6 = 0
  *(u64 *)(r10 - 24) = r6
  r1 = 10
  r2 = cb ll
  r3 = r10
  r3 += -24
  r4 = 0
  call 181
  r1 = arr ll
  r2 = cb2 ll
  r3 = r10
  r3 += -16
  *(u64 *)(r10 - 16) = r6
  r4 = 0
  call 164
  r1 = *(u64 *)(r10 - 24)
  r2 = *(u64 *)(r10 - 16)
  r1 <<= 8
  r1 |= r2
  *(u32 *)(r10 - 4) = r6
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -24
  *(u64 *)(r10 - 24) = r1
  r1 = out ll
  r4 = 0
  call 2
  r0 = 2
  exit
cb:
  r3 = *(u64 *)(r2 + 0)
  r3 += r1
  *(u64 *)(r2 + 0) = r3
  r0 = 0
  if r1 != 6 goto more
  r0 = 1
more:
  exit
cb2:
  r5 = *(u32 *)(r2 + 0)
  r1 = *(u64 *)(r3 + 0)
  r5 *= r1
  r1 = *(u64 *)(r4 + 0)
  r1 += r5
  *(u64 *)(r4 + 0) = r1
  r0 = 0
  exit
`;
  for (const verified of [false, true]) {
    it(`bpf_loop and bpf_for_each_map_elem callbacks agree (${verified ? 'verifier-proved' : 'checked'} mode)`, () => {
      const make = (v: boolean) => {
        const k = createKernel({ seed: 1 });
        expect(k.createMap({ name: 'arr', type: 'array', keySize: 4, valueSize: 8, maxEntries: 3 }).ok).toBe(true);
        expect(k.createMap({ name: 'out', type: 'array', keySize: 4, valueSize: 8, maxEntries: 1 }).ok).toBe(true);
        [5, 7, 11].forEach((v, i) => k.map('arr')!.userUpdate(new Uint8Array([i, 0, 0, 0]), new Uint8Array([v, 0, 0, 0, 0, 0, 0, 0])));
        const a = assemble(CB, { file: 'cb.s' });
        expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const p = k.load(a.insns, { type: 'xdp', relocs: a.relocs, verified: v });
        if (!p.ok) throw new Error(p.message);
        return { k, prog: p.prog };
      };
      const ref = make(false), fast = make(verified);
      const a = ref.k.run(ref.prog, { packet: UDP });
      const b = fast.k.run(fast.prog, { packet: UDP, engine: 'fast' });
      expect(a.oops).toBeUndefined();
      expect(b).toEqual(a);
      expect(fast.k.dumpMaps()).toEqual(ref.k.dumpMaps());
      expect(fast.k.dumpMaps().out['00000000']).toBe(((21 << 8) | 29).toString(16).padStart(4, '0').replace(/(..)(..)/, '$2$1') + '000000000000');
      expect(fast.k.engineStats(fast.prog)?.runs).toBe(1);
    });
  }

  it('a map closed (and another created) after the first fast run is no longer looked up inline', () => {
    const make = () => {
      const k = createKernel({ seed: 2 });
      expect(k.createMap({ name: 'a', type: 'array', keySize: 4, valueSize: 8, maxEntries: 2 }).ok).toBe(true);
      const asm = assemble('*(u32 *)(r10 - 4) = 0\nr2 = r10\nr2 += -4\nr1 = a ll\ncall 1\nr0 = 2\nexit\n', { file: 'a.s' });
      const p = k.load(asm.insns, { type: 'xdp', relocs: asm.relocs });
      if (!p.ok) throw new Error(p.message);
      return { k, prog: p.prog };
    };
    const ref = make(), fast = make();
    expect(fast.k.run(fast.prog, { packet: UDP, engine: 'fast' })).toEqual(ref.k.run(ref.prog, { packet: UDP }));
    for (const x of [ref, fast]) {
      expect(x.k.closeMap('a')).toBe(true);
      expect(x.k.createMap({ name: 'b', type: 'array', keySize: 4, valueSize: 8, maxEntries: 2 }).ok).toBe(true);
    }
    const a = ref.k.run(ref.prog, { packet: UDP });
    const b = fast.k.run(fast.prog, { packet: UDP, engine: 'fast' });
    expect(a.oops?.message).toMatch(/is not a map/);
    expect(b).toEqual(a);
  });
});
