/**
 * Damaged loader-corpus objects (src/kernel/testdata/clang-objects): a seeded mutation fuzz
 * through the whole loader path — readElf (libbpf's separate global sections), loadObject into a
 * simulated kernel, one budgeted run of every program — where each case must end in an object or
 * an error value with a byte offset, never an exception, an "internal error" or a hang; and precise
 * errors for damage to the `.rel.maps` initial values (slot past max_entries, a target that is not
 * a program / map, an offset outside the map definition).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel/run/kernel.ts';
import { loadObject } from '../kernel/run/object.ts';
import { ElfCode } from './codes.ts';
import { readElf } from './read.ts';

const DIR = join(import.meta.dirname, '../kernel/testdata/clang-objects');
const names = readdirSync(DIR).filter((f) => f.endsWith('.o')).map((f) => f.slice(0, -2)).sort();
const bytesOf = (n: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, `${n}.o`)));
const dv = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

interface Shdr { index: number; name: string; hdr: number; offset: number; size: number; link: number; info: number }

/** Every section header, read straight from the ELF layout (independent of our reader). */
function sections(b: Uint8Array): Shdr[] {
  const v = dv(b);
  const shoff = Number(v.getBigUint64(40, true));
  const shnum = v.getUint16(60, true);
  const strOff = Number(v.getBigUint64(shoff + v.getUint16(62, true) * 64 + 24, true));
  const out: Shdr[] = [];
  for (let i = 0; i < shnum; i++) {
    const h = shoff + i * 64;
    let name = '';
    for (let k = strOff + v.getUint32(h, true); b[k]; k++) name += String.fromCharCode(b[k]);
    out.push({ index: i, name, hdr: h, offset: Number(v.getBigUint64(h + 24, true)), size: Number(v.getBigUint64(h + 32, true)), link: v.getUint32(h + 40, true), info: v.getUint32(h + 44, true) });
  }
  return out;
}

/** xorshift32, fixed seed: the same mutations on every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

describe('loader fuzz: mutated clang objects end in an object or an error value', () => {
  const rand = rng(0x5eed_0b1);
  let read = 0, refused = 0, loaded = 0, runs = 0;
  for (const n of names) {
    it(n, () => {
      const bytes = bytesOf(n);
      const secs = sections(bytes);
      const v = dv(bytes);
      const shoff = Number(v.getBigUint64(40, true));
      // what the loader interprets: the headers, and these sections' contents
      const targets: [number, number][] = [[0, 64], [shoff, secs.length * 64]];
      for (const s of secs) if (/^(\.BTF|\.BTF\.ext|\.symtab|\.maps|maps|\.rel.*|xdp|tc|socket|\.text|\.data.*|\.rodata.*)$/.test(s.name) && s.size) targets.push([s.offset, s.size]);
      for (let i = 0; i < 24; i++) {
        const b = bytes.slice();
        const kind = rand() % 4;
        if (kind === 0) {
          // a 32-bit field overwritten: an offset, size, index or immediate gone wrong
          const [start, len] = targets[rand() % targets.length];
          const at = start + ((rand() % Math.max(1, len - 3)) & ~3);
          if (at + 4 <= b.length) dv(b).setUint32(at, [0, 0xffffffff, rand(), rand() & 0xff][rand() % 4], true);
        } else if (kind === 1) {
          const [start, len] = targets[rand() % targets.length];
          const at = start + (rand() % len);
          for (let k = 0; k < 1 + (rand() % 3); k++) b[Math.min(b.length - 1, at + k)] ^= 1 << rand() % 8;
        } else if (kind === 2) {
          // a relocation's symbol index or offset changed
          const rels = secs.filter((s) => s.name.startsWith('.rel') && !s.name.includes('debug') && s.size >= 16);
          if (rels.length) {
            const r = rels[rand() % rels.length];
            const e = r.offset + 16 * (rand() % (r.size / 16));
            if (rand() % 2) dv(b).setUint32(e + 12, rand() % 64, true);
            else dv(b).setBigUint64(e, BigInt((rand() % 4096) & ~7), true);
          }
        } else {
          // cut somewhere after the ELF header
          cases(b.slice(0, 64 + (rand() % (b.length - 64))), `${n} #${i} cut`);
          continue;
        }
        cases(b, `${n} #${i}`);
      }
    }, 30_000);
  }

  function cases(b: Uint8Array, label: string): void {
    const r = readElf(b, 'fuzz.o', { sections: 'separate' });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) {
      expect(d.message, label).not.toMatch(/internal error/);
      expect(d.span?.file, label).toBe('fuzz.o');
      expect(d.span!.start, label).toBeGreaterThanOrEqual(0);
    }
    if (!r.object) {
      expect(errors.length, label).toBeGreaterThan(0);
      refused++;
      return;
    }
    read++;
    const k = createKernel({ cpus: 2 });
    const l = loadObject(k, r.object);
    if (!l.ok) {
      expect(typeof l.message, label).toBe('string');
      return;
    }
    loaded++;
    for (const p of l.programs.values()) {
      const out = k.run(p, { packet: new Uint8Array(64), budget: 20000 });
      expect(out.steps, label).toBeLessThanOrEqual(20000 * 34);
      runs++;
    }
  }

  it('covered all three outcomes', () => {
    expect(read + refused).toBeGreaterThanOrEqual(names.length * 24);
    expect(refused).toBeGreaterThan(50);
    expect(loaded).toBeGreaterThan(50);
    expect(runs).toBeGreaterThan(50);
  });
});

describe('.rel.maps damage is a precise error', () => {
  /** tail_calls.o's `.rel.maps`: two R_BPF_64_ABS64 entries (slots 6 and 7 of `jmp`). */
  const base = bytesOf('tail_calls');
  const rel = sections(base).find((s) => s.name === '.rel.maps')!;
  const symtab = sections(base).find((s) => s.name === '.symtab')!;

  const first = (b: Uint8Array) => {
    const r = readElf(b, 'bad.o');
    expect(r.object).toBeUndefined();
    return r.diagnostics[0];
  };

  it('reads the initial values of the undamaged object', () => {
    const r = readElf(base, 'ok.o');
    expect(r.object!.maps.find((m) => m.name === 'jmp')!.init).toEqual([{ index: 6, symbol: 'handle_tcp' }, { index: 7, symbol: 'handle_udp' }]);
  });

  it('a slot past the end of .maps', () => {
    const maps = sections(base).find((s) => s.name === '.maps')!;
    const b = base.slice();
    dv(b).setBigUint64(rel.offset, BigInt(maps.size), true);
    const d = first(b);
    expect(d.code).toBe(ElfCode.BadReloc);
    expect(d.message).toBe(`relocation section .rel.maps, entry 0: offset 0x${maps.size.toString(16)} is outside .maps (size ${maps.size})`);
    expect(d.span!.start).toBe(rel.offset);
  });

  it('a slot inside the definition struct, not its values', () => {
    const b = base.slice();
    dv(b).setBigUint64(rel.offset, 8n, true);
    expect(first(b).message).toBe(".rel.maps: relocation at .maps+8 (map 'jmp') is not in its 'values' array");
  });

  it('a target that is not a program', () => {
    const b = base.slice();
    // point the entry at the symbol of the map 'jmp' itself (found in .symtab by name)
    const v = dv(b);
    const strtab = sections(b)[symtab.link];
    let jmp = -1;
    for (let i = 0; i < symtab.size / 24; i++) {
      let s = '';
      for (let k = strtab.offset + v.getUint32(symtab.offset + i * 24, true); b[k]; k++) s += String.fromCharCode(b[k]);
      if (s === 'jmp') jmp = i;
    }
    v.setUint32(rel.offset + 12, jmp, true);
    expect(first(b).message).toBe(".rel.maps: relocation at .maps+72: slot 6 of map 'jmp' refers to 'jmp', which is not a program");
  });

  it('a relocation type other than R_BPF_64_ABS64', () => {
    const b = base.slice();
    dv(b).setUint32(rel.offset + 8, 10, true); // R_BPF_64_32
    expect(first(b).message).toBe(".rel.maps: relocation at .maps+72 (map 'jmp'): relocation type 10 is not R_BPF_64_ABS64");
  });
});

describe('damage to relocations, symbols and BTF is a precise error (tail_calls.o)', () => {
  const base = bytesOf('tail_calls');
  const secs = sections(base);
  const relx = secs.find((s) => s.name === '.relxdp')!;
  const xdp = secs.find((s) => s.name === 'xdp')!;
  const symtab = secs.find((s) => s.name === '.symtab')!;
  const btf = secs.find((s) => s.name === '.BTF')!;
  const nsyms = symtab.size / 24;
  const first = (b: Uint8Array) => {
    const r = readElf(b, 'bad.o', { sections: 'separate' });
    expect(r.object).toBeUndefined();
    return r.diagnostics[0];
  };

  it('a relocation naming a symbol past the symbol table', () => {
    const b = base.slice();
    dv(b).setUint32(relx.offset + 12, nsyms + 5, true);
    const d = first(b);
    expect(d.code).toBe(ElfCode.BadReloc);
    expect(d.message).toBe(`relocation section .relxdp, entry 0: symbol index ${nsyms + 5} out of range (${nsyms} symbols)`);
    expect(d.span!.start).toBe(relx.offset + 12);
  });

  it('a relocation offset outside its section', () => {
    const b = base.slice();
    dv(b).setBigUint64(relx.offset, BigInt(xdp.size + 8), true);
    const d = first(b);
    expect(d.message).toBe(`relocation section .relxdp, entry 0: offset 0x${(xdp.size + 8).toString(16)} is outside xdp (size ${xdp.size})`);
  });

  it('a relocation on an instruction that is not ld_imm64 or call', () => {
    const b = base.slice();
    const off = Number(dv(b).getBigUint64(relx.offset, true));
    b[xdp.offset + off] = 0xb7; // the ld_imm64 became r = imm
    const d = first(b);
    expect(d.code).toBe(ElfCode.BadReloc);
    expect(d.message).toMatch(/^xdp\+\d+ \(insn \d+ of xdp, file offset \d+\): R_BPF_64_64 on an instruction that is not ld_imm64 \(opcode 0xb7\)$/);
  });

  it('a symbol in a section that does not exist', () => {
    const b = base.slice();
    const last = symtab.offset + (nsyms - 1) * 24;
    dv(b).setUint16(last + 6, secs.length + 3, true);
    const d = first(b);
    expect(d.message).toMatch(new RegExp(`^symbol ${nsyms - 1} '\\w+': section index ${secs.length + 3} does not exist \\(${secs.length} sections\\)$`));
    expect(d.span!.start).toBe(last + 6);
  });

  it('BTF garbage: a bad magic, and a type section past the end', () => {
    const b = base.slice();
    b[btf.offset] ^= 0xff;
    const d = first(b);
    expect(d.code).toBe(ElfCode.BadBtf);
    expect(d.message).toMatch(/^\.BTF: /);
    const c = base.slice();
    dv(c).setUint32(btf.offset + 12, btf.size * 4, true); // type_len past the section
    const e = first(c);
    expect(e.code).toBe(ElfCode.BadBtf);
    expect(e.span!.start).toBeGreaterThanOrEqual(btf.offset);
  });
});
