/** Example headers and gallery search, on hand-written texts and on the real examples/ files. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExamples, parseExample, parseHeader, searchExamples } from './examples.ts';

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
  });

  it('gives every real example a title, and every assembly one an expected r0', () => {
    const dirs = readdirSync('examples').filter((d) => /^\d\d-/.test(d));
    const fileOf = (d: string) => (existsSync(`examples/${d}/prog.c`) ? 'prog.c' : 'prog.s');
    const sources = Object.fromEntries(dirs.map((d) => [`/examples/${d}/${fileOf(d)}`, readFileSync(`examples/${d}/${fileOf(d)}`, 'utf8')]));
    const all = loadExamples(sources);
    expect(all.length).toBe(dirs.length);
    for (const e of all) {
      expect(e.meta.title, e.id).toBeTruthy();
      if (e.file.endsWith('.s')) expect(e.expectR0, e.id).toMatch(/^-?\d+$|^0x[0-9a-f]+$/i);
    }
  });

  it('reads the headers of a C example from its // comments', () => {
    const e = parseExample('/examples/05-xdp-drop-udp/prog.c', readFileSync('examples/05-xdp-drop-udp/prog.c', 'utf8'))!;
    expect(e.file).toBe('prog.c');
    expect(e.title).toBe('XDP: drop UDP to port 5001');
    expect(e.progType).toBe('xdp');
    expect(e.description).toMatch(/^A C program for the XDP hook\. .* returns XDP_DROP for UDP port 5001, XDP_PASS otherwise\.$/);
  });
});
