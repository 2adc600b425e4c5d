/**
 * Map helpers: bpf_map_lookup_elem (1), update (2), delete (3), push (87), pop (88), peek (89),
 * bpf_map_lookup_percpu_elem (195), bpf_for_each_map_elem (164). Keys and values are read from the
 * program's memory with the map's sizes, like the kernel copies them; a bad pointer oopses.
 *
 * Does not: re-check argument types (the verifier's job); a map pointer the runtime does not know
 * oopses. Provenance: UAPI helper documentation (bpf.h); our own code.
 */
import type { HelperFn, VmApi } from '../../../vm/index.ts';
import { ArrayMap, EINVAL, HashMap, QueueMap, type BpfMap } from '../../maps/index.ts';
import type { HelperEnv } from './env.ts';

export function mapOf(env: HelperEnv, vm: VmApi, addr: bigint): BpfMap {
  const m = env.mapAt(addr);
  if (!m) vm.oops(`map pointer 0x${addr.toString(16)} is not a map`);
  return m;
}

const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(e));

export function mapHelpers(env: HelperEnv): Record<number, HelperFn> {
  const key = (vm: VmApi, m: BpfMap, p: bigint) => vm.readBytes(p, m.keySize);
  return {
    1: (vm, r1, r2) => {
      const m = mapOf(env, vm, r1);
      return m.lookup(key(vm, m, r2), env.cpu);
    },
    2: (vm, r1, r2, r3, r4) => {
      const m = mapOf(env, vm, r1);
      return neg(m.update(key(vm, m, r2), vm.readBytes(r3, m.valueSize), r4, env.cpu));
    },
    3: (vm, r1, r2) => {
      const m = mapOf(env, vm, r1);
      return neg(m.delete(key(vm, m, r2)));
    },
    87: (vm, r1, r2, r3) => {
      const m = mapOf(env, vm, r1);
      if (!(m instanceof QueueMap)) return neg(-EINVAL);
      return neg(m.push(vm.readBytes(r2, m.valueSize), r3));
    },
    88: (vm, r1, r2) => popPeek(env, vm, r1, r2, true),
    89: (vm, r1, r2) => popPeek(env, vm, r1, r2, false),
    195: (vm, r1, r2, r3) => {
      const m = mapOf(env, vm, r1);
      if (r3 >= BigInt(env.cpus)) return 0n;
      return m.perCpu ? m.lookup(key(vm, m, r2), Number(r3)) : 0n;
    },
    164: (vm, r1, r2, r3, r4) => forEach(env, vm, r1, r2, r3, r4),
  };
}

function popPeek(env: HelperEnv, vm: VmApi, r1: bigint, r2: bigint, remove: boolean): bigint {
  const m = mapOf(env, vm, r1);
  if (!(m instanceof QueueMap)) return neg(-EINVAL);
  const v = m.take(remove);
  if (typeof v === 'number') {
    vm.writeBytes(r2, new Uint8Array(m.valueSize)); // the kernel clears the buffer on -ENOENT
    return neg(v);
  }
  vm.writeBytes(r2, v);
  return 0n;
}

/**
 * bpf_for_each_map_elem(map, callback, ctx, flags): calls callback(map, key*, value*, ctx) for each
 * element until it returns 1; returns the number of elements visited. Flags must be 0.
 * Keys are handed on the stack in the kernel; here in a scratch region freed afterwards.
 */
function forEach(env: HelperEnv, vm: VmApi, r1: bigint, fn: bigint, ctx: bigint, flags: bigint): bigint {
  const m = mapOf(env, vm, r1);
  if (flags !== 0n) return neg(-EINVAL);
  if (!(m instanceof ArrayMap) && !(m instanceof HashMap)) return neg(-EINVAL);
  const keyRegion = vm.alloc('heap', Math.max(m.keySize, 8), { name: 'for_each key' });
  let n = 0n;
  try {
    const keys = m instanceof ArrayMap ? Array.from({ length: m.maxEntries }, (_, i) => i) : m.entries().map((e) => e.key);
    for (const k of keys) {
      const kb = typeof k === 'number' ? new Uint8Array(new Uint32Array([k]).buffer) : k;
      const val = m.lookup(kb, env.cpu);
      if (val === 0n) continue;
      vm.memory.bytes.set(kb, keyRegion.offset);
      n++;
      const ret = vm.callFunction(fn, [r1, keyRegion.base, val, ctx]);
      if (ret === 1n) break;
    }
  } finally {
    vm.free(keyRegion);
  }
  return n;
}
