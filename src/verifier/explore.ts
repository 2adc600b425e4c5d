/**
 * The explored-state tree for the UI (`verify(prog, { explore: true })` → `result.explored`):
 * one node per instruction visit of the walk, holding the abstract state the verifier had just
 * before that instruction (the state the level-2 log prints on `N: R1=...`), with the node it
 * came from (`parent`) and how (`edge`), whether a checkpoint was stored there, and whether the
 * path was pruned there (and by which checkpoint). Drawing `parent` links over the CFG gives the
 * verifier's search tree; grouping nodes by `insn` gives, per instruction, every state explored
 * there.
 *
 * Shape (JSON- and structured-clone-safe: 64-bit numbers are decimal strings):
 *   ExploredTree { nodes: ExploredNode[]; byInsn: number[][] (node indices per insn); truncated }
 *   ExploredNode { insn, parent (-1 = entry), edge, speculative, checkpoint, pruned, prunedBy,
 *                  curframe, frames: FrameView[], refs: number[] }
 *   FrameView    { frameno, callsite, regs: (RegView | null)[11], stack: SlotView[] }
 *   RegView      { type (reg_type_str: 'scalar', 'map_value_or_null', 'trusted_ptr_', ...),
 *                  text (as the log prints it), id, refObjId, off, range?, memSize?, map?,
 *                  btf?, precise, scalar?: { smin, smax, umin, umax, s32min, s32max, u32min,
 *                  u32max, tnumValue, tnumMask } (of the value for scalars, of the variable
 *                  offset for pointers) }
 *   SlotView     { off (e.g. -8), types (8 log letters, '?', 'm', '0', 'r', 'd'), text, spilled? }
 *
 * Cheap when not requested: verify() only creates a recorder when `explore` is set; otherwise
 * the walk pays one `undefined` check per instruction.
 * Light mode (`explore: { light: true }`, what the page's verify-as-you-type asks for): only the
 * walk's shape is recorded — insn, parent, edge, checkpoint, pruned, prunedBy, curframe — and
 * `frames` / `refs` stay empty. Building the FrameViews (formatting every register and slot at
 * every visit) is what made full exploration cost ≈2× the verify itself on the examples; light
 * mode costs one small object per visit.
 * Does not: print anything (format.ts does the text), keep more than `maxNodes` nodes
 * (default 20000; `truncated` says when nodes were dropped).
 * Provenance: own design; field meanings follow struct bpf_reg_state / bpf_stack_state.
 */
import type { Insn } from '../isa/insn.ts';
import { formatReg, formatSlot, regTypeStr } from './format.ts';
import type { Frame, Reg, VState } from './types.ts';

export interface ScalarView {
  smin: string; smax: string; umin: string; umax: string;
  s32min: string; s32max: string; u32min: string; u32max: string;
  tnumValue: string; tnumMask: string;
}

export interface RegView {
  type: string;
  text: string;
  id: number;
  refObjId: number;
  off: number;
  range?: number;
  memSize?: number;
  map?: string;
  btf?: string;
  precise: boolean;
  scalar?: ScalarView;
}

export interface SlotView {
  off: number;
  types: string;
  text: string;
  spilled?: RegView;
}

export interface FrameView {
  frameno: number;
  callsite: number;
  regs: (RegView | null)[];
  stack: SlotView[];
}

export type EdgeKind = 'entry' | 'fallthrough' | 'jump' | 'branch' | 'call' | 'return';

export interface ExploredNode {
  insn: number;
  /** Index of the node this one was reached from, -1 for the program entry. */
  parent: number;
  /** 'branch': the other side of a conditional jump, taken later from the pending stack. */
  edge: EdgeKind;
  speculative: boolean;
  /** A checkpoint (explored state) was stored at this visit. */
  checkpoint: boolean;
  /** The path stopped here: an explored checkpoint covers this state. */
  pruned: boolean;
  /** Node index of the covering checkpoint, -1 when not pruned or unknown. */
  prunedBy: number;
  curframe: number;
  /** The state's frames (empty in light mode). */
  frames: FrameView[];
  /** Acquired reference ids (empty in light mode). */
  refs: number[];
}

export interface ExploredTree {
  nodes: ExploredNode[];
  /** Node indices per instruction index, in visit order. */
  byInsn: number[][];
  /** Nodes were dropped after maxNodes. */
  truncated: boolean;
}

function scalarView(r: Reg): ScalarView {
  const s = r.s;
  return {
    smin: String(s.smin), smax: String(s.smax), umin: String(s.umin), umax: String(s.umax),
    s32min: String(s.s32_min), s32max: String(s.s32_max), u32min: String(s.u32_min), u32max: String(s.u32_max),
    tnumValue: '0x' + s.var_off.value.toString(16), tnumMask: '0x' + s.var_off.mask.toString(16),
  };
}

export function regView(r: Reg, curFrameno: number): RegView | null {
  if (r.type === 'not_init') return null;
  const v: RegView = {
    type: regTypeStr(r), text: formatReg(r, curFrameno), id: r.id, refObjId: r.refObjId, off: r.off, precise: r.precise,
    scalar: scalarView(r),
  };
  if (r.type === 'pkt' || r.type === 'pkt_meta') v.range = r.range;
  if (r.type === 'mem') v.memSize = r.memSize;
  if (r.map) v.map = r.map.name;
  if (r.btf) v.btf = r.btf.name;
  return v;
}

function frameView(f: Frame): FrameView {
  const stack: SlotView[] = [];
  for (let k = 0; k < f.stack.length; k++) {
    const s = f.stack[k];
    if (!s || s.bytes.every((b) => b === '?')) continue;
    const sv: SlotView = { off: -8 * (k + 1), types: s.bytes.join(''), text: formatSlot(s, f.frameno) };
    if (s.bytes[7] === 'r' && s.spilled) sv.spilled = regView(s.spilled, f.frameno) ?? undefined;
    if (s.bytes[0] === 'd' && s.dynptr) sv.text = `dynptr_${s.dynptr.type}(id=${s.dynptr.id}${s.dynptr.refObjId ? `,ref_id=${s.dynptr.refObjId}` : ''})`;
    stack.push(sv);
  }
  return { frameno: f.frameno, callsite: f.callsite, regs: f.regs.map((r) => regView(r, f.frameno)), stack };
}

/** Records the walk; check.ts calls `visit` for every processed instruction. */
export class Explorer {
  readonly nodes: ExploredNode[] = [];
  readonly byInsn: number[][];
  truncated = false;
  /** Node the walk is at (parent of the next visit). */
  cur = -1;
  /** Edge kind forced for the next visit ('branch' after a pop). */
  nextEdge: EdgeKind | undefined = 'entry';

  constructor(private readonly insns: readonly Insn[], private readonly maxNodes = 20000, private readonly light = false) {
    this.byInsn = insns.map(() => []);
  }

  private edgeFrom(prevIdx: number, idx: number): EdgeKind {
    if (prevIdx < 0) return 'entry';
    const p = this.insns[prevIdx];
    const cls = p.code & 7;
    if ((cls === 5 || cls === 6) && (p.code & 0xf0) === 0x80) return idx === prevIdx + 1 ? 'fallthrough' : 'call';
    if ((cls === 5 || cls === 6) && (p.code & 0xf0) === 0x90) return 'return';
    const len = p.code === 0x18 ? 2 : 1;
    return idx === prevIdx + len ? 'fallthrough' : 'jump';
  }

  /** A visit of `idx` with state `st` (before the insn). Returns the node index, -1 when dropped. */
  visit(idx: number, prevIdx: number, st: VState): number {
    if (this.nodes.length >= this.maxNodes) { this.truncated = true; return -1; }
    const edge = this.nextEdge ?? this.edgeFrom(prevIdx, idx);
    this.nextEdge = undefined;
    const n: ExploredNode = {
      insn: idx, parent: this.cur, edge, speculative: st.speculative, checkpoint: false, pruned: false, prunedBy: -1,
      curframe: st.curframe, frames: this.light ? [] : st.frames.map(frameView), refs: this.light ? [] : st.refs.map((r) => r.id),
    };
    const k = this.nodes.length;
    this.nodes.push(n);
    this.byInsn[idx]?.push(k);
    this.cur = k;
    return k;
  }

  tree(): ExploredTree {
    return { nodes: this.nodes, byInsn: this.byInsn, truncated: this.truncated };
  }
}
