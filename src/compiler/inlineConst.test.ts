/**
 * Inline parameters bound to constant arguments (cgCall.ts / boundConsts in cgExpr.ts): the
 * callee reads the constant itself — no register or stack slot for it — through nested helpers,
 * while a parameter the callee assigns keeps its own storage. Results hand-computed, run in
 * the simulator; repeated compilations in one process must not leak bindings.
 */
import { describe, expect, it } from 'vitest';
import { compile } from './driver.ts';
import { createKernel } from '../kernel/run/kernel.ts';
import { loadObject } from '../kernel/run/object.ts';

const HEAD = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
static __always_inline int inner(int n, int m) { return n * 100 + m; }
static __always_inline int outer(int n) { return inner(n, 7) + n; }
static __always_inline int bump(int n) { n += 2; return n; }
`;

function build(body: string) {
  const r = compile({ 'x.c': `${HEAD}SEC("xdp") int f(struct xdp_md *ctx) { ${body} }\nchar LICENSE[] SEC("license") = "GPL";\n` }, 'x.c');
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return r.object!;
}
function run(body: string): number {
  const k = createKernel();
  const l = loadObject(k, build(body));
  if (!l.ok) throw new Error(l.message);
  return k.run([...l.programs.values()][0], { packet: new Uint8Array(64) }).retval;
}

describe('inline parameters bound to constants', () => {
  it('reads the constant through nested helpers, with no stack traffic', () => {
    expect(run('return outer(3);')).toBe(310);
    const obj = build('return outer(3);');
    expect(obj.programs[0].insns.filter((i) => i.dst === 10 || i.src === 10)).toEqual([]);
  });
  it('a parameter the callee assigns keeps its storage', () => {
    expect(run('return bump(5) * 10 + bump(1);')).toBe(73);
  });
  it('bindings do not leak into later compilations', () => {
    for (let i = 0; i < 3; i++) {
      expect(run('return outer(2);')).toBe(209);
      expect(run('int i = 0; again: i++; if (i < 5) goto again; return i;')).toBe(5);
    }
  });
});
