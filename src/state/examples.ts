/**
 * The examples gallery's data: each `examples/NN-topic/prog.s` parsed into title, description,
 * topic, `mem` input and expected r0 from its header comments:
 *
 *     # @title: Reading memory
 *     # @description: r1 points at the input buffer and r2 holds its length. The program adds
 *     #   up the bytes, one 8-bit load at a time.        ← an indented `#` line continues it
 *     # @mem: 01 02 03 04 ff
 *     # @expect-r0: 265
 *
 * Pure: the texts come in as a path → text record (the page bundles them with Vite's
 * `import.meta.glob`, see `ui/gallery/exampleSources.ts`). Unknown `@keys` are kept in `meta`.
 * `searchExamples` matches every word of the query against title, topic, description and
 * program type, case-insensitively.
 */

export interface Example {
  /** `01-registers` */
  id: string;
  /** Directory order number (1 for `01-…`). */
  order: number;
  /** From the directory name: `stack loop` for `02-stack-loop`. */
  topic: string;
  title: string;
  description: string;
  /** Hex text for the `mem` input ('' when the example takes none). */
  mem: string;
  /** The `@expect-r0` value as written, when given. */
  expectR0?: string;
  /** `@prog` (program type), when given. */
  progType?: string;
  /** File name to open it as (`prog.s`). */
  file: string;
  text: string;
  meta: Record<string, string>;
}

const DIR = /(?:^|\/)(\d\d)-([a-z0-9-]+)\/([^/]+)$/;

/** The `@key: value` header fields of an example (continuation lines joined with a space). */
export function parseHeader(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^\s*(?:#|\/\/)\s*@([a-z0-9-]+):\s?(.*)$/.exec(line);
    if (m) {
      last = m[1];
      out[last] = m[2].trim();
      continue;
    }
    const cont = /^\s*(?:#|\/\/)\s{2,}(\S.*)$/.exec(line);
    if (cont && last) {
      out[last] = `${out[last]} ${cont[1].trim()}`.trim();
      continue;
    }
    last = null;
  }
  return out;
}

/** Parse one example; null when the path is not `NN-topic/file`. A missing title uses the topic. */
export function parseExample(path: string, text: string): Example | null {
  const m = DIR.exec(path);
  if (!m) return null;
  const meta = parseHeader(text);
  const topic = m[2].replace(/-/g, ' ');
  const ex: Example = {
    id: `${m[1]}-${m[2]}`,
    order: Number(m[1]),
    topic,
    title: meta.title || topic,
    description: meta.description ?? '',
    mem: meta.mem ?? '',
    file: m[3],
    text,
    meta,
  };
  if (meta['expect-r0'] !== undefined) ex.expectR0 = meta['expect-r0'];
  if (meta.prog !== undefined) ex.progType = meta.prog;
  return ex;
}

/** All examples from a path → text record, in directory order. */
export function loadExamples(sources: Record<string, string>): Example[] {
  return Object.entries(sources)
    .map(([p, t]) => parseExample(p, t))
    .filter((e): e is Example => e !== null)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Examples matching every word of `query` (all of them for an empty query). */
export function searchExamples(examples: readonly Example[], query: string): Example[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...examples];
  return examples.filter((e) => {
    const hay = `${e.title} ${e.topic} ${e.description} ${e.progType ?? ''} ${e.id}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
