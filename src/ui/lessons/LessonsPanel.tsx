/**
 * The lessons panel: a side panel docked on the right (the page's columns make room for it)
 * with the list of lessons, then one lesson at a time — its steps with their explanation, a
 * "Start" button that loads the lesson's program into the editor, and each step's checks, which
 * turn green on the last run's real results (worker outcome: verdict, log, r0, return code).
 * Progress (steps passed, step shown, the open lesson) is kept in local storage.
 *
 * A traffic check compares the last traffic run's verdict counts with the scenario's own tally,
 * computed here from the same seeded scenario (src/sim, loaded lazily).
 *
 * Keys (when the focus is not in the editor or a field): `l` opens/closes the panel; PageDown /
 * `]` next step, PageUp / `[` previous step — presentation clickers send PageDown/PageUp. In
 * presentation mode the panel uses large type like the rest of the page.
 *
 * A thin view: the lesson data and the checks are pure (`state/lessons.ts`).
 */
import { useEffect, useState, type ReactNode } from 'react';
import {
  factsOf, withLive, lessonComplete, TRAFFIC_KEYS, markStepDone, openLesson, resetLesson, setLessonStep, stepPasses, checkHolds, useLessonProgress,
  type Lesson, type LessonCheck, type LessonFacts, type TrafficFacts,
} from '../../state/lessons.ts';
import { resetSession, useOutcome, useRanSource, useSession } from '../../state/session.ts';
import { setRunOpts, useUi } from '../../state/ui.ts';
import { openProgram } from '../../state/workspace.ts';
import { LESSON_ERRORS, LESSONS } from './lessonSources.ts';
import './Lessons.css';

/** Inline Markdown of lesson text: `code` and **bold**, as React nodes (never HTML). */
export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[1] !== undefined ? <code key={m.index}>{m[1]}</code> : <strong key={m.index}>{m[2]}</strong>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function describe(c: LessonCheck): string {
  const not = c.negate ? ' not' : '';
  switch (c.kind) {
    case 'accepted':
      return 'The verifier accepts the program';
    case 'rejected':
      return 'The verifier rejects the program (run it to see why)';
    case 'r0':
      return `r0 is${not} ${c.value}`;
    case 'retval':
      return `The program returns${not} ${c.value}`;
    case 'log':
      return `The verifier log does${c.negate ? ' not' : ''} contain “${c.value}”`;
    case 'error':
      return `The verifier's complaint mentions “${c.value}”`;
    case 'source':
      return `Your program does${c.negate ? ' not' : ''} use “${c.value}”`;
    case 'traffic': {
      const what = { udp: 'UDP', udp4: 'IPv4 UDP', tcp: 'TCP', syn: 'TCP SYN' }[c.key ?? 'udp'];
      return `After a full traffic run, ${c.verdict} count = the scenario's ${what} packets to port ${c.port}`;
    }
  }
}

export function startLesson(l: Lesson): void {
  resetSession();
  openProgram(l.file, l.text, l.mem, null, { scenario: l.scenario, seed: l.seed });
  if (l.count !== null) setRunOpts({ count: l.count });
}

type Counts = NonNullable<TrafficFacts['counts']>;
const countsCache = new Map<string, Counts>();

/**
 * The last traffic run as lesson facts, with the scenario's own tally computed here (seeded, so
 * the same traffic the worker generated) — only when the step shown has a traffic check.
 */
function useTrafficFacts(wanted: boolean): TrafficFacts | null {
  const view = useSession((st) => st.drive.view);
  const rate = useUi((st) => st.runOpts.ratePps);
  const key = view ? `${view.scenario}/${view.seed}/${view.total}/${rate ?? ''}` : '';
  const [counts, setCounts] = useState<{ key: string; counts: Counts } | null>(null);
  useEffect(() => {
    if (!wanted || !view || view.total === 0) return;
    const hit = countsCache.get(key);
    if (hit) return setCounts({ key, counts: hit });
    let live = true;
    void import('../../sim/nic/scenario.ts').then(({ createScenario }) => {
      const sc = createScenario(view.scenario, { seed: view.seed, count: view.total, ...(rate ? { ratePps: rate } : {}) }).value;
      if (!sc || !live) return;
      const c = sc.counts();
      const out: Counts = { udpDport: c.udpDport, udp4Dport: c.udp4Dport, tcpDport: c.tcpDport, tcpSynDport: c.tcpSynDport };
      countsCache.set(key, out);
      setCounts({ key, counts: out });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by `key`
  }, [wanted, key]);
  if (!view) return null;
  return { done: view.done, total: view.total, verdicts: view.verdicts, counts: counts?.key === key ? counts.counts : null };
}

function go(l: Lesson, to: number): void {
  const s = useLessonProgress.getState();
  const cur = s.step[l.id] ?? 0;
  // moving on from a step without checks completes it
  if (to > cur && l.steps[cur]?.checks.length === 0) markStepDone(l.id, cur);
  setLessonStep(l.id, to, l.steps.length);
}

function inField(t: EventTarget | null): boolean {
  return t instanceof Element && !!t.closest('input, textarea, select, [contenteditable="true"], .monaco-editor');
}

function useLessonKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || useUi.getState().overlay || inField(e.target)) return;
      const { open, step } = useLessonProgress.getState();
      if (e.key === 'l') {
        e.preventDefault();
        openLesson(open === null ? '' : null);
        return;
      }
      const l = LESSONS.find((x) => x.id === open);
      if (!l) return;
      const cur = step[l.id] ?? 0;
      if (e.key === 'PageDown' || e.key === ']') {
        e.preventDefault();
        go(l, cur + 1);
      } else if (e.key === 'PageUp' || e.key === '[') {
        e.preventDefault();
        go(l, cur - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The two numbers a traffic check compares, once a run has them. */
function TrafficNumbers({ check, facts }: { check: LessonCheck; facts: LessonFacts }) {
  const t = facts.traffic;
  if (!t || !t.counts || !check.key || check.port === undefined) return null;
  const want = t.counts[TRAFFIC_KEYS[check.key]][check.port] ?? 0;
  const got = t.verdicts[check.verdict ?? ''] ?? 0;
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    <span className="lesson-numbers mono">
      {' '}
      ({check.verdict}: {n(got)} · sent: {n(want)}
      {t.done < t.total ? ` · ${n(t.done)} of ${n(t.total)} packets run` : ''})
    </span>
  );
}

function CheckList({ checks, facts, done }: { checks: LessonCheck[]; facts: LessonFacts; done: boolean }) {
  return (
    <ul className="lesson-checks" aria-label="Checks">
      {checks.map((c) => {
        const ok = done || checkHolds(c, facts);
        return (
          <li key={c.text} className={ok ? 'lesson-check ok' : 'lesson-check'} data-ok={ok}>
            <span className="lesson-check-mark" aria-hidden="true">
              {ok ? '✓' : '○'}
            </span>
            <span>
              {describe(c)}
              {c.kind === 'traffic' && <TrafficNumbers check={c} facts={facts} />}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function LessonList() {
  const progress = useLessonProgress();
  return (
    <>
      <p className="muted lessons-intro">Short guided lessons: each loads a program and tells you what to change. The checks turn green on your real results.</p>
      <ol className="lessons-list" aria-label="Lessons list">
        {LESSONS.map((l) => {
          const done = progress.done[l.id]?.length ?? 0;
          const complete = lessonComplete(l, progress);
          return (
            <li key={l.id}>
              <button type="button" className="lessons-item" onClick={() => openLesson(l.id)} aria-label={`Lesson ${l.order}: ${l.title}${complete ? ' (complete)' : ''}`}>
                <span className="lessons-num mono">{String(l.order).padStart(2, '0')}</span>
                <span className="lessons-title">{l.title}</span>
                <span className={complete ? 'lessons-state ok' : 'lessons-state muted'}>{complete ? '✓ done' : done ? `${done}/${l.steps.length}` : ''}</span>
              </button>
            </li>
          );
        })}
      </ol>
      {LESSON_ERRORS.map((e) => (
        <p key={e} className="alert alert-error">
          {e}
        </p>
      ))}
    </>
  );
}

function LessonView({ lesson }: { lesson: Lesson }) {
  const progress = useLessonProgress();
  const outcome = useOutcome();
  const ran = useRanSource();
  const k = Math.min(progress.step[lesson.id] ?? 0, lesson.steps.length - 1);
  const step = lesson.steps[k];
  const live = useSession((st) => (st.live !== null && st.live.at > st.outcomeAt ? st.live : null));
  const traffic = useTrafficFacts(step.checks.some((c) => c.kind === 'traffic'));
  const facts = { ...withLive(factsOf(outcome, ran), live && { source: live.source, verifier: live.outcome.verifier }), traffic };
  const doneSteps = progress.done[lesson.id] ?? [];
  const passesNow = stepPasses(step, facts);
  useEffect(() => {
    if (passesNow) markStepDone(lesson.id, k);
  }, [passesNow, lesson.id, k]);
  const complete = lessonComplete(lesson, progress);
  const next = LESSONS[LESSONS.indexOf(lesson) + 1];
  const stepDone = doneSteps.includes(k) || passesNow;
  return (
    <>
      <div className="lesson-head">
        <button type="button" className="btn btn-small btn-ghost" onClick={() => openLesson('')}>
          ← All lessons
        </button>
        <span className="muted lesson-count" aria-live="polite">
          Step {k + 1} of {lesson.steps.length}
        </span>
      </div>
      <h3 className="lesson-title">
        {lesson.order}. {lesson.title}
      </h3>
      <div className="lesson-start">
        <button type="button" className="btn btn-small btn-run" onClick={() => startLesson(lesson)} title={`Load ${lesson.file} into the editor (replaces its text; Ctrl+Z undoes)`}>
          Start: load the program
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => resetLesson(lesson.id)} title="Forget this lesson's progress">
          Reset progress
        </button>
      </div>
      <ol className="lesson-dots" aria-label="Steps">
        {lesson.steps.map((s, i) => (
          <li key={s.title}>
            <button
              type="button"
              className={`lesson-dot${i === k ? ' current' : ''}${doneSteps.includes(i) ? ' done' : ''}`}
              aria-label={`Step ${i + 1}: ${s.title}${doneSteps.includes(i) ? ' (done)' : ''}`}
              aria-current={i === k ? 'step' : undefined}
              onClick={() => go(lesson, i)}
            >
              {doneSteps.includes(i) ? '✓' : i + 1}
            </button>
          </li>
        ))}
      </ol>
      <section className="lesson-step" aria-label={`Step ${k + 1}: ${step.title}`}>
        <h4>{step.title}</h4>
        {step.body.map((p, i) => (
          <p key={i}>{inline(p)}</p>
        ))}
        {step.checks.length > 0 && <CheckList checks={step.checks} facts={facts} done={doneSteps.includes(k)} />}
        {step.checks.length > 0 && (
          <p className={stepDone ? 'lesson-status ok' : 'lesson-status muted'} role="status">
            {stepDone ? '✓ Step done' : 'Run the program (Ctrl+Enter) to check.'}
          </p>
        )}
      </section>
      {complete && (
        <p className="lesson-complete" role="status">
          ✓ Lesson complete
        </p>
      )}
      <div className="lesson-nav">
        <button type="button" className="btn btn-small" disabled={k === 0} onClick={() => go(lesson, k - 1)} aria-label="Previous step">
          ← Previous
        </button>
        {k < lesson.steps.length - 1 ? (
          <button type="button" className="btn btn-small btn-primary" onClick={() => go(lesson, k + 1)} aria-label="Next step">
            Next →
          </button>
        ) : complete && next ? (
          <button type="button" className="btn btn-small btn-primary" onClick={() => openLesson(next.id)}>
            Next lesson: {next.title} →
          </button>
        ) : null}
      </div>
    </>
  );
}

export function LessonsPanel() {
  useLessonKeys();
  const open = useLessonProgress((s) => s.open);
  useEffect(() => {
    document.documentElement.toggleAttribute('data-lessons', open !== null);
    return () => document.documentElement.removeAttribute('data-lessons');
  }, [open]);
  if (open === null) return null;
  const lesson = LESSONS.find((l) => l.id === open);
  return (
    <aside className="lessons" aria-label="Lessons">
      <div className="lessons-bar">
        <h2 className="pane-title">Lessons</h2>
        <button type="button" className="btn btn-small btn-ghost btn-icon" aria-label="Close the lessons" title="Close (l)" onClick={() => openLesson(null)}>
          ✕
        </button>
      </div>
      <div className="lessons-body">{lesson ? <LessonView lesson={lesson} /> : <LessonList />}</div>
    </aside>
  );
}

/** The header's "Lessons" button. */
export function LessonsButton() {
  const open = useLessonProgress((s) => s.open);
  return (
    <button
      type="button"
      className="btn btn-ghost"
      aria-label="Lessons"
      aria-pressed={open !== null}
      title="Guided lessons (l)"
      onClick={() => openLesson(open === null ? '' : null)}
    >
      <svg className="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M2.5 3h4a1.5 1.5 0 0 1 1.5 1.5V13a1.2 1.2 0 0 0-1.2-1.2H2.5zM13.5 3h-4A1.5 1.5 0 0 0 8 4.5V13a1.2 1.2 0 0 1 1.2-1.2h4.3z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
      </svg>{' '}
      <span>Lessons</span>
    </button>
  );
}
