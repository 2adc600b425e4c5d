/**
 * The verifier's exploration as a tree of paths, for the States panel's "Paths" view. Input: the
 * explored nodes (`verify(..., { explore: true }).explored.nodes`, reduced to the fields below by
 * the worker): one node per instruction visit, linked to the node it came from. Output: rows in
 * depth-first order, each a path segment — a run of nodes with exactly one successor each,
 * collapsed into one row ("insns 4–9") — with its children (the two sides of a branch) one level
 * deeper. A segment ends at a branch point (more than one successor), where an earlier checkpoint
 * covered the state (pruned), where the walk was rejected (the last node of a rejected walk), or
 * at an exit.
 * Does not: render, read the state contents, or emit more than `maxRows` rows (`truncated`).
 * Pure, no recursion (deep trees cannot overflow the stack). Own design.
 */
import type { ExploredPathNode } from '../../worker/protocol.ts';

export type PathEnd = 'branch' | 'pruned' | 'rejected' | 'exit';

export interface PathRow {
  /** Index of the segment's first node (stable key). */
  key: number;
  /** Index of the segment's last node. */
  lastNode: number;
  depth: number;
  /** How the first node was reached ('entry', 'branch' for the side taken from the pending stack, ...). */
  via: ExploredPathNode['edge'];
  /** Instruction runs visited, in order: [first, last] pairs of consecutive insns. */
  runs: [number, number][];
  /** First and last instruction of the segment. */
  first: number;
  last: number;
  /** Nodes (instruction visits) in the segment. */
  visits: number;
  /** Checkpoints stored along the segment. */
  checkpoints: number;
  end: PathEnd;
  /** For end 'pruned': the insn of the covering checkpoint when known. */
  prunedBy?: number;
}

export interface PathTree {
  rows: PathRow[];
  /** Rows were dropped after maxRows. */
  truncated: boolean;
  /** Leaves by kind. */
  leaves: { pruned: number; rejected: number; exit: number };
}

export interface PathOptions {
  /** The verifier rejected the program: the last node is where it stopped. */
  rejected?: boolean;
  /** The node list itself was capped (then the rejecting node is not known). */
  nodesTruncated?: boolean;
  maxRows?: number;
}

export const MAX_PATH_ROWS = 2000;

/** "insn 4", "insns 4–9", "insns 0–3, 7–9" (at most 4 runs, then "…"). */
export function runsLabel(runs: readonly [number, number][]): string {
  const one = runs.length === 1 && runs[0][0] === runs[0][1];
  const parts = runs.slice(0, 4).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
  return `${one ? 'insn' : 'insns'} ${parts.join(', ')}${runs.length > 4 ? ', …' : ''}`;
}

export function buildPaths(nodes: readonly ExploredPathNode[], opts: PathOptions = {}): PathTree {
  const maxRows = opts.maxRows ?? MAX_PATH_ROWS;
  const children: number[][] = nodes.map(() => []);
  const roots: number[] = [];
  nodes.forEach((n, i) => {
    if (n.parent >= 0 && n.parent < i) children[n.parent].push(i);
    else roots.push(i);
  });
  const rejectNode = opts.rejected && !opts.nodesTruncated && nodes.length ? nodes.length - 1 : -1;
  const rows: PathRow[] = [];
  const leaves = { pruned: 0, rejected: 0, exit: 0 };
  let truncated = false;
  // explicit stack of [segment start node, depth]; pushed in reverse so visit order is kept
  const stack: [number, number][] = roots.reverse().map((r) => [r, 0]);
  while (stack.length) {
    const [start, depth] = stack.pop()!;
    if (rows.length >= maxRows) { truncated = true; break; }
    const runs: [number, number][] = [];
    let k = start;
    let visits = 0;
    let checkpoints = 0;
    for (;;) {
      const n = nodes[k];
      const lastRun = runs[runs.length - 1];
      if (lastRun && n.insn === lastRun[1] + 1) lastRun[1] = n.insn;
      else runs.push([n.insn, n.insn]);
      visits++;
      if (n.checkpoint) checkpoints++;
      if (children[k].length !== 1 || n.pruned || k === rejectNode) break;
      k = children[k][0];
    }
    const n = nodes[k];
    let end: PathEnd;
    const row: PathRow = { key: start, lastNode: k, depth, via: nodes[start].edge, runs, first: runs[0][0], last: n.insn, visits, checkpoints, end: 'exit' };
    if (k === rejectNode) end = 'rejected';
    else if (n.pruned) {
      end = 'pruned';
      if (n.prunedBy >= 0 && nodes[n.prunedBy]) row.prunedBy = nodes[n.prunedBy].insn;
    } else if (children[k].length > 1) end = 'branch';
    else end = 'exit';
    row.end = end;
    if (end !== 'branch') leaves[end]++;
    rows.push(row);
    if (end === 'branch') for (let c = children[k].length - 1; c >= 0; c--) stack.push([children[k][c], depth + 1]);
  }
  return { rows, truncated, leaves };
}

/** The text after a row's instruction runs: how the segment ends. */
export function endLabel(r: PathRow): string {
  switch (r.end) {
    case 'pruned':
      return `pruned at insn ${r.last} (equal to an earlier state${r.prunedBy !== undefined && r.prunedBy !== r.last ? ` at insn ${r.prunedBy}` : ''})`;
    case 'rejected':
      return `rejected at insn ${r.last}`;
    case 'branch':
      return `branches at insn ${r.last}`;
    default:
      return 'reaches exit';
  }
}

export interface RunMatch {
  /** Per explored node: how many of the runs passed through it. */
  perNode: number[];
  /** Runs laid over the tree to their end, and runs that left it (a pc no explored path had there). */
  matched: number;
  unmatched: number;
}

/**
 * Lays concrete runs (each the pcs it executed, with how many runs took it) over the explored
 * nodes: from the entry node, each next pc moves to the child visiting that instruction; at a
 * pruned node (no children: the verifier stopped because checkpoint `prunedBy` covered the
 * state) the walk continues from that checkpoint, whose subtree stands for the rest of the path.
 * A run whose next pc no explored child has (a path the verifier never walked: impossible for an
 * accepted program, but the tree may be truncated) stops counting there and is `unmatched`.
 * Pure, bounded by the runs' lengths. Own design.
 */
export function matchRuns(nodes: readonly ExploredPathNode[], runs: readonly { pcs: readonly number[]; runs: number }[]): RunMatch {
  const perNode = new Array<number>(nodes.length).fill(0);
  const children: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => { if (n.parent >= 0 && n.parent < i) children[n.parent].push(i); });
  let matched = 0;
  let unmatched = 0;
  const root = nodes.findIndex((n) => n.parent < 0);
  for (const r of runs) {
    if (root < 0 || r.pcs.length === 0 || nodes[root].insn !== r.pcs[0]) { unmatched += r.runs; continue; }
    let cur = root;
    perNode[cur] += r.runs;
    let ok = true;
    for (let i = 1; i < r.pcs.length && ok; i++) {
      const pc = r.pcs[i];
      let next = children[cur].find((c) => nodes[c].insn === pc);
      if (next === undefined && nodes[cur].pruned && nodes[cur].prunedBy >= 0 && nodes[cur].prunedBy < nodes.length) {
        // continue as the covering checkpoint's path (same insn, already fully explored)
        const k = nodes[cur].prunedBy;
        next = children[k].find((c) => nodes[c].insn === pc);
      }
      if (next === undefined) { ok = false; break; }
      cur = next;
      perNode[cur] += r.runs;
    }
    if (ok) matched += r.runs;
    else unmatched += r.runs;
  }
  return { perNode, matched, unmatched };
}

/**
 * Runs that took each row's segment: the fewest runs through any of its nodes (a run laid over
 * a pruned side continues inside the covering segment, so counts can rise after its start; a run
 * leaving the tree makes them fall after it).
 */
export function rowRuns(nodes: readonly ExploredPathNode[], rows: readonly PathRow[], perNode: readonly number[]): number[] {
  const next = new Array<number>(nodes.length).fill(-1);
  nodes.forEach((n, i) => { if (n.parent >= 0 && n.parent < i) next[n.parent] = next[n.parent] === -1 ? i : -2; });
  return rows.map((r) => {
    let min = perNode[r.key] ?? 0;
    for (let k = r.key, guard = 0; k !== r.lastNode && next[k] >= 0 && guard < nodes.length; k = next[k], guard++) min = Math.min(min, perNode[next[k]] ?? 0);
    return min;
  });
}
