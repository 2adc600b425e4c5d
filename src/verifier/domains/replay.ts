/**
 * Test harness for the scalar domain: parse a real kernel's level-2 verifier log and replay the
 * same walk (the same instructions, in the log's order, following its `from X to Y` pops)
 * through this domain, comparing the text of every scalar register the log prints with
 * formatScalar of ours. Used by goldens.test.ts and by record.ts (to report agreement).
 *
 * It is a deliberately tiny abstract interpreter: only scalars, ALU/ALU64 (K and X, neg, end,
 * movsx), JMP/JMP32 conditional jumps and goto, helper calls (r0 unknown, r1-r5 cleared),
 * ld_imm64 constants, and 8-byte spills to the stack with full or narrow (zero- or
 * sign-extending) fills from the slot's first byte. Ids and precision marks are not modelled:
 * they are taken from the kernel's text (they are the verifier's business, not the domain's);
 * registers the kernel printed with a shared id are synced after a branch (syncLinked), stack
 * slots are not, so cases avoid refilling from a linked slot.
 *
 * Provenance: written for this project; the log format is the public 6.18 level-2 format.
 */

import type { Insn } from '../../isa/insn.ts';
import {
  BPF_ADD,
  BPF_ALU,
  BPF_ALU64,
  BPF_CALL,
  BPF_CLASS,
  BPF_END,
  BPF_EXIT,
  BPF_JA,
  BPF_JMP,
  BPF_JMP32,
  BPF_LDX,
  BPF_MEMSX,
  BPF_MODE,
  BPF_MOV,
  BPF_NEG,
  BPF_OP,
  BPF_SIZE,
  BPF_SRC,
  BPF_STX,
  BPF_TO_BE,
  BPF_X,
  sizeBytes,
} from '../../isa/opcodes.ts';
import {
  type Scalar,
  branchTaken,
  mov32,
  formatScalar,
  refineOnBranch,
  scalarAlu,
  scalarConst,
  scalarConst32,
  scalarEnd,
  scalarUnknown,
  signExtend,
  truncate,
} from './scalar.ts';

/** One line of interest in the log. */
export interface TraceLine {
  /** `insn`: "N: (xx) text ; regs"; `state`: "N: regs"; `from`: "from X to N: regs"; `safe`: a pruned path. */
  kind: 'insn' | 'state' | 'from' | 'safe';
  pc: number;
  from?: number;
  /** Register name (R0..R10) -> printed text, e.g. "scalar(smin=0,...)" or "P5". */
  regs: Record<string, string>;
}

const INSN_RE = /^(\d+): \(([0-9a-f]{2})\) ([^;]*?)\s*(?:;\s*(.*))?$/;
const FROM_RE = /^from (\d+) to (\d+): (.*)$/;
const STATE_RE = /^(\d+): (R\d.*)$/;
const SAFE_RE = /^(?:from (\d+) to )?(\d+): safe$/;

/** Split "R0=scalar(id=1) R6=scalar(smin=0,var_off=(0x0; 0xff)) R10=fp0 fp-8=mmmmmmmm". */
export function parseRegs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /(?:^|\s)(R\d+)(?:_\w+)?=/g;
  const marks: Array<{ name: string; start: number; end: number }> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) marks.push({ name: m[1], start: m.index, end: re.lastIndex });
  marks.forEach((mk, i) => {
    let v = text.slice(mk.end, i + 1 < marks.length ? marks[i + 1].start : text.length).trim();
    v = v.replace(/\s+fp-?\d+.*$/, ''); // stack slots follow the registers
    out[mk.name] = v;
  });
  return out;
}

export function parseLog(log: string): TraceLine[] {
  const out: TraceLine[] = [];
  for (const raw of log.split('\n')) {
    const line = raw.trimEnd();
    let m = SAFE_RE.exec(line);
    if (m) {
      out.push({ kind: 'safe', pc: Number(m[2]), from: m[1] ? Number(m[1]) : undefined, regs: {} });
      continue;
    }
    m = INSN_RE.exec(line);
    if (m) {
      out.push({ kind: 'insn', pc: Number(m[1]), regs: m[4] ? parseRegs(m[4]) : {} });
      continue;
    }
    m = FROM_RE.exec(line);
    if (m) {
      out.push({ kind: 'from', from: Number(m[1]), pc: Number(m[2]), regs: parseRegs(m[3]) });
      continue;
    }
    m = STATE_RE.exec(line);
    if (m) out.push({ kind: 'state', pc: Number(m[1]), regs: parseRegs(m[2]) });
  }
  return out;
}

/** What a register holds in the replay: a scalar, or something else we do not model. */
type Reg = Scalar | 'other' | undefined;

interface State {
  regs: Reg[];
  stack: Map<number, Scalar>;
  /** The id (and link offset) the kernel last printed for each register. */
  ids: Array<{ id: number; off: number } | undefined>;
}

const clone = (s: State): State => ({ regs: [...s.regs], stack: new Map(s.stack), ids: [...s.ids] });

/**
 * sync_linked_regs, as far as the log shows it: registers printed with the same id as a
 * refined register take its new value, shifted by the difference of their `+N` links (a 64-bit
 * add; the 32-bit link flavour is not visible in the text and not modelled). Stack slots are
 * not synced.
 */
function syncLinked(st: State, reg: number): void {
  const k = st.ids[reg];
  const known = st.regs[reg];
  if (!k || known === undefined || known === 'other') return;
  for (let r = 0; r < st.regs.length; r++) {
    const o = st.ids[r];
    if (r === reg || !o || o.id !== k.id) continue;
    st.regs[r] = o.off === k.off ? known : scalarAlu(BPF_ADD, true, known, scalarConst(BigInt(o.off - k.off)));
  }
}

export interface Mismatch {
  line: number;
  pc: number;
  reg: string;
  kernel: string;
  ours: string;
}

export interface ReplayResult {
  /** Register texts compared. */
  compared: number;
  mismatches: Mismatch[];
  /** A problem that stopped the replay (unsupported instruction, lost track of the walk). */
  error?: string;
}

/** The kernel's text split into what we format and what we copy (precision, id). */
function kernelOpts(text: string): { precise: boolean; id?: number; linkOff?: number; isScalar: boolean } {
  const precise = text.startsWith('P');
  const body = precise ? text.slice(1) : text;
  const isScalar = body.startsWith('scalar(') || /^-?(?:\d+|0x[0-9a-f]+)$/.test(body);
  const m = /^scalar\(id=(\d+)([+-]\d+)?/.exec(body);
  return { precise, isScalar, id: m ? Number(m[1]) : undefined, linkOff: m?.[2] ? Number(m[2]) : undefined };
}

function compare(st: State, regs: Record<string, string>, line: number, pc: number, res: ReplayResult): void {
  for (const [name, text] of Object.entries(regs)) {
    const r = st.regs[Number(name.slice(1))];
    const k = kernelOpts(text);
    st.ids[Number(name.slice(1))] = k.id ? { id: k.id, off: k.linkOff ?? 0 } : undefined;
    if (r === undefined || r === 'other') {
      if (r === undefined && k.isScalar) res.mismatches.push({ line, pc, reg: name, kernel: text, ours: '<not init>' });
      continue;
    }
    res.compared++;
    const ours = k.isScalar ? formatScalar(r, k) : '<scalar>';
    if (ours !== text) res.mismatches.push({ line, pc, reg: name, kernel: text, ours });
  }
}

const immConst = (i: Insn): Scalar => scalarConst(BigInt(i.imm));

/** Apply one non-branch instruction; returns a reason when it is not supported. */
function step(st: State, insns: readonly Insn[], pc: number): string | undefined {
  const i = insns[pc];
  const cls = BPF_CLASS(i.code);
  const op = BPF_OP(i.code);
  if (cls === BPF_ALU || cls === BPF_ALU64) {
    const is64 = cls === BPF_ALU64;
    const dst = st.regs[i.dst];
    const srcReg = BPF_SRC(i.code) === BPF_X ? st.regs[i.src] : immConst(i);
    if (op === BPF_MOV) {
      if (BPF_SRC(i.code) !== BPF_X) {
        st.regs[i.dst] = is64 ? immConst(i) : scalarConst32(BigInt(i.imm));
      } else if (srcReg === undefined || srcReg === 'other') {
        st.regs[i.dst] = srcReg;
      } else if (i.off === 0) {
        st.regs[i.dst] = is64 ? srcReg : mov32(srcReg);
      } else {
        st.regs[i.dst] = signExtend(srcReg, (i.off / 8) as 1 | 2 | 4, is64);
      }
      return;
    }
    if (dst === undefined || dst === 'other') return `ALU on a non-scalar R${i.dst}`;
    if (op === BPF_END) {
      const swap = is64 || BPF_SRC(i.code) === BPF_TO_BE;
      st.regs[i.dst] = scalarEnd(dst, i.imm as 16 | 32 | 64, swap);
      return;
    }
    if (op === BPF_NEG) {
      st.regs[i.dst] = scalarAlu(BPF_NEG, is64, dst, dst);
      return;
    }
    if (srcReg === undefined || srcReg === 'other') return `ALU with a non-scalar source`;
    st.regs[i.dst] = scalarAlu(op, is64, dst, srcReg);
    return;
  }
  if (i.code === (BPF_JMP | BPF_CALL)) {
    st.regs[0] = scalarUnknown();
    for (let r = 1; r <= 5; r++) st.regs[r] = undefined;
    return;
  }
  if (i.code === 0x18) {
    if (i.src !== 0) return 'ld_imm64 of a pseudo source';
    const lo = BigInt(i.imm >>> 0);
    const hi = BigInt((insns[pc + 1]?.imm ?? 0) >>> 0);
    st.regs[i.dst] = scalarConst((hi << 32n) | lo);
    return;
  }
  if (cls === BPF_STX && BPF_MODE(i.code) === 0x60 && i.dst === 10) {
    const v = st.regs[i.src];
    if (sizeBytes(BPF_SIZE(i.code)) !== 8 || v === undefined || v === 'other') return 'unsupported store';
    st.stack.set(i.off, v);
    return;
  }
  if (cls === BPF_LDX && i.src === 10) {
    const v = st.stack.get(i.off);
    if (!v) return 'fill from an unknown slot';
    const size = sizeBytes(BPF_SIZE(i.code));
    if (BPF_MODE(i.code) === BPF_MEMSX) st.regs[i.dst] = signExtend(v, size as 1 | 2 | 4, true);
    else st.regs[i.dst] = truncate(v, size);
    return;
  }
  return `unsupported instruction 0x${i.code.toString(16)}`;
}

/** Replay a log over its program. */
export function replay(insns: readonly Insn[], trace: readonly TraceLine[]): ReplayResult {
  const res: ReplayResult = { compared: 0, mismatches: [] };
  const initial: State = { regs: [], stack: new Map(), ids: [] };
  initial.regs[1] = 'other';
  initial.regs[10] = 'other';
  let cur: State | null = null;
  const pending: Array<{ from: number; to: number; st: State }> = [];
  let expectPc: number | undefined;

  for (let n = 0; n < trace.length; n++) {
    const t = trace[n];
    if (t.kind === 'safe') {
      if (t.from !== undefined) {
        const k = pending.findIndex((p) => p.from === t.from && p.to === t.pc);
        if (k >= 0) pending.splice(k, 1);
      }
      cur = null;
      continue;
    }
    if (t.kind === 'from') {
      let k = pending.length - 1;
      while (k >= 0 && !(pending[k].from === t.from && pending[k].to === t.pc)) k--;
      if (k < 0) return { ...res, error: `log pops a branch ${t.from}->${t.pc} we did not push` };
      cur = pending[k].st;
      pending.splice(k, 1);
      compare(cur, t.regs, n, t.pc, res);
      expectPc = t.pc;
      continue;
    }
    if (t.kind === 'state') {
      if (!cur) cur = clone(initial);
      compare(cur, t.regs, n, t.pc, res);
      continue;
    }
    if (!cur) cur = clone(initial);
    if (expectPc !== undefined && t.pc !== expectPc) {
      return { ...res, error: `log visits ${t.pc} where our walk expected ${expectPc}` };
    }
    const i = insns[t.pc];
    const cls = BPF_CLASS(i.code);
    const op = BPF_OP(i.code);
    if ((cls === BPF_JMP || cls === BPF_JMP32) && op === BPF_EXIT) {
      cur = null;
      expectPc = undefined;
      continue;
    }
    if ((cls === BPF_JMP || cls === BPF_JMP32) && op === BPF_JA) {
      expectPc = t.pc + 1 + (cls === BPF_JMP ? i.off : i.imm);
      continue;
    }
    if ((cls === BPF_JMP || cls === BPF_JMP32) && op !== BPF_CALL) {
      const is64 = cls === BPF_JMP;
      const isX = BPF_SRC(i.code) === BPF_X;
      const a = cur.regs[i.dst];
      const b = isX ? cur.regs[i.src] : immConst(i);
      const target = t.pc + 1 + i.off;
      if (a === undefined || a === 'other' || b === undefined || b === 'other') {
        return { ...res, error: `jump on a non-scalar at ${t.pc}` };
      }
      const pred = branchTaken(op, is64, a, b);
      if (pred === 1) expectPc = target;
      else if (pred === 0) expectPc = t.pc + 1;
      else {
        const taken = clone(cur);
        const fall = cur;
        if (!(isX && i.src === i.dst)) {
          const rt = refineOnBranch(op, is64, a, b, true);
          const rf = refineOnBranch(op, is64, a, b, false);
          if (!rt || !rf) return { ...res, error: `refinement contradiction at ${t.pc}` };
          taken.regs[i.dst] = rt[0];
          fall.regs[i.dst] = rf[0];
          if (isX) {
            taken.regs[i.src] = rt[1];
            fall.regs[i.src] = rf[1];
          }
          for (const side of [taken, fall]) {
            syncLinked(side, i.dst);
            if (isX) syncLinked(side, i.src);
          }
        }
        pending.push({ from: t.pc, to: target, st: taken });
        expectPc = t.pc + 1;
      }
      compare(cur, t.regs, n, t.pc, res);
      // The log shows which side the kernel took; a disagreement shows up at the next line.
      continue;
    }
    const err = step(cur, insns, t.pc);
    if (err) return { ...res, error: `${err} at ${t.pc}` };
    compare(cur, t.regs, n, t.pc, res);
    expectPc = t.pc + (i.code === 0x18 ? 2 : 1);
  }
  return res;
}

/* ------------------------------------------------ the goldens file ---- */

/** One recorded program (testdata/scalar-goldens.json). */
export interface GoldenCase {
  name: string;
  asm: string;
  /** Bytecode, hex, 8 bytes per instruction. */
  hex: string;
  accepted: boolean;
  error: string | null;
  /** The log lines with register state, as the kernel printed them. */
  log: string[];
}

/**
 * The file: the log lines every case starts with (the shared preamble of cases.ts) are stored
 * once, as `preamble`; a case whose log starts with them has `pre: true` and omits them.
 */
export interface GoldenFile {
  note: string;
  preamble: string[];
  cases: Array<GoldenCase & { pre?: boolean }>;
}

/** A case's full log (preamble put back). */
export function caseLog(doc: GoldenFile, c: GoldenCase & { pre?: boolean }): string[] {
  return c.pre ? [...doc.preamble, ...c.log] : c.log;
}

