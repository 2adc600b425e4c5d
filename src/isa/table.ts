/**
 * THE opcode table: every instruction form Linux 6.18 accepts (RFC 9669 incl. cpu v4, plus the
 * kernel-only additions may_goto, addr_space_cast, load_acquire/store_release), each with the
 * allowed values of its dst/src/off/imm fields and its text in the two dialects we print.
 *
 * One row = one *form*: an opcode byte plus, where the opcode alone is ambiguous, one
 * discriminating field value (`match`): `off` for sdiv/smod/movsx/addr_space_cast, `imm` for
 * END/bswap widths and atomic operations, `src` for the call kinds and ld_imm64 pseudo sources.
 * Validation (validate.ts), disassembly (disasm.ts) and the assembler's mnemonics all derive from
 * these rows, in the spirit of cilium/ebpf `asm` and ubpf's `ubpf_instruction_valid.c`.
 *
 *   opcode byte:   ALU/JMP: | op (4) | s (1) | class (3) |    LD/ST: | mode (3) | size (2) | class (3) |
 *
 * Field rules follow what the 6.18 verifier enforces *before* it looks at register state
 * (resolve_pseudo_ldimm64, bpf_opcode_in_insntable, the per-class "uses reserved fields" checks,
 * check_reg_arg), e.g. `exit` does not check `off` because the kernel does not.
 *
 * Does not: decide anything that needs program state or type (helper availability, jump targets,
 * "last insn is not an exit or jmp", arena presence for addr_space_cast) — that is the verifier's.
 * Deliberately excluded: internal-only encodings (tail call 0xf5, nospec, percpu mov, probe modes)
 * and post-6.18 ones (gotox `JA|X`, uh*= / sh*=). `callx` (0x8d) is listed with `linux: false`
 * because LLVM 19 emits it but the kernel rejects it ("unknown opcode 8d").
 *
 * Provenance: RFC 9669; the kernel's public opcode table and verifier messages (described, not
 * copied); LLVM 19 spellings recorded from llvm-mc-19/llvm-objdump-19, kernel texts and messages
 * recorded from the Linux 6.18 verifier (see testdata/ and scripts/record-isa-goldens.ts).
 */
import {
  BPF_ALU, BPF_ALU64, BPF_JMP, BPF_JMP32, BPF_LD, BPF_LDX, BPF_ST, BPF_STX,
  BPF_K, BPF_X, BPF_W, BPF_H, BPF_B, BPF_DW, BPF_ABS, BPF_IND, BPF_MEM, BPF_MEMSX, BPF_ATOMIC,
  BPF_IMM, BPF_FETCH, BPF_XCHG, BPF_CMPXCHG, BPF_LOAD_ACQ, BPF_STORE_REL, BPF_END, BPF_NEG,
  BPF_MOV, BPF_DIV, BPF_MOD, BPF_CALL, BPF_EXIT, BPF_JA, BPF_TO_BE, BPF_TO_LE,
} from './opcodes.ts';
import type { Insn } from './insn.ts';

/** BPF_JCOND (op 0xe0 of class JMP): `may_goto` when src = BPF_MAY_GOTO (0). Linux 6.9+. */
export const BPF_JCOND = 0xe0;
export const BPF_MAY_GOTO = 0;
/** `off` of ALU64 MOV X selecting addr_space_cast (arena pointers). Linux 6.9+. */
export const BPF_ADDR_SPACE_CAST = 1;

/** What a register field must hold. */
export type RegRule =
  | 'zero' // reserved: must be 0
  | 'read' // a register that is read: r0..r10
  | 'write'; // a register that is written: r0..r9 (r10, the frame pointer, is read only)

/** What a number field (off/imm) must hold. */
export type NumRule =
  | 'zero' // reserved: must be 0
  | 'any' // any value (a memory offset, a jump offset, an immediate)
  | 'match'; // the discriminator of this form (see OpForm.match)

export type FormKind =
  | 'alu' | 'neg' | 'mov' | 'movsx' | 'addr_space_cast' | 'end' | 'bswap'
  | 'jcond' | 'ja' | 'gotol' | 'may_goto' | 'call' | 'callx' | 'exit'
  | 'ld_imm64' | 'ld_abs' | 'ld_ind' | 'ldx' | 'ldsx' | 'st' | 'stx'
  | 'atomic' | 'load_acquire' | 'store_release';

/**
 * One valid instruction form.
 *
 * Text templates use placeholders that disasm.ts renders per dialect:
 *   {rd} {rs}   r-register of dst/src       {wd} {ws}   w-register of dst/src
 *   {ad} {as}   w in LLVM's alu32 mode (cpu v3+), else r (LLVM 32-bit loads/stores)
 *   {imm}       llvm: signed hex (-0x10); kernel: signed decimal (%d)
 *   {immx}      kernel only: 0x%x of the unsigned 32-bit imm (jump conditions)
 *   {off}       memory offset: llvm `+ 0x4` / `- 0x8`; kernel `+4` / `-8` (%+d)
 *   {joff}      jump offset: llvm `+0x4`; kernel `+4`      {jimm}  the same for imm (gotol)
 *   {ihi} {ilo} imm >> 16 and imm & 0xffff (addr_space_cast): llvm hex, kernel decimal
 * `call` and `ld_imm64` text is built in disasm.ts (helper names, symbols, 64-bit values).
 */
export interface OpForm {
  /** Unique name, e.g. 'add64_k', 'sdiv32_x', 'movsx64_s16', 'atomic64_fetch_add', 'ld_imm64_map_fd'. */
  name: string;
  code: number;
  kind: FormKind;
  /** The field value that selects this form among forms sharing `code`. */
  match?: { field: 'off' | 'imm' | 'src'; value: number };
  dst: RegRule;
  src: RegRule;
  off: NumRule;
  imm: NumRule;
  /** Verifier message when a reserved field (or the discriminator) is wrong. */
  reserved: string;
  /** llvm-objdump-19 text (with --mcpu=v4). */
  llvm: string;
  /** llvm-objdump-19 text without alu32 (no --mcpu): null when LLVM prints `<unknown>`; absent = same as `llvm`. */
  llvmNoAlu32?: string | null;
  /** Verifier log text after `(xx) `. */
  kernel: string;
  /** Accepted by Linux 6.18 (false only for LLVM's callx). */
  linux: boolean;
  /** First kernel / cpu level, for docs. */
  since?: string;
}

// ---------------------------------------------------------------------------------------------
// Row builders

const ALU_OPS: Array<[string, number, string]> = [
  ['add', 0x00, '+='], ['sub', 0x10, '-='], ['mul', 0x20, '*='], ['div', 0x30, '/='],
  ['or', 0x40, '|='], ['and', 0x50, '&='], ['lsh', 0x60, '<<='], ['rsh', 0x70, '>>='],
  ['mod', 0x90, '%='], ['xor', 0xa0, '^='], ['arsh', 0xc0, 's>>='],
];

const JMP_CONDS: Array<[string, number, string]> = [
  ['jeq', 0x10, '=='], ['jgt', 0x20, '>'], ['jge', 0x30, '>='], ['jset', 0x40, '&'],
  ['jne', 0x50, '!='], ['jsgt', 0x60, 's>'], ['jsge', 0x70, 's>='], ['jlt', 0xa0, '<'],
  ['jle', 0xb0, '<='], ['jslt', 0xc0, 's<'], ['jsle', 0xd0, 's<='],
];

const SIZES: Array<[number, 'u8' | 'u16' | 'u32' | 'u64', string]> = [
  [BPF_B, 'u8', 'b'], [BPF_H, 'u16', 'h'], [BPF_W, 'u32', 'w'], [BPF_DW, 'u64', 'dw'],
];

const ATOMIC_RMW: Array<[string, number, string]> = [
  ['add', 0x00, '+='], ['or', 0x40, '|='], ['and', 0x50, '&='], ['xor', 0xa0, '^='],
];

const RESERVED_ALU = 'BPF_ALU uses reserved fields';
const RESERVED_MOV = 'BPF_MOV uses reserved fields';
const RESERVED_JMP = 'BPF_JMP/JMP32 uses reserved fields';

function aluRows(): OpForm[] {
  const rows: OpForm[] = [];
  for (const [cls, bits, r] of [[BPF_ALU, 32, '{wd}'], [BPF_ALU64, 64, '{rd}']] as const) {
    const s = cls === BPF_ALU ? '{ws}' : '{rs}';
    for (const [name, op, sym] of ALU_OPS) {
      const signedVariant = op === BPF_DIV || op === BPF_MOD;
      for (const [srcBit, sfx] of [[BPF_K, 'k'], [BPF_X, 'x']] as const) {
        const code = op | srcBit | cls;
        const operand = srcBit === BPF_K ? '{imm}' : s;
        const base = {
          code, kind: 'alu' as const, dst: 'write' as const,
          src: srcBit === BPF_K ? ('zero' as const) : ('read' as const),
          imm: srcBit === BPF_K ? ('any' as const) : ('zero' as const),
          reserved: RESERVED_ALU, linux: true,
        };
        if (signedVariant) {
          rows.push({ ...base, name: `${name}${bits}_${sfx}`, match: { field: 'off', value: 0 }, off: 'match',
            llvm: `${r} ${sym} ${operand}`, kernel: `${r} ${sym} ${operand}` });
          const ssym = `s${sym}`;
          rows.push({ ...base, name: `s${name}${bits}_${sfx}`, match: { field: 'off', value: 1 }, off: 'match',
            llvm: `${r} ${ssym} ${operand}`, kernel: `${r} ${ssym} ${operand}`, since: 'cpu v4 (6.6)' });
        } else {
          rows.push({ ...base, name: `${name}${bits}_${sfx}`, off: 'zero',
            llvm: `${r} ${sym} ${operand}`, kernel: `${r} ${sym} ${operand}` });
        }
      }
    }
    // neg: K form only; every other field reserved.
    rows.push({ name: `neg${bits}`, code: BPF_NEG | BPF_K | cls, kind: 'neg', dst: 'write', src: 'zero',
      off: 'zero', imm: 'zero', reserved: 'BPF_NEG uses reserved fields', linux: true,
      llvm: `${r} = -${r}`, kernel: `${r} = -${r}` });
    // mov K
    rows.push({ name: `mov${bits}_k`, code: BPF_MOV | BPF_K | cls, kind: 'mov', dst: 'write', src: 'zero',
      off: 'zero', imm: 'any', reserved: RESERVED_MOV, linux: true,
      llvm: `${r} = {imm}`, kernel: `${r} = {imm}` });
    // mov X and its sign-extending variants (off = 8/16[/32]), and addr_space_cast (off = 1).
    const movx = BPF_MOV | BPF_X | cls;
    rows.push({ name: `mov${bits}_x`, code: movx, kind: 'mov', match: { field: 'off', value: 0 }, dst: 'write',
      src: 'read', off: 'match', imm: 'zero', reserved: RESERVED_MOV, linux: true,
      llvm: `${r} = ${s}`, kernel: `${r} = ${s}` });
    for (const w of cls === BPF_ALU ? [8, 16] : [8, 16, 32]) {
      rows.push({ name: `movsx${bits}_s${w}`, code: movx, kind: 'movsx', match: { field: 'off', value: w },
        dst: 'write', src: 'read', off: 'match', imm: 'zero', reserved: RESERVED_MOV, linux: true,
        llvm: `${r} = (s${w})${s}`, kernel: `${r} = (s${w})${s}`, since: 'cpu v4 (6.6)' });
    }
    if (cls === BPF_ALU64) {
      rows.push({ name: 'addr_space_cast', code: movx, kind: 'addr_space_cast',
        match: { field: 'off', value: BPF_ADDR_SPACE_CAST }, dst: 'write', src: 'read', off: 'match',
        imm: 'any', reserved: RESERVED_MOV, linux: true, since: '6.9 (arena)',
        llvm: '{rd} = addr_space_cast({rs}, {ihi}, {ilo})', kernel: '{rd} = addr_space_cast({rs}, {ihi}, {ilo})' });
    }
  }
  // Byte swaps. ALU class: le/be conversions; ALU64 | END | TO_LE: unconditional bswap (cpu v4).
  for (const [srcBit, word] of [[BPF_TO_LE, 'le'], [BPF_TO_BE, 'be']] as const) {
    for (const w of [16, 32, 64]) {
      rows.push({ name: `${word}${w}`, code: BPF_END | srcBit | BPF_ALU, kind: 'end',
        match: { field: 'imm', value: w }, dst: 'write', src: 'zero', off: 'zero', imm: 'match',
        reserved: 'BPF_END uses reserved fields', linux: true,
        llvm: `{rd} = ${word}${w} {rd}`, kernel: `{rd} = ${word}${w} {rd}` });
    }
  }
  for (const w of [16, 32, 64]) {
    rows.push({ name: `bswap${w}`, code: BPF_END | BPF_TO_LE | BPF_ALU64, kind: 'bswap',
      match: { field: 'imm', value: w }, dst: 'write', src: 'zero', off: 'zero', imm: 'match',
      reserved: 'BPF_END uses reserved fields', linux: true, since: 'cpu v4 (6.6)',
      llvm: `{rd} = bswap${w} {rd}`, kernel: `{rd} = bswap${w} {rd}` });
  }
  return rows;
}

function jmpRows(): OpForm[] {
  const rows: OpForm[] = [];
  for (const [cls, r, s, bits] of [[BPF_JMP, '{rd}', '{rs}', ''], [BPF_JMP32, '{wd}', '{ws}', '32']] as const) {
    for (const [name, op, sym] of JMP_CONDS) {
      rows.push({ name: `${name}${bits}_k`, code: op | BPF_K | cls, kind: 'jcond', dst: 'read', src: 'zero',
        off: 'any', imm: 'any', reserved: RESERVED_JMP, linux: true,
        llvm: `if ${r} ${sym} {imm} goto {joff}`, kernel: `if ${r} ${sym} {immx} goto pc{joff}` });
      rows.push({ name: `${name}${bits}_x`, code: op | BPF_X | cls, kind: 'jcond', dst: 'read', src: 'read',
        off: 'any', imm: 'zero', reserved: RESERVED_JMP, linux: true,
        llvm: `if ${r} ${sym} ${s} goto {joff}`, kernel: `if ${r} ${sym} ${s} goto pc{joff}` });
    }
  }
  rows.push({ name: 'ja', code: BPF_JA | BPF_JMP, kind: 'ja', dst: 'zero', src: 'zero', off: 'any', imm: 'zero',
    reserved: 'BPF_JA uses reserved fields', linux: true, llvm: 'goto {joff}', kernel: 'goto pc{joff}' });
  rows.push({ name: 'gotol', code: BPF_JA | BPF_JMP32, kind: 'gotol', dst: 'zero', src: 'zero', off: 'zero',
    imm: 'any', reserved: 'BPF_JA uses reserved fields', linux: true, since: 'cpu v4 (6.6)',
    llvm: 'gotol {jimm}', kernel: 'gotol pc{jimm}' });
  rows.push({ name: 'may_goto', code: BPF_JCOND | BPF_K | BPF_JMP, kind: 'may_goto',
    match: { field: 'src', value: BPF_MAY_GOTO }, dst: 'zero', src: 'zero', off: 'any', imm: 'zero',
    reserved: 'invalid may_goto imm {imm}', linux: true, since: '6.9',
    llvm: 'may_goto {joff}', kernel: 'may_goto pc{joff}' });
  const call = BPF_CALL | BPF_K | BPF_JMP;
  const callCommon = { code: call, kind: 'call' as const, dst: 'zero' as const, src: 'zero' as const,
    imm: 'any' as const, reserved: 'BPF_CALL uses reserved fields', linux: true, llvm: 'call {imm}', kernel: 'call' };
  rows.push({ ...callCommon, name: 'call_helper', match: { field: 'src', value: 0 }, off: 'zero' });
  rows.push({ ...callCommon, name: 'call_local', match: { field: 'src', value: 1 }, off: 'zero' });
  rows.push({ ...callCommon, name: 'call_kfunc', match: { field: 'src', value: 2 }, off: 'any', since: '5.13' });
  rows.push({ name: 'callx', code: BPF_CALL | BPF_X | BPF_JMP, kind: 'callx', dst: 'read', src: 'zero',
    off: 'zero', imm: 'zero', reserved: 'BPF_CALL uses reserved fields', linux: false,
    llvm: 'callx {rd}', kernel: 'call' });
  rows.push({ name: 'exit', code: BPF_EXIT | BPF_K | BPF_JMP, kind: 'exit', dst: 'zero', src: 'zero',
    off: 'any', imm: 'zero', reserved: 'BPF_EXIT uses reserved fields', linux: true, llvm: 'exit', kernel: 'exit' });
  return rows;
}

const PSEUDO_NAMES = ['imm', 'map_fd', 'map_value', 'btf_id', 'func', 'map_idx', 'map_idx_value'];

function ldstRows(): OpForm[] {
  const rows: OpForm[] = [];
  for (let src = 0; src < PSEUDO_NAMES.length; src++) {
    rows.push({ name: `ld_imm64_${PSEUDO_NAMES[src]}`, code: BPF_LD | BPF_IMM | BPF_DW, kind: 'ld_imm64',
      match: { field: 'src', value: src }, dst: 'write', src: 'zero', off: 'zero', imm: 'any',
      reserved: 'BPF_LD_IMM64 uses reserved fields', linux: true, llvm: 'ld_imm64', kernel: 'ld_imm64' });
  }
  for (const [size, u, sfx] of SIZES) {
    if (size !== BPF_DW) {
      rows.push({ name: `ld_abs_${sfx}`, code: BPF_LD | BPF_ABS | size, kind: 'ld_abs', dst: 'zero', src: 'zero',
        off: 'zero', imm: 'any', reserved: 'BPF_LD_[ABS|IND] uses reserved fields', linux: true,
        llvm: `r0 = *(${u} *)skb[{imm}]`, kernel: `r0 = *(${u} *)skb[{imm}]` });
      rows.push({ name: `ld_ind_${sfx}`, code: BPF_LD | BPF_IND | size, kind: 'ld_ind', dst: 'zero', src: 'read',
        off: 'zero', imm: 'any', reserved: 'BPF_LD_[ABS|IND] uses reserved fields', linux: true,
        llvm: `r0 = *(${u} *)skb[{rs}]`, kernel: `r0 = *(${u} *)skb[{rs} + {imm}]` });
      const sx = u.replace('u', 's');
      rows.push({ name: `ldxs${sfx}`, code: BPF_LDX | BPF_MEMSX | size, kind: 'ldsx', dst: 'write', src: 'read',
        off: 'any', imm: 'zero', reserved: 'BPF_LDX uses reserved fields', linux: true, since: 'cpu v4 (6.6)',
        llvm: `{rd} = *(${sx} *)({rs} {off})`, kernel: `{rd} = *(${sx} *)({rs} {off})` });
    }
    const narrow = size !== BPF_DW;
    rows.push({ name: `ldx${sfx}`, code: BPF_LDX | BPF_MEM | size, kind: 'ldx', dst: 'write', src: 'read',
      off: 'any', imm: 'zero', reserved: 'BPF_LDX uses reserved fields', linux: true,
      llvm: `${narrow ? '{ad}' : '{rd}'} = *(${u} *)({rs} {off})`, kernel: `{rd} = *(${u} *)({rs} {off})` });
    rows.push({ name: `st${sfx}`, code: BPF_ST | BPF_MEM | size, kind: 'st', dst: 'read', src: 'zero',
      off: 'any', imm: 'any', reserved: 'BPF_ST uses reserved fields', linux: true,
      llvm: `*(${u} *)({rd} {off}) = {imm}`, kernel: `*(${u} *)({rd} {off}) = {imm}` });
    rows.push({ name: `stx${sfx}`, code: BPF_STX | BPF_MEM | size, kind: 'stx', dst: 'read', src: 'read',
      off: 'any', imm: 'zero', reserved: 'BPF_STX uses reserved fields', linux: true,
      llvm: `*(${u} *)({rd} {off}) = ${narrow ? '{as}' : '{rs}'}`, kernel: `*(${u} *)({rd} {off}) = {rs}` });
    rows.push(...atomicRows(size, u));
  }
  return rows;
}

function atomicRows(size: number, u: string): OpForm[] {
  const rows: OpForm[] = [];
  const code = BPF_STX | BPF_ATOMIC | size;
  const dw = size === BPF_DW;
  const k64 = dw ? '64' : '';
  const common = { code, kind: 'atomic' as const, off: 'any' as const, imm: 'match' as const,
    reserved: 'BPF_ATOMIC uses invalid atomic opcode {immhex}', linux: true };
  if (size === BPF_W || dw) {
    const bits = dw ? 64 : 32;
    const v = dw ? '{rs}' : '{ws}';
    for (const [name, op, sym] of ATOMIC_RMW) {
      // LLVM 19 without alu32 decodes only the 32-bit `lock +=` (and, by a decoder quirk, prints
      // 32-bit fetch_add as `lock +=` too); the other 32-bit atomics print `<unknown>`.
      rows.push({ ...common, name: `atomic${bits}_${name}`, match: { field: 'imm', value: op }, dst: 'read', src: 'read',
        llvmNoAlu32: dw || op === 0 ? undefined : null,
        llvm: `lock *(${u} *)({rd} {off}) ${sym} ${dw ? '{rs}' : '{as}'}`,
        kernel: `lock *(${u} *)({rd} {off}) ${sym} {rs}` });
      rows.push({ ...common, name: `atomic${bits}_fetch_${name}`, match: { field: 'imm', value: op | BPF_FETCH },
        dst: 'read', src: 'write', since: '5.12',
        llvm: `${v} = atomic_fetch_${name}((${u} *)({rd} {off}), ${v})`,
        llvmNoAlu32: dw ? undefined : op === 0 ? `lock *(${u} *)({rd} {off}) += {rs}` : null,
        kernel: `{rs} = atomic${k64}_fetch_${name}((${u} *)({rd} {off}), {rs})` });
    }
    rows.push({ ...common, name: `atomic${bits}_xchg`, match: { field: 'imm', value: BPF_XCHG }, dst: 'read',
      src: 'write', since: '5.12', llvmNoAlu32: dw ? undefined : null,
      llvm: dw ? '{rs} = xchg_64({rd} {off}, {rs})' : '{ws} = xchg32_32({rd} {off}, {ws})',
      kernel: `{rs} = atomic${k64}_xchg((${u} *)({rd} {off}), {rs})` });
    rows.push({ ...common, name: `atomic${bits}_cmpxchg`, match: { field: 'imm', value: BPF_CMPXCHG }, dst: 'read',
      src: 'read', since: '5.12', llvmNoAlu32: dw ? undefined : null,
      llvm: dw ? 'r0 = cmpxchg_64({rd} {off}, r0, {rs})' : 'w0 = cmpxchg32_32({rd} {off}, w0, {ws})',
      kernel: `r0 = atomic${k64}_cmpxchg((${u} *)({rd} {off}), r0, {rs})` });
  }
  // Linux 6.15+. LLVM 19 cannot print these; the llvm text is LLVM 21's syntax (not verified here).
  const a = dw ? '{rd}' : '{ad}';
  rows.push({ ...common, name: `load_acquire_${u}`, kind: 'load_acquire', match: { field: 'imm', value: BPF_LOAD_ACQ },
    dst: 'write', src: 'read', since: '6.15', llvmNoAlu32: null,
    llvm: `${a} = load_acquire((${u} *)({rs} {off}))`, kernel: `{rd} = load_acquire((${u} *)({rs} {off}))` });
  rows.push({ ...common, name: `store_release_${u}`, kind: 'store_release', match: { field: 'imm', value: BPF_STORE_REL },
    dst: 'read', src: 'read', since: '6.15', llvmNoAlu32: null,
    llvm: `store_release((${u} *)({rd} {off}), ${dw ? '{rs}' : '{as}'})`,
    kernel: `store_release((${u} *)({rd} {off}), {rs})` });
  return rows;
}

/** Every valid instruction form (see OpForm). */
export const OPCODE_TABLE: readonly OpForm[] = Object.freeze([...aluRows(), ...jmpRows(), ...ldstRows()]);

const BY_CODE: ReadonlyArray<readonly OpForm[]> = (() => {
  const t: OpForm[][] = Array.from({ length: 256 }, () => []);
  for (const f of OPCODE_TABLE) t[f.code].push(f);
  return t;
})();

const BY_NAME: ReadonlyMap<string, OpForm> = new Map(OPCODE_TABLE.map((f) => [f.name, f]));

/** All forms sharing this opcode byte ([] when the opcode is not in the table). */
export function formsOf(code: number): readonly OpForm[] {
  return BY_CODE[code & 0xff] ?? [];
}

/** The form named `name` (e.g. 'sdiv64_x'). */
export function formByName(name: string): OpForm | undefined {
  return BY_NAME.get(name);
}

/** The form this slot encodes, or undefined when no form's opcode + discriminator match. */
export function lookupForm(i: Insn): OpForm | undefined {
  for (const f of formsOf(i.code)) {
    if (!f.match || fieldValue(i, f.match.field) === f.match.value) return f;
  }
  return undefined;
}

/** True when the opcode byte is one the 6.18 kernel accepts at all (its public opcode table). */
export function opcodeKnownToLinux(code: number): boolean {
  return formsOf(code).some((f) => f.linux);
}

export function fieldValue(i: Insn, field: 'dst' | 'src' | 'off' | 'imm'): number {
  return i[field];
}

/** Kernel names of the opcode fields, for messages: `BPF_ALU64 | BPF_ADD | BPF_X`. */
export function describeOpcode(code: number): string {
  const cls = code & 7;
  const CLASS = ['BPF_LD', 'BPF_LDX', 'BPF_ST', 'BPF_STX', 'BPF_ALU', 'BPF_JMP', 'BPF_JMP32', 'BPF_ALU64'][cls];
  if (cls === BPF_ALU || cls === BPF_ALU64 || cls === BPF_JMP || cls === BPF_JMP32) {
    const alu = cls === BPF_ALU || cls === BPF_ALU64;
    const ops = alu
      ? ['ADD', 'SUB', 'MUL', 'DIV', 'OR', 'AND', 'LSH', 'RSH', 'NEG', 'MOD', 'XOR', 'MOV', 'ARSH', 'END', '0xe0', '0xf0']
      : ['JA', 'JEQ', 'JGT', 'JGE', 'JSET', 'JNE', 'JSGT', 'JSGE', 'CALL', 'EXIT', 'JLT', 'JLE', 'JSLT', 'JSLE', 'JCOND', '0xf0'];
    const op = ops[code >> 4];
    const opName = op.startsWith('0x') ? `op ${op}` : `BPF_${op}`;
    const srcName = (code & 8) ? (alu && (code >> 4) === 0xd ? 'BPF_TO_BE' : 'BPF_X') : (alu && (code >> 4) === 0xd ? 'BPF_TO_LE' : 'BPF_K');
    return `${CLASS} | ${opName} | ${srcName}`;
  }
  const MODE = ['BPF_IMM', 'BPF_ABS', 'BPF_IND', 'BPF_MEM', 'mode 0x80 (BPF_MEMSX)', 'mode 0xa0', 'BPF_ATOMIC', 'mode 0xe0'];
  const SIZE = ['BPF_W', 'BPF_H', 'BPF_B', 'BPF_DW'];
  let mode = MODE[code >> 5];
  if (code >> 5 === 4) mode = cls === BPF_LDX ? 'BPF_MEMSX' : 'mode 0x80';
  return `${CLASS} | ${mode} | ${SIZE[(code >> 3) & 3]}`;
}

