/**
 * Generates `bpf/bpf_helper_defs.h`: one declaration per helper,
 * `static RET (* const bpf_NAME)(PARAMS) = (void *) ID;`, the form libbpf programs call through.
 *
 * Ids come from the UAPI id table (src/kernel/helpers/names.ts). Prototypes below are written
 * from the helpers' documented UAPI signatures for the helpers programs commonly call; any
 * other helper gets an unprototyped declaration (`long (*)()`: any arguments, a `long` result).
 * Does not: describe which program types may call a helper (src/kernel/helpers does).
 */
import { BPF_FUNC_MAX_ID, helperName } from '../../kernel/helpers/names.ts';

/** name (without bpf_) → [return type, parameter list]. */
const PROTOS: Record<string, [string, string]> = {
  map_lookup_elem: ['void *', 'void *map, const void *key'],
  map_update_elem: ['long', 'void *map, const void *key, const void *value, __u64 flags'],
  map_delete_elem: ['long', 'void *map, const void *key'],
  probe_read: ['long', 'void *dst, __u32 size, const void *unsafe_ptr'],
  ktime_get_ns: ['__u64', 'void'],
  trace_printk: ['long', 'const char *fmt, __u32 fmt_size, ...'],
  get_prandom_u32: ['__u32', 'void'],
  get_smp_processor_id: ['__u32', 'void'],
  skb_store_bytes: ['long', 'struct __sk_buff *skb, __u32 offset, const void *from, __u32 len, __u64 flags'],
  l3_csum_replace: ['long', 'struct __sk_buff *skb, __u32 offset, __u64 from, __u64 to, __u64 size'],
  l4_csum_replace: ['long', 'struct __sk_buff *skb, __u32 offset, __u64 from, __u64 to, __u64 flags'],
  tail_call: ['long', 'void *ctx, void *prog_array_map, __u32 index'],
  clone_redirect: ['long', 'struct __sk_buff *skb, __u32 ifindex, __u64 flags'],
  get_current_pid_tgid: ['__u64', 'void'],
  get_current_uid_gid: ['__u64', 'void'],
  get_current_comm: ['long', 'void *buf, __u32 size_of_buf'],
  get_cgroup_classid: ['__u32', 'struct __sk_buff *skb'],
  skb_vlan_push: ['long', 'struct __sk_buff *skb, __be16 vlan_proto, __u16 vlan_tci'],
  skb_vlan_pop: ['long', 'struct __sk_buff *skb'],
  perf_event_read: ['__u64', 'void *map, __u64 flags'],
  redirect: ['long', '__u32 ifindex, __u64 flags'],
  get_route_realm: ['__u32', 'struct __sk_buff *skb'],
  perf_event_output: ['long', 'void *ctx, void *map, __u64 flags, void *data, __u64 size'],
  skb_load_bytes: ['long', 'const void *skb, __u32 offset, void *to, __u32 len'],
  get_stackid: ['long', 'void *ctx, void *map, __u64 flags'],
  csum_diff: ['__s64', '__be32 *from, __u32 from_size, __be32 *to, __u32 to_size, __wsum seed'],
  skb_change_proto: ['long', 'struct __sk_buff *skb, __be16 proto, __u64 flags'],
  skb_change_type: ['long', 'struct __sk_buff *skb, __u32 type'],
  get_hash_recalc: ['__u32', 'struct __sk_buff *skb'],
  get_current_task: ['__u64', 'void'],
  probe_write_user: ['long', 'void *dst, const void *src, __u32 len'],
  skb_change_tail: ['long', 'struct __sk_buff *skb, __u32 len, __u64 flags'],
  skb_pull_data: ['long', 'struct __sk_buff *skb, __u32 len'],
  csum_update: ['__s64', 'struct __sk_buff *skb, __wsum csum'],
  set_hash_invalid: ['void', 'struct __sk_buff *skb'],
  get_numa_node_id: ['long', 'void'],
  skb_change_head: ['long', 'struct __sk_buff *skb, __u32 len, __u64 flags'],
  xdp_adjust_head: ['long', 'struct xdp_md *xdp_md, int delta'],
  probe_read_str: ['long', 'void *dst, __u32 size, const void *unsafe_ptr'],
  get_socket_cookie: ['__u64', 'void *ctx'],
  get_socket_uid: ['__u32', 'struct __sk_buff *skb'],
  set_hash: ['long', 'struct __sk_buff *skb, __u32 hash'],
  skb_adjust_room: ['long', 'struct __sk_buff *skb, __s32 len_diff, __u32 mode, __u64 flags'],
  redirect_map: ['long', 'void *map, __u64 key, __u64 flags'],
  xdp_adjust_meta: ['long', 'struct xdp_md *xdp_md, int delta'],
  perf_prog_read_value: ['long', 'void *ctx, void *buf, __u32 buf_size'],
  override_return: ['long', 'struct pt_regs *regs, __u64 rc'],
  xdp_adjust_tail: ['long', 'struct xdp_md *xdp_md, int delta'],
  get_stack: ['long', 'void *ctx, void *buf, __u32 size, __u64 flags'],
  fib_lookup: ['long', 'void *ctx, void *params, int plen, __u32 flags'],
  get_current_cgroup_id: ['__u64', 'void'],
  map_push_elem: ['long', 'void *map, const void *value, __u64 flags'],
  map_pop_elem: ['long', 'void *map, void *value'],
  map_peek_elem: ['long', 'void *map, void *value'],
  spin_lock: ['long', 'struct bpf_spin_lock *lock'],
  spin_unlock: ['long', 'struct bpf_spin_lock *lock'],
  skb_ecn_set_ce: ['long', 'struct __sk_buff *skb'],
  send_signal: ['long', '__u32 sig'],
  probe_read_user: ['long', 'void *dst, __u32 size, const void *unsafe_ptr'],
  probe_read_kernel: ['long', 'void *dst, __u32 size, const void *unsafe_ptr'],
  probe_read_user_str: ['long', 'void *dst, __u32 size, const void *unsafe_ptr'],
  probe_read_kernel_str: ['long', 'void *dst, __u32 size, const void *unsafe_ptr'],
  send_signal_thread: ['long', '__u32 sig'],
  jiffies64: ['__u64', 'void'],
  get_ns_current_pid_tgid: ['long', '__u64 dev, __u64 ino, void *nsdata, __u32 size'],
  ktime_get_boot_ns: ['__u64', 'void'],
  ringbuf_output: ['long', 'void *ringbuf, void *data, __u64 size, __u64 flags'],
  ringbuf_reserve: ['void *', 'void *ringbuf, __u64 size, __u64 flags'],
  ringbuf_submit: ['void', 'void *data, __u64 flags'],
  ringbuf_discard: ['void', 'void *data, __u64 flags'],
  ringbuf_query: ['__u64', 'void *ringbuf, __u64 flags'],
  csum_level: ['long', 'struct __sk_buff *skb, __u64 level'],
  get_current_task_btf: ['void *', 'void'],
  ktime_get_coarse_ns: ['__u64', 'void'],
  for_each_map_elem: ['long', 'void *map, void *callback_fn, void *callback_ctx, __u64 flags'],
  snprintf: ['long', 'char *str, __u32 str_size, const char *fmt, __u64 *data, __u32 data_len'],
  get_func_ip: ['__u64', 'void *ctx'],
  get_attach_cookie: ['__u64', 'void *ctx'],
  task_pt_regs: ['long', 'void *task'],
  trace_vprintk: ['long', 'const char *fmt, __u32 fmt_size, const void *data, __u32 data_len'],
  loop: ['long', '__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags'],
  get_func_arg: ['long', 'void *ctx, __u32 n, __u64 *value'],
  get_func_ret: ['long', 'void *ctx, __u64 *value'],
  get_func_arg_cnt: ['long', 'void *ctx'],
  xdp_get_buff_len: ['__u64', 'struct xdp_md *xdp_md'],
  xdp_load_bytes: ['long', 'struct xdp_md *xdp_md, __u32 offset, void *buf, __u32 len'],
  xdp_store_bytes: ['long', 'struct xdp_md *xdp_md, __u32 offset, void *buf, __u32 len'],
  ktime_get_tai_ns: ['__u64', 'void'],
  map_lookup_percpu_elem: ['void *', 'void *map, const void *key, __u32 cpu'],
};

function build(): string {
  const lines = [
    '#pragma once',
    '/* Generated: helper declarations by UAPI id. */',
    '#include <linux/types.h>',
    'struct __sk_buff; struct xdp_md; struct pt_regs; struct bpf_spin_lock;',
  ];
  for (let id = 1; id < BPF_FUNC_MAX_ID; id++) {
    const full = helperName(id)!;
    const p = PROTOS[full.slice(4)];
    if (p) lines.push(`static ${p[0].endsWith('*') ? p[0] : p[0] + ' '}(* const ${full})(${p[1]}) = (void *) ${id};`);
    else lines.push(`static long (* const ${full})() = (void *) ${id};`);
  }
  return lines.join('\n') + '\n';
}

export const BPF_HELPER_DEFS_H = build();
