/**
 * Calls: helper calls by id (`call N`) and calls of C functions, which are inlined.
 *
 * Calling convention (the kernel's): arguments in R1–R5, result in R0, R1–R5 clobbered, R6–R9
 * preserved. Temporaries live across a call are stored to 8-byte stack slots before the
 * arguments are evaluated and reloaded after the call; each argument is evaluated straight into
 * its argument register when possible.
 * Inlining: every call of a function defined in this file is expanded in place (its parameters
 * become fresh locals, `return` jumps to the end of the expansion), as clang does at -O2 for
 * `static __always_inline` functions. Recursion is diagnosed.
 * Does not: bpf-to-bpf calls (`__noinline` and global functions are inlined too — same
 * behaviour, different instruction stream), indirect calls, callbacks.
 */
import type { Node, Sym } from './ast.ts';
import * as O from '../isa/opcodes.ts';
import { CDiag } from './diagCodes.ts';
import { addrOf, allocLocal, boundConsts, constOf, copy, gen, normalize, operand, release, type CG, type Storage } from './cgExpr.ts';
import { T, alignOf, isScalar, sizeOf, type FuncType } from './types.ts';
import { liveness, type Liveness } from './live.ts';
import { fieldOnly, sroaFields } from './sroa.ts';

const liveCache = new WeakMap<object, Liveness>();
function liveOf(fn: import('./ast.ts').Sym): Liveness {
  let l = liveCache.get(fn);
  if (!l) { l = liveness(fn); liveCache.set(fn, l); }
  return l;
}

const MAX_INLINE_DEPTH = 16;

export function genCall(g: CG, e: Node, want: number | undefined, discard: boolean): number | undefined {
  const ld = e.callee && !e.callee.body ? /^llvm\.bpf\.load\.(byte|half|word)$/.exec(e.callee.asmLabel ?? '') : null;
  if (ld) return genLoadAbs(g, e, ld[1] === 'byte' ? O.BPF_B : ld[1] === 'half' ? O.BPF_H : O.BPF_W, want, discard);
  // a kfunc: `extern … __ksym` function, called by BTF id (libbpf resolves it in the kernel's BTF)
  const kfunc = e.callee && !e.callee.body && e.callee.section === '.ksyms' ? e.callee : undefined;
  if (e.callee && !e.callee.noinline && !kfunc) return genInline(g, e, want, discard);
  if (e.callee && !e.callee.body && !kfunc) g.fail(`function '${e.callee.name}' is declared but not defined in this file; BPF programs cannot call external functions`, e.span, CDiag.UndeclaredIdent);
  if (e.helper === undefined && !e.callee) g.fail('indirect calls through function pointers are not supported by the BPF target', e.span, CDiag.Unsupported);
  const args = e.args ?? [];
  // Spill live temporaries.
  const live = g.liveTemps();
  for (const r of live) g.stx(8, 10, g.spillSlot(r), r);
  for (const r of live) g.free(r);
  g.spillDepth++;
  const argRegs: number[] = [];
  try {
    args.forEach((a, i) => {
      const target = i + 1;
      const r = gen(g, a, target);
      if (r !== target) {
        const t = g.alloc(target);
        if (t !== target) g.fail('internal: argument register busy');
        g.mov(target, r);
        g.free(r);
      }
      argRegs.push(target);
    });
    if (kfunc) {
      // src = BPF_PSEUDO_KFUNC_CALL (2), imm = the kernel BTF id libbpf finds (0 until then)
      if (!g.dead) g.relocs.push({ pc: g.pc, symbol: kfunc.name, kind: 'call', addend: 0, extern: kfunc.name });
      g.emit({ code: O.BPF_JMP | O.BPF_CALL, dst: 0, src: 2, off: 0, imm: 0 });
    } else if (e.callee) {
      // bpf-to-bpf call: src = BPF_PSEUDO_CALL, imm = pc-relative offset filled in at layout.
      if (!g.dead) g.calls.push({ pc: g.pc, callee: e.callee });
      g.emit({ code: O.BPF_JMP | O.BPF_CALL, dst: 0, src: 1, off: 0, imm: -1 });
    } else g.call(e.helper!);
  } finally {
    g.spillDepth--;
  }
  for (const r of argRegs) g.free(r);
  // Reserve the registers about to be restored, then take the result.
  for (const r of live) g.alloc(r);
  let res: number | undefined;
  const ret = (e.ty ?? T.long);
  if (!discard) {
    res = g.alloc(want !== undefined && !live.includes(want) ? want : 0);
    g.mov(res, 0);
    if (ret.kind === 'int' && ret.size < 8) normalize(g, res, T.ulong, ret);
  }
  for (const r of live) g.ldx(8, r, 10, g.spillSlot(r));
  return res;
}

/**
 * A call of an inline function returning a struct, as an lvalue: the stack slot its `return`
 * statements copied the value into.
 */
export function inlineAggregate(g: CG, e: Node): number {
  const out = { off: 0 };
  genInline(g, e, undefined, false, false, out);
  return out.off;
}

/** Evaluating `e` has no effect but its value (no calls, stores, volatile reads). */
function pure(e: Node | undefined, depth = 0): boolean {
  if (!e || depth > 200) return false;
  switch (e.k) {
    case 'num': case 'str': case 'coreval': return true;
    case 'var': return !e.sym?.isVolatile;
    case 'member': case 'deref': case 'addr': case 'cast': case 'neg': case 'bitnot': case 'not': case 'bswap':
      return pure(e.lhs, depth + 1);
    case 'binop': case 'cmp': case 'ptradd': case 'ptrdiff': case 'logand': case 'logor':
      return e.op !== '/' && e.op !== '%' && pure(e.lhs, depth + 1) && pure(e.rhs, depth + 1);
    default: return false;
  }
}

/**
 * Expand a call in place. In tail position of the program (`return f(…);` with nothing around
 * it) the callee's own `return`s become the program's exits (`tail`), saving the result copy.
 */
export function genInline(g: CG, e: Node, want: number | undefined, discard: boolean, tail = false, aggOut?: { off: number }): number | undefined {
  const fn = e.callee!;
  if (!fn.body) g.fail(`function '${fn.name}' is declared but not defined in this file; BPF programs cannot call external functions`, e.span, CDiag.UndeclaredIdent);
  if (g.inline.some((f) => f.fn === fn)) g.fail(`recursive call to '${fn.name}': BPF programs cannot recurse`, e.span, CDiag.Recursion);
  if (g.inline.length >= MAX_INLINE_DEPTH) g.fail('functions nested too deeply to inline', e.span, CDiag.TooComplex);
  const params = fn.params ?? [];
  const args = e.args ?? [];
  // Evaluate arguments into temporaries first (C evaluates all before the call), then bind.
  const vals: number[] = [];
  const freeRegs: number[] = [];
  const modified = modifiedParams(fn);
  // A parameter never assigned in the callee may share the register of a local passed to it.
  const aliasOf = (i: number): number | undefined => {
    const a = args[i];
    const p = params[i];
    if (!a || a.k !== 'var' || a.sym!.kind !== 'local' || p.addrTaken || modified.has(p.id)) return undefined;
    const st = g.storage.get(a.sym!.id);
    return st && 'reg' in st ? st.reg : undefined;
  };
  const constArg = (i: number): bigint | undefined => {
    const a = args[i];
    const k = a ? constOf(a) : undefined; // a literal, or a parameter already bound to one
    if (k === undefined) return undefined;
    const v = BigInt.asIntN(64, k);
    return v >= -0x80000000n && v <= 0x7fffffffn ? v : undefined;
  };
  const stackBefore = g.stackSize;
  const spillsBefore = g.spillSlots.size;
  // Aggregates are passed by value: the argument's address now, a copy into the parameter below.
  const isAgg = (i: number): boolean => params[i].type.kind === 'struct';
  // An unused parameter whose argument has no side effects is not evaluated at all (clang drops
  // it too): BPF_KPROBE(f, a, b) then loads only the registers the body reads.
  const skip0 = (i: number): boolean => !params[i].used && !params[i].addrTaken && pure(args[i]);
  // `&S` of a split struct (or a pointer already bound to one) for a field-only parameter: the
  // parameter's `p->f` become S's field locals for this expansion (sroa.ts); nothing to pass
  const sroaArg = (i: number): Map<number, Sym> | undefined => {
    const a = args[i];
    if (!a || !fieldOnly(fn, i)) return undefined;
    if (a.k === 'addr' && a.lhs!.k === 'var') return sroaFields(a.lhs!.sym);
    if (a.k === 'var' && a.sym) return g.sroaParam.get(a.sym.id);
    return undefined;
  };
  params.forEach((p, i) => {
    const m = i < args.length ? sroaArg(i) : undefined;
    if (m) g.sroaParam.set(p.id, m); else g.sroaParam.delete(p.id);
  });
  // A scalar parameter the callee never assigns nor takes the address of, given a constant: the
  // constant itself wherever the body reads it (no register or stack slot), as after clang's inlining
  params.forEach((p, i) => {
    const c = i < args.length && isScalar(p.type) && !p.addrTaken && !p.isVolatile && !modified.has(p.id) && !g.sroaParam.has(p.id) ? constArg(i) : undefined;
    if (c !== undefined) boundConsts.set(p, c); else boundConsts.delete(p);
  });
  const skip = (i: number): boolean => g.sroaParam.has(params[i].id) || boundConsts.has(params[i]) || skip0(i);
  args.slice(0, params.length).forEach((a, i) =>
    vals.push(skip(i) ? -1 : isAgg(i) ? addrOf(g, a) : aliasOf(i) === undefined && constArg(i) === undefined ? gen(g, a) : -1));
  const bound: Storage[] = [];
  params.forEach((p, i) => {
    if (skip(i)) { bound.push({ off: 0 }); return; }
    const alias = aliasOf(i);
    if (alias !== undefined) {
      g.storage.set(p.id, { reg: alias });
      g.aliased.add(p.id);
      bound.push({ reg: alias });
      return;
    }
    g.aliased.delete(p.id);
    const st = allocLocal(g, p);
    bound.push(st);
    const c = constArg(i);
    if (isAgg(i) && 'off' in st) {
      copy(g, { kind: 'mem', base: 10, off: st.off, own: false, ty: T.char }, { kind: 'mem', base: vals[i], off: 0, own: true, ty: T.char }, sizeOf(p.type), alignOf(p.type));
      g.free(vals[i]);
      return;
    }
    if ('reg' in st) {
      if (c !== undefined) g.movImm(st.reg, c); else g.mov(st.reg, vals[i]);
      freeRegs.push(st.reg);
    } else {
      const size = isScalar(p.type) && !p.addrTaken ? 8 : sizeOf(p.type);
      if (c !== undefined) g.st(size, 10, st.off, Number(c)); else g.stx(size, 10, st.off, vals[i]);
    }
    if (c === undefined) g.free(vals[i]);
  });
  for (const a of args.slice(params.length)) g.free(gen(g, a)); // extra variadic args: evaluated, ignored
  const ret = (fn.type as FuncType).ret;
  let retSt: Storage | undefined;
  const retAgg = ret.kind === 'struct' ? { size: sizeOf(ret), align: alignOf(ret) } : undefined;
  if (retAgg) {
    // a struct result lives in a stack slot of the caller's frame; see inlineAggregate
    retSt = { off: g.allocStack(retAgg.size, retAgg.align) };
  } else if (ret.kind !== 'void' && !discard && !tail) {
    const r = g.allocSaved();
    retSt = r !== undefined ? { reg: r } : { off: g.allocStack(8, 8) };
    if (r !== undefined) freeRegs.push(r);
  }
  if (aggOut && retSt && 'off' in retSt) aggOut.off = retSt.off;
  const frame = { fn, retLabel: g.newLabel('ret_' + fn.name), ret: retSt, retAgg, prefix: `${fn.name}.${g.labelCount++}.`, tail: tail && !retAgg };
  const loops = g.loops;
  g.loops = [];
  g.inline.push(frame);
  g.live.push(liveOf(fn));
  for (const l of labelsIn(fn.body)) g.sticky.add(frame.prefix + l);
  try {
    g.genStmt(g, fn.body);
  } finally {
    g.inline.pop();
    g.live.pop();
    g.loops = loops;
  }
  g.place(frame.retLabel);
  for (const r of freeRegs) g.freeSavedReg(r);
  // The expansion's stack slots are dead now; reuse them unless a spill slot was made meanwhile
  // (spill slots are shared by the whole program). The result slot stays until it is read below.
  const keep = retSt && 'off' in retSt ? -retSt.off : stackBefore;
  if (g.spillSlots.size === spillsBefore) g.stackSize = Math.max(stackBefore, keep);
  if (discard || tail || retAgg) return undefined;
  const res = g.alloc(want);
  if (!retSt) g.movImm(res, 0n);
  else if ('reg' in retSt) g.mov(res, retSt.reg);
  else g.ldx(8, res, 10, retSt.off);
  return res;
}

const modCache = new WeakMap<object, Set<number>>();
/** Parameters the callee assigns to (so they cannot share a caller's register). */
function modifiedParams(fn: import('./ast.ts').Sym): Set<number> {
  let m = modCache.get(fn);
  if (m) return m;
  m = new Set<number>();
  const walk = (n: Node | undefined): void => {
    if (!n) return;
    if ((n.k === 'assign' || n.k === 'opassign' || n.k === 'incdec') && n.lhs?.k === 'var') m!.add(n.lhs.sym!.id);
    for (const c of [n.lhs, n.rhs, n.cond, n.then, n.els, n.init, n.inc, ...(n.body ?? []), ...(n.args ?? []), ...(n.cases ?? [])]) walk(c);
    if (n.img) { for (const w of n.img.stores) walk(w.expr); walk(n.img.whole); }
  };
  walk(fn.body);
  modCache.set(fn, m);
  return m;
}

function labelsIn(n: Node | undefined, out: string[] = []): string[] {
  if (!n) return out;
  if (n.k === 'label') out.push(n.label!);
  for (const c of [n.then, n.els, n.init, n.inc, ...(n.body ?? []), ...(n.cases ?? [])]) if (c) labelsIn(c, out);
  return out;
}

export { O };

/**
 * `load_byte(skb, off)` declared `asm("llvm.bpf.load.byte")` (half, word): clang's legacy packet
 * loads, `r0 = *(u8 *)skb[off]` (BPF_LD|BPF_ABS with a constant offset, BPF_LD|BPF_IND with
 * the offset in a register). The instruction reads the skb from R6 and, like a call, clobbers
 * R0–R5, so live temporaries are spilled; a local held in R6 is saved around it. The value comes
 * back in host byte order, zero-extended.
 */
function genLoadAbs(g: CG, e: Node, size: number, want: number | undefined, discard: boolean): number | undefined {
  const args = e.args ?? [];
  if (args.length !== 2) g.fail(`too ${args.length < 2 ? 'few' : 'many'} arguments to function call, expected 2, have ${args.length}`, e.span, CDiag.TypeError);
  const live = g.liveTemps();
  for (const r of live) g.stx(8, 10, g.spillSlot(r), r);
  for (const r of live) g.free(r);
  g.spillDepth++;
  try {
    const k = constOf(args[1]);
    const so = operand(g, args[0]);
    const rs = so.reg;
    let ro: number | undefined;
    if (k === undefined || k < 0n || k > 0x7fffffffn) {
      ro = gen(g, args[1]);
      if (!g.isTemp(ro)) { const t = g.alloc(); g.mov(t, ro); ro = t; }
    }
    let saved: number | undefined;
    if (rs !== 6) {
      if (!g.freeSaved.has(6)) { saved = g.spillSlot(6); g.stx(8, 10, saved, 6); }
      g.mov(6, rs);
    }
    g.emit({ code: O.BPF_LD | (ro === undefined ? O.BPF_ABS : O.BPF_IND) | size, dst: 0, src: ro ?? 0, off: 0, imm: ro === undefined ? Number(k) : 0 });
    if (saved !== undefined) g.ldx(8, 6, 10, saved);
    release(g, so);
    if (ro !== undefined) g.free(ro);
  } finally {
    g.spillDepth--;
  }
  for (const r of live) g.alloc(r);
  let res: number | undefined;
  if (!discard) {
    res = g.alloc(want !== undefined && !live.includes(want) ? want : 0);
    g.mov(res, 0);
  }
  for (const r of live) g.ldx(8, r, 10, g.spillSlot(r));
  return res;
}
