/**
 * The code generator's backend: instruction emission with late-bound labels, the register
 * pools, stack slots, relocations and line info for one program.
 *
 * Registers: R1–R5 and R0 are expression temporaries (clobbered by calls: live temporaries are
 * spilled to the stack around a call and reloaded after it, so the verifier never sees a read of
 * a clobbered register); R6–R9 hold scalar locals whose address is never taken, first come first
 * served, freed at the end of their block; R10 is the frame pointer.
 * Dead code: after an unconditional jump or exit nothing is emitted until a label that some
 * emitted jump targets (the verifier rejects unreachable instructions). A jump to the very next
 * instruction is dropped.
 * Does not: choose instructions for C constructs (cgExpr.ts, cgStmt.ts do).
 */
import type { Diagnostic, Span } from '../diag/diagnostic.ts';
import * as O from '../isa/opcodes.ts';
import { insn, type Insn } from '../isa/insn.ts';
import type { BpfReloc } from '../isa/object.ts';
import { CDiag } from './diagCodes.ts';
import type { Type } from './types.ts';

export interface Emitted {
  insn: Insn;
  span: Span;
  /** For jumps: the label to resolve into `off`. */
  target?: string;
}

export class CodegenError extends Error {}

export const TEMP_ORDER = [1, 2, 3, 4, 5, 0];
export const SAVED_ORDER = [6, 7, 8, 9];

export class Gen {
  out: Emitted[] = [];
  labels = new Map<string, number>();
  refs = new Map<string, number>();
  relocs: BpfReloc[] = [];
  /** CO-RE relocations: the instruction at `pc` holds a value of `kind` for `root` along `access`. */
  coreRelocs: { pc: number; root: Type; access: number[]; kind: number }[] = [];
  span: Span;
  dead = false;
  /** Labels that always revive code (user labels). */
  sticky = new Set<string>();
  labelCount = 0;
  freeTemps = new Set<number>(TEMP_ORDER);
  freeSaved = new Set<number>(SAVED_ORDER);
  stackSize = 0;
  stackError = false;
  spillSlots = new Map<string, number>();
  spillDepth = 0;
  /** pc of the last placed label (a jump target: no peephole across it). */
  labelAt = -1;

  /** The function being generated (clang reports a stack overflow at its name). */
  readonly fnSpan: Span;

  constructor(public diagnostics: Diagnostic[], span: Span) {
    this.span = span;
    this.fnSpan = span;
  }

  error(message: string, span: Span = this.span, code: number = CDiag.Codegen): void {
    this.diagnostics.push({ code, severity: 'error', message, span });
  }
  fail(message: string, span: Span = this.span, code: number = CDiag.Codegen): never {
    this.error(message, span, code);
    throw new CodegenError(message);
  }

  get pc(): number { return this.out.length; }

  emit(i: Insn, target?: string): void {
    if (this.dead) return;
    if (this.out.length > 1_000_000) this.fail('program too large', this.span, CDiag.TooComplex);
    this.out.push({ insn: i, span: this.span, target });
    if (target) this.refs.set(target, (this.refs.get(target) ?? 0) + 1);
  }

  newLabel(hint = 'L'): string { return `.${hint}${this.labelCount++}`; }

  place(label: string): void {
    // Peephole: `goto next` is dropped.
    const last = this.out[this.out.length - 1];
    if (last && last.target === label && last.insn.code === (O.BPF_JMP | O.BPF_JA)) {
      this.out.pop();
      this.refs.set(label, (this.refs.get(label) ?? 1) - 1);
      for (const [l, pc] of this.labels) if (pc === this.out.length + 1) this.labels.set(l, this.out.length);
      this.dead = false;
    }
    this.labels.set(label, this.out.length);
    this.labelAt = this.out.length;
    if ((this.refs.get(label) ?? 0) > 0 || this.sticky.has(label)) this.dead = false;
  }

  /** Emit one instruction (by `emit1`) carrying a CO-RE relocation. */
  core(root: Type, access: number[], kind: number, emit1: () => void): void {
    const pc = this.out.length;
    emit1();
    const n = this.out.length - pc;
    if (n === 1 || (n === 2 && this.out[pc].insn.code === (O.BPF_LD | O.BPF_IMM | O.BPF_DW))) this.coreRelocs.push({ pc, root, access, kind });
  }

  // ---- instructions ----

  alu(op: number, dst: number, src: number | { imm: number }, is32 = false, off = 0): void {
    const cls = is32 ? O.BPF_ALU : O.BPF_ALU64;
    if (typeof src === 'number') this.emit(insn(cls | op | O.BPF_X, dst, src, off, 0));
    else this.emit(insn(cls | op | O.BPF_K, dst, 0, off, src.imm));
  }
  mov(dst: number, src: number): void {
    if (dst !== src) this.alu(O.BPF_MOV, dst, src);
  }
  /** Load a 64-bit constant with the shortest encoding. */
  movImm(dst: number, v: bigint): void {
    const s = BigInt.asIntN(64, v);
    if (s >= -0x80000000n && s <= 0x7fffffffn) this.alu(O.BPF_MOV, dst, { imm: Number(s) });
    else if (s >= 0n && s <= 0xffffffffn) this.alu(O.BPF_MOV, dst, { imm: Number(BigInt.asIntN(32, s)) }, true);
    else this.ldImm64(dst, BigInt.asUintN(64, s));
  }
  ldImm64(dst: number, v: bigint, src = 0): void {
    const u = BigInt.asUintN(64, v);
    this.emit(insn(O.BPF_LD | O.BPF_IMM | O.BPF_DW, dst, src, 0, Number(BigInt.asIntN(32, u & 0xffffffffn))));
    this.emit(insn(0, 0, 0, 0, Number(BigInt.asIntN(32, u >> 32n))));
  }
  /** `ld_imm64 dst, 0` with a relocation (map or global data). */
  ldReloc(dst: number, kind: 'map' | 'data', symbol: string, addend = 0, extern?: string): void {
    if (this.dead) return;
    this.relocs.push({ pc: this.pc, symbol, kind, addend, ...(extern ? { extern } : {}) });
    this.ldImm64(dst, 0n);
  }
  ldx(size: number, dst: number, base: number, off: number, sx = false): void {
    this.checkOff(off);
    // Peephole: reloading the 8-byte stack slot just stored is a register move.
    const last = this.out[this.out.length - 1];
    if (!this.dead && base === 10 && size === 8 && last && this.labelAt !== this.out.length &&
      last.insn.code === (O.BPF_STX | O.BPF_MEM | O.BPF_DW) && last.insn.dst === 10 && last.insn.off === off) {
      this.mov(dst, last.insn.src);
      return;
    }
    this.emit(insn(O.BPF_LDX | (sx ? O.BPF_MEMSX : O.BPF_MEM) | sizeField(size), dst, base, off, 0));
  }
  stx(size: number, base: number, off: number, src: number): void {
    this.checkOff(off);
    this.emit(insn(O.BPF_STX | O.BPF_MEM | sizeField(size), base, src, off, 0));
  }
  st(size: number, base: number, off: number, imm: number): void {
    this.checkOff(off);
    this.emit(insn(O.BPF_ST | O.BPF_MEM | sizeField(size), base, 0, off, imm));
  }
  checkOff(off: number): void {
    if (off < -32768 || off > 32767) this.fail(`offset ${off} does not fit the 16-bit instruction offset`);
  }
  jmp(op: number, dst: number, src: number | { imm: number }, target: string, is32 = false): void {
    const cls = is32 ? O.BPF_JMP32 : O.BPF_JMP;
    if (typeof src === 'number') this.emit(insn(cls | op | O.BPF_X, dst, src, 0, 0), target);
    else this.emit(insn(cls | op | O.BPF_K, dst, 0, 0, src.imm), target);
  }
  ja(target: string): void {
    this.emit(insn(O.BPF_JMP | O.BPF_JA, 0, 0, 0, 0), target);
    this.dead = true;
  }
  call(helper: number): void { this.emit(insn(O.BPF_JMP | O.BPF_CALL, 0, 0, 0, helper)); }
  exit(): void {
    this.emit(insn(O.BPF_JMP | O.BPF_EXIT));
    this.dead = true;
  }

  // ---- registers ----

  /** A free temporary, preferring `want`. */
  alloc(want?: number): number {
    if (want !== undefined && this.freeTemps.has(want)) { this.freeTemps.delete(want); return want; }
    for (const r of TEMP_ORDER) {
      if (this.freeTemps.has(r)) { this.freeTemps.delete(r); return r; }
    }
    this.fail('expression too complex: out of registers', this.span, CDiag.TooComplex);
  }
  free(r: number): void {
    if (TEMP_ORDER.includes(r)) this.freeTemps.add(r);
  }
  isTemp(r: number): boolean { return TEMP_ORDER.includes(r); }
  liveTemps(): number[] { return TEMP_ORDER.filter((r) => !this.freeTemps.has(r)); }
  allocSaved(): number | undefined {
    for (const r of SAVED_ORDER) if (this.freeSaved.has(r)) { this.freeSaved.delete(r); return r; }
    return undefined;
  }
  freeSavedReg(r: number): void { this.freeSaved.add(r); }

  // ---- stack ----

  /** A new stack slot; returns its (negative) offset from R10. */
  allocStack(size: number, align: number): number {
    const a = Math.max(1, Math.min(align, 8));
    this.stackSize = Math.ceil((this.stackSize + Math.max(size, 1)) / a) * a;
    if (this.stackSize > 512 && !this.stackError) {
      this.stackError = true;
      // clang-19's wording and place (the function's name)
      this.error('Looks like the BPF stack limit is exceeded. Please move large on stack variables into BPF per-cpu array map. For non-kernel uses, the stack can be increased using -mllvm -bpf-stack-size.', this.fnSpan, CDiag.StackTooBig);
    }
    return -this.stackSize;
  }
  spillSlot(r: number): number {
    const key = `${this.spillDepth}:${r}`;
    let s = this.spillSlots.get(key);
    if (s === undefined) { s = this.allocStack(8, 8); this.spillSlots.set(key, s); }
    return s;
  }

  /** Resolve labels into jump offsets. */
  finish(): Insn[] {
    return this.out.map((e, pc) => {
      if (!e.target) return e.insn;
      const to = this.labels.get(e.target);
      if (to === undefined) { this.error(`internal: unplaced label ${e.target}`, e.span); return e.insn; }
      const off = to - pc - 1;
      if (off < -32768 || off > 32767) this.error('jump too far for a 16-bit offset', e.span, CDiag.TooComplex);
      return { ...e.insn, off };
    });
  }
}

export function sizeField(size: number): number {
  return size === 1 ? O.BPF_B : size === 2 ? O.BPF_H : size === 4 ? O.BPF_W : O.BPF_DW;
}
