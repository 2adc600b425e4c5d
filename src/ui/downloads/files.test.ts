/**
 * The downloads: the `.o` written for an example holds exactly the instruction bytes and call
 * relocations llvm-objdump-19 listed for it when it was recorded (testdata/, the same files
 * bpftool loaded into the 6.18 kernel); the verifier log file; the pcap (read back by the
 * libpcap file layout — magic a1b2c3d4, v2.4, linktype 1 — against the scenario's own packets).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScenario } from '../../sim/nic/scenario.ts';
import { objectFile, scenarioPcap, verifierLogFile } from './files.ts';

const GOLD = (n: string) => readFileSync(`src/ui/downloads/testdata/${n}.objdump.txt`, 'utf8');
/** golden name → the program saved (assembly from the lessons' solutions, C from examples/). */
const CASES: [string, string][] = [
  ['lesson-01-registers', 'lessons/01-registers/solution.s'],
  ['lesson-06-calls', 'lessons/06-calls/solution.s'],
  ['05-xdp-drop-udp', 'examples/05-xdp-drop-udp/prog.c'],
];

/** `section → hex bytes of each slot` and the relocation lines, from an objdump listing. */
function listing(text: string): { code: Record<string, string[]>; relocs: string[] } {
  const code: Record<string, string[]> = {};
  const relocs: string[] = [];
  let sec = '';
  for (const line of text.split('\n')) {
    const s = /^Disassembly of section (\S+):/.exec(line);
    if (s) sec = s[1];
    const i = /^\s+\d+:\t((?:[0-9a-f]{2} ){7}[0-9a-f]{2}(?: (?:[0-9a-f]{2} ){7}[0-9a-f]{2})?)/.exec(line);
    if (i) (code[sec] ??= []).push(i[1]);
    const r = /R_BPF_\w+\s+\S+/.exec(line);
    if (r) relocs.push(`${sec} ${r[0].replace(/\s+/g, ' ')}`);
  }
  return { code, relocs };
}

const hasObjdump = (() => {
  try {
    execFileSync('llvm-objdump-19', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('objectFile', () => {
  for (const [dir, path] of CASES) {
    it(`writes ${path} as an ELF object llvm-objdump reads as recorded`, () => {
      const r = objectFile(path.endsWith('.c') ? 'prog.c' : 'prog.s', readFileSync(path, 'utf8'), null);
      if (!r.ok) throw new Error(r.error);
      expect(r.name).toBe('prog.o');
      const b = r.bytes;
      expect([...b.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]); // \x7fELF
      expect(b[4]).toBe(2); // ELFCLASS64
      expect(b[5]).toBe(1); // little-endian
      const dv = new DataView(b.buffer, b.byteOffset);
      expect(dv.getUint16(16, true)).toBe(1); // ET_REL
      expect(dv.getUint16(18, true)).toBe(247); // EM_BPF
      // the instruction bytes must be exactly those in the recorded listing: find each slot's hex in the file
      const gold = listing(GOLD(dir));
      const hex = Buffer.from(b).toString('hex');
      for (const [sec, slots] of Object.entries(gold.code)) {
        const want = slots.map((s) => s.replace(/ /g, '')).join('');
        expect(hex.includes(want), `section ${sec} code`).toBe(true);
      }
      if (hasObjdump) {
        const tmp = join(mkdtempSync(join(tmpdir(), 'uia-')), 'prog.o');
        writeFileSync(tmp, b);
        const now = execFileSync('llvm-objdump-19', ['-d', '-r', '--mcpu=v4', tmp], { encoding: 'utf8' });
        expect(listing(now)).toEqual(gold);
      }
    });
  }

  it('keeps a bpf-to-bpf call as a .text subprogram with its R_BPF_64_32 relocation', () => {
    expect(listing(GOLD('lesson-06-calls')).relocs).toEqual(['xdp R_BPF_64_32 square']);
    expect(Object.keys(listing(GOLD('lesson-06-calls')).code)).toEqual(['.text', 'xdp']);
  });

  it('puts assembly in the section of its program type', () => {
    const r = objectFile('p.s', 'r0 = 0\nexit\n', 'tc');
    if (!r.ok) throw new Error(r.error);
    expect(Buffer.from(r.bytes).includes(Buffer.from('\0tc\0'))).toBe(true);
  });

  it('refuses what it cannot save, with file:line:col', () => {
    expect(objectFile('p.s', 'r0 = 0\n\tfoo r1\nexit\n', null)).toMatchObject({ ok: false, error: expect.stringMatching(/^p\.s:2:\d+: error: /) });
    expect(objectFile('p.s', '\n\tr1 = counts ll\n\texit\n', null)).toMatchObject({ ok: false, error: expect.stringMatching(/^p\.s:2:\d+: error: 'counts' is a map/) });
    expect(objectFile('p.c', 'int f( {', null)).toMatchObject({ ok: false, error: expect.stringMatching(/^p\.c:1:\d+: error: /) });
    expect(objectFile('p.c', 'int x;', null)).toMatchObject({ ok: false, error: expect.stringMatching(/no program/) });
    expect(objectFile('p.s', '', null)).toMatchObject({ ok: false });
    expect(objectFile('p.s', 'exit\n', 'lsm')).toMatchObject({ ok: false, error: expect.stringMatching(/no libbpf section name/) });
  });
});

describe('verifierLogFile and scenarioPcap', () => {
  it('saves the log with its verdict', () => {
    const r = verifierLogFile({ file: 'prog.c', accepted: false, error: 'R0 !read_ok', progType: 'xdp', log: '0: (95) exit\nR0 !read_ok\nprocessed 1 insns' });
    if (!r.ok) throw new Error('no file');
    expect(r.name).toBe('prog-verifier.txt');
    expect(new TextDecoder().decode(r.bytes)).toBe('# prog.c, program type xdp: rejected: R0 !read_ok\n# verifier log (Linux 6.18 format, reproduced by eBPF Playground)\n0: (95) exit\nR0 !read_ok\nprocessed 1 insns\n');
  });

  it('writes a scenario run\'s traffic: the same packets the scenario generates for that seed', () => {
    const r = scenarioPcap('t.pcap', 'iperf', 7, 50);
    if (!r.ok) throw new Error(r.error);
    const want = [...createScenario('iperf', { seed: 7, count: 50 }).value!.packets()];
    const dv = new DataView(r.bytes.buffer, r.bytes.byteOffset);
    // libpcap header: magic a1b2c3d4 (microseconds), version 2.4, linktype 1 (Ethernet)
    expect([dv.getUint32(0, true), dv.getUint16(4, true), dv.getUint16(6, true), dv.getUint32(20, true)]).toEqual([0xa1b2c3d4, 2, 4, 1]);
    let at = 24;
    for (const p of want) {
      const sec = dv.getUint32(at, true);
      const usec = dv.getUint32(at + 4, true);
      const len = dv.getUint32(at + 8, true);
      expect(BigInt(sec) * 1_000_000n + BigInt(usec)).toBe(p.timestampNs / 1000n);
      expect(Buffer.from(r.bytes.subarray(at + 16, at + 16 + len)).equals(Buffer.from(p.bytes))).toBe(true);
      at += 16 + len;
    }
    expect(at).toBe(r.bytes.length);
    expect(scenarioPcap('x.pcap', 'no-such-scenario', 1, 10)).toMatchObject({ ok: false });
  });
});
