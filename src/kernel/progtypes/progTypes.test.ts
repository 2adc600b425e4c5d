// Program-type records checked against sources we did not write:
//  - clang-19 reading the system's UAPI headers (linux/bpf.h 6.1, linux/pkt_cls.h): every
//    BPF_PROG_TYPE_* number up to BPF_PROG_TYPE_SYSCALL, the attach types we name, XDP_* and
//    TC_ACT_* values (skipped without clang);
//  - the running 6.18 kernel's verdicts on `r0 = V; exit` for each type
//    (testdata/retcode-probe-6.18.txt by testdata/probe_retcode.py);
//  - libbpf's documented section names (hand-written expectations below).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BPF_PROG_TYPE_NAMES, progTypeId, progTypeName, type ProgTypeName } from './ids.ts';
import { CLI_TYPE_NAMES, exitRange, PROG_TYPE_INFO, progTypeForCli, progTypeForSection, returnCodeName } from './progTypes.ts';
import { clangCheck, eq, hasClang } from '../testdata/clangAsserts.ts';
import { helperId } from '../helpers/names.ts';

describe('UAPI numbers vs clang-19 and linux/bpf.h', () => {
  it.skipIf(!hasClang())('BPF_PROG_TYPE_*, attach types, XDP_* and TC_ACT_* agree with the headers', () => {
    const asserts: string[] = [];
    BPF_PROG_TYPE_NAMES.forEach((n, i) => {
      if (n !== 'netfilter') asserts.push(eq(`BPF_PROG_TYPE_${n.toUpperCase()}`, i)); // netfilter (32) is newer than 6.1's header
    });
    const attach = new Set<string>();
    for (const t of Object.values(PROG_TYPE_INFO)) {
      for (const d of t.secDefs) if (d.attachType) attach.add(d.attachType);
      for (const c of t.returnCodes) if (/^(XDP|TC_ACT)_/.test(c.name)) asserts.push(eq(c.name, c.value));
    }
    // Attach types: the header's enum is the reference; we only check ours exist and differ.
    for (const a of attach) if (!a.startsWith('BPF_TCX') && a !== 'BPF_TRACE_KPROBE_MULTI') asserts.push(`_Static_assert(${a} >= 0, "${a}");`);
    asserts.push(eq('BPF_XDP_DEVMAP', 33), eq('BPF_TRACE_FENTRY', 24), eq('BPF_LSM_MAC', 27), eq('BPF_CGROUP_INET_EGRESS', 1));
    expect(clangCheck(['linux/bpf.h', 'linux/pkt_cls.h'], asserts)).toBe('');
  });

  it('hand-checked numbers: XDP = 6, socket filter = 1, tracing = 26, lsm = 29, cgroup_skb = 8', () => {
    expect(progTypeId('xdp')).toBe(6);
    expect(progTypeId('socket_filter')).toBe(1);
    expect(progTypeId('tracing')).toBe(26);
    expect(progTypeId('lsm')).toBe(29);
    expect(PROG_TYPE_INFO.cgroup_skb.id).toBe(8);
    expect(PROG_TYPE_INFO.sched_cls.kernelName).toBe('BPF_PROG_TYPE_SCHED_CLS');
    expect(progTypeName(17)).toBe('raw_tracepoint');
    expect(progTypeName(99)).toBeUndefined();
    expect(progTypeId('nonsense')).toBeUndefined();
  });
});

describe('exit ranges vs the 6.18 kernel', () => {
  const rows = readFileSync(new URL('../testdata/retcode-probe-6.18.txt', import.meta.url), 'utf8')
    .split('\n').filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [type, eat, v, ...rest] = l.split(' ');
      return { type: type as ProgTypeName, eat: Number(eat), v: Number(v), msg: rest.join(' ') };
    });
  const EAT: Record<number, string> = { 0: 'BPF_CGROUP_INET_INGRESS', 1: 'BPF_CGROUP_INET_EGRESS' };

  it('a value is refused exactly when it falls outside exitRange(), with the kernel\'s range in the message', () => {
    expect(rows.length).toBe(10 * 12);
    const wrong: string[] = [];
    for (const r of rows) {
      const range = exitRange(r.type, r.type === 'cgroup_skb' ? EAT[r.eat] : '');
      const ours = range === undefined || (r.v >= range[0] && r.v <= range[1]);
      if (ours !== (r.msg === 'ok')) wrong.push(`${r.type}/${r.eat} r0=${r.v}: kernel "${r.msg}"`);
      if (r.msg !== 'ok' && range !== undefined && !r.msg.endsWith(`should have been in [${range[0]}, ${range[1]}]`)) wrong.push(`${r.type} message ${r.msg}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('section names (libbpf conventions)', () => {
  const cases: [string, ProgTypeName, string][] = [
    ['xdp', 'xdp', ''], ['tc', 'sched_cls', ''], ['classifier', 'sched_cls', ''], ['socket', 'socket_filter', ''],
    ['kprobe/do_sys_openat2', 'kprobe', 'do_sys_openat2'], ['kretprobe/tcp_v4_connect', 'kprobe', 'tcp_v4_connect'],
    ['uprobe//bin/bash:readline', 'kprobe', '/bin/bash:readline'], ['tracepoint/syscalls/sys_enter_openat', 'tracepoint', 'syscalls/sys_enter_openat'],
    ['tp/sched/sched_switch', 'tracepoint', 'sched/sched_switch'], ['raw_tracepoint/sched_switch', 'raw_tracepoint', 'sched_switch'],
    ['raw_tp/sys_enter', 'raw_tracepoint', 'sys_enter'], ['perf_event', 'perf_event', ''], ['fentry/do_unlinkat', 'tracing', 'do_unlinkat'],
    ['fexit/do_unlinkat', 'tracing', 'do_unlinkat'], ['lsm/file_open', 'lsm', 'file_open'], ['cgroup_skb/ingress', 'cgroup_skb', ''],
    ['cgroup_skb/egress', 'cgroup_skb', ''], ['xdp/devmap', 'xdp', ''], ['action', 'sched_act', ''],
  ];
  for (const [sec, type, target] of cases) {
    it(`SEC("${sec}") -> ${type}`, () => {
      const m = progTypeForSection(sec);
      expect(m?.type).toBe(type);
      expect(m?.target).toBe(target);
    });
  }

  it('attach flavours and expected attach types come with the match', () => {
    expect(progTypeForSection('kretprobe/x')!.def.flavour).toBe('kretprobe');
    expect(progTypeForSection('fexit/x')!.def.attachType).toBe('BPF_TRACE_FEXIT');
    expect(progTypeForSection('cgroup_skb/egress')!.def.attachType).toBe('BPF_CGROUP_INET_EGRESS');
    expect(progTypeForSection('xdp/devmap')!.def.attachType).toBe('BPF_XDP_DEVMAP');
  });

  it('unknown names, and prefixes without a target, give undefined', () => {
    for (const s of ['', 'xdpfoo', 'kprobe/', 'text', '.text', 'license', 'maps', 'fentry']) expect(progTypeForSection(s), s).toBeUndefined();
  });

  it('every --type name from DESIGN.md resolves', () => {
    for (const n of ['xdp', 'tc', 'socket', 'kprobe', 'kretprobe', 'uprobe', 'tracepoint', 'raw_tracepoint', 'fentry', 'fexit', 'perf_event', 'lsm', 'cgroup_skb']) {
      expect(progTypeForCli(n), n).toBeDefined();
      expect(CLI_TYPE_NAMES).toContain(n);
    }
    expect(progTypeForCli('kretprobe')).toEqual({ type: 'kprobe', flavour: 'kretprobe' });
    expect(progTypeForCli('toString')).toBeUndefined();
  });
});

describe('return-code names and helper sets', () => {
  it('XDP and TC verdict names', () => {
    expect(returnCodeName('xdp', 2)).toBe('XDP_PASS');
    expect(returnCodeName('xdp', 4)).toBe('XDP_REDIRECT');
    expect(returnCodeName('sched_cls', 2)).toBe('TC_ACT_SHOT');
    expect(returnCodeName('sched_cls', -1)).toBe('TC_ACT_UNSPEC');
    expect(returnCodeName('xdp', 9)).toBeUndefined();
  });

  it('each record carries its context and helper set', () => {
    expect(PROG_TYPE_INFO.xdp.ctx.ctype).toBe('struct xdp_md *');
    expect(PROG_TYPE_INFO.sched_cls.helpers).toContain(helperId('skb_store_bytes'));
    expect(PROG_TYPE_INFO.socket_filter.helpers).not.toContain(helperId('skb_store_bytes'));
    expect(PROG_TYPE_INFO.perf_event.helpers).toContain(helperId('perf_prog_read_value'));
  });
});
