/**
 * Bundled `vmlinux.h`: the kernel types BPF programs written in the libbpf-bootstrap style see
 * when they `#include "vmlinux.h"` instead of UAPI headers.
 *
 * Our own text, assembled from the same UAPI facts as the other bundled headers (basic.ts,
 * net.ts) plus the kernel's own x86_64 `struct pt_regs` (field names without the `r` prefix, as
 * inside the kernel). Like a real vmlinux.h it has types and enums but no `#define` constants
 * (ETH_P_IP and friends are not in BTF); it defines `__TARGET_ARCH_x86` for bpf_tracing.h.
 * Does not (yet): task_struct, file, dentry, sock and the other internal structs whose layout
 * depends on the kernel build — they need CO-RE relocations, which this compiler does not emit
 * yet. Reading them without CO-RE would silently read the wrong offsets on a real kernel.
 */
import { LINUX_BPF_H, LINUX_TYPES_H } from './basic.ts';
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

/* the kernel's x86_64 register frame (kprobe context) */
struct pt_regs {
  unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};
${body(LINUX_BPF_H)}
${body(LINUX_IF_ETHER_H)}
${body(LINUX_IP_H)}
${body(LINUX_IPV6_H)}
${body(LINUX_UDP_H)}
${body(LINUX_TCP_H)}
${body(LINUX_ICMP_H)}
#endif /* __VMLINUX_H__ */
`;
