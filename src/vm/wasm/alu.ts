/**
 * eBPF ALU and ALU64 instructions as WebAssembly (translate.ts calls these per slot): every
 * operation on i64 register locals, 32-bit forms on wrapped i32 values zero-extended back, the
 * interpreter's division rules (x / 0 = 0, x % 0 = x, INT_MIN / -1 = INT_MIN), cpu v4 sdiv/smod and
 * movsx, and the byte swaps.
 *
 * Deliberately not here: memory, jumps, calls (translate.ts). Provenance: our own; semantics
 * mirror interpreter.ts (RFC 9669 + Linux 6.18 cpu v4).
 */
import { I32, I64, OP } from './binary.ts';
import { Emitter, F_BS32, F_BS64, L_T, L_X } from './emit.ts';

export function emitAlu64(e: Emitter, c: number, dr: number, sr: number, off: number, imm: number, isX: boolean, operand: () => unknown) {
  const binop = (o: number) => { e.get(dr); operand(); e.op(o).set(dr); };
  switch (c & 0xf0) {
    case 0x00: return binop(OP.i64Add);
    case 0x10: return binop(OP.i64Sub);
    case 0x20: return binop(OP.i64Mul);
    case 0x40: return binop(OP.i64Or);
    case 0x50: return binop(OP.i64And);
    case 0xa0: return binop(OP.i64Xor);
    case 0x60: return binop(OP.i64Shl);
    case 0x70: return binop(OP.i64ShrU);
    case 0xc0: return binop(OP.i64ShrS);
    case 0x80: e.i64(0).get(dr).op(OP.i64Sub).set(dr); return;
    case 0xb0:
      if (!isX) e.i64(imm);
      else {
        e.get(sr);
        if (off === 8) e.op(OP.i64Extend8S);
        else if (off === 16) e.op(OP.i64Extend16S);
        else if (off === 32) e.op(OP.i64Extend32S);
      }
      e.set(dr);
      return;
    case 0x30: case 0x90: {
      const mod = (c & 0xf0) === 0x90;
      const signed = off === 1;
      if (!isX) {
        if (imm === 0) { if (!mod) e.i64(0).set(dr); return; }
        if (imm === -1 && signed) {
          if (mod) e.i64(0).set(dr);
          else e.i64(0).get(dr).op(OP.i64Sub).set(dr);
          return;
        }
        e.get(dr).i64(imm).op(mod ? (signed ? OP.i64RemS : OP.i64RemU) : (signed ? OP.i64DivS : OP.i64DivU)).set(dr);
        return;
      }
      e.get(sr).tee(L_T).op(OP.i64Eqz).if(I64);
      if (mod) e.get(dr);
      else e.i64(0);
      e.else();
      if (mod) e.get(dr).get(L_T).op(signed ? OP.i64RemS : OP.i64RemU);
      else if (!signed) e.get(dr).get(L_T).op(OP.i64DivU);
      else {
        e.get(L_T).i64(-1).op(OP.i64Eq).if(I64);
        e.i64(0).get(dr).op(OP.i64Sub);
        e.else().get(dr).get(L_T).op(OP.i64DivS).end();
      }
      e.end().set(dr);
      return;
    }
    case 0xd0: // bswap16/32/64 (0xd7), byte swaps are unconditional on our little-endian model
      return emitBswap(e, dr, imm);
  }
}

export function emitBswap(e: Emitter, dr: number, width: number) {
  if (width === 16) {
    e.get(dr).op(OP.i32WrapI64).tee(L_X).i32(0xff).op(OP.i32And).i32(8).op(OP.i32Shl);
    e.get(L_X).i32(8).op(OP.i32ShrU).i32(0xff).op(OP.i32And).op(OP.i32Or).op(OP.i64ExtendI32U).set(dr);
  } else if (width === 32) {
    e.get(dr).op(OP.i32WrapI64).call(F_BS32).op(OP.i64ExtendI32U).set(dr);
  } else {
    e.get(dr).call(F_BS64).set(dr);
  }
}

export function emitAlu32(e: Emitter, c: number, dr: number, sr: number, off: number, imm: number, isX: boolean, operand: () => unknown) {
  const dst32 = () => e.get(dr).op(OP.i32WrapI64);
  const done = () => e.op(OP.i64ExtendI32U).set(dr);
  const binop = (o: number) => { dst32(); operand(); e.op(o); done(); };
  switch (c & 0xf0) {
    case 0x00: return binop(OP.i32Add);
    case 0x10: return binop(OP.i32Sub);
    case 0x20: return binop(OP.i32Mul);
    case 0x40: return binop(OP.i32Or);
    case 0x50: return binop(OP.i32And);
    case 0xa0: return binop(OP.i32Xor);
    case 0x60: return binop(OP.i32Shl);
    case 0x70: return binop(OP.i32ShrU);
    case 0xc0: return binop(OP.i32ShrS);
    case 0x80: e.i32(0); dst32(); e.op(OP.i32Sub); done(); return;
    case 0xb0:
      if (!isX) { e.i64(imm >>> 0).set(dr); return; }
      e.get(sr).op(OP.i32WrapI64);
      if (off === 8) e.op(OP.i32Extend8S);
      else if (off === 16) e.op(OP.i32Extend16S);
      done();
      return;
    case 0x30: case 0x90: {
      const mod = (c & 0xf0) === 0x90;
      const signed = off === 1;
      if (!isX) {
        if (imm === 0) { if (mod) { dst32(); done(); } else e.i64(0).set(dr); return; }
        if (imm === -1 && signed) {
          if (mod) e.i64(0).set(dr);
          else { e.i32(0); dst32(); e.op(OP.i32Sub); done(); }
          return;
        }
        dst32();
        e.i32(imm).op(mod ? (signed ? OP.i32RemS : OP.i32RemU) : (signed ? OP.i32DivS : OP.i32DivU));
        done();
        return;
      }
      e.get(sr).op(OP.i32WrapI64).tee(L_X).op(OP.i32Eqz).if(I32);
      if (mod) dst32();
      else e.i32(0);
      e.else();
      if (mod) { dst32(); e.get(L_X).op(signed ? OP.i32RemS : OP.i32RemU); }
      else if (!signed) { dst32(); e.get(L_X).op(OP.i32DivU); }
      else {
        e.get(L_X).i32(-1).op(OP.i32Eq).if(I32);
        e.i32(0); dst32(); e.op(OP.i32Sub);
        e.else(); dst32(); e.get(L_X).op(OP.i32DivS); e.end();
      }
      e.end();
      done();
      return;
    }
    case 0xd0: // 0xd4 le (truncate), 0xdc be (swap)
      if (c === 0xd4) {
        if (imm === 16) e.get(dr).i64(0xffff).op(OP.i64And).set(dr);
        else if (imm === 32) e.get(dr).i64(0xffffffff).op(OP.i64And).set(dr);
        return;
      }
      return emitBswap(e, dr, imm);
  }
}
