/**
 * Scalar replacement of struct locals only inlined helpers touch (sroa.ts): the xdp-tutorial
 * cursor keeps its field in a register (no stack traffic), and a struct whose address escapes
 * in any way stays in memory — either way the program computes the same values, run in the
 * simulator on kernel_oracle's 60-byte UDP frame (hand-checked: 14 + 20 = 34 is the UDP offset,
 * byte 23 is the IP protocol 17). The corpus goldens (xdp_vlan_parse, xdp_tutorial_parsing)
 * have the kernel judge and run the split code against clang's.
 */
import { describe, expect, it } from 'vitest';
import { compile } from './driver.ts';
import { createKernel } from '../kernel/run/kernel.ts';
import { loadObject } from '../kernel/run/object.ts';

const PKT = '02000000000202000000000108004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000';
const HEAD = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct cursor { void *pos; int seen; };
static __always_inline int skip(struct cursor *c, void *end, int n) {
  if (c->pos + n > end) return -1;
  c->pos += n; c->seen += n;
  return 0;
}
static __always_inline int outer(struct cursor *c, void *end) { if (skip(c, end, 14)) return -1; return skip(c, end, 20); }
`;

function build(body: string) {
  const r = compile({ 'x.c': `${HEAD}SEC("xdp") int f(struct xdp_md *ctx) { void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end; ${body} }\nchar LICENSE[] SEC("license") = "GPL";\n` }, 'x.c');
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return r.object!;
}
function run(obj: ReturnType<typeof build>): number {
  const k = createKernel();
  const l = loadObject(k, obj);
  if (!l.ok) throw new Error(l.message);
  return k.run([...l.programs.values()][0], { packet: new Uint8Array(Buffer.from(PKT, 'hex')) }).retval;
}
const stackStores = (obj: ReturnType<typeof build>) => obj.programs[0].insns.filter((i) => (i.code & 0x07) <= 0x03 && (i.code & 0x07) >= 0x02 && i.dst === 10).length;

describe('scalar replacement of cursor structs', () => {
  it('a cursor only inlined helpers touch lives in registers, through two levels of helpers', () => {
    const body = 'struct cursor c; c.pos = data; c.seen = 0; if (outer(&c, end)) return 0; if (c.pos + 1 > end) return 0; return c.seen * 1000 + *(unsigned char *)(data + 23);';
    const obj = build(body);
    expect(run(obj)).toBe(34017);
    // `volatile` keeps it in memory (as it stops clang's SROA): same result, more instructions
    const kept = build(body.replace('struct cursor c;', 'volatile struct cursor c;'));
    expect(run(kept)).toBe(34017);
    expect(obj.programs[0].insns.length).toBeLessThan(kept.programs[0].insns.length);
  });

  it('keeps the struct in memory when its address escapes, with the same results', () => {
    // passed to a helper
    expect(run(build('struct cursor c; c.pos = data; c.seen = 0; bpf_probe_read_kernel(&c.seen, 4, &c.seen); if (outer(&c, end)) return 0; return c.seen;'))).toBe(34);
    // stored through a pointer by the callee's caller
    const esc = build('struct cursor c; struct cursor *p = &c; c.pos = data; c.seen = 0; if (outer(p, end)) return 0; return c.seen + (p->pos - data);');
    expect(run(esc)).toBe(68);
    expect(stackStores(esc)).toBeGreaterThan(0);
    // copied as a whole
    expect(run(build('struct cursor c, d; c.pos = data; c.seen = 0; if (outer(&c, end)) return 0; d = c; return d.seen;'))).toBe(34);
  });

});
