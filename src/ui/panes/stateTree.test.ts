/**
 * The paths view's tree building, on small programs whose exploration is worked out by hand
 * (and, for the pruned join, matches the real kernel's level-2 log: "from 2 to 8: safe"):
 * the verifier's explored nodes come from `verify(..., { explore: true })`.
 */
import { describe, expect, it } from 'vitest';
import { assemble } from '../../asm/index.ts';
import { verify } from '../../verifier/index.ts';
import type { ExploredPathNode } from '../../worker/protocol.ts';
import { buildPaths, endLabel, matchRuns, rowRuns, runsLabel, type PathRow } from './stateTree.ts';
import { runProgram } from '../../vm/index.ts';

function explore(src: string) {
  const a = assemble(src);
  expect(a.diagnostics).toEqual([]);
  const r = verify(a.insns, { progType: 'socket_filter', explore: true });
  return { r, tree: buildPaths(r.explored!.nodes, { rejected: !r.accepted }) };
}

const brief = (rows: PathRow[]) => rows.map((r) => `${'  '.repeat(r.depth)}${runsLabel(r.runs)} via ${r.via}: ${endLabel(r)}`);

describe('buildPaths', () => {
  it('one unknown branch: a root segment and its two sides', () => {
    const { r, tree } = explore('r2 = *(u32 *)(r1 + 0)\nr0 = 0\nif r2 > 10 goto +1\nr0 = 1\nexit\n');
    expect(r.accepted).toBe(true);
    expect(brief(tree.rows)).toEqual([
      'insns 0–2 via entry: branches at insn 2',
      '  insns 3–4 via fallthrough: reaches exit',
      '  insn 4 via branch: reaches exit',
    ]);
    expect(tree.leaves).toEqual({ pruned: 0, rejected: 0, exit: 2 });
    expect(tree.rows.map((x) => x.visits)).toEqual([3, 2, 1]);
    expect(tree.truncated).toBe(false);
  });

  it('a join covered by the checkpoint of the first side: a pruned leaf (kernel: "from 2 to 8: safe")', () => {
    const { tree } = explore('r2 = *(u32 *)(r1 + 0)\nr0 = 0\nif r2 > 10 goto +5\nr3 = 1\nr3 += 1\nr3 += 1\nr3 += 1\ngoto +0\nr0 = 1\nexit\n');
    expect(brief(tree.rows)).toEqual([
      'insns 0–2 via entry: branches at insn 2',
      '  insns 3–9 via fallthrough: reaches exit',
      '  insn 8 via branch: pruned at insn 8 (equal to an earlier state)',
    ]);
    expect(tree.rows[1].checkpoints).toBe(1);
    expect(tree.leaves).toEqual({ pruned: 1, rejected: 0, exit: 1 });
  });

  it('the rejecting leaf is the side the walk died on', () => {
    // the taken side reaches exit with r0 never written
    const { r, tree } = explore('r2 = *(u32 *)(r1 + 0)\nif r2 > 10 goto +1\nr0 = 0\nexit\n');
    expect(r.accepted).toBe(false);
    expect(r.error).toContain('R0 !read_ok');
    expect(brief(tree.rows)).toEqual([
      'insns 0–1 via entry: branches at insn 1',
      '  insns 2–3 via fallthrough: reaches exit',
      '  insn 3 via branch: rejected at insn 3',
    ]);
    expect(tree.leaves.rejected).toBe(1);
  });

  it('a constant-bounded loop is one path: no branch points, the iterations as insn runs', () => {
    const { tree } = explore('r0 = 0\nr3 = 0\nr3 += 1\nif r3 < 3 goto -2\nexit\n');
    expect(tree.rows).toHaveLength(1);
    expect(tree.rows[0].runs).toEqual([[0, 3], [2, 3], [2, 4]]);
    expect(runsLabel(tree.rows[0].runs)).toBe('insns 0–3, 2–3, 2–4');
    expect(tree.rows[0].visits).toBe(9);
  });

  it('caps the rows and says so; deep chains do not overflow the stack', () => {
    // hand-made: a chain of 100000 binary branch points, each with a 1-node pruned side
    const nodes: ExploredPathNode[] = [];
    let cur = -1;
    for (let i = 0; i < 100000; i++) {
      nodes.push({ insn: 0, parent: cur, edge: cur < 0 ? 'entry' : 'fallthrough', checkpoint: false, pruned: false, prunedBy: -1 });
      const k = nodes.length - 1;
      nodes.push({ insn: 1, parent: k, edge: 'branch', checkpoint: false, pruned: true, prunedBy: -1 });
      cur = k;
    }
    const t = buildPaths(nodes, { maxRows: 2000 });
    expect(t.rows).toHaveLength(2000);
    expect(t.truncated).toBe(true);
    // depth-first, children in visit order: node 0 branches into node 1 (pruned) and the run 2→3 (pruned)
    expect(buildPaths(nodes.slice(0, 4)).rows.map((x) => [x.key, x.depth, x.end, runsLabel(x.runs)])).toEqual([
      [0, 0, 'branch', 'insn 0'], [1, 1, 'pruned', 'insn 1'], [2, 1, 'pruned', 'insns 0–1'],
    ]);
    // the chain nests one level per branch point
    expect(t.rows.slice(0, 5).map((x) => x.depth)).toEqual([0, 1, 1, 2, 2]);
  });

  it('labels', () => {
    expect(runsLabel([[4, 4]])).toBe('insn 4');
    expect(runsLabel([[4, 9]])).toBe('insns 4–9');
    expect(runsLabel([[0, 1], [3, 3], [5, 6], [8, 8], [10, 11]])).toBe('insns 0–1, 3, 5–6, 8, …');
    expect(buildPaths([]).rows).toEqual([]);
  });
});

describe('matchRuns', () => {
  // the pruned join above: 0–2, then 3–9 (fall-through side), or 2 → 8 (jump side, pruned at 8 by
  // the first side's checkpoint, which continues 8 → 9)
  const SRC = 'r2 = *(u32 *)(r1 + 0)\nr0 = 0\nif r2 > 10 goto +5\nr3 = 1\nr3 += 1\nr3 += 1\nr3 += 1\ngoto +0\nr0 = 1\nexit\n';
  it('counts runs per path segment, following a pruned side into its covering checkpoint', () => {
    const { r, tree } = explore(SRC);
    const nodes = r.explored!.nodes;
    const m = matchRuns(nodes, [
      { pcs: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], runs: 3 }, // r2 <= 10
      { pcs: [0, 1, 2, 8, 9], runs: 2 }, // r2 > 10
      { pcs: [0, 1, 5], runs: 1 }, // no explored path goes 1 → 5
    ]);
    // runs per segment: the stray run left after insn 1; the jump side's runs continue inside insns 3–9 from insn 8 on
    expect(tree.rows.map((row) => [runsLabel(row.runs), m.perNode[row.key]])).toEqual([['insns 0–2', 6], ['insns 3–9', 3], ['insn 8', 2]]);
    expect(rowRuns(nodes, tree.rows, m.perNode)).toEqual([5, 3, 2]);
    expect(m.matched).toBe(5);
    expect(m.unmatched).toBe(1);
    // the covering checkpoint's exit (insn 9 of the first side) counts both kinds of runs
    const exit9 = nodes.findIndex((n) => n.insn === 9);
    expect(m.perNode[exit9]).toBe(5);
  });

  it('real runs on the interpreter land on the paths they took', () => {
    const { r, tree } = explore(SRC);
    const a = assemble(SRC);
    const pathOf = (v: number) => {
      const mem = new Uint8Array([v, 0, 0, 0]);
      const out = runProgram(a.insns, { mem, trace: true });
      return out.trace!.map((s) => s.pc);
    };
    const m = matchRuns(r.explored!.nodes, [{ pcs: pathOf(3), runs: 1 }, { pcs: pathOf(200), runs: 1 }, { pcs: pathOf(11), runs: 1 }]);
    expect(m).toMatchObject({ matched: 3, unmatched: 0 });
    expect(rowRuns(r.explored!.nodes, tree.rows, m.perNode)).toEqual([3, 1, 2]);
  });

  it('nothing to lay over', () => {
    expect(matchRuns([], [{ pcs: [0], runs: 4 }])).toEqual({ perNode: [], matched: 0, unmatched: 4 });
  });
});
