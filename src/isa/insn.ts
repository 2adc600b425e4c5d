/**
 * The instruction: one 8-byte slot, exactly as the kernel stores it (struct bpf_insn).
 *
 *   byte 0        1            2-3          4-7
 *   +--------+----------+-----------+--------------+
 *   | code   | src|dst  | off (s16) | imm (s32)    |    little-endian; dst = low nibble
 *   +--------+----------+-----------+--------------+
 *
 * A program is an array of slots, indexed like the kernel indexes them (pc). `ld_imm64`
 * (code 0x18) takes two slots: the second has code 0 and carries the upper 32 bits in its imm.
 * Keeping slots (rather than merging ld_imm64 into one object) keeps jump offsets, verifier log
 * indexes and trace pcs identical to the kernel's.
 */

export interface Insn {
  /** Opcode byte, 0..255. */
  code: number;
  /** Destination register field, 0..15 (valid registers are 0..10). */
  dst: number;
  /** Source register field, 0..15. */
  src: number;
  /** Signed 16-bit offset. */
  off: number;
  /** Signed 32-bit immediate. */
  imm: number;
}

export const INSN_SIZE = 8;
export const BPF_LD_IMM64 = 0x18;

export function insn(code: number, dst = 0, src = 0, off = 0, imm = 0): Insn {
  return { code: code & 0xff, dst, src, off: (off << 16) >> 16, imm: imm | 0 };
}

/** True when this slot starts a two-slot ld_imm64. */
export function isLdImm64(i: Insn): boolean {
  return i.code === BPF_LD_IMM64;
}

/** The 64-bit immediate of the ld_imm64 at `pc` (low imm from pc, high from pc+1). */
export function ldImm64Value(insns: readonly Insn[], pc: number): bigint {
  const lo = BigInt(insns[pc].imm >>> 0);
  const hi = BigInt((insns[pc + 1]?.imm ?? 0) >>> 0);
  return (hi << 32n) | lo;
}

/** The two slots of `ld_imm64 dst, value` (src = pseudo source, 0 for a plain constant). */
export function ldImm64(dst: number, value: bigint, src = 0): [Insn, Insn] {
  const v = BigInt.asUintN(64, value);
  return [
    insn(BPF_LD_IMM64, dst, src, 0, Number(v & 0xffffffffn) | 0),
    insn(0, 0, 0, 0, Number(v >> 32n) | 0),
  ];
}

/** Encode slots as little-endian bytes, 8 per slot. */
export function encodeInsns(insns: readonly Insn[]): Uint8Array {
  const out = new Uint8Array(insns.length * INSN_SIZE);
  const dv = new DataView(out.buffer);
  insns.forEach((i, k) => {
    const o = k * INSN_SIZE;
    dv.setUint8(o, i.code & 0xff);
    dv.setUint8(o + 1, ((i.src & 0xf) << 4) | (i.dst & 0xf));
    dv.setInt16(o + 2, i.off, true);
    dv.setInt32(o + 4, i.imm, true);
  });
  return out;
}

/**
 * Decode bytes into slots. A length that is not a multiple of 8 is an error value (the caller
 * reports it with a position); this function never throws.
 */
export function decodeInsns(
  bytes: Uint8Array,
): { insns: Insn[]; error?: { offset: number; message: string } } {
  const n = Math.floor(bytes.length / INSN_SIZE);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const insns: Insn[] = [];
  for (let k = 0; k < n; k++) {
    const o = k * INSN_SIZE;
    const regs = dv.getUint8(o + 1);
    insns.push({
      code: dv.getUint8(o),
      dst: regs & 0xf,
      src: regs >> 4,
      off: dv.getInt16(o + 2, true),
      imm: dv.getInt32(o + 4, true),
    });
  }
  if (bytes.length % INSN_SIZE !== 0) {
    return {
      insns,
      error: {
        offset: n * INSN_SIZE,
        message: `truncated bytecode: ${bytes.length} bytes is not a whole number of 8-byte instructions (${bytes.length % INSN_SIZE} trailing bytes at offset ${n * INSN_SIZE})`,
      },
    };
  }
  return { insns };
}
