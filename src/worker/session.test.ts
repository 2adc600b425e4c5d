import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { insn } from '../isa/insn.ts';
import { createScenario, createWorldResult } from '../sim/index.ts';
import { buildCfg, failingPath } from './cfg.ts';
import { verifySource } from './live.ts';
import { startSession } from './session.ts';
import { handleMessage, progressOnly, resetWorkerSession } from './dispatch.ts';

const EXAMPLE = readFileSync(new URL('../../examples/05-xdp-drop-udp/prog.c', import.meta.url), 'utf8');
// the reference interpreter: these tests are about the session, the engines have their own differential tests
const REF = 'ref' as const;
const OOB = readFileSync(new URL('./testdata/oob.c', import.meta.url), 'utf8');

describe('buildCfg', () => {
  it('splits at branches and targets', () => {
    // 0: r0 = 0; 1: if r1 > 5 goto +1; 2: r0 = 1; 3: exit
    const insns = [insn(0xb7, 0, 0, 0, 0), insn(0x25, 1, 0, 1, 5), insn(0xb7, 0, 0, 0, 1), insn(0x95)];
    const g = buildCfg(insns);
    expect(g.blocks).toEqual([{ id: 0, start: 0, end: 1 }, { id: 1, start: 2, end: 2 }, { id: 2, start: 3, end: 3 }]);
    expect(g.edges).toEqual([{ from: 0, to: 1, kind: 'fall' }, { from: 0, to: 2, kind: 'taken' }, { from: 1, to: 2, kind: 'fall' }]);
  });
  it('keeps an ld_imm64 in one block and follows ja', () => {
    // 0-1: r1 = 0 ll; 2: goto +1; 3: r0 = 1; 4: exit
    const insns = [insn(0x18, 1), insn(0), insn(0x05, 0, 0, 1), insn(0xb7, 0, 0, 0, 1), insn(0x95)];
    const g = buildCfg(insns);
    expect(g.blocks.map((b) => [b.start, b.end])).toEqual([[0, 2], [3, 3], [4, 4]]);
    expect(g.edges).toEqual([{ from: 0, to: 2, kind: 'taken' }, { from: 1, to: 2, kind: 'fall' }]);
  });
});

describe('failingPath', () => {
  it('cuts back to the branch the verifier resumed from', () => {
    const log = ['0: (b7) r0 = 0', '1: (25) if r1 > 0x5 goto pc+1', '2: (b7) r0 = 1', '3: (95) exit', 'from 1 to 3: R0=0', '3: (95) exit', 'R0 !read_ok'].join('\n');
    expect(failingPath(log)).toEqual([0, 1, 3]);
  });
});

describe('verifySource (verify as you type)', () => {
  it('accepts the XDP example, type and attach point from SEC()', () => {
    const v = verifySource({ source: EXAMPLE, file: 'prog.c' });
    expect(v.verifier?.accepted).toBe(true);
    expect(v.progType).toBe('xdp');
    expect(v.section).toBe('xdp');
    expect(v.cfg!.blocks.length).toBeGreaterThan(5);
    expect(v.states!.length).toBe(v.bytecode.length);
  });
  it('leaves the state texts out when not asked for, with the same verdict', () => {
    const a = verifySource({ source: EXAMPLE, file: 'prog.c' });
    const b = verifySource({ source: EXAMPLE, file: 'prog.c', states: false });
    expect(b.verifier?.accepted).toBe(true);
    expect(b.verifier?.processed).toBe(a.verifier?.processed);
    expect(a.states!.some((x) => x.length > 0)).toBe(true);
    expect(b.states!.every((x) => x.length === 0)).toBe(true);
  });
  it('ships the explored nodes (paths view) only with the state texts', () => {
    const a = verifySource({ source: EXAMPLE, file: 'prog.c' });
    // the kernel's level-2 log for this bytecode: "processed 46 insns", "from 5 to 37: safe" (and 7, 12, 14)
    expect(a.explored!.nodes).toHaveLength(46);
    expect(a.explored!.truncated).toBe(false);
    const pruned = a.explored!.nodes.filter((n) => n.pruned);
    expect(pruned.map((n) => [a.explored!.nodes[n.parent].insn, n.insn]).sort((x, y) => x[0] - y[0])).toEqual([[5, 37], [7, 37], [12, 37], [14, 37]]);
    expect(Object.keys(a.explored!.nodes[0]).sort()).toEqual(['checkpoint', 'edge', 'insn', 'parent', 'pruned', 'prunedBy']);
    expect(verifySource({ source: EXAMPLE, file: 'prog.c', states: false }).explored).toBeUndefined();
  });
  it('positions a rejection at the C line and marks the failing path', () => {
    const v = verifySource({ source: OOB, file: 'oob.c' });
    expect(v.verifier?.accepted).toBe(false);
    // the kernel's complaint for an unchecked packet read (recorded from 6.18 for such loads)
    expect(v.verifier?.error).toMatch(/^invalid access to packet/);
    const d = v.diagnostics.find((x) => x.stage === 'verify')!;
    expect(d.start?.line).toBe(9);
    expect(v.failingPath).toContain(v.verifier!.errorPc);
  });
  it('reports a compile error with line:col and no verdict', () => {
    const v = verifySource({ source: 'SEC("xdp") int f(struct xdp_md *ctx) { return 1 +; }', file: 'x.c' });
    expect(v.verifier).toBeUndefined();
    expect(v.diagnostics[0].severity).toBe('error');
    expect(v.diagnostics[0].start?.line).toBe(1);
  });
});

describe('run sessions', () => {
  it('drops exactly the scenario\'s IPv4 UDP packets to port 5001 and counts them in the map', () => {
    const n = 3000;
    const s = startSession({ source: EXAMPLE, file: 'prog.c', scenario: 'mixed', seed: 7, count: n, engine: REF });
    expect(s.view.state).toBe('ready');
    let v = s.view;
    while (!s.session!.finished) v = s.session!.advance(700);
    expect(v.done).toBe(n);
    // independent: the scenario's own tally of what it sent (untagged IPv4 UDP to 5001)
    const plain = [...createScenario('mixed', { seed: 7, count: n }).value!.packets()].filter(
      (p) => p.bytes[12] === 0x08 && p.bytes[13] === 0x00 && p.bytes[23] === 17 && ((p.bytes[14] & 0x0f) === 5) && p.bytes[36] === 0x13 && p.bytes[37] === 0x89,
    ).length;
    expect(plain).toBeGreaterThan(0);
    expect(v.verdicts.XDP_DROP).toBe(plain);
    expect(v.verdicts.XDP_PASS).toBe(n - plain);
    const dropped = v.maps.find((m) => m.name === 'dropped')!;
    const le = (h: string) => Number(BigInt('0x' + h.match(/../g)!.reverse().join('')));
    expect(le(dropped.entries[0].value as string)).toBe(plain);
    expect(v.history.length).toBe(Math.ceil(n / 700));
    expect(v.samples.length).toBe(128);
    // executed-instruction counts: insn 0 runs once per traced run
    expect(v.insnCounts[0]).toBe(v.countedRuns);
  });

  it('edits a map between batches', () => {
    const s = startSession({ source: EXAMPLE, file: 'prog.c', count: 10, engine: REF });
    const v = s.session!.mapOp({ map: 'dropped', op: 'update', key: '00000000', value: '2a00000000000000' });
    expect(v.mapError).toBeUndefined();
    expect(v.maps[0].entries[0]).toEqual({ key: '00000000', value: '2a00000000000000' });
    expect(s.session!.mapOp({ map: 'dropped', op: 'update', key: '00', value: '00' }).mapError).toMatch(/dropped: /);
  });

  it('refuses a rejected program, and shows the oops when run without the verifier', () => {
    const s = startSession({ source: OOB, file: 'oob.c', count: 5 });
    expect(s.session).toBeUndefined();
    expect(s.view.verifier?.accepted).toBe(false);
    const u = startSession({ source: OOB, file: 'oob.c', count: 5, noVerifier: true, engine: REF });
    const v = u.session!.advance(5);
    expect(v.oops?.kind).toBe('fault');
    expect(v.oops?.index).toBe(0);
    expect(v.oops?.message).toMatch(/BUG: unable to handle page fault/);
    expect(v.verdicts.oops).toBe(5);
    expect(v.state).toBe('done');
  });

  it('steps one packet at a time', () => {
    const s = startSession({ source: EXAMPLE, file: 'prog.c', count: 3, engine: REF });
    expect(s.session!.step().done).toBe(1);
    expect(s.session!.step().done).toBe(2);
    const v = s.session!.step();
    expect(v.done).toBe(3);
    expect(v.state).toBe('done');
    expect(v.samples.map((x) => x.index)).toEqual([0, 1, 2]);
  });

  it('drives a tracepoint program with the event generator: one run per execve', () => {
    const src = readFileSync(new URL('../../examples/20-execsnoop/prog.c', import.meta.url), 'utf8');
    const s = startSession({ source: src, file: 'prog.c', seed: 3, count: 100_000, engine: REF });
    expect(s.view.state).toBe('ready');
    let v = s.view;
    while (!s.session!.finished) v = s.session!.advance(5000);
    // independent: the same world (seed 3, all workloads) iterated on its own
    const w = createWorldResult({ seed: 3, cpus: 2 }).value!;
    let execs = 0;
    for (const e of w) if (e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_execve') execs++;
    expect(execs).toBeGreaterThan(0);
    expect(v.verdicts.runs).toBe(execs);
    expect(v.eventsTotal).toBe(execs);
  });

  it('steps a tracing program: the world runs to the next event it attaches to, one traced run', () => {
    const src = readFileSync(new URL('../../examples/20-execsnoop/prog.c', import.meta.url), 'utf8');
    const s = startSession({ source: src, file: 'prog.c', seed: 3, count: 100_000, scenario: 'shell' });
    const rs = s.session!;
    // independent: the same world iterated on its own — the first two execve events
    const w = createWorldResult({ seed: 3, cpus: 2, workloads: ['shell'] }).value!;
    const execs: { id: number; record: Uint8Array; comm: string }[] = [];
    for (const e of w) if (e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_execve' && execs.push({ id: e.id, record: e.record, comm: e.task.comm }) === 2) break;
    for (const want of execs) {
      const v = rs.step();
      const st = v.stepped!;
      expect(st.index).toBe(want.id);
      expect(v.done).toBe(want.id + 1);
      expect(v.state).toBe('paused');
      expect(st.event).toContain('tracepoint syscalls/sys_enter_execve');
      expect(st.event).toContain(want.comm);
      expect(st.in).toBe(Buffer.from(want.record).toString('hex'));
      expect(st.trace[0].pc).toBe(0);
      expect(st.trace.length).toBe(st.steps);
      expect(st.initialRegs[1]).toBeGreaterThan(0n);
      // `return 0`: the last write of r0
      expect(st.trace.flatMap((t) => t.regs).filter(([r]) => r === 0).at(-1)![1]).toBe(0n);
      expect(st.retval).toBe(0);
      // the step's ring-buffer record is there, on that event
      expect(v.events.at(-1)!.index).toBe(want.id);
    }
    expect(rs.view.verdicts.runs).toBe(2);
    // the records' C type travels with every view (batch answers included), for the Events panel
    expect(s.view.recordTypes?.events.layout?.type).toBe('struct event');
    resetWorkerSession();
    handleMessage({ id: 1, type: 'session.start', payload: { source: src, file: 'prog.c', count: 10 } });
    const b = handleMessage({ id: 2, type: 'session.advance', payload: { max: 10 } });
    expect(b.type === 'session' && b.payload.recordTypes?.events.layout?.fields.map((f) => f.name)).toEqual(['pid', 'uid', 'comm', 'filename']);
  });

  it('answers session requests through the dispatcher, and refuses them without a session', () => {
    resetWorkerSession();
    expect(handleMessage({ id: 1, type: 'session.advance', payload: { max: 1 } }).type).toBe('failure');
    const a = handleMessage({ id: 2, type: 'session.start', payload: { source: EXAMPLE, file: 'prog.c', count: 4, engine: REF } });
    expect(a.type).toBe('session');
    const b = handleMessage({ id: 3, type: 'session.advance', payload: { max: 10 } });
    expect(b.type === 'session' && b.payload.done).toBe(4);
  });
});

describe('event run length', () => {
  it('runs the world for the simulated time asked for', () => {
    const src = readFileSync(new URL('../../examples/21-opensnoop/prog.c', import.meta.url), 'utf8');
    const s = startSession({ source: src, file: 'prog.c', seed: 9, count: 1_000_000, durationMs: 500, engine: 'ref' });
    let v = s.view;
    while (!s.session!.finished) v = s.session!.advance(50_000);
    const w = createWorldResult({ seed: 9, cpus: 2, durationNs: 500_000_000 }).value!;
    let opens = 0;
    let events = 0;
    for (const e of w) {
      events++;
      if (e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_openat') opens++;
    }
    expect(v.done).toBe(events);
    expect(v.verdicts.runs).toBe(opens);
  });
});

describe('multi-program objects', () => {
  it('attaches every tracing program of runqlat: one run per scheduler event each', () => {
    const src = readFileSync(new URL('../../examples/23-runqlat/prog.c', import.meta.url), 'utf8');
    const s = startSession({ source: src, file: 'prog.c', seed: 5, count: 1_000_000, engine: 'ref' });
    let v = s.view;
    while (!s.session!.finished) v = s.session!.advance(20_000);
    const w = createWorldResult({ seed: 5, cpus: 2 }).value!;
    const n: Record<string, number> = {};
    for (const e of w) if (e.kind === 'tracepoint') n[e.name] = (n[e.name] ?? 0) + 1;
    expect(v.verdicts['runs of handle_wakeup']).toBe(n['sched/sched_wakeup']);
    expect(v.verdicts['runs of handle_wakeup_new']).toBe(n['sched/sched_wakeup_new']);
    expect(v.verdicts['runs of handle_switch']).toBe(n['sched/sched_switch']);
    // the histogram map got filled by the switch program
    const hist = v.maps.find((m) => m.name === 'hist')!;
    expect(hist.entries.some((e) => e.value !== '0000000000000000')).toBe(true);
  });
});

describe('batch answers', () => {
  it('leave out what the start answer already sent', () => {
    resetWorkerSession();
    handleMessage({ id: 1, type: 'session.start', payload: { source: EXAMPLE, file: 'prog.c', count: 4, engine: 'ref' } });
    const b = handleMessage({ id: 2, type: 'session.advance', payload: { max: 2 } });
    expect(b.type).toBe('session');
    if (b.type !== 'session') return;
    expect(b.payload.partial).toBe(true);
    expect(b.payload.bytecode).toEqual([]);
    expect(b.payload.states).toBeUndefined();
    expect(b.payload.done).toBe(2);
    expect(b.payload.maps[0].name).toBe('dropped');
  });
});

describe('Step and the fast paths', () => {
  /** The example's verdict for a frame, computed here from the bytes (Ethernet → IPv4 → UDP dport). */
  const expected = (hex: string): string => {
    const b = Uint8Array.from(hex.match(/../g)!.map((x) => parseInt(x, 16)));
    if (b.length < 34 || b[12] !== 0x08 || b[13] !== 0x00 || b[23] !== 17) return 'XDP_PASS';
    const udp = 14 + (b[14] & 0x0f) * 4;
    if (b.length < udp + 8) return 'XDP_PASS';
    return ((b[udp + 2] << 8) | b[udp + 3]) === 5001 ? 'XDP_DROP' : 'XDP_PASS';
  };

  it('steps single packets on the reference interpreter with a register trace, then runs the rest in bulk', () => {
    const count = 3000;
    const s = startSession({ source: EXAMPLE, file: 'prog.c', scenario: 'iperf', seed: 3, count });
    expect(s.view.state).toBe('ready');
    expect(s.view.engineMode).toBe('proven');
    const rs = s.session!;
    for (let i = 0; i < 12; i++) {
      const v = rs.step();
      const st = v.stepped!;
      expect(st.index).toBe(i);
      expect(v.done).toBe(i + 1);
      expect(st.verdict).toBe(expected(st.in));
      // concrete register values: the trace starts at pc 0, ends at an exit, and the last write of r0 is the verdict
      expect(st.trace[0].pc).toBe(0);
      expect(st.trace.length).toBe(st.steps);
      const r0 = st.trace.flatMap((t) => t.regs).filter(([r]) => r === 0).at(-1)![1];
      expect(Number(r0)).toBe(st.retval);
      expect(st.retval).toBe(st.verdict === 'XDP_DROP' ? 1 : 2);
    }
    while (!rs.finished) rs.advance(1000);
    const want = createScenario('iperf', { seed: 3, count }).value!.counts().udp4Dport[5001] ?? 0;
    expect(rs.view.done).toBe(count);
    expect(rs.view.verdicts.XDP_DROP).toBe(want);
    expect(rs.view.verdicts.XDP_PASS).toBe(count - want);
    // the fast engine ran the bulk: its stats are there; no fallback
    expect(rs.view.compileMs).toBeGreaterThan(0);
    expect(rs.view.nsPerRun).toBeGreaterThan(0);
    expect(rs.view.engineFallback).toBeUndefined();
    // the map counted every drop, stepped or not
    const le64 = Array.from({ length: 8 }, (_, i) => Number((BigInt(want) >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join('');
    expect(rs.view.maps.find((m) => m.name === 'dropped')!.entries[0].value).toBe(le64);
  });

  it('keeps the latest samples of each batch only, and loads checked mode without the verifier', () => {
    const s = startSession({ source: EXAMPLE, file: 'prog.c', scenario: 'iperf', seed: 4, count: 5000, noVerifier: true });
    expect(s.view.engineMode).toBe('checked');
    const rs = s.session!;
    rs.advance(2000);
    const idx = rs.view.samples.map((x) => x.index);
    // the first 64 packets, then the batch's last 64 (1936..1999)
    expect(idx.slice(0, 64)).toEqual([...Array(64).keys()]);
    expect(idx.slice(64)).toEqual(Array.from({ length: 64 }, (_, i) => 1936 + i));
    for (const x of rs.view.samples) expect(x.verdict).toBe(expected(x.in));
  });
});

describe('example headers as run settings', () => {
  it('runs 14-ringbuf-vs-perfbuf with the reader its header asks for: what the reader got plus what was lost is what was sent', async () => {
    const { parseExample, exampleRunOpts } = await import('../state/examples.ts');
    const text = readFileSync(new URL('../../examples/14-ringbuf-vs-perfbuf/prog.c', import.meta.url), 'utf8');
    const ex = parseExample('/examples/14-ringbuf-vs-perfbuf/prog.c', text)!;
    const o = exampleRunOpts(ex);
    expect(o).toEqual({ count: 3000, durationS: null, pollEvery: 512, perfPages: 1 });
    const s = startSession({ source: text, file: 'prog.c', scenario: ex.scenario, seed: ex.seed, count: o.count, reader: { pollEvery: o.pollEvery!, perfPages: o.perfPages! } });
    expect(s.view.state).toBe('ready');
    const rs = s.session!;
    while (!rs.finished) rs.advance(700);
    // the program's own counters (array map `counts`): [0] ring records refused, [1] perf samples lost, [2] datagrams seen
    const counts = rs.view.maps.find((m) => m.name === 'counts')!;
    const at = (k: number) => {
      const e = counts.entries.find((x) => x.key === new Uint8Array(new Uint32Array([k]).buffer).reduce((a, b) => a + b.toString(16).padStart(2, '0'), ''));
      return e ? Number(BigInt.asUintN(64, BigInt('0x' + (e.value as string).match(/../g)!.reverse().join('')))) : 0;
    };
    const sent = Object.values(createScenario('iperf', { seed: ex.seed, count: 3000 }).value!.counts().udp4Dport).reduce((a, b) => a + b, 0);
    expect(at(2)).toBe(sent);
    expect(at(0)).toBeGreaterThan(0);
    expect(at(1)).toBeGreaterThan(0);
    expect(rs.view.perfLost).toEqual({ pb: at(1) });
    expect(rs.view.eventsTotal).toBe(2 * sent - at(0) - at(1));
    expect(rs.view.reader).toEqual({ pollEvery: 512, perfPages: 1 });
  });

  it('runs several workloads of a tracing example (@scenario: webserver,shell)', () => {
    const text = readFileSync(new URL('../../examples/21-opensnoop/prog.c', import.meta.url), 'utf8');
    const s = startSession({ source: text, file: 'prog.c', scenario: 'webserver,shell', seed: 2, count: 100_000, durationMs: 1000 });
    expect(s.view.state).toBe('ready');
    expect(s.view.scenario).toBe('webserver,shell');
    const bad = startSession({ source: text, file: 'prog.c', scenario: 'webserver,nosuch', seed: 2, count: 10 });
    expect(bad.view.scenario).toBe('all workloads');
  });
});

describe('the JIT fallback for BPF_PROBE_MEM loads', () => {
  const PROBE = readFileSync(new URL('../../e2e/fixtures/probe-mem-lsm.c', import.meta.url), 'utf8');
  const run = (engine: 'fast' | 'ref') => {
    const s = startSession({ source: PROBE, file: 'prog.c', scenario: 'malicious', seed: 7, count: 100_000, engine });
    expect(s.session).toBeDefined();
    let v = s.session!.advance(100_000);
    while (v.state !== 'done' && v.state !== 'error') v = s.session!.advance(100_000);
    return v;
  };
  it('says why the fast engine did not run the program, and the outcome is the interpreter\'s', () => {
    const fast = run('fast');
    // file->f_inode then ->i_ino: two loads through BTF pointers
    expect(fast.engineFallback).toBe('count_opens reads kernel memory through BTF pointers: 2 BPF_PROBE_MEM load(s), which the JIT does not compile');
    const ref = run(REF);
    expect(ref.engineFallback).toBeUndefined();
    expect(fast.verdicts).toEqual(ref.verdicts);
    // the counter went up once per run (every opened file has an inode)
    const count = (v: typeof fast) => Number(BigInt.asUintN(64, BigInt(`0x${(v.maps.find((m) => m.name === 'opens')!.entries[0].value as string).match(/../g)!.reverse().join('')}`)));
    expect(count(fast)).toBe(fast.verdicts.runs);
    expect(count(ref)).toBe(ref.verdicts.runs);
    expect(fast.verdicts.runs).toBeGreaterThan(0);
  });
  it('a program without them runs on the JIT, with no fallback reported', () => {
    const s = startSession({ source: EXAMPLE, file: 'prog.c', scenario: 'mixed', seed: 1, count: 100 });
    const v = s.session!.advance(100);
    expect(v.engine).toBe('fast');
    expect(v.engineFallback).toBeUndefined();
    expect(v.compileMs).toBeGreaterThan(0);
  });
});

describe('verify for the paths view', () => {
  it('explored paths without the state texts', () => {
    const o = verifySource({ source: EXAMPLE, file: 'prog.c', states: false, explore: true });
    // the kernel processes 46 insns for this program: one node each
    expect(o.explored!.nodes).toHaveLength(46);
    expect(o.states!.every((s) => s.length === 0)).toBe(true);
  });
  it('a traffic run ships the traced runs\' distinct paths: every counted run once, each starting at insn 0 and ending at an exit', () => {
    const s = startSession({ source: EXAMPLE, file: 'prog.c', scenario: 'mixed', seed: 3, count: 300 });
    const v = s.view;
    expect(v.countedRuns).toBe(256);
    const paths = v.tracedPaths!;
    expect(paths.reduce((n, p) => n + p.runs, 0)).toBe(256);
    const exits = new Set(v.bytecode.filter((r) => r.text === 'exit').map((r) => r.pc));
    for (const p of paths) {
      expect(p.pcs[0]).toBe(0);
      expect(exits.has(p.pcs[p.pcs.length - 1])).toBe(true);
    }
    // insn 0's count is the number of paths' runs through it; a path's pcs agree with the per-insn counts
    const counts = new Array<number>(v.insnCounts.length).fill(0);
    for (const p of paths) for (const pc of p.pcs) counts[pc] += p.runs;
    expect(counts).toEqual(v.insnCounts);
    // batches leave them out (the page keeps the start answer's)
    expect(progressOnly(s.session!.advance(10)).tracedPaths).toBeUndefined();
  });
});

describe('exact execution counts (view.execCounts)', () => {
  it('count every packet of the run, the same on both engines, and add up to the steps run', () => {
    const n = 3000; // far more than the 256 packets of the traced replay
    const views = (['fast', 'ref'] as const).map((engine) => {
      const s = startSession({ source: EXAMPLE, file: 'prog.c', scenario: 'mixed', seed: 7, count: n, engine });
      s.session!.advance(1000);
      return s.session!.advance(n);
    });
    const [fast, ref] = views;
    expect(fast.done).toBe(n);
    expect(fast.execRuns).toBe(n);
    // insn 0 runs once per packet
    expect(fast.execCounts![0]).toBe(n);
    // every instruction executed is one step of the driver's tally
    expect(fast.execCounts!.reduce((a, b) => a + b, 0)).toBe(fast.steps);
    // the map lookup (`r1 = dropped ll`) runs once per dropped packet: the scenario's own tally of untagged UDP to 5001
    const plain = [...createScenario('mixed', { seed: 7, count: n }).value!.packets()].filter(
      (p) => p.bytes[12] === 0x08 && p.bytes[13] === 0x00 && p.bytes[23] === 17 && ((p.bytes[14] & 0x0f) === 5) && p.bytes[36] === 0x13 && p.bytes[37] === 0x89,
    ).length;
    const lookup = fast.bytecode.findIndex((r) => r.text.includes('dropped ll'));
    expect(lookup).toBeGreaterThan(0);
    expect(fast.execCounts![lookup]).toBe(plain);
    // the reference interpreter (no counting mode: one increment per step) agrees slot by slot
    expect(ref.execCounts).toEqual(fast.execCounts);
    // batches carry them (progressOnly keeps them)
    expect(progressOnly(fast).execCounts).toEqual(fast.execCounts);
  });
  it('Step (a traced packet on the interpreter) counts too; counts: false leaves them out', () => {
    const s = startSession({ source: EXAMPLE, file: 'prog.c', scenario: 'mixed', seed: 7, count: 100 });
    s.session!.advance(10);
    const v = s.session!.step();
    expect(v.done).toBe(11);
    expect(v.execCounts![0]).toBe(11);
    const off = startSession({ source: EXAMPLE, file: 'prog.c', scenario: 'mixed', seed: 7, count: 100, counts: false });
    expect(off.session!.advance(10).execCounts).toBeUndefined();
  });
});

describe('exact execution counts of a tracing program', () => {
  it('execsnoop on the event generator: insn 0 runs once per execve, on both engines alike', () => {
    const src = readFileSync(new URL('../../examples/20-execsnoop/prog.c', import.meta.url), 'utf8');
    const w = createWorldResult({ seed: 3, cpus: 2 }).value!;
    let execs = 0;
    for (const e of w) if (e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_execve') execs++;
    const views = (['fast', 'ref'] as const).map((engine) => {
      const s = startSession({ source: src, file: 'prog.c', seed: 3, count: 100_000, engine });
      let v = s.view;
      while (!s.session!.finished) v = s.session!.advance(5000);
      return v;
    });
    expect(execs).toBeGreaterThan(0);
    expect(views[0].execRuns).toBe(execs);
    expect(views[0].execCounts![0]).toBe(execs);
    expect(views[1].execCounts).toEqual(views[0].execCounts);
  });
});
