import { describe, expect, it } from 'vitest';
import { fits, parseRegs, prunedPcs } from './stateCheck.ts';

describe('verifier state reading', () => {
  it('finds pruned pcs in both log forms', () => {
    expect([...prunedPcs('3: (b7) r0 = 1\nfrom 2 to 5: safe\n7: safe\n')]).toEqual([5, 7]);
  });
  it('parses constants, scalar bounds and pointers', () => {
    const r = parseRegs('R0_w=42 R1=ctx() R2_w=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff)) R10=fp0 fp-8=mmmmmmmm');
    expect(r.map((x) => x.reg)).toEqual([0, 1, 2, 10]);
    expect(r[0]).toMatchObject({ umin: 42n, umax: 42n });
    expect(r[1].pointer).toBe(true);
    expect(r[2]).toMatchObject({ smin: 0n, umax: 255n });
  });
  it('flags a concrete value outside the abstract one', () => {
    const [c, s] = parseRegs('R0_w=42 R2=scalar(umax=255)');
    expect(fits(c, 42n)).toBe(true);
    expect(fits(c, 43n)).toBe(false);
    expect(fits(s, 255n)).toBe(true);
    expect(fits(s, 256n)).toBe(false);
    expect(fits(parseRegs('R3=-1')[0], 2n ** 64n - 1n)).toBe(true);
    expect(fits(parseRegs('R1=ctx()')[0], 5n)).toBeUndefined();
  });
});
