/**
 * Ring-buffer and perf-buffer helpers: bpf_ringbuf_output (130), reserve (131), submit (132),
 * discard (133), query (134), bpf_perf_event_output (25; with BPF_F_CTXLEN_MASK the XDP / skb
 * variants append that many packet bytes, -EFAULT past the packet). Records committed to a ring buffer are
 * read by the run's user-space consumer (src/kernel/run) in order.
 *
 * bpf_perf_event_output: flags other than the index and BPF_F_CTXLEN_MASK are -EINVAL, an index
 * past max_entries -E2BIG, a slot without an event -ENOENT, another CPU's slot -EOPNOTSUPP (the
 * event must be on the running CPU), a full perf ring -ENOSPC (counted as lost; see
 * PerfEventArrayMap.setReader).
 *
 * Deliberate difference: perf_event_array slots count as opened by a reader for every CPU index
 * (as libbpf's perf_buffer does); the kernel returns -ENOENT for a slot no perf event was put in.
 * Provenance: Documentation/bpf/ringbuf.rst, UAPI helper docs; our own code.
 */
import type { HelperFn, VmApi } from '../../../vm/index.ts';
import { E2BIG, EINVAL, ENOENT, EOPNOTSUPP, RingBufMap, PerfEventArrayMap } from '../../maps/index.ts';
import type { HelperEnv } from './env.ts';
import { mapOf } from './maps.ts';

const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));
export const BPF_F_CURRENT_CPU = 0xffffffffn;
export const BPF_F_CTXLEN_MASK = 0xfffffn << 32n;

function ringOf(env: HelperEnv, vm: VmApi, addr: bigint): RingBufMap {
  for (const m of env.maps()) {
    if (m instanceof RingBufMap && addr >= m.data.base + 8n && addr < m.data.base + BigInt(2 * m.maxEntries)) return m;
  }
  vm.oops(`bpf_ringbuf_submit/discard: 0x${addr.toString(16)} is not a ring-buffer record`);
}

export function ringbufHelpers(env: HelperEnv): Record<number, HelperFn> {
  const ring = (vm: VmApi, a: bigint): RingBufMap => {
    const m = mapOf(env, vm, a);
    if (!(m instanceof RingBufMap)) vm.oops(`map ${m.name} is not a ring buffer`);
    return m;
  };
  const finish = (discard: boolean): HelperFn => (vm, r1, r2) => {
    const m = ringOf(env, vm, r1);
    if (!m.commit(r1, discard)) vm.oops(`ring-buffer record at 0x${r1.toString(16)} was already submitted or discarded`);
    void r2;
    return 0n;
  };
  return {
    130: (vm, r1, r2, r3, r4) => neg(-ring(vm, r1).output(vm.readBytes(r2, Number(r3)), r4)),
    131: (vm, r1, r2, r3) => ring(vm, r1).reserve(Number(r2 > 0xffffffffn ? 0xffffffffn : r2), r3),
    132: finish(false),
    133: finish(true),
    134: (vm, r1, r2) => ring(vm, r1).query(r2),
    25: (vm, _r1, r2, r3, r4, r5) => {
      const m = mapOf(env, vm, r2);
      if (!(m instanceof PerfEventArrayMap)) return neg(EINVAL);
      if ((r3 & ~(0xffffffffn | BPF_F_CTXLEN_MASK)) !== 0n) return neg(EINVAL);
      // XDP / skb variants: BPF_F_CTXLEN_MASK asks for that many packet bytes after the data,
      // checked against the packet before the perf event is looked at (-EFAULT past its end);
      // the tracing variant takes no ctx length (-EINVAL).
      const ctxLen = Number((r3 & BPF_F_CTXLEN_MASK) >> 32n);
      const p = env.packet;
      if (ctxLen && !p) return neg(EINVAL);
      if (ctxLen && p && ctxLen > Number(p.dataEnd - p.data)) return neg(14);
      let idx = r3 & 0xffffffffn;
      if (idx === BPF_F_CURRENT_CPU) idx = BigInt(env.cpu);
      if (idx >= BigInt(m.maxEntries)) return neg(E2BIG);
      if (idx >= BigInt(env.cpus) || !m.attached) return neg(ENOENT);
      // slot i holds CPU i's event: another CPU's event cannot be written from here
      if (idx !== BigInt(env.cpu)) return neg(EOPNOTSUPP);
      let data = vm.readBytes(r4, Number(r5));
      if (ctxLen && p) {
        const both = new Uint8Array(data.length + ctxLen);
        both.set(data);
        both.set(vm.readBytes(p.data, ctxLen), data.length);
        data = both;
      }
      const room = m.reserveSample(env.cpu, data.length);
      if (room) return neg(-room);
      env.event(m.name, data);
      return 0n;
    },
  };
}
