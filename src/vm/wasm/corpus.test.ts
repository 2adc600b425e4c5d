// The assembly lessons and the verifier corpus on both engines. Every lesson program
// (`lessons/*/prog.s` and `solution.s`: the assembly track, once examples/01–04) runs with the
// lesson's `@mem` and must agree with the interpreter in everything; a solution gives the r0 its
// lesson's `@check: r0 == N` asks for (values worked out by hand when the lessons were written).
// Every program of the kernel-recorded verifier corpus that the kernel accepted
// (`.golden.json` "accepted": true, bytecode from the `.bin` the kernel loaded) runs with a zeroed
// 16 KiB context in r1, each map fd resolved to its own zeroed 64-byte region, and every helper
// answering 0 — in the checked mode and in the verifier-proved mode (unchecked context accesses).
// (runtime.test.ts runs the same programs with real helpers and maps in the simulated kernel.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../asm/index.ts';
import { decodeInsns } from '../../isa/insn.ts';
import type { HelperFn } from '../index.ts';
import { Memory } from '../memory.ts';
import { runFast } from './index.ts';
import { compareEngines } from './testing.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LESSONS = join(ROOT, 'lessons');
const CORPUS = join(ROOT, 'src/verifier/testdata/corpus');

describe('assembly lessons on both engines', () => {
  const files = existsSync(LESSONS)
    ? readdirSync(LESSONS).flatMap((d) => ['prog.s', 'solution.s'].filter((f) => existsSync(join(LESSONS, d, f))).map((f) => `${d}/${f}`))
    : [];
  it.skipIf(files.length === 0).each(files)('%s', (file) => {
    const dir = file.slice(0, file.indexOf('/'));
    const text = readFileSync(join(LESSONS, file), 'utf8');
    const md = readFileSync(join(LESSONS, dir, 'lesson.md'), 'utf8');
    const memHex = /^@mem:(.*)$/m.exec(md)?.[1].trim();
    const want = [...md.matchAll(/^@check: r0 == (\S+)$/gm)].map((m) => m[1]);
    const mem = memHex ? Uint8Array.from(memHex.split(/\s+/).map((h) => parseInt(h, 16))) : undefined;
    const a = assemble(text, { file });
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(compareEngines(a.insns, { mem, budget: 100_000 })).toEqual([]);
    if (file.endsWith('solution.s')) {
      const r = runFast(a.insns, { mem });
      for (const w of want) expect(r.ok && r.r0).toBe(BigInt(w));
    }
  });
});

/** Every helper returns 0 (a NULL map value, success elsewhere). */
const zeroHelpers: Record<number, HelperFn> = new Proxy({}, { get: () => () => 0n });

describe('verifier corpus (accepted programs) on both engines', () => {
  const cases: string[] = [];
  if (existsSync(CORPUS)) {
    for (const g of readdirSync(CORPUS)) {
      for (const f of readdirSync(join(CORPUS, g))) if (f.endsWith('.golden.json')) cases.push(join(g, f.slice(0, -'.golden.json'.length)));
    }
  }
  it.skipIf(cases.length === 0)('every accepted program agrees', () => {
    let ran = 0;
    const failures: string[] = [];
    for (const c of cases.sort()) {
      const golden = JSON.parse(readFileSync(join(CORPUS, c + '.golden.json'), 'utf8')) as { accepted?: boolean };
      if (!golden.accepted || !existsSync(join(CORPUS, c + '.bin'))) continue;
      const { insns } = decodeInsns(readFileSync(join(CORPUS, c + '.bin')));
      // The same regions in both memories, so both engines see the same addresses.
      const fds = [...new Set(insns.filter((i) => i.code === 0x18 && (i.src === 1 || i.src === 2)).map((i) => i.imm))];
      const mems: [Memory, Memory] = [new Memory(), new Memory()];
      const layout = mems.map((m) => ({
        ctx: m.alloc('ctx', 16384, { name: 'ctx' }).base, // as large as any context the corpus reads (tracepoint: 8 KiB)
        maps: new Map(fds.map((fd) => [fd, m.alloc('map_value', 64, { name: `map ${fd}` }).base])),
      }));
      expect(layout[1]).toEqual(layout[0]);
      const { ctx, maps } = layout[0];
      const ldImm64 = (_pc: number, first: { src: number; imm: number }) => (first.src === 1 || first.src === 2 ? maps.get(first.imm) : undefined);
      const diffs = compareEngines(insns, { args: [ctx], budget: 100_000, helpers: zeroHelpers, ldImm64 }, mems);
      if (diffs.length) failures.push(`${c}: ${diffs.join('; ')}`);
      // The kernel accepted these, so the verifier-proved mode (unchecked context accesses) must agree too.
      const proven = compareEngines(insns, { args: [ctx], budget: 100_000, helpers: zeroHelpers, ldImm64 }, mems, { mode: 'proven' });
      if (proven.length) failures.push(`${c} (proven mode): ${proven.join('; ')}`);
      ran++;
    }
    console.log(`verifier corpus: ${ran} accepted programs compared`);
    expect(failures).toEqual([]);
    expect(ran).toBeGreaterThan(100);
  }, 120_000);
});
