/**
 * Helper prototypes: one record per UAPI helper (ids 1..211, Linux 6.18), the single source the
 * verifier (argument and return checks), the VM (dispatch by id), the compiler's bundled header and
 * Monaco hover/completion all read (STYLE §3.7).
 *
 * A record joins: the kernel name (names.ts), the return kind and five argument kinds with the
 * kernel's spellings, flags (gpl_only, acquires / releases a reference, might_sleep, changes packet
 * data), the C prototype as libbpf's bpf_helper_defs.h declares it (cprotos.ts), a description in
 * our own words, and the program types that may call it (availability.ts).
 *
 * Does not: implement helpers (a later `impl` field), or model the unprivileged subset.
 *
 * Provenance: see the table files (protosCore/Trace/Net/Sock.ts); all facts come from UAPI
 * numbering, public docs and the running 6.18 kernel's verifier, never from GPL source.
 */
import { helperName, BPF_FUNC_MAX_ID } from './names.ts';
import { argKind, retKind, type ArgKind, type RetKind } from './kinds.ts';
import { C_PROTOS } from './cprotos.ts';
import { progTypeMayCall, progTypesForHelper } from './availability.ts';
import type { HelperDef } from './record.ts';
import type { ProgTypeName } from '../progtypes/ids.ts';
import { CORE_HELPERS } from './protosCore.ts';
import { TRACE_HELPERS } from './protosTrace.ts';
import { NET_HELPERS } from './protosNet.ts';
import { SOCK_HELPERS } from './protosSock.ts';

/** The five argument kinds of a helper call (R1..R5); unused ones are ARG_DONTCARE. */
export type ArgKinds = readonly [ArgKind, ArgKind, ArgKind, ArgKind, ArgKind];

export interface HelperProto {
  /** UAPI helper id (`imm` of `call`). */
  readonly id: number;
  /** Kernel name with the `bpf_` prefix, as the verifier log prints it. */
  readonly name: string;
  readonly ret: RetKind;
  readonly args: ArgKinds;
  /** Number of arguments used (args past it are ARG_DONTCARE). */
  readonly argCount: number;
  /** gpl_only: refused ("cannot call GPL-restricted function...") to non-GPL programs. */
  readonly gplOnly: boolean;
  /** Program types whose variant is not gpl_only although `gplOnly` is set. */
  readonly notGplIn: readonly ProgTypeName[];
  /** The returned pointer holds a reference that must be released. */
  readonly acquires: boolean;
  /** 1-based argument carrying OBJ_RELEASE, if any. */
  readonly releasesArg: number | undefined;
  /** might_sleep: only sleepable programs may call it. */
  readonly mightSleep: boolean;
  /** Packet pointers are invalidated by the call (bpf_helper_changes_pkt_data). */
  readonly changesPktData: boolean;
  /** pkt_access: packet pointers are accepted as its memory arguments (for packet program types). */
  readonly pktAccess: boolean;
  /** BTF type of a returned PTR_TO_BTF_ID, when fixed. */
  readonly retBtf: string | undefined;
  /** 1-based argument whose constant value sizes the returned memory (ringbuf_reserve: 2). */
  readonly retSizeArg: number | undefined;
  /** Return-range narrowing the verifier applies: 'size' [-4095, buffer size], 'cpu' [0, nr_cpus-1]. */
  readonly retRefine: 'size' | 'cpu' | undefined;
  /** Fixed sizes of MEM_FIXED_SIZE arguments, by 1-based argument number. */
  readonly argSizes: Readonly<Record<number, number>>;
  /** C prototype as libbpf declares it, e.g. 'void *bpf_map_lookup_elem(void *map, const void *key)'. */
  readonly cProto: string;
  /** One paragraph in our own words, for hover docs. */
  readonly doc: string;
  /** Modelled program types that may call it (privileged loader). */
  readonly progTypes: readonly ProgTypeName[];
  /** Program types that get a different variant (see helperProtoFor). */
  readonly variantTypes: readonly ProgTypeName[];
}

const DONTCARE = argKind('ARG_DONTCARE');

/**
 * Helpers whose kernel prototype sets pkt_access: map lookup/update/delete, csum_diff, the
 * socket lookups (sk_lookup_tcp/udp, skc_lookup_tcp) and the syncookie helpers (ids from the
 * public helper protos; the verifier's corpus goldens exercise them).
 */
const PKT_ACCESS: ReadonlySet<number> = new Set([1, 2, 3, 28, 84, 85, 99, 100, 110]);

function fiveArgs(args: readonly string[], id: number): ArgKinds {
  if (args.length > 5) throw new Error(`internal: helper ${id} has more than five arguments`);
  const a = args.map(argKind);
  while (a.length < 5) a.push(DONTCARE);
  return a as unknown as ArgKinds;
}

function build(d: HelperDef): HelperProto {
  const name = helperName(d.id);
  if (name === undefined) throw new Error(`internal: helper id ${d.id} is not in names.ts`);
  const o = d.opts;
  return {
    id: d.id,
    name,
    ret: retKind(d.ret),
    args: fiveArgs(d.args, d.id),
    argCount: d.args.length,
    gplOnly: o.gpl ?? false,
    notGplIn: o.notGplIn ?? [],
    acquires: o.acquire ?? false,
    releasesArg: o.release,
    mightSleep: o.sleep ?? false,
    changesPktData: o.pkt ?? false,
    pktAccess: PKT_ACCESS.has(d.id),
    retBtf: o.retBtf,
    retSizeArg: o.retSize,
    retRefine: o.refine,
    argSizes: o.sizes ?? {},
    cProto: C_PROTOS[d.id] ?? `${name}(...)`,
    doc: d.doc,
    progTypes: progTypesForHelper(d.id),
    variantTypes: Object.keys(o.perType ?? {}) as ProgTypeName[],
  };
}

const DEFS: readonly HelperDef[] = [...CORE_HELPERS, ...TRACE_HELPERS, ...NET_HELPERS, ...SOCK_HELPERS];
const DEF_BY_ID: ReadonlyMap<number, HelperDef> = new Map(DEFS.map((d) => [d.id, d]));

/** Every helper record, ascending by id (1..BPF_FUNC_MAX_ID-1). */
export const HELPER_PROTOS: readonly HelperProto[] = DEFS.map(build).sort((a, b) => a.id - b.id);

const BY_ID: ReadonlyMap<number, HelperProto> = new Map(HELPER_PROTOS.map((p) => [p.id, p]));
const BY_NAME: ReadonlyMap<string, HelperProto> = new Map(HELPER_PROTOS.map((p) => [p.name, p]));

/** The record for helper *id*; undefined for 0 (unspec), unknown ids and ids >= BPF_FUNC_MAX_ID. */
export function helperProto(id: number): HelperProto | undefined {
  if (!Number.isInteger(id) || id <= 0 || id >= BPF_FUNC_MAX_ID) return undefined;
  return BY_ID.get(id);
}

/** The record for a helper named with or without the `bpf_` prefix. */
export function helperProtoByName(name: string): HelperProto | undefined {
  return BY_NAME.get(name.startsWith('bpf_') ? name : `bpf_${name}`);
}

/**
 * The prototype the verifier uses for helper *id* in a program of *type*: undefined when that type
 * may not call it (the kernel's "program of this type cannot use helper"), else the record with
 * the type's variant applied (e.g. bpf_get_cgroup_classid takes the skb in tc) and gplOnly
 * resolved for that type.
 */
export function helperProtoFor(id: number, type: ProgTypeName): HelperProto | undefined {
  const p = helperProto(id);
  if (p === undefined || !progTypeMayCall(type, id)) return undefined;
  const v = DEF_BY_ID.get(id)?.opts.perType?.[type];
  const gplOnly = p.gplOnly && !p.notGplIn.includes(type);
  if (v === undefined && gplOnly === p.gplOnly) return p;
  const args = v?.args ?? null;
  return {
    ...p,
    gplOnly,
    ret: v?.ret !== undefined ? retKind(v.ret) : p.ret,
    args: args !== null ? fiveArgs(args, id) : p.args,
    argCount: args !== null ? args.length : p.argCount,
  };
}
