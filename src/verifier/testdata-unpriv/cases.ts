/**
 * Programs for the unprivileged verifier (a loader without CAP_BPF / CAP_PERFMON /
 * CAP_SYS_ADMIN), in LLVM assembly. Their verdicts, first complaint lines, processed counts and
 * logs are recorded from Linux 6.18 as uid nobody by `record.ts` (unpriv_oracle.py) into
 * goldens.json; unpriv.test.ts compares verify(..., { unprivileged: true }) with them.
 * A case's `maps` are `--map` specs; `rX = NAME ll` names one of them.
 */
export interface UnprivCase {
  name: string;
  type: string;
  maps?: string[];
  asm: string;
}

const ARR = 'arr:array:4:8:4';
const LOOKUP = 'r1 = 0\n*(u32 *)(r10 - 4) = r1\nr2 = r10\nr2 += -4\nr1 = arr ll\ncall 1\n';

export const UNPRIV_CASES: UnprivCase[] = [
  // --- program types: only socket filters and cgroup skb programs load without CAP_BPF
  { name: 'type_socket_filter_ok', type: 'socket_filter', asm: 'r0 = 0\nexit' },
  { name: 'type_cgroup_skb_ok', type: 'cgroup_skb', asm: 'r0 = 1\nexit' },
  { name: 'type_xdp', type: 'xdp', asm: 'r0 = 2\nexit' },
  { name: 'type_kprobe', type: 'kprobe', asm: 'r0 = 0\nexit' },
  { name: 'type_sched_cls', type: 'sched_cls', asm: 'r0 = 0\nexit' },
  // --- pointer leaks
  { name: 'leak_return_fp', type: 'socket_filter', asm: 'r0 = r10\nexit' },
  { name: 'leak_return_ctx', type: 'socket_filter', asm: 'r0 = r1\nexit' },
  { name: 'leak_return_map_ptr', type: 'socket_filter', maps: [ARR], asm: 'r0 = arr ll\nexit' },
  { name: 'leak_into_map', type: 'socket_filter', maps: [ARR], asm: LOOKUP + 'if r0 == 0 goto out\n*(u64 *)(r0 + 0) = r10\nout:\nr0 = 0\nexit' },
  { name: 'leak_into_ctx', type: 'socket_filter', asm: '*(u32 *)(r1 + 48) = r10\nr0 = 0\nexit' },
  { name: 'leak_into_helper', type: 'socket_filter', maps: [ARR], asm: 'r1 = 0\n*(u32 *)(r10 - 4) = r1\n*(u64 *)(r10 - 16) = r1\nr2 = r10\nr2 += -4\nr3 = r10\nr3 += -16\nr4 = r10\nr1 = arr ll\ncall 2\nr0 = 0\nexit' },
  { name: 'spill_ptr_ok', type: 'socket_filter', asm: '*(u64 *)(r10 - 8) = r1\nr1 = *(u64 *)(r10 - 8)\nr0 = 0\nexit' },
  { name: 'spill_ptr_corrupt', type: 'socket_filter', asm: '*(u64 *)(r10 - 8) = r1\nr2 = 0\n*(u32 *)(r10 - 8) = r2\nr0 = 0\nexit' },
  // --- pointer comparisons and arithmetic
  { name: 'cmp_ptr_imm', type: 'socket_filter', asm: 'r0 = 0\nif r1 == 0 goto +1\nr0 = 1\nexit' },
  { name: 'cmp_ptr_reg', type: 'socket_filter', asm: 'r0 = 0\nr2 = 5\nif r2 > r10 goto +1\nr0 = 1\nexit' },
  { name: 'cmp_null_check_ok', type: 'socket_filter', maps: [ARR], asm: LOOKUP + 'if r0 == 0 goto out\nr0 = *(u64 *)(r0 + 0)\nout:\nr0 = 0\nexit' },
  { name: 'ptr_sub_ptr', type: 'socket_filter', asm: 'r0 = r10\nr0 -= r1\nr0 = 0\nexit' },
  { name: 'ptr_partial_copy', type: 'socket_filter', asm: 'w0 = w10\nr0 = 0\nexit' },
  { name: 'ptr_alu32', type: 'socket_filter', asm: 'r2 = r10\nw2 += 4\nr0 = 0\nexit' },
  { name: 'ptr_neg', type: 'socket_filter', asm: 'r2 = r10\nr2 = -r2\nr0 = 0\nexit' },
  { name: 'ptr_add_const_ok', type: 'socket_filter', asm: 'r2 = r10\nr2 += -8\nr3 = 0\n*(u64 *)(r2 + 0) = r3\nr0 = 0\nexit' },
  { name: 'stack_var_off', type: 'socket_filter', asm: 'r3 = *(u32 *)(r1 + 0)\nr3 &= 7\nr2 = r10\nr2 += -16\nr2 += r3\nr0 = 0\nexit' },
  { name: 'map_value_var_off_ok', type: 'socket_filter', maps: [ARR], asm: LOOKUP + 'if r0 == 0 goto out\nr3 = *(u32 *)(r1 + 0)\nr3 &= 7\nr0 += r3\nr0 = *(u8 *)(r0 + 0)\nout:\nr0 = 0\nexit' },
  { name: 'map_value_var_off_read_ok', type: 'socket_filter', maps: [ARR], asm: 'r6 = r1\n' + LOOKUP + 'if r0 == 0 goto out\nr3 = *(u32 *)(r6 + 0)\nr3 &= 7\nr0 += r3\nr0 = *(u8 *)(r0 + 0)\nout:\nr0 = 0\nexit' },
  { name: 'map_value_var_off_oob', type: 'socket_filter', maps: [ARR], asm: 'r6 = r1\n' + LOOKUP + 'if r0 == 0 goto out\nr3 = *(u32 *)(r6 + 0)\nr3 &= 15\nr0 += r3\nr0 = *(u8 *)(r0 + 0)\nout:\nr0 = 0\nexit' },
  { name: 'map_value_const_oob', type: 'socket_filter', maps: [ARR], asm: LOOKUP + 'if r0 == 0 goto out\nr0 += 8\nout:\nr0 = 0\nexit' },
  { name: 'map_value_mixed_signs', type: 'socket_filter', maps: [ARR], asm: 'r6 = r1\n' + LOOKUP + 'if r0 == 0 goto out\nr3 = *(u32 *)(r6 + 0)\nr3 &= 7\nr3 -= 4\nr0 += r3\nout:\nr0 = 0\nexit' },
  { name: 'stack_ptr_out_of_range', type: 'socket_filter', asm: 'r2 = r10\nr2 += 8\nr0 = 0\nexit' },
  { name: 'ctx_ptr_add_reg', type: 'socket_filter', asm: 'r2 = 4\nr1 += r2\nr0 = 0\nexit' },
  { name: 'ctx_ptr_add_const_ok', type: 'socket_filter', asm: 'r1 += 4\nr0 = 0\nexit' },
  { name: 'stack_uninit_helper_in_frame', type: 'socket_filter', maps: [ARR], asm: 'r1 = 0\n*(u32 *)(r10 - 16) = r1\nr2 = r10\nr2 += -8\nr1 = arr ll\ncall 1\nr0 = 0\nexit' },
  { name: 'spec_then_unsafe_ok', type: 'socket_filter', asm: 'r0 = 0\nr1 = 0\nif r1 == 0 goto +2\nr0 = *(u64 *)(r1 + 0)\nexit\nr0 = 0\nexit' },
  // --- uninitialized stack
  { name: 'stack_uninit_read', type: 'socket_filter', asm: 'r0 = *(u64 *)(r10 - 8)\nr0 = 0\nexit' },
  { name: 'stack_uninit_partial', type: 'socket_filter', asm: 'r1 = 0\n*(u32 *)(r10 - 8) = r1\nr0 = *(u64 *)(r10 - 8)\nr0 = 0\nexit' },
  { name: 'stack_uninit_helper_key', type: 'socket_filter', maps: [ARR], asm: 'r2 = r10\nr2 += -4\nr1 = arr ll\ncall 1\nr0 = 0\nexit' },
  // --- control flow and calls
  { name: 'loop_back_edge', type: 'socket_filter', asm: 'r1 = 0\nl:\nr1 += 1\nif r1 < 10 goto l\nr0 = 0\nexit' },
  { name: 'subprog_call', type: 'socket_filter', asm: 'call f\nr0 = 0\nexit\nf:\nr0 = 0\nexit' },
  { name: 'branch_known_spec', type: 'socket_filter', asm: 'r0 = 0\nif r0 == 1 goto +2\nr0 = 0\nexit\nr0 = 1\nexit' },
  { name: 'branch_unknown_ok', type: 'socket_filter', asm: 'r2 = *(u32 *)(r1 + 0)\nr0 = 0\nif r2 > 5 goto +1\nr0 = 1\nexit' },
  // --- helpers an unprivileged program may and may not call
  { name: 'helper_ktime_ok', type: 'socket_filter', asm: 'call 5\nr0 = 0\nexit' },
  { name: 'helper_prandom_ok', type: 'socket_filter', asm: 'call 7\nr0 = 0\nexit' },
  { name: 'helper_trace_printk', type: 'socket_filter', asm: 'r1 = 0\n*(u64 *)(r10 - 8) = r1\nr1 = r10\nr1 += -8\nr2 = 8\ncall 6\nr0 = 0\nexit' },
  { name: 'helper_pid_tgid', type: 'socket_filter', asm: 'call 14\nr0 = 0\nexit' },
  { name: 'helper_probe_read_kernel', type: 'socket_filter', asm: 'r1 = r10\nr1 += -8\nr2 = 8\nr3 = 0\ncall 113\nr0 = 0\nexit' },
  { name: 'helper_skb_load_bytes_ok', type: 'socket_filter', asm: 'r2 = 0\nr3 = r10\nr3 += -8\nr4 = 4\ncall 26\nr0 = 0\nexit' },
  // --- context
  { name: 'ctx_cgroup_skb_data', type: 'cgroup_skb', asm: 'r2 = *(u32 *)(r1 + 76)\nr0 = 1\nexit' },
  { name: 'ctx_socket_len_ok', type: 'socket_filter', asm: 'r0 = *(u32 *)(r1 + 0)\nexit' },
];
