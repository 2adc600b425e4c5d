/**
 * `ebpf-playground run FILE [--type T] [--packet HEX]... [--map SPEC]... [--maps] [--repeat N]
 *  [--mem HEX] [--budget N] [--trace] [--json] [--prog NAME] [--verify strict | --no-verify]`
 * (DESIGN.md "The command line").
 *
 * With --type (or --packet / --map) the program runs in the simulated kernel as BPF_PROG_TEST_RUN
 * runs it (src/kernel/run): fresh maps per invocation, one run per --packet against the same maps,
 * one JSON object per run. Without, it runs raw in the VM with the conformance convention (--mem).
 * On the kernel path each program is verified first, as the kernel verifies at load (runVerify.ts:
 * accepted → loaded verified, the fast engine's proven mode; rejected → a note and an unverified
 * run, or with --verify strict exit 1), and a .c / .o is loaded whole (prog_array and map-in-map
 * slots filled); the program run is the first by section order or --prog NAME.
 */
import { disassembleInsn } from '../isa/disasm.ts';
import { createKernel, parseMapSpec, type Kernel, type LoadedProgram, type RunOutcome } from '../kernel/run/index.ts';
import { ProgArrayMap } from '../kernel/maps/index.ts';
import type { Insn } from '../isa/insn.ts';
import type { MapSpec } from '../kernel/maps/index.ts';
import { hexOf } from '../kernel/maps/index.ts';
import { isSkbType } from '../kernel/run/context.ts';
import { progTypeForCli, progTypeForSection, CLI_TYPE_NAMES } from '../kernel/progtypes/progTypes.ts';
import { parseHex, toHex } from '../isa/hex.ts';
import { runProgram, type RunResult, type TraceStep } from '../vm/index.ts';
import { runFast } from '../vm/wasm/index.ts';
import { readCapture, writePcap, PcapWriter, type Capture } from '../sim/nic/pcap.ts';
import { writePcapng, PcapngWriter } from '../sim/nic/pcapng.ts';
import { createScenario, type Scenario } from '../sim/nic/scenario.ts';
import { drivePackets } from '../sim/nic/drive.ts';
import { readFileSync } from 'node:fs';
import { flag, has, intFlag, parseArgs, UsageError } from './args.ts';
import { extensionOf, loadProgram } from './input.ts';
import { loadForRun, type VerifyMode } from './runVerify.ts';
import type { Io } from './main.ts';
import { maybeRunTracing } from './runTracing.ts';
import { splitJoinedI } from './compileCmd.ts';

const hex64 = (v: bigint) => '0x' + v.toString(16);

export function cmdRun(argv: readonly string[], io: Io): number {
  const p = parseArgs(splitJoinedI(argv), {
    include: { value: true, repeat: true, short: 'I' },
    mem: { value: true },
    budget: { value: true },
    trace: {},
    json: {},
    dialect: { value: true },
    type: { value: true },
    packet: { value: true, repeat: true },
    map: { value: true, repeat: true },
    maps: {},
    repeat: { value: true },
    engine: { value: true },
    pcap: { value: true },
    out: { value: true },
    scenario: { value: true },
    seed: { value: true },
    count: { value: true },
    duration: { value: true },
    rate: { value: true },
    'poll-every': { value: true },
    'perf-pages': { value: true },
    'udp-port': { value: true },
    cpus: { value: true },
    prog: { value: true },
    verify: { value: true },
    'no-verify': {},
  });
  if (p.positional.length !== 1) throw new UsageError('run takes exactly one FILE');
  const engine = flag(p, 'engine');
  if (engine !== undefined && engine !== 'ref' && engine !== 'fast') throw new UsageError(`--engine must be ref or fast, got '${engine}'`);
  if (engine === 'fast' && has(p, 'trace')) throw new UsageError('--trace needs the reference interpreter (--engine ref): the fast engine does not trace');
  const eng: 'ref' | 'fast' = engine === 'fast' ? 'fast' : 'ref';
  const budget = intFlag(p, 'budget', 1, 1_000_000_000);
  const verifyFlag = flag(p, 'verify');
  if (verifyFlag !== undefined && verifyFlag !== 'strict' && verifyFlag !== 'warn') throw new UsageError(`--verify must be strict or warn, got '${verifyFlag}'`);
  if (verifyFlag !== undefined && has(p, 'no-verify')) throw new UsageError('--verify and --no-verify contradict each other');
  const mode: VerifyMode = has(p, 'no-verify') ? 'off' : verifyFlag === 'strict' ? 'strict' : 'warn';
  const progName = flag(p, 'prog');
  if (progName !== undefined && !['c', 'o'].includes(extensionOf(p.positional[0]))) throw new UsageError('--prog picks a program of a .c or .o file');
  // tracing programs (kprobe, tracepoint, perf_event, fentry/fexit, lsm; raw_tp with --scenario) run on kernel events
  const traced = maybeRunTracing(p, io, budget, engine);
  if (traced !== undefined) return traced;
  if (flag(p, 'type') !== undefined || has(p, 'packet') || has(p, 'map') || has(p, 'pcap') || has(p, 'scenario')) return runInKernel(p, io, budget, eng, mode);
  if (verifyFlag !== undefined) throw new UsageError('--verify goes with a program type (--type T): a raw run (--mem) is not verified');
  if (has(p, 'out')) throw new UsageError('--out writes the packets that leave the program: it goes with --pcap or --scenario');
  if (has(p, 'repeat') || has(p, 'maps')) throw new UsageError('--repeat and --maps need a program type (--type T --packet HEX)');
  let mem: Uint8Array | undefined;
  const memText = flag(p, 'mem');
  if (memText !== undefined) {
    const h = parseHex(memText, '--mem');
    if (h.diagnostics.length) {
      const d = h.diagnostics[0];
      io.err(`ebpf-playground run: error: --mem, column ${(d.span?.start ?? 0) + 1}: ${d.message}`);
      return 2;
    }
    mem = h.bytes;
  }
  const r = loadProgram(p.positional[0], { dialect: flag(p, 'dialect'), program: progName, includeDirs: p.flags.get('include') ?? [] });
  if (!r.ok) {
    r.errors.forEach((e) => io.err(e));
    return 2;
  }
  const { insns } = r.value;
  const trace = has(p, 'trace');
  let res: RunResult;
  if (eng === 'fast') {
    const f = runFast(insns, { mem, budget });
    if (!f.ok) {
      io.err(`ebpf-playground run: error: --engine fast: ${f.error}`);
      return 2;
    }
    res = f;
  } else res = runProgram(insns, { mem, budget, trace });
  const text = (pc: number) => disassembleInsn(insns, pc, { dialect: 'llvm' });
  if (has(p, 'json')) {
    io.out(JSON.stringify(toJson(res, eng, trace ? text : undefined)));
  } else {
    if (trace && res.trace) res.trace.forEach((s, k) => io.out(traceLine(k, s, text(s.pc))));
    if (res.oops) io.out(res.oops.message);
    else io.out(`r0 = ${hex64(res.r0)} (${res.r0})`);
    io.out(`${res.steps} instruction${res.steps === 1 ? '' : 's'} executed`);
    if (res.mem && mem) io.out(`mem = ${toHex(res.mem)}`);
  }
  return res.oops ? 1 : 0;
}

function toJson(res: RunResult, engine: 'ref' | 'fast', text?: (pc: number) => string) {
  return {
    retval: Number(res.r0 & 0xffffffffn),
    retvalName: null,
    r0: hex64(res.r0),
    exited: res.exited,
    steps: res.steps,
    engine,
    verified: false,
    oops: res.oops ? { kind: res.oops.kind, pc: res.oops.pc, address: res.oops.address === undefined ? null : hex64(res.oops.address), message: res.oops.message } : null,
    mem: res.mem ? toHex(res.mem) : null,
    tracePipe: [],
    events: [],
    maps: {},
    ...(text && res.trace
      ? {
          trace: res.trace.map((s) => ({
            pc: s.pc,
            frame: s.frame,
            insn: text(s.pc),
            regs: Object.fromEntries(s.regs.map(([r, v]) => [`r${r}`, hex64(v)])),
            mem: s.mem.map((m) => ({ addr: hex64(m.addr), size: m.size, value: hex64(m.value) })),
          })),
        }
      : {}),
  };
}

function traceLine(k: number, s: TraceStep, text: string): string {
  const parts = s.regs.map(([r, v]) => `r${r}=${hex64(v)}`);
  for (const m of s.mem) parts.push(`*(u${m.size * 8} *)${hex64(m.addr)}=${hex64(m.value)}`);
  const head = `${String(k).padStart(6)} ${s.frame ? `frame${s.frame} ` : ''}${String(s.pc).padStart(4)}: ${text}`;
  return parts.length ? `${head.padEnd(56)} ; ${parts.join(' ')}` : head;
}

type Parsed = ReturnType<typeof parseArgs>;

/**
 * Each trace step's instruction text, in the program it ran in: the run's own, then after each
 * tail call (TraceStep.prog counts them) the target the call took — the slot r3 of the prog_array
 * at r2, with the registers followed through the trace's writes.
 */
function traceTexts(steps: readonly TraceStep[], main: readonly Insn[], kernel: Kernel): Array<{ text: string; prog?: string }> {
  const regs = new Map<number, bigint>();
  let cur: { insns: readonly Insn[]; name?: string } = { insns: main };
  let level = 0;
  let pending: { map: bigint; index: bigint } | undefined;
  return steps.map((s) => {
    if ((s.prog ?? 0) > level) {
      level = s.prog ?? 0;
      const m = pending && kernel.maps.find((x) => x.addr === pending!.map);
      const target = m instanceof ProgArrayMap ? (m.prog(Number(pending!.index & 0xffffffffn)) as LoadedProgram | undefined) : undefined;
      cur = target ? { insns: target.source, name: target.name } : { insns: [], name: '?' };
      pending = undefined;
    }
    const i = cur.insns[s.pc];
    if (i && i.code === 0x85 && i.src === 0 && i.imm === 12) pending = { map: regs.get(2) ?? 0n, index: regs.get(3) ?? 0n }; // bpf_tail_call
    for (const [r, v] of s.regs) regs.set(r, v);
    const text = i ? disassembleInsn(cur.insns, s.pc, { dialect: 'llvm' }) : `<insn ${s.pc} of a tail-called program>`;
    return cur.name !== undefined ? { text, prog: cur.name } : { text };
  });
}

function traceJson(steps: readonly TraceStep[], main: readonly Insn[], kernel: Kernel) {
  const texts = traceTexts(steps, main, kernel);
  return steps.map((s, k) => ({
    pc: s.pc, frame: s.frame, ...(texts[k].prog !== undefined ? { prog: texts[k].prog } : {}), insn: texts[k].text,
    regs: Object.fromEntries(s.regs.map(([rr, v]) => [`r${rr}`, hex64(v)])),
  }));
}

/** The kernel path: maps, load, one BPF_PROG_TEST_RUN-like run per --packet. */
function runInKernel(p: Parsed, io: Io, budget: number | undefined, engine: 'ref' | 'fast', mode: VerifyMode): number {
  const file = p.positional[0];
  const r = loadProgram(file, { dialect: flag(p, 'dialect'), program: flag(p, 'prog'), includeDirs: p.flags.get('include') ?? [] });
  if (!r.ok) {
    r.errors.forEach((e) => io.err(e));
    return 2;
  }
  // the type: --type, else the program's SEC() when it came from C or an ELF object
  const section = r.value.program?.section;
  const typeName = flag(p, 'type') ?? (section !== undefined ? progTypeForSection(section)?.type : undefined);
  if (typeName === undefined) {
    throw new UsageError(
      section !== undefined
        ? `no program type for SEC("${section}"); give --type xdp|tc|socket|…`
        : '--packet and --map need a program type: --type xdp|tc|socket|…',
    );
  }
  const t = progTypeForCli(typeName);
  if (!t) throw new UsageError(`unknown program type '${typeName}' (one of ${CLI_TYPE_NAMES.join(', ')})`);
  const rawTp = t.type === 'raw_tracepoint';
  if (t.type !== 'xdp' && !isSkbType(t.type) && !rawTp) {
    io.err(`ebpf-playground run: error: --type ${typeName} cannot be run yet in this build (xdp, tc, socket, cgroup_skb and raw_tracepoint can; event-driven types arrive with the event simulator)`);
    return 2;
  }
  let ctxBytes: Uint8Array | undefined;
  const memText = flag(p, 'mem');
  if (memText !== undefined) {
    if (!rawTp) throw new UsageError(`--mem gives the context of context-only types (raw_tracepoint); --type ${typeName} takes --packet`);
    const h = parseHex(memText, '--mem');
    if (h.diagnostics.length) {
      io.err(`ebpf-playground run: error: --mem, column ${(h.diagnostics[0].span?.start ?? 0) + 1}: ${h.diagnostics[0].message}`);
      return 2;
    }
    ctxBytes = h.bytes;
  }
  if (rawTp && has(p, 'packet')) throw new UsageError('--type raw_tracepoint takes its arguments with --mem HEX, not --packet');
  const packets: Uint8Array[] = [];
  for (const [k, text] of (p.flags.get('packet') ?? []).entries()) {
    const h = parseHex(text, '--packet');
    if (h.diagnostics.length) {
      const d = h.diagnostics[0];
      io.err(`ebpf-playground run: error: --packet #${k + 1}, column ${(d.span?.start ?? 0) + 1}: ${d.message}`);
      return 2;
    }
    packets.push(h.bytes);
  }
  // --pcap IN: one run per captured packet, in file order, against the same maps
  let capture: Capture | undefined;
  const pcapFile = flag(p, 'pcap');
  if (pcapFile !== undefined) {
    if (rawTp) throw new UsageError('--type raw_tracepoint takes no packets (--pcap)');
    if (packets.length) throw new UsageError('give packets with --packet or with --pcap, not both');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(pcapFile));
    } catch (e) {
      io.err(`${pcapFile}: error: cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return 2;
    }
    const c = readCapture(bytes, pcapFile);
    const bad = c.diagnostics.find((d) => d.severity === 'error');
    if (bad) {
      io.err(`${pcapFile}: error: ${bad.message}`);
      return 2;
    }
    const notEth = c.value.packets.find((x) => x.linktype !== 1);
    if (notEth) {
      io.err(`${pcapFile}: error: link type ${notEth.linktype} is not Ethernet (1); programs here take Ethernet frames`);
      return 2;
    }
    capture = c.value;
    packets.push(...capture.packets.map((x) => x.bytes));
    if (!packets.length) {
      io.err(`${pcapFile}: error: the capture holds no packets`);
      return 2;
    }
  } else if (has(p, 'out') && !has(p, 'scenario')) throw new UsageError('--out writes the packets that leave the program: it goes with --pcap or --scenario');
  // --scenario NAME --seed N: a seeded traffic scenario, streamed (never held in memory), summarised
  let scenario: Scenario | undefined;
  const scenarioName = flag(p, 'scenario');
  if (scenarioName !== undefined) {
    if (rawTp) throw new UsageError('--type raw_tracepoint takes no packets (--scenario)');
    if (packets.length) throw new UsageError('give packets with --packet, --pcap or --scenario, one of them');
    const seed = intFlag(p, 'seed', 0, 0xffffffff) ?? 1;
    const rate = intFlag(p, 'rate', 1, 1_000_000_000);
    let count = intFlag(p, 'count', 0, 100_000_000);
    const dur = flag(p, 'duration');
    if (dur !== undefined) {
      const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(dur);
      if (!m) throw new UsageError(`--duration takes a time like 5s or 200ms, got '${dur}'`);
      const probe = createScenario(scenarioName, { seed, ratePps: rate });
      if (!probe.value) throw new UsageError(probe.diagnostics[0].message);
      const secs = Number(m[1]) / (m[2] === 'ms' ? 1000 : 1);
      count = Math.round(secs * probe.value.options.ratePps);
    }
    const c = createScenario(scenarioName, { seed, count, ratePps: rate });
    if (!c.value) throw new UsageError(c.diagnostics[0].message);
    scenario = c.value;
  } else {
    for (const f of ['seed', 'count', 'duration', 'rate', 'poll-every', 'perf-pages', 'udp-port']) if (has(p, f)) throw new UsageError(`--${f} goes with --scenario NAME`);
  }
  if (!packets.length && !rawTp && !scenario) throw new UsageError(`--type ${typeName} needs packets: --packet HEX, --pcap FILE or --scenario NAME`);
  if (rawTp) packets.push(new Uint8Array(0));
  const repeat = intFlag(p, 'repeat', 1, 100_000_000);
  const kernel = createKernel({ seed: 1 });
  const cliMaps: MapSpec[] = [];
  for (const spec of p.flags.get('map') ?? []) {
    const ms = parseMapSpec(spec);
    if (!ms.ok) throw new UsageError(`--map: ${ms.message}`);
    const c = kernel.createMap(ms.spec);
    if (!c.ok) {
      io.err(`ebpf-playground run: error: --map ${spec}: ${c.message}`);
      return 2;
    }
    cliMaps.push(ms.spec);
  }
  // verify (as the kernel does at load) and load: a .c / .o whole, as libbpf loads it
  const loaded = loadForRun(kernel, { file, loaded: r.value, type: t, given: flag(p, 'type') !== undefined, mode, cliMaps }, io);
  if (!loaded.ok) return loaded.status;
  const verified = loaded.verified;
  const { insns } = r.value;
  if (scenario) {
    // the user-space side: how often the reader polls ring/perf buffers, a socket filter's UDP port
    const pollEvery = intFlag(p, 'poll-every', 1, 100_000_000);
    const perfPages = intFlag(p, 'perf-pages', 1, 1 << 16);
    if (perfPages !== undefined && (perfPages & (perfPages - 1)) !== 0) throw new UsageError(`--perf-pages must be a power of two (perf buffers are), got ${perfPages}`);
    if (perfPages !== undefined && pollEvery === undefined) throw new UsageError('--perf-pages sizes the buffers of a reader that polls late: give --poll-every N too');
    const udpPort = intFlag(p, 'udp-port', 1, 65535);
    if (udpPort !== undefined && t.type !== 'socket_filter') throw new UsageError('--udp-port attaches a socket filter to a UDP socket: it needs a socket program');
    return runScenario(io, kernel, loaded.prog, scenario, {
      budget, engine: flag(p, 'engine') === undefined ? 'fast' : engine, json: has(p, 'json'), section, out: flag(p, 'out'), verified,
      ...(pollEvery !== undefined ? { reader: { pollEvery, perfPages } } : {}), ...(udpPort !== undefined ? { udpPort } : {}),
    });
  }
  const trace = has(p, 'trace');
  const json = has(p, 'json');
  let status = 0;
  const leaving: Array<{ timestampNs: bigint; bytes: Uint8Array }> = [];
  for (const [i, packet] of packets.entries()) {
    let res: RunOutcome | undefined;
    const n = repeat ?? 1;
    const t0 = performance.now();
    for (let k = 0; k < n; k++) res = kernel.run(loaded.prog, rawTp ? { ctx: ctxBytes, budget, trace: trace && k === n - 1, engine } : { packet, budget, trace: trace && k === n - 1, engine });
    const ns = ((performance.now() - t0) * 1e6) / n;
    const out = res!;
    if (out.error) {
      io.err(`ebpf-playground run: error: ${rawTp ? '--mem' : `--packet #${i + 1}`}: the test run failed: ${out.error.message}`);
      return 2;
    }
    if (out.oops) status = 1;
    if (capture) {
      const left = leavingPacket(t.type, out, packet);
      if (left) leaving.push({ timestampNs: capture.packets[i].timestampNs, bytes: left });
    }
    const maps = kernel.dumpMaps();
    if (json) {
      io.out(JSON.stringify({
        retval: out.retval,
        retvalName: out.retvalName,
        // as BPF_PROG_TEST_RUN's data_out, whenever it differs from data_in
        ...(out.packetOut && !sameBytes(out.packetOut, packet) ? { packetOut: hexOf(out.packetOut) } : {}),
        ...(repeat !== undefined ? { nsPerRun: Math.round(ns) } : {}),
        engine,
        verified,
        steps: out.steps,
        ...(out.oops ? { oops: { kind: out.oops.kind, pc: out.oops.pc, message: out.oops.message } } : {}),
        ...(out.redirect ? { redirect: out.redirect } : {}),
        tracePipe: out.tracePipe,
        events: out.events.map((e) => ({ map: e.map, kind: e.kind, data: hexOf(e.data) })),
        maps,
        ...(trace && out.trace ? { trace: traceJson(out.trace, insns, kernel) } : {}),
      }));
      continue;
    }
    if (packets.length > 1) io.out(`run ${i + 1}:`);
    if (trace && out.trace) {
      const texts = traceTexts(out.trace, insns, kernel);
      out.trace.forEach((s, k) => {
        if (texts[k].prog !== undefined && texts[k].prog !== texts[k - 1]?.prog) io.out(`       tail call into ${texts[k].prog}`);
        io.out(traceLine(k, s, texts[k].text));
      });
    }
    if (out.oops) io.out(out.oops.message);
    else io.out(`retval = ${out.retval}${out.retvalName ? ` (${out.retvalName})` : ''}`);
    if (out.packetChanged && out.packetOut) io.out(`packet out = ${hexOf(out.packetOut)}`);
    for (const l of out.tracePipe) io.out(l);
    for (const e of out.events) io.out(`event ${e.map} (${e.kind}): ${hexOf(e.data)}`);
    if (repeat !== undefined) io.out(`${Math.round(ns)} ns per run (${n} runs, ${engine === 'fast' ? `WebAssembly engine, ${verified ? 'proven' : 'checked'} mode` : 'reference interpreter'})`);
  }
  if (!json && has(p, 'maps')) {
    for (const [name, entries] of Object.entries(kernel.dumpMaps())) {
      io.out(`map ${name}:`);
      for (const [k, v] of Object.entries(entries)) io.out(`  ${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : v}`);
    }
  }
  const outFile = flag(p, 'out');
  if (outFile !== undefined && capture) {
    try {
      io.writeFile(outFile, /\.pcapng$/i.test(outFile) ? writePcapng(leaving, { nanosecond: capture.nanosecond }) : writePcap(leaving, { nanosecond: capture.nanosecond }));
    } catch (e) {
      io.err(`${outFile}: error: cannot write file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return 2;
    }
  }
  return status;
}


function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * What leaves the program, as the program left it, or undefined when it was dropped: XDP_PASS,
 * XDP_TX and XDP_REDIRECT leave; tc drops on TC_ACT_SHOT and TC_ACT_STOLEN; cgroup_skb drops when
 * bit 0 is clear; a socket filter keeps `retval` bytes from the network header (0 drops).
 */
function leavingPacket(type: string, out: RunOutcome, packet: Uint8Array): Uint8Array | undefined {
  if (out.oops) return undefined;
  const bytes = out.packetOut ?? packet;
  switch (type) {
    case 'xdp':
      return out.retval === 2 || out.retval === 3 || out.retval === 4 ? bytes : undefined;
    case 'sched_cls':
    case 'sched_act':
      return out.retval === 2 || out.retval === 4 ? undefined : bytes;
    case 'cgroup_skb':
      return out.retval & 1 ? bytes : undefined;
    case 'socket_filter': {
      if (out.retval === 0) return undefined;
      // the filter sees the packet from the network header; keep the frame's own Ethernet header
      const keep = Math.min(packet.length, 14 + out.retval);
      return packet.subarray(0, keep);
    }
    default:
      return bytes;
  }
}

/**
 * A whole scenario through the program (src/sim/nic/drive.ts does the delivering): verdict counts,
 * the scenario's own counts (what it sent, tallied independently of the program), where packets
 * went (TX, AF_XDP sockets, the packet socket), trace_pipe (the first 100 lines) and events, the
 * maps after the run, and the time per packet. The fast engine by default: this is bulk work.
 * tc / cgroup_skb programs whose SEC() names egress run on the host's replies.
 */
function runScenario(
  io: Io,
  kernel: ReturnType<typeof createKernel>,
  prog: Extract<ReturnType<ReturnType<typeof createKernel>['load']>, { ok: true }>['prog'],
  scenario: Scenario,
  o: { budget?: number; engine: 'ref' | 'fast'; json: boolean; section?: string; out?: string; verified: boolean; reader?: { pollEvery: number; perfPages?: number }; udpPort?: number },
): number {
  const tcHook = o.section !== undefined && /egress/.test(o.section) ? 'egress' : 'ingress';
  // --out: what leaves the program (not dropped), as it left it; pcapng when the name says so
  const w = o.out === undefined ? undefined : /\.pcapng$/i.test(o.out) ? new PcapngWriter({ nanosecond: true }) : new PcapWriter({ nanosecond: true });
  const r = drivePackets(kernel, prog, scenario, {
    engine: o.engine, budget: o.budget, tcHook, sample: 20, reader: o.reader, ...(o.udpPort !== undefined ? { socket: { udpPort: o.udpPort } } : {}),
    ...(w ? { onPacket: (pk, fate, run) => {
      if (fate !== 'drop' && fate !== 'filtered' && fate !== 'error' && fate !== 'redirect-error' && fate !== 'stolen') w.add({ timestampNs: pk.timestampNs, bytes: !run ? pk.bytes : fate === 'socket' ? pk.bytes.slice(0, 14 + Math.min(run.retval, pk.bytes.length - 14)) : run.packet.view().slice() });
    } } : {}),
  });
  if (w && o.out !== undefined) {
    try {
      io.writeFile(o.out, w.finish());
    } catch (e) {
      io.err(`${o.out}: error: cannot write file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return 2;
    }
  }
  if (r.errors && r.firstError && r.errors === r.packets) {
    io.err(`ebpf-playground run: error: scenario packet #${r.firstError.index + 1}: the test run failed: ${r.firstError.message}`);
    return 2;
  }
  const n = r.packets;
  const where: Record<string, number> = {};
  for (const i of r.interfaces) if (i.tx) where[`tx ${i.name}`] = i.tx;
  for (const x of r.xsk) if (x.received) where[`xsk ${x.map}[${x.queue}]`] = x.received;
  if (r.socket) where.socket = r.socket.received;
  if (r.redirectErrors) where['redirect errors'] = r.redirectErrors;
  for (const [m, n] of Object.entries(r.perfLost)) where[`perf ${m} lost`] = n;
  const summary = {
    scenario: scenario.name,
    seed: scenario.options.seed,
    packets: n,
    verdicts: r.verdicts,
    delivered: where,
    scenarioCounts: scenario.counts(),
    engine: o.engine,
    verified: o.verified,
    nsPerPacket: n ? Math.round((r.elapsedMs * 1e6) / n) : 0,
    insnsPerPacket: n ? Math.round((r.steps / n) * 100) / 100 : 0,
    tracePipe: r.tracePipe,
    tracePipeLines: r.tracePipeLines,
    events: r.eventCount,
    maps: kernel.dumpMaps(),
  };
  if (o.json) io.out(JSON.stringify(summary));
  else {
    io.out(`${scenario.name} (seed ${summary.seed}): ${n} packets, ${summary.nsPerPacket} ns/packet, ${summary.insnsPerPacket} instructions/packet (${o.engine === 'fast' ? `WebAssembly engine, ${o.verified ? 'proven' : 'checked'} mode` : 'reference interpreter'})`);
    for (const [k, v] of Object.entries(r.verdicts).sort((a, b) => b[1] - a[1])) io.out(`  ${k.padEnd(14)} ${v}`);
    for (const [k, v] of Object.entries(where)) io.out(`  -> ${k}: ${v}`);
    // the first frames the user-space sockets received (AF_XDP, the packet socket)
    const got = [...r.xsk.map((x) => ({ name: `xsk ${x.map}[${x.queue}]`, frames: x.frames })), ...(r.socket ? [{ name: 'socket', frames: r.socket.frames }] : [])];
    for (const g of got) for (const f of g.frames.slice(0, 3)) io.out(`     ${g.name} #${f.index + 1} (${f.bytes.length} bytes): ${hexOf(f.bytes.subarray(0, 48))}${f.bytes.length > 48 ? '…' : ''}`);
    for (const l of r.tracePipe) io.out(l);
    if (r.tracePipeLines > r.tracePipe.length) io.out(`  (${r.tracePipeLines - r.tracePipe.length} more trace_pipe lines)`);
    if (r.eventCount) io.out(`  ${r.eventCount} ring/perf buffer events`);
    for (const [name, entries] of Object.entries(summary.maps)) {
      const keys = Object.keys(entries);
      io.out(`map ${name}: ${keys.length} entr${keys.length === 1 ? 'y' : 'ies'}`);
      for (const k of keys.slice(0, 20)) {
        const v = entries[k];
        io.out(`  ${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : v}`);
      }
    }
    if (r.firstOops) io.out(r.firstOops.message);
  }
  return r.oopses ? 1 : 0;
}
