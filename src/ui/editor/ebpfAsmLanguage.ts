/**
 * The `ebpf-asm` Monarch language: highlighting for eBPF assembly as `llvm-objdump -d` prints it
 * and `llvm-mc -triple bpfel` reads it (registers r0–r10 / w0–w10, `goto`, `call`, `exit`, `ll`,
 * casts like `*(u32 *)`, atomics, byte swaps), plus the bpf_conformance / uBPF mnemonics
 * (`mov32`, `lddw`, `jslt`, …) so those test files read well too.
 *
 * Highlighting only: no completion or diagnostics here (errors come from our assembler as
 * markers). Comments: `#` and `//` to end of line, `/* … *\/` blocks (as llvm-mc accepts).
 * Token names are ours; `themes.ts` colours them. Written from the LLVM BPF syntax as printed by
 * llvm-objdump 19 and the conformance test files, not from any existing grammar.
 */
import type { languages } from 'monaco-editor/editor/editor.api.js';

export const EBPF_ASM = 'ebpf-asm';

const ubpfOps = ['add', 'sub', 'mul', 'div', 'or', 'and', 'lsh', 'rsh', 'neg', 'mod', 'xor', 'mov', 'arsh', 'sdiv', 'smod', 'movsx8', 'movsx16', 'movsx32'];
const ubpfJumps = ['jeq', 'jgt', 'jge', 'jlt', 'jle', 'jset', 'jne', 'jsgt', 'jsge', 'jslt', 'jsle'];

/** Mnemonics of the conformance (uBPF) dialect. */
export const CONFORMANCE_MNEMONICS: readonly string[] = [
  ...ubpfOps,
  ...ubpfOps.map((o) => `${o}32`),
  ...ubpfJumps,
  ...ubpfJumps.map((o) => `${o}32`),
  'ja', 'ja32', 'lddw', 'le16', 'le32', 'le64', 'be16', 'be32', 'be64', 'swap16', 'swap32', 'swap64',
  'ldxb', 'ldxh', 'ldxw', 'ldxdw', 'ldxbsx', 'ldxhsx', 'ldxwsx', 'stb', 'sth', 'stw', 'stdw', 'stxb', 'stxh', 'stxw', 'stxdw',
];

export const languageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#', blockComment: ['/*', '*/'] },
  brackets: [
    ['(', ')'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
  ],
  wordPattern: /-?0x[0-9a-fA-F]+|-?\d+|[A-Za-z_.$][\w.$]*/,
};

export const monarchLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  ignoreCase: false,
  keywords: ['goto', 'gotol', 'call', 'callx', 'exit', 'if', 'll', 'lock', 'may_goto'],
  builtins: [
    'be16', 'be32', 'be64', 'le16', 'le32', 'le64', 'bswap16', 'bswap32', 'bswap64',
    'atomic_fetch_add', 'atomic_fetch_and', 'atomic_fetch_or', 'atomic_fetch_xor',
    'xchg_64', 'xchg32_32', 'cmpxchg_64', 'cmpxchg32_32', 'load_acquire', 'store_release', 'addr_space_cast',
  ],
  mnemonics: CONFORMANCE_MNEMONICS,
  sizes: ['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64'],
  tokenizer: {
    root: [
      [/^\s*[A-Za-z_.$][\w.$]*:/, 'label'],
      { include: '@whitespace' },
      // casts: *(u32 *), (u64 *), (s8)
      [/\*?\(\s*(?:u8|u16|u32|u64|s8|s16|s32|s64)\s*\*?\s*\)/, 'type'],
      [/\b[rw](?:10|[0-9])\b/, 'register'],
      [/%[rw](?:10|[0-9])\b/, 'register'],
      [/-?0[xX][0-9a-fA-F]+\b/, 'number.hex'],
      [/-?\d+\b/, 'number'],
      [/[+-]\d+\b/, 'number'],
      [
        /[A-Za-z_.$][\w.$]*/,
        {
          cases: {
            '@keywords': 'keyword',
            '@builtins': 'keyword.builtin',
            '@mnemonics': 'keyword.mnemonic',
            '@sizes': 'type',
            '@default': 'identifier',
          },
        },
      ],
      [/s?(?:<<=|>>=|[+\-*/%&|^]=|[<>]=?|==|!=|&)|=/, 'operator'],
      [/[()[\],]/, 'delimiter'],
    ],
    whitespace: [
      [/\s+/, 'white'],
      [/(#|\/\/).*$/, 'comment'],
      [/\/\*/, 'comment', '@blockComment'],
    ],
    blockComment: [
      [/[^*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/\*/, 'comment'],
    ],
  },
};
