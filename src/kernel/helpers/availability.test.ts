// Checks the helper tables against the running kernel's verifier, as recorded in
// src/kernel/testdata/helper-probe-6.18.txt by testdata/probe_helpers.py on Linux 6.18 (root):
// for every modelled program type that loads without BTF and every helper id 1..211, the first
// complaint of the verifier for `r1..r5 = 0 (or r1 = ctx); call N; r0 = 0; exit`, and the same
// with a non-GPL license. Independent of our tables: the kernel wrote it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEPENDENT, helpersForProgType, progTypeMayCall, progTypesForHelper } from './availability.ts';
import { helperId, helperName } from './names.ts';
import { helperProto, helperProtoFor, HELPER_PROTOS } from './protos.ts';
import { EXPECTED_TYPES, hasFlag, type ArgKind } from './kinds.ts';
import { PROG_TYPES, type ProgTypeName } from '../progtypes/ids.ts';

interface ProbeLine { type: ProgTypeName; variant: 'zero' | 'ctx' | 'mit'; id: number; msg: string }

const PROBE: readonly ProbeLine[] = readFileSync(new URL('../testdata/helper-probe-6.18.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const [type, variant, id, ...rest] = l.split(' ');
    return { type: type as ProgTypeName, variant: variant as ProbeLine['variant'], id: Number(id), msg: rest.join(' ') };
  });

const PROBED_TYPES = [...new Set(PROBE.map((p) => p.type))];
const refused = (msg: string): boolean => msg.startsWith('program of this type cannot use helper');
const configDependent = new Set(CONFIG_DEPENDENT.map((n) => helperId(n)!));

describe('helper availability per program type (kernel probe)', () => {
  it('the recording covers nine program types and all 211 helpers, three variants each', () => {
    expect(PROBED_TYPES.sort()).toEqual(
      ['cgroup_skb', 'kprobe', 'perf_event', 'raw_tracepoint', 'sched_act', 'sched_cls', 'socket_filter', 'tracepoint', 'xdp'],
    );
    expect(PROBE.length).toBe(9 * 211 * 3);
  });

  for (const type of ['socket_filter', 'kprobe', 'sched_cls', 'sched_act', 'tracepoint', 'xdp', 'perf_event', 'cgroup_skb', 'raw_tracepoint'] as const) {
    it(`${type}: progTypeMayCall agrees with the kernel for every helper`, () => {
      const wrong: string[] = [];
      for (const p of PROBE.filter((q) => q.type === type && q.variant === 'zero')) {
        if (configDependent.has(p.id)) continue;
        const kernel = !refused(p.msg);
        if (progTypeMayCall(type, p.id) !== kernel) wrong.push(`${helperName(p.id)} kernel=${kernel}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('the kernel refuses with the helper name that names.ts gives', () => {
    for (const p of PROBE.filter((q) => refused(q.msg))) {
      expect(p.msg).toBe(`program of this type cannot use helper ${helperName(p.id)}#${p.id}`);
    }
  });

  it('spot facts: xdp cannot rewrite skbs, socket filters cannot redirect, kprobes cannot load skb bytes', () => {
    expect(progTypeMayCall('xdp', helperId('skb_store_bytes')!)).toBe(false);
    expect(progTypeMayCall('xdp', helperId('xdp_adjust_head')!)).toBe(true);
    expect(progTypeMayCall('socket_filter', helperId('redirect')!)).toBe(false);
    expect(progTypeMayCall('kprobe', helperId('skb_load_bytes')!)).toBe(false);
    expect(progTypeMayCall('perf_event', helperId('perf_prog_read_value')!)).toBe(true);
    expect(progTypeMayCall('tracepoint', helperId('perf_prog_read_value')!)).toBe(false);
    expect(progTypesForHelper(helperId('map_lookup_elem')!)).toEqual(PROG_TYPES);
    expect(helpersForProgType('xdp')).toContain(helperId('redirect_map'));
  });
});

describe('helper flags (kernel probe)', () => {
  it('gplOnly matches the kernel\'s refusal of non-GPL programs, per program type', () => {
    const wrong: string[] = [];
    for (const p of PROBE.filter((q) => q.variant === 'mit' && !refused(q.msg) && !q.msg.includes('might sleep'))) {
      const proto = helperProtoFor(p.id, p.type);
      if (proto === undefined) continue; // availability is checked above
      const kernel = p.msg === 'cannot call GPL-restricted function from non-GPL compatible program';
      if (proto.gplOnly !== kernel) wrong.push(`${p.type} ${proto.name} kernel=${kernel}`);
    }
    expect(wrong).toEqual([]);
  });

  it('mightSleep matches "helper call might sleep in a non-sleepable prog"', () => {
    const sleepy = new Set(PROBE.filter((p) => p.msg.includes('might sleep')).map((p) => p.id));
    for (const id of sleepy) expect(helperProto(id)!.mightSleep, helperName(id)).toBe(true);
    // Every helper marked sleepable that the probed types may call showed the complaint.
    for (const p of HELPER_PROTOS.filter((h) => h.mightSleep && PROBED_TYPES.some((t) => progTypeMayCall(t, h.id)))) {
      expect(sleepy.has(p.id), p.name).toBe(true);
    }
  });
});

/**
 * The first complaint the kernel's argument check makes when R1 is `r1` and R2..R5 are scalar 0,
 * predicted from our argument kinds: 'ok' when every argument accepts its register.
 */
function predict(args: readonly ArgKind[], r1: 'scalar' | 'ctx'): string {
  for (let i = 0; i < 5; i++) {
    const k = args[i];
    const reg = i === 0 ? r1 : 'scalar';
    if (['ARG_DONTCARE', 'ARG_ANYTHING', 'ARG_CONST_SIZE', 'ARG_CONST_SIZE_OR_ZERO', 'ARG_CONST_ALLOC_SIZE_OR_ZERO'].includes(k.base)) continue;
    if (reg === 'scalar' && hasFlag(k, 'PTR_MAYBE_NULL')) continue; // a known-zero register is NULL
    if (reg === 'ctx' && k.base === 'ARG_PTR_TO_CTX') continue;
    return `R${i + 1} type=${reg} expected=${EXPECTED_TYPES[k.base] ?? '?'}`;
  }
  return 'ok';
}

describe('helper argument kinds (kernel probe)', () => {
  it('the first argument complaint (or acceptance) is predicted by our kinds, for every type and helper', () => {
    const wrong: string[] = [];
    let compared = 0;
    for (const p of PROBE.filter((q) => q.variant !== 'mit')) {
      const proto = helperProtoFor(p.id, p.type);
      if (proto === undefined) continue;
      if (p.msg !== 'ok' && !/^R\d type=/.test(p.msg)) continue; // later checks (sleep, func ip)
      compared++;
      const want = predict(proto.args, p.variant === 'ctx' ? 'ctx' : 'scalar');
      if (want !== p.msg) wrong.push(`${p.type}/${p.variant} ${proto.name}: kernel "${p.msg}" ours "${want}"`);
    }
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(1500);
  });
});
