/**
 * Well-formedness of the verifier fidelity corpus (corpus/<group>/<name>.s + .bin + .golden.json):
 * every case has its bytecode and a complete golden, the corpus is big enough and about half
 * rejections, goldens agree with the kernel logs they carry, and — when llvm-mc-19 is installed —
 * every .bin is exactly what llvm-mc gives for the .s with relocations resolved as `corpus.ts` says.
 * Also unit tests of `corpus.ts` against hand-computed expectations.
 *
 * Deliberately not here: our verifier's agreement with the goldens (the verifier's own test).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CAP_MARKER, GOLDEN_FIELDS, LOG_CAP, PROG_TYPES, capLog, extractBytecode, firstComplaint, parseHeader,
  type Golden,
} from './corpus.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(HERE, 'corpus');

interface CaseFiles {
  id: string;
  s: string;
  text: string;
}

function cases(): CaseFiles[] {
  const out: CaseFiles[] = [];
  for (const g of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!g.isDirectory()) continue;
    for (const f of readdirSync(join(CORPUS, g.name))) {
      if (!f.endsWith('.s')) continue;
      const s = join(CORPUS, g.name, f);
      out.push({ id: `${g.name}/${f.slice(0, -2)}`, s, text: readFileSync(s, 'utf8') });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

const ALL = cases();
const golden = (c: CaseFiles): Golden => JSON.parse(readFileSync(c.s.replace(/\.s$/, '.golden.json'), 'utf8'));
const hasLlvmMc = spawnSync('llvm-mc-19', ['--version'], { stdio: 'ignore' }).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'vcorpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function assemble(path: string): Uint8Array | string {
  const obj = join(tmp, `${Math.random().toString(36).slice(2)}.o`);
  const r = spawnSync('llvm-mc-19', ['-triple', 'bpf', '-mcpu=v4', '-filetype=obj', path, '-o', obj], {
    encoding: 'utf8',
  });
  if (r.status !== 0) return r.stderr;
  return readFileSync(obj);
}

/** Every case assembled up front, 8 llvm-mc processes at a time (one per case is slow in series). */
const assembled = new Map<string, Uint8Array | string>();
function assembleAsync(path: string): Promise<Uint8Array | string> {
  const obj = join(tmp, `${Math.random().toString(36).slice(2)}.o`);
  return new Promise((done) => {
    const p = spawn('llvm-mc-19', ['-triple', 'bpf', '-mcpu=v4', '-filetype=obj', path, '-o', obj]);
    let err = '';
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', (e) => done(e.message));
    p.on('close', (status) => done(status === 0 ? readFileSync(obj) : err));
  });
}
beforeAll(async () => {
  if (!hasLlvmMc) return;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ALL.length) {
      const c = ALL[next++];
      assembled.set(c.id, await assembleAsync(c.s));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}, 300_000);

describe('corpus shape', () => {
  it('has at least 420 cases, 45% or more rejected by the kernel', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(420);
    const rejected = ALL.filter((c) => !golden(c).accepted).length;
    expect(rejected / ALL.length).toBeGreaterThanOrEqual(0.45);
  });

  it('covers every rule group, each with accepted and rejected cases', () => {
    const groups = new Map<string, { acc: number; rej: number }>();
    for (const c of ALL) {
      const g = c.id.split('/')[0];
      const e = groups.get(g) ?? { acc: 0, rej: 0 };
      if (golden(c).accepted) e.acc++; else e.rej++;
      groups.set(g, e);
    }
    for (const g of ['cfg', 'regs', 'stack', 'ctx', 'pkt', 'maps', 'helpers', 'refs', 'loops', 'atomics', 'alu',
      'jmp32', 'ldimm64']) {
      expect(groups.get(g), g).toBeDefined();
      expect(groups.get(g)!.acc, `${g} accepted`).toBeGreaterThan(0);
      expect(groups.get(g)!.rej, `${g} rejected`).toBeGreaterThan(0);
    }
  });

  it('every program type kernel_oracle supports appears', () => {
    const types = new Set(ALL.map((c) => parseHeader(c.id, c.text).value?.type));
    for (const t of PROG_TYPES) expect(types.has(t), t).toBe(true);
  });
});

describe.each(ALL.map((c) => [c.id, c] as const))('%s', (_id, c) => {
  it('has a valid header, a .bin and a complete golden consistent with its logs', () => {
    const h = parseHeader(c.id, c.text);
    expect(h.diagnostics).toEqual([]);
    const bin = c.s.replace(/\.s$/, '.bin');
    expect(existsSync(bin)).toBe(true);
    const size = readFileSync(bin).length;
    expect(size > 0 && size % 8 === 0).toBe(true);
    const g = golden(c);
    for (const f of GOLDEN_FIELDS) expect(g, f).toHaveProperty(f);
    expect(typeof g.accepted).toBe('boolean');
    expect(typeof g.log1).toBe('string');
    expect(typeof g.log2).toBe('string');
    expect(g.log1.length).toBeLessThanOrEqual(LOG_CAP + 200);
    expect(g.log2.length).toBeLessThanOrEqual(LOG_CAP + 200);
    if (g.accepted) {
      expect(g.errno).toBe(0);
      expect(g.error).toBeNull();
    } else {
      expect(g.errno).toBeGreaterThan(0);
      expect(typeof g.error).toBe('string');
      // recorded, not typed: the complaint is a line of the kernel's level-1 log
      expect(g.log1.split('\n')).toContain(g.error);
    }
    const m = /processed (\d+) insns/.exec(g.log1);
    expect(g.processed).toBe(m ? Number(m[1]) : null);
    // an `_ok` name promises acceptance; a kernel that disagrees shows up here
    if (c.id.endsWith('_ok')) expect(g.accepted).toBe(true);
  });

  it.skipIf(!hasLlvmMc)('.bin is what llvm-mc-19 gives, relocations resolved', () => {
    const h = parseHeader(c.id, c.text).value!;
    const elf = assembled.get(c.id)!;
    expect(typeof elf, String(elf)).not.toBe('string');
    const r = extractBytecode(c.id, elf as Uint8Array, h.maps.map((m) => m.name));
    expect(r.diagnostics).toEqual([]);
    expect(Buffer.from(r.value!).equals(readFileSync(c.s.replace(/\.s$/, '.bin')))).toBe(true);
  });
});

describe('parseHeader', () => {
  it('reads type, maps in order and desc', () => {
    const r = parseHeader('t.s', '# @type: sched_cls\n# @map: a:hash:4:8:16\n# @map: b:array:4:4:1:0\n# @desc: hi there\n\tr0 = 0\n');
    expect(r.value).toEqual({
      type: 'sched_cls',
      maps: [{ name: 'a', spec: 'a:hash:4:8:16' }, { name: 'b', spec: 'b:array:4:4:1:0' }],
      desc: 'hi there',
    });
  });

  it('reports bad lines with their position, never throws', () => {
    const text = '# @type: lsm\n# @map: bad\n';
    const r = parseHeader('t.s', text);
    expect(r.value).toBeNull();
    const msgs = r.diagnostics.map((d) => [d.message, d.span?.start]);
    expect(msgs).toContainEqual(["unknown program type 'lsm'", 0]);
    expect(msgs).toContainEqual(["bad map spec 'bad' (NAME:TYPE:KEY:VALUE:MAX[:FLAGS])", 13]);
    expect(r.diagnostics.some((d) => d.message.includes('@desc'))).toBe(true);
  });
});

describe('firstComplaint', () => {
  it('takes the line after the last instruction line', () => {
    const log = '0: R1=ctx() R10=fp0\n0: (b7) r1 = 0                        ; R1=0\n1: (95) exit\n' +
      'R0 !read_ok\nverification time 5 usec\nprocessed 2 insns (limit 1000000)\n';
    expect(firstComplaint(log)).toBe('R0 !read_ok');
    // a complaint of two lines: only the first counts
    expect(firstComplaint('8: (95) exit\nUnreleased reference id=2 alloc_insn=4\nsecond line\n'))
      .toBe('Unreleased reference id=2 alloc_insn=4');
  });

  it('takes the first line when no instruction was walked', () => {
    expect(firstComplaint('unreachable insn 2\nverification time 5 usec\n')).toBe('unreachable insn 2');
  });

  it('is null for an empty log', () => {
    expect(firstComplaint('')).toBeNull();
  });
});

describe('capLog', () => {
  it('leaves short logs alone', () => {
    expect(capLog('a\nb\n', 100)).toBe('a\nb\n');
  });

  it('keeps head and tail at line boundaries with a marker', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')}`);
    const log = lines.join('\n') + '\n'; // 900 chars
    const c = capLog(log, 200);
    expect(c.startsWith('line 000\nline 001\n')).toBe(true);
    expect(c.endsWith('line 098\nline 099\n')).toBe(true);
    expect(CAP_MARKER.test(c)).toBe(true);
    expect(c.length).toBeLessThan(300);
    const kept = c.split('\n').filter((l) => l.startsWith('line ')).length;
    const m = /: (\d+) of (\d+) bytes/.exec(c)!;
    expect(Number(m[2])).toBe(900);
    expect(Number(m[1])).toBe(900 - kept * 9);
  });
});

describe.skipIf(!hasLlvmMc)('extractBytecode', () => {
  it('patches map loads, callback addresses and keeps local calls', () => {
    const src = join(tmp, 'x.s');
    writeFileSync(src, [
      '\tr1 = second ll', // pc 0-1
      '\tr2 = cb ll', // pc 2-3
      '\tcall sub', // pc 4
      '\tr0 = 0', // pc 5
      '\texit', // pc 6
      'sub:', '\tr0 = 1', '\texit', // pc 7-8
      'cb:', '\tr0 = 0', '\texit', // pc 9-10
    ].join('\n') + '\n');
    const elf = assemble(src) as Uint8Array;
    const r = extractBytecode('x.s', elf, ['first', 'second']);
    expect(r.diagnostics).toEqual([]);
    const b = Buffer.from(r.value!);
    expect(b.length).toBe(11 * 8);
    // ld_imm64 r1, src_reg=1 (BPF_PSEUDO_MAP_FD), imm=1 (index of 'second'), high half 0
    expect([...b.subarray(0, 16)]).toEqual([0x18, 0x11, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // ld_imm64 r2, src_reg=4 (BPF_PSEUDO_FUNC), imm = 9 - 2 - 1 = 6
    expect([...b.subarray(16, 32)]).toEqual([0x18, 0x42, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // call src_reg=1 (BPF_PSEUDO_CALL), imm = 7 - 4 - 1 = 2
    expect([...b.subarray(32, 40)]).toEqual([0x85, 0x10, 0, 0, 2, 0, 0, 0]);
  });

  it('reports an unknown symbol as an error value', () => {
    const src = join(tmp, 'y.s');
    writeFileSync(src, '\tr1 = nomap ll\n\tr0 = 0\n\texit\n');
    const r = extractBytecode('y.s', assemble(src) as Uint8Array, ['counts']);
    expect(r.value).toBeNull();
    expect(r.diagnostics[0].message).toBe("insn 0: 'nomap' is neither a @map nor a label in .text");
  });

  it('rejects bytes that are not an ELF object', () => {
    const r = extractBytecode('z.bin', new Uint8Array(80), []);
    expect(r.value).toBeNull();
    expect(r.diagnostics[0].message).toBe('not an ELF object');
  });
});
