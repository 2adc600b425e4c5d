/**
 * Signed division after a guard (guards.ts): what clang-19 -O2 -target bpf does with the same
 * functions, checked on this machine — it compiles `x / 8` after `if (x < 0) return 0;` to a
 * shift, rejects the division when x is reassigned after the guard ("unsupported signed
 * division"), and the kernel returned 27 for the loop case on kernel_oracle's 60-byte `mkpacket`
 * frame (x = 60: 60 % 16 + 60 / 4).
 */
import { describe, expect, it } from 'vitest';
import { compile } from './driver.ts';
import { createKernel } from '../kernel/run/kernel.ts';
import { loadObject } from '../kernel/run/object.ts';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';
const TAIL = '\nchar LICENSE[] SEC("license") = "GPL";\n';
const PKT = '02000000000202000000000108004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000';

function build(body: string) {
  const r = compile({ 'x.c': HEAD + body + TAIL }, 'x.c');
  return { obj: r.object, errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

function run(body: string): number {
  const { obj, errors } = build(body);
  expect(errors).toEqual([]);
  const k = createKernel();
  const l = loadObject(k, obj!);
  if (!l.ok) throw new Error(l.message);
  return k.run([...l.programs.values()][0], { packet: new Uint8Array(Buffer.from(PKT, 'hex')) }).retval;
}

const SDIV = 'unsupported signed division, please convert to unsigned div/mod.';

describe('signed division after a guard', () => {
  it('x / 8 after `if (x < 0) return 0;` is a shift, as clang-19 emits it', () => {
    const { obj, errors } = build('SEC("xdp") int d(struct xdp_md *ctx) { int x = ctx->data_end - ctx->data; if (x < 0) return 0; return x / 8; }');
    expect(errors).toEqual([]);
    const insns = obj!.programs[0].insns;
    expect(insns.some((i) => (i.code & 0xf0) === 0x70 && (i.code & 0x07) !== 0x05 && i.imm === 3)).toBe(true); // rsh by 3
    expect(insns.some((i) => (i.code & 0xf0) === 0x30 && (i.code & 0x07) !== 0x05)).toBe(false); // no div
  });

  it('continue / <= -1 guards in loops and at the end, run: the kernel\'s 27', () => {
    expect(run(`SEC("xdp") int a(struct xdp_md *ctx) {
      long x = (long)ctx->data_end - (long)ctx->data;
      int r = 0;
      for (int i = 0; i < 4; i++) { long y = x - i * 1000; if (y < 0) continue; r += y % 16; }
      if (x <= -1) return 1;
      return r + x / 4; }`)).toBe(27);
  });

  // clang-19 rejects these three as well (checked on this machine)
  it('no fact when the variable changes after the guard, or before the guard, or outside the guarded block', () => {
    expect(build('SEC("xdp") int a(struct xdp_md *ctx) { int x = ctx->data_end - ctx->data; if (x < 0) return 0; x = x - 100; return x / 8; }').errors).toEqual([SDIV]);
    expect(build('SEC("xdp") int a(struct xdp_md *ctx) { int x = ctx->data_end - ctx->data; int q = x / 8; if (x < 0) return 0; return q; }').errors).toEqual([SDIV]);
    expect(build('SEC("xdp") int a(struct xdp_md *ctx) { int x = ctx->data_end - ctx->data; if (ctx->data) { if (x < 0) return 0; } return x / 8; }').errors).toEqual([SDIV]);
  });

  // clamps (checked with clang-19 on this machine, as `long prog(unsigned long *in)` bodies): it
  // compiles `if (x < 0) x = 0; x / 3`, `x % 5`, `if (x <= -1) x = 0;`, `if (x < 1) x = 1; x / 8`
  // (LLVM's smax), and rejects `if (x < 0) x = 1;`, `if (x < 0) { x = 3; } x % 5`, and a clamp
  // followed by `x -= 1`. Hand-computed: x = 60 (the frame length) → 60 / 3 = 20; a clamped
  // negative → 0.
  it('a clamp `if (x < K) x = K;` (K >= 0) proves x >= 0 after it, exactly where clang-19 agrees', () => {
    const d = (b: string) => `SEC("xdp") int a(struct xdp_md *ctx) { int x = ctx->data_end - ctx->data; ${b} }`;
    expect(run(d('if (x < 0) x = 0; return x / 3;'))).toBe(20);
    expect(run(d('x = x - 1000; if (x < 0) x = 0; return x % 5 + 7;'))).toBe(7);
    expect(run(d('if (x <= -1) x = 0; return x / 8;'))).toBe(7);
    expect(run(d('if (x < 1) { x = 1; } return x / 8;'))).toBe(7);
    expect(build(d('if (x < 0) x = 1; return x / 8;')).errors).toEqual([SDIV]);
    expect(build(d('if (x < 0) { x = 3; } return x % 5;')).errors).toEqual([SDIV]);
    expect(build(d('if (x < 0) x = 0; x -= 1; return x / 8;')).errors).toEqual([SDIV]);
  });

  // libbpf-tools' `if (delta < 0) goto cleanup; … delta /= 1000U; … cleanup:` (runqlat, biolatency):
  // clang-19 compiles A (the kernel returned 2 = 60 / 10 / 3) and rejects B and C (checked here)
  it('a goto guard holds up to the label, through `x /= k`, and not past a label or a reassignment', () => {
    expect(run(`SEC("xdp") int a(struct xdp_md *ctx) {
      long x = (long)ctx->data_end - (long)ctx->data;
      if (x < 0) goto out;
      if (ctx->ingress_ifindex == 12345) x /= 1000; else x /= 10;
      return x / 3;
    out: return 1; }`)).toBe(2);
    expect(build('SEC("xdp") int a(struct xdp_md *ctx) { long x = (long)ctx->data_end - (long)ctx->data; if (x < 0) goto out; x -= 100; return x / 8; out: return 1; }').errors).toEqual([SDIV]);
    expect(build('SEC("xdp") int a(struct xdp_md *ctx) { long x = (long)ctx->data_end - (long)ctx->data; if (ctx->data_meta == 1) goto mid; if (x < 0) return 0; mid: return x / 8; }').errors).toEqual([SDIV]);
  });
});
