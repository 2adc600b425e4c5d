/**
 * Test support: compile `_Static_assert`s with clang-19 against the system's UAPI headers, so a
 * table's numbers are checked by a compiler reading headers we did not write.
 *
 * Does: write a C file, run `clang-19 -fsyntax-only`, return clang's stderr ('' when all asserts
 * hold). Does not: run without clang (`hasClang()` lets tests skip).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasClang(): boolean {
  try {
    execFileSync('clang-19', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Compile includes + asserts; returns clang's diagnostics ('' when the file compiles). */
export function clangCheck(includes: readonly string[], asserts: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kernel-uapi-'));
  const file = join(dir, 'check.c');
  writeFileSync(file, [...includes.map((h) => `#include <${h}>`), ...asserts, ''].join('\n'));
  const res = spawnSync('clang-19', ['-target', 'x86_64-linux-gnu', '-I/usr/include/x86_64-linux-gnu', '-fsyntax-only', file], { encoding: 'utf8' });
  return (res.stderr ?? '') + (res.status === 0 ? '' : `\nclang exit status ${res.status}`);
}

/** `_Static_assert(EXPR == value, "EXPR");` */
export function eq(expr: string, value: number | string): string {
  return `_Static_assert(${expr} == ${value}, "${expr.replace(/"/g, '')}");`;
}
