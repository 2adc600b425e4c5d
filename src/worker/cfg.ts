/**
 * The control-flow graph the CFG panel draws: basic blocks (leaders at 0, at every jump target
 * and after every jump or exit) and edges (fall-through, taken branch, bpf-to-bpf call), plus the
 * failing path read back from a verifier log.
 *
 * `failingPath(log)` follows the log the way a person does: instruction lines `N: (xx) …` extend
 * the path; a `from X to Y:` line (the verifier switching to a queued branch) cuts the path back
 * to the last visit of X before continuing at Y. What remains at the end is the path to the error.
 *
 * Does not: lay the graph out (the panel does), or model callbacks. Own code.
 */
import type { Insn } from '../isa/insn.ts';
import { isLdImm64 } from '../isa/insn.ts';

export interface CfgBlock {
  id: number;
  /** First and last pc of the block (inclusive; an ld_imm64's second slot belongs to it). */
  start: number;
  end: number;
}

export interface CfgEdge {
  from: number;
  to: number;
  kind: 'fall' | 'taken' | 'call';
}

export interface Cfg {
  blocks: CfgBlock[];
  edges: CfgEdge[];
}

const JMP = 0x05;
const JMP32 = 0x06;

function successors(insns: readonly Insn[], pc: number): { to: number; kind: CfgEdge['kind'] }[] {
  const i = insns[pc];
  const cls = i.code & 0x07;
  const next = pc + (isLdImm64(i) ? 2 : 1);
  if (cls !== JMP && cls !== JMP32) return [{ to: next, kind: 'fall' }];
  const op = i.code & 0xf0;
  if (op === 0x90) return []; // exit
  if (op === 0x80) {
    // call: a bpf-to-bpf call (src 1) also enters the callee
    if (cls === JMP && i.src === 1) return [{ to: next, kind: 'fall' }, { to: pc + 1 + i.imm, kind: 'call' }];
    return [{ to: next, kind: 'fall' }];
  }
  if (op === 0x00) return [{ to: pc + 1 + (cls === JMP32 ? i.imm : i.off), kind: 'taken' }]; // ja / gotol
  if (op === 0xe0) return [{ to: next, kind: 'fall' }]; // may_goto-like: treat as fall-through
  return [{ to: next, kind: 'fall' }, { to: pc + 1 + i.off, kind: 'taken' }];
}

function endsBlock(i: Insn): boolean {
  const cls = i.code & 0x07;
  if (cls !== JMP && cls !== JMP32) return false;
  const op = i.code & 0xf0;
  return !(op === 0x80 && !(cls === JMP && i.src === 1));
}

/** Basic blocks and edges of `insns`. Targets outside the program are dropped (the verifier reports them). */
export function buildCfg(insns: readonly Insn[]): Cfg {
  const n = insns.length;
  if (n === 0) return { blocks: [], edges: [] };
  const leader = new Uint8Array(n + 1);
  leader[0] = 1;
  for (let pc = 0; pc < n; pc++) {
    const i = insns[pc];
    if (endsBlock(i)) {
      for (const s of successors(insns, pc)) if (s.to >= 0 && s.to < n) leader[s.to] = 1;
      const after = pc + (isLdImm64(i) ? 2 : 1);
      if (after < n) leader[after] = 1;
    }
    if (isLdImm64(i)) pc++;
  }
  const blocks: CfgBlock[] = [];
  const blockOf = new Int32Array(n).fill(-1);
  let start = 0;
  for (let pc = 0; pc < n; pc++) {
    const last = pc + (isLdImm64(insns[pc]) ? 1 : 0);
    const nextPc = last + 1;
    if (nextPc >= n || leader[nextPc]) {
      const b = { id: blocks.length, start, end: Math.min(last, n - 1) };
      for (let k = b.start; k <= b.end; k++) blockOf[k] = b.id;
      blocks.push(b);
      start = nextPc;
    }
    pc = last;
  }
  const edges: CfgEdge[] = [];
  for (const b of blocks) {
    let lastInsn = b.end;
    if (lastInsn > b.start && isLdImm64(insns[lastInsn - 1])) lastInsn--;
    for (const s of successors(insns, lastInsn)) {
      if (s.to < 0 || s.to >= n) continue;
      edges.push({ from: b.id, to: blockOf[s.to], kind: s.kind });
    }
  }
  return { blocks, edges };
}

/** The pcs of the path the verifier was on when it gave up (see the file comment). */
export function failingPath(log: string): number[] {
  const path: number[] = [];
  for (const line of log.split('\n')) {
    const from = /^from (\d+) to (\d+):/.exec(line);
    if (from) {
      const x = Number(from[1]);
      const at = path.lastIndexOf(x);
      path.length = at >= 0 ? at + 1 : 0;
      continue;
    }
    const m = /^(\d+): \([0-9a-f]{2}\)/.exec(line);
    if (m) path.push(Number(m[1]));
  }
  return path;
}
