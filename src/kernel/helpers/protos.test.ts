// Cross-checks the helper records against sources we did not write:
//  - names.ts (the UAPI ___BPF_FUNC_MAPPER order) and libbpf 1.1's bpf_helper_defs.h
//    (cprotos.ts, generated from the installed header): ids, names, argument counts, which
//    arguments are pointers, and whether the return is a pointer;
//  - kernel facts stated in the UAPI helper documentation (quoted facts, not copied text).
import { describe, expect, it } from 'vitest';
import { BPF_FUNC_MAX_ID, helperName } from './names.ts';
import { C_PROTOS } from './cprotos.ts';
import { HELPER_PROTOS, helperProto, helperProtoByName, helperProtoFor } from './protos.ts';
import { hasFlag, isPointerArg } from './kinds.ts';

/** Split 'long bpf_x(void *a, __u32 b)' into return type, name and parameter list. */
function parseC(proto: string): { ret: string; name: string; params: string[] } {
  const m = /^(.*?)\s*\b(bpf_\w+)\((.*)\)$/.exec(proto);
  if (!m) throw new Error(`unparsable C prototype ${proto}`);
  const params = m[3] === 'void' ? [] : m[3].split(',').map((s) => s.trim());
  return { ret: m[1].trim(), name: m[2], params };
}

// Parameters libbpf types as pointers that the kernel takes as plain numbers (ARG_ANYTHING):
// addresses in another address space or not dereferenced by the verifier's rules.
const POINTER_AS_NUMBER: Readonly<Record<string, readonly number[]>> = {
  bpf_probe_read: [3], bpf_probe_read_str: [3], bpf_probe_read_user: [3], bpf_probe_read_kernel: [3],
  bpf_probe_read_user_str: [3], bpf_probe_read_kernel_str: [3], bpf_probe_write_user: [1],
  bpf_copy_from_user: [3], bpf_copy_from_user_task: [3], bpf_find_vma: [], bpf_sys_bpf: [],
  bpf_get_ns_current_pid_tgid: [], bpf_loop: [], bpf_timer_start: [],
};
// Parameters libbpf types as numbers that the kernel checks as pointers.
const NUMBER_AS_POINTER: Readonly<Record<string, readonly number[]>> = {};

describe('helper records vs names.ts and libbpf bpf_helper_defs.h', () => {
  it('there is exactly one record for every id 1..210 and 211 (BPF_FUNC_MAX_ID = 212)', () => {
    expect(BPF_FUNC_MAX_ID).toBe(212);
    expect(HELPER_PROTOS.map((p) => p.id)).toEqual(Array.from({ length: 211 }, (_, i) => i + 1));
  });

  it('record names are names.ts names; libbpf declares the same name under the same id', () => {
    for (const p of HELPER_PROTOS) {
      expect(p.name).toBe(helperName(p.id));
      expect(parseC(C_PROTOS[p.id]).name, `id ${p.id}`).toBe(p.name);
    }
  });

  it('argument counts agree with libbpf (bpf_trace_printk is variadic: fmt, fmt_size, ...)', () => {
    const wrong: string[] = [];
    for (const p of HELPER_PROTOS) {
      const params = parseC(p.cProto).params.filter((x) => x !== '...');
      if (params.length !== p.argCount) wrong.push(`${p.name}: C ${params.length}, ours ${p.argCount}`);
    }
    expect(wrong).toEqual([]);
  });

  it('pointer arguments are pointers in C and the other way round, bar documented exceptions', () => {
    const wrong: string[] = [];
    for (const p of HELPER_PROTOS) {
      parseC(p.cProto).params.filter((x) => x !== '...').forEach((param, i) => {
        const cPtr = param.includes('*');
        const ours = isPointerArg(p.args[i]);
        const n = i + 1;
        if (cPtr === ours) return;
        if (cPtr && !ours && (POINTER_AS_NUMBER[p.name] ?? []).includes(n)) return;
        if (!cPtr && ours && (NUMBER_AS_POINTER[p.name] ?? []).includes(n)) return;
        wrong.push(`${p.name} arg${n} '${param}' vs ${p.args[i].text}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it('pointer returns are pointers in C; integer/void returns are not', () => {
    const wrong: string[] = [];
    for (const p of HELPER_PROTOS) {
      const cRet = parseC(p.cProto).ret;
      const cPtr = cRet.endsWith('*');
      const ours = p.ret.base !== 'RET_INTEGER' && p.ret.base !== 'RET_VOID';
      // libbpf's header (from older UAPI docs) says `long bpf_task_pt_regs(...)`; the 6.18 verifier
      // types the result as ptr_pt_regs (seen with kernel_oracle.py: `call bpf_task_pt_regs#175 ;
      // R0=ptr_pt_regs()` and a load through it accepted).
      if (p.name === 'bpf_task_pt_regs') continue;
      if (cPtr !== ours) wrong.push(`${p.name}: C '${cRet}' vs ${p.ret.text}`);
      // bpf_set_hash_invalid: libbpf declares `void`, but the 6.18 verifier leaves a scalar in R0
      // after the call (testdata/arg-probe-6.18.txt), i.e. its proto returns RET_INTEGER.
      if (cRet === 'void' && p.ret.base !== 'RET_VOID' && p.name !== 'bpf_set_hash_invalid') wrong.push(`${p.name}: C void vs ${p.ret.text}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('documented kernel facts', () => {
  it('bpf_map_lookup_elem returns a map value or NULL from (map, key)', () => {
    const p = helperProtoByName('map_lookup_elem')!;
    expect(p.id).toBe(1);
    expect(p.ret.base).toBe('RET_PTR_TO_MAP_VALUE');
    expect(hasFlag(p.ret, 'PTR_MAYBE_NULL')).toBe(true);
    expect(p.args.map((a) => a.base)).toEqual(['ARG_CONST_MAP_PTR', 'ARG_PTR_TO_MAP_KEY', 'ARG_DONTCARE', 'ARG_DONTCARE', 'ARG_DONTCARE']);
  });

  it('bpf_ringbuf_reserve returns ring-buffer memory sized by its second argument, which submit/discard release', () => {
    const r = helperProtoByName('bpf_ringbuf_reserve')!;
    expect(r.id).toBe(131);
    expect(r.ret.base).toBe('RET_PTR_TO_MEM');
    expect(r.ret.flags).toEqual(expect.arrayContaining(['MEM_RINGBUF', 'PTR_MAYBE_NULL']));
    expect(r.retSizeArg).toBe(2);
    expect(r.acquires).toBe(true);
    for (const n of ['ringbuf_submit', 'ringbuf_discard']) {
      const s = helperProtoByName(n)!;
      expect(s.releasesArg).toBe(1);
      expect(s.args[0].base).toBe('ARG_PTR_TO_RINGBUF_MEM');
      expect(hasFlag(s.args[0], 'OBJ_RELEASE')).toBe(true);
      expect(s.ret.base).toBe('RET_VOID');
    }
  });

  it('socket lookups acquire, bpf_sk_release releases', () => {
    for (const n of ['sk_lookup_tcp', 'sk_lookup_udp', 'skc_lookup_tcp']) expect(helperProtoByName(n)!.acquires, n).toBe(true);
    expect(helperProtoByName('sk_lookup_tcp')!.ret.base).toBe('RET_PTR_TO_SOCKET');
    expect(helperProtoByName('skc_lookup_tcp')!.ret.base).toBe('RET_PTR_TO_SOCK_COMMON');
    expect(helperProtoByName('sk_release')!.releasesArg).toBe(1);
  });

  it('the packet-changing helpers are flagged (bpf_helper_changes_pkt_data), plain readers are not', () => {
    for (const n of ['skb_store_bytes', 'skb_pull_data', 'xdp_adjust_head', 'xdp_adjust_meta', 'xdp_adjust_tail', 'l3_csum_replace', 'l4_csum_replace', 'skb_vlan_push', 'skb_adjust_room', 'clone_redirect']) {
      expect(helperProtoByName(n)!.changesPktData, n).toBe(true);
    }
    for (const n of ['skb_load_bytes', 'map_lookup_elem', 'redirect', 'csum_diff']) expect(helperProtoByName(n)!.changesPktData, n).toBe(false);
  });

  it('strtol stores through an 8-byte aligned output (what was ARG_PTR_TO_LONG before 6.12)', () => {
    const p = helperProtoByName('strtol')!;
    expect(p.args[3].base).toBe('ARG_PTR_TO_MEM');
    expect(p.args[3].flags).toEqual(expect.arrayContaining(['MEM_FIXED_SIZE', 'MEM_UNINIT', 'MEM_WRITE', 'MEM_ALIGNED']));
    expect(p.argSizes[4]).toBe(8);
  });

  it('tail_call takes (ctx, prog_array, index) and returns nothing', () => {
    const p = helperProto(12)!;
    expect(p.cProto).toBe('long bpf_tail_call(void *ctx, void *prog_array_map, __u32 index)');
    expect(p.args.slice(0, 3).map((a) => a.base)).toEqual(['ARG_PTR_TO_CTX', 'ARG_CONST_MAP_PTR', 'ARG_ANYTHING']);
    expect(p.ret.base).toBe('RET_VOID');
  });

  it('per-type variants: bpf_get_cgroup_classid takes the skb in tc only; get_stackid is not gpl_only for perf_event', () => {
    expect(helperProtoFor(17, 'sched_cls')!.args[0].base).toBe('ARG_PTR_TO_CTX');
    expect(helperProtoFor(17, 'kprobe')!.argCount).toBe(0);
    expect(helperProtoFor(27, 'kprobe')!.gplOnly).toBe(true);
    expect(helperProtoFor(27, 'perf_event')!.gplOnly).toBe(false);
    expect(helperProtoFor(9, 'xdp')).toBeUndefined();
  });

  it('bad ids give undefined, not an exception', () => {
    for (const id of [0, -1, 212, 1.5, NaN]) expect(helperProto(id)).toBeUndefined();
    expect(helperProtoByName('no_such_helper')).toBeUndefined();
  });

  it('every record has a description and a C prototype', () => {
    for (const p of HELPER_PROTOS) {
      expect(p.doc.length, p.name).toBeGreaterThan(20);
      expect(p.cProto).toContain(p.name + '(');
    }
  });
});
