/**
 * `#include "x.h"` in a C file given to the CLI finds x.h beside the including file (then in each
 * `-I` directory, for compile), as clang does; a header that is nowhere gives one positioned
 * error line. Each program returns a number its headers define, so the run's return code says
 * which header was used (hand-computed values).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cSources } from './input.ts';
import { main, type Io } from './main.ts';

let dir = '';
const PACKET = '02000000000202000000000108004500001c00010000401166cf0a0000010a000002303913890008a4dc';

async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[]; files: Record<string, Uint8Array> }> {
  const out: string[] = [];
  const err: string[] = [];
  const files: Record<string, Uint8Array> = {};
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: (f, b) => void (files[f] = b as Uint8Array) };
  const code = await main(argv, io);
  return { code, out, err, files };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-include-'));
  mkdirSync(join(dir, 'src/lib'), { recursive: true });
  mkdirSync(join(dir, 'inc'));
  // src/prog.c includes "lib/consts.h" (beside it), which includes "more.h" (beside *it*)
  writeFileSync(join(dir, 'src/prog.c'), '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n#include "lib/consts.h"\n\nSEC("xdp")\nint f(struct xdp_md *ctx)\n{\n\treturn BASE + MORE;\n}\n\nchar LICENSE[] SEC("license") = "GPL";\n');
  writeFileSync(join(dir, 'src/lib/consts.h'), '#pragma once\n#include "more.h"\n#define BASE 1\n');
  writeFileSync(join(dir, 'src/lib/more.h'), '#define MORE 2\n');
  // uses.c needs -I inc for "verdict.h"
  writeFileSync(join(dir, 'src/uses.c'), '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n#include "verdict.h"\nSEC("xdp")\nint f(struct xdp_md *ctx) { return VERDICT; }\nchar LICENSE[] SEC("license") = "GPL";\n');
  writeFileSync(join(dir, 'inc/verdict.h'), '#define VERDICT XDP_DROP\n');
  writeFileSync(join(dir, 'src/missing.c'), '#include <linux/bpf.h>\n  #include "nowhere.h"\nint x;\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('quoted includes from disk', () => {
  it('are found beside the including file, transitively, for run and verify', async () => {
    const prog = join(dir, 'src/prog.c');
    const r = await cli(['run', prog, '--packet', PACKET, '--json']);
    expect(r.err).toEqual([]);
    expect(JSON.parse(r.out[0])).toMatchObject({ retval: 3, retvalName: 'XDP_TX' }); // BASE + MORE = 1 + 2
    const v = await cli(['verify', prog, '--json']);
    expect(JSON.parse(v.out[0])).toMatchObject({ accepted: true });
    expect(Object.keys(cSources(prog, '#include "lib/consts.h"\n'))).toEqual([prog, join(dir, 'src/lib/consts.h'), join(dir, 'src/lib/more.h')]);
  });

  it('compile takes -I DIR and -IDIR, as clang does', async () => {
    const uses = join(dir, 'src/uses.c');
    const no = await cli(['compile', uses]);
    expect(no.code).toBe(2);
    // clang-19 says `uses.c:3:10: fatal error: 'verdict.h' file not found`
    expect(no.err).toEqual([`${uses}:3:10: error: 'verdict.h' file not found`]);
    for (const argv of [['-I', join(dir, 'inc')], [`-I${join(dir, 'inc')}`]]) {
      const r = await cli(['compile', uses, ...argv, '-o', 'x.o']);
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.files['x.o']?.length).toBeGreaterThan(0);
    }
    const run = await cli(['compile', uses, '-I', join(dir, 'inc'), '--json']);
    const insns = JSON.parse(run.out[0]).programs[0].insns as Array<{ text?: string }>;
    expect(insns.map((i) => i.text)).toEqual(['r0 = 0x1', 'exit']); // XDP_DROP; clang-19 -Iinc gives the same two
  });

  it('run and verify take -I too (a packet run and a tracing run)', async () => {
    const uses = join(dir, 'src/uses.c');
    const r = await cli(['run', uses, '-I', join(dir, 'inc'), '--packet', PACKET, '--json']);
    expect(r.err).toEqual([]);
    expect(JSON.parse(r.out[0])).toMatchObject({ retval: 1, retvalName: 'XDP_DROP' });
    const v = await cli(['verify', `-I${join(dir, 'inc')}`, uses, '--json']);
    expect(JSON.parse(v.out[0])).toMatchObject({ accepted: true, processed: 2 });
    writeFileSync(join(dir, 'src/tp.c'), '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n#include "verdict.h"\nSEC("tracepoint/syscalls/sys_enter_openat")\nint f(void *ctx) { bpf_printk("v=%d", VERDICT); return 0; }\nchar LICENSE[] SEC("license") = "GPL";\n');
    const t = await cli(['run', join(dir, 'src/tp.c'), '-I', join(dir, 'inc'), '--scenario', 'shell', '--duration', '1s', '--json']);
    expect(t.err).toEqual([]);
    const j = JSON.parse(t.out[0]);
    expect(j.runs).toBeGreaterThan(0);
    expect(j.tracePipe[0]).toMatch(/bpf_trace_printk: v=1$/);
  });

  it('a header that is nowhere: one line, file:line:col, exit 2', async () => {
    const m = join(dir, 'src/missing.c');
    for (const cmd of ['compile', 'verify', 'run']) {
      const r = await cli([cmd, m, ...(cmd === 'run' ? ['--packet', PACKET] : [])]);
      expect(r.code, cmd).toBe(2);
      expect(r.err, cmd).toEqual([`${m}:2:12: error: 'nowhere.h' file not found`]);
    }
  });
});
