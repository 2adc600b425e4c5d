/**
 * Stack-slot liveness for state pruning: which 8-byte slots of the main frame may still be read
 * after an instruction (6.18 computes this with its own stack liveness pass; stacksafe ignores
 * dead slots). Here it is a static, conservative analysis:
 *   - forward: which registers hold r10 + a known constant (or an fp pointer at an unknown offset);
 *   - backward: a load through such a register reads its slots, a helper given such a register
 *     may read every slot from that offset up, an aligned 8-byte store kills its slot.
 * It gives up (every slot live everywhere) when it cannot follow stack pointers: programs with
 * subprograms, or a stack pointer stored to memory.
 *
 * Provenance: own code (classic dataflow analysis).
 */
import type { Insn } from '../isa/insn.ts';
import { BPF_CLASS, BPF_OP, BPF_SIZE, BPF_SRC, BPF_X, BPF_MOV, BPF_ADD, BPF_SUB, BPF_CALL, BPF_EXIT, BPF_JA, sizeBytes } from '../isa/opcodes.ts';
import { helperProto } from '../kernel/helpers/protos.ts';

type FpVal = number | 'var' | undefined;
const ALL = (1n << 64n) - 1n;

function merge(a: FpVal, b: FpVal): FpVal {
  if (a === b) return a;
  if (a === undefined && b === undefined) return undefined;
  return 'var';
}

function slotsOf(lo: number, hi: number): bigint {
  // bytes [lo, hi) below the frame pointer; slot k covers [-8(k+1), -8k)
  let m = 0n;
  for (let k = 0; k < 64; k++) {
    const a = -8 * (k + 1);
    const b = -8 * k;
    if (a < hi && lo < b) m |= 1n << BigInt(k);
  }
  return m;
}

function successors(insns: readonly Insn[], pc: number): number[] {
  const i = insns[pc];
  const cls = BPF_CLASS(i.code);
  if (i.code === 0x18) return [pc + 2];
  if (cls !== 0x05 && cls !== 0x06) return [pc + 1];
  const op = BPF_OP(i.code);
  if (op === BPF_EXIT) return [];
  if (op === BPF_CALL) return [pc + 1];
  if (op === BPF_JA) return [cls === 0x06 ? pc + i.imm + 1 : pc + i.off + 1];
  return [pc + 1, pc + i.off + 1];
}

/** Per insn, the live-slot mask before it (bit k = slot fp-8(k+1)); null: treat all as live. */
export function computeStackLive(insns: readonly Insn[], nSubprogs: number): (bigint | null)[] {
  const n = insns.length;
  const giveUp = (): (bigint | null)[] => insns.map(() => null);
  if (nSubprogs > 1) return giveUp();
  // Forward: fp-derived registers.
  const inState: (FpVal[] | undefined)[] = new Array(n).fill(undefined);
  const start: FpVal[] = new Array(11).fill(undefined);
  start[10] = 0;
  inState[0] = start;
  const work = [0];
  let escaped = false;
  while (work.length) {
    const pc = work.pop()!;
    const s = inState[pc]!.slice();
    const i = insns[pc];
    const cls = BPF_CLASS(i.code);
    const op = BPF_OP(i.code);
    if (cls === 0x07 || cls === 0x04) {
      if (i.dst <= 10) {
        if (cls === 0x07 && op === BPF_MOV && BPF_SRC(i.code) === BPF_X && i.off === 0) s[i.dst] = s[i.src];
        else if (cls === 0x07 && (op === BPF_ADD || op === BPF_SUB) && BPF_SRC(i.code) !== BPF_X && typeof s[i.dst] === 'number') s[i.dst] = (s[i.dst] as number) + (op === BPF_ADD ? i.imm : -i.imm);
        else if (cls === 0x07 && (op === BPF_ADD || op === BPF_SUB) && (s[i.dst] !== undefined || (BPF_SRC(i.code) === BPF_X && s[i.src] !== undefined))) s[i.dst] = 'var';
        else s[i.dst] = undefined;
      }
    } else if (cls === 0x01) {
      if (i.dst <= 10) s[i.dst] = undefined;
    } else if (cls === 0x03) {
      if (s[i.src] !== undefined) escaped = true;
      if ((i.code & 0xe0) === 0xc0 && i.imm & 1) { const lr = i.imm === 0xf1 ? 0 : i.src; s[lr] = undefined; }
    } else if (cls === 0x00) {
      if (i.code === 0x18) s[i.dst] = undefined;
      else for (let r = 0; r <= 5; r++) s[r] = undefined;
    } else if ((cls === 0x05 || cls === 0x06) && op === BPF_CALL) {
      for (let r = 0; r <= 5; r++) s[r] = undefined;
    }
    for (const t of successors(insns, pc)) {
      if (t < 0 || t >= n) continue;
      const old = inState[t];
      if (!old) { inState[t] = s; work.push(t); continue; }
      let changed = false;
      const m = old.map((v, r) => { const x = merge(v, s[r]); if (x !== v) changed = true; return x; });
      if (changed) { inState[t] = m; work.push(t); }
    }
  }
  if (escaped) return giveUp();
  // Backward: slot uses and kills.
  const use: bigint[] = new Array(n).fill(0n);
  const def: bigint[] = new Array(n).fill(0n);
  for (let pc = 0; pc < n; pc++) {
    const s = inState[pc];
    if (!s) continue;
    const i = insns[pc];
    const cls = BPF_CLASS(i.code);
    const ptr = (r: number): FpVal => (r <= 10 ? s[r] : undefined);
    if (cls === 0x01 || (cls === 0x03 && (i.code & 0xe0) === 0xc0)) {
      const base = cls === 0x01 ? ptr(i.src) : ptr(i.dst);
      if (base === 'var') use[pc] = ALL;
      else if (typeof base === 'number') use[pc] = slotsOf(base + i.off, base + i.off + sizeBytes(BPF_SIZE(i.code)));
    } else if (cls === 0x03 || cls === 0x02) {
      const base = ptr(i.dst);
      const size = sizeBytes(BPF_SIZE(i.code));
      if (typeof base === 'number' && size === 8 && (((base + i.off) % 8) + 8) % 8 === 0) def[pc] = slotsOf(base + i.off, base + i.off + 8);
    } else if ((cls === 0x05 || cls === 0x06) && BPF_OP(i.code) === BPF_CALL) {
      const argc = i.src === 0 ? helperProto(i.imm)?.argCount ?? 5 : 5;
      for (let r = 1; r <= argc; r++) {
        const b = ptr(r);
        if (b === 'var') use[pc] = ALL;
        else if (typeof b === 'number') use[pc] |= slotsOf(Math.min(b, -1), 0);
      }
    }
  }
  const live: bigint[] = new Array(n).fill(0n);
  const succ = insns.map((_, pc) => successors(insns, pc).filter((t) => t >= 0 && t < n));
  let changed = true;
  while (changed) {
    changed = false;
    for (let pc = n - 1; pc >= 0; pc--) {
      let out = 0n;
      for (const t of succ[pc]) out |= live[t];
      const v = use[pc] | (out & ~def[pc]);
      if (v !== live[pc]) { live[pc] = v; changed = true; }
    }
  }
  return live;
}
