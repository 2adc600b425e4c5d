/**
 * writeElf: read clang's object, write ours, and check
 *  - our reader gets the same BpfObject back (programs, relocations, lines, maps, globals, license);
 *  - the written bytes are the ones the kernel judged when the goldens were recorded (sha256), and
 *    the kernel accepted them, `bpftool prog loadall` loaded them, and the runs (retval, packet,
 *    maps) equal those of clang's original object;
 *  - live, when this machine lets us call bpf() (root + kernel_oracle.py): the oracle verifies and
 *    runs the bytes written now and gets the original's results (skipped otherwise).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/index.ts';
import type { BpfObject } from '../isa/object.ts';
import { parseElf, R_BPF } from './elfio.ts';
import { readElf } from './read.ts';
import { goldenNames, loadGolden, mergedLayout, TESTDATA, type KernelProg } from './testdata/goldens.ts';
import { writeElf } from './write.ts';

const names = goldenNames();
/** Objects whose maps kernel_oracle.py cannot create (map-in-map): judged by bpftool (libbpf) only. */
const BPFTOOL_ONLY = new Set(['xdp_map_in_map']);

/** Results that do not depend on hash iteration order or on which CPU ran the program. */
function normalise(run: unknown): unknown {
  if (Array.isArray(run)) return run.map(normalise);
  if (run && typeof run === 'object') {
    const o = Object.fromEntries(Object.entries(run).map(([k, v]) => [k, normalise(v)]));
    if (Array.isArray(o.entries)) o.entries = [...o.entries].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    if (Array.isArray(o.per_cpu)) o.per_cpu = [...o.per_cpu].sort().reverse();
    return o;
  }
  return run;
}


type MapDump = { name: string; entries?: { key: number; value: number | string }[] };

/** A global-data map's single value as bytes (the oracle prints 1/2/4/8-byte values as integers and omits all-zero entries). */
function valueBytes(m: MapDump | undefined, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const v = m?.entries?.[0]?.value;
  if (typeof v === 'string') out.set(Uint8Array.from(v.match(/../g) ?? [], (x) => parseInt(x, 16)));
  else if (typeof v === 'number') {
    const tmp = new Uint8Array(8);
    new DataView(tmp.buffer).setBigUint64(0, BigInt(v), true);
    out.set(tmp.subarray(0, Math.min(8, size)));
  }
  return out;
}

/**
 * Our writer merges `.data.*`/`.rodata.*`/`.bss.*` into one section each (libbpf makes one map per
 * section). Turn the original's per-section map dumps into the merged layout, computed from
 * llvm-readelf's section table, and compare the bytes; the other maps must be equal as they are.
 */
function compareRuns(name: string, original: KernelProg, written: KernelProg): void {
  const g = loadGolden(name).golden;
  const layout = mergedLayout(g);
  const split = (p: KernelProg) => {
    const run = structuredClone(p.run ?? {}) as { maps?: MapDump[] };
    const data = (run.maps ?? []).filter((m) => m.name.startsWith('.'));
    run.maps = run.maps?.filter((m) => !m.name.startsWith('.'));
    return { rest: normalise({ accepted: p.verify?.accepted, run }), data };
  };
  const a = split(original), b = split(written);
  expect(b.rest, original.name).toEqual(a.rest);
  for (const kind of ['.data', '.rodata', '.bss']) {
    const parts = g.readelf.sections.filter((s) => layout.get(s.name)?.kind === kind);
    if (!parts.length || !original.run) continue;
    const size = Math.max(...parts.map((s) => layout.get(s.name)!.base + s.size));
    const want = new Uint8Array(size);
    for (const s of parts) want.set(valueBytes(a.data.find((m) => m.name === s.name), s.size), layout.get(s.name)!.base);
    expect(Array.from(valueBytes(b.data.find((m) => m.name === kind), size)), `${original.name} ${kind}`).toEqual(Array.from(want));
  }
}

describe('writeElf round trip through our reader', () => {
  for (const name of names) {
    it(name, () => {
      const { bytes } = loadGolden(name);
      const a = readElf(bytes, `${name}.o`).object!;
      const w = writeElf(a);
      const back = readElf(w, `${name}.written.o`);
      expect(back.diagnostics).toEqual([]);
      expect(back.object).toEqual(a);
    });
  }

  it('an object built from assembly (no clang) survives the round trip', () => {
    const text = [
      'r1 = 0',
      '*(u32 *)(r10 - 4) = r1',
      'r2 = r10',
      'r2 += -4',
      'r1 = counts ll',
      'call 1',
      'if r0 == 0 goto +2',
      'r1 = 1',
      'lock *(u64 *)(r0 + 0) += r1',
      'r0 = 2',
      'exit',
    ].join('\n');
    const asm = assemble(text, { file: 'p.s', dialect: 'llvm' });
    expect(asm.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // BpfObject's convention: relocated slots hold placeholders (src 0, imm 0)
    const insns = asm.insns.map((x, pc) => (asm.relocs.some((r) => r.pc === pc) ? { ...x, src: 0, imm: 0 } : x));
    const obj: BpfObject = {
      programs: [{
        name: 'count', section: 'xdp', insns,
        relocations: asm.relocs.map((r) => ({ pc: r.pc, symbol: r.symbol, kind: r.kind, addend: 0 })),
        lineInfo: asm.insns.map((_, pc) => ({ file: 'p.s', line: pc + 1, col: 1 })),
      }],
      maps: [{ name: 'counts', type: 'array', typeId: 2, keySize: 4, valueSize: 8, maxEntries: 1, flags: 0 }],
      globals: [{ name: '.rodata', bytes: Uint8Array.from([1, 2, 3, 4]), symbols: [{ name: 'k', offset: 0, size: 4 }] }],
      license: 'GPL',
    };
    const back = readElf(writeElf(obj), 'asm.o');
    expect(back.diagnostics).toEqual([]);
    // the second slot of ld_imm64 takes the line of its first slot, as the reader fills lines forward
    const lines = obj.programs[0].lineInfo.map((l, pc) => (pc > 0 && obj.programs[0].insns[pc - 1].code === 0x18 ? obj.programs[0].lineInfo[pc - 1] : l));
    expect(back.object).toEqual({ ...obj, programs: [{ ...obj.programs[0], lineInfo: lines }] });
  });

  it('map initial values (prog_array programs, map-in-map maps) survive the round trip as .rel.maps', () => {
    const prog = (name: string, r0: number) => ({
      name, section: 'xdp', relocations: [],
      insns: [{ code: 0xb7, dst: 0, src: 0, off: 0, imm: r0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }],
      lineInfo: [{ file: 'p.c', line: 1, col: 1 }, { file: 'p.c', line: 1, col: 1 }],
    });
    const inner = { name: 'inner', type: 'array', typeId: 2, keySize: 4, valueSize: 8, maxEntries: 2, flags: 0 };
    const obj: BpfObject = {
      programs: [prog('a', 1), prog('b', 2), prog('c', 3)],
      maps: [
        { name: 'jmp', type: 'prog_array', typeId: 3, keySize: 4, valueSize: 4, maxEntries: 8, flags: 0, init: [{ index: 2, symbol: 'c' }, { index: 5, symbol: 'a' }] },
        { ...inner, name: 'ia' },
        { ...inner, name: 'ib' },
        { name: 'outer', type: 'hash_of_maps', typeId: 13, keySize: 4, valueSize: 4, maxEntries: 4, flags: 0, inner, init: [{ index: 0, symbol: 'ib' }, { index: 3, symbol: 'ia' }] },
      ],
      globals: [],
      license: 'GPL',
    };
    const bytes = writeElf(obj);
    const back = readElf(bytes, 'init.o');
    expect(back.diagnostics).toEqual([]);
    expect(back.object!.maps).toEqual(obj.maps);
    // as clang writes them: one R_BPF_64_ABS64 per slot at 40 + 8 * index inside the map's variable
    // (jmp at 0 with 6 slots → 88 bytes, ia at 88, ib at 128, outer at 168)
    const elf = parseElf(bytes, 'init.o', []);
    const maps = elf!.sections.find((s) => s.name === '.maps')!;
    expect(elf!.rels.get(maps.index)!.map((r) => [r.offset, r.type, elf!.symbols[r.symbol].name])).toEqual([
      [40 + 16, R_BPF['64_ABS64'], 'c'], [40 + 40, R_BPF['64_ABS64'], 'a'], [168 + 40, R_BPF['64_ABS64'], 'ib'], [168 + 64, R_BPF['64_ABS64'], 'ia'],
    ]);
  });
});

describe('writeElf output in the kernel (recorded goldens)', () => {
  for (const name of names) {
    it(name, () => {
      const { golden, bytes } = loadGolden(name);
      const k = golden.kernel;
      expect(k, 'kernel results recorded').toBeDefined();
      const written = writeElf(readElf(bytes, `${name}.o`).object!);
      // the recorded verdicts are about exactly these bytes
      expect(createHash('sha256').update(written).digest('hex')).toBe(k!.writtenSha256);
      // libbpf loads ours whenever it loads clang's (and the legacy `maps` one it refuses)
      expect(k!.bpftool.written.ok).toBe(k!.bpftool.original.ok || name === 'xdp_legacy_map');
      if (BPFTOOL_ONLY.has(name)) {
        expect(k!.bpftool.written).toEqual({ ok: true });
        return;
      }
      expect(k!.written.map((p) => p.name)).toEqual(k!.original.map((p) => p.name));
      for (const [i, p] of k!.written.entries()) {
        const o = k!.original[i];
        // the kernel's verdict on our object is its verdict on clang's (accepted, or the same error)
        expect(p.verify?.accepted, `${p.name} verdict`).toBe(o.verify?.accepted);
        expect(p.verify?.error, `${p.name} error`).toEqual(o.verify?.error);
        // our BTF and line_info were loaded, and the verifier's source annotations are clang's
        expect(p.verify?.btf).toBe(true);
        expect(p.verify?.sourceLines.length, `${p.name} has source lines`).toBeGreaterThan(0);
        expect(p.verify?.sourceLines, `${p.name} source lines in the verifier log`).toEqual(o.verify?.sourceLines);
        compareRuns(name, k!.original[i], p);
      }
    });
  }

  it('runs are recorded for the packet programs (XDP, TC, socket filter)', () => {
    const runs = names.flatMap((n) => loadGolden(n).golden.kernel!.original.filter((p) => p.run));
    expect(runs.length).toBeGreaterThanOrEqual(18);
  });

  it("libbpf (bpftool) refuses clang's legacy 'maps' section but loads our rewrite with BTF maps", () => {
    const k = loadGolden('xdp_legacy_map').golden.kernel!;
    expect(k.bpftool.original.ok).toBe(false);
    expect(k.bpftool.written.ok).toBe(true);
  });
});

const ORACLE = resolve(TESTDATA, '../../../../shared/tools/kernel_oracle.py');
const live = process.getuid?.() === 0 && existsSync(ORACLE) && spawnSync('python3', [ORACLE, 'verify', join(TESTDATA, 'xdp_pass.o')], { encoding: 'utf8' }).status === 0;
const LIVE_NAMES = process.env.ELF_LIVE === 'all' ? names.filter((n) => !BPFTOOL_ONLY.has(n)) : ['xdp_subprog_chain', 'xdp_globals', 'xdp_loop', 'tc_shot_tcp'];

describe.skipIf(!live)('writeElf output in the live kernel (root + kernel_oracle.py)', () => {
  for (const name of LIVE_NAMES) {
    it(name, () => {
      const { golden, bytes } = loadGolden(name);
      const dir = mkdtempSync(join(tmpdir(), 'elf-live-'));
      try {
        const file = join(dir, `${name}.o`);
        writeFileSync(file, writeElf(readElf(bytes, `${name}.o`).object!));
        for (const p of golden.kernel!.original) {
          const args = p.run ? ['run', file, '--prog', p.name, ...golden.kernel!.packets.flatMap((x) => ['--packet', x]), '--dump-maps'] : ['verify', file, '--prog', p.name];
          const r = spawnSync('python3', [ORACLE, ...args], { encoding: 'utf8' });
          expect(r.status, r.stdout + r.stderr).toBe(0);
          if (p.run) {
            const out = JSON.parse(r.stdout) as Record<string, unknown>;
            const clean = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (/time|_ns|wall|usec/.test(k) ? undefined : v)));
            compareRuns(name, p, { ...p, run: clean(out) as Record<string, unknown> });
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
