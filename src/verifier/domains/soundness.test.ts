// Soundness of the scalar domain (fixed seed): build random abstract scalars together with a
// pool of concrete values they must contain (by applying the same operations and branch
// conditions to both), then check that every concrete result of every operation lies inside
// the domain's result — its tnum and all eight bounds. Concrete BPF semantics are the
// independent expectation.
import { describe, expect, it } from 'vitest';
import {
  BPF_ADD,
  BPF_AND,
  BPF_ARSH,
  BPF_DIV,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JLE,
  BPF_JLT,
  BPF_JNE,
  BPF_JSET,
  BPF_JSGE,
  BPF_JSGT,
  BPF_JSLE,
  BPF_JSLT,
  BPF_LSH,
  BPF_MOD,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RSH,
  BPF_SUB,
  BPF_XOR,
} from '../../isa/opcodes.ts';
import { prng } from './cases.ts';
import {
  type Scalar,
  branchTaken,
  endConcrete,
  refineOnBranch,
  scalarAlu,
  scalarConst,
  scalarEnd,
  scalarJoin,
  scalarUnknown,
  scalarWellFormed,
  signExtend,
  truncate,
  zext32,
  boundsSync,
} from './scalar.ts';

const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);

/** x is one of the values s stands for. */
function contains(s: Scalar, x: bigint): boolean {
  const v = u64(x);
  const lo = u32(v);
  return (
    (v & ~s.var_off.mask) === s.var_off.value &&
    s.umin <= v && v <= s.umax &&
    s.smin <= s64(v) && s64(v) <= s.smax &&
    s.u32_min <= lo && lo <= s.u32_max &&
    s.s32_min <= s32(lo) && s32(lo) <= s.s32_max
  );
}

/** The BPF ALU, concretely (kernel/interpreter semantics). */
function alu(op: number, is64: boolean, x: bigint, y: bigint): bigint {
  const w = is64 ? 64 : 32;
  const c = (v: bigint): bigint => BigInt.asUintN(w, v);
  const a = c(x);
  const b = c(y);
  const sh = BigInt(Number(b) & (w - 1));
  const sa = BigInt.asIntN(w, a);
  switch (op) {
    case BPF_ADD: return c(a + b);
    case BPF_SUB: return c(a - b);
    case BPF_MUL: return c(a * b);
    case BPF_DIV: return b === 0n ? 0n : a / b;
    case BPF_MOD: return b === 0n ? a : a % b;
    case BPF_OR: return a | b;
    case BPF_AND: return a & b;
    case BPF_XOR: return a ^ b;
    case BPF_LSH: return c(a << sh);
    case BPF_RSH: return a >> sh;
    case BPF_ARSH: return c(sa >> sh);
    case BPF_NEG: return c(-a);
    default: throw new Error('op');
  }
}

function cond(op: number, is64: boolean, x: bigint, y: bigint): boolean {
  const a = is64 ? u64(x) : u32(x);
  const b = is64 ? u64(y) : u32(y);
  const sa = is64 ? s64(a) : s32(a);
  const sb = is64 ? s64(b) : s32(b);
  switch (op) {
    case BPF_JEQ: return a === b;
    case BPF_JNE: return a !== b;
    case BPF_JGT: return a > b;
    case BPF_JGE: return a >= b;
    case BPF_JLT: return a < b;
    case BPF_JLE: return a <= b;
    case BPF_JSGT: return sa > sb;
    case BPF_JSGE: return sa >= sb;
    case BPF_JSLT: return sa < sb;
    case BPF_JSLE: return sa <= sb;
    case BPF_JSET: return (a & b) !== 0n;
    default: throw new Error('op');
  }
}

const ALU_OPS = [BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_MOD, BPF_OR, BPF_AND, BPF_XOR, BPF_LSH, BPF_RSH, BPF_ARSH, BPF_NEG];
const JMP_OPS = [BPF_JEQ, BPF_JNE, BPF_JGT, BPF_JGE, BPF_JLT, BPF_JLE, BPF_JSGT, BPF_JSGE, BPF_JSLT, BPF_JSLE, BPF_JSET];

/** An abstract scalar and concrete values known to be inside it. */
interface Sample {
  s: Scalar;
  xs: bigint[];
}

function interesting(rnd: () => number): bigint {
  const r = rnd();
  const small = BigInt(Math.floor(rnd() * 600) - 300);
  if (r < 0.3) return u64(small);
  if (r < 0.45) return u64((1n << 32n) + small);
  if (r < 0.6) return u64((1n << 63n) + small);
  if (r < 0.7) return u64((1n << 31n) + small);
  let v = 0n;
  for (let i = 0; i < 4; i++) v = (v << 16n) | BigInt(Math.floor(rnd() * 65536));
  return v;
}

/** A random scalar with a pool of members, built by random ops and branch filters. */
function makeSample(rnd: () => number, depth: number): Sample {
  if (depth === 0 || rnd() < 0.2) {
    if (rnd() < 0.25) {
      const v = interesting(rnd);
      return { s: scalarConst(v), xs: [v] };
    }
    return { s: scalarUnknown(), xs: Array.from({ length: 40 }, () => interesting(rnd)) };
  }
  const a = makeSample(rnd, depth - 1);
  const r = rnd();
  const is64 = rnd() < 0.6;
  if (r < 0.5) {
    const op = [BPF_AND, BPF_OR, BPF_ADD, BPF_SUB, BPF_MUL, BPF_XOR, BPF_RSH, BPF_LSH, BPF_ARSH, BPF_NEG][Math.floor(rnd() * 10)];
    const k = op === BPF_LSH || op === BPF_RSH || op === BPF_ARSH ? BigInt(Math.floor(rnd() * (is64 ? 64 : 32))) : interesting(rnd);
    return { s: scalarAlu(op, is64, a.s, scalarConst(k)), xs: a.xs.map((x) => alu(op, is64, x, k)) };
  }
  // Keep the values on one side of a branch against a constant.
  const op = JMP_OPS[Math.floor(rnd() * JMP_OPS.length)];
  const k = rnd() < 0.5 && a.xs.length ? a.xs[Math.floor(rnd() * a.xs.length)] : interesting(rnd);
  const taken = rnd() < 0.5;
  const xs = a.xs.filter((x) => cond(op, is64, x, k) === taken);
  if (!xs.length || branchTaken(op, is64, a.s, scalarConst(k)) !== -1) return a;
  const ref = refineOnBranch(op, is64, a.s, scalarConst(k), taken);
  if (!ref) return a;
  return { s: ref[0], xs };
}

describe('scalar domain soundness (seeded)', () => {
  const rnd = prng(20251122);
  const samples: Sample[] = Array.from({ length: 400 }, () => makeSample(rnd, 4));

  it('the generated scalars hold their members and are well-formed', () => {
    const bad = samples.filter((a) => !scalarWellFormed(a.s) || !a.xs.every((x) => contains(a.s, x)));
    expect(bad.length).toBe(0);
    // The generator must produce varied scalars, not only unknowns and constants.
    expect(samples.filter((a) => a.xs.length > 1 && a.s.var_off.mask !== (1n << 64n) - 1n).length).toBeGreaterThan(100);
  }, 60_000);

  it('scalarAlu: every ALU op, 32 and 64 bits, register and constant operands', () => {
    let checked = 0;
    for (let n = 0; n < 1500; n++) {
      const a = samples[Math.floor(rnd() * samples.length)];
      const b = rnd() < 0.5 ? samples[Math.floor(rnd() * samples.length)] : (() => {
        const v = interesting(rnd);
        return { s: scalarConst(v), xs: [v] };
      })();
      const op = ALU_OPS[Math.floor(rnd() * ALU_OPS.length)];
      const is64 = rnd() < 0.5;
      const r = scalarAlu(op, is64, a.s, b.s);
      for (const x of a.xs.slice(0, 12)) {
        for (const y of b.xs.slice(0, 6)) {
          // Shifts by out-of-range amounts are rejected by the verifier or unknown; skip them.
          if ((op === BPF_LSH || op === BPF_RSH || op === BPF_ARSH) && u64(y) >= (is64 ? 64n : 32n)) continue;
          const z = alu(op, is64, x, y);
          if (!contains(r, z)) {
            throw new Error(`op ${op} is64=${is64} x=${x} y=${y} -> ${z} not in ${JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10000);
  }, 120_000);

  it('branchTaken never contradicts a member; refineOnBranch keeps every member of its side', () => {
    const bad: string[] = [];
    let checked = 0;
    for (let n = 0; n < 1200; n++) {
      const a = samples[Math.floor(rnd() * samples.length)];
      const b = samples[Math.floor(rnd() * samples.length)];
      const op = JMP_OPS[Math.floor(rnd() * JMP_OPS.length)];
      const is64 = rnd() < 0.5;
      const pred = branchTaken(op, is64, a.s, b.s);
      const t = refineOnBranch(op, is64, a.s, b.s, true);
      const f = refineOnBranch(op, is64, a.s, b.s, false);
      for (const x of a.xs.slice(0, 8)) {
        for (const y of b.xs.slice(0, 8)) {
          const c = cond(op, is64, x, y);
          checked++;
          if (pred !== -1) {
            if (c !== (pred === 1)) bad.push(`op ${op} is64=${is64} ${x} ${y}: predicted ${pred}`);
            continue;
          }
          const side = c ? t : f;
          if (!side || !contains(side[0], x) || !contains(side[1], y)) bad.push(`op ${op} is64=${is64} ${x} ${y}: refined side lost it`);
        }
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(10000);
  }, 120_000);

  it('join holds the members of both sides', () => {
    let bad = 0;
    for (let n = 0; n < 400; n++) {
      const a = samples[Math.floor(rnd() * samples.length)];
      const b = samples[Math.floor(rnd() * samples.length)];
      const j = scalarJoin(a.s, b.s);
      if (!scalarWellFormed(j)) bad++;
      for (const x of [...a.xs, ...b.xs]) if (!contains(j, x)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('width changes: zero extension, truncation, sign extension, byte swaps', () => {
    const bad: string[] = [];
    const chk = (ok: boolean, what: string): void => {
      if (!ok) bad.push(what);
    };
    for (const a of samples) {
      const z = boundsSync(zext32(a.s));
      for (const x of a.xs) chk(contains(z, u32(x)), `zext ${x}`);
      for (const size of [1, 2, 4] as const) {
        const t = truncate(a.s, size);
        const sx = signExtend(a.s, size, true);
        const bits = BigInt(size * 8);
        for (const x of a.xs) {
          chk(contains(t, x & ((1n << bits) - 1n)), `truncate ${size} ${x}`);
          chk(contains(sx, u64(BigInt.asIntN(size * 8, x))), `sext64 ${size} ${x}`);
        }
        if (size < 4) {
          const sx32 = signExtend(a.s, size, false);
          for (const x of a.xs) chk(contains(sx32, u32(BigInt.asIntN(size * 8, x))), `sext32 ${size} ${x}`);
        }
      }
      for (const bitsE of [16, 32, 64] as const) {
        for (const swap of [false, true]) {
          const e = scalarEnd(a.s, bitsE, swap);
          for (const x of a.xs) chk(contains(e, endConcrete(x, bitsE, swap)), `end ${bitsE} ${swap} ${x}`);
        }
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  }, 120_000);
});
