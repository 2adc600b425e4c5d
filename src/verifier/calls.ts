/**
 * Calls: helper calls checked against the prototypes in src/kernel/helpers (check_helper_call /
 * check_func_arg / check_reg_type / check_helper_mem_access / check_mem_size_reg of 6.18),
 * return values (map values, ring-buffer records, sockets, integers), reference acquire/release,
 * map/helper compatibility (`cannot pass map_type N into func ...`), packet-pointer invalidation,
 * and bpf-to-bpf calls (new frame; `the call stack of N frames is too deep`).
 *
 * Callbacks of bpf_loop and bpf_for_each_map_elem (push_callback_call, set_*_callback_state, the
 * callback return check and the return to the call insn), BTF-typed helper returns/arguments,
 * dynptr arguments (dynptr.ts). Calls to global functions (callGlobal: arguments checked against
 * the BTF parameters, `R0 = scalar` after; the function is verified on its own by index.ts).
 * Global-function pointer parameters: context (by struct name, CTX_STRUCTS) or `size` bytes of
 * memory (NULL allowed); `__arg_*` decl tags and pointers to void are not modelled.
 * Does not: timer/find_vma/user_ringbuf callbacks, spin locks (need map BTF), kfuncs. Helper
 * arguments of those kinds make the verifier reject with a message saying so.
 * Provenance: rules and messages described from the 6.18 verifier's public behaviour and the
 * corpus goldens; prototypes from src/kernel (one source of truth). Own code.
 */
import type { Insn } from '../isa/insn.ts';
import { helperName } from '../kernel/helpers/names.ts';
import { mapHelperCompatible, mapTypeId as kernelMapTypeId, mapTypeName as kernelMapTypeName } from '../kernel/maps/types.ts';
import { helperProtoFor, helperProto, type HelperProto } from '../kernel/helpers/protos.ts';
import { EXPECTED_TYPES, hasFlag, type ArgKind } from '../kernel/helpers/kinds.ts';
import { S32_MAX, boundsSync, scalarConst, scalarIsConst, scalarUnknown } from './domains/scalar.ts';
import { type Env, clobberCallerSaved, fail, frame, newId, readReg } from './env.ts';
import { formatFrame, regTypeStr } from './format.ts';
import { checkMemRegion, checkPacketAccess, slotAt, stackBounds, checkMemAccess } from './mem.ts';
import { forEachReg } from './jmp.ts';
import { markPrecise } from './precise.ts';
import { type GlobalFuncInfo, type MapInfo, type Reg, BTF_TRUSTED, newFrame, ptrReg, scalarReg } from './types.ts';
import { btfStructByName } from './btf.ts';
import { checkDynptrRelease, processDynptrArg, releaseDynptr } from './dynptr.ts';
import { unprivHelperAllowed } from './unpriv.ts';
import { checkConstStr, checkSnprintfCall } from './snprintf.ts';
import { findPrevEntryOf, widenImpreciseScalars } from './check.ts';

const BPF_MAX_VAR_SIZ = 1n << 29n;

interface Meta {
  map: MapInfo | undefined;
  memSize: number;
  rawRegno: number;
  rawSize: number;
  releaseRegno: number;
  refObjId: number;
  msizeMax: bigint;
  /** get_constant_map_key result for array maps, -1n when unknown. */
  constKey: bigint;
  /** The dynptr argument's id and reference (bpf_dynptr_data's slice inherits them). */
  dynptrId: number;
  dynRefObjId: number;
  /** ARG_PTR_TO_FUNC: the callback's subprogram. */
  subprogno: number;
}

/** get_constant_map_key: the key's value when it is a known constant on the stack. */
function constantMapKey(env: Env, key: Reg, keySize: number): bigint {
  if (!env.privileged) return -1n; // needs CAP_BPF (stack constant tracking)
  if (key.type !== 'fp' || !scalarIsConst(key.s)) return -1n;
  const stackOff = key.off + Number(BigInt.asIntN(64, key.s.var_off.value));
  const slot = -stackOff - 1;
  if (slot < 0) return -1n;
  const spi = Math.floor(slot / 8);
  const off = slot % 8;
  const f = env.cur.frames[key.frameno];
  const st = f.stack[spi];
  if (!st) return -1n;
  let zero = 0;
  for (let i = off; i >= 0 && st.bytes[i] === '0'; i--) zero++;
  if (zero >= keySize) return 0n;
  if (st.bytes[7] !== 'r' || !st.spilled || st.spilled.type !== 'scalar') return -1n;
  let spill = 0;
  for (let i = off; i >= 0 && st.bytes[i] === 'r'; i--) spill++;
  if (spill !== keySize) return -1n;
  if (!scalarIsConst(st.spilled.s)) return -1n;
  return st.spilled.s.var_off.value;
}

function funcName(id: number): string {
  return helperName(id) ?? 'unknown';
}

/** BPF_MAP_TYPE_* number of a map type given by kernel name or number; -1 when unknown. */
export function mapTypeId(name: string): number {
  if (/^[0-9]+$/.test(name)) return Number(name);
  return kernelMapTypeId(name) ?? -1;
}

/** Kernel name of a map type given by name or number ('14' -> 'devmap'). */
export function mapTypeName(name: string): string {
  if (!/^[0-9]+$/.test(name)) return name;
  return kernelMapTypeName(Number(name)) ?? name;
}


/** The struct an ARG_PTR_TO_BTF_ID argument wants (the helper's arg_btf_id), by helper id. */
const ARG_BTF: Record<number, string> = {
  156: 'task_struct', 157: 'task_struct', 175: 'task_struct',
};

/** Config/lockdown-dependent helpers the recording kernel refuses (availability.ts CONFIG_DEPENDENT). */
const REFUSED_ON_THIS_KERNEL = new Set([36]);

/** check_map_func_compatibility, from the kernel tables (src/kernel/maps/types.ts, probed on 6.18). */
function mapFuncCompatible(m: MapInfo, fn: number): boolean {
  return mapHelperCompatible(m.typeId, fn);
}

function expectedList(k: ArgKind): string[] | undefined {
  if (k.base === 'ARG_CONST_SIZE' || k.base === 'ARG_CONST_SIZE_OR_ZERO' || k.base === 'ARG_CONST_ALLOC_SIZE_OR_ZERO') return ['scalar'];
  const e = EXPECTED_TYPES[k.base];
  return e === undefined ? undefined : e.split(', ');
}

function isNullReg(r: Reg): boolean {
  return r.type === 'scalar' && scalarIsConst(r.s) && r.s.var_off.value === 0n;
}

function checkRegType(r: Reg, regno: number, k: ArgKind): void {
  const list = expectedList(k);
  if (!list) fail(`R${regno} argument kind ${k.text} is not modelled by this verifier`);
  const view: Reg = { ...r };
  if (hasFlag(k, 'MEM_RDONLY')) view.rdonly = false;
  if (hasFlag(k, 'PTR_MAYBE_NULL')) view.maybeNull = false;
  const name = r.type === 'not_init' ? '?' : regTypeStr(view);
  if (!list.includes(name)) fail(`R${regno} type=${regTypeStr(r)} expected=${list.join(', ')}`);
}

/** check_helper_mem_access */
function helperMem(env: Env, regno: number, size: bigint, write: boolean, zeroOk: boolean, meta: Meta | undefined): void {
  const r = frame(env).regs[regno];
  const sz = Number(size);
  switch (r.type) {
    case 'pkt': case 'pkt_meta':
      checkPacketAccess(r, regno, r.off, sz, zeroOk);
      return;
    case 'map_key':
      if (write) fail(`R${regno} cannot write into ${regTypeStr(r)}`);
      checkMemRegion(r, regno, r.off, sz, r.map!.keySize, false);
      return;
    case 'map_value':
      checkMemRegion(r, regno, r.off, sz, r.map!.valueSize, zeroOk);
      return;
    case 'mem':
      if (r.rdonly && write) fail(`R${regno} cannot write into ${regTypeStr(r)}`);
      checkMemRegion(r, regno, r.off, sz, r.memSize, zeroOk);
      return;
    case 'fp': {
      if (sz === 0 && !zeroOk) fail('invalid zero-sized read');
      stackBounds(env, r, regno, r.off, sz, write ? 'write' : 'read');
      if (meta && write && scalarIsConst(r.s)) { meta.rawRegno = regno; meta.rawSize = sz; return; }
      if (!write && !env.privileged && scalarIsConst(r.s)) {
        const f = env.cur.frames[r.frameno];
        const lo = Number(BigInt.asIntN(64, r.s.var_off.value)) + r.off;
        for (let a = lo; a < lo + sz; a++) {
          const sl = -a - 1;
          const slot = slotAt(f, Math.floor(sl / 8));
          const t = slot.bytes[sl % 8];
          if (t === 'm' || t === '0' || (slot.bytes[7] === 'r' && slot.spilled?.type === 'scalar')) continue;
          fail(`invalid read from stack R${regno} off ${lo}+${a - lo} size ${sz}`);
        }
      }
      // Privileged: every stack byte may be read (allow_uninit_stack); a helper write clobbers.
      if (write) {
        const f = env.cur.frames[r.frameno];
        const lo = Number(scalarIsConst(r.s) ? BigInt.asIntN(64, r.s.var_off.value) : r.s.smin) + r.off;
        const hi = Number(scalarIsConst(r.s) ? BigInt.asIntN(64, r.s.var_off.value) : r.s.smax) + r.off + sz;
        for (let a = lo; a < hi; a++) {
          const sl = -a - 1;
          const slot = slotAt(f, Math.floor(sl / 8));
          if (slot.bytes[7] === 'r') {
            slot.spilled = undefined;
            for (let j = 0; j < 8; j++) if (slot.bytes[j] === 'r') slot.bytes[j] = 'm';
          }
          if (slot.bytes[sl % 8] === '0' || slot.bytes[sl % 8] === '?') slot.bytes[sl % 8] = 'm';
        }
      }
      return;
    }
    default:
      if (zeroOk && sz === 0 && isNullReg(r)) return;
      fail(`R${regno} type=${regTypeStr(r)} expected=fp`);
  }
}

/** may_access_direct_pkt_data(meta) program types. */
function pktHelperTypes(env: Env): boolean {
  return ['xdp', 'sched_cls', 'sched_act', 'cgroup_skb'].includes(env.progType);
}

function checkFuncArg(env: Env, p: HelperProto, arg: number, meta: Meta): void {
  const k = p.args[arg];
  const regno = arg + 1;
  if (k.base === 'ARG_DONTCARE') return;
  const r = readReg(env, regno);
  if (k.base === 'ARG_ANYTHING') {
    if (!env.privileged && r.type !== 'scalar') fail(`R${regno} leaks addr into helper function`);
    return;
  }
  if ((r.type === 'pkt' || r.type === 'pkt_meta') && !(p.pktAccess && pktHelperTypes(env))) fail('helper access to the packet is not allowed');
  const maybeNull = hasFlag(k, 'PTR_MAYBE_NULL');
  const skipType = isNullReg(r) && maybeNull;
  if (!skipType) {
    checkRegType(r, regno, k);
    if (hasFlag(k, 'OBJ_RELEASE') && k.base !== 'ARG_PTR_TO_DYNPTR' && (r.off !== 0 || !scalarIsConst(r.s) || r.s.var_off.value !== 0n)) {
      fail(`R${regno} must have zero offset when passed to release func or trusted arg to kfunc`);
    }
  }
  if (hasFlag(k, 'OBJ_RELEASE')) {
    if (k.base === 'ARG_PTR_TO_DYNPTR') checkDynptrRelease(env, regno);
    else if (!r.refObjId && !isNullReg(r)) fail(`R${regno} must be referenced when passed to release function`);
    meta.releaseRegno = regno;
  }
  if (r.refObjId) meta.refObjId = r.refObjId;
  const write = hasFlag(k, 'MEM_WRITE');
  switch (k.base) {
    case 'ARG_CONST_MAP_PTR':
      meta.map = r.map;
      break;
    case 'ARG_PTR_TO_MAP_KEY':
      if (meta.map && (meta.map.type === 'array' || meta.map.type === 'percpu_array')) {
        meta.constKey = constantMapKey(env, r, meta.map.keySize);
        if (meta.constKey >= 0n && r.frameno === env.cur.curframe) {
          const spi = Math.floor((-(r.off + Number(BigInt.asIntN(64, r.s.var_off.value))) - 1) / 8);
          markPrecise(env, 0, [spi], 1);
        }
      }
      helperMem(env, regno, BigInt(meta.map!.keySize), false, false, undefined);
      break;
    case 'ARG_PTR_TO_MAP_VALUE':
      if (maybeNull && isNullReg(r)) return;
      helperMem(env, regno, BigInt(meta.map!.valueSize), write, false, hasFlag(k, 'MEM_UNINIT') ? meta : undefined);
      break;
    case 'ARG_PTR_TO_MEM':
      if (hasFlag(k, 'MEM_FIXED_SIZE')) {
        const sz = p.argSizes[regno];
        helperMem(env, regno, BigInt(sz), write, false, hasFlag(k, 'MEM_UNINIT') ? meta : undefined);
      }
      break;
    case 'ARG_CONST_SIZE': case 'ARG_CONST_SIZE_OR_ZERO': {
      const zeroOk = k.base === 'ARG_CONST_SIZE_OR_ZERO';
      const prev = p.args[arg - 1];
      meta.msizeMax = r.s.umax;
      if (r.s.smin < 0n) fail(`R${regno} min value is negative, either use unsigned or 'var &= const'`);
      if (r.s.umin === 0n && !zeroOk) fail(`R${regno} invalid zero-sized read: u64=[${r.s.umin},${r.s.umax}]`);
      if (r.s.umax >= BPF_MAX_VAR_SIZ) fail(`R${regno} unbounded memory access, use 'var &= const' or 'if (var < const)'`);
      const raw = hasFlag(prev, 'MEM_UNINIT') && scalarIsConst(r.s) ? meta : undefined;
      helperMem(env, regno - 1, r.s.umax, hasFlag(prev, 'MEM_WRITE'), zeroOk, raw);
      markPrecise(env, 1 << regno, [], 1);
      break;
    }
    case 'ARG_CONST_ALLOC_SIZE_OR_ZERO':
      if (!scalarIsConst(r.s)) fail(`R${regno} is not a known constant'`);
      meta.memSize = Number(r.s.var_off.value);
      markPrecise(env, 1 << regno, [], 1);
      break;
    case 'ARG_PTR_TO_BTF_ID': {
      if (maybeNull && isNullReg(r)) break;
      const want = ARG_BTF[p.id];
      if (!want) fail(`R${regno} BTF argument of ${p.name}#${p.id} is not modelled by this verifier`);
      if (r.btf?.name !== want) fail(`R${regno} is of type ${r.btf?.name ?? ''} but ${want} is expected`);
      break;
    }
    case 'ARG_PTR_TO_FUNC':
      meta.subprogno = r.subprogno;
      break;
    case 'ARG_PTR_TO_STACK':
      break;
    case 'ARG_PTR_TO_CONST_STR':
      checkConstStr(env, regno);
      break;
    case 'ARG_PTR_TO_DYNPTR':
      processDynptrArg(env, regno, k, meta,
        (off) => { checkMemAccess(env, regno, off, 8, 'write', { valueRegno: -1, srcRegno: -1, ldsx: false, strictAlign: false }); });
      break;
    case 'ARG_PTR_TO_CTX': case 'ARG_PTR_TO_RINGBUF_MEM': case 'ARG_PTR_TO_SOCK_COMMON': case 'ARG_PTR_TO_BTF_ID_SOCK_COMMON':
      break;
    case 'ARG_PTR_TO_SPIN_LOCK':
      if (r.type === 'map_value' && r.map) fail(`map '${r.map.name}' has to have BTF in order to use bpf_spin_lock`);
      fail(`R${regno} spin locks are not modelled by this verifier`);
      break;
    default:
      fail(`R${regno} argument kind ${k.text} of ${p.name}#${p.id} is not modelled by this verifier`);
  }
}

/** check_helper_call */
export function checkHelperCall(env: Env, insn: Insn): void {
  const id = insn.imm;
  const idx = env.insnIdx;
  if (helperProto(id) === undefined && helperName(id) === undefined) fail(`invalid func unknown#${id}`);
  let p = REFUSED_ON_THIS_KERNEL.has(id) ? undefined : helperProtoFor(id, env.progType);
  if (p && !env.privileged && !unprivHelperAllowed(env.progType, id)) p = undefined;
  if (!p) fail(`program of this type cannot use helper ${funcName(id)}#${id}`);
  const meta: Meta = { map: undefined, memSize: 0, rawRegno: -1, rawSize: 0, releaseRegno: 0, refObjId: 0, msizeMax: 0n, constKey: -1n, dynptrId: 0, dynRefObjId: 0, subprogno: -1 };
  for (let a = 0; a < 5; a++) checkFuncArg(env, p, a, meta);
  if (id === 12 && meta.map && meta.map.type !== 'prog_array') fail('expected prog array map for tail call');
  if (id === 12) {
    // record_func_key: a constant index below max_entries is remembered, so it must be precise
    const r3 = frame(env).regs[3];
    if (r3.type === 'scalar' && scalarIsConst(r3.s) && meta.map && r3.s.var_off.value < BigInt(meta.map.maxEntries)) markPrecise(env, 1 << 3, [], 1);
  }
  if (meta.rawRegno >= 0) {
    for (let i = 0; i < meta.rawSize; i++) {
      checkMemAccess(env, meta.rawRegno, i, 1, 'write', { valueRegno: -1, srcRegno: -1, ldsx: false, strictAlign: false });
    }
  }
  const st = env.cur;
  if (meta.releaseRegno && p.args[meta.releaseRegno - 1].base === 'ARG_PTR_TO_DYNPTR') {
    releaseDynptr(env, meta.releaseRegno);
  } else if (meta.releaseRegno) {
    const rr = frame(env).regs[meta.releaseRegno];
    if (!isNullReg(rr)) {
      const ref = rr.refObjId;
      if (!st.refs.some((x) => x.id === ref)) fail(`R${meta.releaseRegno} must be referenced when passed to release function`);
      st.refs = st.refs.filter((x) => x.id !== ref);
      forEachReg(st, (x, set) => { if (x.refObjId === ref) set(scalarReg(scalarUnknown())); });
    }
  }
  if (id === 12 && st.refs.length) {
    fail(st.refs.map((r) => `Unreleased reference id=${r.id} alloc_insn=${r.insnIdx}`).join('\n') + '\ntail_call would lead to reference leak');
  }
  if (id === 197 && frame(env).regs[1].type !== 'map_value') {
    fail(`Unsupported reg type ${regTypeStr(frame(env).regs[1])} for bpf_dynptr_from_mem data`);
  }
  if (id === 165) checkSnprintfCall(env);
  if (id === 164 && meta.subprogno >= 0) pushCallback(env, meta, 'map_elem');
  if (id === 181 && meta.subprogno >= 0) {
    // update_loop_inline_state: inlined when flags is a known 0 and the callback never changes
    const aux = env.aux[idx];
    const r4 = frame(env).regs[4];
    const fit = r4.type === 'scalar' && scalarIsConst(r4.s) && r4.s.var_off.value === 0n;
    if (aux.loopInline === undefined) { aux.loopInline = fit; aux.loopCallback = meta.subprogno; }
    else if (!fit || aux.loopCallback !== meta.subprogno) aux.loopInline = false;
    markPrecise(env, 1 << 1, [], 1);
    const caller = frame(env);
    if ((caller.callbackDepth ?? 0) < frame(env).regs[1].s.umax) pushCallback(env, meta, 'loop');
    else {
      caller.callbackDepth = 0;
      if (env.log.level >= 2) env.log.write(`frame${st.curframe} bpf_loop iteration limit reached\n`);
    }
  }
  const f = frame(env);
  clobberCallerSaved(f);
  for (let r = 0; r <= 5; r++) st.scratchedRegs |= 1 << r;
  const ret = p.ret;
  let maybeNull = hasFlag(ret, 'PTR_MAYBE_NULL');
  if (id === 1 && meta.map && meta.constKey >= 0n && meta.constKey < BigInt(meta.map.maxEntries)) maybeNull = false;
  let r0: Reg;
  switch (ret.base) {
    case 'RET_INTEGER':
      r0 = scalarReg(scalarUnknown());
      break;
    case 'RET_VOID':
      r0 = f.regs[0];
      break;
    case 'RET_PTR_TO_MAP_VALUE':
      if (!meta.map) fail(`${p.name} returns a map value without a map argument (not modelled)`);
      r0 = ptrReg('map_value', { map: meta.map, maybeNull });
      break;
    case 'RET_PTR_TO_SOCKET':
      r0 = ptrReg('sock', { maybeNull });
      break;
    case 'RET_PTR_TO_SOCK_COMMON':
      r0 = ptrReg('sock_common', { maybeNull });
      break;
    case 'RET_PTR_TO_TCP_SOCK':
      r0 = ptrReg('tcp_sock', { maybeNull });
      break;
    case 'RET_PTR_TO_MEM':
      if (id === 203) { // bpf_dynptr_data: a slice of the dynptr's memory, tied to its reference
        r0 = ptrReg('mem', { maybeNull, memSize: meta.memSize, refObjId: meta.dynRefObjId, dynptrId: meta.dynptrId });
        break;
      }
      if (!hasFlag(ret, 'MEM_RINGBUF')) fail(`${p.name}: the memory it returns is not modelled by this verifier`);
      r0 = ptrReg('mem', { maybeNull, ringbuf: true, memSize: meta.memSize });
      break;
    case 'RET_PTR_TO_BTF_ID': {
      const name = p.retBtf ?? '';
      r0 = ptrReg('ptr_', { maybeNull, btf: btfStructByName(name) ?? { id: -1, name }, btfFlags: hasFlag(ret, 'PTR_TRUSTED') ? BTF_TRUSTED : 0 });
      break;
    }
    default:
      fail(`${p.name}: return kind ${ret.text} is not modelled by this verifier`);
  }
  if (r0.type !== 'scalar' && r0.type !== 'not_init' && r0.maybeNull) r0.id = newId(env);
  if (p.acquires) {
    const rid = newId(env);
    st.refs.push({ id: rid, insnIdx: idx });
    r0.id = rid;
    r0.refObjId = rid;
  }
  refineRetval(id, r0, meta);
  if (!env.privileged && r0.type === 'scalar') r0.precise = true;
  f.regs[0] = r0;
  if (meta.map && !mapFuncCompatible(meta.map, id)) fail(`cannot pass map_type ${meta.map.typeId} into func ${p.name}#${id}`);
  if (p.changesPktData) {
    forEachReg(st, (x, set) => {
      if (x.type === 'pkt' || x.type === 'pkt_meta' || x.type === 'pkt_end') set(scalarReg(scalarUnknown()));
    });
  }
}

/** nr_cpu_ids of the modelled machine (bpf_get_smp_processor_id's return range). */
export const NR_CPU_IDS = 2;

function refineRetval(id: number, r0: Reg, meta: Meta): void {
  // do_refine_retval_range: string/stack copies return at most the buffer size or -errno.
  if ([45, 67, 113, 114, 115, 141].includes(id) && r0.type === 'scalar') {
    r0.s = boundsSync({ ...r0.s, smax: meta.msizeMax, s32_max: meta.msizeMax > S32_MAX ? S32_MAX : meta.msizeMax, smin: -4095n, s32_min: -4095n });
  }
  if (id === 8 && r0.type === 'scalar') {
    // [0, nr_cpu_ids - 1]: the recording machine's 2 CPUs, as the simulated kernel's default
    // (createKernel cpus: 2); kernel golden: R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=1,...).
    const m = BigInt(NR_CPU_IDS - 1);
    r0.s = boundsSync({ ...scalarUnknown(), umax: m, u32_max: m, smin: 0n, smax: m, s32_min: 0n, s32_max: m });
  }
  void scalarConst;
}

/** check_func_call for a bpf-to-bpf call. Returns the callee's first insn. */
export function checkSubprogCall(env: Env, insn: Insn): number {
  const st = env.cur;
  const idx = env.insnIdx;
  if (st.curframe + 1 >= 8) fail(`the call stack of ${st.curframe + 2} frames is too deep`);
  const target = idx + insn.imm + 1;
  const sub = env.subprogs.findIndex((s) => s.start === target);
  const g = env.globalFuncs?.find((x) => x.pc === target);
  if (g && sub > 0) return callGlobal(env, g, sub);
  const caller = frame(env);
  const callee = newFrame(st.curframe + 1, idx, sub);
  for (let r = 1; r <= 5; r++) callee.regs[r] = { ...caller.regs[r] };
  clobberCallerSaved(caller);
  st.frames.push(callee);
  st.curframe++;
  st.scratchedRegs = 0;
  for (let r = 1; r <= 5; r++) if (callee.regs[r].type !== 'not_init') st.scratchedRegs |= 1 << r;
  st.scratchedRegs |= 1 << 10;
  if (env.log.level) {
    env.log.write(`caller:\n${formatFrame(caller, st, true, true)}\ncallee:\n${formatFrame(callee, st, true, true)}\n`);
  }
  return target;
}

/**
 * push_callback_call: queue the callback's body as a new frame (set_loop_callback_state /
 * set_map_elem_callback_state), and go on after the call in the current frame.
 */
function pushCallback(env: Env, meta: Meta, kind: 'loop' | 'map_elem'): void {
  const st = env.cur;
  if (st.curframe + 1 >= 8) fail(`the call stack of ${st.curframe + 2} frames is too deep`);
  const idx = env.insnIdx;
  const sp = env.subprogs[meta.subprogno];
  const q = env.push!(sp.start, idx);
  const caller = q.frames[q.curframe];
  const callee = newFrame(q.curframe + 1, idx, meta.subprogno);
  if (kind === 'loop') {
    callee.regs[1] = scalarReg(scalarUnknown());
    callee.regs[2] = { ...caller.regs[3] };
  } else {
    const map = meta.map;
    callee.regs[1] = { ...caller.regs[1] };
    callee.regs[2] = ptrReg('map_key', { map });
    callee.regs[3] = ptrReg('map_value', { map });
    callee.regs[4] = { ...caller.regs[3] };
  }
  if (!env.privileged) for (const r of callee.regs) if (r.type === 'scalar') r.precise = true;
  callee.inCallback = true;
  callee.callbackRet = [0n, 1n];
  q.frames.push(callee);
  q.curframe++;
  q.callbackUnrollDepth = (q.callbackUnrollDepth ?? 0) + 1;
  caller.callbackDepth = (caller.callbackDepth ?? 0) + 1;
  frame(env).callbackDepth = 0;
}

/** prepare_func_exit: back to the caller. Returns the insn after the call (the call itself for a callback). */
export function returnFromSubprog(env: Env): number {
  const st = env.cur;
  const callee = st.frames[st.curframe];
  const caller = st.frames[st.curframe - 1];
  const r0 = callee.regs[0];
  if (callee.inCallback) {
    readReg(env, 0);
    if (r0.type !== 'scalar') fail('R0 not a scalar value');
    markPrecise(env, 1, [], 1);
    const [lo, hi] = callee.callbackRet ?? [0n, 1n];
    if (r0.s.smin < lo || r0.s.smax > hi) {
      let t = 'At callback return the register R0 has';
      let unknown = true;
      if (r0.s.smin > -(1n << 63n)) { t += ` smin=${r0.s.smin}`; unknown = false; }
      if (r0.s.smax < (1n << 63n) - 1n) { t += ` smax=${r0.s.smax}`; unknown = false; }
      if (unknown) t += ' unknown scalar value';
      fail(`${t} should have been in [${lo}, ${hi}]`);
    }
    if (env.log.level) {
      env.log.write(`returning from callee:\n${formatFrame(callee, st, true, true)}\nto caller at ${callee.callsite}:\n${formatFrame(caller, st, true, true)}\n`);
    }
    st.frames.pop();
    st.curframe--;
    st.scratchedRegs = 0;
    st.scratchedSlots.clear();
    // widen imprecise scalars against the state that entered the callback loop (convergence)
    const prev = findPrevEntryOf(env, st, callee.callsite);
    if (prev) widenImpreciseScalars(prev, st);
    return callee.callsite;
  }
  if (r0.type === 'fp' && r0.frameno === callee.frameno) fail('cannot return stack pointer to the caller');
  caller.regs[0] = { ...r0 };
  if (env.log.level) {
    env.log.write(`returning from callee:\n${formatFrame(callee, st, true, true)}\nto caller at ${callee.callsite + 1}:\n${formatFrame(caller, st, true, true)}\n`);
  }
  st.frames.pop();
  st.curframe--;
  // Registers of the caller pointing into the dead frame's stack become invalid.
  forEachReg(st, (x, set) => { if (x.type === 'fp' && x.frameno > st.curframe) set(scalarReg(scalarUnknown())); });
  st.scratchedRegs = 0;
  st.scratchedSlots.clear();
  return callee.callsite + 1;
}

export { readReg };

/** The context struct a global function's `struct X *` parameter must name to be the context. */
const CTX_STRUCTS: Record<string, string[]> = {
  xdp: ['xdp_md'], socket_filter: ['__sk_buff'], sched_cls: ['__sk_buff'], sched_act: ['__sk_buff'], cgroup_skb: ['__sk_buff'],
  lwt_in: ['__sk_buff'], lwt_out: ['__sk_buff'], lwt_xmit: ['__sk_buff'], sk_skb: ['__sk_buff'],
  kprobe: ['pt_regs', 'bpf_user_pt_regs_t'], perf_event: ['bpf_perf_event_data'], raw_tracepoint: ['bpf_raw_tracepoint_args'],
  sock_ops: ['bpf_sock_ops'], cgroup_sock: ['bpf_sock'], cgroup_sock_addr: ['bpf_sock_addr'], sk_msg: ['sk_msg_md'],
};

export function isCtxParam(env: Env, p: GlobalFuncInfo['params'][number]): boolean {
  return p.kind === 'ptr' && (CTX_STRUCTS[env.progType] ?? []).includes(p.to);
}

/**
 * check_func_call for a global function: its arguments are checked against its BTF parameters
 * (btf_check_subprog_call), it is queued to be verified on its own after the main program, and the
 * caller goes on after the call with R0 an unknown scalar and R1-R5 clobbered.
 */
function callGlobal(env: Env, g: GlobalFuncInfo, sub: number): number {
  const idx = env.insnIdx;
  const caller = frame(env);
  const bad = (why: string): never => fail(`${why}\nCaller passes invalid args into func#${sub} ('${g.name}')`);
  g.params.forEach((p, i) => {
    const regno = i + 1;
    const r = caller.regs[regno];
    if (p.kind === 'scalar') {
      if (r.type !== 'scalar') bad(`R${regno} is not a scalar`);
    } else if (isCtxParam(env, p)) {
      if (r.type !== 'ctx') bad(`arg#${i} expects pointer to ctx`);
    } else {
      // check_mem_reg: PTR_TO_MEM (or NULL) of the parameter's size, read and written by the callee
      if (isNullReg(r)) return;
      if (r.type === 'scalar' || r.type === 'not_init') bad(`R${regno} type=${r.type === 'scalar' ? 'scalar' : '?'} expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf`);
      const saved = { ...r };
      caller.regs[regno] = { ...r, maybeNull: false };
      helperMem(env, regno, BigInt(p.size), false, true, undefined);
      helperMem(env, regno, BigInt(p.size), true, true, undefined);
      caller.regs[regno] = saved;
    }
  });
  if (env.log.level) env.log.write(`Func#${sub} ('${g.name}') is global and assumed valid.\n`);
  env.globalCalled?.add(sub);
  clobberCallerSaved(caller);
  caller.regs[0] = scalarReg(scalarUnknown());
  for (let r = 0; r <= 5; r++) env.cur.scratchedRegs |= 1 << r;
  return idx + 1;
}
