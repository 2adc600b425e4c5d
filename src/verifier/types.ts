/**
 * The verifier's abstract state: register states, stack slots, function frames and whole
 * verifier states, shaped like the kernel's `struct bpf_reg_state`, `struct bpf_stack_state`,
 * `struct bpf_func_state` and `struct bpf_verifier_state` (include/linux/bpf_verifier.h, 6.18),
 * plus the public options/result types of `verify()`.
 *
 * Does: the data shapes, fresh values (`notInit`, `scalarReg`, `initialState`) and deep copies.
 * Does not: any checking (check.ts and the check*.ts files), printing (format.ts), comparison
 * for pruning (prune.ts).
 * Provenance: field meanings from the kernel's public headers and documentation
 * (Documentation/bpf/verifier.rst); own code.
 */
import type { VerifierLineInfo } from './linfo.ts';
import type { Scalar } from './domains/scalar.ts';
import type { HistEntry } from './precise.ts';
import { scalarConst, scalarUnknown } from './domains/scalar.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import type { BtfStruct } from './btf.ts';
import type { ExploredTree } from './explore.ts';

/** Base register types (`enum bpf_reg_type` without flags), spelled as the log prints them. */
export type RegType =
  | 'not_init' | 'scalar' | 'ctx' | 'map_ptr' | 'map_key' | 'map_value' | 'fp' | 'pkt' | 'pkt_meta'
  | 'pkt_end' | 'mem' | 'sock' | 'sock_common' | 'tcp_sock' | 'func' | 'ptr_';

/** Flags of a BTF-typed pointer (`ptr_`): PTR_TRUSTED, MEM_RCU, PTR_UNTRUSTED. */
export const BTF_TRUSTED = 1;
export const BTF_RCU = 2;
export const BTF_UNTRUSTED = 4;

/** A map as the program sees it (one `--map`). */
export interface MapInfo {
  name: string;
  /** kernel name without the prefix: 'array', 'hash', 'ringbuf' ... */
  type: string;
  /** BPF_MAP_TYPE_* number. */
  typeId: number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  /** index among the program's maps (ld_imm64 imm). */
  index: number;
  /** VerifyMap.flags / data / frozen (bpf_snprintf's constant format, snprintf.ts). */
  flags?: number;
  data?: Uint8Array;
  frozen?: boolean;
  /** A map-in-map's inner map template (bpf_map.inner_map_meta: no name, index -1). */
  inner?: MapInfo;
}

export interface Reg {
  type: RegType;
  /** PTR_MAYBE_NULL. */
  maybeNull: boolean;
  /** MEM_RDONLY. */
  rdonly: boolean;
  /** MEM_RINGBUF (mem from bpf_ringbuf_reserve). */
  ringbuf: boolean;
  /** Scalar value for scalars, the variable part of the offset for pointers. */
  s: Scalar;
  /** Fixed offset of a pointer. */
  off: number;
  id: number;
  refObjId: number;
  /** Packet range (`r=`): bytes known readable past this pointer; -2 = AT_PKT_END, -1 = BEYOND_PKT_END. */
  range: number;
  map: MapInfo | undefined;
  /** PTR_TO_MEM size. */
  memSize: number;
  /** Frame of a PTR_TO_STACK. */
  frameno: number;
  /** Subprogram of a PTR_TO_FUNC. */
  subprogno: number;
  precise: boolean;
  /** PTR_TO_BTF_ID (`ptr_`): the kernel struct it points to. */
  btf: BtfStruct | undefined;
  /** BTF_TRUSTED | BTF_RCU | BTF_UNTRUSTED. */
  btfFlags: number;
  /** A slice of a dynptr (bpf_dynptr_data): the dynptr's id. */
  dynptrId: number;
}

/** One byte of a stack slot: '?' invalid, 'r' spill, 'm' misc, '0' zero, 'd' dynptr (the log's letters). */
export type SlotByte = '?' | 'r' | 'm' | '0' | 'd';

/** A dynptr's half in a stack slot (STACK_DYNPTR; see dynptr.ts). */
export interface DynptrInfo {
  type: 'local' | 'ringbuf' | 'invalid';
  /** The higher-address slot of the two, which the log prints. */
  first: boolean;
  id: number;
  /** Reference held by a ring-buffer dynptr (0 for local ones). */
  refObjId: number;
}

export interface StackSlot {
  /** bytes[0] is the highest-address byte of the slot (the kernel's slot_type order). */
  bytes: SlotByte[];
  /** The spilled register, when bytes hold 'r'. */
  spilled: Reg | undefined;
  /** When bytes hold 'd'. */
  dynptr?: DynptrInfo;
}

export interface Frame {
  frameno: number;
  /** Insn index of the call that created this frame (-1 for the main frame). */
  callsite: number;
  subprogno: number;
  regs: Reg[];
  /** Slot k covers fp-8(k+1) .. fp-8k-1. */
  stack: StackSlot[];
  /** Bytes of stack used (the kernel's allocated_stack, rounded to 8). */
  allocated: number;
  /** bpf_loop-style callback frame. */
  inCallback: boolean;
  callbackRet: [bigint, bigint] | undefined;
  /** Callback iterations pushed from this frame's current call (bpf_func_state.callback_depth). */
  callbackDepth?: number;
}

export interface RefState {
  id: number;
  insnIdx: number;
}

export interface VState {
  frames: Frame[];
  curframe: number;
  refs: RefState[];
  /** Checkpoint ancestry for branch counting (is_state_visited / update_branch_counts). */
  parent: VState | undefined;
  branches: number;
  /** Insn index where this checkpoint was taken. */
  insnIdx: number;
  /** Registers/slots touched since the last print (the kernel's "scratched" marks). */
  scratchedRegs: number;
  scratchedSlots: Set<number>;
  /** Reference ids and id allocation are per verifier env, kept here for copies. */
  speculative: boolean;
  /** is_state_visited statistics of a stored checkpoint (eviction heuristic). */
  hit: number;
  miss: number;
  /** Evicted from the explored list while in progress: freed when its branches reach 0. */
  evicted?: boolean;
  /** Instructions processed since the parent checkpoint (precision backtracking). */
  hist: HistEntry[];
  /** may_goto fall-throughs taken on this path (bpf_verifier_state.may_goto_depth). */
  mayGotoDepth: number;
  /** Entries in this state's jump history since its checkpoint (jmp_history_cnt; > 40 forces one). */
  jmpHistCnt: number;
  /** Checkpoints on this DFS path (bpf_verifier_state.dfs_depth). */
  dfsDepth: number;
  /** The kernel's explored-states hash bucket this checkpoint is in (check.ts). */
  bucket?: number;
  /** Callback bodies entered on this path (bpf_verifier_state.callback_unroll_depth). */
  callbackUnrollDepth?: number;
  /** Explorer node where this checkpoint was stored (UI only). */
  node?: number;
}

export interface VerifyMap {
  name: string;
  /** kernel type name without BPF_MAP_TYPE_: array, hash, ringbuf, ... */
  type: string;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags?: number;
  /**
   * The map's contents when the loader filled and froze it (libbpf's .rodata, `frozen: true`):
   * with BPF_F_RDONLY_PROG in `flags` the verifier reads constant strings from it (bpf_snprintf).
   */
  data?: Uint8Array;
  frozen?: boolean;
  /**
   * A map-in-map (array_of_maps / hash_of_maps): the name of its inner map template among the
   * `maps` (as MapSpec.inner). A lookup returns the inner map, `map_ptr` of the template's sizes.
   */
  inner?: string;
}

/** A global function: its first insn, name and BTF parameters (scalars, pointers to `size` bytes / the context). */
export interface GlobalFuncInfo {
  pc: number;
  name: string;
  params: Array<{ kind: 'scalar'; size: number } | { kind: 'ptr'; to: string; size: number }>;
}

export interface VerifyOptions {
  progType: ProgTypeName;
  maps?: VerifyMap[];
  logLevel?: 0 | 1 | 2;
  /** The rules for a loader without CAP_BPF / CAP_PERFMON / CAP_SYS_ADMIN (see unpriv notes in index.ts). */
  unprivileged?: boolean;
  /**
   * The program comes with BTF func_info (an ELF object with .BTF.ext, as libbpf loads it):
   * BPF_PSEUDO_FUNC loads and callbacks (bpf_loop, bpf_for_each_map_elem) are allowed. Without
   * it the kernel refuses them with "missing btf func_info".
   */
  funcInfo?: boolean;
  /**
   * Global (non-static) functions among the subprograms, by start insn, with their BTF parameters
   * (BpfProgram.subprograms[].global): verified once on their own after the main program, the
   * caller seeing only `R0 = scalar` (needs `funcInfo`, as the kernel needs BTF).
   */
  globalFuncs?: GlobalFuncInfo[];
  /** Fill `result.states` (per-insn state texts for the UI). Default true; false saves time. */
  stateTexts?: boolean;
  /** Record the explored-state tree for the UI (`result.explored`; explore.ts). Off by default. */
  explore?: boolean | { maxNodes?: number; light?: boolean };
  /** expected_attach_type, kernel spelling (BPF_CGROUP_INET_EGRESS ...). */
  attachType?: string;
  /**
   * The attach target of fentry/fexit/fmod_ret/tp_btf/lsm programs: what follows the SEC() prefix
   * (`vfs_read`, `file_open`, `sched_switch`); types their context arguments (btfCtx.ts).
   */
  attachTo?: string;
  /**
   * BTF line_info (linfo.ts): the log prints `; <source line> @ <file>:<line>` before the first
   * instruction of each new source line, as the kernel does for a program loaded with line info.
   */
  lineInfo?: readonly VerifierLineInfo[];
}

export interface InsnStateView {
  /** One line per register/slot, as the log prints the whole state. */
  text: string;
}

export interface VerifyResult {
  accepted: boolean;
  /** The first complaint line (DESIGN.md verify --json rule), null when accepted. */
  error: string | null;
  /** Kernel-format log text at the requested level (statistics included). */
  log: string;
  processed: number;
  totalStates: number;
  peakStates: number;
  /** Per instruction, the abstract states seen before it (for the UI), as log text. */
  states: string[][];
  /** The explored-state tree (structured states, checkpoints, pruning), when `explore` was asked. */
  explored?: ExploredTree;
  /** Loads the kernel converts to BPF_PROBE_MEM(SX) (through untrusted BTF pointers; a fault reads 0), by pc. */
  probeMem?: number[];
  /** Loads through trusted/RCU BTF pointers (plain loads of kernel memory in the kernel), by pc. */
  kernelLoads?: number[];
}

export const MAX_BPF_STACK = 512;
export const BPF_COMPLEXITY_LIMIT_INSNS = 1_000_000;

export function notInit(): Reg {
  return {
    type: 'not_init', maybeNull: false, rdonly: false, ringbuf: false, s: scalarUnknown(), off: 0, id: 0, refObjId: 0,
    range: 0, map: undefined, memSize: 0, frameno: 0, subprogno: 0, precise: false, btf: undefined, btfFlags: 0, dynptrId: 0,
  };
}

/**
 * BPF_ADD_CONST: a scalar made by `rX += K` from a linked scalar keeps the link, flagged, with K in
 * `off` (printed `id=N+K`); sync_linked_regs then moves bounds across with the constant delta.
 */
export const ADD_CONST = 2 ** 31;
export const isAddConst = (id: number): boolean => id >= ADD_CONST;
export const baseId = (id: number): number => (id >= ADD_CONST ? id - ADD_CONST : id);

/** assign_scalar_id_before_mov: a copy gets the source's id; a `+K` link cannot be copied (cleared). */
export function scalarIdBeforeMov(r: Reg, newId: () => number, isConst: boolean): void {
  if (r.type !== 'scalar') return;
  if (isAddConst(r.id)) { r.id = 0; r.off = 0; }
  if (!r.id && !isConst) r.id = newId();
}

export function scalarReg(s: Scalar = scalarUnknown()): Reg {
  return { ...notInit(), type: 'scalar', s };
}

export function constReg(v: bigint): Reg {
  return scalarReg(scalarConst(v));
}

/** A pointer with a known zero variable part. */
export function ptrReg(type: RegType, extra: Partial<Reg> = {}): Reg {
  return { ...notInit(), type, s: scalarConst(0n), ...extra };
}

export function copyReg(r: Reg): Reg {
  return { ...r };
}

export function copySlot(s: StackSlot): StackSlot {
  const c: StackSlot = { bytes: [...s.bytes], spilled: s.spilled ? copyReg(s.spilled) : undefined };
  if (s.dynptr) c.dynptr = s.dynptr;
  return c;
}

export function copyFrame(f: Frame): Frame {
  return { ...f, regs: f.regs.map(copyReg), stack: f.stack.map(copySlot), callbackRet: f.callbackRet };
}

export function copyState(s: VState): VState {
  return {
    ...s,
    frames: s.frames.map(copyFrame),
    refs: s.refs.map((r) => ({ ...r })),
    scratchedSlots: new Set(s.scratchedSlots),
    hist: s.hist.slice(),
  };
}

export function newFrame(frameno: number, callsite: number, subprogno: number): Frame {
  const regs: Reg[] = [];
  for (let i = 0; i < 11; i++) regs.push(notInit());
  regs[10] = ptrReg('fp', { frameno });
  return { frameno, callsite, subprogno, regs, stack: [], allocated: 0, inCallback: false, callbackRet: undefined };
}

export function initialState(): VState {
  const f = newFrame(0, -1, 0);
  f.regs[1] = ptrReg('ctx');
  return {
    frames: [f], curframe: 0, refs: [], parent: undefined, branches: 0, insnIdx: 0,
    scratchedRegs: (1 << 1) | (1 << 10), scratchedSlots: new Set(), speculative: false, hit: 0, miss: 0, hist: [],
    mayGotoDepth: 0, dfsDepth: 0, jmpHistCnt: 0,
  };
}

export function isPointer(r: Reg): boolean {
  return r.type !== 'scalar' && r.type !== 'not_init';
}

export function isPktPointer(r: Reg): boolean {
  return r.type === 'pkt' || r.type === 'pkt_meta';
}
