/** Formatting and the register-file fold, against hand-computed values. */
import { describe, expect, it } from 'vitest';
import { describeWrites, hex, hex64, registersAfter, s64IfNegative, u64 } from './format.ts';

describe('format', () => {
  it('prints unsigned 64-bit values', () => {
    expect(hex(55n)).toBe('0x37');
    expect(hex64(55n)).toBe('0x0000000000000037');
    expect(hex(-1n)).toBe('0xffffffffffffffff');
    expect(u64(0xffffffffffffffffn)).toBe('18446744073709551615');
    expect(s64IfNegative(0xffffffffffffffffn)).toBe('-1');
    expect(s64IfNegative(0x7fffffffffffffffn)).toBeUndefined();
  });

  it('folds register writes up to and including step k', () => {
    const init = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0x1000n];
    const trace = [
      { pc: 0, frame: 0, regs: [[1, 5n]] as Array<[number, bigint]>, mem: [] },
      { pc: 1, frame: 0, regs: [[2, 7n]] as Array<[number, bigint]>, mem: [] },
      { pc: 2, frame: 0, regs: [[1, 12n]] as Array<[number, bigint]>, mem: [] },
    ];
    expect(registersAfter(init, trace, -1)[1]).toBe(0n);
    expect(registersAfter(init, trace, 0).slice(1, 3)).toEqual([5n, 0n]);
    expect(registersAfter(init, trace, 1).slice(1, 3)).toEqual([5n, 7n]);
    expect(registersAfter(init, trace, 2).slice(1, 3)).toEqual([12n, 7n]);
    expect(registersAfter(init, trace, 99)[10]).toBe(0x1000n);
  });

  it('describes register and memory writes', () => {
    expect(describeWrites({ pc: 0, frame: 0, regs: [[0, 1n]], mem: [{ addr: 0x10n, size: 4, value: 0xffn }] })).toEqual([
      'r0 = 0x1',
      '*(u32 *)0x10 = 0xff',
    ]);
  });

  it('names frame-0 stack writes relative to fp, other addresses in hex', () => {
    const fp = 0xffffc900000a1000n;
    const step = {
      pc: 0,
      frame: 0,
      regs: [],
      mem: [
        { addr: fp - 8n, size: 8, value: 55n },
        { addr: fp - 512n, size: 1, value: 1n },
        { addr: fp, size: 4, value: 2n },
      ],
    };
    expect(describeWrites(step, fp)).toEqual([
      '*(u64 *)(fp-8) = 0x37',
      '*(u8 *)(fp-512) = 0x1',
      '*(u32 *)0xffffc900000a1000 = 0x2',
    ]);
  });
});
