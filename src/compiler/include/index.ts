/**
 * The bundled headers by include path (what `#include <…>` finds). Our own text throughout; see
 * each module's header for provenance.
 */
import { LINUX_BPF_H, LINUX_BPF_PERF_EVENT_H, LINUX_IN_H, LINUX_PKT_CLS_H, LINUX_PTRACE_H, LINUX_TYPES_H, STDBOOL_H, STDDEF_H, STDINT_H } from './basic.ts';
import { BPF_CORE_READ_H, BPF_ENDIAN_H, BPF_HELPERS_H, BPF_TRACING_H } from './bpf.ts';
import { BPF_HELPER_DEFS_H } from './helperDefs.ts';
import { VMLINUX_H } from './vmlinux.ts';
import { BITS_BPF_H, MAPS_BPF_H } from './tools.ts';
import { LINUX_ICMP_H, LINUX_IF_ETHER_H, LINUX_IP_H, LINUX_IPV6_H, LINUX_TCP_H, LINUX_UDP_H } from './net.ts';
import { ASM_TYPES_H, ERRNO_BASE_H, LINUX_ERRNO_H, LINUX_ICMPV6_H, LINUX_IF_PACKET_H, LINUX_IN6_H, LINUX_LIMITS_H, LINUX_VERSION_H } from './net2.ts';

export const HEADERS: Readonly<Record<string, string>> = {
  'stdint.h': STDINT_H,
  'stdbool.h': STDBOOL_H,
  'stddef.h': STDDEF_H,
  'linux/types.h': LINUX_TYPES_H,
  'linux/bpf.h': LINUX_BPF_H,
  'linux/bpf_perf_event.h': LINUX_BPF_PERF_EVENT_H,
  'linux/pkt_cls.h': LINUX_PKT_CLS_H,
  'linux/in.h': LINUX_IN_H,
  'linux/ptrace.h': LINUX_PTRACE_H,
  'linux/if_ether.h': LINUX_IF_ETHER_H,
  'linux/ip.h': LINUX_IP_H,
  'linux/ipv6.h': LINUX_IPV6_H,
  'linux/udp.h': LINUX_UDP_H,
  'linux/tcp.h': LINUX_TCP_H,
  'linux/icmp.h': LINUX_ICMP_H,
  'linux/icmpv6.h': LINUX_ICMPV6_H,
  'linux/in6.h': LINUX_IN6_H,
  'linux/if_packet.h': LINUX_IF_PACKET_H,
  'linux/errno.h': LINUX_ERRNO_H,
  'asm-generic/errno-base.h': ERRNO_BASE_H,
  'asm/errno.h': LINUX_ERRNO_H,
  'linux/limits.h': LINUX_LIMITS_H,
  'linux/version.h': LINUX_VERSION_H,
  'asm/types.h': ASM_TYPES_H,
  'vmlinux.h': VMLINUX_H,
  'bpf/bpf_helpers.h': BPF_HELPERS_H,
  'bpf/bpf_helper_defs.h': BPF_HELPER_DEFS_H,
  'bpf/bpf_endian.h': BPF_ENDIAN_H,
  'bpf/bpf_tracing.h': BPF_TRACING_H,
  'bpf/bpf_core_read.h': BPF_CORE_READ_H,
  'maps.bpf.h': MAPS_BPF_H,
  'bits.bpf.h': BITS_BPF_H,
};
