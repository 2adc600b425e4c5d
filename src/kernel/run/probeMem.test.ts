/**
 * Loads through BTF pointers in the runtime: kernel.load's BPF_PROBE_MEM rewrite at the pcs the
 * verifier reports (as the kernel's convert_ctx_accesses does: LDX|MEM → LDX|PROBE_MEM, LDX|MEMSX →
 * LDX|PROBE_MEMSX), the tracing runner reading the host's kernel objects through them, 0 for a bad
 * pointer, and the automatic engine choice (the WebAssembly engine does not compile probe loads:
 * such programs run on the reference interpreter even when 'fast' is asked). Values hand-computed.
 */
import { describe, expect, it } from 'vitest';
import { insn } from '../../isa/insn.ts';
import { createKernel } from './kernel.ts';
import { createTracingRunner, type TracingHost } from './tracing.ts';

const KOBJ = 0xffff888100001000n;
const EXIT = insn(0x95);
/** r2 = ctx[0] (a struct pointer argument); r0 = *(u64 *)(r2 + 8); exit */
const PROG = [insn(0x79, 2, 1, 0), insn(0x79, 0, 2, 8), EXIT];

const host: TracingHost = {
  readUser: () => undefined,
  readKernel: (a, n) => (a >= KOBJ && a + BigInt(n) <= KOBJ + 16n ? Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]).slice(Number(a - KOBJ), Number(a - KOBJ) + n) : undefined),
  sendSignal: () => 0,
};
const ctxOf = (p: bigint) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, p, true); return b; };
const call = (p: bigint) => ({ ctx: ctxOf(p), task: { comm: 'cat', pid: 1, tgid: 1, uid: 0, gid: 0, taskAddr: 0n, cgroupId: 1n }, cpu: 0, tsNs: 1n, bootNs: 1n });

describe('BPF_PROBE_MEM in the runtime', () => {
  it('load rewrites the given loads and keeps the source as given', () => {
    const k = createKernel();
    const l = k.load([...PROG.slice(0, 2), insn(0x91, 3, 2, 0), EXIT], { type: 'tracing', probeMem: [1, 2] });
    if (!l.ok) throw new Error(l.message);
    expect(l.prog.insns.map((i) => i.code)).toEqual([0x79, 0x39, 0x51, 0x95]);
    expect(l.prog.source.map((i) => i.code)).toEqual([0x79, 0x79, 0x91, 0x95]);
    expect(l.prog.probeMem).toEqual([1, 2]);
    const bad = k.load(PROG, { type: 'tracing', probeMem: [2] });
    expect(bad).toEqual({ ok: false, pc: 2, message: 'insn 2 is not a load (cannot be a BPF_PROBE_MEM load)' });
  });

  for (const engine of ['ref', 'fast'] as const) {
    it(`reads the host's kernel object, and 0 through a bad pointer (engine ${engine})`, () => {
      const k = createKernel();
      const l = k.load(PROG, { type: 'tracing', probeMem: [1] });
      if (!l.ok) throw new Error(l.message);
      const tr = createTracingRunner(k, host, { engine });
      const ok = tr.run(l.prog, call(KOBJ));
      expect(ok.oops).toBeUndefined();
      expect(ok.r0).toBe(0x100f0e0d0c0b0a09n);
      const bad = tr.run(l.prog, call(0xffff888100ff0000n));
      expect(bad.oops).toBeUndefined();
      expect(bad.r0).toBe(0n);
    });
  }

  it('without the rewrite the same load is a page fault (what the verifier marking prevents)', () => {
    const k = createKernel();
    const l = k.load(PROG, { type: 'tracing' });
    if (!l.ok) throw new Error(l.message);
    expect(createTracingRunner(k, host).run(l.prog, call(KOBJ)).oops?.kind).toBe('fault');
  });
});
