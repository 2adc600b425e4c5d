/**
 * Bench of the virtual NIC path: the seed example's XDP program (examples/05-xdp-drop-udp, UDP to
 * port 5001 dropped) fed the iperf scenario through drivePackets, in both engines. Prints packets/s
 * and the split between packet generation (the scenario alone) and running (the rest). Figures,
 * never pass/fail (timed tests are forbidden); the lead wires `printNicBench` into bench/run.ts.
 *
 * Provenance: our own code.
 */
import { readFileSync } from 'node:fs';
import { drivePackets } from './drive.ts';
import { loadC } from './load.ts';
import { createScenario } from './scenario.ts';

export interface NicBenchRow {
  engine: 'ref' | 'fast';
  packets: number;
  packetsPerSec: number;
  nsPerPacket: number;
  genNsPerPacket: number;
  runNsPerPacket: number;
  dropped: number;
  /** Process CPU time per packet (user + system): steadier than wall time on a loaded machine. */
  cpuNsPerPacket: number;
  genCpuNsPerPacket: number;
}

export function benchNic(count = 1_000_000, engines: Array<'ref' | 'fast'> = ['fast', 'ref'], file = 'examples/05-xdp-drop-udp/prog.c'): NicBenchRow[] {
  const text = readFileSync(file, 'utf8');
  const sc = () => createScenario('iperf', { seed: 7, count }).value!;
  // generation alone: the same packets, built and thrown away
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) * 1000;
  };
  let t = performance.now();
  let c0 = cpu();
  let bytes = 0;
  for (const p of sc().packets()) bytes += p.bytes.length;
  const genNs = ((performance.now() - t) * 1e6) / Math.max(1, count);
  const genCpu = (cpu() - c0) / Math.max(1, count);
  void bytes;
  const rows: NicBenchRow[] = [];
  for (const engine of engines) {
    const l = loadC(text, file);
    if (!l.ok) throw new Error(l.error);
    const n = engine === 'ref' ? Math.min(count, 200_000) : count;
    t = performance.now();
    c0 = cpu();
    const r = drivePackets(l.kernel, l.prog, createScenario('iperf', { seed: 7, count: n }).value!, { engine, sample: 0 });
    const ns = ((performance.now() - t) * 1e6) / Math.max(1, r.packets);
    const cpuNs = (cpu() - c0) / Math.max(1, r.packets);
    rows.push({
      engine, packets: r.packets, packetsPerSec: Math.round(1e9 / ns), nsPerPacket: Math.round(ns), genNsPerPacket: Math.round(genNs), runNsPerPacket: Math.round(ns - genNs),
      dropped: r.verdicts.XDP_DROP ?? 0, cpuNsPerPacket: Math.round(cpuNs), genCpuNsPerPacket: Math.round(genCpu),
    });
  }
  return rows;
}

export function printNicBench(count = 1_000_000): void {
  for (const r of benchNic(count)) {
    console.log(`  ${r.engine.padEnd(4)} ${String(r.packets).padStart(8)} packets  ${(r.packetsPerSec / 1e3).toFixed(0).padStart(6)} k packets/s  ${r.nsPerPacket} ns/packet = ${r.genNsPerPacket} generation + ${r.runNsPerPacket} run  (CPU time: ${r.cpuNsPerPacket} ns/packet, ${r.genCpuNsPerPacket} generation)  (${r.dropped} XDP_DROP)`);
  }
}

if (process.argv[1]?.endsWith('bench.ts') && process.argv[1].includes('sim/nic')) printNicBench(Number(process.argv[2] ?? 1_000_000));
