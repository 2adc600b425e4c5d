/**
 * The ELF corpus goldens (written by scripts/record-elf-goldens.ts) and the expectations the tests
 * derive from them: what libbpf's object model says the programs, relocations, maps, globals and
 * lines of each `.o` are, computed only from the tools' printed facts (llvm-readelf, llvm-objdump,
 * bpftool), never from our reader.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TESTDATA = dirname(fileURLToPath(import.meta.url));

export interface ObjdumpSection {
  funcs: { name: string; start: number; insns: string[] }[];
  relocs: { pc: number; type: string; symbol: string }[];
  lines: { pc: number; file: string; line: number }[];
}

export interface KernelProg {
  name: string;
  type: string;
  verify?: { accepted: boolean; errno_name: string | null; error: string[] | null; insn_cnt: number; btf: boolean; sourceLines: string[] };
  run?: Record<string, unknown>;
}

export interface Golden {
  source: string;
  /** the clang-19 command line the recorder used (run in testdata/) */
  compile: string;
  readelf: {
    sections: { index: number; name: string; type: string; size: number; flags: string; align: number }[];
    symbols: { index: number; value: number; size: number; type: string; bind: string; ndx: string; name: string }[];
    relocs: Record<string, { offset: number; type: string; symbol: string }[]>;
    hex: Record<string, string>;
  };
  objdump: Record<string, ObjdumpSection>;
  btfMaps: Record<string, unknown>[];
  btfFuncs: { name: string; linkage: string; params: ({ kind: 'scalar'; size: number } | { kind: 'ptr'; to: string; size: number })[] }[];
  kernel?: {
    packets: string[];
    original: KernelProg[];
    written: KernelProg[];
    writtenSha256: string;
    bpftool: { original: { ok: boolean; message?: string }; written: { ok: boolean; message?: string } };
  };
}

export function goldenNames(): string[] {
  return readdirSync(TESTDATA).filter((f) => f.endsWith('.golden.json')).map((f) => f.replace(/\.golden\.json$/, '')).sort();
}

export function loadGolden(name: string): { golden: Golden; bytes: Uint8Array } {
  return {
    golden: JSON.parse(readFileSync(join(TESTDATA, `${name}.golden.json`), 'utf8')) as Golden,
    bytes: new Uint8Array(readFileSync(join(TESTDATA, `${name}.o`))),
  };
}

export const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

const kindOf = (name: string): '.data' | '.rodata' | '.bss' | undefined =>
  (['.data', '.rodata', '.bss'] as const).find((k) => name === k || name.startsWith(k + '.'));

/** Merged global sections as libbpf-style single sections: section name → {kind, base}. */
export function mergedLayout(g: Golden): Map<string, { kind: '.data' | '.rodata' | '.bss'; base: number }> {
  const out = new Map<string, { kind: '.data' | '.rodata' | '.bss'; base: number }>();
  const len = new Map<string, number>();
  for (const s of g.readelf.sections) {
    const k = kindOf(s.name);
    if (!k || !s.flags.includes('A') || s.flags.includes('X')) continue;
    let at = len.get(k) ?? 0;
    const a = Math.max(1, s.align);
    at = Math.ceil(at / a) * a;
    out.set(s.name, { kind: k, base: at });
    len.set(k, at + s.size);
  }
  return out;
}

export interface ExpectedProgram {
  name: string;
  section: string;
  /** placed functions in order: objdump section, function, first pc in the program */
  placed: { sec: string; func: string; pc: number }[];
  slots: { hex: string; sec: string; pcInSec: number }[];
}

/** libbpf's linking, from objdump facts: entry function + transitively called .text functions. */
export function expectedPrograms(g: Golden): ExpectedProgram[] {
  const out: ExpectedProgram[] = [];
  const funcAt = (sec: string, slot: number) => g.objdump[sec]?.funcs.find((f) => f.start <= slot && slot < f.start + f.insns.length);
  const imm = (hex: string): number => new DataView(fromHex(hex).buffer).getInt32(4, true);
  const symValue = (name: string): number => g.readelf.symbols.find((s) => s.name === name)?.value ?? 0;
  for (const [sec, body] of Object.entries(g.objdump)) {
    if (sec === '.text') continue;
    for (const entry of body.funcs) {
      const placed: ExpectedProgram['placed'] = [];
      const queue = [{ sec, func: entry }];
      let pc = 0;
      while (queue.length) {
        const { sec: s, func: f } = queue.shift()!;
        if (placed.some((p) => p.sec === s && p.func === f.name)) continue;
        placed.push({ sec: s, func: f.name, pc });
        pc += f.insns.length;
        const relocated = new Set<number>();
        for (const r of g.objdump[s].relocs.filter((r) => r.pc >= f.start && r.pc < f.start + f.insns.length)) {
          relocated.add(r.pc);
          const hex = f.insns[r.pc - f.start];
          if (r.type === 'R_BPF_64_32') {
            const callee = funcAt('.text', symValue(r.symbol) / 8 + imm(hex) + 1);
            if (callee) queue.push({ sec: '.text', func: callee });
          } else if (r.type === 'R_BPF_64_64' && (r.symbol === '.text' || g.objdump['.text']?.funcs.some((x) => x.name === r.symbol))) {
            const callee = funcAt('.text', (symValue(r.symbol) + imm(hex)) / 8);
            if (callee) queue.push({ sec: '.text', func: callee });
          }
        }
        f.insns.forEach((hex, j) => {
          if (hex.startsWith('85') && hex[2] === '1' && !relocated.has(f.start + j)) {
            const callee = funcAt(s, f.start + j + imm(hex) + 1);
            if (callee) queue.push({ sec: s, func: callee });
          }
        });
      }
      const slots = placed.flatMap((p) => {
        const f = g.objdump[p.sec].funcs.find((x) => x.name === p.func)!;
        return f.insns.map((hex, j) => ({ hex, sec: p.sec, pcInSec: f.start + j }));
      });
      out.push({ name: entry.name, section: sec, placed, slots });
    }
  }
  return out;
}
