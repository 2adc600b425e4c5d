// The fast engine's translation options: accesses placed statically (r10 + constant in both modes,
// ctx + constant in verifier-proved mode), the proved mode's last line of defence (an access past
// the WebAssembly memory is a simulated oops, never an exception), inlined helpers (array and
// per-CPU array lookups, bpf_get_smp_processor_id) against the JavaScript helpers and the
// interpreter, the compilation cache key and the runner's statistics. Expectations are computed
// by hand from the programs below (addresses from the regions they use) or come from the
// reference interpreter.
import { describe, expect, it } from 'vitest';
import { insn, ldImm64, type Insn } from '../../isa/insn.ts';
import { runProgram, type HelperFn } from '../index.ts';
import { Memory } from '../memory.ts';
import { compileWasm, EngineCache, fastRunner, runFast, type InlineArray } from './index.ts';
import { compareEngines } from './testing.ts';

const EXIT = insn(0x95);

describe('statically placed stack accesses (both modes)', () => {
  // r2 = r10; r2 += -16; *(u64 *)(r2 + 8) = 0x1234; r3 = 7; *(u32 *)(r10 - 4) = r3 (at -4)
  // r0 = *(u64 *)(r10 - 8); r0 += *(u32 *)(r2 + 12)   → (7 << 32 | 0x1234) + 7 (the u32 store
  // overwrote the high half of the u64 at r10 - 8)
  const prog: Insn[] = [
    insn(0xbf, 2, 10), insn(0x07, 2, 0, 0, -16), insn(0x7a, 2, 0, 8, 0x1234), insn(0xb7, 3, 0, 0, 7),
    insn(0x63, 10, 3, -4), insn(0x79, 0, 10, -8), insn(0x61, 4, 2, 12), insn(0x0f, 0, 4), EXIT,
  ];
  it('need no translation site (only the per-entry frame lookup) and give the interpreter result', () => {
    const c = compileWasm(prog, { cache: new EngineCache() });
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.engine.sites).toBe(1); // the frame's stack, looked up once per function entry
    const r = runFast(prog);
    expect(r.ok && r.r0).toBe((7n << 32n) + 0x1234n + 7n);
    expect(compareEngines(prog)).toEqual([]);
  });
  it('an access past the frame (r10 - 520) stays checked and faults like the interpreter', () => {
    const bad = [insn(0x79, 0, 10, -520), EXIT];
    const c = compileWasm(bad, { cache: new EngineCache() });
    expect(c.ok && c.engine.sites).toBe(1);
    const r = runFast(bad);
    expect(r.ok && r.oops?.kind).toBe('fault');
    expect(compareEngines(bad)).toEqual([]);
  });
  it('a pointer that is r10-based on one path only stays checked', () => {
    // r2 = 0; if r1 == 0 goto +1; r2 = r10; r0 = *(u64 *)(r2 - 8)
    const p = [insn(0xb7, 2, 0, 0, 0), insn(0x15, 1, 0, 1, 0), insn(0xbf, 2, 10), insn(0x79, 0, 2, -8), EXIT];
    expect(compareEngines(p, { args: [0n] })).toEqual([]);
    expect(compareEngines(p, { args: [1n] })).toEqual([]);
    const r = runFast(p, { args: [0n] }); // r2 = 0: the checked path faults
    expect(r.ok && r.oops?.kind).toBe('fault');
  });
});

describe('verifier-proved mode', () => {
  // r0 = *(u64 *)(r1 + 8); *(u32 *)(r1 + 16) = 5; r0 += *(u32 *)(r1 + 16)
  const prog: Insn[] = [insn(0x79, 0, 1, 8), insn(0x62, 1, 0, 16, 5), insn(0x61, 2, 1, 16), insn(0x0f, 0, 2), EXIT];
  const mem = Uint8Array.from({ length: 32 }, (_, k) => k);
  it('context accesses without checks give the checked result (r0 = bytes 8..15 LE + 5)', () => {
    const want = 0x0f0e0d0c0b0a0908n + 5n;
    for (const mode of ['checked', 'proven'] as const) {
      const r = runFast(prog, { mem, mode });
      expect(r.ok && r.r0, mode).toBe(want);
    }
    expect(compareEngines(prog, { mem }, undefined, { mode: 'proven' })).toEqual([]);
  });
  it('drops the per-site checks of context accesses (fewer translation sites)', () => {
    const checked = compileWasm(prog, { cache: new EngineCache() });
    const proven = compileWasm(prog, { cache: new EngineCache(), mode: 'proven' });
    expect(checked.ok && checked.engine.sites).toBe(3);
    expect(proven.ok && proven.engine.sites).toBe(1 + 3); // the entry lookup of r1, plus the fallback sites
  });
  it('a context access the verifier would have refused: checked mode faults like the interpreter', () => {
    const bad = [insn(0x79, 0, 1, 0), insn(0x07, 1, 0, 0, 0x40000000), insn(0x79, 0, 1, 0), EXIT];
    expect(compareEngines(bad, { mem })).toEqual([]);
    const r = runFast(bad, { mem });
    expect(r.ok && r.oops?.kind).toBe('fault');
  });
  it('…and proved mode turns the WebAssembly trap into a simulated oops (no exception)', () => {
    const bad = [insn(0x07, 1, 0, 0, 0x40000000), insn(0x79, 0, 1, 0), EXIT];
    let r: ReturnType<typeof runFast> | undefined;
    expect(() => { r = runFast(bad, { mem, mode: 'proven' }); }).not.toThrow();
    expect(r!.ok).toBe(true);
    if (!r!.ok) return;
    expect(r!.oops?.kind).toBe('fault');
    expect(r!.oops?.message).toMatch(/verifier-proved mode/);
    expect(r!.exited).toBe(false);
  });
  it('a program without a context (r1 = 0) still runs in proved mode: accesses take the checked path', () => {
    const p = [insn(0x79, 0, 1, 8), EXIT];
    const r = runFast(p, { mode: 'proven' });
    const ref = runProgram(p);
    expect(r.ok && r.oops?.message).toBe(ref.oops?.message);
  });
});

describe('inlined helpers', () => {
  /** r1 = map; *(u32 *)(r10 - 4) = key; r2 = r10 - 4; r0 = lookup; if r0 == 0 → r0 = 1 else r0 = *(u64 *)r0 + 100 … */
  const lookupProg = (key: number, mapAddr: bigint): Insn[] => [
    ...ldImm64(1, mapAddr), insn(0x62, 10, 0, -4, key), insn(0xbf, 2, 10), insn(0x07, 2, 0, 0, -4),
    insn(0x85, 0, 0, 0, 1), insn(0x55, 0, 0, 2, 0), insn(0xb7, 0, 0, 0, 1), EXIT,
    insn(0x79, 3, 0, 0), insn(0x07, 3, 0, 0, 100), insn(0xb7, 4, 0, 0, 1), insn(0xdb, 0, 4, 0, 0x00), // lock *(u64 *)r0 += 1
    insn(0xbf, 0, 3), EXIT,
  ];
  const MAP = 0xffff888000aa0000n;
  function setup(cpus: number) {
    const memory = new Memory();
    const elemSize = 16;
    const max = 4;
    const blocks = Array.from({ length: cpus }, (_, c) => memory.alloc('map_value', elemSize * max, { name: `values cpu${c}` }));
    blocks.forEach((b, c) => { for (let i = 0; i < max; i++) memory.write(b.base + BigInt(i * elemSize), 8, BigInt(1000 * c + i)); });
    let cpu = 0;
    let jsCalls = 0;
    const helpers: Record<number, HelperFn> = {
      1: (vm, map, key) => {
        jsCalls++;
        if (map !== MAP) return 0n;
        const i = Number(vm.read(key, 4));
        return i < max ? blocks[cpu].base + BigInt(i * elemSize) : 0n;
      },
      8: () => BigInt(cpu),
    };
    const arr: InlineArray = { addr: MAP, elemSize, maxEntries: max, bases: blocks.map((b) => b.base) };
    return { memory, helpers, arr, setCpu: (c: number) => { cpu = c; }, calls: () => jsCalls };
  }
  it('array lookup in WebAssembly: value address, NULL past the end, same memory as the JS helper', () => {
    for (const key of [0, 3, 4, -1]) {
      const prog = lookupProg(key, MAP);
      const a = setup(1), b = setup(1);
      const ref = runProgram(prog, { memory: a.memory, helpers: a.helpers });
      const fast = runFast(prog, { memory: b.memory, helpers: b.helpers, inline: { arrays: [b.arr] }, cache: new EngineCache() });
      const want = key >= 0 && key < 4 ? BigInt(key) + 100n : 1n;
      expect(ref.r0, `key ${key}`).toBe(want);
      expect(fast.ok && fast.r0, `key ${key}`).toBe(want);
      expect(b.calls(), 'the JS helper was not called').toBe(0);
      expect(Array.from(b.memory.bytes.subarray(0, 8192))).toEqual(Array.from(a.memory.bytes.subarray(0, 8192)));
    }
  });
  it('per-CPU array: the runner CPU picks the block; bpf_get_smp_processor_id inlined', () => {
    const prog = lookupProg(2, MAP);
    const s = setup(3);
    const c = compileWasm(prog, { inline: { arrays: [s.arr] }, cache: new EngineCache() });
    if (!c.ok) throw new Error(c.error);
    const runner = fastRunner(c.engine, { memory: s.memory, helpers: s.helpers });
    for (const cpu of [0, 1, 2]) {
      runner.cpu = cpu;
      expect(runner.run(), `cpu ${cpu}`).toBe(1000 * cpu + 2 + 100);
    }
    expect(s.calls()).toBe(0);
    const cpuProg = [insn(0x85, 0, 0, 0, 8), EXIT];
    const c8 = compileWasm(cpuProg, { inline: { cpuId: true }, cache: new EngineCache() });
    if (!c8.ok) throw new Error(c8.error);
    const r8 = fastRunner(c8.engine, { helpers: {} }); // no JS helper 8 at all: it must not be called
    r8.cpu = 5;
    expect(r8.run()).toBe(5);
  });
  it('another map, or a key pointer that does not translate, goes to the JS helper (same result / same oops)', () => {
    const other = lookupProg(1, MAP + 0x1000n);
    const s = setup(1);
    const r = runFast(other, { memory: s.memory, helpers: s.helpers, inline: { arrays: [s.arr] }, cache: new EngineCache() });
    expect(r.ok && r.r0).toBe(1n);
    expect(s.calls()).toBe(1);
    // r2 = 0x10 (unmapped): the JS helper's read faults; the oops matches the interpreter's.
    const badKey = [...ldImm64(1, MAP), insn(0xb7, 2, 0, 0, 0x10), insn(0x85, 0, 0, 0, 1), EXIT];
    const a = setup(1), b = setup(1);
    const ref = runProgram(badKey, { memory: a.memory, helpers: a.helpers });
    const fast = runFast(badKey, { memory: b.memory, helpers: b.helpers, inline: { arrays: [b.arr] }, cache: new EngineCache() });
    expect(ref.oops?.kind).toBe('fault');
    expect(fast.ok && fast.oops?.message).toBe(ref.oops?.message);
  });
});

describe('inlined hash lookups (one JS call with i32 arguments)', () => {
  const HMAP = 0xffff888000bb0000n;
  // r1 = hmap; *(u32 *)(r10 - 4) = 0x11223344; r2 = r10 - 4; call 1; exit
  const prog: Insn[] = [...ldImm64(1, HMAP), insn(0x62, 10, 0, -4, 0x11223344), insn(0xbf, 2, 10), insn(0x07, 2, 0, 0, -4), insn(0x85, 0, 0, 0, 1), EXIT];
  it('hashLookup gets the map index and the key bytes at the given offset; the JS helper is not called', () => {
    const memory = new Memory();
    const seen: string[] = [];
    const r = runFast(prog, {
      memory, cache: new EngineCache(), inline: { hashes: [{ addr: HMAP - 0x1000n, keySize: 8 }, { addr: HMAP, keySize: 4 }] },
      helpers: { 1: () => { throw new Error('the JS helper must not run'); } },
      hashLookup: (i, off) => { seen.push(`${i}:${Array.from(memory.bytes.subarray(off, off + 4)).map((b) => b.toString(16)).join(',')}`); return 0xffff888000cc0008n; },
    });
    expect(r.ok && r.r0).toBe(0xffff888000cc0008n);
    expect(seen).toEqual(['1:44,33,22,11']);
  });
  it('a key pointer that does not translate goes to the JS helper (the interpreter\'s oops)', () => {
    const bad = [...ldImm64(1, HMAP), insn(0xb7, 2, 0, 0, 0x10), insn(0x85, 0, 0, 0, 1), EXIT];
    const helpers: Record<number, HelperFn> = { 1: (vm, _m, key) => vm.read(key, 4) };
    const ref = runProgram(bad, { helpers });
    const fast = runFast(bad, { helpers, inline: { hashes: [{ addr: HMAP, keySize: 4 }] }, hashLookup: () => 1n, cache: new EngineCache() });
    expect(ref.oops?.kind).toBe('fault');
    expect(fast.ok && fast.oops?.message).toBe(ref.oops?.message);
  });
});

describe('compilation cache and runner statistics', () => {
  const prog = [insn(0xb7, 0, 0, 0, 3), EXIT];
  it('keys on the bytes, the mode and the inlined-map layout', () => {
    const cache = new EngineCache();
    const a = compileWasm(prog, { cache });
    const b = compileWasm(prog.map((i) => ({ ...i })), { cache });
    const p = compileWasm(prog, { cache, mode: 'proven' });
    const i1 = compileWasm(prog, { cache, inline: { arrays: [{ addr: 1n, elemSize: 8, maxEntries: 1, bases: [0x1000n] }] } });
    const i2 = compileWasm(prog, { cache, inline: { arrays: [{ addr: 1n, elemSize: 8, maxEntries: 2, bases: [0x1000n] }] } });
    expect([a, b, p, i1, i2].map((c) => c.ok && c.cached)).toEqual([false, true, false, false, false]);
    expect(cache.size).toBe(4);
    const c = compileWasm([insn(0xb7, 0, 0, 0, 4), EXIT], { cache });
    expect(c.ok && c.cached).toBe(false);
  });
  it('stats: compile time, runs (repeat counts each), timed ns', () => {
    const c = compileWasm(prog, { cache: new EngineCache() });
    if (!c.ok) throw new Error(c.error);
    expect(c.compileNs).toBeGreaterThan(0);
    const r = fastRunner(c.engine, { timing: true });
    expect(r.run()).toBe(3);
    expect(r.repeat(10)).toBe(3);
    expect(r.stats.runs).toBe(11);
    expect(r.stats.compileNs).toBe(c.compileNs);
    expect(r.stats.wasmBytes).toBe(c.engine.wasmBytes);
    expect(r.stats.totalNs).toBeGreaterThan(0);
    expect(r.stats.nsPerRun).toBeCloseTo(r.stats.totalNs / 11);
    // single runs are timed one in 16; every run is still counted
    for (let i = 0; i < 20; i++) r.run();
    expect(r.stats.runs).toBe(31);
    expect(r.stats.totalNs).toBeCloseTo(r.stats.nsPerRun * 31);
    const untimed = fastRunner(c.engine);
    untimed.run();
    expect(untimed.stats.runs).toBe(1);
    expect(untimed.stats.totalNs).toBe(0);
  });
});
