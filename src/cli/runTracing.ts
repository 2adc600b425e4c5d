/**
 * The tracing branch of `ebpf-playground run` (DESIGN.md "The command line"):
 *
 *   ebpf-playground run FILE.c|FILE.o --scenario NAME --seed N --duration 5s [--cpus N] [--json]
 *                   [--engine ref|fast] [--budget N]
 *
 * for objects whose programs are event-driven (kprobe/kretprobe/uprobe, tracepoint, raw_tp,
 * perf_event, fentry/fexit/tp_btf, lsm). Every program of the object is compiled, verified by
 * our 6.18 verifier, loaded and attached by its SEC(); the simulated host (src/sim/events) runs
 * the scenario — a workload (shell, webserver, cron, malicious), several joined by commas, or
 * `all` — for the duration, and each event runs the programs attached to it (drive.ts).
 * Prints the outcome: events and program runs, the world's counts, trace_pipe, ring-buffer and
 * perf records as hex, lost perf records, LSM denials, signals, and the maps. `--json`: one object
 * with DESIGN.md's run fields (`engine`, `tracePipe` (first 1000 lines), `events` (ring/perf
 * records, hex, first 1000), `maps`) plus `scenario`, `workloads`, `seed`, `durationNs`, `cpus`,
 * `eventCount`, `runs`, `eventsPerSec`, `programs`, `unverified`, `counts` (the world's tally),
 * `tracePipeLines`, `eventRecords` (totals), `lost`, `denials`, `signals`.
 *
 * Exit status: 0, 1 when a program oopsed (or, with --verify strict, our verifier could not judge
 * one: loaded unverified otherwise, with a note), 2 on bad input (an unknown scenario or attach
 * point, a verifier rejection, …). Does not: run assembly or raw bytecode on events (their SEC() is
 * unknown): give a .c or .o. Provenance: our own code.
 */
import { readFileSync } from 'node:fs';
import { readElf } from '../elf/read.ts';
import { progTypeForCli, progTypeForSection } from '../kernel/progtypes/progTypes.ts';
import { hexOf } from '../kernel/maps/index.ts';
import { driveEvents } from '../sim/events/drive.ts';
import { loadTracingObject, loadTracingSource, type LoadTracingResult } from '../sim/events/load.ts';
import { createWorldResult } from '../sim/events/world.ts';
import { WORKLOADS, type WorkloadName } from '../sim/events/workloads.ts';
import { flag, has, intFlag, UsageError, type ParsedArgs } from './args.ts';
import { cSources, extensionOf } from './input.ts';
import { hasFuncInfo } from './runVerify.ts';
import type { Io } from './main.ts';

const TRACING_TYPES = new Set(['kprobe', 'tracepoint', 'perf_event', 'tracing', 'lsm']);

/** The workloads a scenario name stands for, or undefined when it names none. */
export function scenarioWorkloads(name: string): WorkloadName[] | undefined {
  if (name === 'all' || name === 'mixed') return Object.keys(WORKLOADS) as WorkloadName[];
  const parts = name.split(/[,+]/).map((s) => s.trim()).filter(Boolean);
  if (!parts.length || parts.some((x) => !Object.hasOwn(WORKLOADS, x))) return undefined;
  return [...new Set(parts)] as WorkloadName[];
}

function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ns|us|ms|s)?$/.exec(text);
  if (!m) throw new UsageError(`--duration takes a time like 5s or 200ms, got '${text}'`);
  const mult = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }[m[2] ?? 's'] ?? 1e9;
  const ns = Math.round(Number(m[1]) * mult);
  if (ns <= 0 || ns > 3_600_000_000_000) throw new UsageError(`--duration must be more than 0 and at most one hour, got '${text}'`);
  return ns;
}

/** Load FILE (.c or .o) for a tracing run; undefined when its programs are not event-driven. */
function loadIfTracing(file: string, typeFlag: string | undefined, scenario: boolean, cpus: number, includeDirs: readonly string[] = []): LoadTracingResult | undefined {
  const ext = extensionOf(file);
  const given = typeFlag !== undefined ? progTypeForCli(typeFlag)?.type : undefined;
  const isTracing = (t: string | undefined) => t !== undefined && (TRACING_TYPES.has(t) || (t === 'raw_tracepoint' && scenario));
  if (ext !== 'c' && ext !== 'o') {
    if (isTracing(given) && scenario) throw new UsageError(`a tracing run attaches programs by their SEC(): give a .c or .o, not .${ext}`);
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    return undefined; // the packet path reports unreadable files
  }
  if (ext === 'c') {
    const text = new TextDecoder().decode(bytes);
    // a cheap look at the SEC() names before compiling: the packet path handles the rest
    const secs = [...text.matchAll(/SEC\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]).filter((s) => s !== 'license' && !s.startsWith('.'));
    if (!isTracing(given) && !secs.some((s) => isTracing(progTypeForSection(s)?.type))) return undefined;
    return loadTracingSource(file, text, { cpus, allowUnmodelled: true }, cSources(file, text, includeDirs));
  }
  const r = readElf(bytes, file);
  if (!r.object) return undefined;
  if (!isTracing(given) && !r.object.programs.some((p) => isTracing(progTypeForSection(p.section)?.type))) return undefined;
  return loadTracingObject(file, r.object, { cpus, allowUnmodelled: true, funcInfo: hasFuncInfo(file) });
}

/** Run FILE's tracing programs on a scenario; undefined when FILE is not a tracing object. */
export function maybeRunTracing(p: ParsedArgs, io: Io, budget: number | undefined, engineFlag: string | undefined): number | undefined {
  const file = p.positional[0];
  const cpus = intFlag(p, 'cpus', 1, 64) ?? 4;
  const loaded = loadIfTracing(file, flag(p, 'type'), has(p, 'scenario'), cpus, p.flags.get('include') ?? []);
  if (loaded === undefined) return undefined;
  for (const f of ['packet', 'pcap', 'out', 'mem', 'map', 'count', 'rate', 'repeat', 'trace', 'prog']) {
    if (has(p, f)) throw new UsageError(`--${f} does not go with a tracing program: it runs on kernel events (--scenario NAME --seed N --duration T)`);
  }
  if (has(p, 'no-verify')) throw new UsageError('--no-verify: tracing programs are always verified (their attach points and contexts come from it)');
  const scenarioName = flag(p, 'scenario');
  if (scenarioName === undefined) throw new UsageError(`tracing programs run on kernel events: give --scenario ${Object.keys(WORKLOADS).join('|')}|all (commas join several)`);
  const workloads = scenarioWorkloads(scenarioName);
  if (!workloads) throw new UsageError(`unknown scenario '${scenarioName}' for tracing programs (workloads: ${Object.keys(WORKLOADS).join(', ')}; join several with commas, or 'all')`);
  const seed = intFlag(p, 'seed', 0, 0xffffffff) ?? 1;
  const durationNs = parseDuration(flag(p, 'duration') ?? '2s');
  if (!loaded.ok) {
    loaded.errors.forEach((e) => io.err(e));
    return 2;
  }
  const { kernel, programs, unverified } = loaded.value;
  if (flag(p, 'verify') === 'strict' && Object.keys(unverified).length) {
    for (const [name, why] of Object.entries(unverified)) io.err(`${file}: error: the verifier rejects program ${name}: ${why}`);
    return 1;
  }
  for (const [name, why] of Object.entries(unverified)) io.err(`${file}: note: ${name} was loaded without verification: ${why}`);
  const w = createWorldResult({ seed, cpus, durationNs, workloads });
  if (!w.value) throw new UsageError(w.error);
  const engine = engineFlag === 'ref' ? 'ref' : 'fast';
  const t0 = performance.now();
  const r = driveEvents(kernel, programs, w.value, { engine, budget, maxTraceLines: 1000, maxRecords: 1000 });
  const ms = performance.now() - t0;
  if (!r.ok) {
    io.err(`${file}: error: ${r.error}`);
    return 2;
  }
  for (const d of r.detached) io.err(`${file}: note: ${d.name}: ${d.reason}`);
  const oopses = r.programs.reduce((a, x) => a + x.oopses, 0);
  const { runqLatencyNs, ...counts } = r.counts;
  const eventsPerSec = ms > 0 ? Math.round((r.events / ms) * 1000) : 0;
  if (has(p, 'json')) {
    io.out(JSON.stringify({
      scenario: scenarioName, workloads, seed, durationNs, cpus, engine, eventCount: r.events, runs: r.runs, eventsPerSec,
      programs: r.programs.map((x) => ({ name: x.name, section: x.section, runs: x.runs, oopses: x.oopses, ...(x.firstOops ? { firstOops: x.firstOops } : {}) })),
      unverified,
      ...(r.detached.length ? { detached: r.detached.map((d) => ({ name: d.name, section: d.section })) } : {}),
      counts: { ...counts, runqLatencies: runqLatencyNs.length },
      tracePipe: r.tracePipe, tracePipeLines: r.tracePipeLines,
      // ring-buffer / perf records, as the packet path's `events` (DESIGN.md), with where they were written
      events: r.records.map((x) => ({ map: x.map, kind: x.kind, data: hexOf(x.data), cpu: x.cpu, eventId: x.eventId, ts: x.ts })),
      eventRecords: r.recordCount, lost: r.lost, denials: r.denials, signals: r.signals, maps: r.maps,
    }));
    return oopses ? 1 : 0;
  }
  io.out(`scenario ${scenarioName} (${workloads.join(', ')}; seed ${seed}, ${durationNs / 1e9} s, ${cpus} CPUs): ${r.events} events, ${r.runs} program runs, ${eventsPerSec} events/s (${engine === 'fast' ? 'WebAssembly engine' : 'reference interpreter'})`);
  for (const x of r.programs) io.out(`  ${x.name.padEnd(24)} ${x.section.padEnd(40)} ${x.runs} runs${x.oopses ? `, ${x.oopses} oopses` : ''}`);
  const top = Object.entries(counts.syscalls).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  io.out(`world: syscalls ${top}; forks ${counts.forks}, exits ${counts.exits}, TCP state changes ${counts.tcpStateChanges}, perf samples ${counts.perfSamplesPerCpu.reduce((a, b) => a + b, 0)}`);
  if (r.denials) io.out(`LSM denials: ${r.denials} (${Object.entries(counts.lsmDenials).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  if (r.signals) io.out(`signals sent: ${r.signals}; tasks killed: ${Object.entries(counts.killedByComm).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  for (const l of r.tracePipe.slice(0, 100)) io.out(l);
  if (r.tracePipeLines > 100) io.out(`  (${r.tracePipeLines - 100} more trace_pipe lines)`);
  if (r.recordCount) io.out(`${r.recordCount} ring/perf buffer records${r.recordCount > 20 ? ' (first 20)' : ''}:`);
  for (const x of r.records.slice(0, 20)) io.out(`  ${x.map} (${x.kind}, cpu ${x.cpu}, event ${x.eventId}): ${hexOf(x.data)}`);
  for (const [m, l] of Object.entries(r.lost)) io.out(`lost perf records in ${m}: ${l.join(' ')} (per CPU)`);
  for (const [name, entries] of Object.entries(r.maps)) {
    const keys = Object.keys(entries);
    io.out(`map ${name}: ${keys.length} entr${keys.length === 1 ? 'y' : 'ies'}`);
    for (const k of keys.slice(0, 20)) {
      const v = entries[k];
      io.out(`  ${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : v}`);
    }
  }
  for (const x of r.programs) if (x.firstOops) io.out(x.firstOops);
  return oopses ? 1 : 0;
}
