/**
 * The examples gallery's data: each `examples/NN-topic/prog.c` parsed into title, description,
 * topic, program type and how it runs from its header comments. Every example in the repository
 * is C today (the assembly track lives in lessons/); the parser still reads `#` headers, a `mem`
 * input and an expected r0, for assembly programs in the same format:
 *
 *     # @title: Reading memory
 *     # @description: r1 points at the input buffer and r2 holds its length. The program adds
 *     #   up the bytes, one 8-bit load at a time.        ← an indented `#` line continues it
 *     # @mem: 01 02 03 04 ff
 *     # @expect-r0: 265
 *
 * Examples that run against the simulated world also say how (`// @scenario: udp-flood`,
 * `// @seed: 7`, `// @count: 1000` or `// @duration: 5s`), which gallery topics they belong to
 * (`// @topics: networking, maps`) and what the run shows (`// @outcome: one sentence`).
 * Opening such an example puts its scenario and seed into the workspace.
 *
 * Pure: the texts come in as a path → text record (the page bundles them with Vite's
 * `import.meta.glob`, see `ui/gallery/exampleSources.ts`). Unknown `@keys` are kept in `meta`.
 * `searchExamples` matches every word of the query against the start of a word of the title,
 * topic, description, program type, topics and scenario, case-insensitively, and applies the
 * gallery's chips (program type, topic).
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
  /** `@scenario`: the traffic scenario or workload it runs against. */
  scenario?: string;
  /** `@seed` (uint32; 0 when absent or not a number). */
  seed: number;
  /** `@count`: packets/events to run, when given. */
  count?: number;
  /** `@duration` as written (`5s`), when given. */
  duration?: string;
  /** `@topics`, lower-case, in header order (gallery chips); empty when absent. */
  topics: string[];
  /** `@outcome`: one sentence of what a run shows. */
  outcome?: string;
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
    seed: parseSeed(meta.seed),
    topics: parseTopics(meta.topics),
    file: m[3],
    text,
    meta,
  };
  if (meta['expect-r0'] !== undefined) ex.expectR0 = meta['expect-r0'];
  if (meta.prog !== undefined) ex.progType = meta.prog;
  if (meta.scenario) ex.scenario = meta.scenario.toLowerCase();
  const count = meta.count === undefined ? NaN : Number(meta.count.replace(/[_,]/g, ''));
  if (Number.isSafeInteger(count) && count > 0) ex.count = count;
  if (meta.duration) ex.duration = meta.duration;
  if (meta.outcome) ex.outcome = meta.outcome;
  return ex;
}

/** How an example asks to be run: its header keys as run settings (null: the page's default). */
export interface ExampleRunOpts {
  /** `@count` (packets or events); absent: the setting is left as it is. */
  count?: number;
  /** `@duration: 5s` / `500ms` / `2.5` (seconds) → seconds of simulated time. */
  durationS: number | null;
  /** `@poll-every: 512`: the user-space reader wakes up every N packets. */
  pollEvery: number | null;
  /** `@perf-pages: 1`: each CPU's perf buffer holds that many 4 KiB pages. */
  perfPages: number | null;
}

/** `@duration`: `5s`, `500ms`, `2.5` (seconds) → seconds; null for anything else (or out of 0..3600 s). */
export function parseDurationS(text: string | undefined): number | null {
  const m = text === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(text);
  if (!m) return null;
  const s = Number(m[1]) / (m[2]?.toLowerCase() === 'ms' ? 1000 : 1);
  return s > 0 && s <= 3600 ? s : null;
}

const positiveInt = (text: string | undefined, max: number): number | null => {
  if (text === undefined || !/^\s*\d[\d_,]*\s*$/.test(text)) return null;
  const n = Number(text.replace(/[_,\s]/g, ''));
  return Number.isSafeInteger(n) && n >= 1 && n <= max ? n : null;
};

/** The run settings an example's header asks for (`@count`, `@duration`, `@poll-every`, `@perf-pages`). */
export function exampleRunOpts(e: Example): ExampleRunOpts {
  return {
    ...(e.count !== undefined ? { count: e.count } : {}),
    durationS: parseDurationS(e.duration),
    pollEvery: positiveInt(e.meta['poll-every'], 1_000_000),
    perfPages: positiveInt(e.meta['perf-pages'], 1024),
  };
}

/** `@seed`: a uint32 (decimal or 0x-hex); anything else is 0. */
export function parseSeed(text: string | undefined): number {
  if (text === undefined) return 0;
  const t = text.trim();
  const n = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : /^\d+$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) && n >= 0 && n <= 0xffff_ffff ? n : 0;
}

/** `@topics: networking, perf buffer, CO-RE` → ['networking', 'perf buffer', 'co-re'] (comma-separated, deduplicated). */
export function parseTopics(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(',')) {
    const t = raw.trim().replace(/\s+/g, ' ');
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** All examples from a path → text record, in directory order. */
export function loadExamples(sources: Record<string, string>): Example[] {
  return Object.entries(sources)
    .map(([p, t]) => parseExample(p, t))
    .filter((e): e is Example => e !== null)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Gallery filters: a program type and/or a topic chip (null = any). */
export interface ExampleFilter {
  progType?: string | null;
  topic?: string | null;
}

/** The program type an example is filed under in the gallery: its `@prog`, or 'raw' (assembly run on the `mem` input). */
export function galleryType(e: Example): string {
  return e.progType ?? 'raw';
}

/** Examples matching every word of `query` (all of them for an empty query) and the filters. */
export function searchExamples(examples: readonly Example[], query: string, filter: ExampleFilter = {}): Example[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return examples.filter((e) => {
    if (filter.progType && galleryType(e) !== filter.progType) return false;
    if (filter.topic && !e.topics.includes(filter.topic)) return false;
    if (words.length === 0) return true;
    const hay = ` ${e.title} ${e.topic} ${e.description} ${e.progType ?? ''} ${e.id} ${e.topics.join(' ')} ${e.scenario ?? ''}`.toLowerCase();
    // each word must start a word of the text ("sum" finds "sum", not "checksum")
    return words.every((w) => new RegExp(`[^a-z0-9]${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(hay));
  });
}

/** The chips a gallery offers: every program type and topic used, with how many examples have each. */
export function exampleFacets(examples: readonly Example[]): { progTypes: [string, number][]; topics: [string, number][] } {
  const types = new Map<string, number>();
  const topics = new Map<string, number>();
  for (const e of examples) {
    types.set(galleryType(e), (types.get(galleryType(e)) ?? 0) + 1);
    for (const t of e.topics) topics.set(t, (topics.get(t) ?? 0) + 1);
  }
  const byName = (a: [string, number], b: [string, number]) => a[0].localeCompare(b[0]);
  return { progTypes: [...types].sort(byName), topics: [...topics].sort(byName) };
}
