/**
 * Control-flow discovery for the WebAssembly translator: which eBPF "functions" a module needs and
 * the basic blocks of each. A function is everything reachable from one entry pc through jumps and
 * fall-through (not through calls), so a well-formed program gives exactly its subprograms, and an
 * unverified one with jumps across subprogram boundaries still translates (the shared code is
 * simply emitted in every function that reaches it). The functions of a module are the closure of
 * its root entries under static bpf-to-bpf calls (`call` with src=1).
 *
 * A basic block is a run of slots that executes as a unit for the instruction budget: it starts at
 * a leader (the entry, a jump target, the slot after a conditional jump or a call) and ends at a
 * terminator (jump, exit, any call, an unexecutable slot) or just before the next leader. Calls end
 * blocks because a callee (or a helper's callback) spends budget: counting a block's budget up front
 * must not count instructions after the call before the callee has run.
 *
 * Deliberately not here: wasm emission (translate.ts), and targets outside the program: edges to
 * them are left for the emitter to turn into the interpreter's off-end oops. Provenance: our own.
 */
import type { Decoded } from '../decode.ts';
import { PROG_TEXT_BASE } from '../memory.ts';

export interface Block {
  /** First slot. */
  start: number;
  /** Slots of the block's instructions, in order (an ld_imm64 counts once). */
  pcs: number[];
  /** Slot after the last instruction (the fall-through target when the last one falls through). */
  next: number;
}

export interface Func {
  entry: number;
  /** Blocks in slot order; empty when the entry lies outside the program. */
  blocks: Block[];
  /** Block index by start slot. */
  index: Map<number, number>;
  /** Index of the entry block. */
  entryBlock: number;
}

/** Kind of slot `pc` for control flow. */
export const enum Flow { Plain, LdImm64, Jump, Cond, Exit, CallLocal, CallHelper, CallX, Bad }

export function flowOf(d: Decoded, pc: number): Flow {
  const c = d.code[pc];
  if (c === 0) return Flow.Bad;
  if (c === 0x18) return Flow.LdImm64;
  const cls = c & 7;
  if (cls !== 5 && cls !== 6) return Flow.Plain;
  if (c === 0x05 || c === 0x06) return Flow.Jump;
  if (c === 0x95) return Flow.Exit;
  if (c === 0x85) return d.src[pc] === 1 ? Flow.CallLocal : Flow.CallHelper;
  if (c === 0x8d) return Flow.CallX;
  return Flow.Cond;
}

/** Target of the jump at `pc` (may lie outside [0, n)). */
export function jumpTarget(d: Decoded, pc: number): number {
  return d.code[pc] === 0x06 ? pc + 1 + d.imm[pc] : pc + 1 + d.off[pc];
}

/** Entry of the local call at `pc`. */
export function callTarget(d: Decoded, pc: number): number {
  return pc + 1 + d.imm[pc];
}

function buildFunc(d: Decoded, entry: number, callees: Set<number>): Func {
  const n = d.n;
  const f: Func = { entry, blocks: [], index: new Map(), entryBlock: 0 };
  if (entry < 0 || entry >= n) return f;
  const seen = new Uint8Array(n);
  const leader = new Uint8Array(n);
  leader[entry] = 1;
  const work = [entry];
  const visit = (t: number, lead: boolean) => {
    if (t < 0 || t >= n) return;
    if (lead) leader[t] = 1;
    if (!seen[t]) {
      seen[t] = 1;
      work.push(t);
    }
  };
  seen[entry] = 1;
  while (work.length) {
    const pc = work.pop()!;
    switch (flowOf(d, pc)) {
      case Flow.Plain: visit(pc + 1, false); break;
      case Flow.LdImm64: visit(pc + 2, false); break;
      case Flow.Jump: visit(jumpTarget(d, pc), true); break;
      case Flow.Cond: visit(jumpTarget(d, pc), true); visit(pc + 1, true); break;
      case Flow.CallLocal: callees.add(callTarget(d, pc)); visit(pc + 1, true); break;
      case Flow.CallHelper: case Flow.CallX: visit(pc + 1, true); break;
      case Flow.Exit: case Flow.Bad: break;
    }
  }
  for (let s = 0; s < n; s++) {
    if (!leader[s]) continue;
    const b: Block = { start: s, pcs: [], next: s };
    let pc = s;
    for (;;) {
      b.pcs.push(pc);
      const fl = flowOf(d, pc);
      const next = pc + (fl === Flow.LdImm64 ? 2 : 1);
      b.next = next;
      if (fl !== Flow.Plain && fl !== Flow.LdImm64) break;
      if (next >= n || leader[next]) break;
      pc = next;
    }
    f.index.set(s, f.blocks.length);
    f.blocks.push(b);
  }
  f.entryBlock = f.index.get(entry)!;
  return f;
}

/** The functions of a module with the given root entries: roots first, then callees in discovery order. */
export function discover(d: Decoded, roots: readonly number[]): Func[] {
  const order: number[] = [];
  const have = new Set<number>();
  const add = (e: number) => {
    if (!have.has(e)) {
      have.add(e);
      order.push(e);
    }
  };
  roots.forEach(add);
  const funcs: Func[] = [];
  for (let k = 0; k < order.length; k++) {
    const callees = new Set<number>();
    funcs.push(buildFunc(d, order[k], callees));
    callees.forEach(add);
  }
  return funcs;
}

/**
 * In-range code addresses a program can form without arithmetic: the subprograms that ld_imm64
 * BPF_PSEUDO_FUNC points at (decoded to PROG_TEXT_BASE + 8 * target).
 */
export function pseudoFuncTargets(d: Decoded): number[] {
  const out: number[] = [];
  for (let pc = 0; pc < d.n; pc++) {
    if (d.code[pc] !== 0x18 || d.src[pc] !== 4) continue;
    const v = (BigInt(d.hi64[pc] >>> 0) << 32n) | BigInt(d.imm[pc] >>> 0);
    const rel = v - PROG_TEXT_BASE;
    if (rel >= 0n && rel % 8n === 0n && rel / 8n < BigInt(d.n)) out.push(Number(rel / 8n));
  }
  return out;
}
