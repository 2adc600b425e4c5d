// The trace hook: one TraceStep per executed instruction with pc, frame, the registers the step
// wrote (value after, also when unchanged) and the memory it wrote.
import { describe, expect, it } from 'vitest';
import { insn, ldImm64 } from '../isa/insn.ts';
import { run, EXIT } from './testing.ts';

const R10 = 0xffffc900000a1000n;

describe('trace', () => {
  it('records registers and memory written per step', () => {
    const p = [
      insn(0xb7, 1, 0, 0, 5), // 0: r1 = 5
      insn(0x7b, 10, 1, -8), // 1: *(u64 *)(r10 - 8) = r1
      insn(0xb7, 1, 0, 0, 5), // 2: r1 = 5 (same value: still a write)
      insn(0x62, 10, 0, -12, -1), // 3: *(u32 *)(r10 - 12) = -1
      ...ldImm64(0, 0x1_00000000n), // 4-5
      insn(0xdb, 10, 0, -8, 0x01), // 6: r0 = atomic_fetch_add((u64 *)(r10 - 8), r0)
      EXIT, // 7
    ];
    const r = run(p, { trace: true });
    expect(r.oops).toBeUndefined();
    expect(r.trace).toEqual([
      { pc: 0, frame: 0, regs: [[1, 5n]], mem: [] },
      { pc: 1, frame: 0, regs: [], mem: [{ addr: R10 - 8n, size: 8, value: 5n }] },
      { pc: 2, frame: 0, regs: [[1, 5n]], mem: [] },
      { pc: 3, frame: 0, regs: [], mem: [{ addr: R10 - 12n, size: 4, value: 0xffffffffn }] },
      { pc: 4, frame: 0, regs: [[0, 0x100000000n]], mem: [] },
      { pc: 6, frame: 0, regs: [[0, 5n]], mem: [{ addr: R10 - 8n, size: 8, value: 0x100000005n }] },
      { pc: 7, frame: 0, regs: [], mem: [] },
    ]);
    expect(r.steps).toBe(7);
  });

  it('marks callee steps with their frame and shows r10 / r6-r9 switching', () => {
    // 0: r6 = 1; 1: call +2 -> 4; 2: exit ... 4: r6 = 2; 5: exit
    const p = [insn(0xb7, 6, 0, 0, 1), insn(0x85, 0, 1, 0, 2), EXIT, EXIT, insn(0xb7, 6, 0, 0, 2), EXIT];
    const r = run(p, { trace: true });
    const t = r.trace!;
    expect(t.map((s) => [s.pc, s.frame])).toEqual([[0, 0], [1, 0], [4, 1], [5, 1], [2, 0]]);
    const calleeR10 = t[1].regs.find(([k]) => k === 10)?.[1];
    expect(calleeR10).toBeDefined();
    expect(calleeR10).not.toBe(R10);
    expect(t[3].regs).toEqual([[6, 1n], [10, R10]]); // exit restores r6 and r10
  });

  it('a faulting step is recorded without register writes', () => {
    const r = run([insn(0x79, 0, 10, 0), EXIT], { trace: true });
    expect(r.trace).toEqual([{ pc: 0, frame: 0, regs: [], mem: [] }]);
  });

  it('records helper memory writes and r0', () => {
    const r = run([insn(0xbf, 1, 10), insn(0x85, 0, 0, 0, 1), EXIT], {
      trace: true,
      helpers: { 1: (vm, a) => { vm.write(a - 4n, 2, 0xbeefn); return 0n; } },
    });
    expect(r.trace![1]).toEqual({ pc: 1, frame: 0, regs: [[0, 0n]], mem: [{ addr: R10 - 4n, size: 2, value: 0xbeefn }] });
  });

  it('no trace unless asked', () => {
    expect(run([EXIT]).trace).toBeUndefined();
  });
});
