import { describe, expect, it } from 'vitest';
import { decodeEscapes, parseNumber, tokenize } from './lex.ts';

const kinds = (s: string) => tokenize('t.c', s).value.map((t) => `${t.kind}:${t.text}`);

describe('lexer', () => {
  it('splits identifiers, numbers, strings, chars and punctuators (longest match)', () => {
    expect(kinds('a+=b->c<<=1 ... x')).toEqual([
      'ident:a', 'punct:+=', 'ident:b', 'punct:->', 'ident:c', 'punct:<<=', 'num:1', 'punct:...', 'ident:x', 'eof:',
    ]);
    expect(kinds(`"a\\"b" 'c' 0x1fUL 1e+5`)).toEqual(['str:"a\\"b"', "char:'c'", 'num:0x1fUL', 'num:1e+5', 'eof:']);
  });

  it('drops comments and line splices, and records line starts and spacing', () => {
    const t = tokenize('t.c', 'a /* x\n y */ b // c\n#define\\\n X').value;
    expect(t.map((x) => x.text)).toEqual(['a', 'b', '#', 'define', 'X', '']);
    expect(t.map((x) => x.bol)).toEqual([true, false, true, false, false, true]);
    expect(t[1].space).toBe(true);
  });

  it('gives byte spans', () => {
    const t = tokenize('f.c', '  foo(1)').value;
    expect(t[0].span).toEqual({ file: 'f.c', start: 2, end: 5 });
    expect(t[2].span).toEqual({ file: 'f.c', start: 6, end: 7 });
  });

  it('reports bad input as diagnostics, without throwing', () => {
    const r = tokenize('t.c', 'a @ b /* never closed');
    expect(r.diagnostics.map((d) => d.message)).toEqual(["unexpected character '@'", 'unterminated /* comment']);
    expect(r.diagnostics[0].span).toEqual({ file: 't.c', start: 2, end: 3 });
    expect(tokenize('t.c', '"abc\nx').diagnostics[0].message).toBe('missing terminating " character');
  });

  it('parses integer constants with C suffix rules', () => {
    expect(parseNumber('0x10')).toEqual({ value: 16n, unsigned: false, long: false });
    expect(parseNumber('017')).toEqual({ value: 15n, unsigned: false, long: false });
    expect(parseNumber('0b101')?.value).toBe(5n);
    expect(parseNumber('10ull')).toEqual({ value: 10n, unsigned: true, long: true });
    expect(parseNumber('12uu')).toBeUndefined();
    expect(parseNumber('1.5')).toBeUndefined();
  });

  it('decodes escapes', () => {
    expect(decodeEscapes('a\\n\\x41\\101\\0')).toEqual([97, 10, 65, 65, 0]);
  });
});
