// The wasm binary writer (LEB128 against hand-computed bytes, a hand-assembled module), and the
// fast engine's API: compileWasm and its cache, runFast's error values and conventions, fastRunner,
// translation caches across region changes, and a hand-checked XDP parser on both engines.
import { describe, expect, it } from 'vitest';
import { insn, ldImm64 } from '../../isa/insn.ts';
import { Memory, runProgram } from '../index.ts';
import { assembleModule, Bytes, I32, OP } from './binary.ts';
import { compileWasm, compileWasmAsync, EngineCache, fastRunner, runFast } from './index.ts';

const leb = (f: (b: Bytes) => void) => {
  const b = new Bytes(1);
  f(b);
  return Array.from(b.result());
};

describe('binary writer', () => {
  it('LEB128 matches hand-computed encodings', () => {
    expect(leb((b) => b.u32(0))).toEqual([0x00]);
    expect(leb((b) => b.u32(127))).toEqual([0x7f]);
    expect(leb((b) => b.u32(128))).toEqual([0x80, 0x01]);
    expect(leb((b) => b.u32(624485))).toEqual([0xe5, 0x8e, 0x26]); // the classic example
    expect(leb((b) => b.u32(0xffffffff))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(leb((b) => b.s32(63))).toEqual([0x3f]);
    expect(leb((b) => b.s32(64))).toEqual([0xc0, 0x00]);
    expect(leb((b) => b.s32(-64))).toEqual([0x40]);
    expect(leb((b) => b.s32(-65))).toEqual([0xbf, 0x7f]);
    expect(leb((b) => b.s32(-123456))).toEqual([0xc0, 0xbb, 0x78]);
    expect(leb((b) => b.s32(-0x80000000))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(leb((b) => b.s64(-1n))).toEqual([0x7f]);
    expect(leb((b) => b.s64(0xffffffffffffffffn))).toEqual([0x7f]); // read as two's complement
    expect(leb((b) => b.s64(0x7fffffffffffffffn))).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
    expect(leb((b) => b.s64(-0x8000000000000000n))).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
  });
  it('assembles a module the engine accepts and runs', () => {
    const body = new Bytes();
    body.byte(OP.localGet).u32(0).byte(OP.localGet).u32(1).byte(OP.i32Add);
    const bytes = assembleModule({
      types: [{ params: [I32, I32], results: [I32] }],
      imports: [],
      funcs: [{ type: 0, locals: [], body }],
      globals: [],
      exports: [{ name: 'add', kind: 'func', index: 0 }],
    });
    expect(Array.from(bytes.slice(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource));
    expect((inst.exports.add as (a: number, b: number) => number)(40, 2)).toBe(42);
  });
});

describe('compileWasm', () => {
  const prog = [insn(0xb7, 0, 0, 0, 7), insn(0x95)];
  it('compiles once per program bytes and reports the compile time', () => {
    const cache = new EngineCache();
    const a = compileWasm(prog, { cache });
    const b = compileWasm([insn(0xb7, 0, 0, 0, 7), insn(0x95)], { cache }); // equal bytes, another array
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.cached).toBe(false);
    expect(b.cached).toBe(true);
    expect(b.engine).toBe(a.engine);
    expect(a.compileNs).toBeGreaterThan(0);
    const c = compileWasm([insn(0xb7, 0, 0, 0, 8), insn(0x95)], { cache });
    expect(c.ok && c.engine !== a.engine).toBe(true);
    expect(cache.size).toBe(2);
  });
  it('compiles asynchronously too, sharing the cache', async () => {
    const cache = new EngineCache();
    const a = await compileWasmAsync([insn(0xb7, 0, 0, 0, 9), insn(0x95)], { cache });
    expect(a.ok && !a.cached).toBe(true);
    const b = compileWasm([insn(0xb7, 0, 0, 0, 9), insn(0x95)], { cache });
    expect(b.ok && b.cached).toBe(true);
    if (!a.ok) return;
    expect(fastRunner(a.engine).run()).toBe(9);
  });
  it('keys on what a pseudo ld_imm64 resolves to (maps are baked into the code)', () => {
    const cache = new EngineCache();
    const p = [...ldImm64(0, 0n, 1), insn(0x95)]; // r0 = map fd 0 (BPF_PSEUDO_MAP_FD)
    const a = compileWasm(p, { cache, ldImm64: () => 0x1111n });
    const b = compileWasm(p, { cache, ldImm64: () => 0x2222n });
    expect(a.ok && b.ok && a.engine !== b.engine).toBe(true);
    const r = runFast(p, { cache, ldImm64: () => 0x2222n });
    expect(r.ok && r.r0).toBe(0x2222n);
  });
  it('an unresolved pseudo ld_imm64 compiles; reaching it is the interpreter\'s invalid oops', () => {
    const p = [...ldImm64(0, 0n, 1), insn(0x95)];
    const fast = runFast(p);
    const ref = runProgram(p);
    expect(fast.ok).toBe(true);
    if (!fast.ok) return;
    expect(fast.oops?.kind).toBe('invalid');
    expect(fast.oops?.message).toBe(ref.oops?.message);
    expect(fast.oops?.message).toContain('BPF_PSEUDO_MAP_FD');
  });
});

describe('runFast', () => {
  it('refuses to trace, with an error value', () => {
    const r = runFast([insn(0x95)], { trace: true });
    expect(r).toEqual({ ok: false, error: 'runFast does not trace: use runProgram (the reference interpreter) for a trace' });
  });
  it('malformed input is an error value, not an exception', () => {
    const bad = [insn(0x95), undefined] as unknown as Parameters<typeof runFast>[0];
    const r = runFast(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^cannot compile: /);
    const c = compileWasm([...ldImm64(0, 0n, 1), insn(0x95)], { ldImm64: () => { throw new Error('no such map'); } });
    expect(c).toEqual({ ok: false, error: 'cannot compile: no such map' });
  });
  it('follows the mem convention (r1 = address, r2 = length) and returns the final mem', () => {
    // *(u8 *)(r1 + 1) += r2; r0 = *(u32 *)(r1 + 0)
    const p = [insn(0x71, 3, 1, 1), insn(0x0f, 3, 2), insn(0x73, 1, 3, 1), insn(0x61, 0, 1, 0), insn(0x95)];
    const r = runFast(p, { mem: new Uint8Array([1, 2, 3, 4]) });
    expect(r.ok && r.exited).toBe(true);
    if (!r.ok) return;
    expect(r.r0).toBe(0x04030601n);
    expect(Array.from(r.mem!)).toEqual([1, 6, 3, 4]);
    expect(r.steps).toBe(5);
  });
  it('runs in a caller-provided Memory: regions persist between runs', () => {
    const memory = new Memory();
    const counter = memory.alloc('map_value', 8, { name: 'counter' });
    const p = [insn(0xb7, 2, 0, 0, 1), insn(0xdb, 1, 2, 0, 0x01), insn(0xbf, 0, 2), insn(0x95)]; // r0 = fetch_add(*r1, 1)
    for (let k = 0n; k < 5n; k++) {
      const r = runFast(p, { memory, args: [counter.base] });
      expect(r.ok && r.r0).toBe(k);
    }
    expect(memory.read(counter.base, 8)).toBe(5n);
  });
  it("frame 0's whole stack is zeroed every run, also after a region was freed", () => {
    const memory = new Memory();
    // r0 = *(u64 *)(r10 - 8) (what the last run left there: must read 0); then store r1 there.
    const p = [insn(0x79, 0, 10, -8), insn(0x7b, 10, 1, -8), insn(0x79, 3, 10, -512), insn(0x0f, 0, 3), insn(0x7b, 10, 1, -512), insn(0x95)];
    for (let k = 1n; k <= 3n; k++) {
      const r = runFast(p, { memory, mem: new Uint8Array(4), args: [0x1234n * k] }); // `mem` is freed after each run
      expect(r.ok && r.r0).toBe(0n);
    }
  });
  it('a helper may start another run on the same memory; the outer run continues intact', () => {
    const inner = [insn(0xb7, 0, 0, 0, 7), insn(0xb7, 6, 0, 0, 100), insn(0x95)];
    const outer = [insn(0xb7, 6, 0, 0, 5), insn(0x7b, 10, 6, -8), insn(0x85, 0, 0, 0, 1), insn(0x0f, 0, 6), insn(0x79, 1, 10, -8), insn(0x0f, 0, 1), insn(0x95)];
    const r = runFast(outer, { helpers: { 1: (vm) => { const x = runFast(inner, { memory: vm.memory }); return x.ok ? x.r0 : 0n; } } });
    const ref = runProgram(outer, { helpers: { 1: (vm) => runProgram(inner, { memory: vm.memory }).r0 } });
    // 7 (inner r0) + 5 (outer r6, restored) + 0: the inner run zeroed frame 0's stack, which is per
    // memory (both engines), so the outer reload of r10 - 8 reads 0.
    expect(ref).toMatchObject({ exited: true, r0: 12n, steps: 7 });
    expect(r).toMatchObject({ ok: true, exited: true, r0: 12n, steps: 7 });
    if (r.ok) expect(r.regs).toEqual(ref.regs);
  });
  it('a freed region faults on the next run (translation caches are dropped)', () => {
    const memory = new Memory();
    const v = memory.alloc('map_value', 8, { name: 'v' });
    const p = [insn(0x79, 0, 1, 0), insn(0x95)];
    expect(runFast(p, { memory, args: [v.base] })).toMatchObject({ ok: true, exited: true, r0: 0n });
    memory.freeRegion(v);
    const r = runFast(p, { memory, args: [v.base] });
    expect(r.ok && r.oops?.kind).toBe('fault');
    expect(r.ok && r.oops?.address).toBe(v.base);
  });
});

describe('fastRunner and a hand-checked XDP-style parser', () => {
  // r1 = packet, r2 = length: return 1 when bytes 12..13 are 08 00 (IPv4) and byte 23 is 17 (UDP)
  // and the UDP destination port (bytes 36..37 with a 20-byte IP header) is 5001; else 2.
  const p = [
    insn(0x0f, 2, 1), insn(0xb7, 0, 0, 0, 2), insn(0xbf, 3, 1), insn(0x07, 3, 0, 0, 38), insn(0x2d, 3, 2, 7),
    insn(0x69, 4, 1, 12), insn(0x55, 4, 0, 5, 0x0008), insn(0x71, 4, 1, 23), insn(0x55, 4, 0, 3, 17),
    insn(0x69, 4, 1, 36), insn(0x55, 4, 0, 1, 0x8913), insn(0xb7, 0, 0, 0, 1), insn(0x95),
  ];
  const packet = (dport: number, proto = 17) => {
    const b = new Uint8Array(42);
    b[12] = 0x08; b[14] = 0x45; b[23] = proto; b[36] = dport >> 8; b[37] = dport & 0xff;
    return b;
  };
  it('drops UDP port 5001 only, on both engines', () => {
    const memory = new Memory();
    const c = compileWasm(p);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const runner = fastRunner(c.engine, { memory });
    const cases: Array<[Uint8Array, number]> = [[packet(5001), 1], [packet(5002), 2], [packet(5001, 6), 2], [packet(5001).slice(0, 37), 2]];
    for (const [bytes, want] of cases) {
      const pkt = memory.allocPacket(bytes);
      const len = BigInt(bytes.length);
      expect(runner.run(pkt.data, len)).toBe(want);
      expect(runner.repeat(1000, pkt.data, len)).toBe(want);
      expect(runProgram(p, { memory, args: [pkt.data, len] }).r0).toBe(BigInt(want));
      memory.freeRegion(pkt.region);
    }
  });
  it('reports a stop as -1 with the full result in last()', () => {
    const c = compileWasm([insn(0x79, 0, 1, 0), insn(0x95)]); // NULL dereference
    if (!c.ok) throw new Error(c.error);
    const runner = fastRunner(c.engine);
    expect(runner.run()).toBe(-1);
    const last = runner.last();
    expect('error' in last).toBe(false);
    if ('error' in last) return;
    expect(last.oops).toMatchObject({ kind: 'fault', pc: 0, address: 0n });
    expect(last.oops!.message).toMatch(/^BUG: kernel NULL pointer dereference, address: 0000000000000000/);
    expect(last.steps).toBe(1);
  });
});
