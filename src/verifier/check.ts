/**
 * The walk (do_check of 6.18): depth-first over paths with a stack of pending branches,
 * checkpoints and pruning at prune points (is_state_visited, with the kernel's heuristics for
 * adding states and its "infinite loop detected" test), per-instruction dispatch, exits (return
 * value ranges, unreleased references, returning from subprograms), the 1M-insn complexity limit,
 * and the kernel's level-1/level-2 log printing.
 *
 * Does not: precision backtracking (mark_precise lines are not printed; scalars are compared as
 * precise, see prune.ts), speculative paths, may_goto / open-coded iterators / callbacks (refused
 * with a clear message), BPF_LD_ABS/IND beyond the basic rules.
 * Provenance: the kernel's algorithm as described publicly (Documentation/bpf/verifier.rst and
 * the verifier's observable logs on 6.18); own code.
 */
import type { Insn } from '../isa/insn.ts';
import { ldImm64Value } from '../isa/insn.ts';
import { disassembleInsn } from '../isa/disasm.ts';
import { validateInsns } from '../isa/validate.ts';
import {
  BPF_CLASS, BPF_OP, BPF_MODE, BPF_SIZE, BPF_LD, BPF_LDX, BPF_ST, BPF_STX, BPF_ALU, BPF_ALU64, BPF_JMP, BPF_JMP32,
  BPF_CALL, BPF_EXIT, BPF_JA, BPF_MEMSX, BPF_ATOMIC, sizeBytes,
} from '../isa/opcodes.ts';
import { exitRange } from '../kernel/progtypes/progTypes.ts';
import { S64_MAX, S64_MIN, scalarConst, scalarUnknown } from './domains/scalar.ts';
import { checkAlu } from './alu.ts';
import { checkHelperCall, checkSubprogCall, returnFromSubprog } from './calls.ts';
import { isPseudoCall, isPseudoFunc } from './cfg.ts';
import { type Env, Reject, checkWritable, clobberCallerSaved, fail, frame, readReg, setReg, printInsnState, pushJmpHistory } from './env.ts';
import { formatState, markClean, regTypeStr, stateForUi } from './format.ts';
import { checkCondJmp, linkedRegLive } from './jmp.ts';
import { checkMemAccess } from './mem.ts';
import { logLineInfo } from './linfo.ts';
import { statesEqual } from './prune.ts';
import { type HistEntry, markPrecise, propagatePrecision } from './precise.ts';
import { type Reg, type VState, baseId, copyState, ptrReg, scalarReg, BPF_COMPLEXITY_LIMIT_INSNS } from './types.ts';

/** Walk-time encoding complaints from validateInsns, by slot. */
function walkProblems(insns: readonly Insn[]): Map<number, string> {
  const m = new Map<number, string>();
  for (const p of validateInsns(insns)) m.set(p.pc, p.kernel);
  return m;
}

/** Complaints the kernel gives before reading any operand (reserved fields, bad register numbers). */
const EARLY = /uses reserved fields|is invalid$|^invalid may_goto|^invalid atomic|^BPF_ATOMIC uses|^invalid func|^addr_space_cast/;

function updateBranchCounts(env: Env, st: VState | undefined): void {
  while (st) {
    st.branches--;
    if (st.branches > 0) break;
    // maybe_free_verifier_state: a checkpoint evicted while still in progress waits on the free
    // list (counted in peak_states) until its last branch is done
    if (st.evicted) { st.evicted = false; env.liveStates--; }
    st = st.parent;
  }
}

function pushStack(env: Env, target: number, prev: number): VState {
  const cur = env.cur;
  const copy = copyState(cur);
  if (cur.parent) cur.parent.branches++;
  env.stack.push({ st: copy, insnIdx: target, prevInsnIdx: prev, logPos: env.log.end, node: env.explorer ? env.explorer.cur : -1 });
  if (env.stack.length > 8192) fail(`The sequence of ${env.stack.length} jumps is too complex.`);
  return copy;
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/** is_state_visited: 1 = prune this path. */
function isStateVisited(env: Env, idx: number): number {
  const cur = env.cur;
  // force_new_state: a forced checkpoint, or a long jump history (jmp_history_cnt > 40)
  const forceNew = env.aux[idx].forceCheckpoint || (cur.jmpHistCnt ?? 0) > 40;
  let addNew = forceNew;
  if (env.jmpsProcessed - env.prevJmps >= 2 && env.processed - env.prevProcessed >= 8) addNew = true;
  const list = env.explored.get(idx) ?? [];
  const live = env.aux[idx].live;
  // explored_state(): the kernel keeps checkpoints in a hash table of prog-length buckets keyed by
  // (insn ^ callsite); states_cnt (max_states_per_insn) counts the whole bucket, other insns too.
  const bucket = ((idx ^ cur.frames[cur.curframe].callsite) >>> 0) % env.insns.length;
  const statesCnt = env.bucketStates.get(bucket) ?? 0;
  const mayGoto = env.insns[idx].code === 0xe5;
  for (let i = 0; i < list.length; i++) {
    const old = list[i];
    if (mayGoto && old.mayGotoDepth !== cur.mayGotoDepth && statesEqual(old, cur, live, 'range', env.aux[idx].stackLive, !!env.exploreAluLimits, env.privileged)) {
      env.visitHit = old;
      old.hit++;
      // 6.18 keeps a copy of the state that closed the loop (an SCC backedge) until the loop is done.
      if (old.branches > 0 && env.liveStates + 1 > env.peakStates) env.peakStates = env.liveStates + 1;
      propagatePrecision(env, old);
      return 1;
    }
    if (old.branches > 0 && env.aux[idx].callsCallback) {
      // calls_callback: a callback loop converges when a state at the call repeats in range.
      if (statesEqual(old, cur, live, 'range', env.aux[idx].stackLive, !!env.exploreAluLimits, env.privileged)) {
        env.visitHit = old;
        old.hit++;
        propagatePrecision(env, old);
        return 1;
      }
    } else if (old.branches > 0) {
      if (old.mayGotoDepth === cur.mayGotoDepth && (old.callbackUnrollDepth ?? 0) === (cur.callbackUnrollDepth ?? 0) && statesEqual(old, cur, live, true, env.aux[idx].stackLive)) {
        fail(`infinite loop detected at insn ${idx}\ncur state:${formatState(cur, true).replace(/\n$/, '')}\nold state:${formatState(old, true).replace(/\n$/, '')}`);
      }
      if (!forceNew && env.jmpsProcessed - env.prevJmps < 20 && env.processed - env.prevProcessed < 100) addNew = false;
    } else if (statesEqual(old, cur, live, false, env.aux[idx].stackLive, !!env.exploreAluLimits, env.privileged)) {
      env.visitHit = old;
      old.hit++;
      propagatePrecision(env, old);
      return 1;
    }
    if (addNew) old.miss++;
    const n = env.aux[idx].forceCheckpoint && old.branches > 0 ? 64 : 3;
    if (old.miss > old.hit * n + n) {
      list.splice(i, 1);
      i--;
      if (old.bucket !== undefined) env.bucketStates.set(old.bucket, (env.bucketStates.get(old.bucket) ?? 1) - 1);
      if (old.branches === 0) env.liveStates--; // in-progress states stay allocated in the kernel
      else old.evicted = true;

    }
  }
  if (statesCnt > env.maxStatesPerInsn) env.maxStatesPerInsn = statesCnt;
  if (!addNew) return 0;
  env.totalStates++;
  env.liveStates++;
  if (env.liveStates > env.peakStates) env.peakStates = env.liveStates;
  const n = copyState(cur);
  n.branches = 1;
  n.evicted = false;
  n.parent = cur.parent;
  n.insnIdx = idx;
  n.bucket = bucket;
  env.bucketStates.set(bucket, (env.bucketStates.get(bucket) ?? 0) + 1);
  list.unshift(n);
  env.explored.set(idx, list);
  env.visitNew = n;
  n.hit = 0;
  n.miss = 0;
  n.hist = cur.hist;
  cur.hist = [];
  cur.jmpHistCnt = 0; // clear_jmp_history
  cur.parent = n;
  cur.dfsDepth = n.dfsDepth + 1;
  env.prevJmps = env.jmpsProcessed;
  env.prevProcessed = env.processed;
  return 0;
}

/** A map's address (src 1) or the address of its value plus the offset (src 2), as the kernel prints it. */
function mapAddr(env: Env, idx: number, off = 0): string {
  if (!env.privileged) return '0x0'; // addresses are hidden from a loader without CAP_PERFMON
  return '0x' + (0xffff888100000000n + BigInt(idx) * 0x400n + BigInt(off)).toString(16);
}

export function insnText(env: Env, pc: number): string {
  return disassembleInsn(env.insns, pc, {
    dialect: 'kernel',
    ldImm64Text: (p, _v, i) => (i.src === 1 || i.src === 2 ? mapAddr(env, i.imm, i.src === 2 ? env.insns[p + 1]?.imm ?? 0 : 0) : undefined),
  });
}

function checkLdImm64(env: Env, insn: Insn, pc: number): void {
  checkWritable(env, insn.dst);
  switch (insn.src) {
    case 0:
      setReg(env, insn.dst, scalarReg(scalarConst(BigInt.asIntN(64, ldImm64Value(env.insns, pc)))));
      return;
    case 1:
      setReg(env, insn.dst, ptrReg('map_ptr', { map: env.maps[insn.imm] }));
      return;
    case 2:
      setReg(env, insn.dst, ptrReg('map_value', { map: env.maps[insn.imm], off: env.insns[pc + 1].imm }));
      return;
    case 4: {
      if (!env.funcInfo) fail('missing btf func_info');
      const target = pc + insn.imm + 1;
      setReg(env, insn.dst, ptrReg('func', { subprogno: env.subprogs.findIndex((s) => s.start === target) }));
      return;
    }
    default:
      fail('unrecognized bpf_ld_imm64 insn');
  }
}

function checkLdAbs(env: Env, insn: Insn): void {
  if (!['socket_filter', 'sched_cls', 'sched_act'].includes(env.progType)) fail('BPF_LD_[ABS|IND] instructions not allowed for this program type');
  if (env.cur.refs.length) fail('BPF_LD_[ABS|IND] cannot be mixed with socket references');
  if (env.cur.curframe) fail('BPF_LD_[ABS|IND] instructions cannot be mixed with bpf-to-bpf calls');
  const r6 = readReg(env, 6);
  if ((insn.code & 0xe0) === 0x40) readReg(env, insn.src);
  if (r6.type !== 'ctx') fail('at the time of BPF_LD_ABS|IND R6 != pointer to skb');
  const f = frame(env);
  clobberCallerSaved(f);
  setReg(env, 0, scalarReg(scalarUnknown()));
}

function checkAtomic(env: Env, insn: Insn): void {
  const imm = insn.imm;
  const size = sizeBytes(BPF_SIZE(insn.code));
  if (imm === 0x100) { // load_acquire: dst = *(src + off)
    readReg(env, insn.src);
    checkWritable(env, insn.dst);
    const s = frame(env).regs[insn.src];
    if (s.type === 'ctx' || s.type === 'pkt' || s.type === 'pkt_meta') fail(`BPF_ATOMIC loads from R${insn.src} ${regTypeStr(s)} is not allowed`);
    const v = checkMemAccess(env, insn.src, insn.off, size, 'read', { valueRegno: insn.dst, srcRegno: -1, ldsx: false, strictAlign: true });
    setReg(env, insn.dst, v ?? scalarReg(scalarUnknown()));
    return;
  }
  if (imm === 0x110) { // store_release: *(dst + off) = src
    readReg(env, insn.src);
    const d = readReg(env, insn.dst);
    if (d.type === 'ctx' || d.type === 'pkt' || d.type === 'pkt_meta') fail(`BPF_ATOMIC stores into R${insn.dst} ${regTypeStr(d)} is not allowed`);
    checkMemAccess(env, insn.dst, insn.off, size, 'write', { valueRegno: -1, srcRegno: insn.src, ldsx: false, strictAlign: true });
    return;
  }
  if (imm === 0xf1) readReg(env, 0);
  readReg(env, insn.src);
  const d = readReg(env, insn.dst);
  if (d.type === 'ctx' || d.type === 'pkt' || d.type === 'pkt_meta' || d.type === 'sock' || d.type === 'sock_common' || d.type === 'tcp_sock') {
    fail(`BPF_ATOMIC stores into R${insn.dst} ${regTypeStr(d)} is not allowed`);
  }
  const loadReg = imm & 1 ? (imm === 0xf1 ? 0 : insn.src) : -1;
  if (loadReg >= 0) checkWritable(env, loadReg);
  checkMemAccess(env, insn.dst, insn.off, size, 'read', { valueRegno: -1, srcRegno: -1, ldsx: false, strictAlign: true });
  let v;
  if (loadReg >= 0) v = checkMemAccess(env, insn.dst, insn.off, size, 'read', { valueRegno: loadReg, srcRegno: -1, ldsx: false, strictAlign: true });
  checkMemAccess(env, insn.dst, insn.off, size, 'write', { valueRegno: -1, srcRegno: -1, ldsx: false, strictAlign: true });
  if (loadReg >= 0) setReg(env, loadReg, v && v.type === 'scalar' ? v : scalarReg(scalarUnknown()));
}

function checkExit(env: Env): void {
  const st = env.cur;
  if (st.curframe === 0 && st.refs.length) {
    fail(st.refs.map((r) => `Unreleased reference id=${r.id} alloc_insn=${r.insnIdx}`).join('\n') + '\nBPF_EXIT instruction in main prog would lead to reference leak');
  }
  if (st.curframe) return;
  readReg(env, 0);
  if (env.inGlobalFunc) {
    const r0 = frame(env).regs[0];
    if (r0.type !== 'scalar') fail(`At subprogram exit the register R0 is not a scalar value (${regTypeStr(r0)})`);
    return;
  }
  if (!env.privileged && frame(env).regs[0].type !== 'scalar') fail('R0 leaks addr as return value');
  const range = exitRange(env.progType, env.attachType);
  if (!range) return;
  const r0 = frame(env).regs[0];
  if (r0.type !== 'scalar') fail(`At program exit the register R0 is not a known value (${regTypeStr(r0)})`);
  markPrecise(env, 1, [], 1);
  const [lo, hi] = range;
  if (r0.s.smin < BigInt(lo) || r0.s.smax > BigInt(hi)) {
    let t = 'At program exit the register R0 has';
    let unknown = true;
    if (r0.s.smin > S64_MIN) { t += ` smin=${r0.s.smin}`; unknown = false; }
    if (r0.s.smax < S64_MAX) { t += ` smax=${r0.s.smax}`; unknown = false; }
    if (unknown) t += ' unknown scalar value';
    fail(`${t} should have been in [${lo}, ${hi}]`);
  }
}

function specLabel(env: Env): string {
  return env.cur.speculative ? ' (speculative execution)' : '';
}

/** error_recoverable_with_nospec: EPERM/EACCES/EINVAL complaints on a speculative path. */
const NOT_RECOVERABLE = /^BPF program is too large|^The sequence of|not modelled|^internal/;

/** Walk every path from insn 0. Throws Reject on the first complaint. */
export function doCheck(env: Env): void {
  env.push = (target, prev) => pushStack(env, target, prev);
  for (;;) {
    try {
      walk(env);
      return;
    } catch (e) {
      // 6.18: an unsafe insn on a speculative path gets a nospec barrier; the path ends there.
      if (!(e instanceof Reject) || !env.cur.speculative || NOT_RECOVERABLE.test(e.text)) throw e;
      env.log.write(`${e.text}\n`);
      if (!popNext(env)) return;
      env.resumeFromPop = true;
    }
  }
}

function walk(env: Env): void {
  const insns = env.insns;
  const problems = walkProblems(insns);
  const log = env.log;
  let doPrintState = env.resumeFromPop === true;
  env.resumeFromPop = false;
  for (;;) {
    const idx = env.insnIdx;
    const insn = insns[idx];
    if (insn === undefined) fail(`invalid insn idx ${idx} insn_cnt ${insns.length}`);
    env.processed++;
    if (env.processed > BPF_COMPLEXITY_LIMIT_INSNS) fail(`BPF program is too large. Processed ${env.processed} insn`);
    env.cur.scratchedRegs |= 0;
    let pruned = false;
    env.visitHit = undefined;
    env.visitNew = undefined;
    if (env.aux[idx].prune) pruned = isStateVisited(env, idx) === 1;
    if (env.uiStates && env.seen[idx].length < 64) env.seen[idx].push(stateForUi(env.cur));
    if (env.explorer) {
      const k = env.explorer.visit(idx, env.prevInsnIdx, env.cur);
      if (k >= 0) {
        const node = env.explorer.nodes[k];
        node.pruned = pruned;
        const hit = env.visitHit as VState | undefined;
        const stored = env.visitNew as VState | undefined;
        node.prunedBy = hit?.node ?? -1;
        if (stored) { node.checkpoint = true; stored.node = k; }
      }
    }
    if (pruned) {
      if (log.level) log.write(doPrintState ? `\nfrom ${env.prevInsnIdx} to ${idx}${specLabel(env)}: safe\n` : `${idx}: safe\n`);
      if (popNext(env)) { doPrintState = true; continue; }
      return;
    }
    if (log.level >= 2 && doPrintState) {
      log.write(`\nfrom ${env.prevInsnIdx} to ${idx}${specLabel(env)}:${formatState(env.cur, true)}`);
    }
    doPrintState = false;
    if (log.level) {
      printInsnState(env);
      logLineInfo(env, idx);
      env.prevLogPos = log.end;
      log.write(`${idx}: ${insnText(env, idx)}\n`);
      env.prevInsnPrintPos = log.end - env.prevLogPos;
      env.prevLogPos = log.end;
    }
    const problem = problems.get(idx);
    if (problem && EARLY.test(problem)) fail(problem);
    const entry: HistEntry = { idx, spi: -1, linked: 0, linkedSlots: [], frame: env.cur.curframe };
    if ((BPF_CLASS(insn.code) === BPF_JMP || BPF_CLASS(insn.code) === BPF_JMP32) && BPF_OP(insn.code) !== BPF_CALL) linkedOf(env, insn, entry);
    env.cur.hist.push(entry);
    env.curEntry = entry;
    env.histCounted = false;
    if (env.aux[idx].jmpPoint) pushJmpHistory(env);
    if (popcount(entry.linked) + entry.linkedSlots.length > 1) pushJmpHistory(env);
    const cls = BPF_CLASS(insn.code);
    env.prevInsnIdx = idx;
    if (cls === BPF_ALU || cls === BPF_ALU64) {
      checkAlu(env, insn, problem);
      env.insnIdx = idx + 1;
    } else if (cls === BPF_LDX) {
      if (problem) fail(problem);
      readReg(env, insn.src);
      checkWritable(env, insn.dst);
      const ldsx = BPF_MODE(insn.code) === BPF_MEMSX;
      const v = checkMemAccess(env, insn.src, insn.off, sizeBytes(BPF_SIZE(insn.code)), 'read', { valueRegno: insn.dst, srcRegno: -1, ldsx, strictAlign: false });
      setReg(env, insn.dst, v ?? scalarReg(scalarUnknown()));
      env.insnIdx = idx + 1;
    } else if (cls === BPF_STX) {
      if (problem) fail(problem);
      if (BPF_MODE(insn.code) === BPF_ATOMIC) {
        checkAtomic(env, insn);
      } else {
        readReg(env, insn.src);
        readReg(env, insn.dst);
        checkMemAccess(env, insn.dst, insn.off, sizeBytes(BPF_SIZE(insn.code)), 'write', { valueRegno: -1, srcRegno: insn.src, ldsx: false, strictAlign: false });
      }
      env.insnIdx = idx + 1;
    } else if (cls === BPF_ST) {
      if (problem) fail(problem);
      readReg(env, insn.dst);
      checkMemAccess(env, insn.dst, insn.off, sizeBytes(BPF_SIZE(insn.code)), 'write', { valueRegno: -1, srcRegno: -1, stImm: insn.imm, ldsx: false, strictAlign: false });
      env.insnIdx = idx + 1;
    } else if (cls === BPF_LD) {
      if (problem) fail(problem);
      const mode = BPF_MODE(insn.code);
      if (mode === 0 && insn.code === 0x18) {
        checkLdImm64(env, insn, idx);
        env.insnIdx = idx + 2;
      } else if (mode === 0x20 || mode === 0x40) {
        checkLdAbs(env, insn);
        env.insnIdx = idx + 1;
      } else {
        fail('invalid BPF_LD mode');
      }
    } else if (cls === BPF_JMP || cls === BPF_JMP32) {
      env.jmpsProcessed++;
      const op = BPF_OP(insn.code);
      if (problem) fail(problem);
      if (op === BPF_CALL) {
        if (isPseudoCall(insn)) env.insnIdx = checkSubprogCall(env, insn);
        else if (insn.src === 0) { checkHelperCall(env, insn); env.insnIdx = idx + 1; }
        else fail('kernel function calls are not modelled by this verifier');
      } else if (op === BPF_JA) {
        env.insnIdx = cls === BPF_JMP32 ? idx + insn.imm + 1 : idx + insn.off + 1;
      } else if (op === BPF_EXIT) {
        checkExit(env);
        if (env.cur.curframe) {
          env.insnIdx = returnFromSubprog(env);
          doPrintState = true;
          continue;
        }
        if (popNext(env)) { doPrintState = true; continue; }
        return;
      } else if (op === 0xe0) {
        // may_goto: explore the jump first, queue the fall-through one iteration deeper.
        const prev = findPrevEntry(env, idx);
        const q = pushStack(env, idx + 1, idx);
        q.mayGotoDepth++;
        if (prev) widenImpreciseScalars(prev, q);
        env.insnIdx = idx + insn.off + 1;
      } else {
        env.insnIdx = checkCondJmp(env, insn, (target) => pushStack(env, target, idx));
        if (log.level) printInsnState(env);
      }
    } else {
      fail(`unknown insn class ${cls}`);
    }
    void isPseudoFunc;
  }
}

/** find_prev_entry: a checkpoint at `idx` on the current DFS path, before the last one. */
function findPrevEntry(env: Env, idx: number): VState | undefined {
  const p = env.cur.parent;
  if (!p) return undefined;
  const list = env.explored.get(idx) ?? [];
  for (let i = 0; i < list.length; i++) {
    const st = list[i];
    if (st.insnIdx === idx && st.branches > 0 && st.dfsDepth < p.dfsDepth && sameCallsites(st, p)) return st;
  }
  return undefined;
}

function sameCallsites(a: VState, b: VState): boolean {
  if (a.curframe !== b.curframe) return false;
  for (let i = a.curframe; i >= 0; i--) if (a.frames[i].callsite !== b.frames[i].callsite) return false;
  return true;
}

/** find_prev_entry(env, st, idx) for a callback return: a checkpoint at `idx` on the DFS path of `st`. */
export function findPrevEntryOf(env: Env, st: VState, idx: number): VState | undefined {
  const list = env.explored.get(idx) ?? [];
  for (let i = 0; i < list.length; i++) {
    const o = list[i];
    if (o.insnIdx === idx && o.branches > 0 && o.dfsDepth < st.dfsDepth && sameCallsites(o, st)) return o;
  }
  return undefined;
}

/** widen_imprecise_scalars: imprecise scalars that changed since the loop entry become unknown. */
export function widenImpreciseScalars(old: VState, cur: VState): void {
  for (let fi = old.curframe; fi >= 0; fi--) {
    const of = old.frames[fi];
    const cf = cur.frames[fi];
    if (!cf) continue;
    for (let r = 0; r < 11; r++) {
      const o = of.regs[r];
      const c = cf.regs[r];
      if (o.type === 'scalar' && c.type === 'scalar' && !o.precise && !c.precise && !regsSame(o, c)) cf.regs[r] = scalarReg(scalarUnknown());
    }
    for (let k = 0; k < Math.min(of.stack.length, cf.stack.length); k++) {
      const o = of.stack[k]?.spilled;
      const c = cf.stack[k]?.spilled;
      if (!o || !c || of.stack[k].bytes[7] !== 'r' || cf.stack[k].bytes[7] !== 'r') continue;
      if (o.type === 'scalar' && c.type === 'scalar' && !o.precise && !c.precise && !regsSame(o, c)) cf.stack[k].spilled = scalarReg(scalarUnknown());
    }
  }
}

function regsSame(a: Reg, b: Reg): boolean {
  const x = a.s;
  const y = b.s;
  return x.var_off.value === y.var_off.value && x.var_off.mask === y.var_off.mask && x.smin === y.smin && x.smax === y.smax &&
    x.umin === y.umin && x.umax === y.umax && x.s32_min === y.s32_min && x.s32_max === y.s32_max &&
    x.u32_min === y.u32_min && x.u32_max === y.u32_max && a.id === b.id;
}

/** Registers and slots linked by scalar id to a jump's operands (sync_linked_regs partners). */
function linkedOf(env: Env, insn: Insn, e: HistEntry): void {
  const f = frame(env);
  const ids = new Set<number>();
  for (const r of [insn.dst, (insn.code & 0x08) ? insn.src : -1]) {
    const x = r >= 0 && r <= 10 ? f.regs[r] : undefined;
    if (x && x.type === 'scalar' && x.id) ids.add(baseId(x.id));
  }
  if (!ids.size) return;
  f.regs.forEach((x, r) => { if (x.type === 'scalar' && ids.has(baseId(x.id)) && (r === insn.dst || linkedRegLive(env, env.cur, env.cur.curframe, r))) e.linked |= 1 << r; });
  f.stack.forEach((sl, k) => { if (sl?.spilled?.type === 'scalar' && sl.bytes[7] === 'r' && ids.has(baseId(sl.spilled.id))) e.linkedSlots.push(k); });
  if (env.cur.frames.length > 1) {
    env.cur.frames.forEach((g, gi) => { if (g !== f) g.regs.forEach((x, r) => { if (x.type === 'scalar' && ids.has(baseId(x.id)) && linkedRegLive(env, env.cur, gi, r)) e.linked = 0x7ff; }); });
  }
}

/** Finish the current path and take the next pending branch; false when none is left. */
function popNext(env: Env): boolean {
  updateBranchCounts(env, env.cur.parent);
  const next = env.stack.pop();
  if (!next) return false;
  if (env.log.level === 1) env.log.reset(next.logPos);
  env.cur = next.st;
  env.insnIdx = next.insnIdx;
  if (env.explorer) { env.explorer.cur = next.node; env.explorer.nextEdge = 'branch'; }
  env.prevInsnIdx = next.prevInsnIdx;
  // mark_verifier_state_scratched: the next print shows the whole state.
  const st = env.cur;
  st.scratchedRegs = 0x7ff;
  st.frames[st.curframe].stack.forEach((_, k) => st.scratchedSlots.add(k));
  return true;
}

export { Reject, markClean };
