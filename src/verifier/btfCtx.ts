/**
 * BTF-typed tracing contexts (Linux 6.18): BPF_PROG_TYPE_TRACING (fentry, fexit, fmod_ret, tp_btf)
 * and BPF_PROG_TYPE_LSM programs get `ctx` as an array of u64 arguments, typed by the BTF
 * prototype of their attach target — the traced kernel function, `bpf_lsm_<hook>`, or the
 * `btf_trace_<tracepoint>` typedef without its leading `void *__data`. A context load gives an
 * argument with its BTF type (tracing_prog_is_valid_access + btf_ctx_access): a scalar for
 * ints, enums and structs passed by value and pointers to non-structs; PTR_TO_BTF_ID
 * (`ptr_file()`, `trusted_ptr_file()` when the program type trusts its arguments: tp_btf, iter,
 * LSM) for struct pointers, logged as "func '%s' arg%d has btf_id %d type STRUCT '%s'"; the
 * return value at `ctx + 8 * nargs` for fexit, fmod_ret and LSM (an LSM int hook's with the range
 * [-MAX_ERRNO, 0]).
 *
 * Also: which loads the kernel turns into BPF_PROBE_MEM (convert_ctx_accesses: loads through
 * PTR_TO_BTF_ID without flags or with PTR_UNTRUSTED, and through rdonly_untrusted_mem) — recorded
 * per instruction for the loader and the VM (`VerifyResult.probeMem`), and the loads through
 * trusted/RCU BTF pointers, which the kernel leaves plain (`VerifyResult.kernelLoads`).
 *
 * Does not: BTF of targets outside btfCtxData.ts (refused with a "not modelled" message), BPF
 * iterators' contexts, freplace (tgt_prog), struct arguments wider than 8 bytes, module BTF,
 * `__nullable` suffixes beyond the name test, raw_tp_null_args (none of the modelled
 * tracepoints is in that list).
 * Provenance: rules and message texts as the 6.18 kernel's btf_ctx_access prints them (public
 * source, facts only); prototypes from this machine's vmlinux BTF (testdata-btfctx/). Own code.
 */
import { VMLINUX_BTF_CTX } from './btfCtxData.ts';
import { type BtfType, skipMods } from './btf.ts';
import { scalarUnknown, scalarWithBounds } from './domains/scalar.ts';
import { type Env, fail, newId } from './env.ts';
import { BTF_RCU, BTF_TRUSTED, BTF_UNTRUSTED, type Reg, ptrReg, scalarReg } from './types.ts';

/** MAX_BPF_FUNC_ARGS: the tracing context's u64 slots. */
const MAX_BPF_FUNC_ARGS = 12;
/** LSM hooks whose pointer arguments are not trusted (untrusted_lsm_hooks of 6.18). */
const UNTRUSTED_LSM = new Set(['bpf_lsm_sk_alloc_security', 'bpf_lsm_sk_free_security']);

interface FuncProto {
  ret: number;
  /** name, BTF type id */
  p: [string, number][];
}

let funcs: Record<string, FuncProto> | undefined;
function protos(): Record<string, FuncProto> {
  if (!funcs) funcs = (JSON.parse(VMLINUX_BTF_CTX) as { funcs: Record<string, FuncProto> }).funcs;
  return funcs;
}

/** The attach target as the verifier knows it: its name in messages, and its prototype. */
export interface AttachTarget {
  /** prog->aux->attach_func_name: `vfs_read`, `bpf_lsm_file_open`, `sched_switch`. */
  tname: string;
  proto: FuncProto;
}

/** The attach targets with a known prototype, by SEC() kind (for messages and the UI). */
export function knownAttachTargets(): { functions: string[]; lsm: string[]; tracepoints: string[] } {
  const k = Object.keys(protos());
  return {
    functions: k.filter((n) => !n.startsWith('bpf_lsm_') && !n.startsWith('btf_trace_')),
    lsm: k.filter((n) => n.startsWith('bpf_lsm_')).map((n) => n.slice('bpf_lsm_'.length)),
    tracepoints: k.filter((n) => n.startsWith('btf_trace_')).map((n) => n.slice('btf_trace_'.length)),
  };
}

/** Resolve what SEC("fentry/X"), SEC("lsm/X"), SEC("tp_btf/X") name; undefined when unknown here. */
export function attachTarget(env: Pick<Env, 'progType' | 'attachType'>, attachTo: string): AttachTarget | undefined {
  const p = protos();
  if (env.progType === 'lsm') {
    const n = `bpf_lsm_${attachTo}`;
    return p[n] ? { tname: n, proto: p[n] } : undefined;
  }
  if (env.attachType === 'BPF_TRACE_RAW_TP') {
    const n = `btf_trace_${attachTo}`;
    return p[n] ? { tname: attachTo, proto: p[n] } : undefined;
  }
  if (attachTo.startsWith('bpf_lsm_') || attachTo.startsWith('btf_trace_')) return undefined;
  return p[attachTo] ? { tname: attachTo, proto: p[attachTo] } : undefined;
}

/** btf_type_str: the kind as the kernel names it. */
function kindStr(t: BtfType | undefined): string {
  return t ? t.k.toUpperCase() : 'UNKNOWN';
}

/** Follow modifiers (typedef, const, volatile, restrict, type_tag) of type `id`. */
function resolved(id: number): [number, BtfType | undefined] {
  return id === 0 ? [0, undefined] : skipMods(id);
}

const isSmallInt = (t: BtfType | undefined): boolean => t !== undefined && t.k === 'int' && (t.sz ?? 0) <= 8;
const isEnum = (t: BtfType | undefined): boolean => t !== undefined && (t.k === 'enum' || t.k === 'enum64');
const isStruct = (t: BtfType | undefined): boolean => t !== undefined && (t.k === 'struct' || t.k === 'union');

/** prog_args_trusted */
function argsTrusted(env: Env, tname: string): boolean {
  if (env.progType === 'lsm') return !UNTRUSTED_LSM.has(tname);
  return env.attachType === 'BPF_TRACE_RAW_TP' || env.attachType === 'BPF_TRACE_ITER';
}

/**
 * A context access of a tracing or LSM program (tracing_prog_is_valid_access / btf_ctx_access):
 * the loaded register for a read with a destination, else undefined. Rejects with the kernel's
 * two lines (btf_ctx_access's reason, then "invalid bpf_context access off=%d size=%d").
 */
export function tracingCtxAccess(env: Env, off: number, size: number, access: 'read' | 'write', hasDst: boolean): Reg | undefined {
  const invalid = `invalid bpf_context access off=${off} size=${size}`;
  // tracing_prog_is_valid_access (LSM goes to btf_ctx_access directly; its writes are refused
  // here too: whether 6.18 lets an LSM program store into its context is not verified)
  if (off < 0 || access !== 'read') fail(invalid);
  if (env.progType === 'tracing' && (off >= 8 * MAX_BPF_FUNC_ARGS || off % size !== 0)) fail(invalid);
  if (env.attachType === 'BPF_TRACE_ITER') fail(`R1 context of BPF iterators (bpf_iter__*) is not modelled by this verifier`);
  const target = env.attachTo ? attachTarget(env, env.attachTo) : undefined;
  if (!target) {
    fail(env.attachTo
      ? `attach target '${env.attachTo}': its BTF prototype is not modelled by this verifier (known: ${listKnown(env)})`
      : 'the attach target (SEC("fentry/<function>") ...) is not known: typed tracing contexts are not modelled by this verifier without one');
  }
  const { tname, proto } = target;
  const bad = (why: string): never => fail(`${why}\n${invalid}`);
  if (off % 8) bad(`func '${tname}' offset ${off} is not multiple of 8`);
  const arg = ctxArgIdx(proto, off);
  const nrArgs = proto.p.length;
  if (arg > nrArgs) bad(`func '${tname}' doesn't have ${arg + 1}-th argument`);
  let tid: number;
  let isRetval = false;
  if (arg === nrArgs) {
    switch (env.attachType) {
      case 'BPF_LSM_MAC': isRetval = true; tid = proto.ret; break;
      case 'BPF_LSM_CGROUP': case 'BPF_TRACE_FEXIT': tid = proto.ret; break;
      case 'BPF_MODIFY_RETURN': {
        const [, rt] = resolved(proto.ret);
        if (!isSmallInt(rt)) bad(`ret type ${kindStr(rt)} not allowed for fmod_ret`);
        tid = proto.ret;
        break;
      }
      default: return bad(`func '${tname}' doesn't have ${arg + 1}-th argument`);
    }
  } else {
    tid = proto.p[arg][1];
  }
  const [, t] = resolved(tid);
  if (isSmallInt(t) || isEnum(t) || isStruct(t)) {
    if (!hasDst) return undefined;
    // an int LSM hook's return value: [-MAX_ERRNO, 0] (bpf_lsm_get_retval_range)
    if (isRetval && t?.k === 'int') return scalarReg(scalarWithBounds({ smin: -4095n, smax: 0n, s32_min: -4095n, s32_max: 0n }));
    return scalarReg(scalarUnknown());
  }
  if (!t || t.k !== 'ptr') bad(`func '${tname}' arg${arg} '${t?.n ?? ''}' has type ${kindStr(t)}. Only pointer access is allowed`);
  if (size !== 8) bad(`func '${tname}' size ${size} must be 8`);
  const [sid, st] = resolved(t!.t ?? 0);
  // a pointer to anything but a struct (char *, void *, int **, struct x **) is a scalar
  if (!isStruct(st)) return hasDst ? scalarReg(scalarUnknown()) : undefined;
  const name = st!.n ?? '';
  env.log.write(`func '${tname}' arg${arg} has btf_id ${sid} type ${kindStr(st)} '${name}'\n`);
  if (!hasDst) return undefined;
  const maybeNull = arg < nrArgs && proto.p[arg][0].endsWith('__nullable');
  const r = ptrReg('ptr_', { btf: { id: sid, name }, btfFlags: argsTrusted(env, tname) ? BTF_TRUSTED : 0, maybeNull });
  if (maybeNull) r.id = newId(env);
  return r;
}

/** btf_ctx_arg_idx: the argument slot `off` falls in (pointers 8 bytes, others rounded up to 8); nargs for the return value, nargs + 1 past it. */
function ctxArgIdx(proto: FuncProto, off: number): number {
  const slot = (id: number): number => {
    const [, t] = resolved(id);
    return t?.k === 'ptr' ? 8 : Math.ceil((t?.sz ?? 0) / 8) * 8;
  };
  let end = 0;
  for (let i = 0; i < proto.p.length; i++) {
    end += slot(proto.p[i][1]);
    if (off < end) return i;
  }
  end += slot(proto.ret);
  return off < end ? proto.p.length : proto.p.length + 1;
}

function listKnown(env: Env): string {
  const k = knownAttachTargets();
  if (env.progType === 'lsm') return k.lsm.join(', ');
  if (env.attachType === 'BPF_TRACE_RAW_TP') return k.tracepoints.join(', ');
  return k.functions.join(', ');
}

/**
 * Record how the kernel loads through `reg` at the current instruction: 'probe' (converted to
 * BPF_PROBE_MEM: a fault reads 0) for PTR_TO_BTF_ID without flags or untrusted, and for
 * rdonly_untrusted_mem; 'kernel' for trusted/RCU BTF pointers (plain loads of kernel memory).
 */
export function noteBtfLoad(env: Env, reg: Reg): void {
  let kind: 'probe' | 'kernel' | undefined;
  if (reg.type === 'ptr_') kind = reg.btfFlags & (BTF_TRUSTED | BTF_RCU) ? 'kernel' : 'probe';
  else if (reg.type === 'mem' && reg.rdonly && reg.btfFlags & BTF_UNTRUSTED) kind = 'probe';
  if (!kind) return;
  if (!env.btfLoads) env.btfLoads = new Map();
  if (env.btfLoads.get(env.insnIdx) !== 'probe') env.btfLoads.set(env.insnIdx, kind);
}

/** The per-insn load kinds as the sorted pc lists of VerifyResult. */
export function btfLoadLists(m: Map<number, 'probe' | 'kernel'>): { probeMem: number[]; kernelLoads: number[] } {
  const pcs = [...m.keys()].sort((a, b) => a - b);
  return { probeMem: pcs.filter((pc) => m.get(pc) === 'probe'), kernelLoads: pcs.filter((pc) => m.get(pc) === 'kernel') };
}

/**
 * BTF_TYPE_SAFE_TRUSTED / BTF_TYPE_SAFE_TRUSTED_OR_NULL of 6.18: pointer members that stay trusted
 * when walked from a trusted (or RCU) pointer of that struct — `file->f_inode`, `bprm->file`;
 * `dentry->d_inode` and `socket->sk` as trusted_ptr_or_null_.
 */
const SAFE_TRUSTED: Record<string, readonly string[]> = { file: ['f_inode'], linux_binprm: ['file'] };
const SAFE_TRUSTED_OR_NULL: Record<string, readonly string[]> = { dentry: ['d_inode'], socket: ['sk'] };

export function safeTrusted(struct: string, field: string): 'trusted' | 'trusted_or_null' | undefined {
  if (SAFE_TRUSTED[struct]?.includes(field)) return 'trusted';
  if (SAFE_TRUSTED_OR_NULL[struct]?.includes(field)) return 'trusted_or_null';
  return undefined;
}
