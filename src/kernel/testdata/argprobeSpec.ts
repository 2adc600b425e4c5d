/**
 * Prints the argument set-ups probe_args.py feeds the kernel (one JSON object per line), derived
 * from our helper records: for each helper and each argument position i whose kind is a non-NULL
 * pointer, registers R1..R(i-1) get values of the kinds we believe the helper takes and Ri gets
 * scalar 0, so the kernel's complaint names Ri and the register types it expected there. The
 * set-up is recorded beside the kernel's answer, so the test judges our kinds, not this script.
 *
 * Tokens: C ctx, M<n> a map of type n, P pointer to 64 zeroed stack bytes, 8 the constant 8,
 * 0 the constant 0, Z scalar 0 at the probed position. Size arguments are probed too: 0 where a
 * size is due (the remaining arguments set up as well) separates ARG_CONST_SIZE from _OR_ZERO.
 * When every argument can be set up, one more line asks for R0 after the call (`ret`).
 * Usage: npx tsx src/kernel/testdata/argprobeSpec.ts > /tmp/argspec.jsonl
 */
import { HELPER_PROTOS } from '../helpers/protos.ts';
import { hasFlag, type ArgKind } from '../helpers/kinds.ts';
import { mapTypesForHelper, mapTypeId } from '../maps/types.ts';
import { CONFIG_DEPENDENT } from '../helpers/availability.ts';

const PROBED = ['socket_filter', 'sched_cls', 'xdp', 'kprobe', 'cgroup_skb', 'perf_event', 'raw_tracepoint', 'tracepoint'] as const;
/** Map types probe_args.py can create without BTF. */
const CREATABLE = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 25, 27, 30, 31]);

function good(k: ArgKind, helper: number): string | undefined {
  if (hasFlag(k, 'PTR_MAYBE_NULL')) return '0';
  switch (k.base) {
    case 'ARG_PTR_TO_CTX': return 'C';
    case 'ARG_CONST_MAP_PTR': {
      const t = mapTypesForHelper(helper).map((n) => mapTypeId(n)!).find((n) => CREATABLE.has(n));
      return t === undefined ? undefined : `M${t}`;
    }
    case 'ARG_PTR_TO_MAP_KEY': case 'ARG_PTR_TO_MAP_VALUE': case 'ARG_PTR_TO_MEM': case 'ARG_PTR_TO_STACK': return 'P';
    case 'ARG_CONST_SIZE': case 'ARG_CONST_SIZE_OR_ZERO': case 'ARG_CONST_ALLOC_SIZE_OR_ZERO': return '8';
    case 'ARG_ANYTHING': return '0';
    default: return undefined;
  }
}

for (const p of HELPER_PROTOS) {
  const type = PROBED.find((t) => p.progTypes.includes(t));
  if (type === undefined || p.mightSleep || CONFIG_DEPENDENT.includes(p.name.slice(4))) continue;
  const setup: string[] = [];
  let prevNull = false;
  for (let i = 0; i < p.argCount; i++) {
    const k = p.args[i];
    const nullable = hasFlag(k, 'PTR_MAYBE_NULL');
    const pointer = !['ARG_ANYTHING', 'ARG_CONST_SIZE', 'ARG_CONST_SIZE_OR_ZERO', 'ARG_CONST_ALLOC_SIZE_OR_ZERO', 'ARG_DONTCARE'].includes(k.base);
    if (i > 0 && pointer && !nullable) console.log(JSON.stringify({ id: p.id, type, setup: [...setup, 'Z'].join(',') }));
    // Sizes: 0 where a size is due tells ARG_CONST_SIZE (refused) from ARG_CONST_SIZE_OR_ZERO.
    if (i > 0 && (k.base === 'ARG_CONST_SIZE' || k.base === 'ARG_CONST_SIZE_OR_ZERO') && !prevNull) {
      const rest = p.args.slice(i + 1, p.argCount).map((a) => good(a, p.id));
      if (!rest.includes(undefined)) console.log(JSON.stringify({ id: p.id, type, setup: [...setup, 'Z', ...rest].join(',') }));
    }
    // A NULL buffer must come with size 0 (the kernel checks the pair).
    const g = prevNull && k.base === 'ARG_CONST_SIZE_OR_ZERO' ? '0' : good(k, p.id);
    if (g === undefined) break;
    setup.push(g);
    prevNull = nullable && pointer;
  }
  // Every argument set up: record what the call leaves in R0 (the return kind).
  if (setup.length === p.argCount) console.log(JSON.stringify({ id: p.id, type, setup: setup.join(','), ret: true }));
}
