/**
 * Traffic scenarios: named, seeded packet sources for the virtual NIC. A scenario is a planner —
 * a function from "the next packet" to an `Intent` (which interface, what kind of packet, and
 * its `PacketSpec`) — driven by a seeded PRNG, plus a clock that spaces packets at the
 * scenario's rate with ±25% jitter. `packets()` builds the bytes; `counts()` tallies the intents
 * without building anything, so the tallies are the scenario's own record of what it sent and are
 * independent of both the builder's bytes and any program under test. (Tests check the two agree
 * by running the bytes through tshark.)
 *
 * Same seed, same options → the same intents, bytes and timestamps, in every engine: all
 * randomness is the integer PRNG of ../rng.ts and timestamps are exact BigInt nanoseconds.
 *
 * Counting rules (what `counts()` means): a packet counts under a layer when its spec has that
 * layer record (so an IPv6 non-first fragment carrying UDP bytes as payload counts as ipv6 but not
 * udp); `tcpSyn` counts SYN-without-ACK; `udpDport` counts both families, `udp4Dport` IPv4 only.
 *
 * The scenario planners themselves live in traffic.ts; an intent may carry a faster `build`
 * (a patched template, template.ts) that gives the same bytes as `buildPacket(spec)`.
 * Deliberately not here: delivery to programs, verdicts, TX (drive.ts). Provenance: our own code.
 */
import { DiagCode } from '../../diag/codes.ts';
import type { Diagnostic } from '../../diag/diagnostic.ts';
import { Rng, type Seed } from '../rng.ts';
import { formatIPv6, parseIP } from './addr.ts';
import { buildPacket, frameArena } from './build.ts';
import { interfaceByIndex, rssQueue } from './interfaces.ts';
import type { Addr, PacketSpec } from './spec.ts';
import { SCENARIO_DEFS } from './traffic.ts';

/** A packet arriving at a simulated interface. */
export interface SimPacket {
  /** Arrival time, nanoseconds since the Unix epoch (simulated clock). */
  timestampNs: bigint;
  ifindex: number;
  rxQueue: number;
  /**
   * The frame. It may be a view into a buffer shared with other packets (template.ts carves
   * frames out of 1 MiB chunks): use `bytes.slice()` before transferring its buffer to a worker.
   */
  bytes: Uint8Array;
}

/** What a planner decides to send next. */
export interface Intent {
  ifindex: number;
  /** Scenario-specific category (`iperf`, `flood-syn`, `dns-response`, …), tallied in counts.kinds. */
  kind: string;
  spec: PacketSpec;
  /**
   * A faster way to the same bytes as `buildPacket(spec)` (a patched template, template.ts), for
   * bulk streams; scenario tests check the two agree packet by packet.
   */
  build?: (spec: PacketSpec) => Uint8Array;
}

/** The planner for one run: returns the i-th packet's intent. Stateful; made fresh per run. */
export type Planner = (i: number) => Intent;

export interface ScenarioOptions {
  /** PRNG seed (default 1). */
  seed?: Seed;
  /** Number of packets (default: the scenario's). */
  count?: number;
  /** Mean packets per second (default: the scenario's). */
  ratePps?: number;
  /** Time of the first packet, ns since the epoch (default 2026-01-01T00:00:00Z). */
  startNs?: bigint;
  /** UDP payload bytes of the iperf stream (default 1470, iperf2's default datagram). */
  payloadLen?: number;
}

export interface ScenarioDef {
  name: string;
  description: string;
  defaultCount: number;
  defaultRatePps: number;
  makePlanner(rng: Rng, opts: Required<ScenarioOptions>): Planner;
}

export interface ScenarioCounts {
  total: number;
  byIfindex: Record<number, number>;
  /** Keyed `ifindex/queue`. */
  byQueue: Record<string, number>;
  arp: number;
  ipv4: number;
  ipv6: number;
  vlan: number;
  tcp: number;
  udp: number;
  icmp: number;
  icmpv6: number;
  /** TCP segments with SYN set and ACK clear. */
  tcpSyn: number;
  udpDport: Record<number, number>;
  udp4Dport: Record<number, number>;
  tcpDport: Record<number, number>;
  /** SYN-without-ACK segments per destination port. */
  tcpSynDport: Record<number, number>;
  /** Distinct IPv4/IPv6 source addresses. */
  srcAddrs: number;
  kinds: Record<string, number>;
}

/** An intent with its place in time and its RX queue. */
export interface TimedIntent extends Intent {
  index: number;
  timestampNs: bigint;
  rxQueue: number;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly options: Readonly<Required<ScenarioOptions>>;
  /** The packets, built (a fresh, identical sequence on every call). */
  packets(): Generator<SimPacket, void, undefined>;
  /** The intents without building bytes. */
  intents(): Generator<TimedIntent, void, undefined>;
  /** The scenario's own tally of what it sends. */
  counts(): ScenarioCounts;
}

/** 2026-01-01T00:00:00Z in nanoseconds. */
export const DEFAULT_START_NS = 1_767_225_600_000_000_000n;

export function scenarioNames(): string[] {
  return SCENARIO_DEFS.map((d) => d.name);
}

export function scenarioDef(name: string): ScenarioDef | undefined {
  return SCENARIO_DEFS.find((d) => d.name === name);
}

/** Make a scenario by name; unknown names and bad options are diagnostics, never exceptions. */
export function createScenario(name: string, opts: ScenarioOptions = {}): { value: Scenario | undefined; diagnostics: Diagnostic[] } {
  const def = scenarioDef(name);
  const bad = (message: string): { value: undefined; diagnostics: Diagnostic[] } =>
    ({ value: undefined, diagnostics: [{ code: DiagCode.BadOption, severity: 'error', message }] });
  if (!def) return bad(`unknown scenario '${name}' (known: ${scenarioNames().join(', ')})`);
  const count = opts.count ?? def.defaultCount;
  const ratePps = opts.ratePps ?? def.defaultRatePps;
  const payloadLen = opts.payloadLen ?? 1470;
  if (!Number.isSafeInteger(count) || count < 0) return bad(`scenario count must be a non-negative integer, got ${count}`);
  if (!(ratePps > 0) || !Number.isFinite(ratePps)) return bad(`scenario rate must be a positive number of packets per second, got ${ratePps}`);
  if (!Number.isInteger(payloadLen) || payloadLen < 12 || payloadLen > 9000) return bad(`iperf payload length must be 12..9000 bytes, got ${payloadLen}`);
  const options: Required<ScenarioOptions> = {
    seed: opts.seed ?? 1, count, ratePps, startNs: opts.startNs ?? DEFAULT_START_NS, payloadLen,
  };
  return { value: new ScenarioImpl(def, options), diagnostics: [] };
}

class ScenarioImpl implements Scenario {
  constructor(private readonly def: ScenarioDef, readonly options: Required<ScenarioOptions>) {}
  get name(): string {
    return this.def.name;
  }
  get description(): string {
    return this.def.description;
  }

  *intents(): Generator<TimedIntent, void, undefined> {
    const root = new Rng(this.options.seed);
    const plan = this.def.makePlanner(root.fork(`plan:${this.def.name}`), this.options);
    const clock = root.fork('clock');
    const interval = 1e9 / this.options.ratePps;
    let t = this.options.startNs;
    for (let i = 0; i < this.options.count; i++) {
      const it = plan(i);
      yield { ifindex: it.ifindex, kind: it.kind, spec: it.spec, build: it.build, index: i, timestampNs: t, rxQueue: queueOf(it) };
      // next arrival: interval × U[0.75, 1.25], in whole nanoseconds (at least 1)
      t += BigInt(Math.max(1, Math.round((interval * (750 + clock.int(501))) / 1000)));
    }
  }

  *packets(): Generator<SimPacket, void, undefined> {
    const alloc = frameArena();
    for (const it of this.intents()) {
      yield { timestampNs: it.timestampNs, ifindex: it.ifindex, rxQueue: it.rxQueue, bytes: it.build ? it.build(it.spec) : buildPacket(it.spec, alloc) };
    }
  }

  counts(): ScenarioCounts {
    const c: ScenarioCounts = {
      total: 0, byIfindex: {}, byQueue: {}, arp: 0, ipv4: 0, ipv6: 0, vlan: 0, tcp: 0, udp: 0, icmp: 0, icmpv6: 0,
      tcpSyn: 0, udpDport: {}, udp4Dport: {}, tcpDport: {}, tcpSynDport: {}, srcAddrs: 0, kinds: {},
    };
    const src4 = new Set<number>();
    const src6 = new Set<string>();
    const inc = (r: Record<string | number, number>, k: string | number): void => {
      r[k] = (r[k] ?? 0) + 1;
    };
    for (const it of this.intents()) {
      const s = it.spec;
      c.total++;
      inc(c.byIfindex, it.ifindex);
      inc(c.byQueue, `${it.ifindex}/${it.rxQueue}`);
      inc(c.kinds, it.kind);
      if (s.arp) c.arp++;
      if (s.vlan) c.vlan++;
      if (s.ipv4) {
        c.ipv4++;
        const b = addrBytes(s.ipv4.src);
        src4.add(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0);
      }
      if (s.ipv6) {
        c.ipv6++;
        src6.add(formatIPv6(addrBytes(s.ipv6.src)));
      }
      if (s.icmp) c.icmp++;
      if (s.icmpv6) c.icmpv6++;
      if (s.udp) {
        c.udp++;
        inc(c.udpDport, s.udp.dport);
        if (s.ipv4) inc(c.udp4Dport, s.udp.dport);
      }
      if (s.tcp) {
        c.tcp++;
        inc(c.tcpDport, s.tcp.dport);
        const f = s.tcp.flags;
        const syn = typeof f === 'number' ? (f & 0x12) === 0x02 : f !== undefined && /S/i.test(f) && !/[A.]/i.test(f);
        if (syn) {
          c.tcpSyn++;
          inc(c.tcpSynDport, s.tcp.dport);
        }
      }
    }
    c.srcAddrs = src4.size + src6.size;
    return c;
  }
}

function addrBytes(a: Addr): Uint8Array {
  return a instanceof Uint8Array ? a : parseIP(a)?.bytes ?? new Uint8Array(4);
}

/**
 * RX queue of an intent: RSS over its 5-tuple; packets without an L4 record (fragments, IGMP) hash
 * on the addresses alone; non-IP traffic goes to queue 0. replay.ts applies the same rule to bytes.
 */
function queueOf(it: Intent): number {
  const n = interfaceByIndex(it.ifindex)?.rxQueues ?? 1;
  const s = it.spec;
  const l3 = s.ipv4 ?? s.ipv6;
  if (!l3 || n <= 1) return 0;
  const proto = s.tcp ? 6 : s.udp ? 17 : s.icmp ? 1 : s.icmpv6 ? 58 : 0;
  const l4 = s.tcp ?? s.udp;
  return rssQueue(n, addrBytes(l3.src), addrBytes(l3.dst), proto, l4?.sport ?? 0, l4?.dport ?? 0);
}
