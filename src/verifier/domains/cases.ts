/**
 * The programs record.ts loads into the real kernel to learn how Linux 6.18 tracks scalars:
 * small XDP programs (LLVM assembly text) that make unknown scalars with bpf_get_prandom_u32,
 * give them interesting shapes (masks, shifts, signed and unsigned ranges from branches,
 * constants, 32-bit values), then apply one operation under test — every ALU op in 32 and 64
 * bits with immediate and register operands, every conditional jump (both sides), movsx,
 * byte swaps, narrow and sign-extending fills from the stack — plus seeded random mixes.
 *
 * Deterministic (fixed-seed PRNG), so re-recording gives the same programs.
 * Conventions the replay relies on: data lives in r6-r9, r0 is cleared after each helper call
 * so no two live registers share an id, every branch jumps to `out`.
 */

export interface Case {
  name: string;
  asm: string;
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Shape = (r: number) => string[];

/** Ways to give register r (holding an unknown scalar) a recognisable shape. */
export const SHAPES: Record<string, Shape> = {
  unknown: () => [],
  u8: (r) => [`r${r} &= 0xff`],
  hole: (r) => [`r${r} &= 0xff00`],
  u32: (r) => [`w${r} = w${r}`],
  s4: (r) => [`r${r} s>>= 60`],
  sbyte: (r) => [`r${r} &= 0xff`, `r${r} += -128`],
  even: (r) => [`r${r} &= -2`],
  orbit: (r) => [`r${r} |= 0x100`, `r${r} &= 0x1ff`],
  srange: (r) => [`if r${r} s> 1000 goto out`, `if r${r} s< -1000 goto out`],
  urange: (r) => [`if r${r} > 0xffff goto out`, `if r${r} < 0x10 goto out`],
  w_srange: (r) => [`if w${r} s> 10 goto out`, `if w${r} s< -10 goto out`],
  hi32: (r) => [`r${r} &= 0xf`, `r${r} <<= 32`],
  negsmall: (r) => [`r${r} |= -0x100`],
  uhigh: (r) => [`if r${r} < -16 goto out`],
  k5: (r) => [`r${r} = 5`],
  kneg: (r) => [`r${r} = -3`],
  kbig: (r) => [`r${r} = 0x7ffffff0`],
  k64: (r) => [`r${r} = 0x100000005 ll`],
  cross32: (r) => [`r${r} &= 0x1ff`, `w${r} += -0x100`],
  mul3: (r) => [`r${r} &= 0xf`, `r${r} *= 3`],
  s32neg: (r) => [`w${r} s>>= 20`],
  upper: (r) => ['r9 = 0x3ffffffff ll', `if r${r} > r9 goto out`, 'r9 = 0x100000000 ll', `if r${r} < r9 goto out`],
  mixed: (r) => [`r${r} &= 0x3f0`, `r${r} ^= 0x5`],
  bit4: (r) => [`r${r} &= 0x10`],
  bits: (r) => [`r${r} &= 0x11`],
  sparse: (r) => [`r${r} &= 0x1001`],
};
/** Shapes whose tnum has holes: where tnum multiplication and single-value deduction matter. */
const TNUM_SHAPES = ['u8', 'hole', 'even', 'orbit', 'mixed', 'mul3', 'hi32', 'negsmall', 'uhigh', 'k5', 'bits', 'sparse'];
const SHAPE_NAMES = Object.keys(SHAPES);

const PREAMBLE = ['call 7', 'r6 = r0', 'call 7', 'r7 = r0', 'call 7', 'r8 = r0', 'r0 = 0'];
const EPILOGUE = ['r0 = 0', 'exit', 'out:', 'r0 = 0', 'exit'];

function program(body: string[]): string {
  // The `out` block only exists when something jumps there (else it is an unreachable insn).
  const epilogue = body.some((l) => l.includes('goto out')) ? EPILOGUE : EPILOGUE.slice(0, 2);
  return [...PREAMBLE, ...body, ...epilogue].join('\n') + '\n';
}

const ALU_OPS = ['+=', '-=', '*=', '/=', '%=', 's/=', 's%=', '|=', '&=', '^=', '<<=', '>>=', 's>>='];
const JMP_OPS = ['==', '!=', '>', '>=', '<', '<=', 's>', 's>=', 's<', 's<=', '&'];
const IMMS = ['1', '-1', '3', '0x7f', '-128', '0x7fffffff', '-0x80000000', '0x10000', '0'];
const JIMMS = ['0', '1', '10', '-1', '0x80', '255', '0x7fffffff', '-0x80000000', '1000', '0x100'];

function immsFor(op: string, is64: boolean): string[] {
  if (op.includes('<<') || op.includes('>>')) return is64 ? ['0', '1', '7', '31', '32', '63'] : ['0', '1', '7', '16', '31'];
  if (op.includes('/') || op.includes('%')) return ['1', '3', '-1'];
  return IMMS;
}

/** All recorded cases, in a fixed order. */
export function allCases(): Case[] {
  const rnd = prng(0x5eed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: Case[] = [];
  const add = (name: string, body: string[]): void => {
    out.push({ name, asm: program(body) });
  };
  const reg = (is64: boolean, r: number): string => (is64 ? `r${r}` : `w${r}`);

  // ALU ops, immediate and register operands, 64 and 32 bits.
  for (const op of ALU_OPS) {
    for (const is64 of [true, false]) {
      for (const imm of immsFor(op, is64)) {
        for (let k = 0; k < 2; k++) {
          const s = pick(SHAPE_NAMES);
          add(`alu ${is64 ? 64 : 32} ${op} ${imm} on ${s}`, [...SHAPES[s](6), `${reg(is64, 6)} ${op} ${imm}`]);
        }
      }
      for (let k = 0; k < 6; k++) {
        const s = pick(SHAPE_NAMES);
        // Shift amounts from a register must be known constants below the width to be tracked;
        // use small ranges and constants so both the tracked and the unknown path occur.
        const t = op.includes('<<') || op.includes('>>') ? pick(['k5', 'u8', 'unknown', 's4']) : pick(SHAPE_NAMES);
        add(`alu ${is64 ? 64 : 32} ${op} reg: ${s} by ${t}`, [
          ...SHAPES[s](6),
          ...SHAPES[t](7),
          `${reg(is64, 6)} ${op} ${reg(is64, 7)}`,
        ]);
      }
    }
  }
  // Negation.
  for (const s of SHAPE_NAMES) {
    add(`neg 64 on ${s}`, [...SHAPES[s](6), `r6 = -r6`]);
    add(`neg 32 on ${s}`, [...SHAPES[s](6), `w6 = -w6`]);
  }
  // Conditional jumps, both sides.
  for (const op of JMP_OPS) {
    for (const is64 of [true, false]) {
      for (const imm of JIMMS) {
        for (let k = 0; k < 2; k++) {
          const s = pick(SHAPE_NAMES);
          add(`jmp ${is64 ? 64 : 32} ${op} ${imm} on ${s}`, [
            ...SHAPES[s](6),
            `if ${reg(is64, 6)} ${op} ${imm} goto out`,
          ]);
        }
      }
      for (let k = 0; k < 6; k++) {
        const s = pick(SHAPE_NAMES);
        const t = pick(SHAPE_NAMES);
        add(`jmp ${is64 ? 64 : 32} ${op} reg: ${s} vs ${t}`, [
          ...SHAPES[s](6),
          ...SHAPES[t](7),
          `if ${reg(is64, 6)} ${op} ${reg(is64, 7)} goto out`,
        ]);
      }
    }
  }
  // Sign extension (movsx) and zero extension (mov32).
  for (const s of SHAPE_NAMES) {
    for (const n of [8, 16, 32]) add(`movsx64 s${n} on ${s}`, [...SHAPES[s](6), `r7 = (s${n})r6`]);
    for (const n of [8, 16]) add(`movsx32 s${n} on ${s}`, [...SHAPES[s](6), `w7 = (s${n})w6`]);
    add(`mov32 on ${s}`, [...SHAPES[s](6), `w7 = w6`]);
  }
  // Byte swaps.
  const ENDS = ['le16', 'le32', 'le64', 'be16', 'be32', 'be64', 'bswap16', 'bswap32', 'bswap64'];
  for (const e of ENDS) {
    for (let k = 0; k < 8; k++) {
      const s = pick(SHAPE_NAMES);
      add(`end ${e} on ${s}`, [...SHAPES[s](6), `r6 = ${e} r6`]);
    }
  }
  // Spill and narrow fills (zero- and sign-extending).
  for (const s of SHAPE_NAMES) {
    for (const n of [1, 2, 4]) {
      const bits = n * 8;
      add(`fill u${bits} on ${s}`, [...SHAPES[s](6), '*(u64 *)(r10 - 8) = r6', `r7 = *(u${bits} *)(r10 - 8)`]);
      add(`fill s${bits} on ${s}`, [...SHAPES[s](6), '*(u64 *)(r10 - 8) = r6', `r7 = *(s${bits} *)(r10 - 8)`]);
    }
  }
  // Multiplication of tnum-shaped operands (tnum_mul precision).
  for (const a of TNUM_SHAPES) {
    for (const b of TNUM_SHAPES) {
      add(`mul 64 ${a} by ${b}`, [...SHAPES[a](6), ...SHAPES[b](7), 'r6 *= r7']);
      if (rnd() < 0.4) add(`mul 32 ${a} by ${b}`, [...SHAPES[a](6), ...SHAPES[b](7), 'w6 *= w7']);
    }
  }
  // Ranges meeting sparse tnums (a single common value becomes a constant), tnum-decided JEQ/JNE.
  for (const s of ['bit4', 'bits', 'sparse', 'orbit', 'hole', 'mixed']) {
    for (const op of JMP_OPS) {
      for (const imm of ['0', '1', '5', '16', '17', '0x100', '0x1000']) {
        if (rnd() < 0.5) add(`sparse ${op} ${imm} on ${s}`, [...SHAPES[s](6), `if r6 ${op} ${imm} goto out`, 'r6 += 1']);
      }
    }
  }
  // Targeted: the 64-bit bounds taken from a non-negative s32 range after sign extension, and
  // JEQ/JNE decided by the 32-bit bounds alone.
  for (const n of [8, 16, 32]) {
    for (const op of ['s<', 's>', '<', '>', '==', '!=']) {
      add(`target sx${n} then w7 ${op} 0`, [`r7 = (s${n})r6`, `if w7 ${op} 0 goto out`, 'r7 += 1']);
      add(`target sx${n} then r7 ${op} 5`, [`r7 = (s${n})r6`, `if w7 s< 0 goto out`, `if r7 ${op} 5 goto out`]);
    }
  }
  for (const op of ['==', '!=']) {
    for (const k of ['5', '15', '25', '-5']) {
      add(`target u32 then r6 ${op} ${k}`, ['if w6 > 20 goto out', 'if w6 < 10 goto out', `if r6 ${op} ${k} goto out`, 'r6 += 1']);
      add(`target s32 then r6 ${op} ${k}`, ['if w6 s> 20 goto out', 'if w6 s< -10 goto out', `if r6 ${op} ${k} goto out`, 'r6 += 1']);
    }
  }
  // Dead branches the range checks miss (range and tnum disjoint): the kernel's sync settles
  // on a constant rather than failing.
  for (const [m, lo, hi] of [['0x3e10', '49', '53'], ['0x1810', '25', '37'], ['0x2f10', '2', '11'], ['0x10', '1', '14']]) {
    for (const op of ['s<=', '<=']) {
      add(`target dead ${m} ${op} ${lo} ${hi}`, [`r6 &= ${m}`, `if r6 ${op} ${lo} goto out`, `if r6 ${op} ${hi} goto out`, 'r6 += 1']);
    }
  }
  // Linked scalars: a copy plus a constant follows the refinement of the original (and back).
  const r3 = prng(0x11d);
  for (let k = 0; k < 60; k++) {
    const sh = SHAPE_NAMES[Math.floor(r3() * SHAPE_NAMES.length)];
    const op = JMP_OPS[Math.floor(r3() * (JMP_OPS.length - 1))]; // not JSET
    const imm = JIMMS[Math.floor(r3() * JIMMS.length)];
    const k1 = ['3', '-5', '100', '0x7fff'][k % 4];
    const flavour = k % 3;
    const links =
      flavour === 0 ? ['r7 = r6', `r7 += ${k1}`] : flavour === 1 ? ['r7 = r6', `r6 += ${k1}`] : ['r7 = r6', `r7 += ${k1}`, 'r6 += 2'];
    const test = r3() < 0.5 ? 'r6' : 'r7';
    add(`linked ${k} ${sh} ${test} ${op} ${imm}`, [...SHAPES[sh](6), ...links, `if ${test} ${op} ${imm} goto out`, 'r6 |= 0', 'r7 |= 0']);
  }
  // Random mixes of everything above.
  for (let k = 0; k < 250; k++) {
    const body: string[] = [...SHAPES[pick(SHAPE_NAMES)](6), ...SHAPES[pick(SHAPE_NAMES)](7)];
    const n = 2 + Math.floor(rnd() * 4);
    for (let j = 0; j < n; j++) {
      const is64 = rnd() < 0.6;
      const d = pick([6, 7]);
      const roll = rnd();
      if (roll < 0.55) {
        const op = pick(ALU_OPS.filter((o) => !o.includes('/') && !o.includes('%')));
        const useReg = rnd() < 0.4 && !op.includes('<<') && !op.includes('>>');
        const src = useReg ? reg(is64, d === 6 ? 7 : 6) : pick(immsFor(op, is64));
        body.push(`${reg(is64, d)} ${op} ${src}`);
      } else if (roll < 0.9) {
        const op = pick(JMP_OPS);
        const src = rnd() < 0.3 ? reg(is64, d === 6 ? 7 : 6) : pick(JIMMS);
        body.push(`if ${reg(is64, d)} ${op} ${src} goto out`);
      } else {
        body.push(pick([`r${d} = -r${d}`, `w${d} = -w${d}`, `r${d} = be16 r${d}`, `r${d} = bswap32 r${d}`]));
      }
    }
    add(`mix ${k}`, body);
  }
  // Further mixes (own seeds, so the cases above never change): longer chains mixing 32- and
  // 64-bit ops, register operands everywhere, constant shift amounts held in registers,
  // register-register branches, sign extensions, fills and swaps in the middle of chains.
  mixChain(add, 'mix2', 0x2b1d, 300, 3, 5);
  mixChain(add, 'mix3', 0x3c2e, 300, 6, 7);
  return out;
}

function mixChain(add: (name: string, body: string[]) => void, family: string, seed: number, count: number, minLen: number, spread: number): void {
  const r2 = prng(seed);
  const pick2 = <T>(xs: readonly T[]): T => xs[Math.floor(r2() * xs.length)];
  const reg = (is64: boolean, r: number): string => (is64 ? `r${r}` : `w${r}`);
  for (let k = 0; k < count; k++) {
    const body: string[] = [...SHAPES[pick2(SHAPE_NAMES)](6), ...SHAPES[pick2(SHAPE_NAMES)](7), `r8 = ${pick2(['1', '3', '8', '31', '32', '-1', '0x10'])}`];
    const n = minLen + Math.floor(r2() * spread);
    for (let j = 0; j < n; j++) {
      const is64 = r2() < 0.5;
      const d = pick2([6, 7]);
      const o = d === 6 ? 7 : 6;
      const roll = r2();
      if (roll < 0.5) {
        const op = pick2(ALU_OPS.filter((x) => !x.includes('/') && !x.includes('%')));
        const shift = op.includes('<<') || op.includes('>>');
        const src = shift ? (r2() < 0.5 ? reg(is64, 8) : pick2(immsFor(op, is64))) : r2() < 0.6 ? reg(is64, o) : pick2(IMMS);
        body.push(`${reg(is64, d)} ${op} ${src}`);
      } else if (roll < 0.85) {
        const op = pick2(JMP_OPS);
        const src = r2() < 0.6 ? reg(is64, o) : pick2(JIMMS);
        body.push(`if ${reg(is64, d)} ${op} ${src} goto out`);
      } else if (roll < 0.92 && family !== 'mix2') {
        const sz = pick2(['u8', 's8', 'u16', 's16', 'u32', 's32']);
        // Spill and refill the same register: a fill shares the spilled scalar's id, and the
        // replay does not sync linked registers, so keep the link to the (dead) slot only.
        body.push(`*(u64 *)(r10 - 8) = r${d}`, `r${d} = *(${sz} *)(r10 - 8)`);
      } else {
        body.push(
          pick2([
            `r${d} = (s8)r${d}`,
            `r${d} = (s16)r${d}`,
            `r${d} = (s32)r${d}`,
            `w${d} = (s8)w${d}`,
            `w${d} = w${d}`,
            `r${d} = be32 r${d}`,
            `r${d} = le16 r${d}`,
            `r${d} = -r${d}`,
          ]),
        );
      }
    }
    add(`${family} ${k}`, body);
  }
}
