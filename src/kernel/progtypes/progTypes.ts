/**
 * Program types as records: UAPI number, the `SEC()` names libbpf maps to the type, what the
 * return value means (XDP_* / TC_ACT_* ...), the exit range the verifier enforces where it enforces
 * one, the context (access.ts) and the helpers the type may call (helpers/availability.ts).
 *
 * Does: describe the eleven program types the playground runs, and resolve a section name or a
 * command-line `--type` to a program type plus expected_attach_type.
 * Does not: check programs (the verifier does), or cover program types the playground does not
 * run (they only have numbers, in ids.ts).
 *
 * Provenance: UAPI enums (bpf_prog_type, bpf_attach_type, xdp_action, TC_ACT_* in pkt_cls.h);
 * libbpf's documented section names (libbpf docs "Program types and ELF sections"); enforced exit
 * ranges as the running 6.18 kernel showed them (testdata/retcode-probe-6.18.txt) and, for
 * fentry/fexit and lsm, from the kernel documentation.
 */
import { progTypeId, type ProgTypeName } from './ids.ts';
import { CTX_RULES, type CtxRules } from './access.ts';
import { helpersForProgType } from '../helpers/availability.ts';

export interface ReturnCode {
  readonly name: string;
  readonly value: number;
  readonly meaning: string;
}

/** A section-name pattern: exact (`xdp`), or a prefix that takes `/target` (`kprobe/`). */
export interface SecDef {
  /** `xdp`, `kprobe/` (trailing slash: prefix followed by an attach target), ... */
  readonly sec: string;
  /** expected_attach_type the loader sets (kernel spelling), when any. */
  readonly attachType?: string;
  /** What the program attaches as, for the simulator: 'kretprobe', 'uprobe', 'fexit', 'ingress'... */
  readonly flavour?: string;
  /** Sleepable variant (`.s`). */
  readonly sleepable?: boolean;
}

export interface ProgTypeInfo {
  readonly name: ProgTypeName;
  /** `BPF_PROG_TYPE_*` number. */
  readonly id: number;
  readonly kernelName: string;
  readonly secDefs: readonly SecDef[];
  readonly returnCodes: readonly ReturnCode[];
  /** One sentence: what the return value does. */
  readonly returnMeaning: string;
  /** [min, max] the verifier enforces on r0 at exit, by expected_attach_type ('' = default); absent: none. */
  readonly retRange?: Readonly<Record<string, readonly [number, number]>>;
  readonly ctx: CtxRules;
  /** Helper ids the type may call (privileged loader). */
  readonly helpers: readonly number[];
}

/** MAX_ERRNO: LSM hooks return 0 or -errno down to -MAX_ERRNO. */
export const MAX_ERRNO = 4095;

const XDP_CODES: readonly ReturnCode[] = [
  { name: 'XDP_ABORTED', value: 0, meaning: 'drop and raise the xdp_exception tracepoint (a program error)' },
  { name: 'XDP_DROP', value: 1, meaning: 'drop the packet' },
  { name: 'XDP_PASS', value: 2, meaning: 'let the packet continue into the network stack' },
  { name: 'XDP_TX', value: 3, meaning: 'send the packet back out of the interface it came in on' },
  { name: 'XDP_REDIRECT', value: 4, meaning: 'send the packet where bpf_redirect()/bpf_redirect_map() said' },
];

const TC_CODES: readonly ReturnCode[] = [
  { name: 'TC_ACT_UNSPEC', value: -1, meaning: 'use the default action of the qdisc/classifier' },
  { name: 'TC_ACT_OK', value: 0, meaning: 'let the packet through' },
  { name: 'TC_ACT_RECLASSIFY', value: 1, meaning: 'restart classification from the start' },
  { name: 'TC_ACT_SHOT', value: 2, meaning: 'drop the packet' },
  { name: 'TC_ACT_PIPE', value: 3, meaning: 'go on to the next action' },
  { name: 'TC_ACT_STOLEN', value: 4, meaning: 'consumed by the program; no further processing' },
  { name: 'TC_ACT_QUEUED', value: 5, meaning: 'queued for later (treated like stolen)' },
  { name: 'TC_ACT_REPEAT', value: 6, meaning: 'run the same action again' },
  { name: 'TC_ACT_REDIRECT', value: 7, meaning: 'send the packet where bpf_redirect() said' },
  { name: 'TC_ACT_TRAP', value: 8, meaning: 'hand the packet to the CPU (hardware offload)' },
];

const CG_SKB_CODES: readonly ReturnCode[] = [
  { name: 'SK_DROP', value: 0, meaning: 'drop the packet (the syscall sees -EPERM on egress)' },
  { name: 'SK_PASS', value: 1, meaning: 'let the packet through' },
];

const PROBE_SECS: readonly SecDef[] = [
  { sec: 'kprobe/', flavour: 'kprobe' }, { sec: 'kretprobe/', flavour: 'kretprobe' },
  { sec: 'uprobe/', flavour: 'uprobe' }, { sec: 'uretprobe/', flavour: 'uretprobe' },
  { sec: 'uprobe.s/', flavour: 'uprobe', sleepable: true }, { sec: 'uretprobe.s/', flavour: 'uretprobe', sleepable: true },
  { sec: 'ksyscall/', flavour: 'ksyscall' }, { sec: 'kretsyscall/', flavour: 'kretsyscall' },
  { sec: 'kprobe.multi/', flavour: 'kprobe.multi', attachType: 'BPF_TRACE_KPROBE_MULTI' },
  { sec: 'kretprobe.multi/', flavour: 'kretprobe.multi', attachType: 'BPF_TRACE_KPROBE_MULTI' },
  { sec: 'usdt/', flavour: 'usdt' },
  { sec: 'kprobe', flavour: 'kprobe' }, { sec: 'kretprobe', flavour: 'kretprobe' },
  { sec: 'uprobe', flavour: 'uprobe' }, { sec: 'uretprobe', flavour: 'uretprobe' },
];

function info(name: ProgTypeName, rest: Omit<ProgTypeInfo, 'name' | 'id' | 'kernelName' | 'ctx' | 'helpers'>): ProgTypeInfo {
  return {
    name,
    id: progTypeId(name)!,
    kernelName: `BPF_PROG_TYPE_${name.toUpperCase()}`,
    ctx: CTX_RULES[name],
    helpers: helpersForProgType(name),
    ...rest,
  };
}

/** The modelled program types. */
export const PROG_TYPE_INFO: Readonly<Record<ProgTypeName, ProgTypeInfo>> = {
  socket_filter: info('socket_filter', {
    secDefs: [{ sec: 'socket' }],
    returnCodes: [{ name: 'drop', value: 0, meaning: 'drop the packet' }],
    returnMeaning: 'The number of bytes of the packet to keep (0 drops it; more than its length keeps it whole).',
  }),
  kprobe: info('kprobe', {
    secDefs: PROBE_SECS,
    returnCodes: [],
    returnMeaning: 'Ignored (return 0).',
  }),
  sched_cls: info('sched_cls', {
    secDefs: [
      { sec: 'tc' }, { sec: 'classifier' },
      { sec: 'tc/ingress', attachType: 'BPF_TCX_INGRESS', flavour: 'ingress' },
      { sec: 'tc/egress', attachType: 'BPF_TCX_EGRESS', flavour: 'egress' },
      { sec: 'tcx/ingress', attachType: 'BPF_TCX_INGRESS', flavour: 'ingress' },
      { sec: 'tcx/egress', attachType: 'BPF_TCX_EGRESS', flavour: 'egress' },
    ],
    returnCodes: TC_CODES,
    returnMeaning: 'A TC_ACT_* verdict for the packet.',
  }),
  sched_act: info('sched_act', {
    secDefs: [{ sec: 'action' }],
    returnCodes: TC_CODES,
    returnMeaning: 'A TC_ACT_* verdict for the packet.',
  }),
  tracepoint: info('tracepoint', {
    secDefs: [{ sec: 'tracepoint/' }, { sec: 'tp/' }, { sec: 'tracepoint' }, { sec: 'tp' }],
    returnCodes: [],
    returnMeaning: 'Ignored (return 0).',
  }),
  xdp: info('xdp', {
    secDefs: [
      { sec: 'xdp', attachType: 'BPF_XDP' }, { sec: 'xdp.frags', attachType: 'BPF_XDP', flavour: 'frags' },
      { sec: 'xdp/devmap', attachType: 'BPF_XDP_DEVMAP', flavour: 'devmap' },
      { sec: 'xdp/cpumap', attachType: 'BPF_XDP_CPUMAP', flavour: 'cpumap' },
      { sec: 'xdp.frags/devmap', attachType: 'BPF_XDP_DEVMAP', flavour: 'devmap' },
      { sec: 'xdp.frags/cpumap', attachType: 'BPF_XDP_CPUMAP', flavour: 'cpumap' },
    ],
    returnCodes: XDP_CODES,
    returnMeaning: 'An XDP_* action; an unknown value is handled like XDP_ABORTED (dropped, with a one-time kernel warning).',
  }),
  perf_event: info('perf_event', {
    secDefs: [{ sec: 'perf_event' }],
    returnCodes: [],
    returnMeaning: 'Ignored (return 0).',
  }),
  cgroup_skb: info('cgroup_skb', {
    secDefs: [
      { sec: 'cgroup_skb/ingress', attachType: 'BPF_CGROUP_INET_INGRESS', flavour: 'ingress' },
      { sec: 'cgroup_skb/egress', attachType: 'BPF_CGROUP_INET_EGRESS', flavour: 'egress' },
      { sec: 'cgroup/skb' },
    ],
    returnCodes: CG_SKB_CODES,
    returnMeaning: '1 lets the packet through, 0 drops it; on egress bit 1 also asks for congestion notification (values 2, 3).',
    retRange: { BPF_CGROUP_INET_INGRESS: [0, 1], BPF_CGROUP_INET_EGRESS: [0, 3], '': [0, 1] },
  }),
  raw_tracepoint: info('raw_tracepoint', {
    secDefs: [{ sec: 'raw_tracepoint/' }, { sec: 'raw_tp/' }, { sec: 'raw_tracepoint' }, { sec: 'raw_tp' }],
    returnCodes: [],
    returnMeaning: 'Ignored (return 0).',
  }),
  tracing: info('tracing', {
    secDefs: [
      { sec: 'fentry/', attachType: 'BPF_TRACE_FENTRY', flavour: 'fentry' },
      { sec: 'fexit/', attachType: 'BPF_TRACE_FEXIT', flavour: 'fexit' },
      { sec: 'fmod_ret/', attachType: 'BPF_MODIFY_RETURN', flavour: 'fmod_ret' },
      { sec: 'fentry.s/', attachType: 'BPF_TRACE_FENTRY', flavour: 'fentry', sleepable: true },
      { sec: 'fexit.s/', attachType: 'BPF_TRACE_FEXIT', flavour: 'fexit', sleepable: true },
      { sec: 'tp_btf/', attachType: 'BPF_TRACE_RAW_TP', flavour: 'tp_btf' },
      { sec: 'iter/', attachType: 'BPF_TRACE_ITER', flavour: 'iter' },
    ],
    returnCodes: [],
    returnMeaning: 'fentry/fexit must return 0; fmod_ret returns the value the traced function should appear to return.',
    retRange: { BPF_TRACE_FENTRY: [0, 0], BPF_TRACE_FEXIT: [0, 0], BPF_TRACE_ITER: [0, 1] },
  }),
  lsm: info('lsm', {
    secDefs: [
      { sec: 'lsm/', attachType: 'BPF_LSM_MAC', flavour: 'lsm' },
      { sec: 'lsm.s/', attachType: 'BPF_LSM_MAC', flavour: 'lsm', sleepable: true },
      { sec: 'lsm_cgroup/', attachType: 'BPF_LSM_CGROUP', flavour: 'lsm_cgroup' },
    ],
    returnCodes: [{ name: 'allow', value: 0, meaning: 'allow the operation' }, { name: '-EPERM', value: -1, meaning: 'deny it (any -errno)' }],
    returnMeaning: 'For int-returning hooks, 0 allows and a negative errno denies; void hooks ignore it.',
    retRange: { BPF_LSM_MAC: [-MAX_ERRNO, 0], BPF_LSM_CGROUP: [0, 1] },
  }),
};

/** The r0 range enforced at exit for a program of *type* loaded with *attachType*; undefined when none. */
export function exitRange(type: ProgTypeName, attachType = ''): readonly [number, number] | undefined {
  const r = PROG_TYPE_INFO[type].retRange;
  return r === undefined ? undefined : (r[attachType] ?? r['']);
}

/** The name of return value *v* for *type* ('XDP_PASS'); undefined when it has none. */
export function returnCodeName(type: ProgTypeName, v: number): string | undefined {
  return PROG_TYPE_INFO[type].returnCodes.find((c) => c.value === v)?.name;
}

export interface SectionMatch {
  readonly type: ProgTypeName;
  readonly def: SecDef;
  /** What follows the prefix (`do_sys_open` in `kprobe/do_sys_open`); '' for exact names. */
  readonly target: string;
}

/**
 * The program type libbpf gives a section name: an exact name (`xdp`, `tc`, `socket`) or a prefix
 * followed by a target (`kprobe/do_sys_open`, `tp/syscalls/sys_enter_openat`). The longest
 * matching definition wins. Undefined when libbpf would not recognise the name for these types.
 */
export function progTypeForSection(sec: string): SectionMatch | undefined {
  let best: SectionMatch | undefined;
  for (const t of Object.values(PROG_TYPE_INFO)) {
    for (const d of t.secDefs) {
      const prefix = d.sec.endsWith('/');
      const hit = prefix ? sec.startsWith(d.sec) && sec.length > d.sec.length : sec === d.sec;
      if (hit && (best === undefined || d.sec.length > best.def.sec.length)) {
        best = { type: t.name, def: d, target: prefix ? sec.slice(d.sec.length) : '' };
      }
    }
  }
  return best;
}

/** The command line's `--type` names (DESIGN.md) -> program type and attach flavour. */
const CLI_TYPES: Readonly<Record<string, { type: ProgTypeName; attachType?: string; flavour?: string }>> = {
  xdp: { type: 'xdp' }, tc: { type: 'sched_cls' }, sched_cls: { type: 'sched_cls' }, sched_act: { type: 'sched_act' },
  socket: { type: 'socket_filter' }, socket_filter: { type: 'socket_filter' },
  kprobe: { type: 'kprobe', flavour: 'kprobe' }, kretprobe: { type: 'kprobe', flavour: 'kretprobe' },
  uprobe: { type: 'kprobe', flavour: 'uprobe' }, tracepoint: { type: 'tracepoint' }, raw_tracepoint: { type: 'raw_tracepoint' },
  perf_event: { type: 'perf_event' }, cgroup_skb: { type: 'cgroup_skb', attachType: 'BPF_CGROUP_INET_INGRESS', flavour: 'ingress' },
  fentry: { type: 'tracing', attachType: 'BPF_TRACE_FENTRY', flavour: 'fentry' },
  fexit: { type: 'tracing', attachType: 'BPF_TRACE_FEXIT', flavour: 'fexit' },
  lsm: { type: 'lsm', attachType: 'BPF_LSM_MAC', flavour: 'lsm' },
};

/** Resolve a `--type` value; undefined when unknown (the caller reports a bad option). */
export function progTypeForCli(name: string): { type: ProgTypeName; attachType?: string; flavour?: string } | undefined {
  return Object.hasOwn(CLI_TYPES, name) ? CLI_TYPES[name] : undefined;
}

/** The `--type` names accepted, for error messages and completion. */
export const CLI_TYPE_NAMES: readonly string[] = Object.keys(CLI_TYPES);
