/**
 * Code generation for stores: assignment, compound assignment, increment/decrement, `__sync_*`
 * atomics, and block copy/fill (struct assignment, initialisers, `__builtin_memcpy/memset`).
 *
 * Register locals are updated in place (`r6 += 1`), so the verifier tracks bounds on the
 * register the program keeps using; memory operands are loaded, updated and stored back.
 * Block copies use the widest access both offsets' alignment allows (stack accesses must be
 * aligned for the verifier).
 * Does not: evaluate general expressions (cgExpr.ts).
 */
import type { Node } from './ast.ts';
import * as O from '../isa/opcodes.ts';
import { CDiag } from './diagCodes.ts';
import {
  addrOf, aluIn, constOf, fitsImm, freeLoc, gen, genTo, load, lvalue, nonNeg, normalize, operand,
  release, scaleReg, store, type CG, type Loc,
} from './cgExpr.ts';
import { T, alignOf, sizeOf, type IntType, type Type } from './types.ts';

/** Largest chunk size usable at both offsets for `n` remaining bytes. */
function chunk(offA: number, offB: number, n: number, align: number): number {
  for (const c of [8, 4, 2, 1]) {
    if (c <= n && c <= Math.max(align, 1) && offA % c === 0 && offB % c === 0) return c;
  }
  return 1;
}

/** Copy `n` bytes between two memory locations. */
export function copy(g: CG, dst: Loc & { kind: 'mem' }, src: Loc & { kind: 'mem' }, n: number, align: number): void {
  const t = g.alloc();
  const dAlign = dst.base === 10 ? 8 : align;
  const sAlign = src.base === 10 ? 8 : align;
  for (let i = 0; i < n;) {
    const c = chunk(dst.off + i, src.off + i, n - i, Math.min(dAlign, sAlign));
    g.ldx(c, t, src.base, src.off + i);
    g.stx(c, dst.base, dst.off + i, t);
    i += c;
  }
  g.free(t);
}

/** Fill `n` bytes with byte `c`. */
export function fill(g: CG, dst: Loc & { kind: 'mem' }, n: number, c: number, align: number): void {
  const a = Math.min(dst.base === 10 ? 8 : align, c === 0 ? 8 : 4);
  for (let i = 0; i < n;) {
    const k = chunk(dst.off + i, 0, n - i, a);
    let v = 0n;
    for (let j = 0; j < k; j++) v = (v << 8n) | BigInt(c & 0xff);
    g.st(k, dst.base, dst.off + i, Number(BigInt.asIntN(32, v)));
    i += k;
  }
}

export function assign(g: CG, e: Node, want: number | undefined, discard: boolean): number | undefined {
  const lhs = e.lhs!;
  const ty = lhs.ty!;
  if (ty.kind === 'struct' || ty.kind === 'array') {
    const s = addrOf(g, e.rhs!);
    const d = lvalue(g, lhs);
    if (d.kind !== 'mem') g.fail('internal: aggregate in a register');
    copy(g, d, { kind: 'mem', base: s, off: 0, own: true, ty: T.char }, sizeOf(ty), alignOf(ty));
    freeLoc(g, d);
    g.free(s);
    return discard ? undefined : g.alloc(want);
  }
  const c = constOf(e.rhs!);
  if (discard && c !== undefined && fitsImm(c)) {
    const l = lvalue(g, lhs);
    if (l.kind === 'mem' && !l.bit) g.st(sizeOf(ty), l.base, l.off, Number(BigInt.asIntN(32, BigInt.asIntN(64, c))));
    else if (l.kind === 'reg') g.movImm(l.reg, c);
    else store(g, l, { imm: Number(BigInt.asIntN(32, c)) });
    freeLoc(g, l);
    return undefined;
  }
  // Evaluate straight into a register local when the target is one.
  if (lhs.k === 'var' && lhs.sym!.kind === 'local') {
    const st = g.storage.get(lhs.sym!.id);
    if (st && 'reg' in st) {
      genTo(g, e.rhs!, st.reg);
      if (discard) return undefined;
      const r = g.alloc(want);
      g.mov(r, st.reg);
      return r;
    }
  }
  const v = gen(g, e.rhs!, want);
  const l = lvalue(g, lhs);
  store(g, l, v);
  freeLoc(g, l);
  if (discard) { g.free(v); return undefined; }
  return v;
}

export function opassign(g: CG, e: Node, want: number | undefined, discard: boolean): number | undefined {
  const lhs = e.lhs!;
  const lty = lhs.ty!;
  const l = lvalue(g, lhs);
  const isPtrOp = lty.kind === 'ptr';
  const apply = (r: number): void => {
    if (isPtrOp) {
      const c = constOf(e.rhs!);
      const scale = e.val!;
      if (c !== undefined && fitsImm(c * scale)) g.alu(e.op === '-' ? O.BPF_SUB : O.BPF_ADD, r, { imm: Number(BigInt.asIntN(64, c * scale)) });
      else {
        const i = gen(g, e.rhs!);
        scaleReg(g, i, scale);
        g.alu(e.op === '-' ? O.BPF_SUB : O.BPF_ADD, r, i);
        g.free(i);
      }
      return;
    }
    normalize(g, r, lty, e.opTy!);
    const c = constOf(e.rhs!);
    // `x /= y` in a signed type: unsigned when both sides are provably non-negative (as clang does)
    const sdiv = (e.op === '/' || e.op === '%') && e.opTy!.kind === 'int' && e.opTy!.signed;
    const opTy: Type = sdiv && nonNeg({ k: 'cast', lhs: e.lhs, ty: e.opTy, span: e.span }) && nonNeg(e.rhs) ? { ...e.opTy!, signed: false } as Type : e.opTy!;
    if (c !== undefined && fitsImm(c)) aluIn(g, e.op!, r, { imm: Number(BigInt.asIntN(64, c)) }, opTy, false, e.opAt);
    else {
      const b = operand(g, e.rhs!);
      aluIn(g, e.op!, r, b.reg, opTy, false, e.opAt);
      release(g, b);
    }
    normalize(g, r, e.opTy!, lty);
  };
  if (l.kind === 'reg') {
    apply(l.reg);
    if (discard) return undefined;
    const r = g.alloc(want);
    g.mov(r, l.reg);
    return r;
  }
  const keep: Loc = { ...l, own: false };
  const r = load(g, keep, want);
  apply(r);
  store(g, l, r);
  freeLoc(g, l);
  if (discard) { g.free(r); return undefined; }
  return r;
}

export function incdec(g: CG, e: Node, want: number | undefined, discard: boolean): number | undefined {
  const lty = e.lhs!.ty!;
  const l = lvalue(g, e.lhs!);
  const step = e.op === '+' ? e.val! : -e.val!;
  const bump = (r: number): void => {
    g.alu(O.BPF_ADD, r, { imm: Number(step) });
    normalize(g, r, T.long, lty);
  };
  if (l.kind === 'reg') {
    let old: number | undefined;
    if (!discard && !e.prefix) { old = g.alloc(want); g.mov(old, l.reg); }
    bump(l.reg);
    if (discard) return undefined;
    if (old !== undefined) return old;
    const r = g.alloc(want);
    g.mov(r, l.reg);
    return r;
  }
  const r = load(g, { ...l, own: false }, want);
  let old: number | undefined;
  if (!discard && !e.prefix) { old = g.alloc(); g.mov(old, r); }
  bump(r);
  store(g, l, r);
  freeLoc(g, l);
  if (discard) { g.free(r); return undefined; }
  if (old !== undefined) { g.free(r); return old; }
  return r;
}

/** `__sync_*` builtins: BPF_STX | BPF_ATOMIC, with BPF_FETCH when the old value is used. */
export function atomic(g: CG, e: Node, want: number | undefined, discard: boolean): number | undefined {
  const ty = e.ty as IntType;
  const base = operand(g, e.lhs!);
  const code = O.BPF_STX | O.BPF_ATOMIC | (ty.size === 8 ? O.BPF_DW : O.BPF_W);
  if (e.op === 'cmpxchg') {
    const v = gen(g, e.rhs!);
    const r0 = g.alloc(0);
    if (r0 !== 0) g.fail('expression too complex around a compare-and-swap (R0 busy)', e.span, CDiag.TooComplex);
    const x = gen(g, e.cond!);
    g.mov(0, x);
    g.free(x);
    g.emit({ code, dst: base.reg, src: v, off: 0, imm: O.BPF_CMPXCHG });
    g.free(v);
    release(g, base);
    if (discard) { g.free(0); return undefined; }
    normalize(g, 0, ty.signed ? T.ulong : ty, ty);
    if (want !== undefined && want !== 0 && g.freeTemps.has(want)) { const r = g.alloc(want); g.mov(r, 0); g.free(0); return r; }
    return 0;
  }
  const v = gen(g, e.rhs!, want);
  if (e.op === '-') g.alu(O.BPF_NEG, v, { imm: 0 });
  const ops: Record<string, number> = { '+': O.BPF_ADD, '-': O.BPF_ADD, '|': O.BPF_OR, '&': O.BPF_AND, '^': O.BPF_XOR };
  const imm = e.op === 'xchg' ? O.BPF_XCHG : ops[e.op!] | (discard ? 0 : O.BPF_FETCH);
  g.emit({ code, dst: base.reg, src: v, off: 0, imm });
  release(g, base);
  if (discard) { g.free(v); return undefined; }
  if (ty.size === 4 && ty.signed) g.alu(O.BPF_MOV, v, v, false, 32);
  return v;
}
