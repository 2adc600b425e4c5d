/**
 * ALU instructions (check_alu_op, adjust_reg_min_max_vals, adjust_ptr_min_max_vals of 6.18):
 * moves (incl. movsx and linked-scalar ids), `rX += K` keeping a linked scalar's id as `id=N+K`
 * (BPF_ADD_CONST, 64-bit adds only, as 6.18), scalar arithmetic through the domain, BPF_NEG /
 * BPF_END, and pointer arithmetic with its rules and messages (`R%d pointer += pointer
 * prohibited`, `R%d 32-bit pointer arithmetic prohibited`, `R%d pointer arithmetic on %s
 * prohibited`, `R%d bitwise operator %s on pointer prohibited`, `math between %s pointer and
 * register with unbounded min value is not allowed`, ...).
 *
 * Does not: Spectre sanitation (privileged loader: the kernel skips it); BPF_SUB / alu32 links
 * (later kernels).
 * Provenance: rules and messages described from the 6.18 verifier's public behaviour and
 * checked against corpus goldens; own code.
 */
import { BPF_ALU64, BPF_CLASS, BPF_OP, BPF_SRC, BPF_X, BPF_MOV, BPF_NEG, BPF_END, BPF_ADD, BPF_SUB, BPF_AND, BPF_OR, BPF_XOR } from '../isa/opcodes.ts';
import type { Insn } from '../isa/insn.ts';
import {
  type Scalar, S64_MAX, S64_MIN, boundsSync, scalarAlu, scalarConst, scalarConstValue, scalarEnd, scalarIsConst,
  scalarUnknown, signExtend, zext32,
} from './domains/scalar.ts';
import { tnumAdd, tnumSub, U64_MAX } from './domains/tnum.ts';
import { type Env, checkWritable, fail, frame, newId, readReg, setReg } from './env.ts';
import { regTypeStr } from './format.ts';
import { markPrecise } from './precise.ts';
import { sanitizeCheckBounds, sanitizePtrAlu } from './unpriv.ts';
import { type Reg, ADD_CONST, copyReg, isAddConst, isPktPointer, scalarIdBeforeMov, scalarReg } from './types.ts';

const ALU_STR = ['+=', '-=', '*=', '/=', '|=', '&=', '<<=', '>>=', 'neg', '%=', '^=', '=', 's>>=', 'endian'];
const BPF_MAX_VAR_OFF = 1n << 29n;

export function aluString(op: number): string {
  return ALU_STR[op >> 4];
}

function unknown(): Reg {
  return scalarReg(scalarUnknown());
}

function checkSaneOffset(r: Reg, typeName: string, scalarPart: Scalar, off: number): void {
  const known = scalarIsConst(scalarPart);
  const val = BigInt.asIntN(64, scalarPart.var_off.value);
  if (known && (val >= BPF_MAX_VAR_OFF || val <= -BPF_MAX_VAR_OFF)) fail(`math between ${typeName} pointer and ${val} is not allowed`);
  if (BigInt(off) >= BPF_MAX_VAR_OFF || BigInt(off) <= -BPF_MAX_VAR_OFF) fail(`${typeName} pointer offset ${off} is not allowed`);
  if (scalarPart.smin === S64_MIN) fail(`math between ${typeName} pointer and register with unbounded min value is not allowed`);
  if (scalarPart.smin >= BPF_MAX_VAR_OFF || scalarPart.smin <= -BPF_MAX_VAR_OFF) {
    fail(`value ${scalarPart.smin} makes ${typeName} pointer be out of bounds`);
  }
  void r;
}

function addBounds(a: Scalar, b: Scalar, sub: boolean): Scalar {
  // 64-bit bounds of ptr_var +/- off_var with overflow to unbounded; 32-bit halves unbounded.
  let smin: bigint, smax: bigint, umin: bigint, umax: bigint;
  if (!sub) {
    smin = a.smin + b.smin; smax = a.smax + b.smax;
    if (smin < S64_MIN || smax > S64_MAX) { smin = S64_MIN; smax = S64_MAX; }
    umin = a.umin + b.umin; umax = a.umax + b.umax;
    if (umax > U64_MAX) { umin = 0n; umax = U64_MAX; }
  } else {
    smin = a.smin - b.smax; smax = a.smax - b.smin;
    if (smin < S64_MIN || smax > S64_MAX) { smin = S64_MIN; smax = S64_MAX; }
    if (a.umin < b.umax) { umin = 0n; umax = U64_MAX; } else { umin = a.umin - b.umax; umax = a.umax - b.umin; }
  }
  const var_off = sub ? tnumSub(a.var_off, b.var_off) : tnumAdd(a.var_off, b.var_off);
  return boundsSync({
    var_off, smin, smax, umin, umax,
    s32_min: -(1n << 31n), s32_max: (1n << 31n) - 1n, u32_min: 0n, u32_max: (1n << 32n) - 1n,
  });
}

/** adjust_ptr_min_max_vals: `ptr op off` (or `off += ptr`), result into dst. */
function ptrArith(env: Env, insn: Insn, ptr: Reg, offReg: Reg, dstIsOff: boolean): Reg {
  const op = BPF_OP(insn.code);
  const dst = insn.dst;
  if (BPF_CLASS(insn.code) !== BPF_ALU64) {
    if (op === BPF_SUB && env.privileged) return unknown();
    fail(`R${dst} 32-bit pointer arithmetic prohibited`);
  }
  const tname = regTypeStr(ptr);
  if (ptr.maybeNull) fail(`R${dst} pointer arithmetic on ${tname} prohibited, null-check it first`);
  const known = scalarIsConst(offReg.s);
  const k = known ? BigInt.asIntN(64, offReg.s.var_off.value) : 0n;
  switch (ptr.type) {
    case 'ctx': case 'map_value': case 'map_key': case 'fp': case 'pkt_meta': case 'pkt': case 'mem': case 'func': case 'ptr_':
      break;
    case 'map_ptr':
      if (known && k === 0n && op === BPF_ADD) break;
      fail(`R${dst} pointer arithmetic on ${tname} prohibited`);
      break;
    default:
      fail(`R${dst} pointer arithmetic on ${tname} prohibited`);
  }
  checkSaneOffset(offReg, tname, offReg.s, 0);
  checkSaneOffset(ptr, tname, ptr.s, ptr.off);
  if (!env.privileged && (op === BPF_ADD || op === BPF_SUB) && BPF_SRC(insn.code) === BPF_X) {
    const offRegno = dstIsOff ? insn.dst : insn.src;
    if (sanitizePtrAlu(env, dst, offRegno, ptr, offReg, op === BPF_SUB) && env.push) {
      // the truncated-offset simulation: the next insn with the pointer unmoved, speculatively
      const q = env.push(env.insnIdx + 1, env.insnIdx);
      q.speculative = true;
      q.frames[q.curframe].regs[dst] = copyReg(ptr);
    }
  }
  const out: Reg = copyReg(ptr);
  switch (op) {
    case BPF_ADD: {
      const noff = BigInt(ptr.off) + k;
      if (known && noff === BigInt.asIntN(32, noff)) {
        out.off = Number(noff);
        break;
      }
      out.s = addBounds(ptr.s, offReg.s, false);
      if (isPktPointer(ptr)) { out.id = newId(env); out.range = 0; }
      break;
    }
    case BPF_SUB: {
      if (dstIsOff) fail(`R${dst} tried to subtract pointer from scalar`);
      if (ptr.type === 'fp') fail(`R${dst} subtraction from stack pointer prohibited`);
      const noff = BigInt(ptr.off) - k;
      if (known && noff === BigInt.asIntN(32, noff)) {
        out.off = Number(noff);
        break;
      }
      out.s = addBounds(ptr.s, offReg.s, true);
      if (isPktPointer(ptr)) { out.id = newId(env); if (offReg.s.smin < 0n) out.range = 0; }
      break;
    }
    case BPF_AND: case BPF_OR: case BPF_XOR:
      fail(`R${dst} bitwise operator ${aluString(op)} on pointer prohibited`);
      break;
    default:
      fail(`R${dst} pointer arithmetic with ${aluString(op)} operator prohibited`);
  }
  checkSaneOffset(out, tname, out.s, out.off);
  if (!env.privileged) sanitizeCheckBounds(dst, out);
  return out;
}

/** One ALU/ALU64 instruction. `pending` is a deferred encoding complaint (div by zero, shift). */
export function checkAlu(env: Env, insn: Insn, pending: string | undefined): void {
  const op = BPF_OP(insn.code);
  const is64 = BPF_CLASS(insn.code) === BPF_ALU64;
  const isX = BPF_SRC(insn.code) === BPF_X;
  const f = frame(env);
  if (op === BPF_NEG || op === BPF_END) {
    const d = readReg(env, insn.dst);
    if (pending) fail(pending);
    checkWritable(env, insn.dst);
    if (op === BPF_NEG && d.type === 'scalar') {
      setReg(env, insn.dst, scalarReg(scalarAlu(BPF_NEG, is64, d.s, d.s)));
    } else if (op === BPF_END && d.type === 'scalar') {
      const bits = insn.imm as 16 | 32 | 64;
      const swap = is64 || (insn.code & 0x08) !== 0;
      setReg(env, insn.dst, scalarReg(scalarEnd(d.s, bits, swap)));
    } else {
      if (!env.privileged) fail(`R${insn.dst} pointer arithmetic prohibited`);
      setReg(env, insn.dst, unknown());
    }
    return;
  }
  if (op === BPF_MOV) {
    if (isX) {
      const s = readReg(env, insn.src);
      if (pending) fail(pending);
      checkWritable(env, insn.dst);
      if (is64) {
        if (insn.off === 0) {
          scalarIdBeforeMov(s, () => newId(env), scalarIsConst(s.s));
          setReg(env, insn.dst, copyReg(s));
        } else {
          if (s.type !== 'scalar') {
            if (!env.privileged) fail(`R${insn.src} sign-extension part of pointer`);
            setReg(env, insn.dst, unknown());
          } else {
            setReg(env, insn.dst, scalarReg(signExtend(s.s, (insn.off / 8) as 1 | 2 | 4, true)));
          }
        }
      } else {
        if (s.type === 'scalar') {
          if (insn.off === 0) {
            const fitsU32 = s.s.umax <= 0xffffffffn;
            if (fitsU32) scalarIdBeforeMov(s, () => newId(env), scalarIsConst(s.s));
            const d = copyReg(s);
            if (!fitsU32) { d.id = 0; d.off = 0; }
            d.s = zext32(d.s);
            d.precise = false;
            setReg(env, insn.dst, d);
          } else {
            setReg(env, insn.dst, scalarReg(signExtend(s.s, (insn.off / 8) as 1 | 2 | 4, false)));
          }
        } else {
          if (!env.privileged) fail(`R${insn.src} partial copy of pointer`);
          setReg(env, insn.dst, scalarReg(zext32(scalarUnknown())));
        }
      }
    } else {
      if (pending) fail(pending);
      checkWritable(env, insn.dst);
      const v = BigInt(insn.imm);
      setReg(env, insn.dst, scalarReg(is64 ? scalarConst(v) : scalarConst(BigInt.asUintN(32, v))));
    }
    return;
  }
  // Binary ops.
  let src: Reg;
  if (isX) src = readReg(env, insn.src);
  else src = scalarReg(scalarConst(BigInt(insn.imm)));
  const dst = readReg(env, insn.dst);
  if (pending) fail(pending);
  checkWritable(env, insn.dst);
  const dstPtr = dst.type !== 'scalar';
  const srcPtr = src.type !== 'scalar';
  if (srcPtr) {
    if (dstPtr) {
      if (op === BPF_SUB && env.privileged) { setReg(env, insn.dst, unknown()); return; }
      fail(`R${insn.dst} pointer ${aluString(op)} pointer prohibited`);
    }
    markPrecise(env, 1 << insn.dst, [], 1);
    setReg(env, insn.dst, ptrArith(env, insn, src, dst, true));
    return;
  }
  if (dstPtr) {
    if (isX) markPrecise(env, 1 << insn.src, [], 1);
    setReg(env, insn.dst, ptrArith(env, insn, dst, src, false));
    return;
  }
  const res = scalarAlu(op, is64, dst.s, src.s);
  const out = scalarReg(res);
  // rX += K on a linked scalar (64-bit, K in [0, S32_MAX], not already +K): the link survives
  if (env.privileged && op === BPF_ADD && is64 && dst.id && scalarIsConst(src.s)) {
    const val = src.s.var_off.value;
    if (!isAddConst(dst.id) && val <= 0x7fffffffn) { out.id = dst.id + ADD_CONST; out.off = Number(val); }
  }
  setReg(env, insn.dst, out);
  void f;
  void scalarConstValue;
}
