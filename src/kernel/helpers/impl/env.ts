/**
 * What helper implementations see of the simulated kernel besides the VM (`VmApi`): maps by
 * address, the CPU the program runs on, the clock, the seeded random generator, the current task,
 * the trace_pipe and event sinks, the packet being processed and the program-type state a helper
 * may change (redirect target, tail-call resolution).
 *
 * Does not: implement anything (src/kernel/run builds an env per run). Provenance: our own design.
 */
import type { Insn } from '../../../isa/insn.ts';
import type { LdImm64Resolver, Region } from '../../../vm/index.ts';
import type { BpfMap } from '../../maps/index.ts';
import type { ProgTypeName } from '../../progtypes/ids.ts';

/** The simulated process a program runs "in" (bpf_get_current_*). */
export interface SimTask {
  comm: string;
  pid: number;
  tgid: number;
  uid: number;
  gid: number;
}

/** An XDP buffer (xdp_buff): addresses in VM memory. */
export interface XdpBuff {
  kind: 'xdp';
  region: Region;
  hardStart: bigint;
  data: bigint;
  dataEnd: bigint;
  dataMeta: bigint;
  /** Highest data_end (hard start + frame size - tailroom). */
  hardEnd: bigint;
}

/** A socket buffer: `data` is where skb->data points, `mac` / `network` the header starts. */
export interface SkbBuff {
  kind: 'skb';
  region: Region;
  head: bigint;
  data: bigint;
  dataEnd: bigint;
  mac: bigint;
  network: bigint;
  /** Highest tail (the end of the buffer, before skb_shared_info). */
  end: bigint;
}

export type PacketBuff = XdpBuff | SkbBuff;

export interface RedirectState {
  ifindex: number;
  flags: number;
  /** Map and key when set by bpf_redirect_map. */
  map?: string;
  key?: number;
}

export interface TailTarget {
  insns: readonly Insn[];
  resolve?: LdImm64Resolver;
}

export interface HelperEnv {
  readonly progType: ProgTypeName;
  readonly cpu: number;
  readonly cpus: number;
  mapAt(addr: bigint): BpfMap | undefined;
  /** Every map of the kernel (ring-buffer submit finds its map by the record address). */
  maps(): Iterable<BpfMap>;
  /** CLOCK_MONOTONIC ns (bpf_ktime_get_ns). */
  monoNs(): bigint;
  /** CLOCK_BOOTTIME ns. */
  bootNs(): bigint;
  /** A seeded u32 (bpf_get_prandom_u32). */
  random(): number;
  readonly task: SimTask;
  /** Append one message to trace_pipe (the run formats the line). */
  tracePrintk(msg: string): void;
  /** A ring-buffer / perf record was produced. */
  event(source: string, data: Uint8Array): void;
  packet?: PacketBuff;
  /** Called after a helper moved packet pointers, so the context sees them. */
  packetChanged(): void;
  redirect?: RedirectState;
  /** The program in `map` (a prog_array) at `index`, for bpf_tail_call. */
  tailTarget(map: BpfMap, index: number): TailTarget | undefined;
}
