/**
 * Parser and type layout: struct layouts against the UAPI's published offsets and sizes (facts,
 * not our output), typing and folding rules, and clang-style diagnostics.
 */
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../diag/diagnostic.ts';
import { compile } from './driver.ts';
import { HEADERS } from './include/index.ts';
import { parse } from './parse.ts';
import { preprocess } from './preprocess.ts';
import { findMember, sizeOf, type StructType } from './types.ts';

function unit(src: string) {
  const pp = preprocess({ 'u.c': src }, 'u.c', { headers: HEADERS });
  const r = parse(pp.value);
  return { unit: r.value, diags: [...pp.diagnostics, ...r.diagnostics] };
}
function struct(src: string, name: string): StructType {
  const { unit: u, diags } = unit(`${src}\nstruct ${name} probe_;`);
  expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
  return u.globals.find((g) => g.name === 'probe_')!.type as StructType;
}
const off = (st: StructType, m: string) => findMember(st, m)!.offset;

describe('struct layout (UAPI facts)', () => {
  it('struct __sk_buff', () => {
    const st = struct('#include <linux/bpf.h>', '__sk_buff');
    expect(sizeOf(st)).toBe(192);
    expect([off(st, 'len'), off(st, 'mark'), off(st, 'protocol'), off(st, 'cb'), off(st, 'hash')]).toEqual([0, 8, 16, 48, 68]);
    expect([off(st, 'data'), off(st, 'data_end'), off(st, 'data_meta'), off(st, 'flow_keys')]).toEqual([76, 80, 140, 144]);
    expect([off(st, 'tstamp'), off(st, 'sk'), off(st, 'gso_size'), off(st, 'hwtstamp')]).toEqual([152, 168, 176, 184]);
  });
  it('struct xdp_md', () => {
    const st = struct('#include <linux/bpf.h>', 'xdp_md');
    expect(sizeOf(st)).toBe(24);
    expect(off(st, 'data_end')).toBe(4);
    expect(off(st, 'egress_ifindex')).toBe(20);
  });
  it('packet headers', () => {
    const inc = '#include <linux/if_ether.h>\n#include <linux/ip.h>\n#include <linux/ipv6.h>\n#include <linux/tcp.h>\n#include <linux/udp.h>\n#include <linux/icmp.h>';
    const eth = struct(inc, 'ethhdr');
    expect([sizeOf(eth), eth.align, off(eth, 'h_proto')]).toEqual([14, 1, 12]);
    const ip = struct(inc, 'iphdr');
    expect([sizeOf(ip), off(ip, 'ttl'), off(ip, 'protocol'), off(ip, 'saddr'), off(ip, 'daddr')]).toEqual([20, 8, 9, 12, 16]);
    expect([findMember(ip, 'ihl')!.bitOffset, findMember(ip, 'version')!.bitOffset]).toEqual([0, 4]);
    const ip6 = struct(inc, 'ipv6hdr');
    expect([sizeOf(ip6), off(ip6, 'nexthdr'), off(ip6, 'saddr'), off(ip6, 'daddr')]).toEqual([40, 6, 8, 24]);
    const tcp = struct(inc, 'tcphdr');
    expect([sizeOf(tcp), off(tcp, 'window'), off(tcp, 'urg_ptr')]).toEqual([20, 14, 18]);
    const syn = findMember(tcp, 'syn')!;
    expect([syn.offset, syn.bitOffset, syn.bitWidth]).toEqual([12, 9, 1]);
    expect(sizeOf(struct(inc, 'udphdr'))).toBe(8);
    expect(sizeOf(struct(inc, 'icmphdr'))).toBe(8);
  });
  it('alignment, padding, packed, aligned and unions', () => {
    const st = struct('struct s { char a; long b; short c; };', 's');
    expect([sizeOf(st), off(st, 'b'), off(st, 'c')]).toEqual([24, 8, 16]);
    const p = struct('struct __attribute__((packed)) s { char a; int b; };', 's');
    expect([sizeOf(p), off(p, 'b')]).toEqual([5, 1]);
    const a = struct('struct s { char a; } __attribute__((aligned(8)));', 's');
    expect(sizeOf(a)).toBe(8);
    const u = struct('union s { char a[5]; int b; };', 's');
    expect([sizeOf(u), u.align]).toEqual([8, 4]);
  });
});

describe('vmlinux.h and bpf_tracing.h', () => {
  it('gives the kernel pt_regs layout and compiles BPF_KPROBE / BPF_PROG programs', () => {
    const st = struct('#include "vmlinux.h"', 'pt_regs');
    expect([sizeOf(st), off(st, 'ax'), off(st, 'dx'), off(st, 'si'), off(st, 'di'), off(st, 'ip')]).toEqual([168, 80, 96, 104, 112, 128]);
    const src = `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
SEC("kprobe/do_unlinkat") int BPF_KPROBE(k, int dfd, void *name) { return dfd + (name != 0); }
SEC("fentry/do_unlinkat") int BPF_PROG(f, int dfd, void *name) { return dfd; }
char LICENSE[] SEC("license") = "GPL";`;
    const r = compile({ 'k.c': src }, 'k.c');
    expect(r.diagnostics).toEqual([]);
    const [kp, fe] = r.object!.programs;
    expect([kp.name, kp.section, fe.name, fe.section]).toEqual(['k', 'kprobe/do_unlinkat', 'f', 'fentry/do_unlinkat']);
    // PT_REGS_PARM1 is di at 112; BPF_PROG's first argument is ctx[0].
    expect(kp.insns.some((i) => i.code === 0x79 && i.off === 112)).toBe(true);
    expect(fe.insns.some((i) => i.code === 0x79 && i.off === 0)).toBe(true);
  });
});

describe('typing and folding', () => {
  const value = (expr: string, pre = '') => {
    const { unit: u, diags } = unit(`${pre}\nint v_[(${expr}) + 1000];`);
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    return (u.globals.find((g) => g.name === 'v_')!.type as { len: number }).len - 1000;
  };
  it('folds integer constant expressions with C conversions', () => {
    expect(value('-1 < 0u')).toBe(0); // -1 converts to UINT_MAX
    expect(value('(unsigned char)300')).toBe(44);
    expect(value('sizeof(long) + sizeof(int) + sizeof(char *)')).toBe(20);
    expect(value('(-7) / 2 + (-7) % 2')).toBe(-4);
    expect(value('1 ? 5 : 1/0')).toBe(5);
    expect(value('0 && 1/0')).toBe(0);
    expect(value('__builtin_bswap16(0x0800)')).toBe(8);
    expect(value('__builtin_offsetof(struct s, c)', 'struct s { int a; char b; long c; };')).toBe(8);
    expect(value('E2 * 10', 'enum e { E0, E1 = 5, E2 };')).toBe(60);
    expect(value('sizeof(int[3][4])')).toBe(48);
  });
});

describe('diagnostics', () => {
  const diags = (src: string) => compile({ 'p.c': src }, 'p.c').diagnostics;
  const rendered = (src: string) => diags(src).map((d) => renderDiagnostic(d, src, false));

  it('reports undeclared identifiers at their line and column', () => {
    expect(rendered('int f(void)\n{\n    return y;\n}')).toEqual(["p.c:3:12: error: use of undeclared identifier 'y'"]);
  });
  it('reports several errors in one compile and keeps going', () => {
    const out = rendered('int a = ;\nint f(void) { return 1 }\nint g(void) { undefined_fn(); return 0; }\n');
    expect(out.length).toBeGreaterThanOrEqual(3);
    expect(out[0]).toMatch(/^p\.c:1:9: error: expected expression/);
    // Expected lines are clang-19's for the same source.
    expect(out[1]).toBe("p.c:2:23: error: expected ';' after return statement");
    expect(out[2]).toBe("p.c:3:15: error: call to undeclared function 'undefined_fn'; ISO C99 and later do not support implicit function declarations [-Wimplicit-function-declaration]");
  });
  it('rejects what clang rejects for BPF', () => {
    expect(diags('double x;')[0].message).toBe('floating point is not supported by the BPF target');
    expect(diags('int f(int a) { return a / -3; } __attribute__((section("xdp"))) int p(void *c) { return f(7); }')[0]?.message)
      .toBe('unsupported signed division, please convert to unsigned div/mod.');
    expect(diags('struct s; int f(struct s *p) { return p->x; }')[0].message).toBe("incomplete definition of type 'struct s'");
    expect(rendered('_Static_assert(sizeof(int) == 8, "int is 8");')[0]).toBe("p.c:1:16: error: static assertion failed due to requirement 'sizeof(int) == 8': int is 8");
  });
  it('makes -Wint-conversion an error as clang-19 does, and honours #pragma / _Pragma diagnostic', () => {
    expect(rendered('int f(void *p) { int x = p; void *q = 5; long y = (long)p; return x + (q != 0) + y; }')).toEqual([
      "p.c:1:22: error: incompatible pointer to integer conversion initializing 'int' with an expression of type 'void *' [-Wint-conversion]",
      "p.c:1:35: error: incompatible integer to pointer conversion initializing 'void *' with an expression of type 'int' [-Wint-conversion]",
    ]);
    expect(rendered('struct xdp_md { unsigned data; };\nint f(struct xdp_md *c) { void *d = c->data; return d != 0; }')[0])
      .toBe("p.c:2:33: error: incompatible integer to pointer conversion initializing 'void *' with an expression of type 'unsigned int' [-Wint-conversion]");
    expect(diags('#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored "-Wint-conversion"\nvoid *q = 5;\n#pragma GCC diagnostic pop\n').filter((d) => d.severity === 'error')).toEqual([]);
    expect(diags('_Pragma("clang diagnostic ignored \\"-Wint-conversion\\"") void *q = 5;').filter((d) => d.severity === 'error')).toEqual([]);
    expect(rendered('void *a = 0; int *b = (void *)0; long *c = b;')).toEqual([
      "p.c:1:40: warning: incompatible pointer types initializing 'long *' with an expression of type 'int *' [-Wincompatible-pointer-types]",
      'p.c:1:44: error: initializer element is not a compile-time constant',
    ]);
  });
  it('renders the source line and a caret', () => {
    const src = 'int f(void) { return q; }';
    const d = diags(src)[0];
    expect(renderDiagnostic(d, src)).toBe("p.c:1:22: error: use of undeclared identifier 'q'\nint f(void) { return q; }\n                     ^");
  });
});

describe('GNU extensions seen in the wild', () => {
  const diags = (src: string) => compile({ 'p.c': src }, 'p.c').diagnostics;
  it('__auto_type takes the initialiser\'s type (after decay), and needs an initialiser', () => {
    expect(diags('_Static_assert(1, "");\nint f(unsigned char c, int *p) { __auto_type a = c; __auto_type b = p; __auto_type s = "xy"; _Static_assert(sizeof(a) == 1, "a"); _Static_assert(sizeof(*b) == 4, "b"); _Static_assert(sizeof(s) == 8, "s"); return a + *b + s[0]; }').filter((d) => d.severity === 'error')).toEqual([]);
    expect(diags('int f(void) { __auto_type x; return 0; }').map((d) => d.message)).toContain("declaration of variable 'x' with deduced type '__auto_type' requires an initializer");
  });
  it('__attribute__((fallthrough)); is a statement; attributes before a declaration still declare', () => {
    expect(diags('int f(int x) { int r = 0; switch (x) { case 1: r = 1; __attribute__((fallthrough)); case 2: r += 2; break; default: __attribute__((fallthrough)); } __attribute__((unused)) int y = r; return y; }').filter((d) => d.severity === 'error')).toEqual([]);
  });
  it('an asm label on a declaration is accepted (llvm.bpf.load.* become BPF_LD_ABS / BPF_LD_IND)', () => {
    const r = compile({ 'x.c': '#include <linux/bpf.h>\nunsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");\n__attribute__((section("socket"))) int f(struct __sk_buff *skb) { int o = skb->len & 7; return load_half(skb, 12) + load_half(skb, o); }\nchar _license[] __attribute__((section("license"))) = "GPL";\n' }, 'x.c');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const codes = r.object!.programs[0].insns.map((i) => i.code);
    expect(codes).toContain(0x28); // ldabsh
    expect(codes).toContain(0x48); // ldindh
  });
});
