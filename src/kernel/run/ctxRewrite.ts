/**
 * The kernel's context-access conversion, modelled. A program reads `xdp_md->data` as a __u32 at
 * offset 0, yet gets a 64-bit packet pointer: at load time the kernel rewrites every instruction
 * the verifier saw accessing the context into a load from the real kernel structure (xdp_buff,
 * sk_buff). We do the same 1:1 (instruction count and pcs unchanged): a load of a packet-pointer
 * field (`data`, `data_end`, `data_meta`) becomes an 8-byte load from a shadow slot past the
 * user-visible struct in the context region, which the runtime keeps up to date; every other field
 * is stored at its UAPI offset and read directly.
 *
 * Which instructions access the context is found the way the verifier knows it, reduced to one
 * fact: a small forward dataflow over the program tracks which registers and 8-byte stack slots
 * may hold the unmodified context pointer (r1 at entry, copies, spills and fills, bpf-to-bpf call
 * arguments). The verifier refuses modified context pointers and an instruction used with two
 * pointer types, so this is exact for verified programs.
 *
 * Also rewritten: legacy LD_ABS / LD_IND (socket filters, tc), which the kernel turns into a call;
 * here each becomes a call to a private helper id (LD_ABS_HELPER_BASE + k) described in `ldAbs`.
 *
 * Does not: callbacks (bpf_loop bodies) receiving the context through a helper.
 * Provenance: the behaviour is documented in Documentation/bpf/verifier.rst ("context access
 * conversion") and visible in `bpftool prog dump xlated`; our own code.
 */
import { insn, type Insn } from '../../isa/insn.ts';
import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_CLASS, BPF_DW, BPF_EXIT, BPF_FETCH, BPF_IND, BPF_JA,
  BPF_JMP, BPF_JMP32, BPF_LD, BPF_LDX, BPF_MEM, BPF_MODE, BPF_MOV, BPF_OP, BPF_PSEUDO_CALL, BPF_SIZE, BPF_SRC,
  BPF_ST, BPF_STX, BPF_W, BPF_X, BPF_CMPXCHG, sizeBytes,
} from '../../isa/opcodes.ts';

/** Private helper ids for rewritten LD_ABS / LD_IND (far above the UAPI ids). */
export const LD_ABS_HELPER_BASE = 0x7ff00000;

export interface LdAbs {
  pc: number;
  size: 1 | 2 | 4;
  imm: number;
  /** Source register for LD_IND (its low 32 bits are added to imm). */
  ind?: number;
}

export interface CtxRewrite {
  insns: Insn[];
  /** pcs whose context load was redirected to a shadow pointer slot. */
  rewritten: number[];
  ldAbs: LdAbs[];
}

const CTX = 1;
const OTHER = 2;

interface State {
  regs: number[];
  stack: Map<number, number>;
}

const clone = (s: State): State => ({ regs: [...s.regs], stack: new Map(s.stack) });

function join(into: State, from: State): boolean {
  let changed = false;
  for (let r = 0; r < 11; r++) {
    const v = into.regs[r] | from.regs[r];
    if (v !== into.regs[r]) {
      into.regs[r] = v;
      changed = true;
    }
  }
  for (const [k, v] of from.stack) {
    const cur = into.stack.get(k) ?? OTHER;
    const nv = cur | v;
    if (!into.stack.has(k) || nv !== cur) {
      into.stack.set(k, nv);
      changed = true;
    }
  }
  return changed;
}

/**
 * Rewrite context loads at the given field offsets (`pointerFields`: UAPI offset → shadow offset)
 * and LD_ABS/LD_IND. `insns` is not modified.
 */
export function rewriteCtxAccess(
  insns: readonly Insn[], pointerFields: ReadonlyMap<number, number>, opts: { ldAbs?: boolean; ldAbsBase?: number } = {},
): CtxRewrite {
  const n = insns.length;
  const states: Array<State | undefined> = new Array(n);
  const entry: State = { regs: new Array(11).fill(OTHER), stack: new Map() };
  entry.regs[1] = CTX;
  states[0] = entry;
  const work: number[] = [0];
  const flow = (pc: number, s: State) => {
    if (pc < 0 || pc >= n) return;
    const cur = states[pc];
    if (!cur) {
      states[pc] = clone(s);
      work.push(pc);
    } else if (join(cur, s)) work.push(pc);
  };
  let guard = 0;
  while (work.length && guard++ < 200_000) {
    const pc = work.pop()!;
    const s = clone(states[pc]!);
    const i = insns[pc];
    const cls = BPF_CLASS(i.code);
    const next = pc + 1;
    if (cls === BPF_LD && i.code === 0x18) {
      s.regs[i.dst] = OTHER;
      flow(pc + 2, s);
      continue;
    }
    if (cls === BPF_LD) {
      for (let r = 0; r <= 5; r++) s.regs[r] = OTHER;
      flow(next, s);
      continue;
    }
    if (cls === BPF_ALU64 || cls === BPF_ALU) {
      if (i.dst < 10) {
        const isMov64 = cls === BPF_ALU64 && BPF_OP(i.code) === BPF_MOV && BPF_SRC(i.code) === BPF_X && i.off === 0;
        s.regs[i.dst] = isMov64 ? s.regs[i.src] : OTHER;
      }
      flow(next, s);
      continue;
    }
    if (cls === BPF_LDX) {
      if (i.dst < 10) {
        const fromStack = i.src === 10 && BPF_SIZE(i.code) === BPF_DW && BPF_MODE(i.code) === BPF_MEM;
        s.regs[i.dst] = fromStack ? (s.stack.get(i.off) ?? OTHER) : OTHER;
      }
      flow(next, s);
      continue;
    }
    if (cls === BPF_STX || cls === BPF_ST) {
      if (i.dst === 10) {
        const slot = Math.floor(i.off / 8) * 8;
        const full = cls === BPF_STX && BPF_MODE(i.code) === BPF_MEM && BPF_SIZE(i.code) === BPF_DW && i.off % 8 === 0;
        s.stack.set(slot, full ? s.regs[i.src] : OTHER);
      }
      if (cls === BPF_STX && BPF_MODE(i.code) === BPF_ATOMIC) {
        if (i.imm === BPF_CMPXCHG) s.regs[0] = OTHER;
        else if (i.imm & BPF_FETCH) s.regs[i.src] = OTHER;
      }
      flow(next, s);
      continue;
    }
    if (cls === BPF_JMP || cls === BPF_JMP32) {
      const op = BPF_OP(i.code);
      if (op === BPF_EXIT) continue;
      if (op === BPF_CALL) {
        if (i.src === BPF_PSEUDO_CALL) {
          const callee: State = { regs: [...s.regs], stack: new Map() };
          callee.regs[0] = OTHER;
          for (let r = 6; r <= 9; r++) callee.regs[r] = OTHER;
          flow(pc + i.imm + 1, callee);
        }
        for (let r = 0; r <= 5; r++) s.regs[r] = OTHER;
        flow(next, s);
        continue;
      }
      if (op === BPF_JA) {
        flow(pc + (cls === BPF_JMP32 ? i.imm : i.off) + 1, s);
        continue;
      }
      flow(pc + i.off + 1, s);
      flow(next, s);
      continue;
    }
    flow(next, s);
  }

  const out = insns.map((x) => ({ ...x }));
  const rewritten: number[] = [];
  const ldAbs: LdAbs[] = [];
  for (let pc = 0; pc < n; pc++) {
    const i = insns[pc];
    const s = states[pc];
    const cls = BPF_CLASS(i.code);
    if (s && cls === BPF_LDX && BPF_MODE(i.code) === BPF_MEM && BPF_SIZE(i.code) === BPF_W && (s.regs[i.src] & CTX)) {
      const shadow = pointerFields.get(i.off);
      if (shadow !== undefined) {
        out[pc] = insn(BPF_LDX | BPF_MEM | BPF_DW, i.dst, i.src, shadow, 0);
        rewritten.push(pc);
      }
    }
    if (opts.ldAbs && cls === BPF_LD && (BPF_MODE(i.code) === BPF_ABS || BPF_MODE(i.code) === BPF_IND) && BPF_SIZE(i.code) !== BPF_DW) {
      const k = ldAbs.length;
      ldAbs.push({ pc, size: sizeBytes(BPF_SIZE(i.code)) as 1 | 2 | 4, imm: i.imm, ...(BPF_MODE(i.code) === BPF_IND ? { ind: i.src } : {}) });
      out[pc] = insn(BPF_JMP | BPF_CALL, 0, 0, 0, LD_ABS_HELPER_BASE + (opts.ldAbsBase ?? 0) + k);
    }
  }
  return { insns: out, rewritten, ldAbs };
}
