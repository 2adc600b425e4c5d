/**
 * Which program types may call which helper: the facts behind the kernel's per-type
 * `*_func_proto` switches (Linux 6.18), as seen by a privileged (root / CAP_BPF + CAP_PERFMON)
 * loader, which is the playground's default.
 *
 * The kernel builds each type's set in layers, and so do we:
 *   BASE        every program type (maps, time, ring buffers, loops, timers, dynptrs, strings, and
 *               with CAP_PERFMON the current-task, probe-read, printk and perf helpers);
 *   SK_BASE     networking types add the socket casts (bpf_skc_to_*) and the coarse clock;
 *   SKB_READ    programs that see a struct __sk_buff read packets and socket identity;
 *   TC          tc (sched_cls / sched_act) adds packet rewriting, redirects, tunnels, checksums;
 *   XDP         XDP adds head/tail adjustment, map redirects, multi-buffer access;
 *   TRACE       kprobe / tracepoint / raw_tracepoint / perf_event / fentry / lsm add the legacy
 *               probe_read, stacks, attach cookie and function ip...
 *
 * Does: list helper names per program type and answer "may type T call helper N".
 * Does not: decide argument validity (that is the verifier reading protos.ts), or model the
 * unprivileged subset.
 *
 * Provenance: the kernel's own answers, recorded with testdata/probe_helpers.py on 6.18
 * (testdata/helper-probe-6.18.txt, checked by availability.test.ts) for the nine types that load
 * without BTF; for tracing and lsm (which could not be loaded on the recording machine) from the
 * public documentation of tracing_prog_func_proto / bpf_lsm_func_proto behaviour. Config- or
 * lockdown-dependent helpers are listed as a default kernel has them (see CONFIG_DEPENDENT).
 */
import { helperId } from './names.ts';
import { PROG_TYPES, type ProgTypeName } from '../progtypes/ids.ts';

const w = (s: string): readonly string[] => s.trim().split(/\s+/);

/** Every program type (bpf_base_func_proto, privileged). */
export const BASE = w(`
  map_lookup_elem map_update_elem map_delete_elem ktime_get_ns trace_printk get_prandom_u32
  get_smp_processor_id tail_call get_current_pid_tgid get_current_uid_gid get_current_comm
  get_cgroup_classid perf_event_read perf_event_output get_current_task current_task_under_cgroup
  get_numa_node_id perf_event_read_value get_current_cgroup_id map_push_elem map_pop_elem
  map_peek_elem spin_lock spin_unlock strtol strtoul send_signal probe_read_user probe_read_kernel
  probe_read_user_str probe_read_kernel_str send_signal_thread jiffies64 get_ns_current_pid_tgid
  get_current_ancestor_cgroup_id ktime_get_boot_ns ringbuf_output ringbuf_reserve ringbuf_submit
  ringbuf_discard ringbuf_query get_task_stack copy_from_user snprintf_btf per_cpu_ptr this_cpu_ptr
  task_storage_get task_storage_delete get_current_task_btf for_each_map_elem snprintf timer_init
  timer_set_callback timer_start timer_cancel task_pt_regs get_branch_snapshot trace_vprintk find_vma
  loop strncmp copy_from_user_task kptr_xchg map_lookup_percpu_elem dynptr_from_mem
  ringbuf_reserve_dynptr ringbuf_submit_dynptr ringbuf_discard_dynptr dynptr_read dynptr_write
  dynptr_data ktime_get_tai_ns user_ringbuf_drain cgrp_storage_get cgrp_storage_delete`);

/** Networking program types (bpf_sk_base_func_proto). */
export const SK_BASE = w(`
  skc_to_tcp6_sock skc_to_tcp_sock skc_to_tcp_timewait_sock skc_to_tcp_request_sock skc_to_udp6_sock
  skc_to_unix_sock skc_to_mptcp_sock ktime_get_coarse_ns`);

/** Types whose context is a struct __sk_buff: socket filters, tc, cgroup_skb. */
export const SKB_READ = w('skb_load_bytes get_socket_cookie get_socket_uid skb_load_bytes_relative get_netns_cookie');

/** tc and cgroup_skb: socket lookups/casts and cgroup ids of the packet. */
export const SKB_SOCK = w(`
  skb_cgroup_id skb_ancestor_cgroup_id sk_fullsock tcp_sock skb_ecn_set_ce get_listener_sock
  sk_storage_get sk_storage_delete`);

/** tc and XDP: socket lookups holding a reference (also cgroup_skb). */
export const SK_LOOKUP = w('sk_lookup_tcp sk_lookup_udp sk_release skc_lookup_tcp');

/** tc and XDP: forwarding, checksums, SYN cookies, MTU. */
export const FWD = w(`
  redirect csum_diff fib_lookup tcp_check_syncookie tcp_gen_syncookie check_mtu
  tcp_raw_gen_syncookie_ipv4 tcp_raw_gen_syncookie_ipv6 tcp_raw_check_syncookie_ipv4
  tcp_raw_check_syncookie_ipv6`);

/** tc only (tc_cls_act_func_proto). */
export const TC = w(`
  skb_store_bytes l3_csum_replace l4_csum_replace clone_redirect skb_vlan_push skb_vlan_pop
  skb_get_tunnel_key skb_set_tunnel_key get_route_realm skb_get_tunnel_opt skb_set_tunnel_opt
  skb_change_proto skb_change_type skb_under_cgroup get_hash_recalc skb_change_tail skb_pull_data
  csum_update set_hash_invalid skb_change_head set_hash skb_adjust_room skb_get_xfrm_state sk_assign
  csum_level skb_cgroup_classid redirect_neigh redirect_peer skb_set_tstamp`);

/** XDP only (xdp_func_proto). */
export const XDP = w('xdp_adjust_head redirect_map xdp_adjust_meta xdp_adjust_tail xdp_get_buff_len xdp_load_bytes xdp_store_bytes');

/** cgroup_skb only. */
export const CG_SKB = w('get_local_storage sk_cgroup_id sk_ancestor_cgroup_id');

/** Tracing types (bpf_tracing_func_proto beyond the base). */
export const TRACE = w('probe_read get_stackid probe_read_str get_stack get_func_ip get_attach_cookie probe_write_user');

/** perf_event only. */
export const PERF_EVENT = w('perf_prog_read_value read_branch_records');

/** fentry/fexit/fmod_ret/iter (tracing_prog_func_proto beyond TRACE). */
export const TRACING = w(`
  skb_output xdp_output skc_to_tcp6_sock skc_to_tcp_sock skc_to_tcp_timewait_sock
  skc_to_tcp_request_sock skc_to_udp6_sock skc_to_unix_sock skc_to_mptcp_sock sk_storage_get
  sk_storage_delete sock_from_file get_socket_cookie d_path get_func_arg get_func_ret
  get_func_arg_cnt seq_printf seq_write seq_printf_btf`);

/** LSM (bpf_lsm_func_proto beyond TRACING). */
export const LSM = w(`
  inode_storage_get inode_storage_delete bprm_opts_set ima_inode_hash ima_file_hash get_local_storage
  get_retval set_retval setsockopt getsockopt`);

/**
 * Helpers a default 6.18 kernel gives these types but a particular build may not: the recording
 * machine lacks CONFIG_BPF_KPROBE_OVERRIDE (override_return) and refuses probe_write_user
 * (lockdown). Tests against the recording skip these.
 */
export const CONFIG_DEPENDENT = w('override_return probe_write_user');

const SETS: Readonly<Record<ProgTypeName, readonly (readonly string[])[]>> = {
  socket_filter: [BASE, SK_BASE, SKB_READ],
  sched_cls: [BASE, SK_BASE, SKB_READ, SKB_SOCK, SK_LOOKUP, FWD, TC],
  sched_act: [BASE, SK_BASE, SKB_READ, SKB_SOCK, SK_LOOKUP, FWD, TC],
  xdp: [BASE, SK_BASE, SK_LOOKUP, FWD, XDP],
  cgroup_skb: [BASE, SK_BASE, SKB_READ, SKB_SOCK, SK_LOOKUP, CG_SKB],
  kprobe: [BASE, TRACE, ['override_return']],
  tracepoint: [BASE, TRACE],
  raw_tracepoint: [BASE, TRACE],
  perf_event: [BASE, TRACE, PERF_EVENT],
  tracing: [BASE, TRACE, TRACING],
  lsm: [BASE, TRACE, TRACING, LSM],
};

function toIds(names: readonly string[]): ReadonlySet<number> {
  const ids = new Set<number>();
  for (const n of names) {
    const id = helperId(n);
    if (id === undefined) throw new Error(`internal: availability names unknown helper '${n}'`);
    ids.add(id);
  }
  return ids;
}

const BY_TYPE: ReadonlyMap<ProgTypeName, ReadonlySet<number>> = new Map(
  PROG_TYPES.map((t) => [t, toIds(SETS[t].flat())]),
);

/** Helper ids a program type may call (privileged loader), ascending. */
export function helpersForProgType(type: ProgTypeName): readonly number[] {
  return [...(BY_TYPE.get(type) ?? [])].sort((a, b) => a - b);
}

/** May a program of this type call helper *id*? (The kernel's "program of this type cannot use helper" otherwise.) */
export function progTypeMayCall(type: ProgTypeName, id: number): boolean {
  return BY_TYPE.get(type)?.has(id) ?? false;
}

/** The program types (of those modelled) that may call helper *id*. */
export function progTypesForHelper(id: number): readonly ProgTypeName[] {
  return PROG_TYPES.filter((t) => BY_TYPE.get(t)!.has(id));
}
