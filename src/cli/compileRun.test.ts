/**
 * C end to end through the CLI: `compile` writes an object our reader and the kernel accept, and
 * `run FILE.c --packet …` (our compiler, then our kernel runtime, program type from SEC()) returns
 * what the real Linux 6.18 kernel returned for our compiled bytes on the same packets — the
 * retvals and output packets recorded by scripts/record-compiler-goldens.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readElf } from '../elf/index.ts';
import { main, type Io } from './main.ts';

const DIR = 'src/compiler/testdata/corpus';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, Uint8Array | string>();
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: (p, d) => files.set(p, d) };
  const code = await main(argv, io);
  return { code, out, err, files };
}

interface Golden {
  type: string;
  packets: string[];
  ours: { bytesHex?: string; runs?: Array<{ retval: number; dataOut?: string | null }> };
}
const goldens = readdirSync(DIR)
  .filter((f) => f.endsWith('.golden.json'))
  .map((f) => ({ name: f.replace('.golden.json', ''), g: JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Golden }));

describe('compile', () => {
  it('writes an ELF object whose program is the recorded, kernel-accepted bytecode', async () => {
    const r = await cli('compile', `${DIR}/xdp_bss_counter.c`, '-o', 'out.o');
    expect(r.err).toEqual([]);
    const obj = readElf(r.files.get('out.o') as Uint8Array, 'out.o').object!;
    expect(obj.programs.map((p) => p.section)).toEqual(['xdp']);
    const j = JSON.parse((await cli('compile', `${DIR}/xdp_bss_counter.c`, '--json')).out[0]);
    // the recorder loaded our object with the loader's pseudo forms: maps src 1, globals src 2
    // with the variable's offset in the second slot
    const prog = j.programs[0];
    const insns = prog.insns.map((i: object) => ({ ...i }));
    for (const x of prog.relocations) {
      if (x.kind === 'map') insns[x.pc].src = 1;
      if (x.kind === 'data') {
        insns[x.pc].src = 2;
        insns[x.pc + 1].imm = x.addend;
      }
    }
    const hex = insns
      .map((i: { code: number; dst: number; src: number; off: number; imm: number }) => {
        const b = new DataView(new ArrayBuffer(8));
        b.setUint8(0, i.code);
        b.setUint8(1, (i.src << 4) | i.dst);
        b.setInt16(2, i.off, true);
        b.setInt32(4, i.imm, true);
        return Buffer.from(b.buffer).toString('hex');
      })
      .join('');
    expect(hex).toBe(goldens.find((x) => x.name === 'xdp_bss_counter')!.g.ours.bytesHex);
  });
  it('reports C errors as file:line:col and exits 2', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/cc-');
    writeFileSync(`${dir}/bad.c`, 'int f(void) {\n  return x;\n}\n');
    const r = await cli('compile', `${dir}/bad.c`);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(new RegExp(`^${dir}/bad.c:2:10: error: use of undeclared identifier 'x'`));
  });
});

describe('run FILE.c agrees with the kernel on the recorded packets', () => {
  for (const { name, g } of goldens) {
    if (!g.ours.runs?.length) continue;
    it(name, async () => {
      const r = await cli('run', `${DIR}/${name}.c`, ...g.packets.flatMap((p) => ['--packet', p]), '--json');
      expect(r.err).toEqual([]);
      const runs = r.out.map((l) => JSON.parse(l));
      expect(runs.map((x) => x.retval)).toEqual(g.ours.runs!.map((x) => x.retval));
      g.ours.runs!.forEach((k, i) => {
        if (k.dataOut) expect(runs[i].packetOut ?? g.packets[i]).toBe(k.dataOut);
      });
    });
  }
});

describe('run --engine fast gives what the reference interpreter gives (retval, packet, maps, trace_pipe, events)', () => {
  for (const { name, g } of goldens) {
    if (!g.ours.runs?.length) continue;
    it(name, async () => {
      const args = ['run', `${DIR}/${name}.c`, ...g.packets.flatMap((p) => ['--packet', p]), '--json', '--maps'];
      const ref = await cli(...args, '--engine', 'ref');
      const fast = await cli(...args, '--engine', 'fast');
      expect(fast.err).toEqual([]);
      const strip = (l: string) => ({ ...JSON.parse(l), engine: undefined });
      expect(fast.out.map(strip)).toEqual(ref.out.map(strip));
      expect(JSON.parse(fast.out[0]).engine).toBe('fast');
    });
  }
});
