/**
 * Reading one unverified run's register trace for the counterexample search (counterexample.ts):
 * replays the trace's register writes to know every register at every step, follows where map
 * value pointers come from (a `bpf_map_lookup_elem` result, moved, offset, spilled to the stack and
 * filled back), lists the input bytes (packet or context) the program loaded on its way to the
 * rejected instruction, and says where the access at that instruction landed relative to the
 * object its pointer belongs to (the packet [data, data_end), or the map value the pointer was
 * derived from).
 *
 * Also what the verifier's rejection is about (`parseRejection`): a packet access, or a map value
 * access (`invalid access to map value, …`, `R… min value is negative`, `R… unbounded memory
 * access`, `R… max/min value is outside of the allowed memory range`), and the numbers of the
 * verifier's state on the failing path (bounds and jump constants) that guide the search.
 *
 * Deliberately not here: running programs (cexSubjects.ts), choosing inputs (cexSearch.ts);
 * tail-called programs (only the first program is followed); the callee-saved registers a
 * bpf-to-bpf return restores keep the callee's provenance (an approximation). Own code.
 */
import type { Insn } from '../isa/insn.ts';
import type { TraceStep } from '../vm/index.ts';

/** What the rejection is about. */
export interface Rejection {
  kind: 'packet' | 'map value';
  pc: number;
  /** The map value's size (value_size=… or the register's `vs=` in the log). */
  valueSize?: number;
  /** Numbers from the verifier's state on the failing path: bounds and the constants of its jumps. */
  guide: bigint[];
  /** The rejected instruction is the pointer arithmetic (`r1 += r2`), not the access after it. */
  arith?: boolean;
}

const PACKET_ACCESS = /invalid access to packet, off=(-?\d+) size=(\d+)/;
const MAP_ACCESS = /invalid access to map value, value_size=(\d+) off=(-?\d+) size=(\d+)/;
const REG_BOUNDS = /^R(\d+) (min value is negative|unbounded memory access|min value is outside of the allowed memory range|max value is outside of the allowed memory range)/;
const MAP_ARITH = /^math between map_value pointer and register with unbounded (min|max) value is not allowed/;

/** The `off` and `size` of a packet-access rejection, or undefined for any other complaint. */
export function packetAccessError(error: string | null | undefined): { off: number; size: number } | undefined {
  const m = error ? PACKET_ACCESS.exec(error) : null;
  return m ? { off: Number(m[1]), size: Number(m[2]) } : undefined;
}

/** Numbers worth trying, read from the log: `umax=60`, `smax=0x7fffffff`, `if r1 > 0x40 goto`, … */
export function guideValues(log: string): bigint[] {
  const out = new Set<bigint>();
  const num = (s: string): bigint | undefined => {
    try {
      const neg = s.startsWith('-');
      const v = BigInt(neg ? s.slice(1) : s);
      return neg ? -v : v;
    } catch {
      return undefined;
    }
  };
  for (const m of log.matchAll(/\b(?:u|s)(?:min|max)(?:32)?=(-?(?:0x[0-9a-f]+|\d+))/g)) {
    const v = num(m[1]);
    if (v !== undefined) out.add(v);
  }
  for (const m of log.matchAll(/\bif [rw]\d+ [^ ]+ (-?(?:0x[0-9a-f]+|\d+)) goto/g)) {
    const v = num(m[1]);
    if (v !== undefined) out.add(v);
  }
  return [...out].slice(0, 24);
}

/**
 * What a rejection is about, or undefined when it is none of the kinds searched. `packet` needs a
 * packet program type (the caller checks).
 */
export function parseRejection(error: string | null | undefined, log: string, pc: number | undefined): Rejection | undefined {
  if (!error || pc === undefined) return undefined;
  if (PACKET_ACCESS.test(error)) return { kind: 'packet', pc, guide: guideValues(log) };
  const m = MAP_ACCESS.exec(error);
  if (m) return { kind: 'map value', pc, valueSize: Number(m[1]), guide: guideValues(log) };
  const r = REG_BOUNDS.exec(error);
  const arith = MAP_ARITH.test(error);
  if (r || arith) {
    // the register's state in the log says what it points to: R1=map_value(map=t,ks=4,vs=128,…)
    const reg = r ? r[1] : '\\d+';
    const states = [...log.matchAll(new RegExp(`\\bR${reg}(?:_w)?=map_value\\([^)]*\\bvs=(\\d+)`, 'g'))];
    const vs = states.at(-1)?.[1];
    if (vs !== undefined) return { kind: 'map value', pc, valueSize: Number(vs), guide: guideValues(log), ...(arith ? { arith: true } : {}) };
  }
  return undefined;
}

const SIZES = [4, 2, 1, 8] as const;

/** The memory access an instruction makes: pointer register, offset, size; undefined when it makes none. */
export function accessOf(insn: Insn | undefined): { reg: number; off: number; size: number; store: boolean } | undefined {
  if (!insn) return undefined;
  const cls = insn.code & 7;
  const mode = insn.code & 0xe0;
  const size = SIZES[(insn.code >> 3) & 3];
  if (cls === 1 && (mode === 0x60 || mode === 0x80)) return { reg: insn.src, off: insn.off, size, store: false };
  if ((cls === 2 || cls === 3) && (mode === 0x60 || mode === 0xc0)) return { reg: insn.dst, off: insn.off, size, store: true };
  return undefined;
}

/** One stretch of input bytes the program loaded. */
export interface InputRead {
  off: number;
  size: number;
}

export interface WalkInput {
  insns: readonly Insn[];
  trace: readonly TraceStep[];
  /** r0..r10 before the first instruction (r1 = the context, r10 = the frame pointer). */
  initialRegs: readonly (bigint | undefined)[];
  /** The bytes the search varies: the packet [data, data_end) or the context. */
  input: { base: bigint; len: number };
  /** The packet, for packet rejections. */
  packet?: { data: bigint; dataEnd: bigint };
  rejection: Rejection;
}

export interface WalkResult {
  reachedPc: boolean;
  /** The access at the rejected pc, relative to its object, when it could be placed. */
  at?: {
    object: 'packet' | 'map value';
    /** Offset from the object's first byte (negative: before it). */
    offset: number;
    size: number;
    store: boolean;
    objectLen: number;
    outside: boolean;
    /** What a load read, from the trace. */
    value?: bigint;
    /** The instruction moves the pointer (pointer arithmetic) rather than accessing memory: `size` is 0. */
    pointer?: boolean;
  };
  /** Input bytes loaded before the first visit to the rejected pc (all of the run's when it never got there). */
  reads: InputRead[];
}

const HELPER_MAP_LOOKUP = 1;
const HELPER_PERCPU_LOOKUP = 195; // bpf_map_lookup_percpu_elem

/** Replay `trace` (see the file comment). */
export function walkTrace(w: WalkInput): WalkResult {
  const regs = w.initialRegs.slice(0, 11);
  while (regs.length < 11) regs.push(undefined);
  /** Map value base each register points into (frame 0). */
  const tags = new Array<bigint | undefined>(11).fill(undefined);
  const spilled = new Map<number, bigint>();
  const reads: InputRead[] = [];
  const seen = new Set<string>();
  const { insns, rejection } = w;
  const pc = rejection.pc;
  const out: WalkResult = { reachedPc: false, reads };
  for (const s of w.trace) {
    // the first program (tail-called ones index other instructions); every frame, as the Trace pane folds them
    const main = !s.prog;
    const insn = main ? insns[s.pc] : undefined;
    if (main && s.pc === pc) {
      out.reachedPc = true;
      if (rejection.arith && insn && (insn.code & 7) === 7 && rejection.valueSize !== undefined) {
        // the pointer the arithmetic leaves in dst, against the map value it came from
        const base = tags[insn.dst] ?? ((insn.code & 0x08) !== 0 ? tags[insn.src] : undefined);
        const v = s.regs.find(([r]) => r === insn.dst)?.[1];
        if (base !== undefined && v !== undefined) {
          const lo = BigInt.asIntN(64, v - base);
          const outside = lo < 0n || lo >= BigInt(rejection.valueSize);
          out.at = { object: 'map value', offset: Number(lo), size: 0, store: false, objectLen: rejection.valueSize, outside, pointer: true };
        }
        break;
      }
      const acc = accessOf(insn);
      const base = acc ? regs[acc.reg] : undefined;
      if (acc && base !== undefined) {
        const addr = BigInt.asUintN(64, base + BigInt(acc.off));
        const value = acc.store ? undefined : s.regs.find(([r]) => r === insn!.dst)?.[1];
        if (rejection.kind === 'packet' && w.packet) {
          const lo = addr - w.packet.data;
          const len = Number(w.packet.dataEnd - w.packet.data);
          const outside = lo < 0n || lo + BigInt(acc.size) > BigInt(len);
          out.at = { object: 'packet', offset: Number(lo), size: acc.size, store: acc.store, objectLen: len, outside, ...(value !== undefined ? { value } : {}) };
        } else if (rejection.kind === 'map value' && tags[acc.reg] !== undefined && rejection.valueSize !== undefined) {
          const lo = BigInt.asIntN(64, addr - tags[acc.reg]!);
          const outside = lo < 0n || lo + BigInt(acc.size) > BigInt(rejection.valueSize);
          out.at = { object: 'map value', offset: Number(lo), size: acc.size, store: acc.store, objectLen: rejection.valueSize, outside, ...(value !== undefined ? { value } : {}) };
        }
      }
      break;
    }
    if (main && insn) {
      // input bytes this load reads
      const acc = accessOf(insn);
      if (acc && !acc.store && regs[acc.reg] !== undefined) {
        const lo = BigInt.asUintN(64, regs[acc.reg]! + BigInt(acc.off)) - w.input.base;
        if (lo >= 0n && lo + BigInt(acc.size) <= BigInt(w.input.len)) {
          const key = `${lo}:${acc.size}`;
          if (!seen.has(key)) {
            seen.add(key);
            reads.push({ off: Number(lo), size: acc.size });
          }
        }
      }
      track(insn, s, regs, tags, spilled);
    }
    if (main) for (const [r, v] of s.regs) if (r <= 10) regs[r] = v;
  }
  return out;
}

/** Follow map value pointers through one instruction (before its register writes are applied). */
function track(insn: Insn, s: TraceStep, regs: (bigint | undefined)[], tags: (bigint | undefined)[], spilled: Map<number, bigint>): void {
  const cls = insn.code & 7;
  const op = insn.code & 0xf0;
  const isReg = (insn.code & 0x08) !== 0;
  if (insn.code === 0x85 && insn.src === 1) return; // a bpf-to-bpf call: the callee gets r1..r5 as they are
  if (insn.code === 0x85) {
    const r0 = s.regs.find(([r]) => r === 0)?.[1];
    for (let r = 0; r <= 5; r++) tags[r] = undefined;
    if (insn.src === 0 && (insn.imm === HELPER_MAP_LOOKUP || insn.imm === HELPER_PERCPU_LOOKUP) && r0 !== undefined && r0 !== 0n) tags[0] = r0;
    return;
  }
  if (cls === 7) {
    // ALU64: mov keeps the source's provenance, add/sub keep the pointer's
    if (op === 0xb0 && isReg && insn.off === 0) tags[insn.dst] = tags[insn.src];
    else if (op === 0x00 || op === 0x10) {
      if (tags[insn.dst] === undefined && op === 0x00 && isReg) tags[insn.dst] = tags[insn.src];
    } else tags[insn.dst] = undefined;
    return;
  }
  if (insn.code === 0x7b && tags[insn.src] !== undefined && regs[insn.dst] !== undefined && insn.dst === 10) {
    spilled.set(insn.off, tags[insn.src]!);
    return;
  }
  if (cls === 3 || cls === 2) {
    if (insn.dst === 10) spilled.delete(insn.off);
    return;
  }
  if (insn.code === 0x79 && insn.src === 10) {
    tags[insn.dst] = spilled.get(insn.off);
    return;
  }
  if (cls === 4 || cls === 1 || cls === 0) {
    if (cls !== 0 || insn.code === 0x18) tags[insn.dst] = undefined;
  }
}
