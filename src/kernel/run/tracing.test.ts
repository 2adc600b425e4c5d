/**
 * The tracing runtime and its host-backed helpers, success and error paths, against values
 * worked out by hand from the helpers' documented semantics (UAPI bpf.h): probe reads (-EFAULT,
 * -ERANGE, zeroed buffers, _str truncation), the current task, stack ids and stacks (skip,
 * truncation, -EFAULT, -EINVAL, -EEXIST and BPF_F_REUSE_STACKID), per-CPU perf buffers (lost
 * records, -ENOSPC, -E2BIG, -EINVAL), bpf_send_signal (-EPERM, -EINVAL) and the event clock.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../asm/index.ts';
import { StackTraceMap, jhash2 } from '../maps/stackTrace.ts';
import { createKernel, type Kernel } from './kernel.ts';
import { createTracingRunner, perfRecordBytes, type TracingCall, type TracingHost } from './tracing.ts';

const U = (n: number) => BigInt.asUintN(64, BigInt(n));
const USER_STR = 0x7ff000001000n;
const USER_NO_NUL = 0x7ff000002000n;
const KOBJ = 0xffff888100001000n;

/** A host with one string in user memory, one region without a NUL, and one kernel object. */
function host(signals: { pid: number; sig: number }[] = []): TracingHost {
  const user = new Map<bigint, Uint8Array>([
    [USER_STR, new TextEncoder().encode('/etc/passwd\0')],
    [USER_NO_NUL, new TextEncoder().encode('abcdef')],
  ]);
  const kern = new Map<bigint, Uint8Array>([[KOBJ, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 0x6e, 0x67, 0, 0])]]);
  const read = (m: Map<bigint, Uint8Array>) => (addr: bigint, len: number) => {
    for (const [base, b] of m) if (addr >= base && addr + BigInt(len) <= base + BigInt(b.length)) return b.slice(Number(addr - base), Number(addr - base) + len);
    return undefined;
  };
  return {
    readUser: (_pid, a, n) => read(user)(a, n),
    readKernel: read(kern),
    sendSignal: (pid, sig) => { signals.push({ pid, sig }); return 0; },
  };
}

const TASK = { comm: 'cat', pid: 1234, tgid: 1230, uid: 1000, gid: 100, taskAddr: 0xffff888100ab0000n, cgroupId: 8834n };

function call(over: Partial<TracingCall> = {}): TracingCall {
  return { ctx: new Uint8Array(168), task: TASK, cpu: 2, tsNs: 3_600_123_456_789n, bootNs: 3_600_223_456_789n, kstack: [], ustack: [], ...over };
}

function setup(type: string, src: string, maps: { name: string; type: string; keySize: number; valueSize: number; maxEntries: number }[] = [], perfBufferBytes?: number) {
  const kernel = createKernel({ cpus: 4 });
  for (const m of maps) expect(kernel.createMap(m as never).ok).toBe(true);
  const a = assemble(src);
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const l = kernel.load(a.insns, { type, relocs: a.relocs });
  if (!l.ok) throw new Error(l.message);
  const signals: { pid: number; sig: number }[] = [];
  const runner = createTracingRunner(kernel, host(signals), { perfBufferBytes });
  return { kernel, prog: l.prog, runner, signals };
}

const OUT = { name: 'out', type: 'array', keySize: 4, valueSize: 64, maxEntries: 1 };

/** Look up out[0] into r6 (exit when missing), pre-filled by the caller. */
const PRE = `
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = out ll
  call 1
  if r0 == 0 goto end
  r6 = r0
`;
const POST = `
  *(u64 *)(r6 + 0) = r0
end:
  r0 = 0
  exit
`;

function outBytes(k: Kernel): Uint8Array {
  const v = k.map('out')!.userLookup(new Uint8Array(4));
  if (!v.ok || Array.isArray(v.value)) throw new Error('no out');
  return v.value;
}
const r0Of = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset).getBigUint64(0, true);
const fill = (k: Kernel) => k.map('out')!.userUpdate(new Uint8Array(4), new Uint8Array(64).fill(0xff));

/** A probe helper writing `size` bytes at out+8 from `addr`; r0 at out+0. */
function probe(helper: number, size: number, addr: bigint) {
  return `${PRE}
  r1 = r6
  r1 += 8
  r2 = ${size}
  r3 = ${addr} ll
  call ${helper}
${POST}`;
}

describe('probe reads against the host', () => {
  const cases: [string, number, number, bigint, bigint, string][] = [
    // name, helper, size, addr, r0, bytes at out+8 (hex, `size` bytes)
    ['probe_read_user_str copies the string and its NUL', 114, 16, USER_STR, 12n, '2f6574632f70617373776400ffffffff'],
    ['probe_read_user_str truncates to size-1 plus NUL', 114, 4, USER_STR, 4n, '2f657400'],
    ['probe_read_user_str of an unmapped address: -EFAULT, buffer zeroed', 114, 8, 0x7ff000009000n, U(-14), '0000000000000000'],
    ['probe_read_user_str faulting before any NUL: -EFAULT, buffer zeroed', 114, 16, USER_NO_NUL, U(-14), '00000000000000000000000000000000'],
    ['probe_read_user_str of a kernel address: -EFAULT', 114, 8, KOBJ, U(-14), '0000000000000000'],
    ['probe_read_user copies bytes', 112, 4, USER_STR + 1n, 0n, '6574632f'],
    ['probe_read_user past the end of a mapping: -EFAULT, zeroed', 112, 8, USER_NO_NUL, U(-14), '0000000000000000'],
    ['probe_read_kernel copies kernel bytes', 113, 8, KOBJ, 0n, '0102030405060708'],
    ['probe_read_kernel of a user address: -ERANGE, zeroed', 113, 8, USER_STR, U(-34), '0000000000000000'],
    ['probe_read_kernel of NULL: -ERANGE', 113, 4, 0n, U(-34), '00000000'],
    ['probe_read_kernel_str stops at the NUL', 115, 8, KOBJ + 8n, 3n, '6e6700ffffffffff'],
    ['probe_read_kernel_str of an unmapped kernel address: -EFAULT', 115, 8, 0xffff888100ff0000n, U(-14), '0000000000000000'],
    ['legacy probe_read picks the user space for a user address', 4, 4, USER_STR, 0n, '2f657463'],
    ['legacy probe_read_str picks the kernel for a kernel address', 45, 8, KOBJ + 8n, 3n, '6e6700ffffffffff'],
  ];
  for (const [name, helper, size, addr, r0, hex] of cases) {
    it(name, () => {
      const { kernel, prog, runner } = setup('kprobe', probe(helper, size, addr), [OUT]);
      fill(kernel);
      const out = runner.run(prog, call());
      expect(out.oops).toBeUndefined();
      const b = outBytes(kernel);
      expect(r0Of(b)).toBe(r0);
      expect(Buffer.from(b.subarray(8, 8 + size)).toString('hex')).toBe(hex);
    });
  }
});

describe('the current task, the clock and the CPU', () => {
  const ret = (helper: number) => `  call ${helper}\n  exit\n`;
  it.each([
    ['get_current_pid_tgid', 14, (1230n << 32n) | 1234n],
    ['get_current_uid_gid', 15, (100n << 32n) | 1000n],
    ['get_current_task', 35, 0xffff888100ab0000n],
    ['get_current_cgroup_id', 80, 8834n],
    ['ktime_get_ns is the event time', 5, 3_600_123_456_789n],
    ['ktime_get_boot_ns is the event boot time', 125, 3_600_223_456_789n],
    ['get_smp_processor_id is the event CPU', 8, 2n],
  ] as const)('%s', (_n, helper, want) => {
    const { prog, runner } = setup('kprobe', ret(helper));
    expect(runner.run(prog, call()).r0).toBe(want);
  });

  it('get_current_comm writes the NUL-padded comm', () => {
    const { kernel, prog, runner } = setup('kprobe', `${PRE}\n  r1 = r6\n  r1 += 8\n  r2 = 16\n  call 16\n${POST}`, [OUT]);
    fill(kernel);
    runner.run(prog, call());
    expect(Buffer.from(outBytes(kernel).subarray(8, 24)).toString('hex')).toBe('63617400000000000000000000000000');
  });

  it('trace_printk lines carry the task, CPU and event time', () => {
    const { prog, runner } = setup('tracepoint', `
  r1 = 0x6968
  *(u64 *)(r10 - 8) = r1
  r1 = r10
  r1 += -8
  r2 = 3
  call 6
  r0 = 0
  exit
`);
    const out = runner.run(prog, call({ traceFlags: '...21' }));
    expect(out.tracePipe).toEqual(['             cat-1234    [002] ...21  3600.123456: bpf_trace_printk: hi']);
  });
});

describe('bpf_send_signal', () => {
  const prog = (sig: number) => `  r1 = ${sig}\n  call 109\n  exit\n`;
  it('delivers the signal to the current task', () => {
    const { prog: p, runner, signals } = setup('kprobe', prog(9));
    expect(runner.run(p, call()).r0).toBe(0n);
    expect(signals).toEqual([{ pid: 1234, sig: 9 }]);
  });
  it('refuses kernel threads (the idle task) with -EPERM', () => {
    const { prog: p, runner, signals } = setup('kprobe', prog(9));
    expect(runner.run(p, call({ task: { ...TASK, pid: 0, tgid: 0, comm: 'swapper/2' } })).r0).toBe(U(-1));
    expect(signals).toEqual([]);
  });
  it('refuses signal numbers above 64 with -EINVAL', () => {
    const { prog: p, runner, signals } = setup('kprobe', prog(65));
    expect(runner.run(p, call()).r0).toBe(U(-22));
    expect(signals).toEqual([]);
  });
});

describe('stacks', () => {
  const STACK = { name: 'stacks', type: 'stack_trace', keySize: 4, valueSize: 24, maxEntries: 1 };
  const K = [0xffffffff81001010n, 0xffffffff81002020n, 0xffffffff81003030n, 0xffffffff81004040n];
  const stackid = (flags: number | bigint) => `
  r9 = r1
  r2 = stacks ll
  r1 = r9
  r3 = ${flags} ll
  call 27
  exit
`;
  const le = (...xs: bigint[]) => xs.map((x) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(x); return b.toString('hex'); }).join('');

  it('jhash2 of no words is lookup3\'s published hash of the empty key', () => {
    expect(jhash2(new Uint32Array(0))).toBe(0xdeadbeef);
    expect(jhash2(new Uint32Array(0), 0xdeadbeef)).toBe(0xbd5b7dde);
  });

  it('stack ids are the 6.18 kernel\'s: jhash2 of the frames, masked to the bucket count (recorded ids)', () => {
    const lines = readFileSync('src/sim/events/testdata/stackids-6.18.txt', 'utf8').split('\n').filter((l) => /^\d/.test(l));
    expect(lines.length).toBeGreaterThan(50);
    let padded = 0;
    for (const l of lines) {
      const [id, ...hex] = l.split(' ');
      const ips = hex.map((x) => BigInt('0x' + x));
      // a map value does not say how many frames it holds: a user-stack walk that stored a NULL return
      // address ends in a 0 frame, indistinguishable from padding — so one trailing 0 frame may belong
      const idOf = (frames: bigint[]) => {
        const c = createKernel({ cpus: 1 }).createMap({ name: 's', type: 'stack_trace', keySize: 4, valueSize: 127 * 8, maxEntries: 16384 });
        if (!c.ok) throw new Error(c.message);
        return (c.map as StackTraceMap).store(frames, 0n);
      };
      const plain = idOf(ips) === Number(id);
      if (!plain) padded++;
      expect(plain || idOf([...ips, 0n]) === Number(id), l).toBe(true);
    }
    expect(padded).toBeLessThan(lines.length / 2);
  });

  it('get_stackid skips, truncates to value_size/8 frames, and gives the same id to the same stack', () => {
    const { kernel, prog, runner } = setup('perf_event', stackid(1), [STACK]);
    // one bucket (max_entries 1): the id is 0
    expect(runner.run(prog, call({ kstack: [...K, 0xffffffff81005050n] })).r0).toBe(0n);
    expect(runner.run(prog, call({ kstack: [...K, 0xffffffff81005050n] })).r0).toBe(0n);
    expect((kernel.map('stacks') as StackTraceMap).traces().get(0)).toEqual(K.slice(1, 4));
  });

  it('get_stackid: a different stack in an occupied bucket is -EEXIST; BPF_F_REUSE_STACKID replaces it', () => {
    const { kernel, prog, runner } = setup('perf_event', stackid(0), [STACK]);
    expect(runner.run(prog, call({ kstack: K })).r0).toBe(0n);
    expect(runner.run(prog, call({ kstack: [K[3]] })).r0).toBe(U(-17));
    const reuse = setup('perf_event', stackid(1 << 10), [STACK]);
    reuse.runner.run(reuse.prog, call({ kstack: K }));
    expect(reuse.runner.run(reuse.prog, call({ kstack: [K[3]] })).r0).toBe(0n);
    expect((reuse.kernel.map('stacks') as StackTraceMap).traces().get(0)).toEqual([K[3]]);
    void kernel;
  });

  it('get_stackid: no frames left is -EFAULT; unknown flag bits are -EINVAL', () => {
    const user = setup('perf_event', stackid(1 << 8), [STACK]);
    expect(user.runner.run(user.prog, call({ kstack: K, ustack: [] })).r0).toBe(U(-14));
    const s = setup('perf_event', stackid(4), [STACK]);
    expect(s.runner.run(s.prog, call({ kstack: K })).r0).toBe(U(-14)); // skip 4 of 4
    const bad = setup('perf_event', stackid(1 << 12), [STACK]);
    expect(bad.runner.run(bad.prog, call({ kstack: K })).r0).toBe(U(-22));
  });

  it('the stack map reads back as user space sees it: frames then zeros', () => {
    const { kernel, prog, runner } = setup('perf_event', stackid(2), [{ ...STACK, valueSize: 32 }]);
    runner.run(prog, call({ kstack: K }));
    const v = kernel.map('stacks')!.userLookup(new Uint8Array(4));
    expect(v.ok && Buffer.from(v.value as Uint8Array).toString('hex')).toBe('30300081ffffffff' + '40400081ffffffff' + '0'.repeat(32));
    expect(le(K[2], K[3])).toBe('30300081ffffffff40400081ffffffff');
  });

  it('the stack map: ids in bucket order for get-next-key, delete, -ENOENT for an empty id', () => {
    const kernel = createKernel({ cpus: 1 });
    const c = kernel.createMap({ name: 's', type: 'stack_trace', keySize: 4, valueSize: 8, maxEntries: 4 });
    if (!c.ok) throw new Error(c.message);
    const m = c.map as StackTraceMap;
    const ids = [m.store([1n], 0n), m.store([2n], 0n), m.store([3n], 0n)].filter((x) => x >= 0);
    // 4 buckets: each id is jhash2 of the trace's two u32 words, masked with 3
    for (const [k, ip] of [[0, 1n], [1, 2n], [2, 3n]] as const) {
      const want = jhash2(new Uint32Array([Number(ip), 0])) & 3;
      if (ids[k] !== undefined) expect(ids[k]).toBe(want);
    }
    const keys: number[] = [];
    let key: Uint8Array | undefined;
    for (;;) {
      const n = m.nextKey(key);
      if (!n.ok) break;
      keys.push(new DataView(n.value.buffer).getUint32(0, true));
      key = n.value;
    }
    expect(keys).toEqual([...new Set(ids)].sort((a, b) => a - b));
    const first = new Uint8Array(new Uint32Array([keys[0]]).buffer);
    expect(m.userDelete(first)).toBe(0);
    expect(m.userDelete(first)).toBe(-2);
    expect(m.userLookup(first)).toEqual({ ok: false, errno: 2 });
  });

  const getstack = (size: number, flags: number) => `  r9 = r1
${PRE}
  r1 = r9
  r2 = r6
  r2 += 8
  r3 = ${size}
  r4 = ${flags}
  call 67
${POST}`;

  it('get_stack copies up to size/8 frames and returns the bytes copied', () => {
    const { kernel, prog, runner } = setup('perf_event', getstack(24, 0), [OUT]);
    fill(kernel);
    runner.run(prog, call({ kstack: K }));
    const b = outBytes(kernel);
    expect(r0Of(b)).toBe(24n);
    expect(Buffer.from(b.subarray(8, 32)).toString('hex')).toBe('10100081ffffffff' + '20200081ffffffff' + '30300081ffffffff');
  });

  it('get_stack zeroes the rest of the buffer past a short stack', () => {
    const { kernel, prog, runner } = setup('perf_event', getstack(32, 0), [OUT]);
    fill(kernel);
    runner.run(prog, call({ kstack: K.slice(0, 2) }));
    const b = outBytes(kernel);
    expect(r0Of(b)).toBe(16n);
    expect(Buffer.from(b.subarray(24, 40)).toString('hex')).toBe('0'.repeat(32));
  });

  it.each([
    ['a size that is not a multiple of 8: -EINVAL', 12, 0, U(-22)],
    ['skipping every frame: -EFAULT', 16, 4, U(-14)],
    ['an unknown flag: -EINVAL', 16, 1 << 12, U(-22)],
  ] as const)('get_stack: %s, buffer zeroed', (_n, size, flags, want) => {
    const { kernel, prog, runner } = setup('perf_event', getstack(size, flags), [OUT]);
    fill(kernel);
    runner.run(prog, call({ kstack: K }));
    const b = outBytes(kernel);
    expect(r0Of(b)).toBe(want);
    expect(Buffer.from(b.subarray(8, 8 + size)).toString('hex')).toBe('00'.repeat(size));
  });
});

describe('perf buffers', () => {
  const PERF = { name: 'events', type: 'perf_event_array', keySize: 4, valueSize: 4, maxEntries: 4 };
  const output = (flags: bigint) => `
  r2 = 0x1122334455667788 ll
  *(u64 *)(r10 - 16) = r2
  *(u64 *)(r10 - 8) = r2
  r2 = events ll
  r3 = ${flags} ll
  r4 = r10
  r4 += -16
  r5 = 16
  call 25
  exit
`;
  it('a record takes perf_event_header + u32 size + data, 8-aligned', () => {
    expect(perfRecordBytes(16)).toBe(32);
    expect(perfRecordBytes(4)).toBe(16);
  });

  it('fills the current CPU\'s buffer, then loses records with -ENOSPC until user space drains it', () => {
    const { prog, runner } = setup('kprobe', output(0xffffffffn), [PERF], 64);
    expect(runner.run(prog, call()).r0).toBe(0n);
    expect(runner.run(prog, call()).r0).toBe(0n);
    expect(runner.run(prog, call()).r0).toBe(U(-28));
    expect(runner.run(prog, call({ cpu: 1 })).r0).toBe(0n); // another CPU's buffer has room
    expect(runner.lost.get('events')).toEqual([0, 0, 1, 0]);
    const recs = runner.drainPerf();
    expect(recs.map((r) => r.cpu)).toEqual([2, 2, 1]);
    expect(Buffer.from(recs[0].data).toString('hex')).toBe('8877665544332211'.repeat(2));
    expect(runner.run(prog, call()).r0).toBe(0n);
  });

  it.each([
    ['an index past max_entries: -E2BIG', 7n, U(-7)],
    ['bits above the index: -EINVAL', 1n << 32n, U(-22)],
  ] as const)('%s', (_n, flags, want) => {
    const { prog, runner } = setup('kprobe', output(flags), [PERF]);
    expect(runner.run(prog, call()).r0).toBe(want);
    expect(runner.drainPerf()).toEqual([]);
  });
});
