/**
 * Context access rules per program type (Linux 6.18): which bytes of the context a program may
 * load or store, with which access sizes, and what a load produces for the verifier (a scalar, or
 * PTR_TO_PACKET / PTR_TO_PACKET_END / PTR_TO_PACKET_META / PTR_TO_SOCK_COMMON_OR_NULL).
 *
 * The kernel's `*_is_valid_access` callbacks decide this per type; the facts they encode are, for
 * the struct-based contexts:
 *   - an access must be aligned to its size and lie inside one field (arrays like cb[5] count as
 *     one field), else "invalid bpf_context access off=N size=M";
 *   - each field lists the sizes it may be read with (narrower loads of a __u32 field are allowed
 *     for most scalar fields, never for the packet pointers) and written with;
 *   - stores of any kind need a writable field; BPF_ATOMIC into ctx is refused separately.
 * For the classic tracepoint the context is the raw trace record: any aligned read at offsets
 * [8, PERF_MAX_TRACE_SIZE) and — a quirk of the kernel's signed/unsigned comparison — at negative
 * offsets. fentry/fexit/lsm read 8-byte argument slots typed by the traced function's BTF.
 *
 * Does: answer "may type T access (off, size) this way, and what does a load give".
 * Does not: track the loaded value further (the verifier does), or model BTF argument typing.
 *
 * Provenance: the running 6.18 kernel's answers for every aligned offset and size, recorded by
 * src/kernel/testdata/probe_ctx.py (ctx-probe-6.18.txt, checked by access.test.ts); tracing/lsm
 * from public docs (not loadable on the recording machine).
 */
import type { ProgTypeName } from './ids.ts';
import { MAX_BPF_FUNC_ARGS, PERF_EVENT_DATA, PERF_MAX_TRACE_SIZE, PT_REGS_X86_64, SK_BUFF, XDP_MD, type CtxStruct, type CtxField } from './ctx.ts';

/** What loading a context field puts in the destination register (kernel reg-type names). */
export type CtxValue =
  | 'SCALAR_VALUE'
  | 'PTR_TO_PACKET'
  | 'PTR_TO_PACKET_END'
  | 'PTR_TO_PACKET_META'
  | 'PTR_TO_SOCK_COMMON_OR_NULL'
  /** fentry/fexit/lsm: scalar or PTR_TO_BTF_ID according to the traced function's BTF. */
  | 'BTF_ARG';

export type AccessSize = 1 | 2 | 4 | 8;

export interface FieldRule {
  /** Sizes the field may be loaded with (empty: not readable). */
  readonly read: readonly AccessSize[];
  /** Sizes the field may be stored with (empty: read-only). */
  readonly write: readonly AccessSize[];
  readonly produces: CtxValue;
  /** Readable only when the program is loaded with this expected_attach_type. */
  readonly attachType?: string;
}

export interface CtxRules {
  /** The C struct the program's context pointer points to, when there is one. */
  readonly struct: CtxStruct | undefined;
  /** C type of the context argument, as a program declares it. */
  readonly ctype: string;
  /** Bytes of context: accesses reaching at or past this are invalid. */
  readonly size: number;
  /** Rules per struct field name; fields not listed are not accessible at all. */
  readonly fields: Readonly<Record<string, FieldRule>>;
  /** Context without fields: any aligned read of these sizes in [from, to) (tracepoint, raw_tp, fentry). */
  readonly region?: { readonly from: number; readonly to: number; readonly read: readonly AccessSize[]; readonly produces: CtxValue };
  /** The tracepoint quirk: negative offsets pass the range check. */
  readonly negativeOffsetsPass?: boolean;
}

const NARROW: readonly AccessSize[] = [1, 2, 4];
const ANY_SIZE: readonly AccessSize[] = [1, 2, 4, 8];
const W4: readonly AccessSize[] = [4];
const W8: readonly AccessSize[] = [8];
const NONE: readonly AccessSize[] = [];

const r = (read: readonly AccessSize[], write: readonly AccessSize[] = NONE, produces: CtxValue = 'SCALAR_VALUE'): FieldRule => ({ read, write, produces });
const all = (names: string, rule: FieldRule): Record<string, FieldRule> =>
  Object.fromEntries(names.trim().split(/\s+/).map((n) => [n, rule]));

/** __sk_buff fields every skb program may read with narrow loads. */
const SKB_COMMON = 'len pkt_type mark queue_mapping protocol vlan_present vlan_tci vlan_proto priority ingress_ifindex ifindex tc_index hash napi_id gso_segs gso_size';

const SOCKET_FILTER: CtxRules = {
  struct: SK_BUFF, ctype: 'struct __sk_buff *', size: SK_BUFF.size,
  fields: {
    ...all(SKB_COMMON, r(NARROW)),
    cb: r(ANY_SIZE, ANY_SIZE),
    sk: r(W8, NONE, 'PTR_TO_SOCK_COMMON_OR_NULL'),
  },
};

const TC: CtxRules = {
  struct: SK_BUFF, ctype: 'struct __sk_buff *', size: SK_BUFF.size,
  fields: {
    ...all(SKB_COMMON, r(NARROW)),
    ...all('mark queue_mapping priority tc_index', r(NARROW, W4)),
    cb: r(ANY_SIZE, ANY_SIZE),
    tc_classid: r(NARROW, W4),
    wire_len: r(NARROW),
    data: r(W4, NONE, 'PTR_TO_PACKET'),
    data_end: r(W4, NONE, 'PTR_TO_PACKET_END'),
    data_meta: r(W4, NONE, 'PTR_TO_PACKET_META'),
    tstamp: r(W8, W8),
    sk: r(W8, NONE, 'PTR_TO_SOCK_COMMON_OR_NULL'),
    tstamp_type: r([1]),
    hwtstamp: r(W8),
  },
};

const CGROUP_SKB: CtxRules = {
  struct: SK_BUFF, ctype: 'struct __sk_buff *', size: SK_BUFF.size,
  fields: {
    ...all(SKB_COMMON, r(NARROW)),
    ...all('mark priority', r(NARROW, W4)),
    cb: r(ANY_SIZE, ANY_SIZE),
    ...all('family remote_port local_port', r(NARROW)),
    ...all('remote_ip4 local_ip4 remote_ip6 local_ip6', r(W4)),
    data: r(W4, NONE, 'PTR_TO_PACKET'),
    data_end: r(W4, NONE, 'PTR_TO_PACKET_END'),
    tstamp: r(W8, W8),
    sk: r(W8, NONE, 'PTR_TO_SOCK_COMMON_OR_NULL'),
    hwtstamp: r(W8),
  },
};

const XDP: CtxRules = {
  struct: XDP_MD, ctype: 'struct xdp_md *', size: XDP_MD.size,
  fields: {
    data: r(W4, NONE, 'PTR_TO_PACKET'),
    data_end: r(W4, NONE, 'PTR_TO_PACKET_END'),
    data_meta: r(W4, NONE, 'PTR_TO_PACKET_META'),
    ingress_ifindex: r(W4),
    rx_queue_index: r(W4),
    egress_ifindex: { ...r(W4), attachType: 'BPF_XDP_DEVMAP' },
  },
};

const KPROBE: CtxRules = {
  struct: PT_REGS_X86_64, ctype: 'struct pt_regs *', size: PT_REGS_X86_64.size,
  fields: Object.fromEntries(PT_REGS_X86_64.fields.map((fl) => [fl.name, r(ANY_SIZE)])),
};

const PERF_EVENT: CtxRules = {
  struct: PERF_EVENT_DATA, ctype: 'struct bpf_perf_event_data *', size: PERF_EVENT_DATA.size,
  fields: {
    ...Object.fromEntries(PERF_EVENT_DATA.fields.filter((fl) => fl.name.startsWith('regs.')).map((fl) => [fl.name, r(W8)])),
    sample_period: r(ANY_SIZE),
    addr: r(ANY_SIZE),
  },
};

const RAW_TP: CtxRules = {
  struct: undefined, ctype: 'struct bpf_raw_tracepoint_args *', size: 8 * MAX_BPF_FUNC_ARGS, fields: {},
  region: { from: 0, to: 8 * MAX_BPF_FUNC_ARGS, read: ANY_SIZE, produces: 'SCALAR_VALUE' },
};

const TRACEPOINT: CtxRules = {
  struct: undefined, ctype: 'void *', size: PERF_MAX_TRACE_SIZE, fields: {},
  region: { from: 8, to: PERF_MAX_TRACE_SIZE, read: ANY_SIZE, produces: 'SCALAR_VALUE' },
  negativeOffsetsPass: true,
};

const TRACING: CtxRules = {
  struct: undefined, ctype: '__u64 *', size: 8 * MAX_BPF_FUNC_ARGS, fields: {},
  region: { from: 0, to: 8 * MAX_BPF_FUNC_ARGS, read: W8, produces: 'BTF_ARG' },
};

/** Context rules of every modelled program type. */
export const CTX_RULES: Readonly<Record<ProgTypeName, CtxRules>> = {
  socket_filter: SOCKET_FILTER,
  sched_cls: TC,
  sched_act: TC,
  cgroup_skb: CGROUP_SKB,
  xdp: XDP,
  kprobe: KPROBE,
  perf_event: PERF_EVENT,
  raw_tracepoint: RAW_TP,
  tracepoint: TRACEPOINT,
  tracing: TRACING,
  lsm: TRACING,
};

export type CtxAccessResult =
  | { readonly ok: true; readonly produces: CtxValue; readonly field: string | undefined }
  | { readonly ok: false; readonly message: string };

export interface CtxAccessOptions {
  /** The program's expected_attach_type (kernel spelling, e.g. 'BPF_XDP_DEVMAP'). */
  readonly expectedAttachType?: string;
}

function fieldSpan(fl: CtxField): [number, number] {
  return [fl.off, fl.off + fl.size * fl.count];
}

/**
 * May a *type* program load (`read`) or store (`write`) *size* bytes at context offset *off*?
 * On refusal, the kernel's message ("invalid bpf_context access off=N size=M"). Never throws.
 */
export function checkCtxAccess(
  type: ProgTypeName, off: number, size: number, access: 'read' | 'write', opts: CtxAccessOptions = {},
): CtxAccessResult {
  const bad: CtxAccessResult = { ok: false, message: `invalid bpf_context access off=${off} size=${size}` };
  const rules = CTX_RULES[type];
  if (rules === undefined || ![1, 2, 4, 8].includes(size) || !Number.isInteger(off)) return bad;
  const sz = size as AccessSize;
  if (rules.region !== undefined) {
    const { from, to, read, produces } = rules.region;
    if (access !== 'read' || !read.includes(sz) || off % size !== 0) return bad;
    const inRange = (off >= from && off + size <= to) || (rules.negativeOffsetsPass === true && off < 0);
    return inRange ? { ok: true, produces, field: undefined } : bad;
  }
  if (off < 0 || off + size > rules.size || off % size !== 0 || rules.struct === undefined) return bad;
  for (const fl of rules.struct.fields) {
    const [lo, hi] = fieldSpan(fl);
    if (off < lo || off + size > hi) continue;
    const rule = rules.fields[fl.name];
    if (rule === undefined) return bad;
    if (rule.attachType !== undefined && rule.attachType !== opts.expectedAttachType) return bad;
    const sizes = access === 'read' ? rule.read : rule.write;
    if (!sizes.includes(sz)) return bad;
    return { ok: true, produces: rule.produces, field: fl.name };
  }
  return bad;
}

/** Fields of *type*'s context a program may write (tc: mark, queue_mapping, priority, tc_index, cb, tc_classid, tstamp). */
export function writableFields(type: ProgTypeName): readonly string[] {
  return Object.entries(CTX_RULES[type].fields).filter(([, rl]) => rl.write.length > 0).map(([n]) => n);
}
