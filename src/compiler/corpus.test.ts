/**
 * The compiler corpus against its kernel goldens (recorded by scripts/record-compiler-goldens.ts
 * from clang-19 and this machine's kernel): for every `testdata/corpus/*.c`
 *  - the kernel accepted our bytecode and accepted clang's, and `bpftool prog loadall` (libbpf,
 *    CO-RE relocations applied against the kernel's BTF) loaded our ELF object;
 *  - programs this kernel refuses before verifying (fentry/fexit/lsm: no BPF trampolines here)
 *    are recorded as unavailable — clang's object refused the same way — and are not counted;
 *  - for packet programs, our runs (return values, packets out) and the maps afterwards equal
 *    clang's, and every packet was run;
 *  - our current output still equals the bytes that were recorded, so the goldens go stale loudly
 *    (re-record after a codegen change).
 * Runs without bpf(): everything comes from the goldens.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from './driver.ts';
import { hex, linkForOracle, parseHeader, type Golden } from './testdata/corpus.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'testdata/corpus');
const cases = readdirSync(DIR).filter((f) => f.endsWith('.c')).sort();
/** Program types / helpers the simulator does not model yet (the CLI's run/verify tests skip them). */
const BEYOND = join(dirname(fileURLToPath(import.meta.url)), 'testdata/corpus-beyond');
const all = [...cases.map((f) => ({ dir: DIR, f })), ...readdirSync(BEYOND).filter((f) => f.endsWith('.c')).sort().map((f) => ({ dir: BEYOND, f }))];
const RUNNABLE = new Set(['xdp', 'sched_cls', 'socket_filter', 'cgroup_skb']);

describe('compiler corpus (kernel goldens)', () => {
  it('has at least 45 programs the kernel judged, across the program types', () => {
    const judged = cases.filter((f) => {
      const g = join(DIR, f.replace(/\.c$/, '.golden.json'));
      return existsSync(g) && !(JSON.parse(readFileSync(g, 'utf8')) as Golden).unavailable;
    });
    expect(judged.length).toBeGreaterThanOrEqual(45);
    const types = new Set(cases.map((f) => parseHeader(readFileSync(join(DIR, f), 'utf8')).type));
    for (const t of ['xdp', 'sched_cls', 'socket_filter', 'cgroup_skb', 'kprobe', 'tracepoint', 'raw_tracepoint', 'perf_event', 'tracing', 'lsm']) expect(types).toContain(t);
    const sections = cases.map((f) => /SEC\("([^"/]*)/.exec(readFileSync(join(DIR, f), 'utf8').replace(/SEC\("(license|\.maps)"\)/g, ''))?.[1]);
    for (const s of ['kprobe', 'kretprobe', 'uprobe', 'uretprobe', 'ksyscall', 'tracepoint', 'raw_tracepoint', 'tp_btf', 'fentry', 'fexit', 'lsm', 'perf_event']) expect(sections).toContain(s);
  });

  for (const { dir, f } of all) {
    const name = f.slice(0, -2);
    it(name, () => {
      const goldenPath = join(dir, `${name}.golden.json`);
      expect(existsSync(goldenPath), `${name}.golden.json missing: run npx tsx scripts/record-compiler-goldens.ts ${name}`).toBe(true);
      const g = JSON.parse(readFileSync(goldenPath, 'utf8')) as Golden;
      const text = readFileSync(join(dir, f), 'utf8');
      const res = compile({ [f]: text }, f);
      expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const obj = res.object!;
      const { bytes, mapSpecs } = linkForOracle(obj, 0);
      expect(obj.programs[0].name).toBe(g.program);
      expect(mapSpecs).toEqual(g.ours.mapSpecs);
      expect(hex(bytes), 'output changed since the goldens were recorded: re-record').toBe(g.ours.bytesHex);
      expect(obj.programs[0].lineInfo.length).toBe(obj.programs[0].insns.length);
      if (g.unavailable) {
        // No verdict on this machine: both objects were refused before verification, alike.
        expect(g.clang.accepted).toBe(false);
        expect(g.ours.elf?.accepted).toBe(false);
        expect(g.ours.elf?.error?.replace(/prog '\w+'/, '')).toBe(g.clang.error?.replace(/prog '\w+'/, ''));
        return;
      }
      expect(g.clang.accepted, `clang's program was rejected: ${g.clang.error}`).toBe(true);
      expect(g.ours.accepted, `the kernel rejected ours: ${g.ours.error}`).toBe(true);
      expect(g.ours.elf, 'golden predates ELF loading: re-record').toBeDefined();
      expect(g.ours.elf!.accepted, `bpftool could not load our ELF object: ${g.ours.elf!.error}`).toBe(true);
      if (RUNNABLE.has(g.type)) {
        const header = parseHeader(text);
        expect(g.packets.length).toBe(header.packets.length);
        expect(g.ours.runs.length).toBe(g.packets.length);
        expect(g.ours.runs.every((r) => r.retval !== null && !r.error)).toBe(true);
        expect(g.ours.runs).toEqual(g.clang.runs);
        expect(g.ours.maps).toEqual(g.clang.maps);
      }
    });
  }
});
