/**
 * A small benchmark of HashMap lookups (the program-side `lookup`, hit and miss) for the figures
 * in the team notes: ns per lookup for 4-, 8- and 16-byte keys in a map of `entries` keys.
 * Not a test (no pass/fail): `npx tsx -e "import('./src/kernel/maps/hashBench.ts').then(m => console.log(m.benchHashLookup()))"`.
 * Also `lookupAt` (the fast engine's path: the key read in place from VM memory).
 * Provenance: our own code.
 */
import { Memory } from '../../vm/index.ts';
import { HashMap } from './hash.ts';

export interface HashBenchResult {
  keySize: number;
  entries: number;
  /** ns per successful lookup (key bytes from a Uint8Array). */
  hitNs: number;
  /** ns per failed lookup. */
  missNs: number;
  /** ns per successful lookup with the key read in place from VM memory (`lookupAt`). */
  hitAtNs: number;
}

export function benchHashLookup(o: { entries?: number; lookups?: number; keySizes?: number[] } = {}): HashBenchResult[] {
  const entries = o.entries ?? 1024;
  const lookups = o.lookups ?? 1_000_000;
  const out: HashBenchResult[] = [];
  for (const keySize of o.keySizes ?? [4, 8, 16]) {
    const memory = new Memory();
    const m = new HashMap({ memory, cpus: 1 }, 'bench', 'hash', 1, keySize, 8, entries, 0);
    const keys: Uint8Array[] = [];
    const misses: Uint8Array[] = [];
    for (let i = 0; i < entries; i++) {
      const k = new Uint8Array(keySize);
      const dv = new DataView(k.buffer);
      dv.setUint32(0, Math.imul(i, 2654435761) >>> 0, true);
      if (keySize >= 8) dv.setUint32(4, i, true);
      keys.push(k);
      const miss = k.slice();
      miss[keySize - 1] ^= 0x80;
      misses.push(miss);
      if (m.update(k, new Uint8Array(8), 0n, 0) !== 0) throw new Error('bench: update failed');
    }
    // the keys laid out in VM memory, for lookupAt
    const region = memory.alloc('map_value', keySize * entries, { name: 'bench keys' });
    keys.forEach((k, i) => memory.bytes.set(k, region.offset + i * keySize));
    const time = (f: (i: number) => bigint): number => {
      let found = 0;
      for (let i = 0; i < 20000; i++) if (f(i % entries) !== 0n) found++; // warm-up
      const t0 = performance.now();
      for (let i = 0; i < lookups; i++) if (f(i % entries) !== 0n) found++;
      const ns = ((performance.now() - t0) * 1e6) / lookups;
      if (found === -1) console.log(found);
      return Math.round(ns * 10) / 10;
    };
    const hitNs = time((i) => m.lookup(keys[i], 0));
    const missNs = time((i) => m.lookup(misses[i], 0));
    const hitAtNs = time((i) => m.lookupAt(memory.bytes, region.offset + i * keySize, 0));
    out.push({ keySize, entries, hitNs, missNs, hitAtNs });
  }
  return out;
}
