/**
 * The CLI's `.o` input (src/cli/input.ts) and `disasm FILE.o` listing, checked against the
 * llvm-objdump facts of the corpus.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { objectListing } from '../cli/disasmCmd.ts';
import { fromElf, loadProgram } from '../cli/input.ts';
import { expectedPrograms, goldenNames, loadGolden, TESTDATA } from './testdata/goldens.ts';

describe('CLI on .o files', () => {
  for (const name of goldenNames()) {
    it(`disasm ${name}.o: section and function headers, and bytes where nothing is relocated`, () => {
      const file = join(TESTDATA, `${name}.o`);
      const r = loadProgram(file);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const { golden } = loadGolden(name);
      const exp = expectedPrograms(golden);
      expect(r.value.program?.name).toBe(exp[0].name);
      const lines = objectListing(r.value.object!, 'llvm');
      const sections = [...new Set(exp.map((p) => p.section))];
      expect(lines.filter((l) => l.startsWith('Disassembly of section'))).toEqual(sections.map((s) => `Disassembly of section ${s}:`));
      expect(lines.filter((l) => /^[0-9a-f]{16} </.test(l)).map((l) => l.replace(/^.*<(.*)>:$/, '$1'))).toEqual(exp.flatMap((p) => p.placed.map((x) => x.func)));
      // bytes of the unrelocated slots equal objdump's
      const relocated = new Set(r.value.object!.programs.flatMap((p, i) => p.relocations.map((x) => `${i}:${x.pc}`)));
      let prog = -1;
      let n = 0;
      for (const l of lines) {
        if (/<.*>:$/.test(l) && exp[prog + 1] && l.endsWith(`<${exp[prog + 1].name}>:`)) prog++;
        const m = /^\s+(\d+):\t([0-9a-f ]+)\t/.exec(l);
        if (!m || relocated.has(`${prog}:${m[1]}`)) continue;
        const want = exp[prog].slots[+m[1]].hex + (m[2].length > 24 ? exp[prog].slots[+m[1] + 1].hex : '');
        expect(m[2].replace(/ /g, ''), `${exp[prog].name} pc ${m[1]}`).toBe(want);
        n++;
      }
      expect(n).toBeGreaterThan(0);
    });
  }

  it('picks a program by function or section name, and names the choices when there is none', () => {
    const file = join(TESTDATA, 'xdp_two_progs.o');
    const r = loadProgram(file, { program: 'xdp_second' });
    expect(r.ok && r.value.program?.name).toBe('xdp_second');
    const bad = loadProgram(file, { program: 'nope' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/no program 'nope' \(programs: xdp_first in xdp, xdp_second in xdp\)/);
  });

  it('gives the loaded slots the pseudo ld_imm64 forms the kernel loader patches', () => {
    const r = loadProgram(join(TESTDATA, 'xdp_globals.o'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { golden } = loadGolden('xdp_globals');
    // llvm-readelf: total_len is a .bss symbol at offset 8 (seen[] comes first at 0)
    const totalLen = golden.readelf.symbols.find((x) => x.name === 'total_len')!;
    const x = r.value.program!.relocations.find((y) => y.kind === 'data' && y.symbol === '.bss' && y.addend === totalLen.value)!;
    expect(x).toBeDefined();
    expect(r.value.insns[x.pc]).toMatchObject({ code: 0x18, src: 2, imm: 0 });
    expect(r.value.insns[x.pc + 1].imm).toBe(totalLen.value);
    expect(r.value.relocs).toContainEqual({ pc: x.pc, symbol: '.bss', kind: 'map' });
    const m = loadProgram(join(TESTDATA, 'xdp_array_count.o'));
    if (m.ok) expect(m.value.insns[m.value.relocs![0].pc]).toMatchObject({ code: 0x18, src: 1, imm: 0 });
  });

  it('a damaged object is an error line with the byte offset, not a crash', () => {
    const bytes = loadGolden('xdp_pass').bytes;
    const r = fromElf('bad.o', bytes.slice(0, 100));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(/^bad\.o: error: byte offset 40: section header table at offset \d+ .* runs past the end of the file \(100 bytes\)$/)]);
    const missing = loadProgram(join(TESTDATA, 'does_not_exist.o'));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0]).toMatch(/cannot read file: ENOENT/);
  });
});
