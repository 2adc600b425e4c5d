/**
 * `__builtin_popcount/ctz/clz` (parseBitops.ts): run in the simulator on values the compiler
 * cannot fold (volatile locals), against hand-computed counts; clang-19 compiles the same
 * builtins to the same SWAR arithmetic (checked with llvm-objdump on this machine).
 */
import { describe, expect, it } from 'vitest';
import { compile } from './driver.ts';
import { createKernel } from '../kernel/run/kernel.ts';
import { loadObject } from '../kernel/run/object.ts';

function run(decl: string, expr: string): number {
  const src = `#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\nSEC("xdp") int f(struct xdp_md *ctx) { ${decl} return ${expr}; }\nchar LICENSE[] SEC("license") = "GPL";\n`;
  const r = compile({ 'x.c': src }, 'x.c');
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const k = createKernel();
  const l = loadObject(k, r.object!);
  if (!l.ok) throw new Error(l.message);
  return k.run([...l.programs.values()][0], { packet: new Uint8Array(64) }).retval;
}

describe('bit-count builtins', () => {
  it('32-bit popcount, ctz, clz', () => {
    const d = 'volatile unsigned int v = 0xF0F0u, w = 0x80000000u, o = 1;';
    expect(run(d, '__builtin_popcount(v)')).toBe(8);
    expect(run(d, '__builtin_popcount(0xffffffffu - v + v)')).toBe(32);
    expect(run(d, '__builtin_ctz(v)')).toBe(4);
    expect(run(d, '__builtin_clz(v)')).toBe(16);
    expect(run(d, '__builtin_ctz(w) * 100 + __builtin_clz(w)')).toBe(3100);
    expect(run(d, '__builtin_ctz(o) * 100 + __builtin_clz(o)')).toBe(31);
  });
  it('64-bit forms', () => {
    const d = 'volatile unsigned long long v = 0xFFFF00000000FFFFull, b = 1ull << 40;';
    expect(run(d, '__builtin_popcountll(v)')).toBe(32);
    expect(run(d, '__builtin_ctzll(b) * 100 + __builtin_clzll(b)')).toBe(4023);
    expect(run(d, '__builtin_popcountl(b - 1)')).toBe(40);
  });
  it('needs exactly one argument', () => {
    const r = compile({ 'x.c': 'int f(void) { return __builtin_popcount(1, 2); }\n' }, 'x.c');
    expect(r.diagnostics.map((d) => d.message)).toContain('too many arguments to function call, expected 1, have 2');
  });
});
