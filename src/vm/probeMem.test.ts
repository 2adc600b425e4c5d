// BPF_PROBE_MEM (0x20) / BPF_PROBE_MEMSX (0x40) loads: what the kernel's convert_ctx_accesses makes
// of loads through BTF pointers, and the x86-64 JIT runs with an address check and an exception
// fixup (recorded in src/verifier/testdata-btfctx: user-half addresses read 0 without a load, a
// faulting kernel address reads 0). Expectations are hand-computed; the `mem` region holds
// 01 02 … 08 ff at ffff888001000000 (memory.ts layout, as oops.test.ts documents it).
import { describe, expect, it } from 'vitest';
import { insn, ldImm64 } from '../isa/insn.ts';
import { run, EXIT } from './testing.ts';

const MEM = 0xffff888001000000n;
const BYTES = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 0xff]);
/** r0 = 0x1111; r2 = addr; r0 = probe-load(code) [r2 + off]; exit */
const prog = (code: number, addr: bigint, off = 0) => [insn(0xb7, 0, 0, 0, 0x1111), ...ldImm64(2, addr), insn(code, 0, 2, off), EXIT];

describe('probe loads', () => {
  it('are invalid opcodes unless the loader produced them (user space cannot load mode 0x20/0x40)', () => {
    expect(run(prog(0x39, MEM), { mem: BYTES }).oops?.message).toContain('unknown opcode 0x39');
  });
  it('read mapped memory like the plain load of the same size', () => {
    expect(run(prog(0x39, MEM), { mem: BYTES, probeMem: true }).r0).toBe(0x0807060504030201n);
    expect(run(prog(0x21, MEM, 4), { mem: BYTES, probeMem: true }).r0).toBe(0x08070605n);
    expect(run(prog(0x29, MEM, 1), { mem: BYTES, probeMem: true }).r0).toBe(0x0302n);
    expect(run(prog(0x31, MEM, 8), { mem: BYTES, probeMem: true }).r0).toBe(0xffn);
  });
  it('PROBE_MEMSX sign-extends', () => {
    expect(run(prog(0x51, MEM, 8), { mem: BYTES, probeMem: true }).r0).toBe(0xffffffffffffffffn);
    expect(run(prog(0x49, MEM, 7), { mem: BYTES, probeMem: true }).r0).toBe(0xffffffffffffff08n);
  });
  it('an unmapped kernel address reads 0 instead of an oops (the plain load oopses)', () => {
    const r = run(prog(0x39, 0xffff888100000040n), { probeMem: true });
    expect(r.oops).toBeUndefined();
    expect(r.exited).toBe(true);
    expect(r.r0).toBe(0n);
    expect(run([...ldImm64(2, 0xffff888100000040n), insn(0x79, 0, 2, 0), EXIT]).oops?.kind).toBe('fault');
  });
  it('a user-half address or NULL reads 0 without asking the host', () => {
    const asked: bigint[] = [];
    const probeRead = (a: bigint) => { asked.push(a); return new Uint8Array(8).fill(0x41); };
    expect(run(prog(0x39, 0n, 16), { probeRead, probeMem: true }).r0).toBe(0n);
    expect(run(prog(0x39, 0x7ffc8a4e3b58n), { probeRead, probeMem: true }).r0).toBe(0n);
    expect(asked).toEqual([]);
  });
  it('kernel objects outside the VM memory are read through probeRead (little-endian)', () => {
    const probeRead = (a: bigint, n: number) => (a === 0xffff888100000048n && n === 8 ? new Uint8Array([0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80]) : undefined);
    expect(run(prog(0x39, 0xffff888100000040n, 8), { probeRead, probeMem: true }).r0).toBe(0x8070605040302010n);
    expect(run(prog(0x39, 0xffff888100000040n, 16), { probeRead, probeMem: true }).r0).toBe(0n);
  });
});
