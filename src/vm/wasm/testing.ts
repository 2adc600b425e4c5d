/**
 * Differential-test support: run one program on the reference interpreter and on the WebAssembly
 * engine, each over its own `Memory`, and list every difference: r0, exited, steps, registers, the
 * `mem` bytes, the oops (kind, pc, address and the full rendered report), and the complete final
 * linear memory and region list (so map values, stacks and allocations must agree byte for byte).
 * Also a seeded random-program generator biased towards programs that do something: in-range
 * stack and `mem` accesses, short jumps both ways, local calls, helper calls, callbacks, tail
 * calls, atomics, callx and a few junk slots.
 *
 * Deliberately not here: expectations — the interpreter is the oracle. Provenance: our own.
 */
import { insn, type Insn } from '../../isa/insn.ts';
import { runProgram, type HelperFn, type RunOptions, type RunResult } from '../index.ts';
import { Memory } from '../memory.ts';
import { runFast } from './index.ts';
import type { TranslateOptions } from './static.ts';

const hex = (v: bigint | undefined) => (v === undefined ? 'undefined' : '0x' + v.toString(16));

/** Differences between two results ("" entries never appear); empty = identical. */
export function diffResults(a: RunResult, b: RunResult): string[] {
  const out: string[] = [];
  if (a.r0 !== b.r0) out.push(`r0 ${hex(a.r0)} vs ${hex(b.r0)}`);
  if (a.exited !== b.exited) out.push(`exited ${a.exited} vs ${b.exited}`);
  if (a.steps !== b.steps) out.push(`steps ${a.steps} vs ${b.steps}`);
  for (let r = 0; r < 11; r++) if (a.regs[r] !== b.regs[r]) out.push(`r${r} ${hex(a.regs[r])} vs ${hex(b.regs[r])}`);
  if (!!a.oops !== !!b.oops) out.push(`oops ${a.oops?.kind ?? 'none'} vs ${b.oops?.kind ?? 'none'}: ${(a.oops ?? b.oops)!.message.split('\n')[0]}`);
  if (a.oops && b.oops) {
    if (a.oops.kind !== b.oops.kind) out.push(`oops kind ${a.oops.kind} vs ${b.oops.kind}`);
    if (a.oops.pc !== b.oops.pc) out.push(`oops pc ${a.oops.pc} vs ${b.oops.pc}`);
    if (a.oops.address !== b.oops.address) out.push(`oops address ${hex(a.oops.address)} vs ${hex(b.oops.address)}`);
    if (a.oops.message !== b.oops.message) out.push(`oops message:\n${a.oops.message}\n--- vs ---\n${b.oops.message}`);
  }
  const am = a.mem ? Array.from(a.mem).join(',') : '', bm = b.mem ? Array.from(b.mem).join(',') : '';
  if (am !== bm) out.push(`mem [${am}] vs [${bm}]`);
  return out;
}

/** Differences between two memories: region list and every byte. */
export function diffMemories(a: Memory, b: Memory): string[] {
  const out: string[] = [];
  const ra = a.regions.map((r) => `${r.name}@${hex(r.base)}+${r.size}/${r.offset}`).join(' ');
  const rb = b.regions.map((r) => `${r.name}@${hex(r.base)}+${r.size}/${r.offset}`).join(' ');
  if (ra !== rb) out.push(`regions ${ra} vs ${rb}`);
  const x = a.bytes, y = b.bytes;
  if (x.length !== y.length) out.push(`memory size ${x.length} vs ${y.length}`);
  else {
    const wx = new Int32Array(x.buffer, x.byteOffset, x.length >> 2), wy = new Int32Array(y.buffer, y.byteOffset, y.length >> 2);
    for (let k = 0; k < wx.length; k++) {
      if (wx[k] !== wy[k]) {
        let b = k * 4;
        while (x[b] === y[b]) b++;
        out.push(`memory byte at offset ${b}: ${x[b]} vs ${y[b]}`);
        break;
      }
    }
  }
  return out;
}

/** Wrap `helpers` so every call is logged: id, pc, frame, r1..r5, and the return value or exception. */
function logged(helpers: Record<number, HelperFn> | undefined, log: string[]): Record<number, HelperFn> {
  return new Proxy({}, {
    get(_t, key) {
      if (typeof key !== 'string') return undefined;
      const fn = helpers?.[Number(key)];
      if (!fn) return undefined;
      return ((vm, a, b, c, d, e) => {
        const head = `#${String(key)} pc ${vm.pc} frame ${vm.frame} (${[a, b, c, d, e].map(hex).join(', ')})`;
        try {
          const r = fn(vm, a, b, c, d, e);
          log.push(`${head} = ${typeof r === 'bigint' ? hex(r) : String(r)}`);
          return r;
        } catch (t) {
          log.push(`${head} threw ${t instanceof Error ? t.message : String((t as { kind?: string }).kind ?? t)}`);
          throw t;
        }
      }) as HelperFn;
    },
  });
}

/**
 * Run on both engines (each in its own memory, given or fresh) and list the differences, including
 * the sequence of helper calls (id, pc, frame, arguments, result).
 */
export function compareEngines(insns: readonly Insn[], opts: RunOptions = {}, mems?: [Memory, Memory], fastOpts: TranslateOptions = {}): string[] {
  const [ma, mb] = mems ?? [new Memory(), new Memory()];
  const la: string[] = [], lb: string[] = [];
  const ref = runProgram(insns, { ...opts, memory: ma, helpers: logged(opts.helpers, la) });
  const fast = runFast(insns, { ...opts, ...fastOpts, memory: mb, helpers: logged(opts.helpers, lb) });
  if (!fast.ok) return [`fast engine error: ${fast.error}`];
  const out = [...diffResults(ref, fast), ...diffMemories(ma, mb)];
  if (la.join('\n') !== lb.join('\n')) out.push(`helper calls:\n${la.join('\n')}\n--- vs ---\n${lb.join('\n')}`);
  return out;
}

/** Seeded generator (LCG, reproducible). */
export class Rng {
  constructor(private seed: number) {}
  next(n: number): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return (this.seed >>> 8) % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.next(xs.length)];
  }
}

const ALU_OPS = [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0];
const JMP_OPS = [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0];
const IMMS = [0, 1, -1, 2, 3, 7, 8, 16, 31, 32, 33, 63, 64, 0x7fffffff, -0x80000000, 0x12345678, -2, 255, 4096];
/** Helper ids the fuzz helpers implement (99: missing). */
export const FUZZ_HELPER_IDS = [1, 5, 6, 7, 12, 13, 14, 15, 99];

/** A random program of `n` slots (ld_imm64 takes two). */
export function randomProgram(rng: Rng, n: number): Insn[] {
  const p: Insn[] = [];
  const reg = () => rng.next(11);
  const wreg = () => rng.next(10);
  const imm = () => (rng.next(3) === 0 ? (rng.next(0x7fffffff) - 0x3fffffff) | 0 : rng.pick(IMMS));
  while (p.length < n - 1) {
    const k = rng.next(100);
    const left = n - 1 - p.length;
    if (k < 30) { // ALU
      const op = rng.pick(ALU_OPS);
      const cls = rng.next(2) ? 0x07 : 0x04;
      const x = op !== 0x80 && rng.next(2) === 1;
      let off = 0;
      if ((op === 0x30 || op === 0x90) && rng.next(2)) off = 1;
      if (op === 0xb0 && x && rng.next(3) === 0) off = rng.pick(cls === 0x07 ? [8, 16, 32] : [8, 16]);
      p.push(insn(op | cls | (x ? 8 : 0), wreg(), reg(), off, imm()));
    } else if (k < 34) { // byte swaps
      p.push(insn(rng.pick([0xd4, 0xdc, 0xd7]), wreg(), 0, 0, rng.pick([16, 32, 64])));
    } else if (k < 50) { // loads and stores near r10, r1 (mem) or a random base
      const base = rng.next(4) === 0 ? reg() : rng.next(2) ? 10 : 1;
      const size = rng.pick([0x00, 0x08, 0x10, 0x18]);
      const off = base === 10 ? -8 * (1 + rng.next(64)) + rng.next(8) : rng.next(24) - 2;
      const kind = rng.next(4);
      if (kind === 0) p.push(insn(0x61 | size, wreg(), base, off));
      else if (kind === 1) p.push(insn(0x62 | size, base, 0, off, imm()));
      else if (kind === 2) p.push(insn(0x63 | size, base, reg(), off));
      else p.push(insn(size === 0x18 ? 0x61 | size : 0x81 | size, wreg(), base, off)); // MEMSX (or ldxdw)
    } else if (k < 54) { // atomics
      const base = rng.next(2) ? 10 : 1;
      const off = base === 10 ? -8 * (1 + rng.next(8)) : rng.next(8);
      const op = rng.pick([0x00, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1, 0x100, 0x110]);
      const code = op >= 0x100 ? rng.pick([0xc3, 0xdb, 0xcb, 0xd3]) : rng.pick([0xc3, 0xdb]);
      p.push(insn(code, op === 0x100 ? wreg() : base, op === 0x100 ? base : reg(), off, op));
    } else if (k < 68) { // conditional jumps
      const cls = rng.next(2) ? 0x05 : 0x06;
      const x = rng.next(2) === 1;
      const off = rng.next(4) === 0 ? -(1 + rng.next(6)) : rng.next(9);
      p.push(insn(rng.pick(JMP_OPS) | cls | (x ? 8 : 0), reg(), reg(), off, imm()));
    } else if (k < 71) {
      const off = rng.next(3) === 0 ? -(1 + rng.next(8)) : rng.next(6);
      p.push(rng.next(4) ? insn(0x05, 0, 0, off) : insn(0x06, 0, 0, 0, off));
    } else if (k < 75) {
      p.push(insn(0x95));
    } else if (k < 80) { // local call
      p.push(insn(0x85, 0, 1, 0, rng.next(n) - p.length - 1));
    } else if (k < 86) { // helper call (r1 often a plausible pointer), or a bpf_loop-style callback
      if (rng.next(3) === 0 && left > 4) {
        p.push(insn(0xb7, 1, 0, 0, 1 + rng.next(3)), insn(0x18, 2, 4, 0, rng.next(n) - p.length - 2), insn(0), insn(0x85, 0, 0, 0, 7));
        continue;
      }
      if (rng.next(2) && left > 2) p.push(insn(0xbf, 1, rng.pick([1, 10, 0])), insn(0x07, 1, 0, 0, -8 * rng.next(3)));
      p.push(insn(0x85, 0, 0, 0, rng.pick(FUZZ_HELPER_IDS)));
    } else if (k < 90 && left >= 2) { // ld_imm64: value, or a function pointer (BPF_PSEUDO_FUNC)
      if (rng.next(2)) {
        const target = rng.next(n);
        p.push(insn(0x18, rng.pick([2, 3, 4]), 4, 0, target - p.length - 1), insn(0));
      } else {
        p.push(insn(0x18, wreg(), 0, 0, imm()), insn(0, 0, 0, 0, rng.next(2) ? imm() : -1));
      }
    } else if (k < 93) { // callx
      p.push(insn(0x8d, rng.pick([2, 3, 4, 1]), 0, 0, 0));
    } else { // junk
      p.push({ code: rng.next(256), dst: rng.next(16), src: rng.next(16), off: rng.next(40) - 20, imm: imm() });
    }
  }
  while (p.length > n - 1) p.pop();
  p.push(insn(0x95));
  return p;
}
