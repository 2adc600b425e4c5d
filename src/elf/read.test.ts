/**
 * readElf against the tools: for every clang-19 object in testdata, the programs, instructions,
 * relocations, maps, global sections, license and source lines we read must equal what
 * llvm-readelf-19, llvm-objdump-19 and bpftool printed when the goldens were recorded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeInsns } from '../isa/insn.ts';
import type { BpfMapDef, BpfObject } from '../isa/object.ts';
import { readElf } from './read.ts';
import { expectedPrograms, fromHex, goldenNames, loadGolden, mergedLayout, TESTDATA, type Golden } from './testdata/goldens.ts';

const names = goldenNames();
const hexOf = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const imm = (hex: string): number => new DataView(fromHex(hex).buffer).getInt32(4, true);

function read(name: string): { g: Golden; obj: BpfObject } {
  const { golden, bytes } = loadGolden(name);
  const r = readElf(bytes, `${name}.o`);
  expect(r.diagnostics).toEqual([]);
  return { g: golden, obj: r.object! };
}

describe('readElf on the clang-19 corpus', () => {
  it('has at least 20 objects', () => expect(names.length).toBeGreaterThanOrEqual(20));

  for (const name of names) {
    describe(name, () => {
      it('programs, sections and instruction bytes match llvm-objdump', () => {
        const { g, obj } = read(name);
        const exp = expectedPrograms(g);
        expect(obj.programs.map((p) => [p.name, p.section])).toEqual(exp.map((p) => [p.name, p.section]));
        for (const [i, p] of obj.programs.entries()) {
          const e = exp[i];
          expect(p.insns.length).toBe(e.slots.length);
          expect(p.lineInfo.length).toBe(p.insns.length);
          // subprograms; a global one (bpftool: FUNC linkage=global) carries its parameters
          const subs = e.placed.slice(1).map((x) => {
            const f = g.btfFuncs.find((y) => y.name === x.func);
            return f?.linkage === 'global' ? { name: x.func, pc: x.pc, global: { params: f.params } } : { name: x.func, pc: x.pc };
          });
          expect(p.subprograms ?? []).toEqual(subs);
          const relocPcs = new Set(p.relocations.map((r) => r.pc));
          const got = encodeInsns(p.insns);
          e.slots.forEach((s, pc) => {
            const mine = hexOf(got.subarray(pc * 8, pc * 8 + 8));
            if (!relocPcs.has(pc) && !(pc > 0 && relocPcs.has(pc - 1) && p.insns[pc - 1].code === 0x18)) expect(mine, `${p.name} slot ${pc}`).toBe(s.hex);
            else expect(mine.slice(0, 2), `${p.name} slot ${pc} opcode`).toBe(s.hex.slice(0, 2));
          });
        }
      });

      it('relocations match llvm-objdump -r (maps by name, globals with their offset, calls laid out)', () => {
        const { g, obj } = read(name);
        const layout = mergedLayout(g);
        const mapNames = new Set([...g.btfMaps.map((m) => String(m.name)), ...g.readelf.symbols.filter((s) => s.ndx !== 'UND' && g.readelf.sections.find((x) => String(x.index) === s.ndx)?.name === 'maps').map((s) => s.name)]);
        const secOfSym = (sym: string): string | undefined => {
          const s = g.readelf.symbols.find((x) => x.name === sym);
          return s && g.readelf.sections.find((x) => String(x.index) === s.ndx)?.name;
        };
        for (const [i, e] of expectedPrograms(g).entries()) {
          const p = obj.programs[i];
          const want: { pc: number; symbol: string; kind: string; addend: number }[] = [];
          for (const pl of e.placed) {
            const f = g.objdump[pl.sec].funcs.find((x) => x.name === pl.func)!;
            for (const r of g.objdump[pl.sec].relocs.filter((r) => r.pc >= f.start && r.pc < f.start + f.insns.length)) {
              const pc = pl.pc + r.pc - f.start;
              const hex = f.insns[r.pc - f.start];
              const sec = secOfSym(r.symbol);
              if (r.type === 'R_BPF_64_32' || sec === '.text') continue; // calls: checked below
              if (mapNames.has(r.symbol)) want.push({ pc, symbol: r.symbol, kind: 'map', addend: 0 });
              else {
                const m = layout.get(sec!)!;
                const value = g.readelf.symbols.find((x) => x.name === r.symbol)!.value;
                want.push({ pc, symbol: m.kind, kind: 'data', addend: m.base + value + imm(hex) });
              }
            }
          }
          expect(p.relocations.filter((r) => r.kind !== 'call')).toEqual(want);
          // every call now jumps to the first slot of a placed function; its name is recorded
          const starts = new Map(e.placed.map((x) => [x.pc, x.func]));
          const calls = p.relocations.filter((r) => r.kind === 'call');
          const pseudo = p.insns.flatMap((x, pc) => ((x.code === 0x85 && x.src === 1) || (x.code === 0x18 && x.src === 4) ? [pc] : []));
          expect(calls.map((c) => c.pc)).toEqual(pseudo);
          for (const c of calls) expect(starts.get(c.pc + 1 + p.insns[c.pc].imm), `call at ${c.pc}`).toBe(c.symbol);
        }
      });

      it('maps match bpftool btf dump (BTF .maps) and llvm-readelf -x maps (legacy)', () => {
        const { g, obj } = read(name);
        // libbpf's one default: `__array(values, …)` maps (prog_array 3, map-in-map 12/13) hold 4-byte ids
        type Fact = Record<string, unknown>;
        const def = (m: Fact): Record<string, unknown> => ({
          name: m.name, typeId: m.type, keySize: m.key_size ?? 0,
          valueSize: m.value_size ?? (m.values && [3, 12, 13].includes(m.type as number) ? 4 : 0),
          maxEntries: m.max_entries ?? 0, flags: m.map_flags ?? 0,
          ...(m.inner ? { inner: def(m.inner as Fact) } : {}),
        });
        const want = (g.btfMaps as Fact[]).map(def);
        const legacy = g.readelf.sections.find((s) => s.name === 'maps');
        if (legacy) {
          const bytes = fromHex(g.readelf.hex.maps);
          const dv = new DataView(bytes.buffer);
          for (const s of g.readelf.symbols.filter((x) => x.ndx === String(legacy.index) && x.type === 'OBJECT').sort((a, b) => a.value - b.value)) {
            const f = [0, 4, 8, 12, 16].map((o) => dv.getUint32(s.value + o, true));
            want.push({ name: s.name, typeId: f[0], keySize: f[1], valueSize: f[2], maxEntries: f[3], flags: f[4] });
          }
        }
        const strip = ({ type: _t, inner, ...m }: BpfMapDef): Record<string, unknown> => ({ ...m, ...(inner ? { inner: strip(inner) } : {}) });
        expect(obj.maps.map(strip)).toEqual(want);
        for (const m of obj.maps) expect(m.type).not.toMatch(/unknown/);
      });

      it('global data sections, their symbols and bytes match llvm-readelf', () => {
        const { g, obj } = read(name);
        const layout = mergedLayout(g);
        const kinds = ['.data', '.rodata', '.bss'].filter((k) => [...layout.values()].some((v) => v.kind === k));
        expect(obj.globals.map((x) => x.name)).toEqual(kinds);
        for (const sec of obj.globals) {
          const parts = g.readelf.sections.filter((s) => layout.get(s.name)?.kind === sec.name);
          const last = parts[parts.length - 1];
          expect(sec.bytes.length).toBe(layout.get(last.name)!.base + last.size);
          for (const s of parts) {
            const base = layout.get(s.name)!.base;
            const want = sec.name === '.bss' ? new Uint8Array(s.size) : fromHex(g.readelf.hex[s.name]);
            expect(hexOf(sec.bytes.subarray(base, base + s.size)), s.name).toBe(hexOf(want));
          }
          const syms = g.readelf.symbols
            .filter((y) => y.type === 'OBJECT' && parts.some((s) => String(s.index) === y.ndx))
            .map((y) => ({ name: y.name, offset: layout.get(g.readelf.sections.find((s) => String(s.index) === y.ndx)!.name)!.base + y.value, size: y.size }));
          expect([...sec.symbols].sort((a, b) => a.name.localeCompare(b.name))).toEqual(syms.sort((a, b) => a.name.localeCompare(b.name)));
        }
      });

      it('license matches llvm-readelf -x license', () => {
        const { g, obj } = read(name);
        const raw = new TextDecoder().decode(fromHex(g.readelf.hex.license ?? ''));
        expect(obj.license).toBe(raw.split('\0')[0]);
      });

      it('source lines (BTF.ext line_info) agree with the DWARF lines llvm-objdump -l prints', () => {
        const { g, obj } = read(name);
        const src = readFileSync(join(TESTDATA, g.source), 'utf8');
        let checked = 0;
        for (const [i, e] of expectedPrograms(g).entries()) {
          const p = obj.programs[i];
          for (const pl of e.placed) {
            const f = g.objdump[pl.sec].funcs.find((x) => x.name === pl.func)!;
            // a function's first record is its definition line (the C source says where that is)
            // or, when clang had a location for the first instruction, DWARF's line there
            const defLine = src.split('\n').findIndex((l) => new RegExp(`\\b${pl.func}\\s*\\(`).test(l)) + 1;
            const dwarfFirst = g.objdump[pl.sec].lines.find((l) => l.pc === f.start)?.line;
            expect(p.lineInfo[pl.pc].file, `${pl.func} first file`).toBe(`./${g.source}`);
            expect([defLine, dwarfFirst], `${pl.func} first line`).toContain(p.lineInfo[pl.pc].line);
            checked++;
            // after the first slot, every DWARF row's line is our line at that slot
            for (const l of g.objdump[pl.sec].lines.filter((l) => l.pc > f.start && l.pc < f.start + f.insns.length && l.line > 0)) {
              expect(p.lineInfo[pl.pc + l.pc - f.start], `${pl.func}: DWARF line at pc ${l.pc}`).toMatchObject({ file: l.file, line: l.line });
              checked++;
            }
          }
        }
        // line_info's text is that source line, as written
        const srcLines = src.split('\n');
        for (const p of obj.programs) {
          for (const l of p.lineInfo) if (l.line > 0) expect(l.text, `line ${l.line}`).toBe(srcLines[l.line - 1]);
        }
        expect(checked).toBeGreaterThan(0);
      });
    });
  }
});

const haveClang = spawnSync('clang-19', ['--version']).status === 0;

describe.skipIf(!haveClang)('the committed objects are what clang-19 builds from the sources', () => {
  for (const name of names) {
    it(name, () => {
      const { golden, bytes } = loadGolden(name);
      const dir = mkdtempSync(join(tmpdir(), 'elf-cc-'));
      try {
        // the recorded command maps the recording checkout's path to '.'; map this checkout's
        const args = golden.compile
          .split(' ')
          .slice(1)
          .map((a) => (a.startsWith('-fdebug-prefix-map=') ? `-fdebug-prefix-map=${resolve(TESTDATA)}=.` : a));
        const out = join(dir, `${name}.o`);
        args[args.indexOf('-o') + 1] = out;
        const r = spawnSync('clang-19', args, { cwd: TESTDATA, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        expect(Buffer.compare(readFileSync(out), Buffer.from(bytes))).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
