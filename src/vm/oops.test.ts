// Faults, invalid instructions and the budget: every abnormal stop is an Oops value with the right
// kind, pc and address, and a message that reads like a kernel oops; nothing throws or hangs.
// Addresses follow memory.ts's documented layout: frame 0's stack top (r10) is ffffc900000a1000,
// the first heap-area region (`mem`) starts at ffff888001000000.
import { describe, expect, it } from 'vitest';
import { insn, ldImm64 } from '../isa/insn.ts';
import { Memory } from './memory.ts';
import { run, EXIT } from './testing.ts';

const R10 = 0xffffc900000a1000n;
const MEM = 0xffff888001000000n;

describe('page faults', () => {
  it('reading just above the stack top', () => {
    const r = run([insn(0xb7, 0, 0, 0, 1), insn(0x79, 0, 10, 0), EXIT]);
    expect(r.exited).toBe(false);
    expect(r.oops).toMatchObject({ kind: 'fault', pc: 1, address: R10 });
    const lines = r.oops!.message.split('\n');
    expect(lines[0]).toBe('BUG: unable to handle page fault for address: ffffc900000a1000');
    expect(lines[1]).toBe('#PF: supervisor read access in kernel mode');
    expect(lines[2]).toBe('#PF: error_code(0x0000) - not-present page');
    expect(r.oops!.message).toContain('Oops: 0000 [#1] PREEMPT SMP NOPTI');
    expect(r.oops!.message).toContain('RIP: 0010:bpf_prog+0x8/0x18 pc 1');
    expect(r.oops!.message).toContain('R0 : 0000000000000001');
    expect(r.oops!.message).toContain('R10: ffffc900000a1000');
    expect(r.oops!.message).toContain('0 bytes past the end of stack frame 0');
  });
  it('writing below the stack bottom', () => {
    const r = run([insn(0x7a, 10, 0, -520, 1), EXIT]);
    expect(r.oops).toMatchObject({ kind: 'fault', pc: 0, address: R10 - 520n });
    expect(r.oops!.message).toContain('#PF: supervisor write access in kernel mode');
    expect(r.oops!.message).toContain('#PF: error_code(0x0002) - not-present page');
  });
  it('an access straddling the end of a region faults', () => {
    const r = run([insn(0x79, 0, 10, -4), EXIT]);
    expect(r.oops).toMatchObject({ kind: 'fault', address: R10 - 4n });
    expect(r.oops!.message).toContain('straddles the end of stack frame 0');
  });
  it('NULL pointer dereference (r1 = 0 without mem)', () => {
    const r = run([insn(0x61, 0, 1, 16), EXIT]);
    expect(r.oops).toMatchObject({ kind: 'fault', pc: 0, address: 16n });
    expect(r.oops!.message.split('\n')[0]).toBe('BUG: kernel NULL pointer dereference, address: 0000000000000010');
  });
  it('non-canonical address: general protection fault', () => {
    const r = run([...ldImm64(1, 0xdead000000000000n), insn(0x71, 0, 1, 0), EXIT]);
    expect(r.oops).toMatchObject({ kind: 'fault', pc: 2, address: 0xdead000000000000n });
    expect(r.oops!.message.split('\n')[0]).toBe(
      'Oops: general protection fault, probably for non-canonical address 0xdead000000000000: 0000 [#1] PREEMPT SMP NOPTI',
    );
  });
  it('one byte past the end of mem', () => {
    const r = run([insn(0x71, 0, 1, 3), insn(0x71, 0, 1, 4), EXIT], { mem: new Uint8Array(4) });
    expect(r.oops).toMatchObject({ kind: 'fault', pc: 1, address: MEM + 4n });
    expect(r.oops!.message).toContain('0 bytes past the end of mem');
  });
  it('writing read-only data is a permissions violation; reading it is fine', () => {
    const memory = new Memory();
    const ro = memory.allocBytes('rodata', Uint8Array.from([42, 0, 0, 0]), { name: '.rodata' });
    const ok = run([insn(0x61, 0, 1, 0), EXIT], { memory, args: [ro.base] });
    expect(ok.r0).toBe(42n);
    const r = run([insn(0x72, 1, 0, 0, 1), EXIT], { memory, args: [ro.base] });
    expect(r.oops).toMatchObject({ kind: 'fault', pc: 0, address: ro.base });
    expect(r.oops!.message).toContain('#PF: supervisor write access in kernel mode');
    expect(r.oops!.message).toContain('#PF: error_code(0x0003) - permissions violation');
    expect(r.oops!.message).toContain('.rodata is read-only');
  });
  it('a fault in a callee reports the call trace', () => {
    // 0: call +1 -> 2 ; 1: exit ; 2: r0 = *(u64 *)(r10 + 8) ; 3: exit
    const r = run([insn(0x85, 0, 1, 0, 1), EXIT, insn(0x79, 0, 10, 8), EXIT]);
    expect(r.oops).toMatchObject({ kind: 'fault', pc: 2 });
    expect(r.oops!.message).toContain('RIP: 0010:bpf_prog+0x10/0x20 pc 2');
    expect(r.oops!.message).toContain(' bpf_prog+0x0/0x20 pc 0 (frame 0)');
  });
});

describe('invalid instructions', () => {
  it.each([
    ['unknown opcode', [insn(0xff), EXIT], 0, /unknown opcode 0xff/],
    ['LD_ABS', [insn(0x20, 0, 0, 0, 12), EXIT], 0, /legacy LD_ABS\/LD_IND/],
    ['LD_IND', [insn(0x50, 0, 1, 0, 0), EXIT], 0, /legacy LD_ABS\/LD_IND/],
    ['unresolved map ld_imm64', [insn(0xb7, 0, 0, 0, 0), ...ldImm64(1, 3n, 1), EXIT], 1, /BPF_PSEUDO_MAP_FD.*no resolution/],
    ['write to r10', [insn(0xb7, 10, 0, 0, 0), EXIT], 0, /frame pointer r10 is read only/],
    ['register r11', [insn(0xbf, 0, 11), EXIT], 0, /invalid src register r11/],
    ['byte swap width 8', [insn(0xdc, 0, 0, 0, 8), EXIT], 0, /byte-swap width 8/],
    ['div with off 2', [insn(0x37, 0, 0, 2, 1), EXIT], 0, /invalid offset 2 for div/],
    ['mov32 with off 32', [insn(0xbc, 0, 1, 32), EXIT], 0, /invalid offset 32 for mov32/],
    ['kfunc call', [insn(0x85, 0, 2, 0, 1234), EXIT], 0, /kfunc/],
    ['second slot of ld_imm64 executed', [insn(0x05, 0, 0, 1), ...ldImm64(0, 1n), EXIT], 2, /unknown opcode 0x00/],
    ['atomic on a byte', [insn(0xd3, 10, 1, -8, 0x00), EXIT], 0, /needs a 32- or 64-bit operand/],
  ] as const)('%s', (_n, prog, pc, msg) => {
    const r = run([...prog]);
    expect(r.oops?.kind).toBe('invalid');
    expect(r.oops?.pc).toBe(pc);
    expect(r.oops?.message).toMatch(msg);
    expect(r.oops?.message).toContain('invalid opcode');
  });
  it('a bad slot that is never reached does not matter', () => {
    expect(run([insn(0xb7, 0, 0, 0, 3), EXIT, insn(0xff)]).r0).toBe(3n);
  });
  it('ld_imm64 pseudo sources resolve through opts.ldImm64', () => {
    const r = run([...ldImm64(0, 3n, 1), EXIT], { ldImm64: (pc, first) => (pc === 0 && first.imm === 3 ? 0xffff888000001000n : undefined) });
    expect(r.r0).toBe(0xffff888000001000n);
  });
  it('jumping past the end / falling off the end', () => {
    const a = run([insn(0x05, 0, 0, 5), EXIT]);
    expect(a.oops).toMatchObject({ kind: 'invalid', pc: 6 });
    expect(a.oops!.message).toContain('#PF: supervisor instruction fetch in kernel mode');
    const b = run([insn(0xb7, 0, 0, 0, 1)]);
    expect(b.oops).toMatchObject({ kind: 'invalid', pc: 1 });
    const c = run([]);
    expect(c.oops?.kind).toBe('invalid');
    const d = run([insn(0x05, 0, 0, -2)]);
    expect(d.oops).toMatchObject({ kind: 'invalid', pc: -1 });
  });
});

describe('budget', () => {
  it('an infinite loop stops with a budget oops after exactly `budget` instructions', () => {
    const r = run([insn(0x05, 0, 0, -1)], { budget: 1000 });
    expect(r.exited).toBe(false);
    expect(r.steps).toBe(1000);
    expect(r.oops?.kind).toBe('budget');
    expect(r.oops?.message).toMatch(/^watchdog: BUG: soft lockup - CPU#0 stuck for 22s!/);
    expect(r.oops?.message).toContain('instruction budget of 1000');
  });
  it('the default budget is 1,000,000', () => {
    const r = run([insn(0x05, 0, 0, -1)]);
    expect(r.steps).toBe(1_000_000);
    expect(r.oops?.kind).toBe('budget');
  });
  it('a program needing exactly `budget` instructions completes', () => {
    const p = [insn(0xb7, 0, 0, 0, 1), insn(0x07, 0, 0, 0, 1), EXIT];
    expect(run(p, { budget: 3 }).r0).toBe(2n);
    expect(run(p, { budget: 2 }).oops).toMatchObject({ kind: 'budget', pc: 2 });
  });
  it('an infinite recursion hits the frame limit, not a JS stack overflow', () => {
    const r = run([insn(0x85, 0, 1, 0, -1)]);
    expect(r.oops?.kind).toBe('stack');
  });
});
