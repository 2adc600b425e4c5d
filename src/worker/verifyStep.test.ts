/**
 * The pipeline's verifier step, on programs whose verdicts are known from the kernel: reading an
 * uninitialised register is `R2 !read_ok` at that insn; `r0 = 2; exit` is accepted after 2
 * processed insns; level 2 starts with the live-registers table.
 */
import { describe, expect, it } from 'vitest';
import { runSource } from './pipeline.ts';
import { errorPcFromLog } from './verifyStep.ts';

describe('the verifier in the asm pipeline', () => {
  it('rejects reading r2 in XDP with R2 !read_ok at insn 1, and still runs raw', () => {
    const out = runSource({ source: 'r0 = 0\nr0 = r2\nexit\n', file: 'p.s' });
    expect(out.verifier?.accepted).toBe(false);
    expect(out.verifier?.error).toBe('R2 !read_ok');
    expect(out.verifier?.errorPc).toBe(1);
    expect(out.verifier?.progType).toBe('xdp');
    expect(out.verifier?.log).toContain('1: (bf) r0 = r2\nR2 !read_ok\n');
    expect(out.run?.exited).toBe(true);
  });

  it('accepts r0 = 2; exit after 2 processed insns', () => {
    const out = runSource({ source: 'r0 = 2\nexit\n', file: 'p.s' });
    expect(out.verifier).toMatchObject({ accepted: true, error: null, processed: 2, logLevel: 1 });
    expect(out.verifier?.log).toMatch(/^processed 2 insns \(limit 1000000\)/m);
    expect(out.verifier?.errorPc).toBeUndefined();
  });

  it('checks against the chosen program type and log level', () => {
    const out = runSource({ source: 'r0 = 0\nexit\n', file: 'p.s', progType: 'socket', logLevel: 2 });
    expect(out.verifier?.progType).toBe('socket_filter');
    expect(out.verifier?.log.startsWith('func#0 @0\nLive regs before insn:\n')).toBe(true);
  });

  it('says so for an unknown program type instead of throwing', () => {
    const out = runSource({ source: 'r0 = 0\nexit\n', file: 'p.s', progType: 'nope' });
    expect(out.verifier?.accepted).toBe(false);
    expect(out.verifier?.error).toMatch(/^unknown program type 'nope' \(one of xdp, /);
  });

  it('does not verify what did not assemble', () => {
    expect(runSource({ source: 'bogus\n', file: 'p.s' }).verifier).toBeUndefined();
  });
});

describe('errorPcFromLog', () => {
  it('takes the last instruction line before the complaint', () => {
    expect(errorPcFromLog('0: R1=ctx() R10=fp0\n0: (b7) r0 = 0\n7: (61) r2 = *(u32 *)(r1 +0)\ninvalid\n')).toBe(7);
    expect(errorPcFromLog('unreachable insn 3\n')).toBeUndefined();
    expect(errorPcFromLog('12: R0=1\n')).toBeUndefined(); // a state line, not an instruction
  });
});
