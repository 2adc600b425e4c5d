/**
 * Robustness: every implemented helper, called with hostile arguments from an unverified program
 * (NULL, huge sizes, wild pointers, every flag bit), ends in a value or an oops — never a thrown
 * exception or a hang. Seeded, so failures replay.
 */
import { describe, expect, it } from 'vitest';
import { createKernel } from '../../run/kernel.ts';
import { implementedHelperIds } from './index.ts';

const UDP = Uint8Array.from(Buffer.from('02000000000202000000000108004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000', 'hex'));

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

describe('helpers under hostile arguments', () => {
  it('never throw and never hang', () => {
    const rand = rng(2026);
    const k = createKernel({ seed: 1 });
    for (const spec of [
      { name: 'a', type: 'array' as const, keySize: 4, valueSize: 8, maxEntries: 4 },
      { name: 'h', type: 'lru_hash' as const, keySize: 4, valueSize: 8, maxEntries: 4 },
      { name: 'q', type: 'queue' as const, keySize: 0, valueSize: 8, maxEntries: 4 },
      { name: 'rb', type: 'ringbuf' as const, keySize: 0, valueSize: 0, maxEntries: 4096 },
    ]) expect(k.createMap(spec).ok).toBe(true);
    const values = (): bigint[] => [
      0n, 1n, 0xffffffffn, 0xffffffffffffffffn, BigInt(rand()), BigInt(rand()) << 32n, 0xffff888001000000n, 0x7fffffffn, 4096n, 65536n,
    ];
    let n = 0;
    for (const id of implementedHelperIds()) {
      for (const type of ['xdp', 'tc', 'socket']) {
        for (let trial = 0; trial < 6; trial++) {
          const vs = values();
          const pick = () => vs[rand() % vs.length];
          const args = [pick(), pick(), pick(), pick(), pick()];
          // r1 stays the context on some trials, r1/r2 a real map on others.
          const src = [
            ...args.map((v, i) => `r${i + 1} = ${v} ll`),
            trial % 3 === 0 ? 'r1 = r6' : '',
            trial % 3 === 1 ? `r1 = ${['a', 'h', 'q', 'rb'][trial % 4]} ll` : '',
            trial % 2 === 1 ? 'r2 = r10\nr2 += -16' : '',
            `call ${id}`,
            'exit',
          ].filter(Boolean).join('\n');
          const full = `r6 = r1\n${src}\n`;
          const a = assembleOrThrow(full);
          const p = k.load(a.insns, { type, relocs: a.relocs });
          if (!p.ok) throw new Error(p.message);
          expect(() => k.run(p.prog, { packet: UDP, budget: 100_000 })).not.toThrow();
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(500);
  }, 60_000); // seconds of random calls; the budget is for loaded CI machines
});

import { assemble } from '../../../asm/index.ts';
function assembleOrThrow(s: string) {
  const a = assemble(s, { file: 'fuzz.s' });
  if (a.diagnostics.some((d) => d.severity === 'error')) throw new Error(a.diagnostics[0].message + '\n' + s);
  return a;
}
