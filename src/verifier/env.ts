/**
 * The verifier environment (the kernel's `struct bpf_verifier_env`): the program, options, the
 * current state, explored-state lists, counters, and the log buffer with the kernel's
 * reset-to-position mechanics (level 1 keeps only the failing path: a finished path's lines are
 * cut back when the next branch is popped).
 *
 * Does: shared plumbing for check*.ts: `fail()` (a rejection carrying the kernel's line),
 * register reads/writes with the kernel's `R%d !read_ok` / `frame pointer is read only`,
 * scratch marks, fresh ids, the statistics line.
 * Does not: instruction semantics (alu.ts, mem.ts, jmp.ts, calls.ts) or the walk (check.ts).
 * Provenance: log layout measured on 6.18 logs (vlog_alignment: columns rounded to 8 from 40);
 * own code.
 */
import type { Insn } from '../isa/insn.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import type { InsnAux, Subprog } from './cfg.ts';
import { formatState, markClean } from './format.ts';
import type { Frame, GlobalFuncInfo, MapInfo, Reg, VState } from './types.ts';
import { notInit } from './types.ts';
import type { HistEntry } from './precise.ts';
import type { Explorer } from './explore.ts';

/** A rejection: `text` is what the kernel prints (possibly several lines, no trailing newline). */
export class Reject extends Error {
  readonly text: string;
  constructor(text: string) {
    super(text);
    this.text = text;
  }
}

export function fail(text: string): never {
  throw new Reject(text);
}

export class Log {
  private pieces: string[] = [];
  private len = 0;
  constructor(readonly level: number) {}
  write(s: string): void {
    if (!s) return;
    this.pieces.push(s);
    this.len += s.length;
  }
  get end(): number {
    return this.len;
  }
  get buf(): string {
    if (this.pieces.length > 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0] ?? '';
  }
  /** Cut the log back to `pos` characters. */
  reset(pos: number): void {
    const p = Math.max(0, pos);
    while (this.len > p && this.pieces.length) {
      const last = this.pieces[this.pieces.length - 1];
      if (this.len - last.length >= p) {
        this.pieces.pop();
        this.len -= last.length;
      } else {
        const keep = last.length - (this.len - p);
        this.pieces[this.pieces.length - 1] = last.slice(0, keep);
        this.len = p;
      }
    }
  }
}

export function vlogAlignment(pos: number): number {
  return Math.ceil(Math.max(pos + 4, 40) / 8) * 8 - pos - 1;
}

export interface Pending {
  st: VState;
  insnIdx: number;
  prevInsnIdx: number;
  logPos: number;
  /** Explorer node of the branching instruction (-1 without a recorder). */
  node: number;
}

export interface Env {
  insns: readonly Insn[];
  progType: ProgTypeName;
  attachType: string;
  /** The attach target of a BTF-typed program (VerifyOptions.attachTo; btfCtx.ts). */
  attachTo?: string;
  /** Loads through BTF pointers per insn: 'probe' → BPF_PROBE_MEM, 'kernel' → plain (btfCtx.ts). */
  btfLoads?: Map<number, 'probe' | 'kernel'>;
  maps: MapInfo[];
  privileged: boolean;
  subprogs: Subprog[];
  aux: InsnAux[];
  log: Log;
  cur: VState;
  insnIdx: number;
  prevInsnIdx: number;
  stack: Pending[];
  explored: Map<number, VState[]>;
  /** Checkpoints per kernel hash bucket ((insn ^ callsite) % prog length; max_states_per_insn counts buckets). */
  bucketStates: Map<number, number>;
  processed: number;
  jmpsProcessed: number;
  prevJmps: number;
  prevProcessed: number;
  totalStates: number;
  peakStates: number;
  /** Checkpoints currently kept (explored_states size). */
  liveStates: number;
  maxStatesPerInsn: number;
  idGen: number;
  prevLogPos: number;
  prevInsnPrintPos: number;
  /** Per insn, states seen before it (UI), filled when `uiStates`. */
  seen: string[][];
  uiStates: boolean;
  /** VerifyOptions.globalFuncs, and the ones the walk has called (verified after the main program). */
  globalFuncs?: GlobalFuncInfo[];
  globalCalled?: Set<number>;
  /** Verifying a global function on its own: its exit returns a scalar to an unknown caller. */
  inGlobalFunc?: boolean;
  /** VerifyOptions.funcInfo. */
  funcInfo?: boolean;
  /** History entry of the instruction being processed. */
  curEntry: HistEntry | undefined;
  /** The current insn already has a jump-history entry (env->cur_hist_ent). */
  histCounted?: boolean;
  /** The explored-state recorder (only when verify() was asked for `explore`). */
  explorer?: Explorer;
  /** The walk restarts after a speculative path ended in a complaint (print the popped state). */
  resumeFromPop?: boolean;
  /** push_stack for rules outside the walk (speculative paths of pointer sanitation). */
  push?: (target: number, prev: number) => VState;
  /** Spectre v1 sanitation (unprivileged): pointer arithmetic with unknown scalars seen. */
  exploreAluLimits?: boolean;
  /** Set by is_state_visited for the recorder: the checkpoint stored / the one that pruned. */
  visitNew?: VState;
  visitHit?: VState;
}

export function frame(env: Env): Frame {
  return env.cur.frames[env.cur.curframe];
}

export function reg(env: Env, r: number): Reg {
  return frame(env).regs[r];
}

export function scratchReg(env: Env, r: number): void {
  env.cur.scratchedRegs |= 1 << r;
}

/** check_reg_arg(SRC_OP): the register must hold a value. */
export function readReg(env: Env, r: number): Reg {
  if (r > 10) fail(`R${r} is invalid`);
  scratchReg(env, r);
  const v = frame(env).regs[r];
  if (v.type === 'not_init') fail(`R${r} !read_ok`);
  return v;
}

/** check_reg_arg(DST_OP_NO_MARK) then mark: r10 cannot be written. */
export function checkWritable(env: Env, r: number): void {
  if (r > 10) fail(`R${r} is invalid`);
  if (r === 10) fail('frame pointer is read only');
  scratchReg(env, r);
}

export function setReg(env: Env, r: number, v: Reg): void {
  // __mark_reg_unknown: without CAP_BPF every scalar is precise (reg->precise = !bpf_capable).
  if (!env.privileged && v.type === 'scalar' && !v.precise) v = { ...v, precise: true };
  frame(env).regs[r] = v;
  scratchReg(env, r);
}

export function newId(env: Env): number {
  return ++env.idGen;
}

/**
 * push_jmp_history: at most one entry per processed insn (a jump point, a register spill or fill,
 * linked scalars at a conditional jump); `is_state_visited` forces a checkpoint past 40.
 */
export function pushJmpHistory(env: Env): void {
  if (env.histCounted) return;
  env.histCounted = true;
  env.cur.jmpHistCnt = (env.cur.jmpHistCnt ?? 0) + 1;
}

/** print_insn_state: the `   ; R0=...` tail on the insn line, or `N: ...` on its own line. */
export function printInsnState(env: Env): void {
  const log = env.log;
  if (log.level === 0) return;
  const st = env.cur;
  const text = formatState(st, false);
  if (st.scratchedRegs === 0 && st.scratchedSlots.size === 0) {
    markClean(st);
    return;
  }
  if (env.prevLogPos && env.prevLogPos === log.end) {
    log.reset(env.prevLogPos - 1);
    log.write(' '.repeat(vlogAlignment(env.prevInsnPrintPos)) + ';');
  } else {
    log.write(`${env.insnIdx}:`);
  }
  log.write(text);
  markClean(st);
}

export function clobberCallerSaved(f: Frame): void {
  for (let r = 0; r <= 5; r++) f.regs[r] = notInit();
}

export function statsLines(env: Env): string {
  const depth = env.subprogs.length ? env.subprogs.map((s) => s.stackDepth).join('+') : '0';
  return `stack depth ${depth}\nprocessed ${env.processed} insns (limit 1000000) max_states_per_insn ${env.maxStatesPerInsn} total_states ${env.totalStates} peak_states ${env.peakStates} mark_read 0\n`;
}
