import { describe, expect, it } from 'vitest';
import { preprocess, tokensToText } from './preprocess.ts';

const pp = (src: string, more: Record<string, string> = {}, headers: Record<string, string> = {}) => {
  const r = preprocess({ 'm.c': src, ...more }, 'm.c', { headers });
  return { text: tokensToText(r.value), diags: r.diagnostics };
};
const squash = (s: string) => s.replace(/\s+/g, '');

describe('preprocessor', () => {
  // C11 §6.10.3.5 EXAMPLE 3: the standard's own expected result.
  it('expands the C standard example 3 as the standard says', () => {
    const src = `#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };`;
    const want = `f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
int i[] = { 1, 23, 4, 5, };
char c[2][6] = { "hello", "" };`;
    const r = pp(src);
    expect(r.diags).toEqual([]);
    expect(squash(r.text)).toBe(squash(want));
  });

  // C11 §6.10.3.5 EXAMPLE 4: stringizing and pasting.
  it('expands the C standard example 4', () => {
    const src = `#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
glue(HIGH, LOW);
xglue(HIGH, LOW)`;
    const r = pp(src);
    expect(r.diags).toEqual([]);
    expect(squash(r.text)).toBe(squash(`printf("x" "1" "= %d, x" "2" "= %s", x1, x2); "hello"; "hello" ", world"`));
  });

  it('handles variadic macros, GNU comma elision and __VA_OPT__', () => {
    const r = pp(`#define f(fmt, ...) g(fmt, ##__VA_ARGS__)
#define h(a, ...) k(a __VA_OPT__(,) __VA_ARGS__)
f(1) f(1, 2, 3) h(x) h(x, y)`);
    expect(squash(r.text)).toBe('g(1)g(1,2,3)k(x)k(x,y)');
  });

  it('evaluates conditionals with defined, arithmetic and __has_builtin', () => {
    const r = pp(`#define A 2
#if defined(A) && A * 3 == 6 && !defined B
yes1
#elif 1
no1
#else
no2
#endif
#ifdef B
no3
#elif __has_builtin(__builtin_bswap16) && (-1 < 0) && (-1 > 0u)
yes2
#endif
#if 0
#if garbage (
#endif
#else
yes3
#endif`);
    expect(r.diags).toEqual([]);
    expect(r.text).toBe('yes1 yes2 yes3');
  });

  it('includes user files and bundled headers, honouring #pragma once and guards', () => {
    const r = pp('#include "a.h"\n#include "a.h"\n#include <b.h>\n#include <b.h>\nend', {
      'a.h': '#pragma once\nA',
    }, { 'b.h': '#ifndef B_H\n#define B_H\nB\n#endif\n' });
    expect(r.diags).toEqual([]);
    expect(r.text).toBe('A B end');
  });

  it('does not take Object.prototype members for files (#include "constructor")', () => {
    const r = pp('#include "constructor"\n#include <toString>\n#include "__proto__"\nend');
    expect(r.diags.map((d) => d.message)).toEqual(["'constructor' file not found", "'toString' file not found", "'__proto__' file not found"]);
  });

  it('reports errors with positions and keeps going', () => {
    const r = pp('#include <nope.h>\n#error stop here\n#if 1\nx\n#foo\n');
    expect(r.diags.map((d) => d.message)).toEqual([
      "'nope.h' file not found",
      'stop here',
      'invalid preprocessing directive',
      'unterminated conditional directive',
    ]);
    expect(r.diags[1].span?.start).toBe('#include <nope.h>\n#'.length);
    expect(r.text).toBe('x');
  });

  it('stops self-referential and mutually recursive macros', () => {
    const r = pp('#define a a b\n#define x y\n#define y x\na x');
    expect(r.text).toBe('a b x');
  });

  it('reports macro argument count mismatches', () => {
    const r = pp('#define f(a, b) a\nf(1)');
    expect(r.diags[0].message).toBe('too few arguments provided to function-like macro invocation');
  });
});
