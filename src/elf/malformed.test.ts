/**
 * Bad objects: each kind of damage gives a precise Diagnostic (code, byte offset, what was wrong),
 * and fuzzing real objects with truncations and byte flips never throws or hangs.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diag/diagnostic.ts';
import { ElfCode } from './codes.ts';
import { readElf } from './read.ts';
import { goldenNames, loadGolden } from './testdata/goldens.ts';

const base = loadGolden('xdp_array_count').bytes;
const copy = (): Uint8Array => base.slice();
const dv = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Section header fields of the named section, read straight from the ELF layout. */
function shdr(b: Uint8Array, name: string): { hdr: number; offset: number; size: number } {
  const v = dv(b);
  const shoff = Number(v.getBigUint64(40, true));
  const shnum = v.getUint16(60, true);
  const strHdr = shoff + v.getUint16(62, true) * 64;
  const strOff = Number(v.getBigUint64(strHdr + 24, true));
  for (let i = 0; i < shnum; i++) {
    const h = shoff + i * 64;
    const n = v.getUint32(h, true);
    let s = '';
    for (let k = strOff + n; b[k]; k++) s += String.fromCharCode(b[k]);
    if (s === name) return { hdr: h, offset: Number(v.getBigUint64(h + 24, true)), size: Number(v.getBigUint64(h + 32, true)) };
  }
  throw new Error(`no section ${name}`);
}

function only(b: Uint8Array): Diagnostic {
  const r = readElf(b, 'bad.o');
  expect(r.object).toBeUndefined();
  expect(r.diagnostics.length).toBeGreaterThan(0);
  const d = r.diagnostics[0];
  expect(d.severity).toBe('error');
  expect(d.span?.file).toBe('bad.o');
  return d;
}

describe('readElf on damaged objects', () => {
  it('reads the undamaged object', () => {
    expect(readElf(base, 'ok.o').diagnostics).toEqual([]);
  });

  it('truncated header', () => {
    const d = only(base.slice(0, 40));
    expect(d.code).toBe(ElfCode.Truncated);
    expect(d.span!.start).toBe(0);
    expect(d.message).toMatch(/40 bytes.*needs 64/);
  });

  it('not ELF, wrong class, wrong machine, not relocatable', () => {
    let b = copy();
    b[1] = 0x46;
    expect(only(b).code).toBe(ElfCode.NotElf);
    b = copy();
    b[4] = 1;
    expect(only(b)).toMatchObject({ message: expect.stringMatching(/class 1 at byte 4/), span: { start: 4 } });
    b = copy();
    dv(b).setUint16(18, 62, true);
    expect(only(b)).toMatchObject({ message: expect.stringMatching(/e_machine is 62.*EM_BPF/), span: { start: 18 } });
    b = copy();
    dv(b).setUint16(16, 2, true);
    expect(only(b)).toMatchObject({ message: expect.stringMatching(/e_type is 2/), span: { start: 16 } });
  });

  it('section header table past the end of the file', () => {
    const b = copy();
    dv(b).setBigUint64(40, BigInt(b.length - 10), true);
    const d = only(b);
    expect(d.code).toBe(ElfCode.Truncated);
    expect(d.span!.start).toBe(40);
    expect(d.message).toMatch(/section header table at offset \d+ .* runs past the end of the file/);
  });

  it('section contents outside the file', () => {
    const b = copy();
    const s = shdr(b, 'xdp');
    dv(b).setBigUint64(s.hdr + 24, BigInt(b.length + 100), true);
    const d = only(b);
    expect(d.code).toBe(ElfCode.Truncated);
    expect(d.span!.start).toBe(s.hdr + 24);
    expect(d.message).toMatch(/contents at offset \d+ size \d+ lie outside the file/);
  });

  it('a truncated file (the section table cut off)', () => {
    const d = only(base.slice(0, base.length - 100));
    expect(d.code).toBe(ElfCode.Truncated);
  });

  it('bad string offset in a section name', () => {
    const b = copy();
    const s = shdr(b, 'xdp');
    dv(b).setUint32(s.hdr, 0x7fffff, true);
    const d = only(b);
    expect(d.code).toBe(ElfCode.BadString);
    expect(d.span!.start).toBe(s.hdr);
    expect(d.message).toMatch(/bad name offset 8388607/);
  });

  it('unknown relocation type', () => {
    const b = copy();
    const r = shdr(b, '.relxdp');
    dv(b).setUint32(r.offset + 8, 7, true);
    const d = only(b);
    expect(d.code).toBe(ElfCode.BadReloc);
    expect(d.span!.start).toBe(r.offset + 8);
    expect(d.message).toMatch(/unknown relocation type 7/);
  });

  it('R_BPF_64_64 on an instruction that is not ld_imm64', () => {
    const b = copy();
    const r = shdr(b, '.relxdp');
    const x = shdr(b, 'xdp');
    dv(b).setBigUint64(r.offset, 0n, true); // the first instruction is not an ld_imm64
    const d = only(b);
    expect(d.code).toBe(ElfCode.BadReloc);
    expect(d.span!.start).toBe(x.offset);
    expect(d.message).toMatch(/R_BPF_64_64 on an instruction that is not ld_imm64/);
  });

  it('bad BTF: magic, truncation, a dangling type id', () => {
    let b = copy();
    const s = shdr(b, '.BTF');
    b[s.offset] = 0;
    let d = only(b);
    expect(d.code).toBe(ElfCode.BadBtf);
    expect(d.span!.start).toBe(s.offset);
    expect(d.message).toMatch(/bad magic/);

    b = copy();
    dv(b).setUint32(s.offset + 12, s.size * 2, true); // type_len past the section
    d = only(b);
    expect(d.code).toBe(ElfCode.BadBtf);
    expect(d.span!.start).toBe(s.offset + 8);
    expect(d.message).toMatch(/type section .* lies outside/);

    b = copy();
    const hdrLen = dv(b).getUint32(s.offset + 4, true);
    // first type record: make it a PTR to a type id that does not exist
    const t0 = s.offset + hdrLen + dv(b).getUint32(s.offset + 8, true);
    const kind = (dv(b).getUint32(t0 + 4, true) >>> 24) & 0x1f;
    expect(kind).toBe(2); // clang puts a PTR first in this object
    dv(b).setUint32(t0 + 8, 99999, true);
    d = only(b);
    expect(d.code).toBe(ElfCode.BadBtf);
    expect(d.message).toMatch(/refers to type #99999/);
  });

  it('bad BTF.ext record size', () => {
    const b = copy();
    const s = shdr(b, '.BTF.ext');
    const hdrLen = dv(b).getUint32(s.offset + 4, true);
    const liOff = dv(b).getUint32(s.offset + 16, true);
    dv(b).setUint32(s.offset + hdrLen + liOff, 3, true);
    const d = only(b);
    expect(d.code).toBe(ElfCode.BadBtfExt);
    expect(d.span!.start).toBe(s.offset + hdrLen + liOff);
    expect(d.message).toMatch(/line_info record size 3/);
  });

  it('.maps without .BTF (an object built without -g) says what is missing', () => {
    const b = copy();
    const s = shdr(b, '.BTF');
    // rename the section (and .BTF.ext, which shares the string) in the section-name table
    const v = dv(b);
    const strHdr = Number(v.getBigUint64(40, true)) + v.getUint16(62, true) * 64;
    const at = Number(v.getBigUint64(strHdr + 24, true)) + v.getUint32(s.hdr, true);
    b[at + 3] = 'X'.charCodeAt(0);
    const d = only(b);
    expect(d.code).toBe(ElfCode.BadMap);
    expect(d.span!.start).toBe(shdr(b, '.maps').offset);
    expect(d.message).toMatch(/a \.maps section but no \.BTF section .*compile with -g/);
  });

  it('an extern (kfunc-style) relocation is reported as unsupported', () => {
    const b = copy();
    const r = shdr(b, '.relxdp');
    const sym = dv(b).getUint32(r.offset + 12, true);
    const st = shdr(b, '.symtab');
    dv(b).setUint16(st.offset + sym * 24 + 6, 0, true); // SHN_UNDEF
    const d = only(b);
    expect(d.code).toBe(ElfCode.Unsupported);
    expect(d.message).toMatch(/extern symbol 'counts'/);
  });
});

/** xorshift32: a seeded generator so a failing case can be replayed. */
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

describe('readElf fuzzing (truncations and byte flips of the corpus)', () => {
  for (const name of goldenNames()) {
    it(name, () => {
      const bytes = loadGolden(name).bytes;
      const rand = rng(name.length * 7919 + bytes.length);
      const cases: Uint8Array[] = [];
      for (let i = 0; i < 40; i++) cases.push(bytes.slice(0, rand() % bytes.length));
      for (let i = 0; i < 160; i++) {
        const b = bytes.slice();
        const flips = 1 + (rand() % 4);
        for (let k = 0; k < flips; k++) b[rand() % b.length] ^= 1 << rand() % 8;
        cases.push(b);
      }
      // most of a file is DWARF; aim flips at the parts the reader interprets
      const v = dv(bytes);
      const shoff = Number(v.getBigUint64(40, true));
      const targets: [number, number][] = [[0, 64], [shoff, v.getUint16(60, true) * 64]];
      for (const n of ['.BTF', '.BTF.ext', '.symtab', '.maps', 'maps', 'xdp', '.text', '.relxdp']) {
        try {
          const h = shdr(bytes, n);
          if (h.size) targets.push([h.offset, h.size]);
        } catch {
          /* the object has no such section */
        }
      }
      for (let i = 0; i < 300; i++) {
        const b = bytes.slice();
        const [start, len] = targets[rand() % targets.length];
        const at = start + (rand() % len);
        if (rand() % 3 === 0) b[at] = rand() & 0xff;
        else b[at] ^= 1 << rand() % 8;
        cases.push(b);
      }
      for (const [i, b] of cases.entries()) {
        const r = readElf(b, 'fuzz.o');
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        if (r.object) expect(errors, `case ${i}`).toEqual([]);
        else {
          expect(errors.length, `case ${i}`).toBeGreaterThan(0);
          for (const d of errors) {
            expect(d.span, `case ${i}`).toBeDefined();
            expect(d.span!.start).toBeGreaterThanOrEqual(0);
            expect(d.message).not.toMatch(/internal error/);
          }
        }
      }
    });
  }
});
