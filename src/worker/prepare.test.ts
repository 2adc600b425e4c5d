/**
 * The page's verify step hands the verifier what libbpf hands the kernel for a C object: BTF
 * line_info, so a rejection's log carries the 6.18 kernel's `; <source line> @ file:line` comments
 * (the kernel's rules are tested against recorded logs in src/verifier/linfo.test.ts). Here the
 * independent expectation is the source itself: every comment quotes the line it names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepare, verifyPrepared } from './prepare.ts';

const EXAMPLE = readFileSync(new URL('../../examples/05-xdp-drop-udp/prog.c', import.meta.url), 'utf8');

describe('verify in the worker: source-line comments in the log', () => {
  it('a rejected access is preceded by the source line that made it', () => {
    // drop the UDP header's bounds check: reading udp->dest is then out of the proven range
    const text = EXAMPLE.replace(/\tif \(\(void \*\)\(udp \+ 1\) > data_end\)\n\t\treturn XDP_PASS;\n/, '');
    expect(text).not.toBe(EXAMPLE);
    const lines = text.split('\n');
    const p = prepare({ source: text, file: 'prog.c' });
    expect(p.prog).toBeDefined();
    const v = verifyPrepared(p.prog!, { logLevel: 1, states: false });
    expect(v.verifier.accepted).toBe(false);
    expect(v.verifier.error).toMatch(/^invalid access to packet/);
    const comments = v.verifier.log.split('\n').filter((l) => l.startsWith('; '));
    expect(comments.length).toBeGreaterThan(3);
    for (const c of comments) {
      const m = /^; (.*) @ prog\.c:(\d+)$/.exec(c);
      expect(m, c).not.toBeNull();
      expect(lines[Number(m![2]) - 1].trim()).toBe(m![1].trim());
    }
    // the last comment before the complaint names the line that reads udp->dest
    const last = comments[comments.length - 1];
    expect(last).toContain('udp->dest');
  });

  it('an accepted program at level 1 prints only the statistics, as the kernel does', () => {
    const p = prepare({ source: EXAMPLE, file: 'prog.c' });
    const v = verifyPrepared(p.prog!, { logLevel: 1, states: false });
    expect(v.verifier.accepted).toBe(true);
    expect(v.verifier.log).not.toMatch(/^; /m);
  });
});

describe('verify in the worker: global functions', () => {
  // the kernel verifies a global function on its own, its pointer argument as mem_or_null: the
  // 6.18 kernel rejects this clang-built object with the complaint recorded in the golden
  const golden = JSON.parse(readFileSync(new URL('../verifier/testdata-objects/objects.golden.json', import.meta.url), 'utf8'));
  const g = golden.objects['xdp_global_ptrs.o'] as { accepted: boolean; error: string | null };
  it('rejects a global function that dereferences its pointer argument unchecked, as the kernel did', () => {
    // the page compiles one file: the object's local header goes in its place
    const header = readFileSync(new URL('../elf/testdata/common.h', import.meta.url), 'utf8');
    const text = readFileSync(new URL('../elf/testdata/xdp_global_ptrs.c', import.meta.url), 'utf8').replace('#include "common.h"', header);
    const p = prepare({ source: text, file: 'xdp_global_ptrs.c' });
    expect(p.prog).toBeDefined();
    expect(p.prog!.globalFuncs?.length).toBeGreaterThan(0);
    const v = verifyPrepared(p.prog!, { logLevel: 1, states: false });
    expect(v.verifier.accepted).toBe(g.accepted);
    // the same complaint as on clang's build; the register is whichever our code generator chose
    expect(v.verifier.error?.replace(/^R\d+/, 'R?')).toBe(g.error?.replace(/^R\d+/, 'R?'));
    expect(v.verifier.log).toContain('Validating packet_len() func#1...');
  });
});
