/**
 * `verify()`: the Linux 6.18 verifier re-implemented for the playground — load-time checks and
 * CFG (cfg.ts), the path walk with abstract register/stack states, helpers, references and
 * pruning (check.ts and friends), the post-walk stack-depth check, and the kernel-format log
 * (level 0: complaint + statistics; 1: the failing path; 2: everything, with the
 * "Live regs before insn" table first).
 *
 * Honesty rule: whatever is not modelled is a rejection with a message saying so, never an accept.
 * Never throws: internal failures become a rejection too.
 *
 * Unprivileged loads (`unprivileged: true`, no CAP_BPF/CAP_PERFMON/CAP_SYS_ADMIN): the program
 * types and helpers such a loader gets, pointer leaks, pointer comparisons, uninitialized stack,
 * precise scalars and the Spectre v1 speculative paths (unpriv.ts and where the kernel checks).
 * BTF-typed pointers (task_struct and friends, btf.ts), dynptrs (dynptr.ts), may_goto.
 * BTF-typed contexts of fentry/fexit/fmod_ret/tp_btf/lsm (`attachTo`, btfCtx.ts), and which loads
 * the kernel turns into BPF_PROBE_MEM (`result.probeMem`, `result.kernelLoads`).
 *
 * Callbacks of bpf_loop / bpf_for_each_map_elem when the program comes with func_info
 * (`funcInfo: true`, as libbpf loads a clang -g object); the explored-state tree (`explore`).
 *
 * Source-line comments from BTF line_info (`lineInfo`, linfo.ts).
 *
 * Global functions (`globalFuncs`, with func_info): checked at each call against their BTF
 * parameters, then verified once each on their own after the main program (do_check_subprogs).
 * Map-in-map lookups give the inner map template (`VerifyMap.inner`) as map_ptr after the NULL check.
 * Does not: kfuncs, timers and other async callbacks,
 * spin locks, open-coded iterators.
 * Provenance: see the module files; own code, checked against 6.18 goldens in testdata/corpus.
 */
import type { Insn } from '../isa/insn.ts';
import { checkCfg, checkMaxStackDepth } from './cfg.ts';
import { doCheck, insnText } from './check.ts';
import { isCtxParam, mapTypeId, mapTypeName } from './calls.ts';
import { type Env, Log, Reject, fail, newId, statsLines } from './env.ts';
import { type MapInfo, type VerifyOptions, type VerifyResult, initialState, newFrame, ptrReg, scalarReg } from './types.ts';
import { scalarUnknown } from './domains/scalar.ts';
import { Explorer } from './explore.ts';
import { UNPRIV_PROG_TYPES } from './unpriv.ts';
import { btfLoadLists } from './btfCtx.ts';
import { attachLineInfo } from './linfo.ts';

export type { VerifyOptions, VerifyResult, VerifyMap, GlobalFuncInfo } from './types.ts';
export type { ExploredTree, ExploredNode, FrameView, RegView, SlotView, ScalarView, EdgeKind } from './explore.ts';
export { mapTypeId } from './calls.ts';
export { lineInfoRecords, type VerifierLineInfo } from './linfo.ts';
export { globalFuncsOf, objectVerifyMaps } from './objectInputs.ts';

const QUIRK_NO_NEWLINE = new Set(['expected prog array map for tail call']);

function liveTable(env: Env): string {
  let out = '';
  for (let k = 0; k < env.subprogs.length; k++) out += `func#${k} @${env.subprogs[k].start}\n`;
  out += 'Live regs before insn:\n';
  for (let pc = 0; pc < env.insns.length; pc++) {
    const live = env.aux[pc].live;
    let m = '';
    for (let r = 0; r < 10; r++) m += live & (1 << r) ? String(r) : '.';
    out += `${String(pc).padStart(7)}: ${m} ${insnText(env, pc)}\n`;
    if (env.insns[pc].code === 0x18) pc++;
  }
  return out;
}

/**
 * do_check_subprogs: each global function the walk called, verified on its own from its BTF
 * parameters (and those it calls in turn). Returns the level-1 log lines of the successes.
 */
function checkGlobalFuncs(env: Env): string {
  const done = new Set<number>();
  let safe = '';
  for (let again = true; again;) {
    again = false;
    for (let sub = 1; sub < env.subprogs.length; sub++) {
      const g = env.globalFuncs?.find((x) => x.pc === env.subprogs[sub].start);
      if (!g || done.has(sub) || !env.globalCalled?.has(sub)) continue;
      done.add(sub);
      again = true;
      // the previous walk succeeded: a level-1 log keeps only the failing path
      env.log.reset(env.log.level >= 2 ? env.log.end : 0);
      if (env.log.level) env.log.write(`Validating ${g.name}() func#${sub}...\n`);
      const st = initialState();
      const f = newFrame(0, -1, sub);
      st.frames[0] = f;
      st.scratchedRegs = 1 << 10;
      g.params.forEach((p, i) => {
        const regno = i + 1;
        if (regno > 5) return;
        st.scratchedRegs |= 1 << regno;
        if (p.kind === 'scalar') f.regs[regno] = scalarReg(scalarUnknown());
        else if (isCtxParam(env, p)) f.regs[regno] = ptrReg('ctx');
        else if (p.size > 0) f.regs[regno] = ptrReg('mem', { memSize: p.size, maybeNull: true, id: newId(env) });
        else fail(`arg#${i} reference type('UNKNOWN ') size cannot be determined: -22`);
      });
      env.cur = st;
      env.insnIdx = env.subprogs[sub].start;
      env.prevInsnIdx = -1;
      env.stack = [];
      env.explored = new Map();
      env.bucketStates = new Map();
      env.inGlobalFunc = true;
      doCheck(env);
      env.inGlobalFunc = false;
      env.log.reset(env.log.level >= 2 ? env.log.end : 0);
      const line = `Func#${sub} ('${g.name}') is safe for any args that match its prototype\n`;
      if (env.log.level) env.log.write(line);
      safe += line;
    }
  }
  return safe;
}

/** Verify a program. Never throws. */
export function verify(insns: readonly Insn[], opts: VerifyOptions): VerifyResult {
  const t0 = performance.now();
  const level = opts.logLevel ?? 1;
  const maps: MapInfo[] = (opts.maps ?? []).map((m, index) => ({
    name: m.name, type: mapTypeName(m.type), typeId: mapTypeId(m.type), keySize: m.keySize, valueSize: m.valueSize,
    maxEntries: m.maxEntries, index, flags: m.flags, data: m.data, frozen: m.frozen,
  }));
  (opts.maps ?? []).forEach((m, k) => {
    const t = m.inner !== undefined ? maps.find((x) => x.name === m.inner) : undefined;
    if (t) maps[k].inner = { ...t, name: '', index: -1, data: undefined, frozen: undefined };
  });
  const log = new Log(level);
  const env: Env = {
    insns, progType: opts.progType, attachType: opts.attachType ?? '', attachTo: opts.attachTo, maps, privileged: !opts.unprivileged,
    subprogs: [], aux: [], log, cur: initialState(), insnIdx: 0, prevInsnIdx: -1, stack: [], explored: new Map(), bucketStates: new Map(),
    processed: 0, jmpsProcessed: 0, prevJmps: 0, prevProcessed: 0, totalStates: 0, peakStates: 0, liveStates: 0, maxStatesPerInsn: 0,
    idGen: 0, prevLogPos: 0, prevInsnPrintPos: 0, seen: insns.map(() => []), curEntry: undefined,
    uiStates: opts.stateTexts !== false, funcInfo: opts.funcInfo === true,
    globalFuncs: opts.funcInfo ? opts.globalFuncs : undefined, globalCalled: new Set(),
  };
  let safeLines = '';
  attachLineInfo(env, opts.lineInfo);
  if (opts.explore) env.explorer = new Explorer(insns, typeof opts.explore === 'object' ? opts.explore.maxNodes : undefined, typeof opts.explore === 'object' && opts.explore.light === true);
  const finish = (error: string | null, text: string | null): VerifyResult => {
    const usec = Math.max(1, Math.round((performance.now() - t0) * 1000));
    let body: string;
    if (text === null) {
      body = level >= 2 ? log.buf : safeLines;
    } else {
      body = log.buf + text + (QUIRK_NO_NEWLINE.has(text) ? '' : '\n');
    }
    const full = `${body}verification time ${usec} usec\n${statsLines(env)}`;
    const err = error !== null && QUIRK_NO_NEWLINE.has(error) ? `${error}verification time ${usec} usec` : error;
    return {
      accepted: error === null, error: err, log: full, processed: env.processed, totalStates: env.totalStates,
      peakStates: env.peakStates, states: env.seen,
      ...(env.explorer ? { explored: env.explorer.tree() } : {}),
      ...(env.btfLoads && error === null ? btfLoadLists(env.btfLoads) : {}),
    };
  };
  try {
    for (const m of maps) {
      if (m.typeId < 0) return finish(`map '${m.name}': unknown map type '${m.type}'`, `map '${m.name}': unknown map type '${m.type}'`);
    }
    if (opts.unprivileged && !UNPRIV_PROG_TYPES.includes(opts.progType)) {
      // bpf_prog_load refuses before the verifier runs: EPERM and an empty log.
      return {
        accepted: false, processed: 0, totalStates: 0, peakStates: 0, states: insns.map(() => []), log: '',
        error: `bpf() refuses with EPERM (no verifier log): without CAP_BPF only socket_filter and cgroup_skb programs load, not ${opts.progType}`,
      };
    }
    if (opts.unprivileged && insns.some((i) => (i.code === 0x85 && (i.src === 1 || i.src === 2)) || (i.code === 0x18 && i.src === 4))) {
      const t = 'loading/calling other bpf or kernel functions are allowed for CAP_BPF and CAP_SYS_ADMIN';
      return finish(t, t);
    }
    if (insns.length === 0) return finish('empty program', 'empty program');
    if (insns.length > 1_000_000) {
      const t = `BPF program is too large (${insns.length} insns, limit 1000000)`;
      return finish(t, t);
    }
    const cfg = checkCfg(insns, maps, env.privileged);
    env.aux = cfg.aux;
    env.subprogs = cfg.subprogs.length ? cfg.subprogs : [{ start: 0, end: insns.length, stackDepth: 0, isCallback: false }];
    if (cfg.error) return finish(cfg.error, cfg.error);
    if (level >= 2) log.write(liveTable(env));
    doCheck(env);
    safeLines = checkGlobalFuncs(env);
    const sd = checkMaxStackDepth(insns, env.subprogs);
    if (sd) {
      log.reset(level >= 2 ? log.end : 0);
      return finish(sd, sd);
    }
    // optimize_bpf_loop: an inlinable bpf_loop call takes three 8-byte stack slots in its subprogram.
    for (const sp of env.subprogs) {
      let extra = 0;
      for (let pc = sp.start; pc < sp.end; pc++) if (env.aux[pc].loopInline === true) extra = 24 + ((8 - (sp.stackDepth % 8)) % 8);
      sp.stackDepth += extra;
    }
    // do_misc_fixups: a timed may_goto takes two 8-byte stack slots in its subprogram (x86-64).
    for (const sp of env.subprogs) {
      for (let pc = sp.start; pc < sp.end; pc++) if (insns[pc].code === 0xe5 && insns[pc].src === 0) { sp.stackDepth += 16; break; }
    }
    return finish(null, null);
  } catch (e) {
    if (e instanceof Reject) return finish(e.text.split('\n')[0], e.text);
    const t = `internal verifier error: ${(e as Error)?.message ?? String(e)}`;
    return finish(t, t);
  }
}
