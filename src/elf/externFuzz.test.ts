/**
 * Damaged extern objects (clang-19's `__kconfig` and `__ksym` objects of
 * src/compiler/testdata/kconfig): seeded mutations of the symbol table, relocations, `.BTF` and
 * code, through readElf, loadObject and a budgeted run — every case ends in an object or an error
 * value, never an exception or an "internal error".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel/run/kernel.ts';
import { loadObject } from '../kernel/run/object.ts';
import { readElf } from './read.ts';

const DIR = join(import.meta.dirname, '../compiler/testdata/kconfig');

describe('extern objects under mutation', () => {
  for (const n of ['xdp_kconfig', 'kprobe_ksym_kfunc']) {
    it(n, () => {
      const base = new Uint8Array(readFileSync(join(DIR, `${n}.clang.o`)));
      expect(readElf(base, 'ok.o').object?.externs?.length).toBeGreaterThan(0);
      let seed = 0x9e3779b9 ^ n.length;
      const rand = (): number => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed; };
      let objects = 0, errors = 0;
      for (let i = 0; i < 300; i++) {
        const b = base.slice();
        const at = 64 + (rand() % (b.length - 68));
        if (rand() % 2) new DataView(b.buffer).setUint32(at & ~3, [0, 0xffffffff, rand(), rand() & 0xff][rand() % 4], true);
        else b[at] ^= 1 << (rand() % 8);
        const r = readElf(b, 'fuzz.o');
        for (const d of r.diagnostics) expect(d.message, `#${i}`).not.toMatch(/internal error/);
        if (!r.object) { errors++; continue; }
        objects++;
        const k = createKernel({ cpus: 2 });
        const l = loadObject(k, r.object);
        if (!l.ok) { expect(typeof l.message).toBe('string'); continue; }
        for (const p of l.programs.values()) k.run(p, { packet: new Uint8Array(64), budget: 20000 });
      }
      expect(objects).toBeGreaterThan(20);
      expect(errors).toBeGreaterThan(5);
    }, 60_000);
  }
});
