/**
 * Pre-decoding for the interpreter: turns `Insn[]` slots into flat typed arrays the hot loop reads,
 * resolves every `ld_imm64` to its 64-bit value once, and marks each slot the interpreter must not
 * execute (unknown opcode, bad register, reserved encoding, unresolved pseudo ld_imm64, legacy
 * LD_ABS/LD_IND) with the message its `invalid` oops will carry. A bad slot only matters if it is
 * reached: like the kernel's interpreter, decoding never rejects a program as a whole.
 *
 * Deliberately not here: the verifier's structural checks (unreachable code, jump ranges, reserved
 * fields that the kernel rejects at load time but that cannot change execution). Those belong to
 * src/isa/validate.ts and src/verifier. Provenance: RFC 9669 §3–5 and the Linux 6.18 instruction-set
 * document (Documentation/bpf/standardization/instruction-set.rst); code is our own.
 */
import type { Insn } from '../isa/insn.ts';
import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_CLASS, BPF_CMPXCHG, BPF_DIV,
  BPF_DW, BPF_END, BPF_EXIT, BPF_FETCH, BPF_IND, BPF_JA, BPF_JMP, BPF_JMP32, BPF_K, BPF_LD, BPF_LDX,
  BPF_LOAD_ACQ, BPF_MEM, BPF_MEMSX, BPF_MOD, BPF_MODE, BPF_MOV, BPF_NEG, BPF_OP, BPF_PSEUDO_CALL,
  BPF_PSEUDO_FUNC, BPF_SIZE, BPF_SRC, BPF_ST, BPF_STORE_REL, BPF_STX, BPF_W, BPF_X, BPF_XCHG,
  BPF_ADD, BPF_OR, BPF_AND, BPF_XOR, BPF_PSEUDO_KFUNC_CALL,
} from '../isa/opcodes.ts';
import { PROG_TEXT_HI, PROG_TEXT_LO } from './memory.ts';

/** Resolves a pseudo `ld_imm64` (src != 0) to the value the loader would patch in; undefined = unresolved. */
export type LdImm64Resolver = (pc: number, first: Insn, second: Insn | undefined) => bigint | undefined;

export interface Decoded {
  n: number;
  /** Opcode per slot; 0 for a slot that must not execute (see `bad`). */
  code: Uint8Array;
  /** The opcode byte as written (also for bad slots). */
  raw: Uint8Array;
  dst: Uint8Array;
  src: Uint8Array;
  off: Int32Array;
  /** imm per slot; for an ld_imm64 at pc: imm[pc] = low 32 bits, hi64[pc] = high 32 bits of the value. */
  imm: Int32Array;
  hi64: Int32Array;
  /** Why a slot is not executable (message of its `invalid` oops). */
  bad: Array<string | undefined>;
}

const PSEUDO_NAMES: Record<number, string> = {
  1: 'BPF_PSEUDO_MAP_FD',
  2: 'BPF_PSEUDO_MAP_VALUE',
  3: 'BPF_PSEUDO_BTF_ID',
  4: 'BPF_PSEUDO_FUNC',
  5: 'BPF_PSEUDO_MAP_IDX',
  6: 'BPF_PSEUDO_MAP_IDX_VALUE',
};

/** `probeMem`: the loader rewrote loads into BPF_PROBE_MEM(SX) (kernel.load); otherwise those modes are invalid, as from user space. */
export function decodeProgram(insns: readonly Insn[], resolve?: LdImm64Resolver, probeMem = false): Decoded {
  const n = insns.length;
  const d: Decoded = {
    n,
    code: new Uint8Array(n),
    raw: new Uint8Array(n),
    dst: new Uint8Array(n),
    src: new Uint8Array(n),
    off: new Int32Array(n),
    imm: new Int32Array(n),
    hi64: new Int32Array(n),
    bad: new Array(n).fill(undefined),
  };
  for (let pc = 0; pc < n; pc++) {
    const i = insns[pc];
    d.code[pc] = i.code & 0xff;
    d.raw[pc] = i.code & 0xff;
    d.dst[pc] = i.dst & 0xf;
    d.src[pc] = i.src & 0xf;
    d.off[pc] = (i.off << 16) >> 16;
    d.imm[pc] = i.imm | 0;
    const why = check(insns, pc, resolve, d, probeMem);
    if (why !== undefined) {
      d.bad[pc] = why === UNKNOWN ? `unknown opcode ${hex2(i.code & 0xff)}` : why;
      d.code[pc] = 0;
    }
  }
  return d;
}

/** Sentinel for "no such opcode" (the message is built only for slots that need it). */
const UNKNOWN = '\0unknown';
const hex2 = (c: number) => '0x' + c.toString(16).padStart(2, '0');

/** Why slot `pc` cannot execute, or undefined when it can. Fills hi64/imm for ld_imm64. */
function check(insns: readonly Insn[], pc: number, resolve: LdImm64Resolver | undefined, d: Decoded, probeMem = false): string | undefined {
  const i = insns[pc];
  const code = i.code & 0xff;
  const cls = BPF_CLASS(code);
  const unknown = UNKNOWN;
  if (i.dst > 10) return `invalid dst register r${i.dst} (registers are r0..r10)`;
  if (i.src > 10) return `invalid src register r${i.src} (registers are r0..r10)`;
  const writesDst = (): string | undefined => (i.dst === 10 ? 'frame pointer r10 is read only' : undefined);
  switch (cls) {
    case BPF_ALU:
    case BPF_ALU64: {
      const op = BPF_OP(code);
      const is64 = cls === BPF_ALU64;
      if (op === BPF_END) {
        if (is64 && BPF_SRC(code) !== BPF_K) return unknown;
        if (i.imm !== 16 && i.imm !== 32 && i.imm !== 64) return `invalid byte-swap width ${i.imm} (must be 16, 32 or 64)`;
        return writesDst();
      }
      if (op > BPF_END) return unknown;
      if (op === BPF_NEG && BPF_SRC(code) !== BPF_K) return unknown;
      if ((op === BPF_DIV || op === BPF_MOD) && i.off !== 0 && i.off !== 1) return `invalid offset ${i.off} for ${op === BPF_DIV ? 'div' : 'mod'} (0 = unsigned, 1 = signed)`;
      if (op === BPF_MOV) {
        const ok = is64 ? [0, 8, 16, 32] : [0, 8, 16];
        if (!ok.includes(i.off)) {
          if (is64 && i.off === 1) return 'addr_space_cast (BPF arena) is not supported';
          return `invalid offset ${i.off} for mov${is64 ? '' : '32'} (sign-extension width must be ${ok.slice(1).join(', ')})`;
        }
        if (i.off !== 0 && BPF_SRC(code) !== BPF_X) return `movsx needs a register source`;
      }
      return writesDst();
    }
    case BPF_JMP:
    case BPF_JMP32: {
      const op = BPF_OP(code);
      if (op === BPF_JA) {
        if (BPF_SRC(code) !== BPF_K) return unknown;
        return undefined;
      }
      if (op === BPF_CALL || op === BPF_EXIT) {
        if (cls === BPF_JMP32) return unknown;
        if (op === BPF_EXIT) return BPF_SRC(code) === BPF_K ? undefined : unknown;
        if (BPF_SRC(code) === BPF_X) return undefined; // callx: register in dst
        if (i.src === 0 || i.src === BPF_PSEUDO_CALL) return undefined;
        if (i.src === BPF_PSEUDO_KFUNC_CALL) return `kfunc call (src=BPF_PSEUDO_KFUNC_CALL, btf id ${i.imm}) is not supported`;
        return `invalid call source ${i.src}`;
      }
      if (op > 0xd0) return unknown;
      return undefined;
    }
    case BPF_LDX: {
      const mode = BPF_MODE(code);
      if (mode === BPF_MEM || (mode === BPF_MEMSX && BPF_SIZE(code) !== BPF_DW)) return writesDst();
      // BPF_PROBE_MEM (0x20) / BPF_PROBE_MEMSX (0x40): the kernel's rewrite of loads through BTF
      // pointers (convert_ctx_accesses); a fault reads 0. Only a loader produces them.
      if (probeMem && (mode === 0x20 || (mode === 0x40 && BPF_SIZE(code) !== BPF_DW))) return writesDst();
      return unknown;
    }
    case BPF_ST:
      return BPF_MODE(code) === BPF_MEM ? undefined : unknown;
    case BPF_STX: {
      const mode = BPF_MODE(code);
      if (mode === BPF_MEM) return undefined;
      if (mode !== BPF_ATOMIC) return unknown;
      const size = BPF_SIZE(code);
      const op = i.imm;
      if (op === BPF_LOAD_ACQ) return writesDst();
      if (op === BPF_STORE_REL) return undefined;
      if (size !== BPF_W && size !== BPF_DW) return `atomic ${hex2(op)} needs a 32- or 64-bit operand`;
      const base = op & ~BPF_FETCH;
      if ([BPF_ADD, BPF_OR, BPF_AND, BPF_XOR].includes(base)) {
        if ((op & BPF_FETCH) && i.src === 10) return 'frame pointer r10 is read only';
        return undefined;
      }
      if (op === BPF_XCHG) return i.src === 10 ? 'frame pointer r10 is read only' : undefined;
      if (op === BPF_CMPXCHG) return undefined;
      return `unknown atomic operation imm ${hex2(op)}`;
    }
    case BPF_LD: {
      const mode = BPF_MODE(code);
      if (mode === BPF_ABS || mode === BPF_IND) return 'legacy LD_ABS/LD_IND packet access is not supported by this VM';
      if (code !== 0x18) return unknown;
      const next = insns[pc + 1];
      if (!next) return 'ld_imm64 is missing its second slot';
      if (next.code !== 0 || next.dst !== 0 || next.src !== 0 || next.off !== 0) return 'ld_imm64 second slot must have code, registers and offset 0';
      let value: bigint;
      if (i.src === 0) {
        value = (BigInt(next.imm >>> 0) << 32n) | BigInt(i.imm >>> 0);
      } else if (i.src === BPF_PSEUDO_FUNC) {
        // A function pointer: the code address of the target subprogram.
        value = (BigInt(PROG_TEXT_HI) << 32n) + BigInt(PROG_TEXT_LO) + 8n * BigInt(pc + i.imm + 1);
      } else {
        const r = resolve?.(pc, i, next);
        if (r === undefined) {
          const name = PSEUDO_NAMES[i.src] ?? `src=${i.src}`;
          return `ld_imm64 with ${name} (src=${i.src}, imm ${i.imm}) has no resolution: the loader resolves it`;
        }
        value = BigInt.asUintN(64, r);
      }
      d.imm[pc] = Number(value & 0xffffffffn) | 0;
      d.hi64[pc] = Number(value >> 32n) | 0;
      return writesDst();
    }
  }
  return unknown;
}
