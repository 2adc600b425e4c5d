/**
 * Helper id <-> name. Expected ids are UAPI numbers written out by hand from the kernel's
 * `___BPF_FUNC_MAPPER` (FN(name, id) entries in include/uapi/linux/bpf.h, Linux 6.x).
 */
import { describe, expect, it } from 'vitest';
import { BPF_FUNC_MAX_ID, helperId, helperName } from './names.ts';

const KNOWN: Array<[number, string]> = [
  [0, 'bpf_unspec'], [1, 'bpf_map_lookup_elem'], [2, 'bpf_map_update_elem'], [3, 'bpf_map_delete_elem'],
  [4, 'bpf_probe_read'], [5, 'bpf_ktime_get_ns'], [6, 'bpf_trace_printk'], [12, 'bpf_tail_call'],
  [14, 'bpf_get_current_pid_tgid'], [25, 'bpf_perf_event_output'], [51, 'bpf_redirect_map'],
  [113, 'bpf_probe_read_kernel'], [130, 'bpf_ringbuf_output'], [131, 'bpf_ringbuf_reserve'],
  [132, 'bpf_ringbuf_submit'], [164, 'bpf_for_each_map_elem'], [181, 'bpf_loop'], [209, 'bpf_user_ringbuf_drain'],
  [210, 'bpf_cgrp_storage_get'], [211, 'bpf_cgrp_storage_delete'],
];

describe('helper names', () => {
  for (const [id, name] of KNOWN) {
    it(`${id} <-> ${name}`, () => {
      expect(helperName(id)).toBe(name);
      expect(helperId(name)).toBe(id);
      expect(helperId(name.slice(4))).toBe(id);
    });
  }
  it('the list ends at 211', () => {
    expect(BPF_FUNC_MAX_ID).toBe(212);
    expect(helperName(212)).toBeUndefined();
    expect(helperName(-1)).toBeUndefined();
    expect(helperName(1.5)).toBeUndefined();
    expect(helperId('no_such_helper')).toBeUndefined();
  });
});
