/**
 * Reading the verifier's per-instruction states for the state tree panel: which instructions had
 * a state pruned (`from X to Y: safe` / `Y: safe` in the log), and whether a concrete register
 * value from a run lies inside the abstract value the verifier printed for it
 * (`R3_w=scalar(smin=…,umax=…)`, a constant `R0=42`; pointers are not compared).
 * Pure; unit-tested.
 */

/** pcs where the verifier pruned a path (found an equivalent, already-safe state). */
export function prunedPcs(log: string): Set<number> {
  const out = new Set<number>();
  for (const line of log.split('\n')) {
    const m = /^(?:from \d+ to )?(\d+): safe$/.exec(line);
    if (m) out.add(Number(m[1]));
  }
  return out;
}

export interface AbstractReg {
  reg: number;
  text: string;
  /** For scalars: [min, max] as signed and unsigned 64-bit bounds. */
  smin?: bigint;
  smax?: bigint;
  umin?: bigint;
  umax?: bigint;
  pointer: boolean;
}

const S64_MIN = -(2n ** 63n);
const S64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

function num(s: string): bigint | undefined {
  try {
    return s.startsWith('-') ? -BigInt(s.slice(1)) : BigInt(s);
  } catch {
    return undefined;
  }
}

/** The registers of one state line `R0_w=… R1=ctx() R10=fp0 …` (the stack slots are skipped). */
export function parseRegs(state: string): AbstractReg[] {
  const out: AbstractReg[] = [];
  // tokens: Rn[_w]=value where value may contain parentheses with commas
  const re = /\bR(\d+)(?:_[rwD]+)?=((?:[^\s(]+)(?:\([^)]*\))?)/g;
  for (let m = re.exec(state); m; m = re.exec(state)) {
    const reg = Number(m[1]);
    const text = m[2];
    const r: AbstractReg = { reg, text, pointer: false };
    const c = /^(-?(?:0x[0-9a-f]+|\d+))$/.exec(text);
    if (c) {
      const v = num(c[1])!;
      const u = BigInt.asUintN(64, v);
      const sv = BigInt.asIntN(64, v);
      Object.assign(r, { smin: sv, smax: sv, umin: u, umax: u });
    } else if (text.startsWith('scalar')) {
      // `scalar(smin=smin32=0,smax=umax=255,var_off=(…))`: chained names share the value
      const named = new Map<string, bigint>();
      for (const seg of text.slice(7).replace(/var_off=\([^)]*\)/, '').split(',')) {
        const parts = seg.replace(/[()]/g, '').split('=');
        const v = num(parts[parts.length - 1]);
        if (v !== undefined) for (const k of parts.slice(0, -1)) named.set(k.trim(), v);
      }
      const field = (k: string) => named.get(k);
      const umin = field('umin') ?? 0n;
      const umax = field('umax') ?? U64_MAX;
      const smin = field('smin') ?? S64_MIN;
      const smax = field('smax') ?? S64_MAX;
      Object.assign(r, { smin, smax, umin, umax });
    } else r.pointer = true;
    out.push(r);
  }
  return out;
}

/** Whether the concrete `value` (unsigned 64-bit) fits the abstract register; undefined when not comparable. */
export function fits(a: AbstractReg, value: bigint): boolean | undefined {
  if (a.pointer || a.umin === undefined) return undefined;
  const u = BigInt.asUintN(64, value);
  const s = BigInt.asIntN(64, value);
  return u >= a.umin && u <= a.umax! && s >= a.smin! && s <= a.smax!;
}
