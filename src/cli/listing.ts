/**
 * Program listings as the tools people know print them:
 * - llvm: `llvm-objdump -d` body lines — pc right-aligned in 8 columns, a tab, the slot bytes in hex
 *   (16 bytes for ld_imm64), a tab, the instruction;
 * - kernel: the verifier log's `N: (op) text` lines.
 */
import { disassemble } from '../isa/disasm.ts';
import { encodeInsns, type Insn } from '../isa/insn.ts';
import { toHex } from '../isa/hex.ts';

export function listing(
  insns: readonly Insn[],
  dialect: 'llvm' | 'kernel',
  relocs?: ReadonlyArray<{ pc: number; symbol: string }>,
): string[] {
  const sym = new Map<number, string>();
  for (const r of relocs ?? []) sym.set(r.pc, r.symbol);
  const lines = disassemble(insns, { dialect, symbolAt: (pc) => sym.get(pc) });
  const bytes = encodeInsns(insns);
  return lines.map(({ pc, text }) => {
    if (dialect === 'kernel') return `${pc}: ${text}`;
    const width = insns[pc].code === 0x18 ? 16 : 8;
    const hex = toHex(bytes.subarray(pc * 8, pc * 8 + width), ' ');
    return `${String(pc).padStart(8)}:\t${hex}\t${text}`;
  });
}
