/**
 * Disassembler: instruction slots -> text, in two dialects, driven by the templates in table.ts.
 *
 *   llvm    what `llvm-objdump-19 -d --mcpu=v4` prints after the hex bytes, e.g.
 *           `w0 = *(u32 *)(r1 + 0x4)`, `if r2 > r3 goto +0x5`, `r1 = 0x1234 ll` (jump targets are
 *           printed without objdump's trailing `<sym+off>`). `llvmAlu32: false` gives the text of
 *           `llvm-objdump-19 -d` without --mcpu (32-bit loads/stores print r-registers and the
 *           32-bit fetch/xchg/cmpxchg atomics print `<unknown>`).
 *   kernel  what the Linux 6.18 verifier log prints after `N: ` (print_bpf_insn), including the
 *           `(xx) ` opcode prefix, e.g. `(61) r3 = *(u32 *)(r1 +4)`, `(85) call bpf_map_lookup_elem#1`.
 *
 * Does not: validate (an encoding no form matches prints `<unknown>` in llvm and the kernel's
 * fallback text in kernel; see validate.ts for the reasons), resolve jump labels, or print pcs.
 *
 * Provenance: LLVM spellings recorded from llvm-objdump-19 (testdata/objdump-llvm19*.txt); kernel
 * formats described from kernel/bpf/disasm.c's public behaviour (our own code) and checked against
 * the real Linux 6.18 verifier log (testdata/verifier-6.18-disasm.txt). load_acquire /
 * store_release in the llvm dialect use LLVM 21's syntax: LLVM 19 cannot print them.
 */
import type { Insn } from './insn.ts';
import { BPF_LD_IMM64 } from './insn.ts';
import { lookupForm, type OpForm } from './table.ts';
import { helperName as uapiHelperName } from '../kernel/helpers/names.ts';
import {
  BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE,
  BPF_PSEUDO_BTF_ID, BPF_PSEUDO_CALL, BPF_PSEUDO_KFUNC_CALL,
} from './opcodes.ts';

export type OutDialect = 'llvm' | 'kernel';

export interface DisasmOptions {
  dialect: OutDialect;
  /** helper id -> name (kernel dialect prints `call bpf_map_lookup_elem#1`); default: the UAPI table */
  helperName?: (id: number) => string | undefined;
  /** symbol for an ld_imm64 / call relocation at pc (llvm dialect prints `r1 = counts ll`) */
  symbolAt?: (pc: number) => string | undefined;
  /** llvm dialect: LLVM's alu32 spelling (cpu v3/v4, the default) or the no-`--mcpu` spelling. */
  llvmAlu32?: boolean;
  /** kernel dialect: kfunc BTF id -> name (`call bpf_obj_new_impl#12345`); default `kernel-function`. */
  kfuncName?: (btfId: number, insn: Insn) => string | undefined;
  /**
   * kernel dialect: the text after `rN = ` for an ld_imm64 (the kernel's cb_imm hook, e.g. bpftool's
   * `map[id:5]`); default: the 64-bit value as `0x%llx`.
   */
  ldImm64Text?: (pc: number, value: bigint, insn: Insn) => string | undefined;
  /**
   * kernel dialect: false prints map/BTF pointers of ld_imm64 as 0x0, as the kernel does for a
   * loader without pointer-leak rights (unprivileged). Default true (root).
   */
  allowPtrLeaks?: boolean;
}

const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0');

/** LLVM's signed hex: 0x10, -0x10. */
function shex(v: number | bigint): string {
  const b = BigInt(v);
  return b < 0n ? `-0x${(-b).toString(16)}` : `0x${b.toString(16)}`;
}

function render(tpl: string, i: Insn, dialect: OutDialect, alu32: boolean): string {
  const llvm = dialect === 'llvm';
  return tpl.replace(/\{(\w+)\}/g, (_m, key: string) => {
    switch (key) {
      case 'rd': return `r${i.dst}`;
      case 'rs': return `r${i.src}`;
      case 'wd': return `w${i.dst}`;
      case 'ws': return `w${i.src}`;
      case 'ad': return `${alu32 ? 'w' : 'r'}${i.dst}`;
      case 'as': return `${alu32 ? 'w' : 'r'}${i.src}`;
      case 'imm': return llvm ? shex(i.imm) : String(i.imm);
      case 'immx': return `0x${(i.imm >>> 0).toString(16)}`;
      case 'off':
        if (llvm) return i.off < 0 ? `- 0x${(-i.off).toString(16)}` : `+ 0x${i.off.toString(16)}`;
        return i.off < 0 ? String(i.off) : `+${i.off}`;
      case 'joff': return llvm ? (i.off < 0 ? shex(i.off) : `+${shex(i.off)}`) : (i.off < 0 ? String(i.off) : `+${i.off}`);
      case 'jimm': return llvm ? (i.imm < 0 ? shex(i.imm) : `+${shex(i.imm)}`) : (i.imm < 0 ? String(i.imm) : `+${i.imm}`);
      case 'ihi': return llvm ? shex(i.imm >>> 16) : String(i.imm >>> 16);
      case 'ilo': return llvm ? shex(i.imm & 0xffff) : String(i.imm & 0xffff);
      default: return `{${key}}`;
    }
  });
}

function ldImm64Value(insns: readonly Insn[], pc: number): bigint {
  const lo = BigInt(insns[pc].imm >>> 0);
  const hi = BigInt((insns[pc + 1]?.imm ?? 0) >>> 0);
  return (hi << 32n) | lo;
}

function llvmText(insns: readonly Insn[], pc: number, form: OpForm, opts: DisasmOptions): string {
  const i = insns[pc];
  const alu32 = opts.llvmAlu32 ?? true;
  if (form.kind === 'ld_imm64') {
    if (pc + 1 >= insns.length) return '<unknown>';
    const sym = opts.symbolAt?.(pc);
    if (sym !== undefined) return `r${i.dst} = ${sym} ll`;
    if (i.src === 0) return `r${i.dst} = ${shex(BigInt.asIntN(64, ldImm64Value(insns, pc)))} ll`;
    return `ld_pseudo\tr${i.dst}, ${shex(i.src)}, ${shex(i.imm >>> 0)}`;
  }
  if (form.kind === 'call') {
    const sym = opts.symbolAt?.(pc);
    return sym !== undefined ? `call ${sym}` : `call ${shex(i.imm)}`;
  }
  const tpl = alu32 ? form.llvm : form.llvmNoAlu32 === undefined ? form.llvm : form.llvmNoAlu32;
  if (tpl === null) return '<unknown>';
  return render(tpl, i, 'llvm', alu32);
}

/** The kernel's helper/kfunc/subprog call text (after `(85) `). */
function kernelCall(i: Insn, opts: DisasmOptions): string {
  const helper = opts.helperName ?? uapiHelperName;
  if (i.src === 0) {
    const name = i.imm >= 0 ? helper(i.imm) : undefined;
    return `call ${name ?? 'unknown'}#${i.imm}`;
  }
  if (i.src === BPF_PSEUDO_CALL) return `call pc${i.imm < 0 ? i.imm : `+${i.imm}`}`;
  if (i.src === BPF_PSEUDO_KFUNC_CALL) {
    return `call ${opts.kfuncName?.(i.imm, i) ?? 'kernel-function'}#${i.imm}`;
  }
  return `call unknown#${i.imm}`;
}

const POINTER_SRCS = new Set([
  BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_BTF_ID,
]);

function kernelText(insns: readonly Insn[], pc: number, form: OpForm | undefined, opts: DisasmOptions): string {
  const i = insns[pc];
  const p = `(${hex2(i.code)}) `;
  if (i.code === BPF_LD_IMM64) {
    let v = pc + 1 < insns.length ? ldImm64Value(insns, pc) : BigInt(i.imm >>> 0);
    if (POINTER_SRCS.has(i.src) && opts.allowPtrLeaks === false) v = 0n;
    const text = opts.ldImm64Text?.(pc, v, i) ?? `0x${v.toString(16)}`;
    return `${p}r${i.dst} = ${text}`;
  }
  if (form === undefined) return kernelFallback(i, opts, p);
  if (form.kind === 'call' || form.kind === 'callx') return p + kernelCall(i, opts);
  return p + render(form.kernel, i, 'kernel', true);
}

const KERNEL_SIZE = ['u32', 'u16', 'u8', 'u64'];
const KERNEL_ATOMIC_OP: Record<number, string> = { 0x00: 'add', 0x40: 'or', 0x50: 'and', 0xa0: 'xor' };

/**
 * print_bpf_insn's atomics by imm, whatever the size field says (`lock *(u8 *)(r10 -8) += r2` for
 * a byte-sized add the verifier then refuses); undefined for an imm it does not know.
 */
function kernelAtomic(i: Insn): string | undefined {
  const sz = KERNEL_SIZE[(i.code >> 3) & 3];
  const w = (i.code & 0x18) === 0x18 ? '64' : '';
  const at = `(${sz} *)(r${i.dst} ${i.off < 0 ? i.off : `+${i.off}`})`;
  const op = KERNEL_ATOMIC_OP[i.imm & ~1];
  if (op !== undefined && (i.imm & 1) === 0) return `lock *${at} ${{ add: '+', or: '|', and: '&', xor: '^' }[op]}= r${i.src}`;
  if (op !== undefined) return `r${i.src} = atomic${w}_fetch_${op}(${at}, r${i.src})`;
  if (i.imm === 0xe1) return `r${i.src} = atomic${w}_xchg(${at}, r${i.src})`;
  if (i.imm === 0xf1) return `r0 = atomic${w}_cmpxchg(${at}, r0, r${i.src})`;
  if (i.imm === 0x100) return `r${i.dst} = load_acquire((${sz} *)(r${i.src} ${i.off < 0 ? i.off : `+${i.off}`}))`;
  if (i.imm === 0x110) return `store_release(${at}, r${i.src})`;
  return undefined;
}

/**
 * What print_bpf_insn shows for an encoding no form matches (`pfx` is the `(xx) ` opcode prefix):
 * it prints by class and op without checking reserved fields, so e.g. sdiv with off=2 still reads
 * `r1 /= r2`, an END with imm 8 reads `r1 = le8 r1`, a 32-bit mov with off 32 reads
 * `w0 = (s32)w1` (movsx is off 8, 16 or 32 whatever the class), a byte-sized atomic add reads
 * `lock *(u8 *)(r10 -8) += r2`, and a JCOND that is not may_goto prints as a conditional jump with
 * the kernel's missing operator string: `if r0 (null) 0x0 goto pc+0`. Load/store modes it does not
 * know print `BUG_..` without the opcode prefix (`3: BUG_db` in 6.18 logs).
 */
function kernelFallback(i: Insn, opts: DisasmOptions, pfx: string): string {
  const cls = i.code & 7;
  const mode = i.code & 0xe0;
  switch (cls) {
    case 0: return `BUG_ld_${hex2(i.code)}`;
    case 1: return `BUG_ldx_${hex2(i.code)}`;
    case 2: return mode === 0xc0 ? `${pfx}nospec` : `BUG_st_${hex2(i.code)}`;
    case 3: {
      const a = mode === 0xc0 ? kernelAtomic(i) : undefined;
      return a === undefined ? `BUG_${hex2(i.code)}` : pfx + a;
    }
    default: {
      const op = i.code & 0xf0;
      const x = (i.code & 8) !== 0;
      const r = cls === 4 || cls === 6 ? 'w' : 'r';
      if ((cls === 4 || cls === 7) && op === 0xd0) {
        const word = cls === 7 ? 'bswap' : x ? 'be' : 'le';
        return `${pfx}r${i.dst} = ${word}${i.imm} r${i.dst}`;
      }
      if ((cls === 4 || cls === 7) && op === 0xb0 && x && (i.off === 8 || i.off === 16 || i.off === 32)) {
        return `${pfx}${r}${i.dst} = (s${i.off})${r}${i.src}`;
      }
      if ((cls === 5 || cls === 6) && op === 0x80) return pfx + kernelCall(i, opts);
      if ((cls === 5 || cls === 6) && op === 0xe0) {
        const rhs = x ? `${r}${i.src}` : `0x${(i.imm >>> 0).toString(16)}`;
        return `${pfx}if ${r}${i.dst} (null) ${rhs} goto pc${i.off < 0 ? i.off : `+${i.off}`}`;
      }
      // Otherwise print as the op's plain form (off, and src of K forms, ignored as the kernel does).
      const base = lookupForm({ ...i, off: 0, src: x ? i.src : 0 });
      if (base) return pfx + render(base.kernel, i, 'kernel', true);
      return pfx + ['ld', 'ldx', 'st', 'stx', 'alu', 'jmp', 'jmp32', 'alu64'][cls];
    }
  }
}

/** Text of the instruction at slot pc (for ld_imm64, the pair starting at pc). No pc prefix. */
export function disassembleInsn(insns: readonly Insn[], pc: number, opts: DisasmOptions): string {
  const i = insns[pc];
  if (i === undefined) return opts.dialect === 'llvm' ? '<unknown>' : '(??) <out of range>';
  const form = lookupForm(i);
  if (opts.dialect === 'kernel') return kernelText(insns, pc, form, opts);
  if (form === undefined) return '<unknown>';
  return llvmText(insns, pc, form, opts);
}

/** One entry per instruction (ld_imm64 once, at its first slot). */
export function disassemble(insns: readonly Insn[], opts: DisasmOptions): Array<{ pc: number; text: string }> {
  const out: Array<{ pc: number; text: string }> = [];
  for (let pc = 0; pc < insns.length; pc++) {
    out.push({ pc, text: disassembleInsn(insns, pc, opts) });
    if (insns[pc].code === BPF_LD_IMM64 && pc + 1 < insns.length) pc++;
  }
  return out;
}
