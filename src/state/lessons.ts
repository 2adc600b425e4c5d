/**
 * Guided lessons: the data (`lessons/NN-topic/lesson.md` + a starting program, parsed here), the
 * checks a step passes on the worker's real results, and the learner's progress (persisted).
 *
 * A lesson.md is a `# Title`, then `## Step title` sections of short paragraphs; a step's lines
 * `@check: …` say when it is done, all of them at once, on the last run's results:
 *
 *     @check: accepted                  the verifier accepts the program
 *     @check: rejected                  the verifier rejects it
 *     @check: r0 == 42                  the run's r0 (a raw run; C: the test run's return value)
 *     @check: retval == XDP_DROP        the test run's return code by name (or number)
 *     @check: log contains "fp-8="      the verifier log holds the text
 *     @check: error contains "…"        the verifier's one-line complaint holds the text
 *     @check: source contains "goto"    the program that ran holds the text
 *     @check: traffic XDP_DROP == udp4:5001
 *                                       after a complete traffic run, the number of packets with
 *                                       that verdict equals the scenario's own count of IPv4 UDP
 *                                       packets to port 5001 (also udp:, tcp:, syn: PORT)
 *
 * Before its first step a lesson may say what it runs against: `@scenario: iperf`, `@seed: 7`,
 * `@count: 2000` (a traffic run's packet count), or for an assembly lesson run raw on a buffer,
 * `@mem: 01 02 03 04 ff` (the mem input "Start" puts under the editor).
 * A step without checks is done when the learner moves on. A step, once passed, stays passed
 * (progress is kept per lesson in local storage), so a lesson whose first step is "see the
 * verifier reject this" and whose second is "now fix it" completes naturally.
 *
 * Pure parsing and evaluation (tested in Node); the store at the bottom holds only plain data.
 * Does not: render Markdown (the lessons panel does, for the small subset used: paragraphs,
 * `code`, **bold**), or run anything (checks read results the page already has).
 */
import { create } from 'zustand';
import type { RunOutcome, VerifierSummary } from '../worker/protocol.ts';
import { browserStorage, type KeyValueStorage } from './autosave.ts';

export type CheckKind = 'accepted' | 'rejected' | 'r0' | 'retval' | 'log' | 'error' | 'source' | 'traffic';

/** Which of the scenario's own tallies a traffic check compares with (ScenarioCounts fields). */
export const TRAFFIC_KEYS = { udp: 'udpDport', udp4: 'udp4Dport', tcp: 'tcpDport', syn: 'tcpSynDport' } as const;
export type TrafficKey = keyof typeof TRAFFIC_KEYS;

export interface LessonCheck {
  kind: CheckKind;
  /** r0 / retval: the expected value as written (decimal, 0x-hex or a return-code name). */
  value?: string;
  negate?: boolean;
  /** traffic: the verdict counted, the tally and the port it must equal. */
  verdict?: string;
  key?: TrafficKey;
  port?: number;
  /** The check as written, shown to the learner. */
  text: string;
}

export interface LessonStep {
  title: string;
  /** Paragraphs (blank-line separated), as written. */
  body: string[];
  checks: LessonCheck[];
}

export interface Lesson {
  /** `01-registers` */
  id: string;
  order: number;
  title: string;
  /** The starting program's file name (`prog.s`, `prog.c`). */
  file: string;
  /** The starting program. */
  text: string;
  /** What a traffic run uses (from `@scenario`, `@seed`, `@count` before the first step). */
  scenario: string | null;
  seed: number;
  count: number | null;
  /** The mem input (hex text) an assembly lesson runs on ('' for none), from `@mem`. */
  mem: string;
  steps: LessonStep[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** One `@check:` line's text → a check, or an error naming what is wrong. */
export function parseCheck(text: string): Parsed<LessonCheck> {
  const t = text.trim();
  if (t === 'accepted' || t === 'rejected') return { ok: true, value: { kind: t, text: t } };
  let m = /^(r0|retval)\s*(==|!=)\s*(-?\d+|0x[0-9a-f]+|[A-Z][A-Z0-9_]*)$/i.exec(t);
  if (m) return { ok: true, value: { kind: m[1].toLowerCase() as CheckKind, value: m[3], negate: m[2] === '!=', text: t } };
  m = /^traffic\s+([A-Z][A-Z0-9_]*)\s*==\s*(udp4|udp|tcp|syn):(\d{1,5})$/.exec(t);
  if (m && Number(m[3]) <= 65535) return { ok: true, value: { kind: 'traffic', verdict: m[1], key: m[2] as TrafficKey, port: Number(m[3]), text: t } };
  m = /^(log|error|source)\s+(not\s+)?contains\s+"((?:[^"\\]|\\.)+)"$/.exec(t);
  if (m) return { ok: true, value: { kind: m[1] as CheckKind, value: m[3].replace(/\\(.)/g, '$1'), negate: !!m[2], text: t } };
  return { ok: false, error: `unknown check '${t}' (accepted, rejected, r0 == N, retval == NAME, log|error|source contains "text", traffic VERDICT == udp4:PORT)` };
}

const LESSON_DIR = /(?:^|\/)(\d\d)-([a-z0-9-]+)\/lesson\.md$/;

/**
 * Parse one lesson from its lesson.md and the texts of its directory (`prog.s` or `prog.c`).
 * Errors name the file and line.
 */
export function parseLesson(path: string, md: string, files: Record<string, string>): Parsed<Lesson> {
  const m = LESSON_DIR.exec(path);
  if (!m) return { ok: false, error: `${path}: not a lessons/NN-topic/lesson.md path` };
  const id = `${m[1]}-${m[2]}`;
  const progName = ['prog.s', 'prog.c'].find((f) => f in files);
  if (!progName) return { ok: false, error: `${path}: the lesson has no prog.s or prog.c` };
  let title = '';
  const run: { scenario: string | null; seed: number; count: number | null; mem: string } = { scenario: null, seed: 0, count: null, mem: '' };
  const steps: LessonStep[] = [];
  let para: string[] = [];
  const flush = () => {
    const step = steps[steps.length - 1];
    if (step && para.length) step.body.push(para.join(' '));
    para = [];
  };
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    if (/^# /.test(line)) {
      title = line.slice(2).trim();
      continue;
    }
    if (/^## /.test(line)) {
      flush();
      steps.push({ title: line.slice(3).trim(), body: [], checks: [] });
      continue;
    }
    const h = /^@(scenario|seed|count|mem):\s*(.*)$/.exec(line);
    if (h && steps.length === 0) {
      const v = h[2].trim();
      if (h[1] === 'mem') {
        if (!/^(?:[0-9a-f]{2}\s*)*$/i.test(v) || v.length > 4096) return { ok: false, error: `${path}:${i + 1}: '@mem: ${v.slice(0, 40)}' is not hex bytes (such as 01 02 ff)` };
        run.mem = v;
      } else if (h[1] === 'scenario') {
        if (!/^[a-z][a-z0-9_-]*$/.test(v)) return { ok: false, error: `${path}:${i + 1}: '@scenario: ${v}' is not a scenario name` };
        run.scenario = v;
      } else {
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n < 0 || n > 0xffff_ffff) return { ok: false, error: `${path}:${i + 1}: '@${h[1]}: ${v}' is not a number` };
        if (h[1] === 'seed') run.seed = n;
        else run.count = n;
      }
      continue;
    }
    const c = /^@check:\s*(.*)$/.exec(line);
    if (c) {
      flush();
      const step = steps[steps.length - 1];
      if (!step) return { ok: false, error: `${path}:${i + 1}: a check before the first step` };
      const check = parseCheck(c[1]);
      if (!check.ok) return { ok: false, error: `${path}:${i + 1}: ${check.error}` };
      step.checks.push(check.value);
      continue;
    }
    if (line.trim() === '') flush();
    else if (steps.length) para.push(line.trim());
  }
  flush();
  if (!title) return { ok: false, error: `${path}: the lesson has no '# Title' line` };
  if (steps.length === 0) return { ok: false, error: `${path}: the lesson has no '## Step' sections` };
  return { ok: true, value: { id, order: Number(m[1]), title, file: progName, text: files[progName], ...run, steps } };
}

/** Every lesson from a path → text record (`/lessons/NN-x/lesson.md`, `/lessons/NN-x/prog.s`, …), in order. */
export function loadLessons(sources: Record<string, string>): { lessons: Lesson[]; errors: string[] } {
  const lessons: Lesson[] = [];
  const errors: string[] = [];
  for (const [path, md] of Object.entries(sources)) {
    if (!path.endsWith('/lesson.md')) continue;
    const dir = path.slice(0, -'lesson.md'.length);
    const files: Record<string, string> = {};
    for (const [p, t] of Object.entries(sources)) if (p.startsWith(dir) && !p.slice(dir.length).includes('/')) files[p.slice(dir.length)] = t;
    const r = parseLesson(path, md, files);
    if (r.ok) lessons.push(r.value);
    else errors.push(r.error);
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, errors };
}

/** What checks look at: the last run's results, reduced to plain facts. */
export interface LessonFacts {
  /** The source that ran ('' when nothing ran yet). */
  source: string;
  /** The verifier's verdict; null when the program did not reach the verifier. */
  accepted: boolean | null;
  error: string;
  log: string;
  /** A raw run's r0 (assembly), when it ran to exit. */
  r0: bigint | null;
  /** The test run's return value and its name (C programs). */
  retval: number | null;
  retvalName: string | null;
  /** The last traffic run, when there is one. */
  traffic: TrafficFacts | null;
}

/** A traffic run's verdict counts beside the scenario's own tally of what it sent. */
export interface TrafficFacts {
  done: number;
  total: number;
  verdicts: Readonly<Record<string, number>>;
  /** The scenario's counts (computed for the same scenario, seed and count); null until known. */
  counts: { readonly [K in (typeof TRAFFIC_KEYS)[TrafficKey]]: Readonly<Record<number, number>> } | null;
}

export const NO_FACTS: LessonFacts = { source: '', accepted: null, error: '', log: '', r0: null, retval: null, retvalName: null, traffic: null };

/** Facts from a run's outcome (`ranSource`: the text that was run). */
export function factsOf(outcome: RunOutcome | null, ranSource: string | null): LessonFacts {
  if (!outcome) return NO_FACTS;
  const v = outcome.verifier;
  const k = outcome.kernelRun;
  const ranToExit = outcome.run && outcome.run.exited && !outcome.run.oops;
  return {
    source: ranSource ?? '',
    accepted: v ? v.accepted : null,
    error: v?.error ?? '',
    log: v?.log ?? '',
    r0: ranToExit ? outcome.run!.r0 : null,
    retval: k && !k.oops ? k.retval : null,
    retvalName: k && !k.oops ? k.retvalName : null,
    traffic: null,
  };
}

/**
 * Facts when a verify-as-you-type verdict (`live`) is newer than the last run: the verdict, log
 * and source are the live ones; run values (r0, return code) count only when the run was of that
 * same text, so a fixed verdict never pairs with a stale r0.
 */
export function withLive(run: LessonFacts, live: { source: string; verifier?: VerifierSummary } | null): LessonFacts {
  if (!live) return run;
  const same = run.source === live.source;
  return {
    source: live.source,
    accepted: live.verifier ? live.verifier.accepted : null,
    error: live.verifier?.error ?? '',
    log: live.verifier?.log ?? '',
    r0: same ? run.r0 : null,
    retval: same ? run.retval : null,
    retvalName: same ? run.retvalName : null,
    traffic: run.traffic,
  };
}

function numberOf(text: string): bigint | null {
  try {
    return /^-?\d+$|^0x[0-9a-f]+$/i.test(text) ? BigInt(text) : null;
  } catch {
    return null;
  }
}

/** Does `check` hold for `facts`? (Nothing holds before anything ran.) */
export function checkHolds(check: LessonCheck, facts: LessonFacts): boolean {
  if (check.kind === 'traffic') {
    const t = facts.traffic;
    if (!t || !t.counts || t.total === 0 || t.done < t.total || !check.key || check.port === undefined) return false;
    const want = t.counts[TRAFFIC_KEYS[check.key]][check.port] ?? 0;
    return (t.verdicts[check.verdict ?? ''] ?? 0) === want;
  }
  if (facts.source === '' && facts.accepted === null) return false;
  const want = check.value ?? '';
  let ok: boolean;
  switch (check.kind) {
    case 'accepted':
      return facts.accepted === true;
    case 'rejected':
      return facts.accepted === false;
    case 'r0': {
      const n = numberOf(want);
      const got = facts.r0 ?? (facts.retval === null ? null : BigInt(facts.retval));
      if (n === null || got === null) return false;
      ok = BigInt.asUintN(64, got) === BigInt.asUintN(64, n);
      break;
    }
    case 'retval': {
      if (facts.retval === null) return false;
      const n = numberOf(want);
      ok = n !== null ? BigInt(facts.retval) === n : facts.retvalName === want;
      break;
    }
    case 'log':
      if (facts.accepted === null) return false;
      ok = facts.log.includes(want);
      break;
    case 'error':
      if (facts.accepted === null) return false;
      ok = facts.error.includes(want);
      break;
    case 'source':
      ok = facts.source.includes(want);
      break;
    default:
      return false;
  }
  return check.negate ? !ok : ok;
}

/** Whether a step's checks all hold now (false for a step without checks: it needs "Next"). */
export function stepPasses(step: LessonStep, facts: LessonFacts): boolean {
  return step.checks.length > 0 && step.checks.every((c) => checkHolds(c, facts));
}

// ---------------------------------------------------------------------------------------------
// Progress (persisted): which lesson is open, on which step, and which steps are done.

export const LESSONS_KEY = 'ebpf-playground:lessons';

export interface LessonProgress {
  /** The open lesson; '' shows the list of lessons; null: the panel is closed. */
  open: string | null;
  /** Step shown, per lesson. */
  step: Record<string, number>;
  /** Steps passed, per lesson. */
  done: Record<string, number[]>;
}

const EMPTY: LessonProgress = { open: null, step: {}, done: {} };

/**
 * Lesson ids before the assembly track grew (lessons 04–06 were added and the C lessons renumbered):
 * progress saved under an old id is read back under the new one.
 */
const RENAMED: Readonly<Record<string, string>> = {
  '04-memory-bounds': '07-memory-bounds',
  '05-maps': '08-maps',
  '06-packet-bounds': '09-packet-bounds',
  '07-ring-buffers': '10-ring-buffers',
  '08-tail-calls': '11-tail-calls',
};
const current = (k: string): string => (Object.hasOwn(RENAMED, k) ? RENAMED[k] : k);

/** Read progress back from storage, keeping only well-formed entries. */
export function readProgress(storage: KeyValueStorage | undefined): LessonProgress {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(LESSONS_KEY) ?? 'null');
  } catch {
    return EMPTY;
  }
  if (typeof raw !== 'object' || raw === null) return EMPTY;
  const r = raw as Record<string, unknown>;
  const id = (k: string) => /^\d\d-[a-z0-9-]+$/.test(k);
  const step: Record<string, number> = {};
  const done: Record<string, number[]> = {};
  if (typeof r.step === 'object' && r.step !== null) {
    for (const [k, v] of Object.entries(r.step)) if (id(k) && Number.isInteger(v) && (v as number) >= 0 && (v as number) < 100) step[current(k)] = v as number;
  }
  if (typeof r.done === 'object' && r.done !== null) {
    for (const [k, v] of Object.entries(r.done)) {
      if (id(k) && Array.isArray(v)) done[current(k)] = [...new Set(v.filter((x) => Number.isInteger(x) && x >= 0 && x < 100) as number[])].sort((a, b) => a - b);
    }
  }
  const open = typeof r.open === 'string' && (r.open === '' || id(r.open)) ? current(r.open) : null;
  return { open, step, done };
}

let storage: KeyValueStorage | undefined = browserStorage();

export const useLessonProgress = create<LessonProgress>()(() => readProgress(storage));

useLessonProgress.subscribe((s) => {
  try {
    storage?.setItem(LESSONS_KEY, JSON.stringify(s));
  } catch {
    // best effort, like the autosave
  }
});

/** For tests: another storage (and reload progress from it). */
export function setLessonStorageForTests(s: KeyValueStorage | undefined): void {
  storage = s;
  useLessonProgress.setState(readProgress(s), true);
}

export function openLesson(id: string | null): void {
  useLessonProgress.setState({ open: id });
}

export function setLessonStep(id: string, step: number, steps: number): void {
  const k = Math.max(0, Math.min(steps - 1, Math.trunc(step)));
  const s = useLessonProgress.getState();
  if (s.step[id] !== k) useLessonProgress.setState({ step: { ...s.step, [id]: k } });
}

export function markStepDone(id: string, step: number): void {
  const s = useLessonProgress.getState();
  const have = s.done[id] ?? [];
  if (have.includes(step)) return;
  useLessonProgress.setState({ done: { ...s.done, [id]: [...have, step].sort((a, b) => a - b) } });
}

/** Forget a lesson's progress (start over). */
export function resetLesson(id: string): void {
  const s = useLessonProgress.getState();
  const { [id]: _d, ...done } = s.done;
  const { [id]: _s, ...step } = s.step;
  useLessonProgress.setState({ done, step });
}

/** Is the lesson complete (every step passed)? */
export function lessonComplete(lesson: Lesson, progress: LessonProgress): boolean {
  const done = progress.done[lesson.id] ?? [];
  return lesson.steps.every((_, i) => done.includes(i));
}
