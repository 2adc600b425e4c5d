// Checks the context access rules against the running kernel's verifier, as recorded in
// src/kernel/testdata/ctx-probe-6.18.txt by testdata/probe_ctx.py on Linux 6.18 (root): for nine
// program types, every size-aligned offset in a window around the context, a 1/2/4/8-byte load
// (`r0 = *(uN *)(r1 + off)`) and store (`*(uN *)(r1 + off) = r2`), with the verdict and, for
// accepted loads, the type the log prints for r0. The kernel wrote every expectation here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCtxAccess, writableFields, type CtxValue } from './access.ts';
import type { ProgTypeName } from './ids.ts';

interface Row { type: string; op: string; size: number; off: number; ok: boolean; rest: string }

const ROWS: readonly Row[] = readFileSync(new URL('../testdata/ctx-probe-6.18.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const [type, op, size, off, verdict, ...rest] = l.split(' ');
    return { type, op, size: Number(size), off: Number(off), ok: verdict === 'ok', rest: rest.join(' ') };
  });

/** The verifier log's spelling of a register type, from the kernel's reg_type names. */
function logType(v: CtxValue): RegExp {
  switch (v) {
    case 'SCALAR_VALUE': return /^scalar\(/;
    case 'PTR_TO_PACKET': return /^pkt\(/;
    case 'PTR_TO_PACKET_END': return /^pkt_end\(/;
    case 'PTR_TO_PACKET_META': return /^pkt_meta\(/;
    case 'PTR_TO_SOCK_COMMON_OR_NULL': return /^sock_common_or_null\(/;
    default: return /^$/;
  }
}

describe('context access vs the 6.18 kernel (every aligned offset and size)', () => {
  const types = [...new Set(ROWS.filter((r) => (r.op === 'ldx' || r.op === 'stx') && r.type !== 'xdp-devmap').map((r) => r.type))];
  it('the recording covers nine types', () => {
    expect(types.sort()).toEqual(['cgroup_skb', 'kprobe', 'perf_event', 'raw_tracepoint', 'sched_act', 'sched_cls', 'socket_filter', 'tracepoint', 'xdp']);
  });

  for (const type of types) {
    it(`${type}: accept/reject and the loaded type agree for every probed access`, () => {
      const wrong: string[] = [];
      for (const row of ROWS.filter((r) => r.type === type && (r.op === 'ldx' || r.op === 'stx'))) {
        const got = checkCtxAccess(type as ProgTypeName, row.off, row.size, row.op === 'ldx' ? 'read' : 'write');
        if (got.ok !== row.ok) {
          wrong.push(`${row.op} size=${row.size} off=${row.off}: kernel ${row.ok ? 'ok' : 'refuses'}, ours ${got.ok ? 'ok' : 'refuses'}`);
        } else if (!got.ok && row.rest !== got.message) {
          wrong.push(`${row.op} size=${row.size} off=${row.off}: kernel "${row.rest}", ours "${got.message}"`);
        } else if (got.ok && row.op === 'ldx' && !logType(got.produces).test(row.rest)) {
          wrong.push(`ldx size=${row.size} off=${row.off}: kernel R0=${row.rest}, ours ${got.produces}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('xdp egress_ifindex is readable only by devmap programs (expected_attach_type BPF_XDP_DEVMAP)', () => {
    const row = ROWS.find((r) => r.type === 'xdp-devmap')!;
    expect(row.ok).toBe(true);
    expect(checkCtxAccess('xdp', 20, 4, 'read', { expectedAttachType: 'BPF_XDP_DEVMAP' }).ok).toBe(true);
    expect(checkCtxAccess('xdp', 20, 4, 'read').ok).toBe(false);
  });

  it('misaligned loads are refused everywhere', () => {
    for (const row of ROWS.filter((r) => r.op === 'ldx-misaligned')) {
      expect(row.ok).toBe(false);
      expect(checkCtxAccess(row.type as ProgTypeName, row.off, row.size, 'read').ok).toBe(false);
    }
  });

  it('BPF_ST of an immediate follows the store rules (tc may store into mark; xdp may not)', () => {
    for (const row of ROWS.filter((r) => r.op === 'st')) {
      expect(checkCtxAccess(row.type as ProgTypeName, row.off, row.size, 'write').ok, row.type).toBe(row.ok);
    }
  });
});

describe('documented context facts', () => {
  it('tc may write mark, queue_mapping, priority, tc_index, cb[], tc_classid, tstamp; socket filters only cb[]', () => {
    expect([...writableFields('sched_cls')].sort()).toEqual(['cb', 'mark', 'priority', 'queue_mapping', 'tc_classid', 'tc_index', 'tstamp']);
    expect(writableFields('socket_filter')).toEqual(['cb']);
    expect([...writableFields('cgroup_skb')].sort()).toEqual(['cb', 'mark', 'priority', 'tstamp']);
    expect(writableFields('xdp')).toEqual([]);
    expect(writableFields('kprobe')).toEqual([]);
  });

  it('socket filters cannot see data/data_end; tc and cgroup_skb get packet pointers', () => {
    expect(checkCtxAccess('socket_filter', 76, 4, 'read').ok).toBe(false);
    expect(checkCtxAccess('socket_filter', 80, 4, 'read').ok).toBe(false);
    expect(checkCtxAccess('sched_cls', 76, 4, 'read')).toEqual({ ok: true, produces: 'PTR_TO_PACKET', field: 'data' });
    expect(checkCtxAccess('cgroup_skb', 80, 4, 'read')).toEqual({ ok: true, produces: 'PTR_TO_PACKET_END', field: 'data_end' });
    expect(checkCtxAccess('sched_cls', 76, 2, 'read').ok).toBe(false); // no narrow load of a packet pointer
  });

  it('out-of-range and odd inputs give the kernel message, never an exception', () => {
    expect(checkCtxAccess('xdp', 24, 4, 'read')).toEqual({ ok: false, message: 'invalid bpf_context access off=24 size=4' });
    expect(checkCtxAccess('sched_cls', 192, 4, 'read').ok).toBe(false);
    expect(checkCtxAccess('sched_cls', 0, 3, 'read').ok).toBe(false);
    expect(checkCtxAccess('sched_cls', 0.5, 4, 'read').ok).toBe(false);
    expect(checkCtxAccess('tracing', 8, 8, 'read')).toEqual({ ok: true, produces: 'BTF_ARG', field: undefined });
    expect(checkCtxAccess('tracing', 8, 8, 'write').ok).toBe(false);
  });
});
