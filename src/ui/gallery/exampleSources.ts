/**
 * The examples, bundled at build time: every `examples/NN-topic/prog.c` (all C; a `prog.s` would be read too) in the repository is
 * inlined as text by Vite (`import.meta.glob` with `?raw`), so the gallery needs no network and
 * works offline. Parsing lives in `state/examples.ts` (pure, tested in Node).
 */
import { loadExamples, type Example } from '../../state/examples.ts';

const sources = import.meta.glob(['/examples/*/prog.s', '/examples/*/prog.c'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const EXAMPLES: readonly Example[] = loadExamples(sources);
