// bpf-to-bpf calls (frames, stacks, r6-r9 preservation, depth limit), helper calls through
// opts.helpers and the VmApi, and callx (code address or helper id).
import { describe, expect, it } from 'vitest';
import { insn, ldImm64 } from '../isa/insn.ts';
import { Memory } from './memory.ts';
import { r0Of, run, EXIT } from './testing.ts';
import type { HelperFn } from './index.ts';

const M1 = 0xffffffffffffffffn;
const mov = (dst: number, k: number) => insn(0xb7, dst, 0, 0, k);
const callLocal = (rel: number) => insn(0x85, 0, 1, 0, rel);
const callHelper = (id: number) => insn(0x85, 0, 0, 0, id);

describe('bpf-to-bpf calls', () => {
  const prog = [
    mov(6, 6), mov(7, 7), mov(8, 8), mov(9, 9), // 0-3
    insn(0x7a, 10, 0, -8, 100), // 4: *(u64 *)(r10 - 8) = 100 (caller's stack)
    mov(1, 1), mov(2, 2), // 5-6
    callLocal(7), // 7: -> pc 15
    insn(0x0f, 0, 6), insn(0x0f, 0, 7), insn(0x0f, 0, 8), insn(0x0f, 0, 9), // 8-11: r0 += r6..r9 (= 30)
    insn(0x79, 3, 10, -8), insn(0x0f, 0, 3), // 12-13: r0 += caller's slot (100)
    EXIT, // 14
    mov(6, 0), mov(7, 0), mov(8, 0), mov(9, 0), // 15-18: callee clobbers r6-r9
    insn(0x7a, 10, 0, -8, 555), // 19: callee's own stack slot
    insn(0xbf, 0, 1), insn(0x0f, 0, 2), // 20-21: r0 = r1 + r2
    EXIT, // 22
  ];
  it('passes r1-r5, returns r0, restores r6-r9, gives the callee its own stack', () => {
    expect(r0Of(prog)).toBe(3n + 30n + 100n);
  });
  it("the callee's r10 is a different 512-byte stack", () => {
    // main: r6 = r10; call f; r0 -= r6 (r0 = callee r10 - caller r10); exit.  f: r0 = r10; exit
    const p = [insn(0xbf, 6, 10), callLocal(2), insn(0x1f, 0, 6), EXIT, insn(0xbf, 0, 10), EXIT];
    const r = run(p);
    expect(r.exited).toBe(true);
    const diff = BigInt.asIntN(64, r.r0);
    expect(diff === 0n).toBe(false);
    expect(diff >= 512n || diff <= -512n).toBe(true);
  });

  // r1 = N; call f; exit.   f: if r1 == 0 goto base; r1 -= 1; call f; exit; base: r0 = 42; exit
  const recurse = (n: number) => [
    mov(1, n), callLocal(1), EXIT,
    insn(0x15, 1, 0, 3, 0), insn(0x07, 1, 0, 0, -1), callLocal(-3), EXIT,
    mov(0, 42), EXIT,
  ];
  it('8 frames (frame 0 + 7 nested calls) are allowed', () => {
    expect(r0Of(recurse(6))).toBe(42n);
  });
  it('a 9th frame is a stack oops at the call instruction', () => {
    const r = run(recurse(7));
    expect(r.exited).toBe(false);
    expect(r.oops?.kind).toBe('stack');
    expect(r.oops?.pc).toBe(5);
    expect(r.oops?.message).toMatch(/^BUG: stack guard page was hit at ffffc900/);
    // the call trace lists the 7 callers (frames 6..0)
    expect(r.oops?.message).toContain(' bpf_prog+0x8/0x48 pc 1 (frame 0)');
    expect(r.oops?.message.match(/\(frame \d\)/g)?.length).toBe(7);
  });
});

describe('helpers', () => {
  it('receives r1-r5 as unsigned 64-bit and sets r0', () => {
    const seen: bigint[] = [];
    const h: HelperFn = (_vm, a, b, c, d, e) => { seen.push(a, b, c, d, e); return a + b; };
    const p = [insn(0xb7, 1, 0, 0, -1), mov(2, 2), mov(3, 3), mov(4, 4), mov(5, 5), callHelper(1), EXIT];
    const r = run(p, { helpers: { 1: h } });
    expect(seen).toEqual([M1, 2n, 3n, 4n, 5n]);
    expect(r.r0).toBe(1n); // (2^64 - 1) + 2 wraps to 1
  });
  it('a negative return value is stored as unsigned 64-bit', () => {
    expect(r0Of([callHelper(9), EXIT], { helpers: { 9: () => -2n } })).toBe(M1 - 1n);
  });
  it('a missing helper is a helper oops naming it', () => {
    const r = run([mov(0, 0), callHelper(7), EXIT], { helperName: (id) => (id === 7 ? 'bpf_get_prandom_u32' : undefined) });
    expect(r.oops?.kind).toBe('helper');
    expect(r.oops?.pc).toBe(1);
    expect(r.oops?.message).toContain('bpf_get_prandom_u32#7');
    const r2 = run([callHelper(1), EXIT]); // default names: the UAPI list
    expect(r2.oops?.message).toContain('bpf_map_lookup_elem#1');
    const r3 = run([callHelper(999), EXIT]);
    expect(r3.oops?.message).toContain('#999');
  });
  it('a helper that throws becomes a helper oops, not an exception', () => {
    const r = run([callHelper(1), EXIT], { helpers: { 1: () => { throw new Error('boom'); } } });
    expect(r.oops?.kind).toBe('helper');
    expect(r.oops?.message).toContain('boom');
  });
  it('vm.read / vm.write use program addresses; a bad address is a page-fault oops at the call', () => {
    const h: HelperFn = (vm, a) => { vm.write(a - 8n, 8, 0x1234n); return vm.read(a - 8n, 4) + 1n; };
    const p = [insn(0xbf, 1, 10), callHelper(1), insn(0x79, 2, 10, -8), insn(0x0f, 0, 2), EXIT];
    expect(r0Of(p, { helpers: { 1: h } })).toBe(0x1235n + 0x1234n);
    const bad = run([insn(0xbf, 1, 10), callHelper(1), EXIT], { helpers: { 1: (vm, a) => vm.read(a, 8) } });
    expect(bad.oops?.kind).toBe('fault');
    expect(bad.oops?.pc).toBe(1);
    expect(bad.oops?.address).toBe(0xffffc900000a1000n);
    expect(bad.oops?.message).toContain('BUG: unable to handle page fault for address: ffffc900000a1000');
  });
  it('vm.alloc maps a region the program can use (a map-value-like pointer)', () => {
    const h: HelperFn = (vm) => vm.alloc('map_value', 8, { name: 'value' }).base;
    const p = [callHelper(1), insn(0x7a, 0, 0, 0, 77), insn(0x79, 0, 0, 0), EXIT];
    expect(r0Of(p, { helpers: { 1: h } })).toBe(77n);
  });
  it('vm.stop ends the program as an exit with that r0 (uBPF unwind)', () => {
    const r = run([callHelper(5), mov(0, 3), EXIT], { helpers: { 5: (vm) => { vm.stop(9n); return 0n; } } });
    expect(r.exited).toBe(true);
    expect(r.oops).toBeUndefined();
    expect(r.r0).toBe(9n);
    expect(r.steps).toBe(1);
  });
  it('runs in a caller-provided Memory so regions persist between runs', () => {
    const memory = new Memory();
    const counter = memory.alloc('map_value', 8, { name: 'counter' });
    const p = [insn(0xb7, 2, 0, 0, 1), insn(0xdb, 1, 2, 0, 0x01), insn(0xbf, 0, 2), EXIT]; // r0 = fetch_add(*r1, 1)
    expect(r0Of(p, { memory, args: [counter.base] })).toBe(0n);
    expect(r0Of(p, { memory, args: [counter.base] })).toBe(1n);
    expect(memory.read(counter.base, 8)).toBe(2n);
  });
});

describe('callx', () => {
  it('calls the subprogram whose code address the register holds (ld_imm64 BPF_PSEUDO_FUNC)', () => {
    const p = [...ldImm64(2, 4n, 4), mov(1, 20), insn(0x8d, 2), EXIT, insn(0xbf, 0, 1), insn(0x07, 0, 0, 0, 1), EXIT];
    const r = run(p);
    expect(r.oops).toBeUndefined();
    expect(r.r0).toBe(21n);
    expect(r.regs[2]).toBe(0xffffffffa0000000n + 5n * 8n); // PROG_TEXT_BASE + 8 * pc
  });
  it('calls a helper when the register holds a small helper id (uBPF convention)', () => {
    const p = [mov(2, 5), insn(0xb7, 1, 0, 0, 11), insn(0x8d, 2), EXIT];
    expect(r0Of(p, { helpers: { 5: (_vm, a) => a * 2n } })).toBe(22n);
  });
  it('any other target is an instruction-fetch page fault', () => {
    const r = run([...ldImm64(3, 0xffff888012345678n), insn(0x8d, 3), EXIT]);
    expect(r.oops?.kind).toBe('fault');
    expect(r.oops?.address).toBe(0xffff888012345678n);
    expect(r.oops?.message).toContain('#PF: supervisor instruction fetch in kernel mode');
  });
});

describe('callbacks (vm.callFunction) and tail calls (vm.tailCall)', () => {
  // A bpf_loop-like helper: calls fn(i, ctx) for i < nr until it returns non-zero.
  const loop: HelperFn = (vm, nr, fn, ctx) => {
    let i = 0n;
    for (; i < nr; i++) if (vm.callFunction(fn, [i, ctx]) !== 0n) { i++; break; }
    return i;
  };
  const sumProg = (calleeOff: number) => [
    insn(0x7a, 10, 0, -8, 0), // 0: *(u64 *)(r10 - 8) = 0
    mov(1, 5), // 1: nr_loops
    ...ldImm64(2, 7n, 4), // 2-3: r2 = callback (pc 2 + 7 + 1 = 10)
    insn(0xbf, 3, 10), insn(0x07, 3, 0, 0, -8), // 4-5: r3 = &sum
    mov(4, 0), // 6
    callHelper(181), // 7
    insn(0x79, 0, 10, -8), // 8
    EXIT, // 9
    insn(0x79, 3, 2, calleeOff), // 10: r3 = *(u64 *)(r2 + off)
    insn(0x0f, 3, 1), // 11: r3 += i
    insn(0x7b, 2, 3, 0), // 12
    mov(0, 0), // 13
    EXIT, // 14
  ];
  it('runs a subprogram as a callback in a new frame, sharing budget and trace', () => {
    const r = run(sumProg(0), { helpers: { 181: loop }, trace: true });
    expect(r.oops).toBeUndefined();
    expect(r.r0).toBe(0n + 1n + 2n + 3n + 4n);
    expect(r.steps).toBe(10 - 1 + 5 * 5); // 9 main insns executed + 5 callback runs of 5
    const frames = new Set(r.trace!.filter((s) => s.pc >= 10).map((s) => s.frame));
    expect([...frames]).toEqual([1]);
    expect(r.trace!.length).toBe(r.steps);
  });
  it('a fault inside a callback stops the whole run with that oops', () => {
    const r = run(sumProg(8), { helpers: { 181: loop } }); // reads 8 bytes past &sum: past the stack top
    expect(r.oops).toMatchObject({ kind: 'fault', pc: 10, address: 0xffffc900000a1000n });
    expect(r.oops!.message).toContain(' bpf_prog+0x38/0x78 pc 7 (frame 0)');
  });
  it('the budget covers callback instructions', () => {
    const r = run(sumProg(0), { helpers: { 181: loop }, budget: 20 });
    expect(r.oops).toMatchObject({ kind: 'budget' });
    expect(r.steps).toBe(20);
  });

  const tail = (prog: ReturnType<typeof insn>[], count?: { n: number }): HelperFn => (vm) => {
    if (count) count.n++;
    vm.tailCall(prog);
    return 0n;
  };
  it('a tail call replaces the program, keeping the frame (r6, stack)', () => {
    const b = [insn(0xbf, 0, 6), insn(0x07, 0, 0, 0, 100), EXIT];
    const r = run([mov(6, 3), callHelper(12), mov(0, 99), EXIT], { helpers: { 12: tail(b) }, trace: true });
    expect(r.r0).toBe(103n);
    expect(r.steps).toBe(5);
    expect(r.trace!.map((s) => [s.pc, s.prog])).toEqual([[0, undefined], [1, undefined], [0, 1], [1, 1], [2, 1]]);
  });
  it('at most 33 tail calls chain; the 34th fails and execution continues after the call', () => {
    const count = { n: 0 };
    const self = [callHelper(12), mov(0, 7), EXIT];
    const r = run(self, { helpers: { 12: (vm) => { count.n++; return vm.tailCall(self) ? 0n : 1n; } } });
    expect(count.n).toBe(34);
    expect(r.r0).toBe(7n);
    expect(r.steps).toBe(34 + 2);
  });
  it('a tail call from a subprogram returns to the caller in the original program', () => {
    const b = [mov(0, 5), EXIT];
    const a = [callLocal(2), insn(0x07, 0, 0, 0, 1000), EXIT, callHelper(12), EXIT];
    expect(r0Of(a, { helpers: { 12: tail(b) } })).toBe(1005n);
  });
});
