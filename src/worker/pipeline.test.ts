/**
 * The worker pipeline end to end in Node (assembler → validate → VM). Expected values are
 * hand-computed or taken from llvm-mc 19 / llvm-objdump 19 output (quoted in the comments).
 */
import { describe, expect, it } from 'vitest';
import { STARTER_FILE, STARTER_PROGRAM } from '../state/starterProgram.ts';
import { registersAfter } from '../ui/panes/format.ts';
import { handleRequest, runSource } from './pipeline.ts';
import type { WorkerRequest } from './protocol.ts';

describe('runSource', () => {
  it('runs the starter program: r0 = 1 + 2 + … + 10 = 55', () => {
    const out = runSource({ source: STARTER_PROGRAM, file: STARTER_FILE });
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.run?.r0).toBe(55n);
    expect(out.run?.exited).toBe(true);
    // 2 before the loop, 5 per iteration × 10, then the load and exit
    expect(out.run?.steps).toBe(54);
    expect(out.trace).toHaveLength(54);
    expect(out.traceTruncated).toBe(false);
    // llvm-objdump: `1: 7b 1a f8 ff 00 00 00 00  *(u64 *)(r10 - 0x8) = r1`
    expect(out.bytecode).toHaveLength(9);
    expect(out.bytecode[1].hex).toBe('7b 1a f8 ff 00 00 00 00');
    expect(out.bytecode[6].hex).toBe('a5 01 fb ff 0a 00 00 00');
    expect(out.bytecode[1].text).toMatch(/^\*\(u64 \*\)\(r10 - 0x8\) = r1$/);
    // `r1 = 0` is on line 7 of the starter text, `exit` on line 16
    expect(out.bytecode[0].line).toBe(7);
    expect(out.bytecode[8].line).toBe(16);
  });

  it('gives a trace that folds back to the final registers', () => {
    const out = runSource({ source: STARTER_PROGRAM, file: STARTER_FILE });
    const regs = registersAfter(out.initialRegs, out.trace, out.trace.length - 1);
    expect(regs).toEqual(out.run?.regs);
    expect(out.initialRegs[10]).not.toBe(0n); // the frame pointer
  });

  it('reports bad assembly with line:col and does not run', () => {
    const out = runSource({ source: 'r0 = 1\n        bogus r0, 1\nexit\n', file: 'bad.s' });
    const errors = out.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    // llvm-mc 19 reports this one at bad.s:2:9
    expect(errors[0].start).toEqual({ line: 2, col: 9 });
    expect(errors[0].stage).toBe('asm');
    expect(out.run).toBeUndefined();
    expect(out.bytecode).toEqual([]);
  });

  it('rejects an empty program with a clear message', () => {
    const out = runSource({ source: '# nothing here\n', file: 'empty.s' });
    expect(out.run).toBeUndefined();
    expect(out.diagnostics[0].message).toMatch(/empty/);
  });

  it('stops a runaway loop on the budget and keeps only the first traceLimit steps', () => {
    const out = runSource({ source: 'loop:\n  r0 += 1\n  goto loop\n', file: 'loop.s', budget: 50_000, traceLimit: 100 });
    expect(out.run?.oops?.kind).toBe('budget');
    expect(out.run?.exited).toBe(false);
    expect(out.run?.steps).toBe(50_000);
    // half of the executed instructions are `r0 += 1`
    expect(out.run?.r0).toBe(25_000n);
    expect(out.trace).toHaveLength(100);
    expect(out.traceTruncated).toBe(true);
    const runtime = out.diagnostics.find((d) => d.stage === 'run');
    expect(runtime?.severity).toBe('error');
    expect(runtime?.start?.line).toBeGreaterThan(0);
  });

  it('turns a bad memory access into an oops placed on its source line', () => {
    // r1 = 0 at entry (no mem): loading through it faults
    const out = runSource({ source: 'r0 = 0\nr0 = *(u64 *)(r1 + 0)\nexit\n', file: 'null.s' });
    expect(out.run?.oops?.kind).toBe('fault');
    expect(out.run?.exited).toBe(false);
    const runtime = out.diagnostics.find((d) => d.stage === 'run');
    expect(runtime?.start?.line).toBe(2);
  });

  it('lists an ld_imm64 as two slots, text on the first', () => {
    // llvm-objdump: `0: 18 01 00 00 02 00 00 00 00 00 00 00 01 00 00 00  r1 = 0x100000002 ll`
    const out = runSource({ source: 'r1 = 0x100000002 ll\nr0 = r1\nexit\n', file: 'l.s' });
    expect(out.bytecode.map((r) => r.hex)).toEqual([
      '18 01 00 00 02 00 00 00',
      '00 00 00 00 01 00 00 00',
      'bf 10 00 00 00 00 00 00',
      '95 00 00 00 00 00 00 00',
    ]);
    expect(out.bytecode[0].text).toBe('r1 = 0x100000002 ll');
    expect(out.bytecode[1].text).toBe('');
    expect(out.run?.r0).toBe(0x100000002n);
  });
});

describe('the mem input', () => {
  // lessons/05-reading-memory (solution): adds the bytes at r1..r1+r2; 1 + 2 + 3 + 4 + 255 = 265
  const SUM = 'r0 = 0\nr3 = 0\nl:\nif r3 >= r2 goto e\nr4 = r1\nr4 += r3\nr5 = *(u8 *)(r4 + 0)\nr0 += r5\nr3 += 1\ngoto l\ne:\nexit\n';

  it('gives the program the bytes in r1 and their length in r2', () => {
    const out = runSource({ source: SUM, file: 'sum.s', mem: '01 02 03 04 ff' });
    expect(out.run?.r0).toBe(265n);
    expect(out.initialRegs[2]).toBe(5n);
    expect(out.initialRegs[1]).not.toBe(0n);
    // the trace folds back from initialRegs: r1 is never written, so it stays the mem address
    expect(registersAfter(out.initialRegs, out.trace, out.trace.length - 1)).toEqual(out.run?.regs);
  });

  it('runs with r1 = r2 = 0 when mem is blank', () => {
    const out = runSource({ source: SUM, file: 'sum.s', mem: '   ' });
    expect(out.run?.r0).toBe(0n);
    expect(out.initialRegs[1]).toBe(0n);
  });

  it('reports bad hex at its column and does not run', () => {
    const out = runSource({ source: SUM, file: 'sum.s', mem: '01 02 zz' });
    expect(out.run).toBeUndefined();
    // 'z' is the 7th character of "01 02 zz"
    expect(out.diagnostics).toEqual([
      expect.objectContaining({ stage: 'input', severity: 'error', start: { line: 1, col: 7 }, message: "mem: invalid character 'z' in hex data" }),
    ]);
    const odd = runSource({ source: SUM, file: 'sum.s', mem: 'abc' });
    expect(odd.diagnostics[0]).toMatchObject({ stage: 'input', start: { line: 1, col: 1 }, message: expect.stringMatching(/odd number of hex digits \(3\)/) });
  });
});

describe('handleRequest', () => {
  it('answers a malformed request with a failure instead of throwing', () => {
    const bad = { id: 3, type: 'run', payload: null } as unknown as WorkerRequest;
    const res = handleRequest(bad);
    expect(res.id).toBe(3);
    expect(res.type).toBe('failure');
    const unknown = handleRequest({ id: 4, type: 'nope' } as unknown as WorkerRequest);
    expect(unknown).toMatchObject({ id: 4, type: 'failure', payload: { kind: 'internal' } });
  });

  it('answers a run request with the same id', () => {
    const res = handleRequest({ id: 9, type: 'run', payload: { source: 'r0 = 3\nexit\n', file: 'a.s' } });
    expect(res.id).toBe(9);
    expect(res.type === 'run' && res.payload.run?.r0).toBe(3n);
  });
});
