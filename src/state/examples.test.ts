/** Example headers and gallery search, on hand-written texts and on the real examples/ files. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateWorkspaceData } from './snapshot.ts';
import { exampleFacets, exampleRunOpts, loadExamples, parseDurationS, parseExample, parseHeader, parseSeed, parseTopics, searchExamples } from './examples.ts';

const TEXT = `# @title: Reading memory
# @description: r1 points at the input buffer and r2 holds its length. The program adds up
#   the bytes, one 8-bit load at a time.
# @mem: 01 02 03 04 ff
# @expect-r0: 265
	r0 = 0
#   not a continuation: a blank-ish comment after code
	exit
`;

describe('example headers', () => {
  it('reads fields and joins continuation lines', () => {
    expect(parseHeader(TEXT)).toEqual({
      title: 'Reading memory',
      description: 'r1 points at the input buffer and r2 holds its length. The program adds up the bytes, one 8-bit load at a time.',
      mem: '01 02 03 04 ff',
      'expect-r0': '265',
    });
  });

  it('takes the id and topic from the directory', () => {
    const e = parseExample('/examples/03-sum-bytes/prog.s', TEXT);
    expect(e).toMatchObject({ id: '03-sum-bytes', order: 3, topic: 'sum bytes', title: 'Reading memory', mem: '01 02 03 04 ff', expectR0: '265', file: 'prog.s' });
    expect(parseExample('/examples/README.md', 'x')).toBeNull();
    expect(parseExample('/examples/1-x/prog.s', 'x')).toBeNull();
  });

  it('sorts by number and searches every word', () => {
    const all = loadExamples({
      '/examples/02-b/prog.s': '# @title: Loop on the stack\n',
      '/examples/01-a/prog.s': '# @title: Registers\n# @description: w-names are 32-bit\n',
      '/examples/10-c/prog.s': '# @title: XDP drop\n# @prog: xdp\n',
    });
    expect(all.map((e) => e.id)).toEqual(['01-a', '02-b', '10-c']);
    expect(searchExamples(all, '').length).toBe(3);
    expect(searchExamples(all, 'STACK').map((e) => e.id)).toEqual(['02-b']);
    expect(searchExamples(all, '32-bit registers').map((e) => e.id)).toEqual(['01-a']);
    expect(searchExamples(all, 'xdp').map((e) => e.id)).toEqual(['10-c']);
    expect(searchExamples(all, 'stack xdp')).toEqual([]);
    expect(searchExamples(all, 'ack')).toEqual([]); // word starts only: not "stack"
    expect(searchExamples(all, 'drop (')).toEqual([]); // regex characters are literal
  });

  it('gives every real example a title, a program type and topics: every one is C', () => {
    const dirs = readdirSync('examples').filter((d) => /^\d\d-/.test(d));
    for (const d of dirs) expect(existsSync(`examples/${d}/prog.s`), `${d} is assembly`).toBe(false);
    const sources = Object.fromEntries(dirs.map((d) => [`/examples/${d}/prog.c`, readFileSync(`examples/${d}/prog.c`, 'utf8')]));
    const all = loadExamples(sources);
    expect(all.length).toBe(dirs.length);
    for (const e of all) {
      expect(e.meta.title, e.id).toBeTruthy();
      expect(e.progType, e.id).toBeTruthy();
      expect(e.topics.length, e.id).toBeGreaterThan(0);
      expect(e.mem, e.id).toBe('');
      // what opening it puts in the workspace must be saveable and shareable
      const ws = { files: [{ name: e.file, text: e.text }], active: 0, language: 'c', progType: e.progType ?? null, scenario: e.scenario ?? null, seed: e.seed, mem: e.mem };
      expect(validateWorkspaceData(ws), e.id).toMatchObject({ ok: true });
    }
  });

  it('finds the basics examples by program type and topic, as the gallery does', () => {
    const dirs = readdirSync('examples').filter((d) => /^\d\d-/.test(d));
    const all = loadExamples(Object.fromEntries(dirs.map((d) => [`/examples/${d}/prog.c`, readFileSync(`examples/${d}/prog.c`, 'utf8')])));
    const ids = (xs: { id: string }[]) => xs.map((e) => e.id);
    expect(ids(searchExamples(all, '', { topic: 'basics' }))).toEqual(['01-registers', '02-stack-loop', '03-sum-bytes', '04-function-call']);
    expect(ids(searchExamples(all, '', { progType: 'xdp', topic: 'basics' }))).toEqual(['01-registers', '02-stack-loop', '03-sum-bytes', '04-function-call']);
    expect(ids(searchExamples(all, 'registers'))).toContain('01-registers');
    expect(ids(searchExamples(all, 'bounded loop'))).toEqual(['02-stack-loop']);
    expect(ids(searchExamples(all, 'global function'))).toEqual(['04-function-call']);
    expect(ids(searchExamples(all, 'payload bytes'))).toEqual(['03-sum-bytes']);
    expect(exampleFacets(all).progTypes.map(([t]) => t)).not.toContain('raw');
  });

  it('reads the headers of a C example from its // comments', () => {
    const e = parseExample('/examples/05-xdp-drop-udp/prog.c', readFileSync('examples/05-xdp-drop-udp/prog.c', 'utf8'))!;
    expect(e.file).toBe('prog.c');
    expect(e.title).toBe('XDP: drop UDP to port 5001');
    expect(e.progType).toBe('xdp');
    expect(e.description).toMatch(/^A C program for the XDP hook\. .* returns XDP_DROP for UDP port 5001, XDP_PASS otherwise\.$/);
  });

  it('reads the run headers: scenario, seed, count, duration, topics, outcome', () => {
    const text = `// @title: Drop UDP 5001
// @prog: xdp
// @scenario: UDP-Flood
// @seed: 0x2a
// @count: 10_000
// @topics: networking, maps,  Maps, packet-bounds
// @outcome: every UDP:5001 packet is dropped,
//   nothing else
SEC("xdp") int f(void *c) { return 2; }
`;
    const e = parseExample('/examples/12-udp/prog.c', text)!;
    expect(e).toMatchObject({ scenario: 'udp-flood', seed: 42, count: 10000, topics: ['networking', 'maps', 'packet-bounds'], outcome: 'every UDP:5001 packet is dropped, nothing else' });
    expect(e.duration).toBeUndefined();
    const t = parseExample('/examples/20-exec/prog.c', '// @prog: tracepoint\n// @duration: 5s\n// @count: lots\n')!;
    expect(t).toMatchObject({ duration: '5s', seed: 0, topics: [] });
    expect(t.count).toBeUndefined();
    expect(t.scenario).toBeUndefined();
  });

  it('keeps only uint32 seeds and splits topics on commas', () => {
    expect([parseSeed('7'), parseSeed('0xffffffff'), parseSeed('4294967296'), parseSeed('-1'), parseSeed('1e3'), parseSeed(undefined)]).toEqual([7, 0xffffffff, 0, 0, 0, 0]);
    expect(parseTopics(' a, b ,,c, a ')).toEqual(['a', 'b', 'c']);
    expect(parseTopics('tracing, perf  buffer, CO-RE')).toEqual(['tracing', 'perf buffer', 'co-re']);
  });

  it('filters by program type and topic chips, and counts the facets', () => {
    const all = loadExamples({
      '/examples/01-a/prog.s': '# @title: Regs\n# @topics: basics\n',
      '/examples/10-b/prog.c': '// @title: Drop\n// @prog: xdp\n// @topics: networking, maps\n',
      '/examples/20-c/prog.c': '// @title: Exec\n// @prog: tracepoint\n// @topics: tracing, maps\n// @scenario: shell\n',
    });
    expect(searchExamples(all, '', { progType: 'xdp' }).map((e) => e.id)).toEqual(['10-b']);
    expect(searchExamples(all, '', { progType: 'raw' }).map((e) => e.id)).toEqual(['01-a']);
    expect(searchExamples(all, '', { topic: 'maps' }).map((e) => e.id)).toEqual(['10-b', '20-c']);
    expect(searchExamples(all, 'shell', { topic: 'maps' }).map((e) => e.id)).toEqual(['20-c']);
    expect(searchExamples(all, '', { progType: 'xdp', topic: 'tracing' })).toEqual([]);
    expect(exampleFacets(all)).toEqual({
      progTypes: [['raw', 1], ['tracepoint', 1], ['xdp', 1]],
      topics: [['basics', 1], ['maps', 2], ['networking', 1], ['tracing', 1]],
    });
  });
});

describe('exampleRunOpts', () => {
  const ex = (meta: Record<string, string>, extra: Record<string, unknown> = {}) => ({ meta, ...extra }) as unknown as Parameters<typeof exampleRunOpts>[0];
  it('reads @duration in s, ms or bare seconds, and refuses anything else', () => {
    expect(parseDurationS('5s')).toBe(5);
    expect(parseDurationS('250ms')).toBe(0.25);
    expect(parseDurationS(' 2.5 ')).toBe(2.5);
    for (const bad of ['', '5m', '-1s', '0s', 'soon', '4000s', undefined]) expect(parseDurationS(bad)).toBeNull();
  });
  it('takes @poll-every and @perf-pages, and resets what the header does not give', () => {
    expect(exampleRunOpts(ex({ 'poll-every': '512', 'perf-pages': '1' }, { count: 3000 }))).toEqual({ count: 3000, durationS: null, pollEvery: 512, perfPages: 1 });
    expect(exampleRunOpts(ex({}, { duration: '5s' }))).toEqual({ durationS: 5, pollEvery: null, perfPages: null });
    expect(exampleRunOpts(ex({ 'poll-every': 'often', 'perf-pages': '0' }))).toEqual({ durationS: null, pollEvery: null, perfPages: null });
  });
});
