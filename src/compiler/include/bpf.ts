/**
 * Bundled headers, part 3: the libbpf-style program headers (`bpf/bpf_helpers.h`,
 * `bpf/bpf_endian.h`, `bpf/bpf_tracing.h`). `bpf/bpf_helper_defs.h` is generated in
 * helperDefs.ts from the helper id table.
 *
 * Our own text, offering the same macro names and meanings libbpf documents (SEC, __uint,
 * __type, __array, bpf_printk, bpf_htons, BPF_KPROBE, PT_REGS_PARM1…) so programs written
 * against libbpf compile unchanged. Macro bodies are written here from those documented meanings.
 * `bpf/bpf_core_read.h` (BPF_CORE_READ and friends, bpf_core_field_exists …) is here too.
 * Does not: BPF_PROG2, BPF_USDT.
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
/* extern Kconfig values (libbpf's read-only .kconfig map) and kernel symbols */
#define __kconfig __attribute__((section(".kconfig")))
#define __ksym __attribute__((section(".ksyms")))
#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))
#define __kptr __attribute__((btf_type_tag("kptr")))
#define __percpu_kptr __attribute__((btf_type_tag("percpu_kptr")))
#define __arg_ctx __attribute__((btf_decl_tag("arg:ctx")))
#define __arg_nonnull __attribute((btf_decl_tag("arg:nonnull")))
/* bpf_ksym_exists(sym): whether libbpf found a __weak __ksym variable or kfunc in the running kernel */
#define bpf_ksym_exists(sym) ({ _Static_assert(!__builtin_constant_p(!!sym), #sym " should be marked as __weak"); !!sym; })
/* the value of a tristate Kconfig option: extern enum libbpf_tristate CONFIG_X __kconfig; */
enum libbpf_tristate {
  TRI_NO = 0,
  TRI_YES = 1,
  TRI_MODULE = 2,
};
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#endif

#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef KERNEL_VERSION
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
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
#define ___bpf_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _a, _b, _c, N, ...) N
#define ___bpf_narg(...) ___bpf_nth(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define ___bpf_apply(fn, n) ___bpf_concat(fn, n)

/* bpf_printk("fmt", args...): the format is a static constant in .rodata, as libbpf's is; up to
   3 arguments go to bpf_trace_printk, more to bpf_trace_vprintk as an array of u64 */
#define __bpf_printk(fmt, ...) ({ static const char ____fmt[] = fmt; bpf_trace_printk(____fmt, sizeof(____fmt), ##__VA_ARGS__); })
#define ___bpf_fill0(arr, p, x) do {} while (0)
#define ___bpf_fill1(arr, p, x) arr[p] = (unsigned long long)(x)
#define ___bpf_fill2(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill1(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill3(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill2(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill4(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill3(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill5(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill4(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill6(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill5(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill7(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill6(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill8(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill7(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill9(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill8(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill10(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill9(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill11(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill10(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill12(arr, p, x, ...) arr[p] = (unsigned long long)(x); ___bpf_fill11(arr, p + 1, __VA_ARGS__)
#define ___bpf_fill(arr, ...) ___bpf_apply(___bpf_fill, ___bpf_narg(__VA_ARGS__))(arr, 0, __VA_ARGS__)
#define __bpf_vprintk(fmt, ...) ({ static const char ____fmt[] = fmt; \\
  unsigned long long ____param[___bpf_narg(__VA_ARGS__)]; \\
  ___bpf_fill(____param, __VA_ARGS__); \\
  bpf_trace_vprintk(____fmt, sizeof(____fmt), ____param, sizeof(____param)); })
#define ___bpf_pick_printk(...) ___bpf_nth(_, ##__VA_ARGS__, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, \\
  __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, __bpf_printk, \\
  __bpf_printk, __bpf_printk, __bpf_printk)
#define bpf_printk(fmt, ...) ___bpf_pick_printk(__VA_ARGS__)(fmt, ##__VA_ARGS__)
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
} __attribute__((preserve_access_index));
#include <bpf/bpf_core_read.h>
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
/* the same registers read with bpf_probe_read_kernel (for a pt_regs that is not the context) */
#define PT_REGS_PARM1_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), di)
#define PT_REGS_PARM2_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), si)
#define PT_REGS_PARM3_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), dx)
#define PT_REGS_PARM4_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), cx)
#define PT_REGS_PARM5_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), r8)
#define PT_REGS_RC_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), ax)
#define PT_REGS_SP_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), sp)
#define PT_REGS_IP_CORE(x) BPF_CORE_READ(__PT_REGS_CAST(x), ip)
/* x86_64 system calls pass the 4th argument in r10, not cx */
#define PT_REGS_PARM1_SYSCALL(x) PT_REGS_PARM1(x)
#define PT_REGS_PARM2_SYSCALL(x) PT_REGS_PARM2(x)
#define PT_REGS_PARM3_SYSCALL(x) PT_REGS_PARM3(x)
#define PT_REGS_PARM4_SYSCALL(x) (__PT_REGS_CAST(x)->r10)
#define PT_REGS_PARM5_SYSCALL(x) PT_REGS_PARM5(x)
#define PT_REGS_PARM1_CORE_SYSCALL(x) PT_REGS_PARM1_CORE(x)
#define PT_REGS_PARM2_CORE_SYSCALL(x) PT_REGS_PARM2_CORE(x)
#define PT_REGS_PARM3_CORE_SYSCALL(x) PT_REGS_PARM3_CORE(x)
#define PT_REGS_PARM4_CORE_SYSCALL(x) BPF_CORE_READ(__PT_REGS_CAST(x), r10)
#define PT_REGS_PARM5_CORE_SYSCALL(x) PT_REGS_PARM5_CORE(x)

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

/* uprobes see the same register frame */
#define BPF_UPROBE(name, ...) BPF_KPROBE(name, ##__VA_ARGS__)
#define BPF_URETPROBE(name, ...) BPF_KRETPROBE(name, ##__VA_ARGS__)

/* SEC("ksyscall/name") int BPF_KSYSCALL(name, type1 a1, ...): the syscall's own arguments. x86_64
   kernels since 4.17 wrap system calls (__x64_sys_*), so they sit in the pt_regs that is the
   wrapper's first argument and are read with bpf_probe_read_kernel. */
#define ___bpf_sa0() ctx
#define ___bpf_sa1(x) ___bpf_sa0(), (unsigned long)PT_REGS_PARM1_CORE_SYSCALL(regs)
#define ___bpf_sa2(x, ...) ___bpf_sa1(__VA_ARGS__), (unsigned long)PT_REGS_PARM2_CORE_SYSCALL(regs)
#define ___bpf_sa3(x, ...) ___bpf_sa2(__VA_ARGS__), (unsigned long)PT_REGS_PARM3_CORE_SYSCALL(regs)
#define ___bpf_sa4(x, ...) ___bpf_sa3(__VA_ARGS__), (unsigned long)PT_REGS_PARM4_CORE_SYSCALL(regs)
#define ___bpf_sa5(x, ...) ___bpf_sa4(__VA_ARGS__), (unsigned long)PT_REGS_PARM5_CORE_SYSCALL(regs)
#define ___bpf_syscall_args(...) ___bpf_apply(___bpf_sa, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)
#define BPF_KSYSCALL(name, ...) \\
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \\"-Wint-conversion\\"") \\
  name(struct pt_regs *ctx); \\
  static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##__VA_ARGS__); \\
  typeof(name(0)) name(struct pt_regs *ctx) { \\
    struct pt_regs *regs = (struct pt_regs *)PT_REGS_PARM1(ctx); \\
    return ____##name(___bpf_syscall_args(__VA_ARGS__)); } \\
  _Pragma("GCC diagnostic pop") \\
  static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##__VA_ARGS__)
#define BPF_KPROBE_SYSCALL BPF_KSYSCALL

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

/* BPF_SEQ_PRINTF(seq, "fmt", args...) for bpf_iter programs and BPF_SNPRINTF(out, size, "fmt",
   args...): the format a static constant, the arguments widened into an array of u64 */
#define BPF_SEQ_PRINTF(seq, fmt, ...) ({ static const char ___fmt[] = fmt; \\
  unsigned long long ___param[___bpf_narg(__VA_ARGS__)]; \\
  ___bpf_fill(___param, ##__VA_ARGS__); \\
  bpf_seq_printf(seq, ___fmt, sizeof(___fmt), ___param, sizeof(___param)); })
#define BPF_SNPRINTF(out, out_size, fmt, ...) ({ static const char ___fmt[] = fmt; \\
  unsigned long long ___param[___bpf_narg(__VA_ARGS__)]; \\
  ___bpf_fill(___param, ##__VA_ARGS__); \\
  bpf_snprintf(out, out_size, ___fmt, ___param, sizeof(___param)); })
`;

/*
 * bpf/bpf_core_read.h: CO-RE reads. Field accesses under __builtin_preserve_access_index (or
 * through a `preserve_access_index` struct) carry relocations libbpf re-targets to the running
 * kernel; BPF_CORE_READ(src, a, b, c) follows src->a->b->c with one probe read per pointer.
 */
export const BPF_CORE_READ_H = `#pragma once
#include <bpf/bpf_helpers.h>

enum bpf_field_info_kind {
  BPF_FIELD_BYTE_OFFSET = 0, BPF_FIELD_BYTE_SIZE = 1, BPF_FIELD_EXISTS = 2, BPF_FIELD_SIGNED = 3,
  BPF_FIELD_LSHIFT_U64 = 4, BPF_FIELD_RSHIFT_U64 = 5,
};
enum bpf_type_id_kind { BPF_TYPE_ID_LOCAL = 0, BPF_TYPE_ID_TARGET = 1 };
enum bpf_type_info_kind { BPF_TYPE_EXISTS = 0, BPF_TYPE_SIZE = 1, BPF_TYPE_MATCHES = 2 };
enum bpf_enum_value_kind { BPF_ENUMVAL_EXISTS = 0, BPF_ENUMVAL_VALUE = 1 };

/* bpf_core_field_exists(p->f) or bpf_core_field_exists(struct s, f) */
#define ___bpf_field_ref1(field) (field)
#define ___bpf_field_ref2(type, field) (((typeof(type) *)0)->field)
#define ___bpf_field_ref(...) ___bpf_apply(___bpf_field_ref, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)
#define bpf_core_field_exists(...) __builtin_preserve_field_info(___bpf_field_ref(__VA_ARGS__), BPF_FIELD_EXISTS)
#define bpf_core_field_size(...) __builtin_preserve_field_info(___bpf_field_ref(__VA_ARGS__), BPF_FIELD_BYTE_SIZE)
#define bpf_core_field_offset(...) __builtin_preserve_field_info(___bpf_field_ref(__VA_ARGS__), BPF_FIELD_BYTE_OFFSET)
#define bpf_core_field_signed(...) __builtin_preserve_field_info(___bpf_field_ref(__VA_ARGS__), BPF_FIELD_SIGNED)
#define bpf_core_type_id_local(type) __builtin_btf_type_id(*(typeof(type) *)0, BPF_TYPE_ID_LOCAL)
#define bpf_core_type_id_kernel(type) __builtin_btf_type_id(*(typeof(type) *)0, BPF_TYPE_ID_TARGET)
#define bpf_core_type_exists(type) __builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_EXISTS)
#define bpf_core_type_size(type) __builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_SIZE)
#define bpf_core_type_matches(type) __builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_MATCHES)
#define bpf_core_enum_value_exists(enum_type, enum_value) __builtin_preserve_enum_value(*(typeof(enum_type) *)enum_value, BPF_ENUMVAL_EXISTS)
#define bpf_core_enum_value(enum_type, enum_value) __builtin_preserve_enum_value(*(typeof(enum_type) *)enum_value, BPF_ENUMVAL_VALUE)

#define __CORE_RELO(src, field, info) __builtin_preserve_field_info((src)->field, BPF_FIELD_##info)

/* BPF_CORE_READ_BITFIELD_PROBED(s, field): a bit-field read with bpf_probe_read_kernel (kprobes &c.):
   BYTE_SIZE bytes at BYTE_OFFSET into a u64, shifted left by LSHIFT_U64 then right by RSHIFT_U64
   (arithmetic when SIGNED) — five relocations libbpf computes for the running kernel */
#define BPF_CORE_READ_BITFIELD_PROBED(s, field) ({ \
  unsigned long long val = 0; \
  bpf_probe_read_kernel((void *)&val, __CORE_RELO(s, field, BYTE_SIZE), (const void *)s + __CORE_RELO(s, field, BYTE_OFFSET)); \
  val <<= __CORE_RELO(s, field, LSHIFT_U64); \
  if (__CORE_RELO(s, field, SIGNED)) \
    val = ((long long)val) >> __CORE_RELO(s, field, RSHIFT_U64); \
  else \
    val = val >> __CORE_RELO(s, field, RSHIFT_U64); \
  val; })

/* BPF_CORE_READ_BITFIELD(s, field): a bit-field of a struct the program may dereference */
#define BPF_CORE_READ_BITFIELD(s, field) ({ \\
  const void *p = (const void *)s + __builtin_preserve_field_info(((typeof(s))0)->field, BPF_FIELD_BYTE_OFFSET); \\
  unsigned long long val; \\
  switch (__builtin_preserve_field_info(((typeof(s))0)->field, BPF_FIELD_BYTE_SIZE)) { \\
  case 1: val = *(const unsigned char *)p; break; \\
  case 2: val = *(const unsigned short *)p; break; \\
  case 4: val = *(const unsigned int *)p; break; \\
  default: val = *(const unsigned long long *)p; break; } \\
  val <<= __builtin_preserve_field_info(((typeof(s))0)->field, BPF_FIELD_LSHIFT_U64); \\
  if (__builtin_preserve_field_info(((typeof(s))0)->field, BPF_FIELD_SIGNED)) \\
    val = ((long long)val) >> __builtin_preserve_field_info(((typeof(s))0)->field, BPF_FIELD_RSHIFT_U64); \\
  else val = val >> __builtin_preserve_field_info(((typeof(s))0)->field, BPF_FIELD_RSHIFT_U64); \\
  val; })

#define bpf_core_read(dst, sz, src) bpf_probe_read_kernel(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_user(dst, sz, src) bpf_probe_read_user(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_str(dst, sz, src) bpf_probe_read_kernel_str(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_user_str(dst, sz, src) bpf_probe_read_user_str(dst, sz, (const void *)__builtin_preserve_access_index(src))

/* the type of src->a->b… */
#define ___arrow1(a) a
#define ___arrow2(a, b) a->b
#define ___arrow3(a, b, c) a->b->c
#define ___arrow4(a, b, c, d) a->b->c->d
#define ___arrow5(a, b, c, d, e) a->b->c->d->e
#define ___arrow6(a, b, c, d, e, f) a->b->c->d->e->f
#define ___arrow7(a, b, c, d, e, f, g) a->b->c->d->e->f->g
#define ___arrow8(a, b, c, d, e, f, g, h) a->b->c->d->e->f->g->h
#define ___arrow(...) ___bpf_apply(___arrow, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)
#define ___type(...) typeof(___arrow(__VA_ARGS__))

/* one step: *dst = ((src_type)src)->accessor, read with fn */
#define ___read(fn, dst, src_type, src, accessor) fn((void *)(dst), sizeof(*(dst)), &((src_type)(src))->accessor)

/* ___core_readN(fn, fn_last, dst, src, a1..aN): pointers with fn, the last field with fn_last */
#define ___core_read1(fn, fl, dst, src, a) ___read(fl, dst, ___type(src), src, a)
#define ___core_read2(fn, fl, dst, src, a, b) ({ const void *__t; ___read(fn, &__t, ___type(src), src, a); \\
  ___read(fl, dst, ___type(src, a), __t, b); })
#define ___core_read3(fn, fl, dst, src, a, b, c) ({ const void *__t; ___read(fn, &__t, ___type(src), src, a); \\
  ___read(fn, &__t, ___type(src, a), __t, b); ___read(fl, dst, ___type(src, a, b), __t, c); })
#define ___core_read4(fn, fl, dst, src, a, b, c, d) ({ const void *__t; ___read(fn, &__t, ___type(src), src, a); \\
  ___read(fn, &__t, ___type(src, a), __t, b); ___read(fn, &__t, ___type(src, a, b), __t, c); \\
  ___read(fl, dst, ___type(src, a, b, c), __t, d); })
#define ___core_read5(fn, fl, dst, src, a, b, c, d, e) ({ const void *__t; ___read(fn, &__t, ___type(src), src, a); \\
  ___read(fn, &__t, ___type(src, a), __t, b); ___read(fn, &__t, ___type(src, a, b), __t, c); \\
  ___read(fn, &__t, ___type(src, a, b, c), __t, d); ___read(fl, dst, ___type(src, a, b, c, d), __t, e); })
#define ___core_read6(fn, fl, dst, src, a, b, c, d, e, f) ({ const void *__t; ___read(fn, &__t, ___type(src), src, a); \\
  ___read(fn, &__t, ___type(src, a), __t, b); ___read(fn, &__t, ___type(src, a, b), __t, c); \\
  ___read(fn, &__t, ___type(src, a, b, c), __t, d); ___read(fn, &__t, ___type(src, a, b, c, d), __t, e); \\
  ___read(fl, dst, ___type(src, a, b, c, d, e), __t, f); })
#define ___core_read(fn, fl, dst, src, ...) ___bpf_apply(___core_read, ___bpf_narg(__VA_ARGS__))(fn, fl, dst, src, __VA_ARGS__)

#define BPF_CORE_READ_INTO(dst, src, a, ...) ___core_read(bpf_core_read, bpf_core_read, dst, (src), a, ##__VA_ARGS__)
#define BPF_CORE_READ_USER_INTO(dst, src, a, ...) ___core_read(bpf_core_read_user, bpf_core_read_user, dst, (src), a, ##__VA_ARGS__)
#define BPF_PROBE_READ_INTO(dst, src, a, ...) ___core_read(bpf_probe_read_kernel, bpf_probe_read_kernel, dst, (src), a, ##__VA_ARGS__)
#define BPF_PROBE_READ_USER_INTO(dst, src, a, ...) ___core_read(bpf_probe_read_user, bpf_probe_read_user, dst, (src), a, ##__VA_ARGS__)
#define BPF_CORE_READ_STR_INTO(dst, src, a, ...) ___core_read(bpf_core_read, bpf_core_read_str, dst, (src), a, ##__VA_ARGS__)
#define BPF_CORE_READ_USER_STR_INTO(dst, src, a, ...) ___core_read(bpf_core_read_user, bpf_core_read_user_str, dst, (src), a, ##__VA_ARGS__)
#define BPF_PROBE_READ_STR_INTO(dst, src, a, ...) ___core_read(bpf_probe_read_kernel, bpf_probe_read_kernel_str, dst, (src), a, ##__VA_ARGS__)

/* BPF_CORE_READ(src, a, b, c): the value of src->a->b->c */
#define BPF_CORE_READ(src, a, ...) ({ ___type((src), a, ##__VA_ARGS__) __r; BPF_CORE_READ_INTO(&__r, (src), a, ##__VA_ARGS__); __r; })
#define BPF_CORE_READ_USER(src, a, ...) ({ ___type((src), a, ##__VA_ARGS__) __r; BPF_CORE_READ_USER_INTO(&__r, (src), a, ##__VA_ARGS__); __r; })
#define BPF_PROBE_READ(src, a, ...) ({ ___type((src), a, ##__VA_ARGS__) __r; BPF_PROBE_READ_INTO(&__r, (src), a, ##__VA_ARGS__); __r; })
#define BPF_PROBE_READ_USER(src, a, ...) ({ ___type((src), a, ##__VA_ARGS__) __r; BPF_PROBE_READ_USER_INTO(&__r, (src), a, ##__VA_ARGS__); __r; })
`;
