/**
 * The lessons, bundled at build time: every `lessons/NN-topic/lesson.md` and its starting
 * program (`prog.s` / `prog.c`) inlined as text by Vite, so lessons work offline. The solutions
 * stay out of the bundle. Parsing lives in `state/lessons.ts` (pure, tested in Node).
 */
import { loadLessons, type Lesson } from '../../state/lessons.ts';

const sources = import.meta.glob(['/lessons/*/lesson.md', '/lessons/*/prog.s', '/lessons/*/prog.c'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const loaded = loadLessons(sources);

export const LESSONS: readonly Lesson[] = loaded.lessons;
/** Lesson files that did not parse (shown in the panel rather than silently dropped). */
export const LESSON_ERRORS: readonly string[] = loaded.errors;
