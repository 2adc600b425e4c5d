/**
 * Hand-written unit programs for the verifier, one per rule, in LLVM assembly. Their kernel
 * verdicts, first complaint lines, processed counts and logs are recorded from Linux 6.18 by
 * `record.ts` (kernel_oracle.py) into `goldens.json`; unit.test.ts compares verify() with them.
 * A case's `maps` are `--map` specs; `rX = NAME ll` names one of them.
 */
export interface UnitCase {
  name: string;
  type: string;
  maps?: string[];
  asm: string;
}

export const UNIT_CASES: UnitCase[] = [
  // --- control flow
  { name: 'cfg_ok', type: 'xdp', asm: 'r0 = 2\nexit' },
  { name: 'cfg_fallthrough_end', type: 'xdp', asm: 'r0 = 2\nexit\nr0 = 1' },
  { name: 'cfg_jump_oob', type: 'xdp', asm: 'r0 = 2\ngoto +5\nexit' },
  { name: 'cfg_unreachable', type: 'xdp', asm: 'r0 = 2\nexit\nr0 = 1\nexit' },
  { name: 'cfg_loop_bounded', type: 'xdp', asm: 'r1 = 0\nl:\nr1 += 1\nif r1 < 10 goto l\nr0 = 2\nexit' },
  { name: 'cfg_loop_infinite', type: 'xdp', asm: 'r0 = 2\nif r1 == 0 goto l\nexit\nl:\nr1 = 0\ngoto l' },
  { name: 'cfg_subprog_ok', type: 'xdp', asm: 'call f\nexit\nf:\nr0 = 2\nexit' },
  { name: 'cfg_subprog_r0', type: 'xdp', asm: 'call f\nexit\nf:\nr1 = 1\nexit' },
  // --- registers
  { name: 'reg_uninit_r0', type: 'xdp', asm: 'exit' },
  { name: 'reg_uninit_read', type: 'xdp', asm: 'r0 = r5\nexit' },
  { name: 'reg_fp_write', type: 'xdp', asm: 'r10 = 0\nr0 = 2\nexit' },
  { name: 'reg_scalar_deref', type: 'xdp', asm: 'r1 = 0\nr0 = *(u64 *)(r1 + 0)\nexit' },
  { name: 'reg_ptr_plus_ptr', type: 'xdp', asm: 'r2 = r10\nr2 += r1\nr0 = 2\nexit' },
  { name: 'reg_ptr_alu32', type: 'xdp', asm: 'r2 = r10\nw2 += 4\nr0 = 2\nexit' },
  { name: 'reg_ptr_and', type: 'xdp', asm: 'r2 = r10\nr2 &= 4\nr0 = 2\nexit' },
  { name: 'reg_ptr_mul', type: 'xdp', asm: 'r2 = r10\nr2 *= 4\nr0 = 2\nexit' },
  { name: 'reg_bounds_print', type: 'xdp', asm: 'r2 = *(u32 *)(r1 + 0)\nr3 = *(u8 *)(r2 + 0)\nr0 = 2\nexit' },
  // --- stack
  { name: 'stack_spill_fill', type: 'xdp', asm: '*(u64 *)(r10 - 8) = r1\nr2 = *(u64 *)(r10 - 8)\nr0 = *(u32 *)(r2 + 0)\nr0 = 2\nexit' },
  { name: 'stack_partial_fill_ptr', type: 'xdp', asm: '*(u64 *)(r10 - 8) = r1\nr2 = *(u32 *)(r10 - 8)\nr0 = 2\nexit' },
  { name: 'stack_write_oob', type: 'xdp', asm: 'r1 = 0\n*(u64 *)(r10 - 520) = r1\nr0 = 2\nexit' },
  { name: 'stack_read_positive', type: 'xdp', asm: 'r0 = *(u32 *)(r10 + 4)\nexit' },
  { name: 'stack_misaligned', type: 'xdp', asm: 'r1 = 0\n*(u64 *)(r10 - 4) = r1\nr0 = 2\nexit' },
  { name: 'stack_zero_slot', type: 'xdp', asm: 'r1 = 0\n*(u32 *)(r10 - 4) = r1\n*(u32 *)(r10 - 8) = r1\nr0 = *(u64 *)(r10 - 8)\nexit' },
  // --- context
  { name: 'ctx_bad_off', type: 'xdp', asm: 'r0 = *(u32 *)(r1 + 24)\nr0 = 2\nexit' },
  { name: 'ctx_write_xdp', type: 'xdp', asm: 'r2 = 1\n*(u32 *)(r1 + 0) = r2\nr0 = 2\nexit' },
  { name: 'ctx_tc_mark_write', type: 'tc', asm: 'r2 = 1\n*(u32 *)(r1 + 8) = r2\nr0 = 0\nexit' },
  { name: 'ctx_modified', type: 'xdp', asm: 'r1 += 4\nr0 = *(u32 *)(r1 + 0)\nr0 = 2\nexit' },
  { name: 'ctx_kprobe_read', type: 'kprobe', asm: 'r0 = *(u64 *)(r1 + 112)\nr0 = 0\nexit' },
  // --- packet
  { name: 'pkt_unchecked', type: 'xdp', asm: 'r2 = *(u32 *)(r1 + 0)\nr0 = *(u8 *)(r2 + 0)\nr0 = 2\nexit' },
  { name: 'pkt_checked_ok', type: 'xdp', asm: 'r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr4 = r2\nr4 += 14\nif r4 > r3 goto out\nr0 = *(u16 *)(r2 + 12)\nout:\nr0 = 2\nexit' },
  { name: 'pkt_off_by_one', type: 'xdp', asm: 'r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr4 = r2\nr4 += 14\nif r4 > r3 goto out\nr0 = *(u16 *)(r2 + 13)\nout:\nr0 = 2\nexit' },
  { name: 'pkt_end_deref', type: 'xdp', asm: 'r3 = *(u32 *)(r1 + 4)\nr0 = *(u8 *)(r3 + 0)\nr0 = 2\nexit' },
  { name: 'pkt_write_socket', type: 'tc', asm: 'r2 = *(u32 *)(r1 + 76)\nr3 = *(u32 *)(r1 + 80)\nr4 = r2\nr4 += 1\nif r4 > r3 goto out\nr5 = 0\n*(u8 *)(r2 + 0) = r5\nout:\nr0 = 0\nexit' },
  // --- maps and helpers
  { name: 'map_null_unchecked', type: 'xdp', maps: ['h:hash:4:8:16'], asm: 'r1 = 0\n*(u32 *)(r10 - 4) = r1\nr2 = r10\nr2 += -4\nr1 = h ll\ncall 1\nr1 = *(u64 *)(r0 + 0)\nr0 = 2\nexit' },
  { name: 'map_checked_ok', type: 'xdp', maps: ['h:hash:4:8:16'], asm: 'r1 = 0\n*(u32 *)(r10 - 4) = r1\nr2 = r10\nr2 += -4\nr1 = h ll\ncall 1\nif r0 == 0 goto out\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit' },
  { name: 'map_value_oob', type: 'xdp', maps: ['h:hash:4:8:16'], asm: 'r1 = 0\n*(u32 *)(r10 - 4) = r1\nr2 = r10\nr2 += -4\nr1 = h ll\ncall 1\nif r0 == 0 goto out\nr1 = *(u64 *)(r0 + 4)\nout:\nr0 = 2\nexit' },
  { name: 'helper_wrong_type', type: 'xdp', maps: ['h:hash:4:8:16'], asm: 'r2 = r1\nr1 = h ll\ncall 1\nr0 = 2\nexit' },
  { name: 'helper_not_allowed', type: 'xdp', asm: 'call 9\nr0 = 2\nexit' },
  { name: 'helper_key_too_big', type: 'xdp', maps: ['h:hash:16:8:16'], asm: 'r2 = r10\nr2 += -8\nr1 = h ll\ncall 1\nr0 = 2\nexit' },
  { name: 'helper_lookup_ringbuf', type: 'xdp', maps: ['rb:ringbuf:0:0:4096'], asm: 'r2 = r10\nr2 += -8\nr1 = rb ll\ncall 1\nr0 = 2\nexit' },
  { name: 'helper_size_unbounded', type: 'xdp', asm: 'r3 = *(u32 *)(r1 + 12)\nr1 = r10\nr1 += -16\nr2 = r3\ncall 6\nr0 = 2\nexit' },
  { name: 'helper_pkt_changes', type: 'xdp', asm: 'r6 = r1\nr2 = *(u32 *)(r6 + 0)\nr7 = r2\nr1 = r6\nr2 = 0\ncall 44\nr0 = *(u8 *)(r7 + 0)\nr0 = 2\nexit' },
  // --- references
  { name: 'ref_leak', type: 'xdp', maps: ['rb:ringbuf:0:0:4096'], asm: 'r1 = rb ll\nr2 = 8\nr3 = 0\ncall 131\nr0 = 2\nexit' },
  { name: 'ref_ok', type: 'xdp', maps: ['rb:ringbuf:0:0:4096'], asm: 'r1 = rb ll\nr2 = 8\nr3 = 0\ncall 131\nif r0 == 0 goto out\nr1 = r0\nr2 = 0\ncall 132\nout:\nr0 = 2\nexit' },
  { name: 'ref_unchecked_submit', type: 'xdp', maps: ['rb:ringbuf:0:0:4096'], asm: 'r1 = rb ll\nr2 = 8\nr3 = 0\ncall 131\nr1 = r0\nr2 = 0\ncall 132\nr0 = 2\nexit' },
  // --- exit values
  { name: 'exit_cgskb_range', type: 'cgroup_skb', asm: 'r0 = 7\nexit' },
  { name: 'exit_cgskb_ok', type: 'cgroup_skb', asm: 'r0 = 1\nexit' },
  // --- pruning statistics
  { name: 'prune_diamonds', type: 'xdp', asm: 'r2 = *(u32 *)(r1 + 12)\nr0 = 0\nif r2 == 1 goto a\nr0 = 1\na:\nif r2 == 2 goto b\nr0 = 2\nb:\nif r2 == 3 goto c\nr3 = 1\nc:\nr0 = 2\nexit' },
];
