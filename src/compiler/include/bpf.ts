/**
 * Bundled headers, part 3: the libbpf-style program headers (`bpf/bpf_helpers.h`,
 * `bpf/bpf_endian.h`, `bpf/bpf_tracing.h`). `bpf/bpf_helper_defs.h` is generated in
 * helperDefs.ts from the helper id table.
 *
 * Our own text, offering the same macro names and meanings libbpf documents (SEC, __uint,
 * __type, __array, bpf_printk, bpf_htons, BPF_KPROBE, PT_REGS_PARM1…) so programs written
 * against libbpf compile unchanged. Macro bodies are written here from those documented meanings.
 * Does not: CO-RE (`bpf_core_read.h`), BPF_PROG for fentry, ksyms/kconfig externs (later).
 */

export const BPF_HELPERS_H = `#pragma once
#include <bpf/bpf_helper_defs.h>

#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
#define __ulong(name, val) enum { ___bpf_concat(__unique_value, __COUNTER__) = val } name

#define SEC(name) __attribute__((section(name), used))

#undef __always_inline
#define __always_inline inline __attribute__((always_inline))
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
#define __hidden __attribute__((visibility("hidden")))

#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#ifndef container_of
#define container_of(ptr, type, member) ((type *)((void *)(ptr) - offsetof(type, member)))
#endif
#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
#ifndef barrier
#define barrier() ((void)0)
#endif
#define ___bpf_concat(a, b) a ## b

/* bpf_printk("fmt", args...): the format lives on the stack and goes to bpf_trace_printk */
#define bpf_printk(fmt, ...) ({ char ____fmt[] = fmt; bpf_trace_printk(____fmt, sizeof(____fmt), ##__VA_ARGS__); })
`;

export const BPF_ENDIAN_H = `#pragma once
#include <linux/types.h>
/* The target is little-endian: network order is a byte swap; constants fold at compile time. */
#define bpf_htons(x) ((__be16)__builtin_bswap16(x))
#define bpf_ntohs(x) ((__u16)__builtin_bswap16(x))
#define bpf_htonl(x) ((__be32)__builtin_bswap32(x))
#define bpf_ntohl(x) ((__u32)__builtin_bswap32(x))
#define bpf_cpu_to_be64(x) ((__be64)__builtin_bswap64(x))
#define bpf_be64_to_cpu(x) ((__u64)__builtin_bswap64(x))
#define __bpf_constant_htons(x) bpf_htons(x)
#define __bpf_constant_ntohs(x) bpf_ntohs(x)
#define __bpf_constant_htonl(x) bpf_htonl(x)
#define __bpf_constant_ntohl(x) bpf_ntohl(x)
`;

export const BPF_TRACING_H = `#pragma once
#include <bpf/bpf_helpers.h>

#if !defined(__TARGET_ARCH_x86)
#define __TARGET_ARCH_x86 1
#endif

/* x86_64 calling convention: arguments in di, si, dx, cx, r8, r9; return value in ax */
struct pt_regs;
#define __PT_REGS_CAST(x) ((const struct pt_regs___x86 *)(x))
struct pt_regs___x86 {
  unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};
#define PT_REGS_PARM1(x) (__PT_REGS_CAST(x)->di)
#define PT_REGS_PARM2(x) (__PT_REGS_CAST(x)->si)
#define PT_REGS_PARM3(x) (__PT_REGS_CAST(x)->dx)
#define PT_REGS_PARM4(x) (__PT_REGS_CAST(x)->cx)
#define PT_REGS_PARM5(x) (__PT_REGS_CAST(x)->r8)
#define PT_REGS_PARM6(x) (__PT_REGS_CAST(x)->r9)
#define PT_REGS_RET(x) (__PT_REGS_CAST(x)->sp)
#define PT_REGS_FP(x) (__PT_REGS_CAST(x)->bp)
#define PT_REGS_RC(x) (__PT_REGS_CAST(x)->ax)
#define PT_REGS_SP(x) (__PT_REGS_CAST(x)->sp)
#define PT_REGS_IP(x) (__PT_REGS_CAST(x)->ip)

#define ___bpf_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _a, _b, _c, N, ...) N
#define ___bpf_narg(...) ___bpf_nth(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define ___bpf_apply(fn, n) ___bpf_concat(fn, n)

/* kprobe arguments: parameter i comes from PT_REGS_PARMi(ctx) */
#define ___bpf_kp0() ctx
#define ___bpf_kp1(x) ___bpf_kp0(), (unsigned long)PT_REGS_PARM1(ctx)
#define ___bpf_kp2(x, ...) ___bpf_kp1(__VA_ARGS__), (unsigned long)PT_REGS_PARM2(ctx)
#define ___bpf_kp3(x, ...) ___bpf_kp2(__VA_ARGS__), (unsigned long)PT_REGS_PARM3(ctx)
#define ___bpf_kp4(x, ...) ___bpf_kp3(__VA_ARGS__), (unsigned long)PT_REGS_PARM4(ctx)
#define ___bpf_kp5(x, ...) ___bpf_kp4(__VA_ARGS__), (unsigned long)PT_REGS_PARM5(ctx)
#define ___bpf_kprobe_args(...) ___bpf_apply(___bpf_kp, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)

/* SEC("kprobe/fn") int BPF_KPROBE(name, type1 a1, ...) { ... } */
#define BPF_KPROBE(name, ...) \\
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \\"-Wint-conversion\\"") \\
  name(struct pt_regs *ctx); \\
  static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##__VA_ARGS__); \\
  typeof(name(0)) name(struct pt_regs *ctx) { return ____##name(___bpf_kprobe_args(__VA_ARGS__)); } \\
  _Pragma("GCC diagnostic pop") \\
  static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##__VA_ARGS__)

/* kretprobe: the only argument is the return value */
#define ___bpf_krp0() ctx
#define ___bpf_krp1(x) ___bpf_krp0(), (unsigned long)PT_REGS_RC(ctx)
#define ___bpf_kretprobe_args(...) ___bpf_apply(___bpf_krp, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)
#define BPF_KRETPROBE(name, ...) \\
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \\"-Wint-conversion\\"") \\
  name(struct pt_regs *ctx); \\
  static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##__VA_ARGS__); \\
  typeof(name(0)) name(struct pt_regs *ctx) { return ____##name(___bpf_kretprobe_args(__VA_ARGS__)); } \\
  _Pragma("GCC diagnostic pop") \\
  static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##__VA_ARGS__)

/* SEC("fentry/fn") / SEC("tp_btf/…") / SEC("lsm/…") int BPF_PROG(name, type1 a1, ...): arguments are
   the u64 slots of the context array */
#define ___bpf_pa0() ctx
#define ___bpf_pa1(x) ___bpf_pa0(), (unsigned long)ctx[0]
#define ___bpf_pa2(x, ...) ___bpf_pa1(__VA_ARGS__), (unsigned long)ctx[1]
#define ___bpf_pa3(x, ...) ___bpf_pa2(__VA_ARGS__), (unsigned long)ctx[2]
#define ___bpf_pa4(x, ...) ___bpf_pa3(__VA_ARGS__), (unsigned long)ctx[3]
#define ___bpf_pa5(x, ...) ___bpf_pa4(__VA_ARGS__), (unsigned long)ctx[4]
#define ___bpf_prog_args(...) ___bpf_apply(___bpf_pa, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)
#define BPF_PROG(name, ...) \\
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \\"-Wint-conversion\\"") \\
  name(unsigned long long *ctx); \\
  static __always_inline typeof(name(0)) ____##name(unsigned long long *ctx, ##__VA_ARGS__); \\
  typeof(name(0)) name(unsigned long long *ctx) { return ____##name(___bpf_prog_args(__VA_ARGS__)); } \\
  _Pragma("GCC diagnostic pop") \\
  static __always_inline typeof(name(0)) ____##name(unsigned long long *ctx, ##__VA_ARGS__)
`;
