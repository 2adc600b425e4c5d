// The bundled header must declare every helper exactly as the system's libbpf
// bpf_helper_defs.h does (read from /usr/include/bpf when present), forward-declare the same
// structs, and compile with clang-19 for the BPF target.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forwardStructs, helperDeclaration, renderHelperDefs } from './header.ts';
import { HELPER_PROTOS, helperProto } from './protos.ts';
import { clangCheck, hasClang } from '../testdata/clangAsserts.ts';

const SYSTEM = '/usr/include/bpf/bpf_helper_defs.h';

describe('bundled helper header', () => {
  it('hand-checked declarations', () => {
    expect(helperDeclaration(helperProto(1)!)).toBe('static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;');
    expect(helperDeclaration(helperProto(5)!)).toBe('static __u64 (*bpf_ktime_get_ns)(void) = (void *) 5;');
  });

  it.skipIf(!existsSync(SYSTEM))('declares every helper exactly as libbpf\'s bpf_helper_defs.h does', () => {
    const text = readFileSync(SYSTEM, 'utf8');
    const system = text.split('\n').filter((l) => /^static .* = \(void \*\) \d+;$/.test(l));
    expect(HELPER_PROTOS.map(helperDeclaration)).toEqual(system);
    const sysStructs = text.split('\n').filter((l) => /^struct \w+;$/.test(l)).map((l) => l.slice(7, -1));
    expect([...forwardStructs()].sort()).toEqual([...sysStructs].sort());
  });

  it.skipIf(!hasClang())('compiles with clang-19 after linux/bpf.h', () => {
    const src = renderHelperDefs();
    const asserts = [src, '_Static_assert(sizeof(bpf_map_lookup_elem) == 8, "function pointer");'];
    expect(clangCheck(['linux/bpf.h'], asserts)).toBe('');
  });

  it('comments cannot end early', () => {
    expect(renderHelperDefs().split('\n').filter((l) => l.startsWith('/* bpf_')).every((l) => l.indexOf('*/') === l.length - 2)).toBe(true);
  });
});
