/**
 * Lessons: the parser and checks on hand-written texts, and every real lesson run through the
 * real pipeline (the worker's `runSource`): its starting program must not pass the last step,
 * its solution must pass every step that asks for an accepted program, and — for the C lessons —
 * the verdicts agree with what the 6.18 kernel said about clang's build of the same files
 * (testdata/lessons-kernel-6.18.json, recorded with kernel_oracle.py).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { drivePackets } from '../sim/nic/drive.ts';
import { loadC } from '../sim/nic/load.ts';
import { createScenario } from '../sim/nic/scenario.ts';
import { runSource } from '../worker/pipeline.ts';
import {
  checkHolds, factsOf, lessonComplete, LESSONS_KEY, loadLessons, markStepDone, NO_FACTS, parseCheck, parseLesson,
  readProgress, resetLesson, setLessonStorageForTests, stepPasses, useLessonProgress, withLive, type LessonFacts,
} from './lessons.ts';

const facts = (f: Partial<LessonFacts>): LessonFacts => ({ ...NO_FACTS, source: 'x', ...f });

describe('checks', () => {
  it('parses every kind and refuses unknown ones with the list of kinds', () => {
    expect(parseCheck('accepted')).toEqual({ ok: true, value: { kind: 'accepted', text: 'accepted' } });
    expect(parseCheck('r0 == 0x2a')).toMatchObject({ ok: true, value: { kind: 'r0', value: '0x2a', negate: false } });
    expect(parseCheck('retval != XDP_DROP')).toMatchObject({ ok: true, value: { kind: 'retval', value: 'XDP_DROP', negate: true } });
    expect(parseCheck('log contains "fp-8=\\"x"')).toMatchObject({ ok: true, value: { kind: 'log', value: 'fp-8="x' } });
    expect(parseCheck('source not contains "goto"')).toMatchObject({ ok: true, value: { kind: 'source', negate: true } });
    expect(parseCheck('r0 is 42')).toMatchObject({ ok: false, error: expect.stringMatching(/unknown check 'r0 is 42'/) });
    expect(parseCheck('traffic XDP_DROP == udp4:5001')).toMatchObject({ ok: true, value: { kind: 'traffic', verdict: 'XDP_DROP', key: 'udp4', port: 5001 } });
    expect(parseCheck('traffic XDP_DROP == udp4:70000')).toMatchObject({ ok: false });
  });

  it('evaluates on facts; nothing holds before a run', () => {
    const c = (t: string) => (parseCheck(t) as { value: Parameters<typeof checkHolds>[0] }).value;
    expect(checkHolds(c('accepted'), NO_FACTS)).toBe(false);
    expect(checkHolds(c('rejected'), NO_FACTS)).toBe(false);
    expect(checkHolds(c('source not contains "x"'), NO_FACTS)).toBe(false);
    expect(checkHolds(c('r0 == 42'), facts({ accepted: true, r0: 42n }))).toBe(true);
    expect(checkHolds(c('r0 == -1'), facts({ accepted: true, r0: 0xffffffffffffffffn }))).toBe(true);
    expect(checkHolds(c('r0 == 42'), facts({ accepted: true, r0: null }))).toBe(false);
    expect(checkHolds(c('r0 == 2'), facts({ accepted: true, retval: 2 }))).toBe(true);
    expect(checkHolds(c('retval == XDP_DROP'), facts({ accepted: true, retval: 1, retvalName: 'XDP_DROP' }))).toBe(true);
    expect(checkHolds(c('retval == 1'), facts({ accepted: true, retval: 1, retvalName: 'XDP_DROP' }))).toBe(true);
    expect(checkHolds(c('retval == XDP_PASS'), facts({ accepted: true, retval: 1, retvalName: 'XDP_DROP' }))).toBe(false);
    expect(checkHolds(c('log contains "fp-8="'), facts({ accepted: true, log: '1: R1=1 fp-8=1234' }))).toBe(true);
    expect(checkHolds(c('error contains "packet"'), facts({ accepted: false, error: 'invalid access to packet' }))).toBe(true);
    expect(checkHolds(c('source contains "goto"'), facts({ source: 'if r1 > r2 goto l' }))).toBe(true);
    const counts = { udpDport: { 5001: 40, 53: 2 }, udp4Dport: { 5001: 37 }, tcpDport: {}, tcpSynDport: {} };
    const drop = c('traffic XDP_DROP == udp4:5001');
    expect(checkHolds(drop, facts({ traffic: { done: 100, total: 100, verdicts: { XDP_DROP: 37, XDP_PASS: 63 }, counts } }))).toBe(true);
    expect(checkHolds(drop, facts({ traffic: { done: 100, total: 100, verdicts: { XDP_DROP: 40, XDP_PASS: 60 }, counts } }))).toBe(false);
    expect(checkHolds(drop, facts({ traffic: { done: 50, total: 100, verdicts: { XDP_DROP: 37 }, counts } }))).toBe(false); // not finished
    expect(checkHolds(drop, facts({ traffic: { done: 100, total: 100, verdicts: { XDP_DROP: 37 }, counts: null } }))).toBe(false);
    expect(checkHolds(c('traffic XDP_DROP == tcp:80'), facts({ traffic: { done: 9, total: 9, verdicts: { XDP_PASS: 9 }, counts } }))).toBe(true); // 0 == 0
  });

  it('takes the verdict from a newer live verify, and run values only for the same text', () => {
    const run = facts({ source: 'A', accepted: false, error: 'bad', r0: 42n });
    const v = { progType: 'xdp', accepted: true, error: null, log: 'processed 2 insns', processed: 2, logLevel: 1 as const };
    expect(withLive(run, null)).toBe(run);
    expect(withLive(run, { source: 'A', verifier: v })).toMatchObject({ source: 'A', accepted: true, error: '', r0: 42n });
    expect(withLive(run, { source: 'B', verifier: v })).toMatchObject({ source: 'B', accepted: true, r0: null, retval: null });
    expect(withLive(run, { source: 'B' })).toMatchObject({ accepted: null });
  });

  it('reports bad lesson files with file:line', () => {
    expect(parseLesson('/lessons/01-x/lesson.md', '# T\n## S\n@check: bogus\n', { 'prog.s': 'exit' })).toMatchObject({ ok: false, error: "/lessons/01-x/lesson.md:3: unknown check 'bogus' (accepted, rejected, r0 == N, retval == NAME, log|error|source contains \"text\", traffic VERDICT == udp4:PORT)" });
    expect(parseLesson('/lessons/01-x/lesson.md', '# T\n@check: accepted\n', { 'prog.s': 'exit' })).toMatchObject({ ok: false, error: expect.stringMatching(/:2: a check before the first step/) });
    expect(parseLesson('/lessons/01-x/lesson.md', '# T\n## S\n', {})).toMatchObject({ ok: false, error: expect.stringMatching(/no prog\.s or prog\.c/) });
    expect(parseLesson('/lessons/01-x/lesson.md', '## S\n', { 'prog.s': '' })).toMatchObject({ ok: false, error: expect.stringMatching(/no '# Title'/) });
    const ok = parseLesson('/lessons/01-x/lesson.md', '# T\n\n## One\nA b\nc.\n\nD.\n@check: accepted\n## Two\n', { 'prog.s': 'exit' });
    expect(parseLesson('/lessons/01-x/lesson.md', '# T\n@scenario: Bad Name\n## S\n', { 'prog.s': '' })).toMatchObject({ ok: false, error: expect.stringMatching(/:2: '@scenario: Bad Name' is not a scenario name/) });
    expect(parseLesson('/lessons/01-x/lesson.md', '# T\n@scenario: iperf\n@seed: 7\n@count: 2000\n## S\n', { 'prog.c': '' })).toMatchObject({ ok: true, value: { scenario: 'iperf', seed: 7, count: 2000, file: 'prog.c' } });
    expect(parseLesson('/lessons/01-x/lesson.md', '# T\n@mem: 01 02 ff\n## S\n', { 'prog.s': '' })).toMatchObject({ ok: true, value: { mem: '01 02 ff' } });
    expect(parseLesson('/lessons/01-x/lesson.md', '# T\n@mem: 01 0z\n## S\n', { 'prog.s': '' })).toMatchObject({ ok: false, error: expect.stringMatching(/:2: '@mem: 01 0z' is not hex bytes/) });
    expect(ok).toEqual({ ok: true, value: { id: '01-x', order: 1, title: 'T', file: 'prog.s', text: 'exit', scenario: null, seed: 0, count: null, mem: '', steps: [
      { title: 'One', body: ['A b c.', 'D.'], checks: [{ kind: 'accepted', text: 'accepted' }] },
      { title: 'Two', body: [], checks: [] },
    ] } });
  });
});

const DIRS = readdirSync('lessons').filter((d) => /^\d\d-/.test(d)).sort();
const sources: Record<string, string> = {};
for (const d of DIRS) for (const f of readdirSync(`lessons/${d}`)) sources[`/lessons/${d}/${f}`] = readFileSync(`lessons/${d}/${f}`, 'utf8');
const KERNEL = JSON.parse(readFileSync('src/state/testdata/lessons-kernel-6.18.json', 'utf8')).lessons as Record<string, { accepted: boolean; error: string | null }>;

/** The lesson's program run as the page runs it; with a scenario, also a full traffic run. */
function run(file: string, text: string, scenario: string | null = null, seed = 0, count = 0, mem = ''): LessonFacts {
  const facts = factsOf(runSource({ source: text, file, ...(mem ? { mem } : {}) }), text);
  if (!scenario) return facts;
  const sc = createScenario(scenario, { seed, count }).value!;
  const l = loadC(text, file);
  if (!l.ok) return facts;
  const r = drivePackets(l.kernel, l.prog, sc);
  const c = sc.counts(); // the scenario's own tally: independent of the program
  return { ...facts, traffic: { done: r.packets, total: count, verdicts: r.verdicts, counts: { udpDport: c.udpDport, udp4Dport: c.udp4Dport, tcpDport: c.tcpDport, tcpSynDport: c.tcpSynDport } } };
}

describe('the lessons in lessons/', () => {
  const { lessons, errors } = loadLessons(sources);

  it('are eleven, all parse, in order: six in assembly, then five in C', () => {
    expect(errors).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual(DIRS);
    expect(lessons.length).toBe(11);
    expect(lessons.map((l) => l.file)).toEqual([...Array(6).fill('prog.s'), ...Array(5).fill('prog.c')]);
    for (const l of lessons) expect(l.steps.some((s) => s.checks.length > 0), l.id).toBe(true);
  });

  for (const dir of DIRS) {
    it(`${dir}: the start does not finish it; the solution passes every step but "see it rejected"`, () => {
      const l = lessons.find((x) => x.id === dir)!;
      const ext = l.file.slice(-2);
      const solution = readFileSync(`lessons/${dir}/solution${ext}`, 'utf8');
      const start = run(l.file, l.text, l.scenario, l.seed, l.count ?? 0, l.mem);
      const done = run(l.file, solution, l.scenario, l.seed, l.count ?? 0, l.mem);
      const last = l.steps[l.steps.length - 1];
      expect(stepPasses(last, start), 'the starting program must not complete the lesson').toBe(false);
      for (const s of l.steps) if (!s.checks.some((c) => c.kind === 'rejected')) expect(s.checks.length === 0 || stepPasses(s, done), `${s.title}: ${JSON.stringify({ ...done, log: undefined, r0: String(done.r0) })}`).toBe(true);
      // steps asking to see a rejection pass on the starting program
      for (const s of l.steps) if (s.checks.some((c) => c.kind === 'rejected')) expect(stepPasses(s, start), s.title).toBe(true);
      // a traffic check must not be trivially 0 == 0
      for (const c of l.steps.flatMap((x) => x.checks)) {
        if (c.kind === 'traffic') expect(done.traffic!.counts![({ udp: 'udpDport', udp4: 'udp4Dport', tcp: 'tcpDport', syn: 'tcpSynDport' } as const)[c.key!]][c.port!]).toBeGreaterThan(100);
      }
      // the verdicts are the 6.18 kernel's (C: clang-19's build; assembly: llvm-mc-19's, as XDP)
      expect(start.accepted, 'start verdict = kernel').toBe(KERNEL[`${dir}/prog${ext}`].accepted);
      expect(done.accepted, 'solution verdict = kernel').toBe(KERNEL[`${dir}/solution${ext}`].accepted);
      if (ext === '.s') {
        // assembly: the same complaint, word for word
        expect(start.error || null, 'start error = kernel').toBe(KERNEL[`${dir}/prog.s`].error);
        expect(done.error || null, 'solution error = kernel').toBe(KERNEL[`${dir}/solution.s`].error);
      }
    });
  }
});

describe('progress', () => {
  class Mem {
    m = new Map<string, string>();
    getItem(k: string) {
      return this.m.get(k) ?? null;
    }
    setItem(k: string, v: string) {
      this.m.set(k, v);
    }
  }
  let mem: Mem;
  beforeEach(() => {
    mem = new Mem();
    setLessonStorageForTests(mem);
  });

  it('is saved, read back, and survives damaged entries', () => {
    markStepDone('01-registers', 1);
    markStepDone('01-registers', 0);
    expect(JSON.parse(mem.m.get(LESSONS_KEY)!).done).toEqual({ '01-registers': [0, 1] });
    setLessonStorageForTests(mem);
    expect(useLessonProgress.getState().done).toEqual({ '01-registers': [0, 1] });
    const lesson = { id: '01-registers', steps: [{}, {}] } as unknown as Parameters<typeof lessonComplete>[0];
    expect(lessonComplete(lesson, useLessonProgress.getState())).toBe(true);
    resetLesson('01-registers');
    expect(lessonComplete(lesson, useLessonProgress.getState())).toBe(false);
    mem.m.set(LESSONS_KEY, '{"open":"<b>","done":{"01-a":[1,"x",-2,1],"../x":[1]},"step":{"01-a":2.5}}');
    expect(readProgress(mem)).toEqual({ open: null, done: { '01-a': [1] }, step: {} });
    mem.m.set(LESSONS_KEY, 'not json');
    expect(readProgress(mem)).toEqual({ open: null, step: {}, done: {} });
  });
  it('reads progress saved under the ids the C lessons had before the assembly track grew', () => {
    mem.m.set(LESSONS_KEY, '{"open":"06-packet-bounds","done":{"04-memory-bounds":[0,1],"08-tail-calls":[0],"01-registers":[0]},"step":{"05-maps":1}}');
    expect(readProgress(mem)).toEqual({
      open: '09-packet-bounds',
      done: { '07-memory-bounds': [0, 1], '11-tail-calls': [0], '01-registers': [0] },
      step: { '08-maps': 1 },
    });
    // every renamed id is a lesson that exists now
    for (const id of ['07-memory-bounds', '08-maps', '09-packet-bounds', '10-ring-buffers', '11-tail-calls']) {
      expect(existsSync(join(process.cwd(), 'lessons', id, 'lesson.md')), id).toBe(true);
    }
  });
});
