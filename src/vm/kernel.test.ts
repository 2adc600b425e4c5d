// Our interpreter against the real kernel: every oracleCases() snippet's result(s) must equal what
// Linux 6.18 computed for the same instructions (testdata/kernel-oracle.golden, recorded with
// BPF_PROG_TEST_RUN by testdata/recordKernel.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { insn } from '../isa/insn.ts';
import { Memory, runProgram } from './index.ts';
import { oracleCases } from './oracleCases.ts';

const golden = readFileSync(fileURLToPath(new URL('./testdata/kernel-oracle.golden', import.meta.url)), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'));

describe('kernel oracle', () => {
  const cases = oracleCases();
  it('the golden covers every case', () => {
    expect(golden.length).toBe(cases.length);
  });
  it('every result matches Linux', () => {
    const memory = new Memory();
    const mismatches: string[] = [];
    cases.forEach((c, k) => {
      const r = runProgram([...c.snippet, insn(0x95)], { memory });
      const got = [r.r0, r.regs[9]].slice(0, c.outs).map((v) => v.toString(16)).join(' ');
      if (r.oops) mismatches.push(`${c.name}: oops ${r.oops.message.split('\n')[0]}`);
      else if (got !== golden[k]) mismatches.push(`${c.name}: got ${got}, kernel ${golden[k]}`);
    });
    expect(mismatches).toEqual([]);
  });
});
