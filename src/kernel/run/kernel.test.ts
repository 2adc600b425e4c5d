/**
 * The simulated kernel end to end with hand-computed expectations: loading (map relocations,
 * errors), running (contexts, errors), and the helpers the kernel goldens cannot cover because
 * raw bytecode cannot carry what they need (BTF for callbacks, read-only strings) or because the
 * kernel's answer depends on the host (pid, comm, random numbers): bpf_loop, for_each_map_elem,
 * bpf_snprintf, bpf_strncmp, tail calls into a real program, ring-buffer records read by the
 * consumer, perf_event_output, get_current_*, prandom, ktime.
 */
import { describe, expect, it } from 'vitest';
import { assemble } from '../../asm/index.ts';
import { hexOf, type MapSpec } from '../maps/index.ts';
import { createKernel, type Kernel, type RunOutcome } from './kernel.ts';

/** Eth + IPv4 + UDP to port 5001, 60 bytes (kernel_oracle.py mkpacket). */
const UDP = Uint8Array.from(Buffer.from('02000000000202000000000108004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000', 'hex'));

function setup(src: string, type: string, maps: Array<Omit<MapSpec, 'name'> & { name: string }> = [], k: Kernel = createKernel({ seed: 7 })) {
  for (const m of maps) {
    const r = k.createMap(m);
    if (!r.ok) throw new Error(r.message);
  }
  const a = assemble(src, { file: 't.s' });
  if (a.diagnostics.length) throw new Error(a.diagnostics[0].message);
  const p = k.load(a.insns, { type, relocs: a.relocs });
  if (!p.ok) throw new Error(p.message);
  return { k, prog: p.prog, run: (o: { packet?: Uint8Array; cpu?: number } = {}): RunOutcome => k.run(p.prog, { packet: UDP, ...o }) };
}

const RES = { name: 'res', type: 'array' as const, keySize: 4, valueSize: 8, maxEntries: 8 };
/** res[i] as a little-endian u64. */
function res(k: Kernel, i: number): bigint {
  const v = k.map('res')!.userLookup(new Uint8Array(new Uint32Array([i]).buffer));
  if (!v.ok || Array.isArray(v.value)) throw new Error('no res');
  return new DataView(v.value.buffer, v.value.byteOffset).getBigUint64(0, true);
}
const SAVE = (i: number, l: string) => `  *(u64 *)(r10 - 16) = r0
  r1 = ${i}
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto ${l}
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
${l}:
`;

describe('load', () => {
  it('resolves maps by relocation name, else by index, and reports what is missing', () => {
    const k = createKernel();
    const a = assemble('r1 = counts ll\nr0 = 0\nexit\n', { file: 't.s' });
    expect(k.load(a.insns, { type: 'xdp', relocs: a.relocs })).toMatchObject({ ok: false, pc: 0, message: expect.stringMatching(/map 'counts' is not defined/) });
    expect(k.load(a.insns, { type: 'xdp' })).toMatchObject({ ok: false, message: 'ld_imm64 at 0 refers to map 0, but only 0 maps are defined' });
    expect(k.load(a.insns, { type: 'nonsense' })).toMatchObject({ ok: false, message: "unknown program type 'nonsense'" });
    expect(k.createMap({ name: 'counts', type: 'hash', keySize: 4, valueSize: 8, maxEntries: 4 }).ok).toBe(true);
    expect(k.createMap({ name: 'counts', type: 'hash', keySize: 4, valueSize: 8, maxEntries: 4 })).toMatchObject({ ok: false, errno: 17 });
    expect(k.load(a.insns, { type: 'tc', relocs: a.relocs })).toMatchObject({ ok: true, prog: { type: 'sched_cls' } });
  });

  it('BPF_PSEUDO_MAP_VALUE points into an array value; other maps refuse it', () => {
    const { k, run } = setup('r1 = 0 ll\nr0 = *(u32 *)(r1 + 0)\nexit\n'.replace('r1 = 0 ll', 'r1 = 0 ll'), 'xdp', [{ name: 'cfg', type: 'array', keySize: 4, valueSize: 8, maxEntries: 1 }]);
    void run;
    // Hand-encode ld_imm64 r1, map_value(map 0) + 4.
    const insns = [
      { code: 0x18, dst: 1, src: 2, off: 0, imm: 0 }, { code: 0, dst: 0, src: 0, off: 0, imm: 4 },
      { code: 0x61, dst: 0, src: 1, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
    ];
    k.map('cfg')!.userUpdate(new Uint8Array(4), new Uint8Array([1, 0, 0, 0, 0x2a, 0, 0, 0]));
    const p = k.load(insns, { type: 'xdp' });
    if (!p.ok) throw new Error(p.message);
    expect(k.run(p.prog, { packet: UDP }).retval).toBe(42);
    const k2 = createKernel();
    k2.createMap({ name: 'h', type: 'hash', keySize: 4, valueSize: 8, maxEntries: 1 });
    expect(k2.load(insns, { type: 'xdp' })).toMatchObject({ ok: false, message: expect.stringMatching(/only array maps/) });
  });
});

describe('run', () => {
  it('fails like BPF_PROG_TEST_RUN on packets the type cannot take', () => {
    const { run } = setup('r0 = 2\nexit\n', 'xdp');
    expect(run({ packet: new Uint8Array(10) }).error).toEqual({ errno: 22, message: expect.stringMatching(/at least 14 bytes/) });
    expect(run({ packet: new Uint8Array(3521) }).error?.message).toMatch(/frags/);
    const tc = setup('r0 = 0\nexit\n', 'tc');
    const short = UDP.slice(0, 30);
    expect(tc.run({ packet: short }).error?.errno).toBe(22);
    expect(tc.run({ packet: UDP }).error).toBeUndefined();
    const kp = setup('r0 = 0\nexit\n', 'kprobe');
    expect(kp.run().error?.errno).toBe(524);
  });

  it('reports the output packet only as changed when it is', () => {
    expect(setup('r0 = 2\nexit\n', 'xdp').run()).toMatchObject({ retval: 2, retvalName: 'XDP_PASS', packetChanged: false });
    const tc = setup('r0 = -1\nexit\n', 'tc').run();
    expect(tc).toMatchObject({ retval: 0xffffffff, retvalName: 'TC_ACT_UNSPEC' });
    expect(setup('r0 = 40\nexit\n', 'socket').run()).toMatchObject({ retval: 40, retvalName: null });
  });

  it('an unverified program that faults gives an oops, not an exception', () => {
    const r = setup('r0 = *(u64 *)(r1 + 4096)\nexit\n', 'xdp').run();
    expect(r.oops?.message).toMatch(/BUG: unable to handle page fault/);
  });

  it('a helper the program type may not call is refused at run time', () => {
    const r = setup('call 26\nexit\n', 'xdp').run(); // skb_load_bytes
    expect(r.oops).toBeDefined();
  });
});

describe('helpers (hand-computed)', () => {
  it('bpf_loop runs the callback until it returns 1; flags and the loop limit are checked', () => {
    const src = `  r6 = 0
  *(u64 *)(r10 - 24) = r6
  r1 = 10
  r2 = cb ll
  r3 = r10
  r3 += -24
  r4 = 0
  call 181
${SAVE(0, 'a')}  r0 = *(u64 *)(r10 - 24)
${SAVE(1, 'b')}  r1 = 10
  r2 = cb ll
  r3 = r10
  r3 += -24
  r4 = 1
  call 181
${SAVE(2, 'c')}  r1 = 8388609
  r2 = cb ll
  r3 = r10
  r3 += -24
  r4 = 0
  call 181
${SAVE(3, 'd')}  r0 = 2
  exit
cb:
  r3 = *(u64 *)(r2 + 0)
  r3 += r1
  *(u64 *)(r2 + 0) = r3
  r0 = 0
  if r1 != 6 goto more
  r0 = 1
more:
  exit
`;
    const { k, run } = setup(src, 'xdp', [RES]);
    expect(run().oops).toBeUndefined();
    expect(res(k, 0)).toBe(7n); // i = 0..6, stops after returning 1 at i = 6
    expect(res(k, 1)).toBe(21n); // 0+1+…+6
    expect(res(k, 2)).toBe(BigInt.asUintN(64, -22n));
    expect(res(k, 3)).toBe(BigInt.asUintN(32, -7n)); // more than 1 << 23 loops: -E2BIG as the inlined bpf_loop sets it (32-bit; kernel: clang-objects/callbacks_errors)
  });

  it('bpf_for_each_map_elem visits every array element with (map, key, value, ctx)', () => {
    const src = `  r6 = 0
  *(u64 *)(r10 - 24) = r6
  r1 = arr ll
  r2 = cb ll
  r3 = r10
  r3 += -24
  r4 = 0
  call 164
${SAVE(0, 'a')}  r0 = *(u64 *)(r10 - 24)
${SAVE(1, 'b')}  r0 = 2
  exit
cb:
  r5 = *(u32 *)(r2 + 0)
  r1 = *(u64 *)(r3 + 0)
  r5 *= r1
  r1 = *(u64 *)(r4 + 0)
  r1 += r5
  *(u64 *)(r4 + 0) = r1
  r0 = 0
  exit
`;
    const { k, run } = setup(src, 'xdp', [RES, { name: 'arr', type: 'array', keySize: 4, valueSize: 8, maxEntries: 3 }]);
    for (const [i, v] of [[0, 5n], [1, 7n], [2, 11n]] as const) k.map('arr')!.userUpdate(new Uint8Array([i, 0, 0, 0]), new Uint8Array(new BigUint64Array([v]).buffer));
    expect(run().oops).toBeUndefined();
    expect(res(k, 0)).toBe(3n);
    expect(res(k, 1)).toBe(0n * 5n + 1n * 7n + 2n * 11n);
  });

  it('bpf_snprintf writes the NUL-terminated text and returns its size with the NUL; truncates', () => {
    const fmt = Buffer.from('n=%d/%u\0', 'latin1').readBigUInt64LE(0);
    const src = `  r1 = ${fmt} ll
  *(u64 *)(r10 - 64) = r1
  r1 = -3
  *(u64 *)(r10 - 80) = r1
  r1 = 77
  *(u64 *)(r10 - 72) = r1
  r1 = r10
  r1 += -96
  r2 = 16
  r3 = r10
  r3 += -64
  r4 = r10
  r4 += -80
  r5 = 16
  call 165
${SAVE(0, 'a')}  r0 = *(u64 *)(r10 - 96)
${SAVE(1, 'b')}  r1 = r10
  r1 += -96
  r2 = 4
  r3 = r10
  r3 += -64
  r4 = r10
  r4 += -80
  r5 = 16
  call 165
${SAVE(2, 'c')}  r0 = *(u64 *)(r10 - 96)
${SAVE(3, 'd')}  r1 = r10
  r1 += -96
  r2 = 4
  r3 = r10
  r3 += -64
  r4 = r10
  r4 += -80
  r5 = 12
  call 165
${SAVE(4, 'e')}  r0 = 2
  exit
`;
    const { k, run } = setup(src, 'xdp', [RES]);
    expect(run().oops).toBeUndefined();
    expect(res(k, 0)).toBe(8n); // "n=-3/77" is 7 characters + NUL
    expect(res(k, 1)).toBe(Buffer.from('n=-3/77\0', 'latin1').readBigUInt64LE(0));
    expect(res(k, 2)).toBe(8n); // the would-be size, like snprintf
    expect(res(k, 3) & 0xffffffffn).toBe(BigInt(Buffer.from('n=-\0', 'latin1').readUInt32LE(0)));
    expect(res(k, 4)).toBe(BigInt.asUintN(64, -22n)); // data_len not a multiple of 8
  });

  it('bpf_strncmp compares up to s1_sz bytes: -1, 0, 1', () => {
    const w = (s: string) => Buffer.from(s.padEnd(8, '\0'), 'latin1').readBigUInt64LE(0);
    const src = `  r1 = ${w('abcd')} ll
  *(u64 *)(r10 - 24) = r1
  r1 = ${w('abce')} ll
  *(u64 *)(r10 - 40) = r1
` + [[24, 4, 40, 0], [24, 3, 40, 1], [40, 4, 24, 2]].map(([a, n, b, i]) => `  r1 = r10
  r1 += -${a}
  r2 = ${n}
  r3 = r10
  r3 += -${b}
  call 182
${SAVE(i, `l${i}`)}`).join('') + '  r0 = 2\n  exit\n';
    const { k, run } = setup(src, 'xdp', [RES]);
    expect(run().oops).toBeUndefined();
    expect([res(k, 0), res(k, 1), res(k, 2)]).toEqual([BigInt.asUintN(64, -1n), 0n, 1n]);
  });

  it('bpf_tail_call jumps into the program in the slot (same ctx) and does not come back', () => {
    const k = createKernel();
    k.createMap({ name: 'jt', type: 'prog_array', keySize: 4, valueSize: 4, maxEntries: 4 });
    const target = setup('r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr0 = r3\nr0 -= r2\nr0 += 1000\nexit\n', 'xdp', [], k).prog;
    const main = setup('r2 = jt ll\nr3 = 2\ncall 12\nr0 = 1\nexit\n', 'xdp', [], k);
    expect(main.run().retval).toBe(1); // empty slot: falls through
    expect(k.setTailCall('jt', 2, target)).toBe(0);
    expect(main.run().retval).toBe(1060);
    const loop = setup('r6 = r1\nr2 = jt ll\nr3 = 3\ncall 12\nr0 = 7\nexit\n', 'xdp', [], k);
    expect(k.setTailCall('jt', 3, loop.prog)).toBe(0);
    expect(loop.run().retval).toBe(7); // 33 tail calls, then the 34th falls through
    const tc = setup('r0 = 0\nexit\n', 'tc', [], k).prog;
    expect(k.setTailCall('jt', 0, tc)).toBe(-22); // the table holds XDP programs
  });

  it('ring-buffer records reach user space in order as events; discarded ones do not', () => {
    const src = `  r1 = rb ll
  r2 = 4
  r3 = 0
  call 131
  if r0 == 0 goto out
  r1 = 0x64636261
  *(u32 *)(r0 + 0) = r1
  r1 = r0
  r2 = 0
  call 132
  r1 = rb ll
  r2 = 4
  r3 = 0
  call 131
  if r0 == 0 goto out
  r1 = r0
  r2 = 0
  call 133
  r1 = 0x0807060504030201 ll
  *(u64 *)(r10 - 8) = r1
  r1 = rb ll
  r2 = r10
  r2 += -8
  r3 = 8
  r4 = 0
  call 130
out:
  r0 = 2
  exit
`;
    const { run } = setup(src, 'xdp', [{ name: 'rb', type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 4096 }]);
    const r = run();
    expect(r.events.map((e) => [e.map, e.kind, hexOf(e.data)])).toEqual([['rb', 'ringbuf', '61626364'], ['rb', 'ringbuf', '0102030405060708']]);
    expect(run().events).toHaveLength(2); // consumed after each run: the ring does not fill up
  });

  it('submitting a record twice oopses (the verifier would have refused it)', () => {
    const src = 'r1 = rb ll\nr2 = 8\nr3 = 0\ncall 131\nif r0 == 0 goto o\nr6 = r0\nr1 = r6\nr2 = 0\ncall 132\nr1 = r6\nr2 = 0\ncall 132\no:\nr0 = 2\nexit\n';
    expect(setup(src, 'xdp', [{ name: 'rb', type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 4096 }]).run().oops?.message).toMatch(/already submitted/);
  });

  it('bpf_perf_event_output: BPF_F_CURRENT_CPU, -E2BIG past max_entries, -EINVAL for bad flags', () => {
    const src = `  r6 = r1
  r1 = 0x11223344
  *(u32 *)(r10 - 24) = r1
` + [['0xffffffff ll', 0], ['9', 1], ['0x10000000000000 ll', 2], ['0x4ffffffff ll', 3], ['0x10000000000 ll', 4]].map(([f, i]) => `  r1 = r6
  r2 = pe ll
  r3 = ${f}
  r4 = r10
  r4 += -24
  r5 = 4
  call 25
${SAVE(Number(i), `p${i}`)}`).join('') + '  r0 = 2\n  exit\n';
    const { k, run } = setup(src, 'xdp', [RES, { name: 'pe', type: 'perf_event_array', keySize: 4, valueSize: 4, maxEntries: 2 }]);
    const r = run({ cpu: 1 });
    // the 4th asks for 4 packet bytes after the data (ctx len in bits 32..51); the 5th for 256, past the packet
    expect(r.events.map((e) => [e.map, e.kind, hexOf(e.data)])).toEqual([['pe', 'perf', '44332211'], ['pe', 'perf', '4433221102000000']]);
    expect([res(k, 0), res(k, 1), res(k, 2), res(k, 3), res(k, 4)]).toEqual([0n, BigInt.asUintN(64, -7n), BigInt.asUintN(64, -22n), 0n, BigInt.asUintN(64, -14n)]);
  });

  it('the current task, CPU, clock and seeded random numbers come from the simulated host', () => {
    const src = `  call 14
${SAVE(0, 'a')}  call 15
${SAVE(1, 'b')}  r1 = r10
  r1 += -40
  r2 = 16
  call 16
  r0 = *(u64 *)(r10 - 40)
${SAVE(2, 'c')}  call 7
${SAVE(3, 'd')}  call 8
${SAVE(4, 'e')}  call 5
${SAVE(5, 'f')}  r0 = 2
  exit
`;
    const run1 = setup(src, 'xdp', [RES], createKernel({ seed: 3, task: { comm: 'nginx', pid: 100, tgid: 99, uid: 33, gid: 44 }, bootNs: 5_000_000_000n }));
    run1.run({ cpu: 1 });
    const k = run1.k;
    expect(res(k, 0)).toBe((99n << 32n) | 100n);
    expect(res(k, 1)).toBe((44n << 32n) | 33n);
    expect(res(k, 2)).toBe(Buffer.from('nginx\0\0\0', 'latin1').readBigUInt64LE(0));
    expect(res(k, 4)).toBe(1n);
    expect(res(k, 5)).toBeGreaterThan(5_000_000_000n);
    const again = setup(src, 'xdp', [RES], createKernel({ seed: 3 }));
    again.run();
    expect(res(again.k, 3)).toBe(res(k, 3)); // same seed, same number
    const other = setup(src, 'xdp', [RES], createKernel({ seed: 4 }));
    other.run();
    expect(res(other.k, 3)).not.toBe(res(k, 3));
  });

  it('trace_pipe lines carry the simulated task, CPU and clock in the kernel format', () => {
    const fmt = Buffer.from('x=%d\0\0\0\0', 'latin1').readBigUInt64LE(0);
    const src = `  r1 = ${fmt} ll\n  *(u64 *)(r10 - 8) = r1\n  r1 = r10\n  r1 += -8\n  r2 = 5\n  r3 = 42\n  call 6\n  r0 = 2\n  exit\n`;
    const k = createKernel({ task: { comm: 'curl', pid: 7 }, bootNs: 12_345_678_900n });
    const r = setup(src, 'xdp', [], k).run({ cpu: 1 });
    expect(r.tracePipe).toEqual(['            curl-7       [001] b..11    12.345679: bpf_trace_printk: x=42']);
    expect(k.tracePipe).toEqual(r.tracePipe);
  });
});

describe('map-in-map', () => {
  it('a program looks up the inner map in the outer one, then a value in it', () => {
    const src = `  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = outer ll
  r2 = r10
  r2 += -4
  call 1
  if r0 == 0 goto miss
  r1 = 1
  *(u32 *)(r10 - 8) = r1
  r1 = r0
  r2 = r10
  r2 += -8
  call 1
  if r0 == 0 goto miss
  r0 = *(u64 *)(r0 + 0)
  exit
miss:
  r0 = 99
  exit
`;
    const k = createKernel();
    const tmpl = { type: 'array' as const, keySize: 4, valueSize: 8, maxEntries: 2 };
    expect(k.createMap({ name: 'tmpl', ...tmpl }).ok).toBe(true);
    expect(k.createMap({ name: 'in1', ...tmpl }).ok).toBe(true);
    expect(k.createMap({ name: 'odd', ...tmpl, maxEntries: 3 }).ok).toBe(true);
    expect(k.createMap({ name: 'nope', type: 'array_of_maps', keySize: 4, valueSize: 4, maxEntries: 2 })).toMatchObject({ ok: false, errno: 22 });
    expect(k.createMap({ name: 'bad', type: 'array_of_maps', keySize: 4, valueSize: 4, maxEntries: 2, inner: 'zz' })).toMatchObject({ ok: false, message: expect.stringMatching(/inner map 'zz'/) });
    expect(k.createMap({ name: 'outer', type: 'array_of_maps', keySize: 4, valueSize: 4, maxEntries: 2, inner: 'tmpl' }).ok).toBe(true);
    const { run } = setup(src, 'xdp', [], k);
    expect(run().retval).toBe(99); // empty slot
    const outer = k.map('outer')!;
    const fd = (n: string) => new Uint8Array(new Uint32Array([k.fdOf(k.map(n)!)!]).buffer);
    expect(outer.userUpdate(new Uint8Array(4), fd('odd'))).toBe(-22); // max_entries differs from the template
    expect(outer.userUpdate(new Uint8Array(4), new Uint8Array([99, 0, 0, 0]))).toBe(-9); // no such fd: -EBADF (kernel: testdata/map-ops)
    expect(outer.userUpdate(new Uint8Array([2, 0, 0, 0]), fd('in1'))).toBe(-7);
    expect(outer.userUpdate(new Uint8Array(4), fd('in1'))).toBe(0);
    k.map('in1')!.userUpdate(new Uint8Array([1, 0, 0, 0]), new Uint8Array([0x2a, 0, 0, 0, 0, 0, 0, 0]));
    expect(run().retval).toBe(42);
    expect(k.dumpMaps().outer).toEqual({ '00000000': hexOf(fd('in1')) });
  });
});
