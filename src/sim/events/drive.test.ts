/**
 * driveEvents: attach points from SEC() names (and their errors), the context each program kind
 * gets (values read at the real x86_64 / format offsets compared with the events the world
 * emitted), LSM verdicts fed back, bpf_send_signal killing the simulated task, batching, the two
 * engines agreeing, and determinism (same seed → byte-identical events and maps).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../asm/index.ts';
import { createKernel } from '../../kernel/run/kernel.ts';
import { driveEvents, resolveAttach, TRACE_FLAGS, type DriveResult } from './drive.ts';
import { loadTracingSource } from './load.ts';
import { eventJSON } from './serialize.ts';
import type { SimEvent } from './types.ts';
import { createWorld, type World } from './world.ts';
import type { WorkloadName } from './workloads.ts';

function world(seed: number, workloads: WorkloadName[], ms = 1500): { w: World; events: SimEvent[] } {
  const w = createWorld({ seed, durationNs: ms * 1e6, workloads });
  const events: SimEvent[] = [];
  const next = w.next.bind(w);
  w.next = () => {
    const e = next();
    if (e) events.push(e);
    return e;
  };
  return { w, events };
}

/** Load assembly programs `[section, source]` into a fresh kernel with a ring buffer `rb` and a hash `h`. */
function load(progs: [string, string, string][]) {
  const kernel = createKernel({ cpus: 4 });
  kernel.createMap({ name: 'rb', type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 1 << 22 });
  kernel.createMap({ name: 'h', type: 'hash', keySize: 16, valueSize: 8, maxEntries: 1024 });
  return {
    kernel,
    programs: progs.map(([section, type, src]) => {
      const a = assemble(src);
      expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const l = kernel.load(a.insns, { type, relocs: a.relocs });
      if (!l.ok) throw new Error(l.message);
      return { prog: l.prog, section };
    }),
  };
}

/** Send the u64 at ctx+off to the ring buffer. */
const emit = (off: number) => `
  r6 = r1
  r1 = *(u64 *)(r6 + ${off})
  *(u64 *)(r10 - 8) = r1
  r1 = rb ll
  r2 = r10
  r2 += -8
  r3 = 8
  r4 = 0
  call 130
  r0 = 0
  exit
`;

const u64 = (r: { data: Uint8Array }) => new DataView(r.data.buffer, r.data.byteOffset).getBigUint64(0, true);
const ok = (r: DriveResult) => {
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('attach points', () => {
  it.each([
    ['kprobe/do_sys_openat2', { kind: 'kprobe', name: 'do_sys_openat2' }],
    ['kretprobe/vfs_read', { kind: 'kretprobe', name: 'vfs_read' }],
    ['tracepoint/syscalls/sys_enter_execve', { kind: 'tracepoint', name: 'syscalls/sys_enter_execve' }],
    ['tp/sched/sched_process_exec', { kind: 'tracepoint', name: 'sched/sched_process_exec' }],
    ['raw_tp/sched_switch', { kind: 'raw_tracepoint', name: 'sched_switch' }],
    ['raw_tracepoint/sys_enter', { kind: 'raw_tracepoint', name: 'sys_enter' }],
    ['tp_btf/sched_wakeup', { kind: 'raw_tracepoint', name: 'sched_wakeup', btf: true }],
    ['fentry/vfs_read', { kind: 'fentry', name: 'vfs_read' }],
    ['fexit/tcp_v4_connect', { kind: 'fexit', name: 'tcp_v4_connect' }],
    ['lsm/file_open', { kind: 'lsm', name: 'file_open' }],
    ['perf_event', { kind: 'perf_event', name: 'software/cpu-clock' }],
    ['uprobe//bin/bash:readline', { kind: 'uprobe', name: '/bin/bash:readline' }],
    ['uretprobe/libc.so.6:malloc', { kind: 'uretprobe', name: '/lib/x86_64-linux-gnu/libc.so.6:malloc' }],
    ['ksyscall/openat', { kind: 'kprobe', name: '__x64_sys_openat', syscall: 'openat' }],
    ['kretsyscall/execve', { kind: 'kretprobe', name: '__x64_sys_execve', syscall: 'execve' }],
    ['kprobe/__x64_sys_read', { kind: 'kprobe', name: '__x64_sys_read', syscall: 'read' }],
  ])('%s', (sec, want) => {
    expect(resolveAttach(sec)).toEqual({ ok: true, attach: want });
  });

  it.each([
    ['kprobe/do_sys_open', /unknown kernel function 'do_sys_open' .*nearest: do_sys_openat2/],
    ['tracepoint/syscalls/sys_enter_open', /unknown tracepoint 'syscalls\/sys_enter_open' .*nearest: syscalls\/sys_enter_openat/],
    ['lsm/file_opne', /unknown LSM hook 'file_opne' .*nearest: file_open/],
    ['raw_tp/sched_swtch', /nearest: sched_switch/],
    ['uprobe//bin/zsh:readline', /unknown user function/],
    ['xdp', /runs on packets/],
    ['fmod_ret/vfs_read', /fmod_ret programs are not simulated/],
    ['kprobe', /names no function/],
    ['ksyscall/opena', /unknown system call 'opena' .*nearest: openat/],
    ['nonsense/x', /not a tracing section/],
  ])('%s is refused with a clear message', (sec, re) => {
    const r = resolveAttach(sec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });

  it('driveEvents refuses an unknown attach point before running anything', () => {
    const { kernel, programs } = load([['kprobe/do_sys_open', 'kprobe', emit(0)]]);
    const { w, events } = world(1, ['shell'], 100);
    const r = driveEvents(kernel, programs, w);
    expect(r.ok).toBe(false);
    expect(events).toEqual([]);
  });

  it('leaves SEC("uprobe") without a target unattached (libbpf attaches it only from loader code) and runs the others', () => {
    const { kernel, programs } = load([['uprobe', 'kprobe', emit(0)], ['kprobe/vfs_read', 'kprobe', emit(0)]]);
    const { w, events } = world(1, ['shell'], 300);
    const r = driveEvents(kernel, programs, w);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.detached.map((d) => d.section)).toEqual(['uprobe']);
    expect(r.programs.map((p) => p.section)).toEqual(['kprobe/vfs_read']);
    // the kprobe ran once per vfs_read the world emitted
    expect(r.programs[0].runs).toBe(events.filter((e) => e.kind === 'kprobe' && e.name === 'vfs_read').length);
    expect(r.programs[0].runs).toBeGreaterThan(0);
    // alone, it is an error: nothing would run
    const one = load([['uprobe', 'kprobe', emit(0)]]);
    const alone = driveEvents(one.kernel, one.programs, world(1, ['shell'], 100).w);
    expect(!alone.ok && alone.error).toMatch(/names no function/);
  });

  it('refuses a world with more CPUs than the kernel has per-CPU slots', () => {
    const { kernel, programs } = load([['kprobe/vfs_read', 'kprobe', emit(0)]]);
    const r = driveEvents(kernel, programs, createWorld({ seed: 1, cpus: 8, durationNs: 1e8 }));
    expect(!r.ok && r.error).toMatch(/the world has 8 CPUs but the kernel only 4/);
  });

  it('refuses bpf_override_return (this 6.18 build has no CONFIG_BPF_KPROBE_OVERRIDE)', () => {
    const { kernel, programs } = load([['kprobe/vfs_read', 'kprobe', '  r2 = -1\n  call 58\n  r0 = 0\n  exit\n']]);
    const r = driveEvents(kernel, programs, world(1, ['shell'], 100).w);
    expect(!r.ok && r.error).toMatch(/CONFIG_BPF_KPROBE_OVERRIDE/);
  });
});

describe('contexts at the kernel\'s offsets', { timeout: 30_000 }, () => {
  // [section, prog type, ctx offset, event filter, expected value from the event]
  const cases: [string, string, number, (e: SimEvent) => boolean, (e: SimEvent) => bigint][] = [
    ['kprobe/do_sys_openat2', 'kprobe', 104 /* si */, (e) => e.kind === 'kprobe' && e.name === 'do_sys_openat2', (e) => (e as { args: bigint[] }).args[1]],
    ['kprobe/do_sys_openat2', 'kprobe', 112 /* di */, (e) => e.kind === 'kprobe' && e.name === 'do_sys_openat2', (e) => BigInt.asUintN(64, (e as { args: bigint[] }).args[0])],
    ['kprobe/vfs_read', 'kprobe', 136 /* cs */, (e) => e.kind === 'kprobe' && e.name === 'vfs_read', () => 0x10n],
    ['kretprobe/vfs_read', 'kprobe', 80 /* ax */, (e) => e.kind === 'kretprobe' && e.name === 'vfs_read', (e) => (e as { ret: bigint }).ret],
    ['tracepoint/syscalls/sys_enter_openat', 'tracepoint', 24 /* filename */, (e) => e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_openat', (e) => BigInt((e as { fields: Record<string, bigint> }).fields.filename)],
    ['tracepoint/syscalls/sys_enter_openat', 'tracepoint', 0 /* common header */, (e) => e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_openat', (e) => (BigInt(e.task.pid) << 32n) | 782n],
    ['raw_tp/sched_switch', 'raw_tracepoint', 16 /* next */, (e) => e.kind === 'tracepoint' && e.name === 'sched/sched_switch', (e) => (e as { rawArgs: bigint[] }).rawArgs[2]],
    ['raw_tp/sys_enter', 'raw_tracepoint', 8 /* id */, (e) => e.kind === 'tracepoint' && e.name.startsWith('syscalls/sys_enter_'), (e) => (e as { rawArgs: bigint[] }).rawArgs[1]],
    ['fentry/vfs_read', 'tracing', 16 /* count */, (e) => e.kind === 'kprobe' && e.name === 'vfs_read', (e) => (e as { args: bigint[] }).args[2]],
    ['fexit/vfs_read', 'tracing', 32 /* ret after 4 args */, (e) => e.kind === 'kretprobe' && e.name === 'vfs_read', (e) => (e as { ret: bigint }).ret],
    ['lsm/file_open', 'lsm', 0, (e) => e.kind === 'lsm' && e.name === 'file_open', (e) => (e as { args: bigint[] }).args[0]],
    ['lsm/file_open', 'lsm', 8 /* previous program's return */, (e) => e.kind === 'lsm' && e.name === 'file_open', () => 0n],
    ['perf_event', 'perf_event', 168 /* sample_period */, (e) => e.kind === 'perf_event', () => 10101010n],
    ['perf_event', 'perf_event', 128 /* ip */, (e) => e.kind === 'perf_event', (e) => (e as { regs: { ip: bigint } }).regs.ip],
    ['uprobe//bin/bash:readline', 'kprobe', 112 /* di = prompt */, (e) => e.kind === 'uprobe' && e.name === '/bin/bash:readline', (e) => (e as { args: bigint[] }).args[0]],
    ['uretprobe//bin/bash:readline', 'kprobe', 136 /* cs: user */, (e) => e.kind === 'uretprobe' && e.name === '/bin/bash:readline', () => 0x33n],
  ];
  for (const [sec, type, off, filter, value] of cases) {
    it(`${sec} ctx+${off}`, () => {
      const { kernel, programs } = load([[sec, type, emit(off)]]);
      const { w, events } = world(11, ['shell', 'webserver'], 1500);
      const r = ok(driveEvents(kernel, programs, w, { engine: 'ref' }));
      const want = events.filter(filter).map(value);
      expect(want.length).toBeGreaterThan(0);
      expect(r.records.map(u64)).toEqual(want);
    });
  }
});

describe('ksyscall (BPF_KSYSCALL, compiled by our compiler)', { timeout: 30_000 }, () => {
  it('reads the syscall\'s own arguments through the wrapper\'s pt_regs, and kretsyscall its result', () => {
    const src = `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 1 << 20); } rb SEC(".maps");
SEC("ksyscall/openat")
int BPF_KSYSCALL(enter, int dfd, const char *filename, int flags)
{
  char buf[32] = {};
  bpf_probe_read_user_str(buf, sizeof(buf), filename);
  bpf_ringbuf_output(&rb, buf, sizeof(buf), 0);
  return 0;
}
SEC("kretsyscall/openat")
int BPF_KRETPROBE(leave, long ret)
{
  bpf_ringbuf_output(&rb, &ret, sizeof(ret), 0);
  return 0;
}
char LICENSE[] SEC("license") = "GPL";
`;
    const l = loadTracingSource('ks.c', src);
    if (!l.ok) throw new Error(l.errors.join('\n'));
    const { w, events } = world(4, ['shell'], 1500);
    const r = ok(driveEvents(l.value.kernel, l.value.programs, w));
    const want: string[] = [];
    for (const e of events) {
      if (e.kind !== 'tracepoint') continue;
      if (e.name === 'syscalls/sys_enter_openat') want.push(`open ${e.strings!.filename.slice(0, 31)}`);
      if (e.name === 'syscalls/sys_exit_openat') want.push(`ret ${BigInt.asIntN(64, BigInt(e.fields.ret as bigint))}`);
    }
    const got = r.records.map((x) => x.data.length === 32 ? `open ${new TextDecoder().decode(x.data).replace(/\0.*$/s, '')}` : `ret ${new DataView(x.data.buffer, x.data.byteOffset).getBigInt64(0, true)}`);
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(10);
  });
});

describe('feedback into the world', { timeout: 30_000 }, () => {
  it('an LSM program returning -EPERM makes every open that reaches file_open fail', () => {
    const { kernel, programs } = load([['lsm/file_open', 'lsm', '  r0 = -1\n  exit\n']]);
    const { w, events } = world(3, ['shell', 'cron'], 2000);
    const r = ok(driveEvents(kernel, programs, w));
    const hooks = events.filter((e) => e.kind === 'lsm' && e.name === 'file_open').length;
    expect(hooks).toBeGreaterThan(0);
    expect(r.denials).toBe(hooks);
    expect(w.counts.lsmDenials).toEqual({ file_open: hooks });
    expect(w.counts.execByPath).toEqual({}); // the binaries cannot be opened either
    // every openat() that returned came back negative
    const rets = events.filter((e) => e.kind === 'tracepoint' && e.name === 'syscalls/sys_exit_openat').map((e) => BigInt.asIntN(64, BigInt((e as { fields: Record<string, bigint> }).fields.ret)));
    expect(rets.every((x) => x < 0n)).toBe(true);
  });

  it('bpf_send_signal(SIGKILL) in a vfs_read kprobe kills each reader when that read returns', () => {
    const { kernel, programs } = load([['kprobe/vfs_read', 'kprobe', '  r1 = 9\n  call 109\n  r0 = 0\n  exit\n']]);
    const { w, events } = world(5, ['shell', 'webserver'], 2000);
    const r = ok(driveEvents(kernel, programs, w));
    const reads = events.filter((e) => e.kind === 'kprobe' && e.name === 'vfs_read');
    expect(reads.length).toBeGreaterThan(0);
    expect(r.signals).toBe(reads.length);
    expect(w.counts.signals).toEqual({ 9: reads.length });
    for (const rd of reads) {
      const after = events.slice(events.indexOf(rd) + 1).filter((e) => e.task.pid === rd.task.pid && e.kind === 'tracepoint' && e.name.startsWith('sys'));
      // the read returns (sys_exit_read), then the task never makes another system call ...
      expect(after[0].name).toBe('syscalls/sys_exit_read');
      expect(after.slice(1).filter((e) => e.name.startsWith('syscalls/'))).toEqual([]);
      // ... and exits (sched_process_exit), without exit_group
      expect(events.some((e) => e.kind === 'tracepoint' && e.name === 'sched/sched_process_exit' && e.task.pid === rd.task.pid && e.ts > rd.ts)).toBe(true);
    }
    expect(Object.values(w.counts.killedByComm).reduce((a, b) => a + b, 0)).toBe(new Set(reads.map((e) => e.task.pid)).size);
  });
});

/** Count reads per comm in `h`, and send (pid, ts) of every openat to `rb`. */
const COUNTER = `
  r6 = r1
  r1 = 0
  *(u64 *)(r10 - 16) = r1
  *(u64 *)(r10 - 8) = r1
  r1 = r10
  r1 += -16
  r2 = 16
  call 16
  r1 = h ll
  r2 = r10
  r2 += -16
  call 1
  if r0 == 0 goto new
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  goto out
new:
  r1 = 1
  *(u64 *)(r10 - 24) = r1
  r1 = h ll
  r2 = r10
  r2 += -16
  r3 = r10
  r3 += -24
  r4 = 0
  call 2
out:
  r0 = 0
  exit
`;

describe('batches, engines, determinism', { timeout: 60_000 }, () => {
  it('onBatch sees every trace line and record once, and can stop the drive', () => {
    const printk = `
  r1 = 0x6e65706f
  *(u64 *)(r10 - 8) = r1
  r1 = r10
  r1 += -8
  r2 = 5
  call 6
  r0 = 0
  exit
`;
    const { kernel, programs } = load([['tp/syscalls/sys_enter_openat', 'tracepoint', printk], ['kprobe/do_sys_openat2', 'kprobe', emit(104)]]);
    const { w } = world(2, ['webserver'], 1500);
    let lines = 0, recs = 0, calls = 0;
    const firsts: number[] = [];
    const r = ok(driveEvents(kernel, programs, w, { batchSize: 300, eventsPerBatch: 2, onBatch: (b) => { calls++; lines += b.tracePipe.length; recs += b.records.length; firsts.push(...b.worldEvents.map((e) => e.id)); } }));
    // each batch hands over its first two events: ids 0, 1, 300, 301, ...
    expect(firsts.slice(0, 6)).toEqual([0, 1, 300, 301, 600, 601]);
    expect(lines).toBe(r.tracePipeLines);
    expect(recs).toBe(r.recordCount);
    expect(lines).toBe(w.counts.syscalls.openat);
    expect(recs).toBe(w.counts.syscalls.openat);
    expect(calls).toBe(Math.ceil(r.events / 300));
    expect(r.tracePipe[0]).toMatch(/^ +nginx-\d+ +\[00\d\] \.\.\.21 +\d+\.\d{6}: bpf_trace_printk: open$/);
    // the same shape and flags as the kernel's line for a tracepoint program (recorded)
    const rec = readFileSync('src/sim/events/testdata/trace-flags-6.18.txt', 'utf8').split('\n').filter((l) => l.includes('tp-open'))[0];
    const shape = (l: string) => l.replace(/^ *\S+-\d+ +\[\d{3}\] (\S{5}) +\d+\.\d{6}: bpf_trace_printk: .*$/, 'task [cpu] $1 ts: bpf_trace_printk: msg');
    expect(shape(r.tracePipe[0])).toBe(shape(rec));
    const again = load([['tp/syscalls/sys_enter_openat', 'tracepoint', printk]]);
    const s = ok(driveEvents(again.kernel, again.programs, world(2, ['webserver'], 1500).w, { batchSize: 300, onBatch: () => false }));
    expect(s.stopped).toBe(true);
    expect(s.events).toBe(300);
  });

  it('trace_pipe flags of tracepoint and raw tracepoint programs are the ones recorded on the 6.18 host', () => {
    const lines = readFileSync('src/sim/events/testdata/trace-flags-6.18.txt', 'utf8').split('\n');
    const flags = (tag: string) => / \[\d{3}\] (\S{5}) /.exec(lines.find((l) => l.endsWith(`bpf_trace_printk: ${tag}`))!)![1];
    expect(TRACE_FLAGS.tracepoint).toBe(flags('tp-open'));
    expect(TRACE_FLAGS.raw_tracepoint).toBe(flags('rawtp'));
  });

  it('the reference interpreter and the fast engine give the same maps and records', () => {
    const out = (engine: 'ref' | 'fast') => {
      const { kernel, programs } = load([['tp/syscalls/sys_enter_read', 'tracepoint', COUNTER], ['kprobe/do_sys_openat2', 'kprobe', emit(104)]]);
      const r = ok(driveEvents(kernel, programs, world(9, ['shell', 'cron'], 1500).w, { engine }));
      return { maps: r.maps, recs: r.records.map(u64) };
    };
    expect(out('fast')).toEqual(out('ref'));
  });

  it('the same seed gives a byte-identical event stream, records and maps; another seed does not', () => {
    const go = (seed: number) => {
      const { kernel, programs } = load([['tp/syscalls/sys_enter_read', 'tracepoint', COUNTER], ['kprobe/do_sys_openat2', 'kprobe', emit(104)], ['perf_event', 'perf_event', emit(128)]]);
      const { w, events } = world(seed, ['shell', 'webserver', 'cron', 'malicious'], 1500);
      const r = ok(driveEvents(kernel, programs, w));
      return { events: events.map(eventJSON).join('\n'), maps: JSON.stringify(r.maps), records: r.records.map((x) => `${x.eventId}:${Buffer.from(x.data).toString('hex')}`).join(',') };
    };
    const a = go(42), b = go(42), c = go(43);
    expect(a.events.length).toBeGreaterThan(100_000);
    expect(b.events).toBe(a.events);
    expect(b.maps).toBe(a.maps);
    expect(b.records).toBe(a.records);
    expect(c.events).not.toBe(a.events);
    expect(c.maps).not.toBe(a.maps);
  });
});
