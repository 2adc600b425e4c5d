/**
 * Program types: the UAPI `enum bpf_prog_type` numbers (include/uapi/linux/bpf.h, Linux 6.18), and
 * the names the playground uses for them (the kernel's names without the `BPF_PROG_TYPE_` prefix,
 * lower-case, as bpftool prints them).
 *
 * Does: number <-> name. Does not: describe a type (context, helpers, return codes: see
 * progtypes/index.ts).
 *
 * Provenance: UAPI numbering (a stable ABI), cross-checked against bpftool's probe output on 6.18.
 */

/** Every `BPF_PROG_TYPE_*` in 6.18, indexed by its number. */
export const BPF_PROG_TYPE_NAMES = [
  'unspec', 'socket_filter', 'kprobe', 'sched_cls', 'sched_act', 'tracepoint', 'xdp', 'perf_event',
  'cgroup_skb', 'cgroup_sock', 'lwt_in', 'lwt_out', 'lwt_xmit', 'sock_ops', 'sk_skb', 'cgroup_device',
  'sk_msg', 'raw_tracepoint', 'cgroup_sock_addr', 'lwt_seg6local', 'lirc_mode2', 'sk_reuseport',
  'flow_dissector', 'cgroup_sysctl', 'raw_tracepoint_writable', 'cgroup_sockopt', 'tracing',
  'struct_ops', 'ext', 'lsm', 'sk_lookup', 'syscall', 'netfilter',
] as const;

/** The program types the playground models in full (context, helpers, return codes). */
export const PROG_TYPES = [
  'socket_filter', 'kprobe', 'sched_cls', 'sched_act', 'tracepoint', 'xdp', 'perf_event',
  'cgroup_skb', 'raw_tracepoint', 'tracing', 'lsm',
] as const;
export type ProgTypeName = (typeof PROG_TYPES)[number];

/** `BPF_PROG_TYPE_*` number for a kernel program-type name ('xdp' -> 6); undefined when unknown. */
export function progTypeId(name: string): number | undefined {
  const i = (BPF_PROG_TYPE_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}

/** Kernel program-type name for a `BPF_PROG_TYPE_*` number (6 -> 'xdp'); undefined when unknown. */
export function progTypeName(id: number): string | undefined {
  return BPF_PROG_TYPE_NAMES[id];
}

export function isModelledProgType(name: string): name is ProgTypeName {
  return (PROG_TYPES as readonly string[]).includes(name);
}
