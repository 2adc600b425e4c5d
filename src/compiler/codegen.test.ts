/**
 * Code generation: compiled C run on the project's reference VM (src/vm) against hand-computed
 * results, plus instruction-level properties (folding, calling convention, line info).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BPF_CALL, BPF_JMP } from '../isa/opcodes.ts';
import { runProgram } from '../vm/index.ts';
import type { HelperFn } from '../vm/index.ts';
import { compile } from './driver.ts';

const PRE = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n#include <bpf/bpf_endian.h>\n';

function build(body: string, decls = '') {
  const src = `${PRE}${decls}\nSEC("xdp") long prog(unsigned long *in)\n{\n${body}\n}\nchar LICENSE[] SEC("license") = "GPL";\n`;
  const r = compile({ 't.c': src }, 't.c');
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) throw new Error(errs.map((d) => d.message).join('\n'));
  return r.object!.programs[0];
}

function run(body: string, input: bigint[] = [], decls = '', helpers: Record<number, HelperFn> = {}): bigint {
  const p = build(body, decls);
  const mem = new Uint8Array(Math.max(8, input.length * 8));
  const dv = new DataView(mem.buffer);
  input.forEach((v, i) => dv.setBigUint64(i * 8, BigInt.asUintN(64, v), true));
  const r = runProgram(p.insns, { mem, helpers });
  if (r.oops) throw new Error(r.oops.message);
  return BigInt.asIntN(64, r.r0);
}

describe('code generation semantics (reference VM)', () => {
  it('unsigned / and % by a power of two are >> and & (as clang emits them; the verifier bounds those, not BPF_DIV/MOD)', () => {
    // hand-computed: 0xdeadbeef / 65536 = 0xdead; 0xdeadbeef % 8 = 7; (2^64 - 1) / 16 = 2^60 - 1; 37 % 1 = 0
    expect(run('unsigned int h = in[0]; return h / 65536;', [0xdeadbeefn])).toBe(0xdeadn);
    expect(run('unsigned int h = in[0]; return h % 8;', [0xdeadbeefn])).toBe(7n);
    expect(run('unsigned long h = in[0]; return h / 16;', [-1n])).toBe((1n << 60n) - 1n);
    expect(run('unsigned long h = in[0]; h %= 4; return h;', [0x1236n])).toBe(2n);
    expect(run('unsigned int h = in[0]; return h % 1 + h / 1;', [37n])).toBe(37n);
    expect(run('unsigned int h = in[0]; return h % 6;', [100n])).toBe(4n); // not a power of two: BPF_MOD
    const p = build('unsigned int h = in[0]; return (h / 65536) % 4 + (h % 6);');
    const ops = p.insns.map((i) => i.code);
    expect(ops).toContain(0x74); // w >>= 16
    expect(ops).toContain(0x54); // w &= 3
    expect(p.insns.filter((i) => i.code === 0x94).map((i) => i.imm)).toEqual([6]); // the one w %= 6
    expect(ops).not.toContain(0x34); // no w /= k
  });
  it('inlines one-line functions as expressions (a condition becomes one jump)', () => {
    const decls = `static __always_inline _Bool small(long v, long lim) { return v < lim; }
      static __always_inline long twice(long v) { return v + v; }`;
    expect(run('if (small(in[0], 5)) return 1; return 2;', [3n], decls)).toBe(1n);
    expect(run('if (small(in[0], 5)) return 1; return 2;', [9n], decls)).toBe(2n);
    expect(run('long x = in[0]; return twice(x) + twice(3);', [4n], decls)).toBe(14n);
    expect(run('volatile long lim = 5; if (small(in[0], lim)) return 1; return 2;', [4n], decls)).toBe(1n);
    // no truth value materialised and then tested against 0: the comparison is the branch
    const p = build('if (small(in[0], 5)) return 1; return 2;', decls);
    expect(p.insns.some((i) => (i.code === 0x15 || i.code === 0x55) && i.imm === 0)).toBe(false);
    expect(p.insns.some((i) => i.code === 0xc5 && i.imm === 5)).toBe(true); // if rX s< 5
  });
  it('returns structs by value from inline functions', () => {
    const decls = `struct pair { unsigned long a; unsigned int b; };
      static __always_inline struct pair mk(unsigned long x) { struct pair p = { .a = x * 2, .b = (unsigned int)x + 1 }; if (x > 100) { struct pair q = { 1, 2 }; return q; } return p; }`;
    expect(run('struct pair p = mk(in[0]); return p.a * 1000 + p.b;', [7n], decls)).toBe(14008n);
    expect(run('struct pair p = mk(in[0]); return p.a * 1000 + p.b;', [500n], decls)).toBe(1002n);
    expect(run('return mk(in[0]).b + mk(in[1]).a;', [3n, 10n], decls)).toBe(24n);
  });
  it('reuses a compared load (the value the bound check saw indexes the array)', () => {
    const decls = 'struct ev { unsigned int n; unsigned char buf[16]; };';
    const body = 'struct ev *e = (void *)in; if (e->n > 15) return -1; e->buf[e->n] = 9; return e->buf[e->n] + e->n;';
    expect(run(body, [3n, 0n, 0n], decls)).toBe(12n);
    expect(run(body, [99n, 0n, 0n], decls)).toBe(-1n);
    // e->n is loaded once for the comparison and the store's index (the compared register indexes
    // the store), then afresh after the store (twice: no general CSE)
    const p = build(body, decls);
    const loads = p.insns.filter((i) => i.code === 0x61 && i.off === 0);
    expect(loads.length).toBe(3);
    const cmp = p.insns.findIndex((i) => i.code === 0x25); // if rX > imm
    const store = p.insns.findIndex((i) => i.code === 0x72); // *(u8 *)(r + off) = imm
    const idx = p.insns.slice(cmp, store).find((i) => i.code === 0x0f); // rA += rB
    expect(idx?.src).toBe(p.insns[cmp].dst);
  });
  it('wraps unsigned 32-bit arithmetic', () => {
    expect(run('unsigned int a = in[0]; return a + 0xffffffff;', [2n])).toBe(1n);
    expect(run('unsigned int a = in[0]; return a * 3;', [0x80000000n])).toBe(0x80000000n);
    expect(run('unsigned int a = in[0]; return ~a;', [5n])).toBe(0xfffffffan);
  });
  it('sign- and zero-extends by type', () => {
    expect(run('int a = in[0]; return a - 5;', [2n])).toBe(-3n);
    expect(run('unsigned char c = in[0]; c += 250; return c;', [10n])).toBe(4n);
    expect(run('short s = in[0]; return s;', [0x8001n])).toBe(-32767n);
    expect(run('int a = in[0]; return a < 0;', [0xffffffffn])).toBe(1n);
    expect(run('unsigned int u = in[0]; return u < 0;', [0xffffffffn])).toBe(0n);
    expect(run('signed char *p = (signed char *)in; return p[0] + p[1];', [0x01ffn])).toBe(0n);
  });
  it('shifts arithmetically for signed and logically for unsigned operands', () => {
    expect(run('long x = in[0]; return x >> 1;', [-8n])).toBe(-4n);
    expect(run('unsigned long x = in[0]; return x >> 60;', [-1n])).toBe(15n);
    expect(run('int x = in[0]; return x << 4;', [0x08000001n])).toBe(-2147483632n); // 0x80000010 as int
  });
  it('expands __builtin_memcmp inline: 0, or -1 / 1 by the first differing unsigned byte (LLVM\'s expansion)', () => {
    // in[0] as 8 little-endian bytes compared with "abcdefgh"
    const le = (s: string) => [...s].reduceRight((v, c) => (v << 8n) | BigInt(c.charCodeAt(0)), 0n);
    const cmp = 'char k[8] = { 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68 }; return __builtin_memcmp((char *)in, k, 8);';
    expect(run(cmp, [le('abcdefgh')])).toBe(0n);
    expect(run(cmp, [le('abcdefgi')])).toBe(1n);
    expect(run(cmp, [le('abcdeFgh')])).toBe(-1n);
    expect(run(cmp, [le('\xffbcdefg')])).toBe(1n); // 0xff > 'a' as unsigned char
    expect(run('return __builtin_memcmp((char *)in, (char *)in + 8, 0);', [1n, 2n])).toBe(0n);
    expect(() => build('return __builtin_memcmp((char *)in, (char *)in + 8, in[2]);')).toThrow('not a compile-time constant');
  });
  it('dispatches GNU case ranges (lo ... hi), signed and unsigned', () => {
    const sw = 'int x = in[0]; switch (x) { case -5 ... -1: return 1; case 1 ... 9: return 2; case 10: return 3; case 100 ... 0x7fffffff: return 4; default: return 0; }';
    expect([-6n, -5n, -1n, 0n, 1n, 9n, 10n, 11n, 99n, 100n, 0x7fffffffn].map((v) => run(sw, [v]))).toEqual([0n, 1n, 1n, 0n, 2n, 2n, 3n, 0n, 0n, 4n, 4n]);
    const us = 'unsigned long u = in[0]; switch (u) { case 0xfffffffffffffff0 ... 0xffffffffffffffff: return 7; default: return 0; }';
    expect([-1n, -16n, -17n, 0n].map((v) => run(us, [v]))).toEqual([7n, 7n, 0n, 0n]);
  });
  it('lowers __atomic_* builtins as clang-19 does and refuses __atomic_load_n/__atomic_store_n as it does', () => {
    expect(run('long v = in[0]; long o = __atomic_fetch_add(&v, 5, __ATOMIC_RELAXED); return o * 100 + v;', [3n])).toBe(308n);
    expect(run('long v = in[0]; return __atomic_sub_fetch(&v, 2, __ATOMIC_SEQ_CST);', [3n])).toBe(1n);
    expect(run('long v = in[0], e = 3; int ok = __atomic_compare_exchange_n(&v, &e, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return ok * 100 + v * 10 + e;', [3n])).toBe(193n);
    expect(run('long v = in[0], e = 4; int ok = __atomic_compare_exchange_n(&v, &e, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return ok * 100 + v * 10 + e;', [3n])).toBe(33n);
    expect(run('long v = in[0]; return __atomic_exchange_n(&v, 8, __ATOMIC_SEQ_CST) * 10 + v;', [3n])).toBe(38n);
    expect(() => build('return __atomic_load_n(&in[0], __ATOMIC_ACQUIRE);')).toThrow('Cannot select: AtomicLoad');
  });
  it('divides signed values only when both sides are provably non-negative, as clang-19 does', () => {
    // clang-19 -O2 -target bpf (default CPU, no sdiv) rejects these — checked with clang-19 on this machine
    const sdiv = 'unsupported signed division, please convert to unsigned div/mod.';
    expect(() => build('int x = in[0]; return x / 4 * 100 + x % 4;')).toThrow(sdiv);
    expect(() => build('int y = in[0]; y /= 3; return y;')).toThrow(sdiv);
    expect(() => build('int i = in[0] & 0xff; i = i - 1; return i / 3;')).toThrow(sdiv);
    expect(() => build('int s = in[0]; for (int i = 0; i < 4; i++) s -= 1; return s % 3;')).toThrow(sdiv);
    // ... and accepts these (LLVM proves both operands >= 0 and divides unsigned); hand-computed results
    expect(run('unsigned short q = in[0]; int y = q; y /= 3; return y;', [0x1_0064n])).toBe(33n); // (u16)0x10064 = 100
    expect(run('unsigned short q = in[0]; int y = q; return y % 7 + y / 8;', [100n])).toBe(2n + 12n);
    expect(run('long z = (long)(unsigned int)in[0] * 1000 / ((unsigned short)in[1] + 1); return z;', [7n, 3n])).toBe(1750n);
    expect(run('int s = 0; for (int i = 0; i < 16; i++) { if (i % 4 == 0) s += i / 2; } return s;')).toBe(0n + 2n + 4n + 6n);
    expect(run('int i = in[0] & 0xff; return i / 4 + i % 3;', [203n])).toBe(50n + 2n);
  });
  it('runs loops, break and continue', () => {
    expect(run('int i, sum = 0; for (i = 0; i < in[0]; i++) sum += i; return sum;', [10n])).toBe(45n);
    expect(run('int i = 0, s = 0; do { i++; if (i % 2 == 0) continue; if (i > 9) break; s += i; } while (i < 100); return s;')).toBe(25n);
    expect(run('unsigned n = in[0], steps = 0; while (n != 1 && steps < 1000) { n = n & 1 ? 3 * n + 1 : n / 2; steps++; } return steps;', [27n])).toBe(111n);
  });
  it('dispatches switch statements with fall-through and default', () => {
    const sw = 'switch (in[0]) { case 1: return 10; case 2: case 3: return 20; case 0x100000000: return 40; default: return 30; }';
    expect([1n, 3n, 7n, 0x100000000n].map((v) => run(sw, [v]))).toEqual([10n, 20n, 30n, 40n]);
  });
  it('evaluates conditionals and short-circuit logic', () => {
    const e = 'return (in[0] > 5 && in[1] < 3) ? 100 : (in[0] == 0 || in[1]) ? 200 : 300;';
    expect([[6n, 2n], [6n, 3n], [0n, 0n], [4n, 0n]].map((v) => run(e, v))).toEqual([100n, 200n, 200n, 300n]);
  });
  it('inlines functions with several returns', () => {
    const decls = 'static __always_inline long clamp(long v, long lo, long hi) { if (v < lo) return lo; if (v > hi) return hi; return v; }';
    expect([5n, -5n, 50n].map((v) => run('return clamp(in[0], 0, 10) * 2 + clamp(in[0], 3, 4);', [v], decls))).toEqual([14n, 3n, 24n]);
  });
  it('indexes arrays and pointers with scaling', () => {
    expect(run('unsigned int *p = (unsigned int *)in; return p[3] + *(p + 1);', [0x0000000200000001n, 0x0000000400000003n])).toBe(6n);
    expect(run('unsigned short a[4] = {1, 2, 3, 4}; unsigned short *e = &a[3]; return e - a + a[in[0]];', [2n])).toBe(6n);
  });
  it('reads and writes bit-fields and copies structs', () => {
    const decls = 'struct b { unsigned a:3, b:5, c:8; };';
    expect(run('struct b x = {}; x.b = in[0]; x.a = 7; return x.b * 1000 + x.a + *(unsigned short *)&x;', [21n], decls)).toBe(21182n);
    const d2 = 'struct p { int x; long y; char z[3]; };';
    expect(run('struct p a = { .x = 1, .y = in[0], .z = "ab" }, b; b = a; return b.x + b.y + b.z[1];', [5n], d2)).toBe(104n);
  });
  it('passes structs by value to inlined functions', () => {
    const decls = 'struct pt { long x, y; }; static __always_inline long dot(struct pt a, struct pt b) { a.x *= b.x; return a.x + a.y * b.y; }';
    expect(run('struct pt p = { in[0], 3 }, q = { 4, in[1] }; long d = dot(p, q); return d * 100 + p.x;', [2n, 5n], decls)).toBe(2302n);
  });
  it('evaluates deep right-nested sums without running out of registers', () => {
    expect(run('return in[0] + (in[1] + (in[0] + (in[1] + (in[0] + (in[1] + (in[0] + (in[1] + 1)))))));', [1n, 2n])).toBe(13n);
  });
  it('keeps temporaries live across helper calls', () => {
    const helpers = { 5: () => 100n }; // bpf_ktime_get_ns
    expect(run('return in[0] + bpf_ktime_get_ns() * 2 + in[1];', [1n, 2n], '', helpers)).toBe(203n);
  });
  it('supports goto and atomics', () => {
    expect(run('int i = 0; again: i++; if (i < 5) goto again; return i;')).toBe(5n);
    expect(run('__sync_fetch_and_add(&in[0], 5); long old = __sync_fetch_and_add(&in[0], 1); return old * 10 + in[0];', [1n])).toBe(67n);
  });
});

describe('instruction selection', () => {
  it('folds constants: bpf_htons(ETH_P_IP) is r0 = 8; exit', () => {
    const p = build('return bpf_htons(0x0800);');
    expect(p.insns.map((i) => [i.code, i.imm])).toEqual([[0xb7, 8], [0x95, 0]]);
  });
  it('unrolls small counted loops into straight-line code with the counter folded', () => {
    const p = build('unsigned long s = 0; for (int i = 0; i < 4; i++) { if (i == 2) continue; s += in[i]; } return s;');
    expect(p.insns.some((i) => (i.code & 7) === 5 && i.off < 0)).toBe(false); // no backward jump
    expect(p.insns.filter((i) => i.code === 0x79).map((i) => i.off)).toEqual([0, 8, 24]); // in[0], in[1], in[3]
    expect(run('unsigned long s = 0; for (int i = 0; i < 4; i++) { if (i == 2) continue; s += in[i]; } return s;', [1n, 2n, 4n, 8n])).toBe(11n);
    const rolled = build('unsigned long s = 0; for (int i = 0; i < in[0]; i++) s += i; return s;');
    expect(rolled.insns.some((i) => (i.code & 7) === 5 && i.off < 0)).toBe(true); // unknown trip count: a loop
  });
  it('never reads R1-R5 after a call before writing them (straight-line code)', () => {
    const p = build('unsigned long a = in[0], b = in[1]; return a * bpf_get_prandom_u32() + b + bpf_ktime_get_ns();');
    let clobbered = new Set<number>();
    for (const i of p.insns) {
      const cls = i.code & 7;
      const reads: number[] = [];
      if (cls === 1) reads.push(i.src); // ldx
      if (cls === 3) reads.push(i.src, i.dst); // stx
      if (cls === 2) reads.push(i.dst); // st
      if ((cls === 7 || cls === 4) && (i.code & 0xf0) !== 0xb0) reads.push(i.dst);
      if ((cls === 7 || cls === 4) && (i.code & 8)) reads.push(i.src);
      for (const r of reads) expect(clobbered.has(r), `reads clobbered r${r}`).toBe(false);
      if (i.code === (BPF_JMP | BPF_CALL)) clobbered = new Set([1, 2, 3, 4, 5]);
      else if (cls === 1 || cls === 4 || cls === 7 || i.code === 0x18) clobbered.delete(i.dst);
    }
  });
  it('maps every instruction to a source line', () => {
    const p = build('long x = in[0];\n  if (x > 3)\n    return 1;\n  return x;');
    expect(p.lineInfo.length).toBe(p.insns.length);
    expect(p.lineInfo.every((l) => l.file === 't.c' && l.line >= 5 && l.line <= 10)).toBe(true);
    expect(p.lineInfo.filter((l) => l.line === 9).length).toBeGreaterThan(0);
  });
  it('diagnoses recursion and stack overflow', () => {
    const rec = compile({ 'r.c': 'static int f(int n) { return n ? f(n - 1) : 0; }\n__attribute__((section("xdp"))) int p(void *c) { return f(3); }' }, 'r.c');
    expect(rec.diagnostics.map((d) => d.message)).toContain("recursive call to 'f': BPF programs cannot recurse");
    const big = compile({ 's.c': '__attribute__((section("xdp"))) int p(void *c) { char a[300], b[300]; a[0] = 1; b[0] = 2; return a[0] + b[0]; }' }, 's.c');
    expect(big.diagnostics[0].message).toMatch(/^Looks like the BPF stack limit is exceeded/);
  });
});

describe('robustness', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata/corpus');
  it('never throws or hangs on truncated or mangled corpus programs', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.c')).slice(0, 6);
    let n = 0;
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (let cut = 0; cut < text.length; cut += 97) {
        for (const variant of [text.slice(0, cut), text.slice(0, cut) + text.slice(cut + 13), text.slice(0, cut) + '}{)(*&' + text.slice(cut)]) {
          const r = compile({ 'x.c': variant }, 'x.c');
          n++;
          for (const d of r.diagnostics) {
            expect(d.message).not.toMatch(/internal compiler error/);
            if (d.severity === 'error') expect(d.span).toBeDefined();
          }
        }
      }
    }
    expect(n).toBeGreaterThan(100);
  }, 60_000);

  it('survives seeded random token soup', () => {
    const words = ['int', 'struct', 's', '{', '}', '(', ')', '[', ']', ';', ',', '*', '&', '=', '+', '-', '?', ':',
      'if', 'else', 'for', 'while', 'return', 'x', 'y', '0', '1', '0x10', '"str"', "'c'", '#define', '#if', '#endif',
      '\n', 'SEC("xdp")', 'unsigned', 'long', 'void', 'sizeof', 'switch', 'case', 'break', 'goto', 'L', '.', '->', '...'];
    let seed = 12345;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let i = 0; i < 300; i++) {
      const toks = Array.from({ length: 5 + rnd(60) }, () => words[rnd(words.length)]);
      const r = compile({ 'z.c': toks.join(' ') }, 'z.c');
      for (const d of r.diagnostics) expect(d.message).not.toMatch(/internal compiler error/);
    }
  });

  it('stops pathological nesting and macro explosions with a diagnostic', () => {
    const first = (src: string) => compile({ 'p.c': src }, 'p.c').diagnostics[0]?.message;
    expect(first('int x = ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ';')).toBe('bracket nesting level exceeded maximum of 256');
    expect(first('int f(void) ' + '{'.repeat(5000) + '}'.repeat(5000))).toBe('bracket nesting level exceeded maximum of 256');
    expect(first('int x = ' + '-'.repeat(5001) + '1;')).toBe('bracket nesting level exceeded maximum of 256');
    const boom = Array.from({ length: 24 }, (_, i) => `#define x${i + 1} x${i} x${i}`).join('\n') + '\nx24';
    expect(first(boom)).toBe('macro expansion limit reached (recursive macros?)');
    const ds = compile({ 'p.c': '#if 1\n'.repeat(100) }, 'p.c').diagnostics;
    expect(ds.length).toBe(21);
    expect(ds[20].message).toBe('too many errors emitted, stopping now');
  });
});
