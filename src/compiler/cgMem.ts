/**
 * Code generation for memory: where an lvalue lives (`Loc`: a register local, or base register +
 * offset, folding constant indexes and member offsets into the instruction's 16-bit offset),
 * loads and stores by C type (sign-extending loads for signed types, read-modify-write for
 * bit-fields), and addresses (stack slots, map and global-data `ld_imm64` relocations).
 * Does not: evaluate general expressions (cgExpr.ts).
 */
import type { Node } from './ast.ts';
import * as O from '../isa/opcodes.ts';
import { CDiag } from './diagCodes.ts';
import { asInt, constOf, gen, genEffect, operand, type CG, type CoreAccess, type Loc } from './cgExpr.ts';
import { sameType } from './types.ts';
import { inlineAggregate } from './cgCall.ts';
import { sroaFields } from './sroa.ts';

/** The location an lvalue designates. */
export function lvalue(g: CG, e: Node): Loc {
  switch (e.k) {
    case 'var': {
      const s = e.sym!;
      if (s.kind === 'local') {
        const st = g.storage.get(s.id);
        if (!st) g.fail(`internal: no storage for '${s.name}'`, e.span);
        if ('reg' in st) return { kind: 'reg', reg: st.reg, ty: s.type };
        return { kind: 'mem', base: 10, off: st.off, own: false, ty: s.type };
      }
      if (s.kind === 'global') {
        if (s.isMap) g.fail(`map '${s.name}' can only be used by its address (&${s.name})`, e.span, CDiag.TypeError);
        if (s.helperId !== undefined) g.fail(`helper '${s.name}' can only be called`, e.span, CDiag.TypeError);
        if (s.isExtern && (s.section === '.kconfig' || s.section === '.ksyms')) {
          // libbpf's .kconfig map: the offset is laid out once every extern read is known (codegen.ts);
          // a __ksym variable: its kernel address (libbpf resolves it)
          const r = g.alloc();
          g.ldReloc(r, 'data', s.section, 0, s.name);
          return { kind: 'mem', base: r, off: 0, own: true, ty: s.type };
        }
        const p = g.globals.place(s);
        if (!p) g.fail(`'${s.name}' is declared extern and never defined; only __kconfig and __ksym externs are`, e.span, CDiag.Unsupported);
        const r = g.alloc();
        g.ldReloc(r, 'data', p.section, p.offset);
        return { kind: 'mem', base: r, off: 0, own: true, ty: s.type };
      }
      g.fail(`'${s.name}' is not a variable`, e.span, CDiag.TypeError);
    }
    // falls through (unreachable)
    case 'deref': {
      const p = e.lhs!;
      if (p.k === 'addr') {
        // *(T *)&x: x's storage read as T.
        const l = lvalue(g, p.lhs!);
        if (l.kind === 'reg' || sameType(l.ty, e.ty!)) return l;
        return { kind: 'mem', base: l.base, off: l.off, own: l.own, ty: e.ty! };
      }
      if (p.k === 'ptradd' && constOf(p.rhs!) !== undefined) {
        const off = Number(BigInt.asIntN(64, constOf(p.rhs!)! * p.val!)) * (p.op === '-' ? -1 : 1);
        if (p.lhs!.k === 'addr' && p.lhs!.lhs!.ty?.kind === 'array' && p.lhs!.lhs!.k !== 'str') {
          // a[k] of an array lvalue: fold into the array's own location (ctx->args[1] must stay
          // a constant offset from the context register; a CO-RE access gets the index).
          const l = lvalue(g, p.lhs!.lhs!);
          if (l.kind === 'mem' && l.off + off >= -32768 && l.off + off <= 32767) {
            const idx = Number(constOf(p.rhs!)!) * (p.op === '-' ? -1 : 1);
            const core = l.core && idx >= 0 ? { core: { root: l.core.root, access: [...l.core.access, idx] } } : {};
            return { kind: 'mem', base: l.base, off: l.off + off, own: l.own, ty: e.ty!, ...core };
          }
          if (l.kind === 'mem') { freeLoc(g, l); }
        }
        if (off >= -32768 && off <= 32767) {
          const b = operand(g, p.lhs!);
          return { kind: 'mem', base: b.reg, off, own: b.own, ty: e.ty! };
        }
      }
      const b = operand(g, p);
      return { kind: 'mem', base: b.reg, off: 0, own: b.own, ty: e.ty! };
    }
    case 'member': {
      // a member of a split struct (sroa.ts), directly or through the pointer an inlined helper got
      const b = e.lhs!;
      const fields = b.k === 'var' ? sroaFields(b.sym) : b.k === 'deref' && b.lhs!.k === 'var' ? g.sroaParam.get(b.lhs!.sym!.id) : undefined;
      const f = fields?.get(e.member!.offset);
      if (f) return lvalue(g, { k: 'var', sym: f, ty: f.type, span: e.span });
      const base = lvalue(g, e.lhs!);
      if (base.kind !== 'mem') g.fail('internal: member of a register value', e.span);
      const m = e.member!;
      const bit = m.bitWidth !== undefined ? { offset: m.bitOffset!, width: m.bitWidth } : undefined;
      const core = e.core && e.coreIdx && !bit ? coreOf(e.lhs!, base) : undefined;
      return { kind: 'mem', base: base.base, off: base.off + m.offset, own: base.own, ty: m.type, bit, ...(core ? { core: { root: core.root, access: [...core.access, ...e.coreIdx!] } } : {}) };
    }
    case 'comma': genEffect(g, e.lhs!); return lvalue(g, e.rhs!);
    case 'call':
      if (e.ty?.kind === 'struct' && e.callee && !e.callee.noinline) {
        return { kind: 'mem', base: 10, off: inlineAggregate(g, e), own: false, ty: e.ty };
      }
      // clang-19's wording: a BPF call returns one register
      if (e.ty?.kind === 'struct') g.fail('aggregate returns are not supported', e.callee?.span ?? e.span, CDiag.Unsupported);
      break;
    case 'str': {
      const r = g.alloc();
      g.ldReloc(r, 'data', '.rodata', g.globals.string(e.bytes!));
      return { kind: 'mem', base: r, off: 0, own: true, ty: e.ty! };
    }
  }
  g.fail('expression is not an lvalue', e.span, CDiag.TypeError);
}

/**
 * The CO-RE access a member of `lhs` (at `base`) extends: a relocatable member's own access, or a
 * pointer dereference `p->` / `p[k].` (index k), whose struct is the root. Locals and globals are
 * not relocated (their layout is ours), nor are bit-fields.
 */
function coreOf(lhs: Node, base: Loc & { kind: 'mem' }): CoreAccess | undefined {
  if (base.core) return base.core;
  if (lhs.k !== 'deref' || lhs.lhs!.k === 'addr' || base.base === 10) return undefined;
  const t = lhs.ty!;
  if (t.kind !== 'struct' || !t.size || base.off % t.size !== 0) return undefined;
  return { root: t, access: [base.off / t.size] };
}

export function freeLoc(g: CG, l: Loc): void {
  if (l.kind === 'mem' && l.own) g.free(l.base);
}

/** Load the scalar at `l` into a fresh temporary (frees `l`). */
export function load(g: CG, l: Loc, want?: number): number {
  if (l.kind === 'reg') {
    const r = g.alloc(want);
    g.mov(r, l.reg);
    return r;
  }
  const t = l.ty;
  const size = t.kind === 'int' ? t.size : 8;
  freeLoc(g, l);
  const r = g.alloc(want ?? (l.own ? l.base : undefined));
  if (l.bit) {
    g.ldx(size, r, l.base, l.off);
    const bits = size * 8;
    const it = asInt(t);
    if (it.signed) {
      g.alu(O.BPF_LSH, r, { imm: 64 - l.bit.offset - l.bit.width });
      g.alu(O.BPF_ARSH, r, { imm: 64 - l.bit.width });
    } else {
      if (l.bit.offset) g.alu(O.BPF_RSH, r, { imm: l.bit.offset });
      if (l.bit.offset + l.bit.width < bits || true) maskLow(g, r, l.bit.width);
    }
    return r;
  }
  const sx = t.kind === 'int' && t.signed && size < 8;
  if (l.core) g.core(l.core.root, l.core.access, 0, () => g.ldx(size, r, l.base, l.off, sx));
  else g.ldx(size, r, l.base, l.off, sx);
  return r;
}

function maskLow(g: CG, r: number, width: number): void {
  if (width >= 64) return;
  if (width <= 31) g.alu(O.BPF_AND, r, { imm: (2 ** width) - 1 });
  else if (width === 32) g.alu(O.BPF_MOV, r, r, true);
  else { g.alu(O.BPF_LSH, r, { imm: 64 - width }); g.alu(O.BPF_RSH, r, { imm: 64 - width }); }
}

/** Store register or immediate `v` (a value of type l.ty) at `l` (does not free `l`). */
export function store(g: CG, l: Loc, v: number | { imm: number }): void {
  if (l.kind === 'reg') {
    if (typeof v === 'number') g.mov(l.reg, v);
    else g.alu(O.BPF_MOV, l.reg, v);
    return;
  }
  const t = l.ty;
  const size = t.kind === 'int' ? t.size : 8;
  if (l.bit) {
    const tmp = g.alloc();
    const val = g.alloc();
    if (typeof v === 'number') g.mov(val, v); else g.movImm(val, BigInt(v.imm));
    maskLow(g, val, l.bit.width);
    if (l.bit.offset) g.alu(O.BPF_LSH, val, { imm: l.bit.offset });
    g.ldx(size, tmp, l.base, l.off);
    const mask = ~(((1n << BigInt(l.bit.width)) - 1n) << BigInt(l.bit.offset));
    const mreg = g.alloc();
    g.movImm(mreg, BigInt.asUintN(size * 8, mask));
    g.alu(O.BPF_AND, tmp, mreg);
    g.free(mreg);
    g.alu(O.BPF_OR, tmp, val);
    g.stx(size, l.base, l.off, tmp);
    g.free(tmp);
    g.free(val);
    return;
  }
  const put = (): void => { if (typeof v === 'number') g.stx(size, l.base, l.off, v); else g.st(size, l.base, l.off, v.imm); };
  if (l.core) g.core(l.core.root, l.core.access, 0, put);
  else put();
}

/** Address of an lvalue (or of a map / function) into a fresh temporary. */
export function addrOf(g: CG, e: Node, want?: number): number {
  if (e.k === 'var' && e.sym!.kind === 'global' && e.sym!.isMap) {
    const r = g.alloc(want);
    g.ldReloc(r, 'map', e.sym!.name);
    return r;
  }
  if (e.k === 'var' && e.sym!.kind === 'func') {
    // A callback (bpf_loop, bpf_for_each_map_elem, timers): `ld_imm64 rX, <func>` with
    // src = BPF_PSEUDO_FUNC; the function becomes a subprogram like a bpf-to-bpf callee and imm is
    // resolved to its pc-relative offset when the program is laid out (codegen.ts).
    const fn = e.sym!;
    if (!fn.body && fn.section === '.ksyms') {
      // a kfunc's address (bpf_ksym_exists on a __weak kfunc): 0 when libbpf does not find it
      const r = g.alloc(want);
      g.ldReloc(r, 'data', '.ksyms', 0, fn.name);
      return r;
    }
    if (!fn.body) g.fail(`function '${fn.name}' is declared but not defined in this file; a callback must be defined here`, e.span, CDiag.UndeclaredIdent);
    const r = g.alloc(want);
    if (!g.dead) g.calls.push({ pc: g.pc, callee: fn });
    g.ldImm64(r, 0n, 4);
    return r;
  }
  if (e.k === 'deref') return gen(g, e.lhs!, want);
  const l = lvalue(g, e);
  if (l.kind === 'reg') g.fail('internal: address of a register local', e.span);
  // A relocatable offset is always materialised (it may differ on the running kernel).
  const add = (r: number): void => {
    if (l.core) g.core(l.core.root, l.core.access, 0, () => g.alu(O.BPF_ADD, r, { imm: l.off }));
    else if (l.off) g.alu(O.BPF_ADD, r, { imm: l.off });
  };
  if (l.own) {
    add(l.base);
    return l.base;
  }
  const r = g.alloc(want);
  g.mov(r, l.base);
  add(r);
  return r;
}
