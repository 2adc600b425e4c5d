/**
 * The checks the 6.18 verifier makes before walking any path: the load-time pass over every slot
 * (opcode table, LDX reserved fields, ld_imm64 pairing and pseudo sources: map fds, direct map
 * values, BTF ids, map indexes), subprogram discovery (bpf-to-bpf calls and BPF_PSEUDO_FUNC
 * addresses), `jump out of range`, `last insn is not an exit or jmp`, and the depth-first CFG walk
 * (`unreachable insn`, `jump into the middle of ldimm64 insn`, `back-edge` for the unprivileged
 * loader) that also marks prune points, jump points and forced checkpoints for do_check.
 * After the walk: the static call-graph stack check (`combined stack size ... Too large`,
 * `the call stack of N frames is too deep !`).
 *
 * Does not: anything needing register state. Errors are returned as the kernel's line.
 * Provenance: check order and messages from the running 6.18 kernel (corpus goldens) and public
 * descriptions of check_subprogs/check_cfg; own code.
 */
import type { Insn } from '../isa/insn.ts';
import { validateInsns } from '../isa/validate.ts';
import { BPF_CLASS, BPF_OP, BPF_JMP, BPF_JMP32, BPF_CALL, BPF_EXIT, BPF_JA } from '../isa/opcodes.ts';
import type { MapInfo } from './types.ts';
import { helperProto } from '../kernel/helpers/protos.ts';
import { computeStackLive } from './stackLive.ts';

export interface Subprog {
  start: number;
  /** exclusive */
  end: number;
  /** Largest stack use seen during the walk (bytes, multiple of 8). */
  stackDepth: number;
  /** Called as a callback (bpf_loop and friends) through a BPF_PSEUDO_FUNC. */
  isCallback: boolean;
}

export interface InsnAux {
  prune: boolean;
  jmpPoint: boolean;
  forceCheckpoint: boolean;
  /** Bitmask of registers live before this insn (compute_live_registers). */
  live: number;
  /** Stack slots of the main frame that may be read later (bit k = fp-8(k+1)); null = all. */
  stackLive: bigint | null;
  /** A helper call that calls a callback (bpf_loop and friends): calls_callback(). */
  callsCallback?: boolean;
  /** bpf_loop inline state: true while every visit had flags == 0 and the same callback. */
  loopInline?: boolean;
  loopCallback?: number;
  /** Spectre v1 sanitation state of pointer arithmetic here (unprivileged; unpriv.ts). */
  aluState?: number;
  aluLimit?: bigint;
}

export interface CfgResult {
  error: string | null;
  subprogs: Subprog[];
  aux: InsnAux[];
}

const PRE_WALK = /^(unknown opcode |BPF_LDX uses reserved fields$|invalid bpf_ld_imm64 insn$|unrecognized bpf_ld_imm64 insn$|last insn is not an exit or jmp$)/;

export function isJmpClass(i: Insn): boolean {
  const c = BPF_CLASS(i.code);
  return c === BPF_JMP || c === BPF_JMP32;
}

export function isPseudoCall(i: Insn): boolean {
  return i.code === (BPF_JMP | BPF_CALL) && i.src === 1;
}

export function isHelperCall(i: Insn): boolean {
  return i.code === (BPF_JMP | BPF_CALL) && i.src === 0;
}

export function isPseudoFunc(i: Insn): boolean {
  return i.code === 0x18 && i.src === 4;
}

/** Target of a jump-class insn (gotol in JMP32 uses imm). */
export function jumpTarget(insns: readonly Insn[], pc: number): number {
  const i = insns[pc];
  if (i.code === (BPF_JMP32 | BPF_JA)) return pc + i.imm + 1;
  return pc + i.off + 1;
}

const DIRECT_VALUE_TYPES = new Set(['array']);

function loadTimePass(insns: readonly Insn[], maps: readonly MapInfo[]): string | null {
  const problems = validateInsns(insns).filter((p) => PRE_WALK.test(p.kernel));
  const firstBad = problems.length ? problems[0].pc : insns.length;
  for (let pc = 0; pc < insns.length; pc++) {
    if (pc === firstBad) return problems[0].kernel;
    const i = insns[pc];
    if (i.code !== 0x18) continue;
    const next = insns[pc + 1];
    if (next === undefined) continue;
    switch (i.src) {
      case 1: case 2: {
        const m = maps[i.imm];
        if (m === undefined || i.imm < 0) return `fd ${i.imm} is not pointing to valid bpf_map`;
        if (i.src === 2) {
          if (!DIRECT_VALUE_TYPES.has(m.type)) return 'no direct value access support for this map type';
          const off = next.imm >>> 0;
          if (off >= m.valueSize) return `invalid access to map value pointer, value_size=${m.valueSize} off=${off}`;
        }
        break;
      }
      case 5: case 6:
        return 'fd_idx without fd_array is invalid';
      case 3:
        return `pseudo btf_id ${i.imm} in ldimm64 isn't KIND_VAR or KIND_FUNC`;
      default:
        break;
    }
    pc++;
  }
  return null;
}

/** Everything up to (not including) do_check. */
export function checkCfg(insns: readonly Insn[], maps: readonly MapInfo[], privileged: boolean): CfgResult {
  const n = insns.length;
  const aux: InsnAux[] = insns.map(() => ({ prune: false, jmpPoint: false, forceCheckpoint: false, live: 0, stackLive: null }));
  let found: Subprog[] = [];
  const fail = (error: string): CfgResult => ({ error, subprogs: found, aux });
  // add_subprog_and_kfunc
  const starts = new Set<number>([0]);
  const callbacks = new Set<number>();
  for (let pc = 0; pc < n; pc++) {
    const i = insns[pc];
    if (isPseudoCall(i) || isPseudoFunc(i)) {
      const t = pc + i.imm + 1;
      if (t < 0 || t >= n) return fail('call to invalid destination');
      starts.add(t);
      if (isPseudoFunc(i)) callbacks.add(t);
    } else if (i.code === (BPF_JMP | BPF_CALL) && i.src === 2) {
      return fail('calling kernel functions is not supported (no BTF in this verifier)');
    }
    if (i.code === 0x18) pc++;
  }
  const sorted = [...starts].sort((a, b) => a - b);
  const subprogs: Subprog[] = sorted.map((s, k) => ({
    start: s, end: k + 1 < sorted.length ? sorted[k + 1] : n, stackDepth: 0, isCallback: callbacks.has(s),
  }));
  found = subprogs;

  // check_subprogs: jumps stay inside their subprogram; each ends with exit or ja.
  for (const sp of subprogs) {
    for (let pc = sp.start; pc < sp.end; pc++) {
      const i = insns[pc];
      if (isJmpClass(i)) {
        const op = BPF_OP(i.code);
        if (op !== BPF_CALL && op !== BPF_EXIT) {
          const t = jumpTarget(insns, pc);
          if (t < sp.start || t >= sp.end) return fail(`jump out of range from insn ${pc} to ${t}`);
        }
      }
      if (pc === sp.end - 1) {
        const ok = i.code === (BPF_JMP | BPF_EXIT) || i.code === (BPF_JMP | BPF_JA) || i.code === (BPF_JMP32 | BPF_JA);
        if (!ok) return fail('last insn is not an exit or jmp');
      }
    }
  }

  // resolve_pseudo_ldimm64: the opcode table, LDX reserved fields, ld_imm64 sources.
  const lt = loadTimePass(insns, maps);
  if (lt) return fail(lt);
  if (subprogs.length > 1 && insns.some((i) => (i.code & 0x07) === 0 && ((i.code & 0xe0) === 0x20 || (i.code & 0xe0) === 0x40))) {
    return fail('LD_ABS is not allowed in subprogs without BTF');
  }

  // check_cfg: iterative DFS from insn 0, following calls into subprograms.
  const DISCOVERED = 1;
  const EXPLORED = 2;
  const state = new Uint8Array(n);
  const stack: number[] = [0];
  const next: number[][] = insns.map(() => []);
  const pos = new Int32Array(n);
  const markPrune = (t: number): void => { if (t >= 0 && t < n) aux[t].prune = true; };
  const markJmp = (t: number): void => { if (t >= 0 && t < n) aux[t].jmpPoint = true; };
  for (let pc = 0; pc < n; pc++) {
    const i = insns[pc];
    const succ: number[] = [];
    if (isPseudoFunc(i)) {
      succ.push(pc + 2);
      markPrune(pc + 2); markJmp(pc + 2);
      succ.push(pc + i.imm + 1);
      markPrune(pc); markPrune(pc + i.imm + 1); markJmp(pc + i.imm + 1);
    } else if (!isJmpClass(i)) {
      succ.push(pc + (i.code === 0x18 ? 2 : 1));
    } else {
      const op = BPF_OP(i.code);
      if (op === BPF_EXIT) {
        // no successors
      } else if (op === BPF_CALL) {
        succ.push(pc + 1);
        markPrune(pc + 1); markJmp(pc + 1);
        // timer_set_callback (async): only a prune point before the call
        if (isHelperCall(i) && i.imm === 170) markPrune(pc);
        if (isHelperCall(i) && CALLBACK_HELPERS.has(i.imm)) {
          markPrune(pc); markJmp(pc);
          aux[pc].forceCheckpoint = true;
          aux[pc].callsCallback = true;
        }
        if (isPseudoCall(i)) {
          const w = pc + i.imm + 1;
          markPrune(pc);
          succ.push(w);
          markPrune(w); markJmp(w);
        }
      } else if (op === BPF_JA) {
        const t = jumpTarget(insns, pc);
        succ.push(t);
        markPrune(t); markJmp(t);
      } else {
        markPrune(pc);
        if (BPF_CLASS(i.code) === BPF_JMP && op === 0xe0 && i.src === 0) aux[pc].forceCheckpoint = true;
        succ.push(pc + 1);
        const t = pc + i.off + 1;
        succ.push(t);
        markPrune(t); markJmp(t);
      }
    }
    next[pc] = succ;
  }
  state[0] = DISCOVERED;
  while (stack.length) {
    const t = stack[stack.length - 1];
    const succ = next[t];
    if (pos[t] < succ.length) {
      const w = succ[pos[t]++];
      if (w < 0 || w >= n) return fail(`jump out of range from insn ${t} to ${w}`);
      if (state[w] === 0) {
        state[w] = DISCOVERED;
        stack.push(w);
      } else if (state[w] === DISCOVERED) {
        if (!privileged) return fail(`back-edge from insn ${t} to ${w}`);
      }
    } else {
      state[t] = EXPLORED;
      stack.pop();
    }
  }
  for (let pc = 0; pc < n; pc++) {
    if (state[pc] !== EXPLORED) return fail(`unreachable insn ${pc}`);
    if (insns[pc].code === 0x18) {
      if (state[pc + 1] !== 0) return fail(`jump into the middle of ldimm64 insn ${pc}`);
      pc++;
    }
  }
  computeLiveRegs(insns, aux, subprogs);
  const sl = computeStackLive(insns, subprogs.length);
  for (let pc = 0; pc < n; pc++) aux[pc].stackLive = sl[pc];
  return { error: null, subprogs, aux };
}

/** Helpers that call a BPF_PSEUDO_FUNC callback (prune point at the call). */
/** is_sync_callback_calling_function: a forced checkpoint before the call (callback loops converge). */
export const CALLBACK_HELPERS = new Set([164 /* for_each_map_elem */, 180 /* find_vma */, 181 /* loop */, 209 /* user_ringbuf_drain */]);

/**
 * compute_live_registers: per insn, the registers read before being written on some path.
 * Calls read r1..r5 and write r0..r5; exit reads r0; subprogram calls read r1..r5.
 */
function computeLiveRegs(insns: readonly Insn[], aux: InsnAux[], subprogs: Subprog[]): void {
  const n = insns.length;
  const use = new Int32Array(n);
  const def = new Int32Array(n);
  const succ: number[][] = [];
  for (let pc = 0; pc < n; pc++) {
    const i = insns[pc];
    const cls = BPF_CLASS(i.code);
    const op = BPF_OP(i.code);
    let u = 0;
    let d = 0;
    const s: number[] = [];
    const bit = (r: number): number => (r >= 0 && r < 11 ? 1 << r : 0);
    if (i.code === 0x18) {
      d = bit(i.dst);
      s.push(pc + 2);
    } else if (cls === 0x04 || cls === 0x07) {
      const isX = (i.code & 0x08) !== 0;
      if (op === 0xb0) { u = isX ? bit(i.src) : 0; d = bit(i.dst); }
      else if (op === 0x80 || op === 0xd0) { u = bit(i.dst); d = bit(i.dst); }
      else { u = bit(i.dst) | (isX ? bit(i.src) : 0); d = bit(i.dst); }
      s.push(pc + 1);
    } else if (cls === 0x01) {
      u = bit(i.src); d = bit(i.dst); s.push(pc + 1);
    } else if (cls === 0x02) {
      u = bit(i.dst); s.push(pc + 1);
    } else if (cls === 0x03) {
      u = bit(i.dst) | bit(i.src);
      if ((i.code & 0xe0) === 0xc0 && (i.imm & 1)) {
        if (i.imm === 0xf1) { u |= 1; d = 1; } else d = bit(i.src);
        if (i.imm === 0x100) { u = bit(i.src); d = bit(i.dst); }
      }
      s.push(pc + 1);
    } else if (cls === 0x00) {
      u = bit(6); d = 0x3f; s.push(pc + 1);
    } else if (op === BPF_EXIT) {
      u = 1;
    } else if (op === BPF_CALL) {
      const argc = i.src === 0 ? helperProto(i.imm)?.argCount ?? 5 : 5;
      u = ((1 << (argc + 1)) - 1) & ~1; d = 0x3f; s.push(pc + 1);
    } else if (op === BPF_JA) {
      s.push(jumpTarget(insns, pc));
    } else {
      const isX = (i.code & 0x08) !== 0;
      u = (op === 0xe0 ? 0 : bit(i.dst)) | (isX ? bit(i.src) : 0);
      s.push(pc + 1, pc + i.off + 1);
    }
    use[pc] = u & ~(1 << 10);
    def[pc] = d;
    succ.push(s.filter((t) => t >= 0 && t < n));
  }
  void subprogs;
  const live = new Int32Array(n);
  let changed = true;
  while (changed) {
    changed = false;
    for (let pc = n - 1; pc >= 0; pc--) {
      let out = 0;
      for (const t of succ[pc]) out |= live[t];
      const v = use[pc] | (out & ~def[pc]);
      if (v !== live[pc]) { live[pc] = v; changed = true; }
    }
  }
  for (let pc = 0; pc < n; pc++) aux[pc].live = live[pc];
}

/** check_max_stack_depth over the static call graph, after a successful walk. */
export function checkMaxStackDepth(insns: readonly Insn[], subprogs: Subprog[]): string | null {
  const idxOf = (pc: number): number => subprogs.findIndex((s) => s.start === pc);
  // round_up_stack_depth: with the JIT (always on for the 6.18 kernels we model) each frame counts
  // rounded up to 16 bytes; the interpreter's 32-byte granularity applies only without it
  // (kernel golden: two 260-byte frames -> "combined stack size of 2 calls is 544").
  const frameSize = (k: number): number => Math.ceil(subprogs[k].stackDepth / 16) * 16;
  const roots = [0, ...subprogs.map((s, k) => (s.isCallback ? k : -1)).filter((k) => k > 0)];
  for (const root of roots) {
    let err: string | null = null;
    const walk = (k: number, depth: number, frames: number, path: number[]): void => {
      if (err) return;
      const total = depth + frameSize(k);
      if (frames > 8) { err = `the call stack of ${frames - 1} frames is too deep !`; return; }
      if (total > 512) { err = `combined stack size of ${frames} calls is ${total}. Too large`; return; }
      const sp = subprogs[k];
      for (let pc = sp.start; pc < sp.end; pc++) {
        if (isPseudoCall(insns[pc])) walk(idxOf(pc + insns[pc].imm + 1), total, frames + 1, [...path, k]);
        if (insns[pc].code === 0x18) pc++;
      }
    };
    walk(root, 0, 1, []);
    if (err) return err;
  }
  return null;
}
