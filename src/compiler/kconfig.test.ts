/**
 * `__kconfig` externs end to end: our object carries them as clang-19's does (undefined symbols,
 * weak for `__weak`, relocations against them, extern VARs in a `.kconfig` DATASEC — as
 * llvm-readelf-19 and bpftool read both objects, goldens from testdata/kconfig/record.ts), our
 * `.kconfig` layout is the one libbpf computed for clang's object, and our loader fills the map so
 * that our compiled program and clang's (read by src/elf) record, run in the simulator, what the
 * real kernel recorded (testdata/corpus/xdp_kconfig.golden.json, run with bpftool) — and refuses
 * unresolvable externs with the message libbpf printed for the same source. `__ksym` kfuncs:
 * the same extern view as clang's, calls as BPF_PSEUDO_KFUNC_CALL, and a clear refusal by our
 * loader.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BpfObject } from '../isa/object.ts';
import { readElf } from '../elf/index.ts';
import { createKernel } from '../kernel/run/kernel.ts';
import { loadObject } from '../kernel/run/object.ts';
import { compile } from './driver.ts';
import type { Golden } from './testdata/corpus.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const KC = join(HERE, 'testdata/kconfig');
const CORPUS = join(HERE, 'testdata/corpus');

function build(src: string, name = 'prog.c'): BpfObject {
  const res = compile({ [name]: src }, name);
  expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return res.object!;
}

/** Load and run `obj` in the simulator on the golden's packets: retvals and the `seen` map as the recorder dumped it. */
function simulate(obj: BpfObject, g: Golden) {
  const k = createKernel();
  const r = loadObject(k, obj);
  if (!r.ok) throw new Error(r.message);
  const prog = r.programs.get(g.program)!;
  const runs = g.packets.map((p) => {
    const o = k.run(prog, { packet: new Uint8Array(Buffer.from(p, 'hex')) });
    return { retval: o.retval, dataOut: Buffer.from(o.packetOut ?? []).toString('hex') };
  });
  const seen = k.dumpMaps().seen as Record<string, string>;
  return { runs, seen: Object.entries(seen).map(([key, value]) => JSON.stringify({ key, value })).sort() };
}

describe('__kconfig externs', () => {
  const text = readFileSync(join(CORPUS, 'xdp_kconfig.c'), 'utf8');
  const golden = JSON.parse(readFileSync(join(CORPUS, 'xdp_kconfig.golden.json'), 'utf8')) as Golden;
  const clangView = readFileSync(join(KC, 'xdp_kconfig.clang.txt'), 'utf8');

  it('llvm-readelf and bpftool read the same externs from our object as from clang-19\'s', () => {
    expect(readFileSync(join(KC, 'xdp_kconfig.ours.txt'), 'utf8')).toBe(clangView);
  });

  it('our externs, weak flags and .kconfig offsets are what clang emitted and libbpf laid out', () => {
    const obj = build(text, 'xdp_kconfig.c');
    const und = [...clangView.matchAll(/^(GLOBAL|WEAK) NOTYPE (\w+)$/gm)].map((m) => [m[2], m[1] === 'WEAK']).sort();
    expect((obj.externs ?? []).map((e) => [e.name, e.weak]).sort()).toEqual(und);
    const placed = [...clangView.matchAll(/^extern \(kcfg\) #\d+: off (\d+), name (\w+)$/gm)].map((m) => [m[2], Number(m[1])]).sort();
    expect(placed.length).toBe(9);
    expect((obj.externs ?? []).map((e) => [e.name, e.offset]).sort()).toEqual(placed);
    // each load of an extern is relocated to its slot in the .kconfig map
    for (const r of obj.programs[0].relocations.filter((x) => x.extern)) {
      expect(r.symbol).toBe('.kconfig');
      expect(r.addend).toBe(obj.externs!.find((e) => e.name === r.extern)!.offset);
    }
  });

  it('our program run in the simulator records what the kernel recorded', () => {
    const sim = simulate(build(text, 'xdp_kconfig.c'), golden);
    expect(golden.clang.maps.seen.length).toBe(12);
    expect(sim.seen).toEqual(golden.clang.maps.seen);
    expect(sim.runs).toEqual(golden.clang.runs);
  });

  it("clang-19's object, read by src/elf and run in the simulator, records the same", () => {
    const r = readElf(new Uint8Array(readFileSync(join(KC, 'xdp_kconfig.clang.o'))), 'xdp_kconfig.clang.o');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const placed = [...clangView.matchAll(/^extern \(kcfg\) #\d+: off (\d+), name (\w+)$/gm)].map((m) => [m[2], Number(m[1])]).sort();
    expect((r.object!.externs ?? []).map((e) => [e.name, e.offset]).sort()).toEqual(placed);
    expect(simulate(r.object!, golden).seen).toEqual(golden.clang.maps.seen);
  });

  // the first line `bpftool prog loadall` printed for clang-19's object of the same source
  const refused: [string, string][] = [
    ['extern bool CONFIG_KPROBES __kconfig;', "libbpf: extern 'CONFIG_KPROBES' (strong): not resolved"],
    ['extern int MY_VALUE __kconfig __weak;', "libbpf: extern (kcfg) 'MY_VALUE': unrecognized virtual extern"],
    ['extern int CONFIG_BPF_JIT __kconfig;', "libbpf: extern (kcfg) 'CONFIG_BPF_JIT': value 'y' implies bool, tristate, or char type"],
  ];
  for (const [decl, message] of refused) {
    it(`the loader refuses, as libbpf does: ${decl}`, () => {
      const name = /(\w+) __kconfig/.exec(decl)![1];
      const obj = build(`#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\n${decl}\nSEC("xdp") int p(struct xdp_md *ctx) { return ${name} ? 1 : 2; }\nchar LICENSE[] SEC("license") = "GPL";\n`);
      expect(loadObject(createKernel(), obj)).toEqual({ ok: false, message });
    });
  }

  it('an unknown weak CONFIG_ option reads as 0; a strong known one loads', () => {
    const obj = build(`#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\nextern bool CONFIG_NOT_AN_OPTION __kconfig __weak;\nextern int CONFIG_PGTABLE_LEVELS __kconfig;\nSEC("xdp") int p(struct xdp_md *ctx) { return CONFIG_NOT_AN_OPTION * 100 + CONFIG_PGTABLE_LEVELS; }\nchar LICENSE[] SEC("license") = "GPL";\n`);
    const k = createKernel();
    const r = loadObject(k, obj);
    if (!r.ok) throw new Error(r.message);
    const pkt = new Uint8Array(Buffer.from(golden.packets[0], 'hex'));
    // CONFIG_PGTABLE_LEVELS=5 on the recorded kernel (testdata/kconfig.txt of src/kernel/run)
    expect(k.run(r.programs.get('p')!, { packet: pkt }).retval).toBe(5);
  });
});

describe('__ksym externs (kfuncs, bpf_ksym_exists)', () => {
  const text = readFileSync(join(CORPUS, 'kprobe_ksym_kfunc.c'), 'utf8');
  const clangView = readFileSync(join(KC, 'kprobe_ksym_kfunc.clang.txt'), 'utf8');

  it("llvm-readelf, bpftool and libbpf read the same externs from our object as from clang-19's", () => {
    expect(readFileSync(join(KC, 'kprobe_ksym_kfunc.ours.txt'), 'utf8')).toBe(clangView);
  });

  it('kfunc calls are BPF_PSEUDO_KFUNC_CALL calls, kfunc addresses ld_imm64, weak as declared', () => {
    const obj = build(text, 'kprobe_ksym_kfunc.c');
    const und = [...clangView.matchAll(/^(GLOBAL|WEAK) NOTYPE (\w+)$/gm)].map((m) => [m[2], m[1] === 'WEAK']).sort();
    expect((obj.externs ?? []).map((e) => [e.name, e.weak]).sort()).toEqual(und);
    expect(obj.externs!.every((e) => e.section === '.ksyms' && e.func)).toBe(true);
    const p = obj.programs[0];
    const calls = p.relocations.filter((r) => r.kind === 'call' && r.extern);
    expect(calls.map((r) => r.extern)).toEqual(['bpf_rcu_read_lock', 'bpf_rcu_read_unlock']);
    for (const r of calls) expect([p.insns[r.pc].code, p.insns[r.pc].src]).toEqual([0x85, 2]);
    const addrs = p.relocations.filter((r) => r.kind === 'data' && r.extern);
    expect(addrs.map((r) => [r.symbol, r.extern])).toEqual([['.ksyms', 'bpf_task_acquire'], ['.ksyms', 'bpf_not_a_kfunc']]);
    for (const r of addrs) expect(p.insns[r.pc].code).toBe(0x18);
  });

  it('the kernel accepted our object and clang-19\'s (golden)', () => {
    const g = JSON.parse(readFileSync(join(CORPUS, 'kprobe_ksym_kfunc.golden.json'), 'utf8')) as Golden;
    expect([g.ours.elf?.accepted, g.clang.accepted]).toEqual([true, true]);
  });

  it('our loader refuses kernel symbols with a clear error (the simulation has no kernel BTF to find them in)', () => {
    expect(loadObject(createKernel(), build(text, 'kprobe_ksym_kfunc.c'))).toEqual({
      ok: false, message: "extern 'bpf_rcu_read_lock' (__ksym): kernel symbols and kfuncs are not supported in the simulation",
    });
  });
});

