/**
 * Context structures as BPF programs see them (the user-visible UAPI structs of Linux 6.18):
 * `struct xdp_md`, `struct __sk_buff`, `struct pt_regs` (x86_64), `struct bpf_perf_event_data`,
 * `struct bpf_raw_tracepoint_args` — every field with its offset and size.
 *
 * Does: layouts, for the compiler's bundled headers, the VM (building a context) and the UI.
 * Does not: say who may read or write what (access.ts holds the per-program-type rules).
 *
 * Provenance: UAPI include/uapi/linux/bpf.h, bpf_perf_event.h and arch/x86 ptrace.h (ABI facts);
 * checked by ctx.test.ts against clang-19 compiling the system's headers (offsetof/sizeof).
 */

export interface CtxField {
  /** Field name as C code writes it (`data`, `cb`, `remote_ip6`, pt_regs: kernel name `di`). */
  readonly name: string;
  readonly off: number;
  /** Size of one element in bytes. */
  readonly size: number;
  /** Element count for arrays (`cb[5]`), 1 otherwise. */
  readonly count: number;
  /** C type of one element, as the UAPI header declares it. */
  readonly ctype: string;
  /** Name in the x86 UAPI `struct pt_regs` when it differs from the kernel's (`rdi` for `di`). */
  readonly uapiName?: string;
}

export interface CtxStruct {
  /** C struct name without `struct` (`__sk_buff`). */
  readonly name: string;
  /** sizeof(struct ...). */
  readonly size: number;
  readonly fields: readonly CtxField[];
}

const f = (name: string, off: number, size: number, ctype: string, count = 1, uapiName?: string): CtxField =>
  uapiName === undefined ? { name, off, size, count, ctype } : { name, off, size, count, ctype, uapiName };

/** `struct xdp_md` (24 bytes): packet pointers are carried as __u32 and become real pointers on load. */
export const XDP_MD: CtxStruct = {
  name: 'xdp_md',
  size: 24,
  fields: [
    f('data', 0, 4, '__u32'), f('data_end', 4, 4, '__u32'), f('data_meta', 8, 4, '__u32'),
    f('ingress_ifindex', 12, 4, '__u32'), f('rx_queue_index', 16, 4, '__u32'), f('egress_ifindex', 20, 4, '__u32'),
  ],
};

/** `struct __sk_buff` (192 bytes): the socket-buffer view of socket filters, tc and cgroup_skb. */
export const SK_BUFF: CtxStruct = {
  name: '__sk_buff',
  size: 192,
  fields: [
    f('len', 0, 4, '__u32'), f('pkt_type', 4, 4, '__u32'), f('mark', 8, 4, '__u32'),
    f('queue_mapping', 12, 4, '__u32'), f('protocol', 16, 4, '__u32'), f('vlan_present', 20, 4, '__u32'),
    f('vlan_tci', 24, 4, '__u32'), f('vlan_proto', 28, 4, '__u32'), f('priority', 32, 4, '__u32'),
    f('ingress_ifindex', 36, 4, '__u32'), f('ifindex', 40, 4, '__u32'), f('tc_index', 44, 4, '__u32'),
    f('cb', 48, 4, '__u32', 5), f('hash', 68, 4, '__u32'), f('tc_classid', 72, 4, '__u32'),
    f('data', 76, 4, '__u32'), f('data_end', 80, 4, '__u32'), f('napi_id', 84, 4, '__u32'),
    f('family', 88, 4, '__u32'), f('remote_ip4', 92, 4, '__u32'), f('local_ip4', 96, 4, '__u32'),
    f('remote_ip6', 100, 4, '__u32', 4), f('local_ip6', 116, 4, '__u32', 4),
    f('remote_port', 132, 4, '__u32'), f('local_port', 136, 4, '__u32'), f('data_meta', 140, 4, '__u32'),
    f('flow_keys', 144, 8, 'struct bpf_flow_keys *'), f('tstamp', 152, 8, '__u64'), f('wire_len', 160, 4, '__u32'),
    f('gso_segs', 164, 4, '__u32'), f('sk', 168, 8, 'struct bpf_sock *'), f('gso_size', 176, 4, '__u32'),
    f('tstamp_type', 180, 1, '__u8'), f('hwtstamp', 184, 8, '__u64'),
  ],
};

/** x86_64 `struct pt_regs` (168 bytes), kernel field names (as vmlinux.h has them) with UAPI aliases. */
export const PT_REGS_X86_64: CtxStruct = {
  name: 'pt_regs',
  size: 168,
  fields: ([
    ['r15', 'r15'], ['r14', 'r14'], ['r13', 'r13'], ['r12', 'r12'], ['bp', 'rbp'], ['bx', 'rbx'],
    ['r11', 'r11'], ['r10', 'r10'], ['r9', 'r9'], ['r8', 'r8'], ['ax', 'rax'], ['cx', 'rcx'],
    ['dx', 'rdx'], ['si', 'rsi'], ['di', 'rdi'], ['orig_ax', 'orig_rax'], ['ip', 'rip'], ['cs', 'cs'],
    ['flags', 'eflags'], ['sp', 'rsp'], ['ss', 'ss'],
  ] as const).map(([k, u], i) => f(k, i * 8, 8, 'unsigned long', 1, k === u ? undefined : u)),
};

/** `struct bpf_perf_event_data` (184 bytes): the sampled registers, then sample_period and addr. */
export const PERF_EVENT_DATA: CtxStruct = {
  name: 'bpf_perf_event_data',
  size: 184,
  fields: [
    ...PT_REGS_X86_64.fields.map((r) => ({ ...r, name: `regs.${r.name}`, ...(r.uapiName ? { uapiName: `regs.${r.uapiName}` } : {}) })),
    f('sample_period', 168, 8, '__u64'), f('addr', 176, 8, '__u64'),
  ],
};

/** MAX_BPF_FUNC_ARGS: raw tracepoints and fentry/fexit see at most this many u64 arguments. */
export const MAX_BPF_FUNC_ARGS = 12;

/** `struct bpf_raw_tracepoint_args { __u64 args[0]; }`: a flexible array; 12 slots are accessible. */
export const RAW_TP_ARGS: CtxStruct = {
  name: 'bpf_raw_tracepoint_args',
  size: 0,
  fields: [f('args', 0, 8, '__u64', MAX_BPF_FUNC_ARGS)],
};

/** PERF_MAX_TRACE_SIZE in 6.18: a classic tracepoint's record may be read up to this offset. */
export const PERF_MAX_TRACE_SIZE = 8192;

/** The field covering byte *off* of *s*, with the element index for arrays; undefined in padding or outside. */
export function fieldAt(s: CtxStruct, off: number): { field: CtxField; index: number } | undefined {
  for (const fl of s.fields) {
    if (off >= fl.off && off < fl.off + fl.size * fl.count) return { field: fl, index: Math.floor((off - fl.off) / fl.size) };
  }
  return undefined;
}

/** The field named *name* (`data`, `cb`, `regs.di`, pt_regs UAPI alias `rdi` too). */
export function fieldByName(s: CtxStruct, name: string): CtxField | undefined {
  return s.fields.find((fl) => fl.name === name || fl.uapiName === name);
}
