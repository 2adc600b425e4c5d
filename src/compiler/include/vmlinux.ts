/**
 * Bundled `vmlinux.h`: the kernel types BPF programs written in the libbpf-bootstrap style see
 * when they `#include "vmlinux.h"` instead of UAPI headers.
 *
 * Our own text, assembled from the same UAPI facts as the other bundled headers (basic.ts,
 * net.ts), the kernel's x86_64 `struct pt_regs` (field names without the `r` prefix, as inside
 * the kernel), and kernel-internal structs generated from a Linux 6.18 x86_64 BTF
 * (vmlinuxKernel.ts: task_struct, cred, mm_struct, file, path, dentry, qstr, inode, super_block,
 * filename, linux_binprm, sock_common, sock, inet_sock, socket, net_device, sk_buff and the
 * trace_event_raw_* records of the syscall and sched tracepoints) holding the commonly read
 * fields at the kernel's exact offsets. Every struct is `preserve_access_index`, as a real
 * vmlinux.h makes it with `#pragma clang attribute`, so reads become CO-RE relocations that
 * libbpf re-targets to the running kernel. Like a real vmlinux.h it has types and enums but no
 * `#define` constants (ETH_P_IP and friends are not in BTF); it defines `__TARGET_ARCH_x86` for
 * bpf_tracing.h.
 * Does not: declare every kernel type or field (a field not listed is padding: add it to
 * testdata/vmlinux/gen_vmlinux.py and re-run it).
 */
import { LINUX_BPF_H, LINUX_TYPES_H } from './basic.ts';
import { VMLINUX_KERNEL_STRUCTS } from './vmlinuxKernel.ts';
import { LINUX_IN6_H } from './net2.ts';
import { LINUX_ICMP_H, LINUX_IF_ETHER_H, LINUX_IP_H, LINUX_IPV6_H, LINUX_TCP_H, LINUX_UDP_H } from './net.ts';

const body = (h: string): string =>
  h.split('\n').filter((l) => !/^#(pragma once|include|define (ETH|IP|ICMP|IPTOS|s6_addr))/.test(l)).join('\n')
    .replace(/\[ETH_ALEN\]/g, '[6]');

export const VMLINUX_H = `#ifndef __VMLINUX_H__
#define __VMLINUX_H__
#ifndef __TARGET_ARCH_x86
#define __TARGET_ARCH_x86 1
#endif
${body(LINUX_TYPES_H)}
typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;
typedef _Bool bool;
enum { false = 0, true = 1 };
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef long long loff_t;
typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned short umode_t;
typedef unsigned int dev_t;
typedef long long time64_t;
typedef long long ktime_t;
typedef unsigned int fmode_t;
typedef unsigned long long blkcnt_t;
typedef unsigned int sk_buff_data_t;
typedef unsigned long uintptr_t;
typedef unsigned long ino_t;
typedef long off_t;
typedef unsigned long long sector_t;
typedef unsigned int gfp_t;
typedef int clockid_t;
typedef unsigned long __kernel_size_t;
typedef long __kernel_ssize_t;
typedef int __kernel_pid_t;
typedef unsigned short __kernel_sa_family_t;
typedef unsigned short sa_family_t;
typedef struct { int counter; } atomic_t;
typedef struct { s64 counter; } atomic64_t;
typedef struct { uid_t val; } kuid_t;
typedef struct { gid_t val; } kgid_t;
enum { TASK_COMM_LEN = 16 };

/* the kernel's x86_64 register frame (kprobe context) */
struct pt_regs {
  unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
} __attribute__((preserve_access_index));
${body(LINUX_BPF_H)}
${body(LINUX_IF_ETHER_H)}
${body(LINUX_IP_H)}
${body(LINUX_IN6_H)}
${body(LINUX_IPV6_H)}
${body(LINUX_UDP_H)}
${body(LINUX_TCP_H)}
${body(LINUX_ICMP_H)}

struct qstr {
  union {
    struct { u32 hash; u32 len; };
    u64 hash_len;
  };
  const unsigned char *name;
} __attribute__((preserve_access_index));

${VMLINUX_KERNEL_STRUCTS}
#endif /* __VMLINUX_H__ */
`;
