// The event generator: determinism (hash of the whole stream), time order, the world's own
// counts against a recount over the emitted events, pointer arguments readable from simulated
// memory, per-CPU spread, and LSM verdicts visibly changing what happens next.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWorld, createWorldResult, type World } from './world.ts';
import { eventJSON, eventLine } from './serialize.ts';
import { tracepointFormat } from './formats.ts';
import { listAttachPoints } from './catalog.ts';
import { KSTRUCT_MEMBERS as K } from '../host/kobjects.ts';
import { symbolize } from '../host/symbols.ts';
import type { SimEvent, LsmEvent } from './types.ts';

type Policy = (e: LsmEvent, w: World) => number;

function drive(w: World, policy?: Policy): SimEvent[] {
  const out: SimEvent[] = [];
  for (let e = w.next(); e; e = w.next()) {
    if (e.kind === 'lsm' && policy) {
      const v = policy(e, w);
      if (v !== 0) expect(w.hookVerdict(e.id, v)).toEqual({ ok: true });
    }
    out.push(e);
  }
  return out;
}

function digest(events: SimEvent[]): string {
  const h = createHash('sha256');
  for (const e of events) h.update(eventJSON(e) + '\n');
  return h.digest('hex');
}

const u64 = (b: Uint8Array | undefined) => (b ? new DataView(b.buffer, b.byteOffset).getBigUint64(0, true) : undefined);
const s64 = (v: unknown) => BigInt.asIntN(64, BigInt(v as bigint));

describe('determinism', () => {
  it('the same seed gives a byte-identical event stream; another seed does not', () => {
    const a = digest(drive(createWorld({ seed: 42, durationNs: 1_000_000_000 })));
    const b = digest(drive(createWorld({ seed: 42, durationNs: 1_000_000_000 })));
    const c = digest(drive(createWorld({ seed: 43, durationNs: 1_000_000_000 })));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
  it('the same seed with a different CPU count changes placement but not determinism', () => {
    const a = drive(createWorld({ seed: 7, cpus: 2, durationNs: 500_000_000 }));
    const b = drive(createWorld({ seed: 7, cpus: 2, durationNs: 500_000_000 }));
    expect(digest(a)).toBe(digest(b));
    expect(new Set(a.map((e) => e.cpu))).toEqual(new Set([0, 1]));
  });
});

describe('a two-second world with every workload', () => {
  const w = createWorld({ seed: 2026, durationNs: 2_000_000_000 });
  const ev = drive(w);
  const tps = (name: string) => ev.filter((e): e is Extract<SimEvent, { kind: 'tracepoint' }> => e.kind === 'tracepoint' && e.name === name);

  it('emits events in time order with sequential ids, within the duration', () => {
    expect(ev.length).toBeGreaterThan(3000);
    for (let i = 1; i < ev.length; i++) {
      expect(ev[i].id).toBe(ev[i - 1].id + 1);
      if (ev[i].ts < ev[i - 1].ts) throw new Error(`time went back at event ${ev[i].id}`);
    }
    expect(ev[ev.length - 1].ts - ev[0].ts).toBeLessThanOrEqual(2_000_000_000 + 10_000_000);
  });

  it('counts per attach point equal a recount of the stream', () => {
    const re: Record<string, number> = {};
    for (const e of ev) re[`${e.kind}:${e.name}`] = (re[`${e.kind}:${e.name}`] ?? 0) + 1;
    expect(w.counts.events).toEqual(re);
  });

  it('syscalls, execs, reads, opens, forks, exits equal a recount from tracepoints', () => {
    const by = (xs: string[]) => xs.reduce<Record<string, number>>((m, k) => ((m[k] = (m[k] ?? 0) + 1), m), {});
    expect(w.counts.syscalls).toEqual(by(ev.filter((e) => e.kind === 'tracepoint' && e.name.startsWith('syscalls/sys_enter_')).map((e) => e.name.slice('syscalls/sys_enter_'.length))));
    expect(w.counts.execveByComm).toEqual(by(tps('syscalls/sys_enter_execve').map((e) => e.task.comm)));
    expect(w.counts.execByPath).toEqual(by(tps('sched/sched_process_exec').map((e) => e.fields.filename as string)));
    expect(w.counts.readsByComm).toEqual(by(tps('syscalls/sys_enter_read').map((e) => e.task.comm)));
    // opensnoop-style: the filename read from the task's user memory through the record's pointer
    const enters = tps('syscalls/sys_enter_openat');
    const names = enters.map((e) => w.readUserString(e.task.pid, new DataView(e.record.buffer).getBigUint64(24, true))!);
    expect(w.counts.opensByPath).toEqual(by(names));
    // failures: pair each sys_exit_openat with the same task's last enter
    const lastPath = new Map<number, string>();
    const fails: string[] = [];
    for (const e of ev) {
      if (e.kind !== 'tracepoint') continue;
      if (e.name === 'syscalls/sys_enter_openat') lastPath.set(e.task.pid, w.readUserString(e.task.pid, e.fields.filename as bigint)!);
      if (e.name === 'syscalls/sys_exit_openat' && s64(e.fields.ret) < 0n) fails.push(lastPath.get(e.task.pid)!);
    }
    expect(w.counts.openFailuresByPath).toEqual(by(fails));
    expect(w.counts.forks).toBe(tps('sched/sched_process_fork').length);
    expect(w.counts.exits).toBe(tps('sched/sched_process_exit').length);
    expect(w.counts.tcpStateChanges).toBe(tps('sock/inet_sock_set_state').length);
    expect(w.counts.retransmits).toBe(tps('tcp/tcp_retransmit_skb').length);
    const perCpu = new Array(w.cpus.length).fill(0);
    for (const e of ev) if (e.kind === 'perf_event') perCpu[e.cpu]++;
    expect(w.counts.perfSamplesPerCpu).toEqual(perCpu);
  });

  it('connect destinations read back from the user sockaddr match the counts', () => {
    const dests = tps('syscalls/sys_enter_connect').map((e) => {
      const b = w.readUser(e.task.pid, e.fields.uservaddr as bigint, 8)!;
      expect(b[0] | (b[1] << 8)).toBe(2); // AF_INET
      return `${b[4]}.${b[5]}.${b[6]}.${b[7]}:${(b[2] << 8) | b[3]}`;
    });
    const m: Record<string, number> = {};
    for (const d of dests) m[d] = (m[d] ?? 0) + 1;
    expect(w.counts.connects).toEqual(m);
    expect(m['203.0.113.66:4444']).toBe(1);
  });

  it('run-queue latencies equal sched_wakeup → sched_switch(next_pid) gaps', () => {
    const woke = new Map<number, number>();
    const lat: number[] = [];
    for (const e of ev) {
      if (e.kind !== 'tracepoint') continue;
      if (e.name === 'sched/sched_wakeup' || e.name === 'sched/sched_wakeup_new') woke.set(e.fields.pid as number, e.ts);
      if (e.name === 'sched/sched_switch') {
        const p = e.fields.next_pid as number;
        if (p !== 0 && woke.has(p)) { lat.push(e.ts - woke.get(p)!); woke.delete(p); }
      }
    }
    // the world measures from its clock at the wakeup to the switch; recount within the two events' stamps
    expect(lat.length).toBe(w.counts.runqLatencyNs.length);
    lat.forEach((l, i) => expect(Math.abs(l - w.counts.runqLatencyNs[i])).toBeLessThan(1_000));
  });

  it('spreads work over every CPU', () => {
    const cpus = new Set(ev.filter((e) => e.kind === 'tracepoint' && e.name.startsWith('syscalls/')).map((e) => e.cpu));
    expect(cpus.size).toBe(4);
  });

  it('records carry the common header: type id and pid', () => {
    for (const e of tps('syscalls/sys_exit_read').slice(0, 50)) {
      const dv = new DataView(e.record.buffer);
      expect(dv.getUint16(0, true)).toBe(tracepointFormat('syscalls:sys_exit_read')!.id);
      expect(dv.getInt32(4, true)).toBe(e.task.pid);
      expect(dv.getInt32(8, true)).toBe(0); // __NR_read
    }
  });

  it('execve argv pointers lead to the strings, as execsnoop reads them', () => {
    const ex = tps('syscalls/sys_enter_execve');
    expect(ex.length).toBeGreaterThan(5);
    for (const e of ex) {
      const argv = e.fields.argv as bigint;
      const words: string[] = [];
      for (let i = 0; i < 8; i++) {
        const p = u64(w.readUser(e.task.pid, argv + BigInt(8 * i), 8))!;
        if (p === 0n) break;
        words.push(w.readUserString(e.task.pid, p)!);
      }
      expect(words.join(' ')).toBe(e.strings!.argv);
      // user pointers are canonical x86_64 user-space addresses
      expect((e.fields.filename as bigint) < 0x7ffffffff000n && (e.fields.filename as bigint) > 0x10000n).toBe(true);
      expect(w.readUserString(e.task.pid, e.fields.filename as bigint)).toBe(e.strings!.filename);
    }
  });

  it('kprobe registers follow the x86_64 convention (do_sys_openat2: rsi = filename)', () => {
    const k = ev.filter((e) => e.kind === 'kprobe' && e.name === 'do_sys_openat2');
    expect(k.length).toBeGreaterThan(10);
    for (const e of k) {
      if (e.kind !== 'kprobe') continue;
      expect(e.regs.di).toBe(BigInt.asUintN(64, -100n));
      expect(e.regs.si).toBe(e.args[1]);
      expect(w.readUserString(e.task.pid, e.regs.si)).toBe(e.strings!.filename);
      const how = e.regs.dx;
      expect(u64(w.readKernel(how + BigInt(K.open_how.flags), 8))).toBeDefined();
    }
  });

  it('raw tracepoint arguments: sys_enter pt_regs hold the syscall arguments (4th in r10), sched_switch task pointers', () => {
    const O = { di: 112, si: 104, dx: 96, r10: 56, orig_ax: 120 };
    for (const e of tps('syscalls/sys_enter_accept4').slice(0, 20)) {
      const [regs, id] = e.rawArgs;
      expect(id).toBe(288n);
      const rd = (o: number) => u64(w.readKernel(regs + BigInt(o), 8));
      expect(rd(O.orig_ax)).toBe(288n);
      expect(rd(O.di)).toBe(BigInt(e.fields.fd as number));
      expect(rd(O.si)).toBe(e.fields.upeer_sockaddr);
      expect(rd(O.r10)).toBe(BigInt(e.fields.flags as number));
    }
    for (const e of tps('sched/sched_switch').slice(0, 50)) {
      const [, prev, next] = e.rawArgs;
      const pid = (a: bigint) => new DataView(w.readKernel(a + BigInt(K.task_struct.pid), 4)!.buffer).getInt32(0, true);
      expect(pid(prev)).toBe(e.fields.prev_pid);
      expect(pid(next)).toBe(e.fields.next_pid);
    }
  });

  it('bash:readline uretprobe returns the typed line; the shell then runs it', () => {
    const lines = ev.filter((e) => e.kind === 'uretprobe' && e.name === '/bin/bash:readline');
    expect(lines.length).toBeGreaterThan(0);
    for (const e of lines) if (e.kind === 'uretprobe') expect(w.readUserString(e.task.pid, e.ret!)).toBe(e.strings!.ret);
  });

  it('perf samples symbolize to the running program (gzip hot in longest_match)', () => {
    const top: Record<string, number> = {};
    for (const e of ev) {
      if (e.kind !== 'perf_event') continue;
      const s = symbolize(e.user ? e.ustack[0] : e.kstack[0]);
      expect(s).toBeDefined();
      top[s!.name] = (top[s!.name] ?? 0) + 1;
    }
    expect(top.pv_native_safe_halt).toBeGreaterThan(0);
    expect(top.longest_match).toBeGreaterThan(0);
  });

  it('samples inside a large read() carry the kernel stack and the task\'s user stack', () => {
    const w2 = createWorld({ seed: 11, cpus: 1, durationNs: 1_200_000_000, workloads: ['cron'], sampleHz: 50_000 });
    const inKernel = drive(w2).filter((e) => e.kind === 'perf_event' && !e.user && e.task.pid !== 0);
    expect(inKernel.length).toBeGreaterThan(0);
    for (const e of inKernel) {
      if (e.kind !== 'perf_event') continue;
      expect(e.kstack.map((a) => symbolize(a)!.name).slice(0, 3)).toEqual(['copy_page_to_iter', 'filemap_read', 'vfs_read']);
      expect(symbolize(e.ustack[0])!.name).toBe('read');
      expect(e.regs.ip).toBe(e.kstack[0]);
    }
  });

  it('the malicious script: nginx spawns /bin/sh, DAC refuses /etc/shadow to www-data, sudo\'s cat reads it', () => {
    const execs = tps('sched/sched_process_exec');
    const shFromNginx = tps('sched/sched_process_fork').find((e) => e.fields.parent_comm === 'nginx');
    expect(shFromNginx).toBeDefined();
    expect(execs.some((e) => e.fields.filename === '/bin/sh' && e.fields.pid === shFromNginx!.fields.child_pid)).toBe(true);
    expect(w.counts.openFailuresByPath['/etc/shadow']).toBe(1);
    expect(w.counts.opensByPath['/etc/shadow']).toBe(2);
  });

  it('eventLine renders every kind', () => {
    const kinds = new Set<string>();
    for (const e of ev) if (!kinds.has(e.kind)) { kinds.add(e.kind); expect(eventLine(e)).toContain(`${e.kind}:${e.name}`); }
    expect(kinds).toEqual(new Set(['tracepoint', 'kprobe', 'kretprobe', 'uprobe', 'uretprobe', 'lsm', 'perf_event']));
  });
});

describe('LSM verdicts change what happens', () => {
  const seed = 99;
  const opts = { seed, durationNs: 2_000_000_000, workloads: ['webserver', 'malicious'] as const };
  const dentryName = (w: World, file: bigint) => {
    const d = u64(w.readKernel(file + BigInt(K.file.f_path + K.path.dentry), 8))!;
    return w.readKernelString(u64(w.readKernel(d + BigInt(K.dentry.d_name + K.qstr.name), 8))!, 64);
  };
  const shadowOpenResults = (ev: SimEvent[], w: World) => {
    const res: bigint[] = [];
    let pending = new Set<number>();
    for (const e of ev) {
      if (e.kind !== 'tracepoint') continue;
      if (e.name === 'syscalls/sys_enter_openat' && w.readUserString(e.task.pid, e.fields.filename as bigint) === '/etc/shadow') pending.add(e.task.pid);
      if (e.name === 'syscalls/sys_exit_openat' && pending.has(e.task.pid)) { res.push(s64(e.fields.ret)); pending = new Set([...pending].filter((p) => p !== e.task.pid)); }
    }
    return res;
  };
  const exitCodes = (ev: SimEvent[], comm: string) => ev.filter((e) => e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_exit_group' && e.task.comm === comm).map((e) => Number((e as { fields: Record<string, unknown> }).fields.error_code));

  it('file_open: -EPERM on "shadow" makes the root cat fail and exit 1', () => {
    const wa = createWorld(opts);
    const allowed = drive(wa);
    const wd = createWorld(opts);
    const denied = drive(wd, (e, w) => (e.name === 'file_open' && dentryName(w, e.args[0]) === 'shadow' ? -1 : 0));
    // fds 0-2 are stdio, 3 the attacker's connection the worker accepted (inherited: nginx
    // accepts without SOCK_CLOEXEC), 6 the listening socket; so the root cat gets fd 4
    expect(shadowOpenResults(allowed, wa)).toEqual([-13n, 4n]);
    expect(shadowOpenResults(denied, wd)).toEqual([-13n, -1n]);
    expect(wd.counts.lsmDenials).toEqual({ file_open: 1 });
    expect(exitCodes(allowed, 'cat')).toEqual([1, 0]);
    expect(exitCodes(denied, 'cat')).toEqual([1, 1]);
    // the allowed run reads the shadow file; the denied one never gets an fd to read
    const catReads = (ev: SimEvent[]) => ev.filter((e) => e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_read' && e.task.comm === 'cat' && e.task.uid === 0).length;
    expect(catReads(allowed)).toBeGreaterThan(catReads(denied));
  });

  it('bprm_check_security: denying /usr/bin/nc stops the exec and the outbound connection', () => {
    const w = createWorld(opts);
    const ev = drive(w, (e, ww) => {
      if (e.name !== 'bprm_check_security') return 0;
      const name = ww.readKernelString(u64(ww.readKernel(e.args[0] + BigInt(K.linux_binprm.filename), 8))!);
      return name === '/usr/bin/nc' ? -1 : 0;
    });
    expect(w.counts.lsmDenials).toEqual({ bprm_check_security: 1 });
    expect(w.counts.execByPath['/usr/bin/nc']).toBeUndefined();
    expect(w.counts.connects['203.0.113.66:4444']).toBeUndefined();
    const rets = ev.filter((e) => e.kind === 'tracepoint' && e.name === 'syscalls/sys_exit_execve').map((e) => s64((e as { fields: Record<string, unknown> }).fields.ret));
    expect(rets.filter((r) => r === -1n)).toHaveLength(1);
    // the denied child reports and exits 126 under its old comm (sh)
    expect(exitCodes(ev, 'sh')).toContain(126);
  });

  it('socket_connect: denying port 4444 fails connect() with -EPERM and no TCP handshake starts', () => {
    const w = createWorld(opts);
    const ev = drive(w, (e, ww) => {
      if (e.name !== 'socket_connect') return 0;
      const sa = ww.readKernel(e.args[1], 4)!;
      return ((sa[2] << 8) | sa[3]) === 4444 ? -1 : 0;
    });
    expect(w.counts.connects['203.0.113.66:4444']).toBe(1);
    const nc = ev.filter((e) => e.task.comm === 'nc');
    expect(nc.some((e) => e.kind === 'kprobe' && e.name === 'tcp_v4_connect')).toBe(false);
    const exit = nc.find((e) => e.kind === 'tracepoint' && e.name === 'syscalls/sys_exit_connect') as { fields: Record<string, unknown> };
    expect(s64(exit.fields.ret)).toBe(-1n);
    expect(exitCodes(ev, 'nc')).toEqual([1]);
  });

  it('hookVerdict refuses ids that are not pending LSM events', () => {
    const w = createWorld({ seed: 1, durationNs: 100_000_000 });
    const first = w.next()!;
    expect(w.hookVerdict(first.id, -1)).toMatchObject({ ok: false });
    expect(w.hookVerdict(123456, -1)).toMatchObject({ ok: false });
  });
});

describe('options and catalog', () => {
  it('bad options are reported as values naming the option', () => {
    expect(createWorldResult({ seed: 1, cpus: 0 })).toEqual({ error: 'cpus: must be an integer in 1..64, got 0' });
    expect(createWorldResult({ seed: 1, workloads: ['nope' as 'shell'] }).error).toMatch(/^workloads: unknown workload 'nope'/);
    expect(createWorldResult({ seed: 1, durationNs: -5 }).error).toMatch(/^durationNs:/);
    expect(createWorldResult({ seed: 1 }).value).toBeDefined();
  });

  it('lists attach points with argument registers for the picker', () => {
    const ap = listAttachPoints();
    const openat2 = ap.find((a) => a.kind === 'kprobe' && a.name === 'do_sys_openat2')!;
    expect(openat2.args.map((a) => `${a.type} ${a.name}:${a.reg}`)).toEqual(['int dfd:di', 'const char __user * filename:si', 'struct open_how * how:dx']);
    expect(ap.find((a) => a.kind === 'tracepoint' && a.name === 'syscalls/sys_enter_execve')!.args.map((a) => a.name)).toEqual(['__syscall_nr', 'filename', 'argv', 'envp']);
    expect(ap.filter((a) => a.kind === 'lsm').map((a) => a.name)).toEqual(['file_open', 'bprm_check_security', 'socket_connect']);
    expect(ap.some((a) => a.kind === 'uretprobe' && a.name === '/bin/bash:readline')).toBe(true);
    expect(ap.some((a) => a.kind === 'perf_event')).toBe(true);
  });

  it('every event names an attach point in the catalog', () => {
    const names = new Set(listAttachPoints().map((a) => `${a.kind}:${a.name}`));
    for (const e of drive(createWorld({ seed: 5, durationNs: 800_000_000 }))) expect(names.has(`${e.kind}:${e.name}`)).toBe(true);
  });
});
