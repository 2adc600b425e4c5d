/**
 * Dialect detection: which of the three assembly dialects a file is written in.
 *
 * Each line votes by the marks only one dialect prints (the kernel's `12: (61)` prefix, `pc+N`,
 * `name#id`; LLVM's `ll`, `goto LBB0_2`, `(r1 + 4)`, directives, objdump headers; uBPF's
 * mnemonic-first lines, `%r1`, `[%r1+2]`). The highest score wins; ties and files with no marks
 * at all (`exit`, `r0 = 1`) read as LLVM, the playground's main syntax.
 */

import type { Line } from './lexer.ts';

export type InDialect = 'llvm' | 'kernel' | 'ubpf';

const UBPF_MNEMONIC = /^\s*(?:[A-Za-z_.$][\w.$]*:\s*)?(?:add|sub|mul|div|or|and|lsh|rsh|mod|xor|mov|arsh|sdiv|smod)(?:32)?\s|^\s*(?:neg|neg32|lddw|ldx[s]?(?:b|h|w|dw)|st[x]?(?:b|h|w|dw)|ja|ja32|j(?:eq|gt|ge|set|ne|sgt|sge|lt|le|slt|sle)(?:32)?|movsx\d+|(?:be|le|bswap|swap)(?:16|32|64))\s/;

/**
 * A verifier-log instruction line: `12: (61) r3 = …`, or in the 6.18 liveness listing
 * `     12: .1....6... (61) r3 = …` (with a loop's SCC number in front: `  1  13: ..2....... (e5)`).
 */
export const KERNEL_LOG_LINE = /^\s*(?:\d+ +)?(\d+): (?:[.0-9]+ )?\(([0-9a-f]{2})\) /;

export function detectDialect(lines: readonly Line[]): InDialect {
  let kernel = 0;
  let llvm = 0;
  let ubpf = 0;
  for (const l of lines) {
    const raw = l.raw;
    const code = l.code;
    if (!code.trim() && !raw.trim()) continue;
    if (KERNEL_LOG_LINE.test(raw) || /^\s*\([0-9a-f]{2}\) /.test(raw)) kernel += 5;
    if (/\bgoto pc[+-]\d/.test(code) || /\bcall pc[+-]\d/.test(code)) kernel += 3;
    if (/\bcall [\w-]+#-?\d/.test(code)) kernel += 3;
    if (/\(r\d+ [+-]\d/.test(code) || /\batomic64_|\batomic_(?:xchg|cmpxchg)\b|\bmap\[id:/.test(code)) kernel += 2;
    if (/\bll\s*$/.test(code)) llvm += 2;
    if (/\bgoto\s+[+-]?(?:0x)?[0-9]/.test(code) || /\bgoto\s+[A-Za-z_.$][\w.$]*/.test(code.replace(/goto pc/g, ''))) llvm += 2;
    if (/\(r\d+ [+-] /.test(code) || /\b(?:cmpxchg_64|xchg_64|cmpxchg32_32|xchg32_32)\(/.test(code)) llvm += 2;
    if (/^\s*\.[A-Za-z]/.test(code) || /file format|^Disassembly of section|R_BPF_/.test(raw)) llvm += 3;
    if (/^\s*\d+:\t/.test(raw) || /<[\w.+$]+>\s*$/.test(code)) llvm += 3;
    if (/%r\d/.test(code) || /(?<!skb)\[%?r\d+\s*[-+\]]/.test(code)) ubpf += 3;
    if (UBPF_MNEMONIC.test(code) && !/=/.test(code)) ubpf += 2;
    if (/^\s*--\s*asm/.test(raw)) ubpf += 5;
  }
  if (ubpf > llvm && ubpf > kernel) return 'ubpf';
  if (kernel > llvm) return 'kernel';
  return 'llvm';
}
