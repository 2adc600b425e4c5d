/**
 * The packet driver: the virtual NIC delivering a stream of packets (a scenario, a replayed
 * capture) to a loaded program at its attach point, and doing what the verdict says.
 *
 *   drivePackets(kernel: Kernel, prog: LoadedProgram, source: Scenario | Iterable<SimPacket>,
 *                opts?: DriveOptions): DriveResult
 *   drivePacketsAsync(kernel, prog, source, opts?): Promise<DriveResult>
 *       // the same, yielding to the event loop after every batch (a worker stays responsive and
 *       // sees its cancel message; `opts.cancel()` is polled once per batch)
 *   createDrive(kernel, prog, source, opts?): { step(max: number): boolean; result(): DriveResult }
 *       // the engine of both: `step` runs up to `max` packets, false once the source is done
 *
 * Attach points, by program type:
 *   xdp          every interface's RX queues (or `opts.ifindex` only); xdp_md carries the packet's
 *                ingress_ifindex and rx_queue_index. XDP_PASS goes up the stack; XDP_DROP and
 *                XDP_ABORTED (and unknown actions, as bpf_warn_invalid_xdp_action) drop; XDP_TX
 *                sends the frame, as the program left it, back out of the RX interface; XDP_REDIRECT
 *                follows the run's redirect target: bpf_redirect(ifindex) / a devmap slot → that
 *                interface's TX (dropped when there is no such interface); an xskmap slot → the
 *                AF_XDP socket in it, which receives the frame only when it is bound to the packet's
 *                interface and queue (else the redirect fails and the frame is dropped, as xsk_rcv
 *                refuses it); a cpumap slot → counted per CPU and passed up the stack.
 *   tc           ingress (default) or egress (`opts.tcHook`). Egress traffic is the host's replies:
 *                each scenario packet mirrored (MACs, IP addresses and ports swapped — checksums
 *                stay valid, a swap does not change a ones'-complement sum). TC_ACT_OK/UNSPEC pass
 *                (ingress: to the stack; egress: out of the interface), SHOT drops, STOLEN is
 *                consumed, REDIRECT goes to the target's TX (or its ingress with BPF_F_INGRESS).
 *   socket       a packet socket (AF_PACKET, SOCK_DGRAM: the filter sees the packet from the
 *                network header, as the test run shows it) bound to every interface or
 *                `opts.ifindex`; the socket receives min(retval, len) bytes, 0 = not received.
 *                Or, with `opts.socket.udpPort`, a UDP socket bound to that port: the filter
 *                sees only datagrams to it, from the UDP header, and the application receives
 *                the payload of the first max(8, retval) bytes.
 *   cgroup_skb   ingress to the host's cgroup: bit 0 of the return allows, else the packet drops.
 *
 * An AF_XDP socket is bound to every RX queue of eth0 (or of `opts.ifindex`) and put into every
 * empty slot of the program's xskmaps whose index is that queue, as xdpsock does at start-up.
 * Kept for the UI (all bounded): the first `opts.sample` packets before/after with their verdict,
 * the first `opts.keepFrames` frames each TX queue, AF_XDP socket and packet socket received,
 * the first 100 trace_pipe lines and events. Counts are exact.
 *
 * Does not: loop redirected frames back into programs (a TX'd frame leaves the host), model
 * queue-full drops, or run several programs on one packet. Provenance: verdict semantics from the
 * UAPI docs (bpf.h, AF_XDP.rst, tc-bpf(8)); our own code.
 */
import { PerfEventArrayMap, RedirectMap, RingBufMap } from '../../kernel/maps/index.ts';
import type { Kernel, LoadedProgram, PacketRun, PacketRunner } from '../../kernel/run/kernel.ts';
import { IFINDEX_ETH0, INTERFACES, interfaceByIndex } from './interfaces.ts';
import type { Scenario, SimPacket } from './scenario.ts';

export interface DriveOptions {
  /** 'fast' (default): the WebAssembly engine; 'ref': the reference interpreter. */
  engine?: 'ref' | 'fast';
  /** Instruction budget per packet. */
  budget?: number;
  /** tc and cgroup_skb programs: 'ingress' (default) or 'egress' (the host's replies, see above). */
  tcHook?: 'ingress' | 'egress';
  /** Attach to this interface only (default: every interface); other traffic bypasses the program. */
  ifindex?: number;
  /** Packets kept before/after for the packet list (default 200, the first ones). */
  sample?: number;
  /** Frames kept per TX queue / AF_XDP socket / packet socket (default 100). */
  keepFrames?: number;
  /** Ring/perf records kept in `events` (default 100; `eventCount` counts them all). */
  keepEvents?: number;
  /** Call `onBatch` every this many packets (default 10000). */
  batch?: number;
  onBatch?: (p: DriveProgress) => void;
  /** Polled once per batch; true stops the run (the result says `cancelled`). */
  cancel?: () => boolean;
  /** Stop after this many packets (default: all the source has). */
  limit?: number;
  /**
   * The user-space reader of ring and perf buffers. Default: it keeps up (reads after every
   * packet, perf buffers unbounded). With `pollEvery` it wakes up once per that many packets and
   * reads every ring buffer, then each CPU's perf buffer in CPU order; with `perfPages` each CPU's
   * perf buffer holds that many 4 KiB pages and samples that do not fit are lost (-ENOSPC to the
   * program, a "lost N samples" record to the reader).
   */
  reader?: { pollEvery: number; perfPages?: number };
  /**
   * Socket filters: attach to a UDP socket bound to this port instead of a packet socket. Only
   * UDP datagrams to the port reach it (others bypass the filter), and the filter sees each from
   * its UDP header, as on a real UDP socket (the IP header is already pulled); the application
   * receives the payload of the first max(8, retval) bytes (sk_filter_trim_cap with the UDP
   * header as the floor), nothing for 0.
   */
  socket?: { udpPort: number };
  /**
   * Called after each packet with where it went (`PacketSample.fate`) and the run (undefined for
   * packets that bypassed the program); `run.packet.view()` is the packet as the program left it
   * (for a socket filter, what the socket got is the first min(retval, len) bytes from offset 14).
   */
  onPacket?: (p: SimPacket, fate: string, run: PacketRun | undefined) => void;
}

export interface DriveProgress {
  done: number;
  /** The scenario's packet count, when known. */
  total?: number;
  verdicts: Readonly<Record<string, number>>;
  elapsedMs: number;
}

/** A frame as something received or sent it. */
export interface Frame {
  /** Index of the scenario packet it came from. */
  index: number;
  timestampNs: bigint;
  bytes: Uint8Array;
}

export interface PacketSample {
  index: number;
  timestampNs: bigint;
  ifindex: number;
  rxQueue: number;
  /** What the program got. */
  before: Uint8Array;
  /** The packet as the program left it, when it changed it. */
  after?: Uint8Array;
  retval: number;
  verdict: string;
  steps: number;
  /** Where the packet went: 'stack', 'drop', 'tx eth0', 'xsk queue 1', 'socket', 'redirect-error', … */
  fate: string;
  oops?: string;
}

export interface InterfaceStats {
  ifindex: number;
  name: string;
  /** Packets that arrived (RX) or were handed to the program at egress. */
  rx: number;
  /** Up the stack (ingress) or onward from the hook. */
  passed: number;
  dropped: number;
  /** Frames sent out of this interface (XDP_TX, redirects to it, tc egress passes). */
  tx: number;
  txFrames: Frame[];
}

export interface XskSocket {
  map: string;
  /** xskmap slot = the queue it is bound to. */
  queue: number;
  ifindex: number;
  received: number;
  frames: Frame[];
}

export interface DriveResult {
  progType: string;
  packets: number;
  cancelled: boolean;
  /** By verdict: XDP_DROP, TC_ACT_OK, …; socket filters 'keep' / 'drop' (0); cgroup_skb 'allow' / 'drop'; 'oops', 'error'. */
  verdicts: Record<string, number>;
  interfaces: InterfaceStats[];
  xsk: XskSocket[];
  /** Socket filters: what the packet socket received. */
  socket?: { received: number; bytes: number; frames: Frame[] };
  /** cpumap redirects by CPU. */
  cpuRedirects: Record<number, number>;
  redirectErrors: number;
  /** Packets on interfaces the program is not attached to (went up the stack untouched). */
  bypassed: number;
  oopses: number;
  firstOops?: { index: number; message: string };
  /** Packets the context refused (too short for the type, …). */
  errors: number;
  firstError?: { index: number; message: string };
  /** Instructions executed, over all packets. */
  steps: number;
  maxSteps: number;
  tracePipe: string[];
  tracePipeLines: number;
  /**
   * Records as the reader got them (the first `keepEvents`): `index` is the packet that produced a perf
   * record, or after which the reader polled; `cpu` is the perf buffer's CPU.
   */
  events: Array<{ index: number; map: string; kind: 'ringbuf' | 'perf'; data: Uint8Array; cpu?: number }>;
  eventCount: number;
  /** Perf samples lost per map (buffers full when the reader polls late). */
  perfLost: Record<string, number>;
  samples: PacketSample[];
  elapsedMs: number;
}

const XDP_NAMES = ['XDP_ABORTED', 'XDP_DROP', 'XDP_PASS', 'XDP_TX', 'XDP_REDIRECT'];
const BPF_F_INGRESS = 1;

export interface Drive {
  /** Run up to `max` more packets; false when the source is exhausted, the limit reached or cancelled. */
  step(max: number): boolean;
  result(): DriveResult;
}

export function createDrive(kernel: Kernel, prog: LoadedProgram, source: Scenario | Iterable<SimPacket>, opts: DriveOptions = {}): Drive {
  const t0 = performance.now();
  const isScenario = (s: Scenario | Iterable<SimPacket>): s is Scenario => typeof (s as Scenario).counts === 'function';
  const total = isScenario(source) ? source.options.count : undefined;
  const it = (isScenario(source) ? source.packets() : source)[Symbol.iterator]();
  const reader = opts.reader && opts.reader.pollEvery > 1 ? opts.reader : undefined;
  const pr = kernel.packetRunner(prog, { engine: opts.engine ?? 'fast', budget: opts.budget, consumeRingbuf: !reader });
  const perfMaps = kernel.maps.filter((m): m is PerfEventArrayMap => m instanceof PerfEventArrayMap);
  const ringMaps = kernel.maps.filter((m): m is RingBufMap => m instanceof RingBufMap);
  if (reader?.perfPages) for (const m of perfMaps) m.setReader(reader.perfPages);
  /** Perf records written but not yet read, per CPU. */
  const perfPending: Array<Array<{ index: number; map: string; data: Uint8Array }>> = Array.from({ length: kernel.cpus }, () => []);
  const type = prog.type;
  const sampleMax = opts.sample ?? 200;
  const keep = opts.keepFrames ?? 100;
  const keepEvents = opts.keepEvents ?? 100;
  const batch = Math.max(1, opts.batch ?? 10000);
  const limit = opts.limit ?? Infinity;
  const egress = type === 'sched_cls' || type === 'sched_act' || type === 'cgroup_skb' ? opts.tcHook === 'egress' : false;
  const res: DriveResult = {
    progType: type, packets: 0, cancelled: false, verdicts: {}, interfaces: INTERFACES.map((i) => ({ ifindex: i.ifindex, name: i.name, rx: 0, passed: 0, dropped: 0, tx: 0, txFrames: [] })),
    xsk: [], cpuRedirects: {}, redirectErrors: 0, bypassed: 0, oopses: 0, errors: 0, steps: 0, maxSteps: 0,
    tracePipe: [], tracePipeLines: 0, events: [], eventCount: 0, perfLost: {}, samples: [], elapsedMs: 0,
    ...(type === 'socket_filter' ? { socket: { received: 0, bytes: 0, frames: [] } } : {}),
  };
  if ('error' in pr) {
    res.errors = 1;
    res.firstError = { index: 0, message: pr.error };
    return { step: () => false, result: () => res };
  }
  const runner: PacketRunner = pr;
  bindXsks(kernel, res, opts.ifindex ?? IFINDEX_ETH0);
  const ifStats = new Map(res.interfaces.map((s) => [s.ifindex, s]));
  const xskBy = new Map(res.xsk.map((x) => [`${x.map}/${x.queue}`, x]));
  let done = false;
  let nextBatch = batch;
  /** Index of the packet being handled. */
  let cur = 0;
  /** UDP socket mode: where the packet's UDP header starts. */
  let curOff: number | undefined;
  const udpPort = type === 'socket_filter' ? opts.socket?.udpPort : undefined;

  const count = (name: string) => {
    res.verdicts[name] = (res.verdicts[name] ?? 0) + 1;
  };
  const tx = (ifindex: number, p: SimPacket, r: PacketRun): string => {
    const s = ifStats.get(ifindex);
    if (!s) {
      res.redirectErrors++;
      return 'redirect-error';
    }
    s.tx++;
    if (s.txFrames.length < keep) s.txFrames.push({ index: cur, timestampNs: p.timestampNs, bytes: r.packet.output() });
    return `tx ${s.name}`;
  };

  /** The fate of one packet after its run. */
  const fate = (p: SimPacket, r: PacketRun, st: InterfaceStats): string => {
    const v = r.retval;
    if (type === 'xdp') {
      if (v === 2) return pass(st);
      if (v === 3) return tx(p.ifindex, p, r);
      if (v === 4 && r.redirect) return redirectXdp(p, r, st);
      st.dropped++;
      return 'drop';
    }
    if (type === 'sched_cls' || type === 'sched_act') {
      if (v === 0 || v === 0xffffffff || v === 3) return egress ? tx(p.ifindex, p, r) : pass(st);
      if (v === 7 && r.redirect) {
        const t = r.redirect.ifindex;
        if (r.redirect.flags & BPF_F_INGRESS) {
          const s = ifStats.get(t);
          if (!s) {
            res.redirectErrors++;
            return 'redirect-error';
          }
          s.passed++;
          return `ingress ${s.name}`;
        }
        return tx(t, p, r);
      }
      if (v === 4) return 'stolen';
      st.dropped++;
      return 'drop';
    }
    if (type === 'socket_filter') {
      st.passed++;
      if (v === 0) return 'filtered';
      const sock = res.socket!;
      if (curOff !== undefined) {
        // a UDP socket: the datagram trimmed to max(8, retval), the application gets its payload
        const n = Math.min(Math.max(8, v), p.bytes.length - curOff) - 8;
        sock.received++;
        sock.bytes += n;
        if (sock.frames.length < keep) sock.frames.push({ index: cur, timestampNs: p.timestampNs, bytes: p.bytes.slice(curOff + 8, curOff + 8 + n) });
        return 'socket';
      }
      const len = r.packet.view().length - 14;
      const n = Math.min(v, len);
      sock.received++;
      sock.bytes += n;
      if (sock.frames.length < keep) sock.frames.push({ index: cur, timestampNs: p.timestampNs, bytes: p.bytes.slice(14, 14 + n) });
      return 'socket';
    }
    // cgroup_skb
    if (v & 1) return egress ? tx(p.ifindex, p, r) : pass(st);
    st.dropped++;
    return 'drop';
  };
  const pass = (st: InterfaceStats): string => {
    st.passed++;
    return 'stack';
  };
  const redirectXdp = (p: SimPacket, r: PacketRun, st: InterfaceStats): string => {
    const rd = r.redirect!;
    const m = rd.map !== undefined ? kernel.map(rd.map) : undefined;
    if (!m) return tx(rd.ifindex, p, r);
    if (m.type === 'xskmap') {
      const x = xskBy.get(`${m.name}/${rd.key}`);
      if (!x || x.ifindex !== p.ifindex || x.queue !== p.rxQueue) {
        res.redirectErrors++;
        st.dropped++;
        return 'redirect-error';
      }
      x.received++;
      if (x.frames.length < keep) x.frames.push({ index: cur, timestampNs: p.timestampNs, bytes: r.packet.output() });
      return `xsk queue ${x.queue}`;
    }
    if (m.type === 'cpumap') {
      res.cpuRedirects[rd.key ?? 0] = (res.cpuRedirects[rd.key ?? 0] ?? 0) + 1;
      st.passed++;
      return `cpu ${rd.key}`;
    }
    return tx(rd.ifindex, p, r);
  };

  const record = (e: DriveResult['events'][number]): void => {
    res.eventCount++;
    if (res.events.length < keepEvents) res.events.push(e);
  };
  /** The reader wakes up: every ring buffer in order, then each CPU's perf buffer. */
  const poll = (index: number): void => {
    for (const m of ringMaps) for (const d of m.consume()) record({ index, map: m.name, kind: 'ringbuf', data: d });
    perfPending.forEach((q, cpu) => {
      for (const e of q) record({ index: e.index, map: e.map, kind: 'perf', data: e.data, cpu });
      q.length = 0;
    });
    for (const m of perfMaps) {
      const lost = m.drain().reduce((a, b) => a + b, 0);
      if (lost) res.perfLost[m.name] = (res.perfLost[m.name] ?? 0) + lost;
    }
  };

  const one = (p: SimPacket): void => {
    const index = res.packets++;
    cur = index;
    const st = ifStats.get(p.ifindex) ?? res.interfaces[0];
    st.rx++;
    if (opts.ifindex !== undefined && p.ifindex !== opts.ifindex) {
      res.bypassed++;
      st.passed++;
      opts.onPacket?.(p, 'stack', undefined);
      return;
    }
    const frame = egress ? mirrorFrame(p.bytes) : p.bytes;
    if (udpPort !== undefined) {
      curOff = udpTo(frame, udpPort);
      if (curOff < 0) {
        res.bypassed++;
        st.passed++;
        opts.onPacket?.(p, 'stack', undefined);
        return;
      }
    }
    const r = runner.run(frame, { cpu: p.rxQueue % kernel.cpus, ifindex: p.ifindex, rxQueue: p.rxQueue, dataOffset: curOff });
    let name: string;
    let where: string;
    if (r.error) {
      res.errors++;
      res.firstError ??= { index, message: r.error.message };
      name = 'error';
      where = 'error';
    } else if (r.oops) {
      res.oopses++;
      res.firstOops ??= { index, message: r.oops.message };
      st.dropped++;
      name = 'oops';
      where = 'drop';
    } else {
      name = type === 'xdp' ? XDP_NAMES[r.retval] ?? `invalid action ${r.retval}`
        : type === 'socket_filter' ? (r.retval ? 'keep' : 'drop')
          : type === 'cgroup_skb' ? (r.retval & 1 ? 'allow' : 'drop')
            : r.retvalName ?? String(r.retval);
      where = fate(p, r, st);
    }
    count(name);
    opts.onPacket?.(p, where, r);
    res.steps += r.steps;
    if (r.steps > res.maxSteps) res.maxSteps = r.steps;
    if (r.tracePipe.length) {
      res.tracePipeLines += r.tracePipe.length;
      for (const l of r.tracePipe) if (res.tracePipe.length < 100) res.tracePipe.push(l);
    }
    if (r.events.length) {
      for (const e of r.events) {
        if (reader && e.kind === 'perf') perfPending[p.rxQueue % kernel.cpus].push({ index, map: e.map, data: e.data });
        else record({ index, map: e.map, kind: e.kind, data: e.data, ...(e.kind === 'perf' ? { cpu: p.rxQueue % kernel.cpus } : {}) });
      }
    }
    if (reader && res.packets % reader.pollEvery === 0) poll(index);
    if (res.samples.length < sampleMax) {
      const changed = !r.error && r.packet.changed();
      res.samples.push({
        index, timestampNs: p.timestampNs, ifindex: p.ifindex, rxQueue: p.rxQueue, before: frame.slice(),
        ...(changed ? { after: r.packet.output() } : {}),
        retval: r.retval, verdict: name, steps: r.steps, fate: where, ...(r.oops ? { oops: r.oops.message } : {}),
      });
    }
  };

  return {
    step(max: number): boolean {
      if (done) return false;
      for (let k = 0; k < max; k++) {
        if (res.packets >= limit) {
          done = true;
          break;
        }
        const n = it.next();
        if (n.done) {
          done = true;
          break;
        }
        one(n.value);
        if (res.packets >= nextBatch) {
          nextBatch += batch;
          res.elapsedMs = performance.now() - t0;
          opts.onBatch?.({ done: res.packets, total, verdicts: res.verdicts, elapsedMs: res.elapsedMs });
          if (opts.cancel?.()) {
            res.cancelled = true;
            done = true;
            break;
          }
        }
      }
      if (done) {
        if (reader) poll(res.packets - 1);
        runner.free();
      }
      res.elapsedMs = performance.now() - t0;
      return !done;
    },
    result: () => res,
  };
}

/** Run every packet of `source` through `prog` (see the file comment). */
export function drivePackets(kernel: Kernel, prog: LoadedProgram, source: Scenario | Iterable<SimPacket>, opts: DriveOptions = {}): DriveResult {
  const d = createDrive(kernel, prog, source, opts);
  while (d.step(1 << 20));
  return d.result();
}

/** drivePackets, yielding to the event loop after every batch (`opts.batch` packets). */
export async function drivePacketsAsync(kernel: Kernel, prog: LoadedProgram, source: Scenario | Iterable<SimPacket>, opts: DriveOptions = {}): Promise<DriveResult> {
  const d = createDrive(kernel, prog, source, opts);
  const batch = Math.max(1, opts.batch ?? 10000);
  while (d.step(batch)) await new Promise<void>((r) => setTimeout(r, 0));
  return d.result();
}

/**
 * AF_XDP sockets: one per RX queue of `ifindex`, placed in each xskmap's empty slot of that index
 * (the value is the socket's fd; 1000 + queue here).
 */
function bindXsks(kernel: Kernel, res: DriveResult, ifindex: number): void {
  const nic = interfaceByIndex(ifindex) ?? interfaceByIndex(IFINDEX_ETH0)!;
  for (const m of kernel.maps) {
    if (!(m instanceof RedirectMap) || m.type !== 'xskmap') continue;
    for (let q = 0; q < Math.min(nic.rxQueues, m.maxEntries); q++) {
      const key = new Uint8Array(new Uint32Array([q]).buffer);
      if (m.target(q) === undefined) m.userUpdate(key, new Uint8Array(new Uint32Array([1000 + q]).buffer));
      res.xsk.push({ map: m.name, queue: q, ifindex: nic.ifindex, received: 0, frames: [] });
    }
  }
}

/**
 * Offset of the UDP header of an untagged IPv4 (unfragmented) or IPv6 (no extension headers)
 * datagram to `port`, else -1.
 */
function udpTo(b: Uint8Array, port: number): number {
  if (b.length < 14) return -1;
  const et = (b[12] << 8) | b[13];
  let o = -1;
  if (et === 0x0800 && b.length >= 34 && b[23] === 17 && (((b[20] & 0x3f) << 8) | b[21]) === 0) o = 14 + (b[14] & 15) * 4;
  else if (et === 0x86dd && b.length >= 54 && b[20] === 17) o = 54;
  if (o < 0 || o + 8 > b.length) return -1;
  return ((b[o + 2] << 8) | b[o + 3]) === port ? o : -1;
}

/**
 * The host's reply to a frame: Ethernet addresses swapped, and past any 802.1Q tags the IPv4 /
 * IPv6 addresses and the TCP / UDP ports swapped (IPv4 without fragments only for ports).
 * Checksums stay valid. Other frames get only their MACs swapped.
 */
export function mirrorFrame(f: Uint8Array): Uint8Array {
  const b = f.slice();
  const swap = (a: number, c: number, n: number) => {
    for (let k = 0; k < n; k++) {
      const t = b[a + k];
      b[a + k] = b[c + k];
      b[c + k] = t;
    }
  };
  if (b.length < 14) return b;
  swap(0, 6, 6);
  let o = 12;
  let et = (b[o] << 8) | b[o + 1];
  while ((et === 0x8100 || et === 0x88a8) && o + 6 <= b.length) {
    o += 4;
    et = (b[o] << 8) | b[o + 1];
  }
  o += 2;
  let l4 = -1;
  let proto = 0;
  if (et === 0x0800 && o + 20 <= b.length) {
    swap(o + 12, o + 16, 4);
    const ihl = (b[o] & 15) * 4;
    const frag = ((b[o + 6] & 0x3f) << 8) | b[o + 7];
    proto = b[o + 9];
    if (frag === 0) l4 = o + ihl;
  } else if (et === 0x86dd && o + 40 <= b.length) {
    swap(o + 8, o + 24, 16);
    proto = b[o + 6];
    l4 = o + 40;
  }
  if (l4 >= 0 && (proto === 6 || proto === 17) && l4 + 4 <= b.length) swap(l4, l4 + 2, 2);
  return b;
}
