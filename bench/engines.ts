/**
 * The two execution engines side by side: runs per second of the reference interpreter
 * (`runProgram`) and of the WebAssembly engine (`fastRunner`: compiled once, bound to one memory;
 * and `runFast`, the per-call API that decodes and looks the program up in the cache each time) on
 *   (a) a loop-heavy program (bench/vm.ts's loop, 1,000 iterations per run), and
 *   (b) an XDP-like program that parses Ethernet / IPv4 / UDP from the packet and returns 1
 *       (XDP_DROP) for UDP destination port 5001, else 2 (XDP_PASS),
 *   (c) a map counter: bpf_map_lookup_elem on an array map (computed inside WebAssembly: the
 *       engine's inlined array lookup; the kernel's real array map there) and an atomic add to the
 *       value, returning 2 (XDP_PASS),
 * plus, when the kernel oracle can run (root, bpf(2) allowed), the kernel's BPF_PROG_TEST_RUN
 * ns/run for the same parser as a real XDP program. The kernel version differs only in its first
 * two instructions: it reads data / data_end from `struct xdp_md` (`r2 = *(u32 *)(r1 + 4)`,
 * `r1 = *(u32 *)(r1 + 0)`), where ours gets r1 = data, r2 = length (`mem` convention) and adds them.
 * Figures only, never pass/fail; they move with the machine's load. `npx tsx bench/engines.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeInsns, insn, type Insn } from '../src/isa/insn.ts';
import { Memory, runProgram } from '../src/vm/index.ts';
import { decodeProgram } from '../src/vm/decode.ts';
import { execute } from '../src/vm/interpreter.ts';
import { compileWasm, EngineCache, fastRunner, runFast } from '../src/vm/wasm/index.ts';
import { loopProgram } from './vm.ts';

const ORACLE = '/work/shared/tools/kernel_oracle.py';

/** The packet `kernel_oracle.py mkpacket --proto udp --dport 5001` prints (Eth / IPv4 / UDP to 5001). */
export const UDP_5001_PACKET =
  '02000000000202000000000108004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000';

/**
 * The parser body after data (r1) and data_end (r2) are known.
 *   r0 = XDP_PASS
 *   eth = data; if data + 14 > data_end → pass; if eth.h_proto != htons(ETH_P_IP) → pass
 *   if data + 34 > data_end → pass; ihl = (ip[0] & 0xf) * 4; if ip.protocol != IPPROTO_UDP → pass
 *   udp = data + 14 + ihl; if udp + 8 > data_end → pass; if udp.dest != htons(5001) → pass
 *   r0 = XDP_DROP
 */
function parserBody(): Insn[] {
  return [
    insn(0xb7, 0, 0, 0, 2), //         r0 = 2
    insn(0xbf, 3, 1), //               r3 = r1
    insn(0x07, 3, 0, 0, 14), //        r3 += 14
    insn(0x2d, 3, 2, 17), //           if r3 > r2 goto out
    insn(0x69, 4, 1, 12), //           r4 = *(u16 *)(r1 + 12)
    insn(0x55, 4, 0, 15, 0x0008), //   if r4 != 0x8 goto out  (ETH_P_IP, network order)
    insn(0xbf, 3, 1), //               r3 = r1
    insn(0x07, 3, 0, 0, 34), //        r3 += 34
    insn(0x2d, 3, 2, 12), //           if r3 > r2 goto out
    insn(0x71, 5, 1, 23), //           r5 = *(u8 *)(r1 + 23)
    insn(0x55, 5, 0, 10, 17), //       if r5 != 17 goto out
    insn(0x71, 4, 1, 14), //           r4 = *(u8 *)(r1 + 14)
    insn(0x57, 4, 0, 0, 0xf), //       r4 &= 15
    insn(0x67, 4, 0, 0, 2), //         r4 <<= 2
    insn(0x0f, 1, 4), //               r1 += r4
    insn(0xbf, 3, 1), //               r3 = r1
    insn(0x07, 3, 0, 0, 22), //        r3 += 22          (14 + 8: end of the UDP header)
    insn(0x2d, 3, 2, 3), //            if r3 > r2 goto out
    insn(0x69, 4, 1, 16), //           r4 = *(u16 *)(r1 + 16)   (udp->dest)
    insn(0x55, 4, 0, 1, 0x8913), //    if r4 != 0x8913 goto out (5001, network order)
    insn(0xb7, 0, 0, 0, 1), //         r0 = 1
    insn(0x95), //                     out: exit
  ];
}

/** Ours: r1 = data, r2 = length. */
export const xdpProgram = (): Insn[] => [insn(0x0f, 2, 1) /* r2 += r1 */, ...parserBody()];
/** The kernel's: r1 = struct xdp_md *. */
export const xdpKernelProgram = (): Insn[] => [insn(0x61, 2, 1, 4), insn(0x61, 1, 1, 0), ...parserBody()];

/**
 * Map counter (same bytecode for us and the kernel; the map fd is ld_imm64 src=1 imm=0, the
 * oracle's first --map, our resolver's map address):
 *   r1 = map; *(u32 *)(r10 - 4) = 0; r2 = r10 - 4; r0 = bpf_map_lookup_elem(r1, r2)
 *   if r0 == 0 goto out; r1 = 1; lock *(u64 *)(r0 + 0) += r1; out: r0 = XDP_PASS; exit
 */
export const counterProgram = (): Insn[] => [
  insn(0x18, 1, 1, 0, 0), insn(0), insn(0x62, 10, 0, -4, 0), insn(0xbf, 2, 10), insn(0x07, 2, 0, 0, -4),
  insn(0x85, 0, 0, 0, 1), insn(0x15, 0, 0, 2, 0), insn(0xb7, 1, 0, 0, 1), insn(0xdb, 0, 1, 0, 0x00),
  insn(0xb7, 0, 0, 0, 2), insn(0x95),
];

export interface EngineFigures {
  name: string;
  /** Runs per second. */
  interp: number;
  wasm: number;
  /** runFast (decode + cache lookup per call). */
  wasmPerCall: number;
  /** fastRunner.repeat: many runs inside one call into wasm (like BPF_PROG_TEST_RUN's repeat). */
  wasmRepeat: number;
  /** The interpreter's core (`execute` on a pre-decoded program), without runProgram's per-call setup. */
  interpCore: number;
  /** wasm / interp. */
  ratio: number;
  /** Instructions per run (steps). */
  steps: number;
  /** Translation + WebAssembly compilation, warm (a fresh cache, after a first compile). */
  compileNs: number;
  /** Size of the WebAssembly module. */
  wasmBytes: number;
  /** Kernel BPF_PROG_TEST_RUN ns per run, when the oracle ran. */
  kernelNs?: number;
  kernelNote?: string;
}

const now = () => performance.now();

/** Warm compile time: best of 5 compiles into fresh caches. */
function warmCompileNs(prog: Insn[]): number {
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const c = compileWasm(prog, { cache: new EngineCache() });
    if (c.ok) best = Math.min(best, c.compileNs);
  }
  return best;
}

/** Best runs/s over `rounds` timed loops of `n` runs each. */
function rate(n: number, rounds: number, f: () => void): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = now();
    for (let k = 0; k < n; k++) f();
    best = Math.min(best, now() - t0);
  }
  return n / (best / 1000);
}

/** Runs/s of the interpreter's core loop: `execute` on a pre-decoded program (stack zeroed per run like runProgram). */
function coreRate(prog: Insn[], memory: Memory, args: bigint[], budget: number, n: number): number {
  const d = decodeProgram(prog);
  const st = memory.stack(0);
  const top = st.base + BigInt(st.size);
  const regs = [0n, args[0] ?? 0n, args[1] ?? 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, top];
  return rate(n, 3, () => {
    memory.bytes.fill(0, st.offset, st.offset + st.size);
    execute(d, memory, regs, { budget, trace: false, helpers: {} });
  });
}

function kernelBench(prog: Insn[], packetHex: string, extra: string[] = []): { ns?: number; note?: string; retval?: number } {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'ebpf-bench-'));
    const file = join(dir, 'xdp.bin');
    writeFileSync(file, encodeInsns(prog));
    const out = execFileSync('python3', [ORACLE, 'bench', file, '--type', 'xdp', '--packet', packetHex, '--repeat', '1000000', '--rounds', '5', ...extra], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const j = JSON.parse(out) as { ns_per_run?: number; retval?: number; failed_at?: string; errno_name?: string };
    if (j.ns_per_run === undefined) return { note: `kernel oracle failed at ${j.failed_at ?? '?'} (${j.errno_name ?? '?'})` };
    return { ns: j.ns_per_run, retval: j.retval };
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { note: `kernel oracle not available here (needs root and bpf(2)): ${msg}` };
  }
}

/** Measure both engines on both programs (and the kernel on the XDP one unless `kernel` is false). */
export function benchEngines(opts: { kernel?: boolean; runs?: number } = {}): EngineFigures[] {
  const runs = opts.runs ?? 200_000;
  const out: EngineFigures[] = [];

  // (a) loop-heavy: 1,000 iterations per run.
  {
    const prog = loopProgram(1000);
    const memory = new Memory();
    const c = compileWasm(prog);
    if (!c.ok) throw new Error(c.error);
    const runner = fastRunner(c.engine, { memory, budget: 1e9 });
    const ref = runProgram(prog, { memory, budget: 1e9 });
    runner.run();
    const got = runner.last();
    if ('error' in got || got.r0 !== ref.r0 || got.steps !== ref.steps) throw new Error('the engines disagree on the loop program');
    const n = Math.max(20, Math.floor(runs / 1000));
    const interp = rate(Math.max(5, n / 10), 3, () => runProgram(prog, { memory, budget: 1e9 }));
    const wasm = rate(n, 9, () => runner.run());
    const perCall = rate(n, 3, () => runFast(prog, { memory, budget: 1e9 }));
    const rep = rate(1, 9, () => runner.repeat(n)) * n;
    const core = coreRate(prog, memory, [], 1e9, Math.max(5, n / 10));
    out.push({ name: 'loop (1000 iterations)', interp, interpCore: core, wasm, wasmPerCall: perCall, wasmRepeat: rep, ratio: wasm / interp, steps: ref.steps, compileNs: warmCompileNs(prog), wasmBytes: c.engine.wasmBytes });
  }

  // (b) XDP-like UDP port 5001 drop.
  {
    const prog = xdpProgram();
    const memory = new Memory();
    const bytes = Uint8Array.from(UDP_5001_PACKET.match(/../g)!.map((h) => parseInt(h, 16)));
    const pkt = memory.allocPacket(bytes);
    const len = BigInt(bytes.length);
    const c = compileWasm(prog);
    if (!c.ok) throw new Error(c.error);
    const runner = fastRunner(c.engine, { memory });
    const ref = runProgram(prog, { memory, args: [pkt.data, len] });
    const r0 = runner.run(pkt.data, len);
    if (ref.r0 !== 1n || r0 !== 1) throw new Error(`XDP program: interpreter r0 = ${ref.r0}, wasm r0 = ${r0}, expected 1 (drop)`);
    const interp = rate(Math.max(1000, runs / 40), 3, () => runProgram(prog, { memory, args: [pkt.data, len] }));
    const wasm = rate(runs * 5, 9, () => runner.run(pkt.data, len));
    const perCall = rate(Math.max(1000, runs / 5), 3, () => runFast(prog, { memory, args: [pkt.data, len] }));
    const rep = rate(1, 9, () => runner.repeat(runs * 5, pkt.data, len)) * runs * 5;
    const core = coreRate(prog, memory, [pkt.data, len], 1_000_000, Math.max(1000, runs / 40));
    const f: EngineFigures = { name: 'XDP UDP:5001 drop (Eth/IPv4/UDP parse)', interp, interpCore: core, wasm, wasmPerCall: perCall, wasmRepeat: rep, ratio: wasm / interp, steps: ref.steps, compileNs: warmCompileNs(prog), wasmBytes: c.engine.wasmBytes };
    if (opts.kernel !== false) {
      const k = kernelBench(xdpKernelProgram(), UDP_5001_PACKET);
      if (k.ns !== undefined) {
        f.kernelNs = k.ns;
        if (k.retval !== 1) f.kernelNote = `kernel returned ${k.retval}, expected 1`;
      } else f.kernelNote = k.note;
    } else f.kernelNote = 'kernel oracle skipped';
    out.push(f);
  }

  // (c) map counter through a helper call.
  {
    const prog = counterProgram();
    const memory = new Memory();
    const value = memory.alloc('map_value', 8, { name: 'counts[0]' });
    const MAP = 0xffff888000aa0000n; // what the loader would patch in (our map handle)
    const helpers = { 1: (vm: import('../src/vm/index.ts').VmApi, map: bigint, key: bigint) => (map === MAP && vm.read(key, 4) === 0n ? value.base : 0n) };
    const ldImm64 = () => MAP;
    // The lookup runs inside WebAssembly (an array map: index check → address of the value).
    const c = compileWasm(prog, { ldImm64, inline: { arrays: [{ addr: MAP, elemSize: 8, maxEntries: 1, bases: [value.base] }] } });
    if (!c.ok) throw new Error(c.error);
    const runner = fastRunner(c.engine, { memory, helpers });
    const ref = runProgram(prog, { memory, helpers, ldImm64 });
    if (ref.r0 !== 2n || runner.run() !== 2 || memory.read(value.base, 8) !== 2n) throw new Error('map counter: the engines disagree');
    const interp = rate(Math.max(1000, runs / 40), 3, () => runProgram(prog, { memory, helpers, ldImm64 }));
    const wasm = rate(runs, 9, () => runner.run());
    const perCall = rate(Math.max(1000, runs / 5), 3, () => runFast(prog, { memory, helpers, ldImm64 }));
    const rep = rate(1, 9, () => runner.repeat(runs * 5)) * runs * 5;
    const d = decodeProgram(prog, ldImm64);
    const st = memory.stack(0);
    const regs = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, st.base + BigInt(st.size)];
    const core = rate(Math.max(1000, runs / 40), 3, () => {
      memory.bytes.fill(0, st.offset, st.offset + st.size);
      execute(d, memory, regs, { budget: 1_000_000, trace: false, helpers });
    });
    const f: EngineFigures = { name: 'map counter (lookup helper + atomic add)', interp, interpCore: core, wasm, wasmPerCall: perCall, wasmRepeat: rep, ratio: wasm / interp, steps: ref.steps, compileNs: warmCompileNs(prog), wasmBytes: c.engine.wasmBytes };
    if (opts.kernel !== false) {
      const k = kernelBench(prog, UDP_5001_PACKET, ['--map', 'counts:array:4:8:1']);
      if (k.ns !== undefined) {
        f.kernelNs = k.ns;
        if (k.retval !== 2) f.kernelNote = `kernel returned ${k.retval}, expected 2`;
      } else f.kernelNote = k.note;
    } else f.kernelNote = 'kernel oracle skipped';
    out.push(f);
  }
  return out;
}

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));

/** Print the figures (what `npm run bench` shows for this section). */
export function printEngines(figs = benchEngines()): void {
  for (const f of figs) {
    const ns = (r: number) => (1e9 / r).toFixed(r > 1e6 ? 1 : 0);
    console.log(`== ${f.name}: ${f.steps} insns/run; JIT: ${(f.compileNs / 1000).toFixed(0)} µs to compile (${f.wasmBytes} B of wasm), ${ns(f.wasmRepeat)} ns/run`);
    console.log(`  reference interpreter, runProgram:      ${fmt(f.interp)} runs/s  (${ns(f.interp)} ns/run)`);
    console.log(`  reference interpreter, execute() only:  ${fmt(f.interpCore)} runs/s  (${ns(f.interpCore)} ns/run)`);
    console.log(`  wasm, runFast (per call: decode, cache): ${fmt(f.wasmPerCall)} runs/s  (${ns(f.wasmPerCall)} ns/run)`);
    console.log(`  wasm, fastRunner.run (JS -> wasm per run): ${fmt(f.wasm)} runs/s  (${ns(f.wasm)} ns/run)  = ${f.ratio.toFixed(0)}x runProgram, ${(f.wasm / f.interpCore).toFixed(0)}x execute()`);
    console.log(`  wasm, fastRunner.repeat (loop in wasm):  ${fmt(f.wasmRepeat)} runs/s  (${ns(f.wasmRepeat)} ns/run)  = ${(f.wasmRepeat / f.interpCore).toFixed(0)}x execute()`);
    if (f.kernelNs !== undefined) {
      console.log(`  kernel JIT, BPF_PROG_TEST_RUN repeat:   ${fmt(1e9 / f.kernelNs)} runs/s  (${f.kernelNs} ns/run, incl. ~21 ns of test loop)  wasm repeat / kernel time: ${(1e9 / f.wasmRepeat / f.kernelNs).toFixed(2)}x${f.kernelNote ? ` (${f.kernelNote})` : ''}`);
    } else if (f.kernelNote) console.log(`  kernel: ${f.kernelNote}`);
  }
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) printEngines();
