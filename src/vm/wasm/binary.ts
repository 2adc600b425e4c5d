/**
 * A minimal WebAssembly binary writer: a growable byte buffer with LEB128 (unsigned and signed,
 * 32-bit numbers and 64-bit BigInts), the opcode bytes the eBPF translator uses, and `assembleModule`,
 * which lays out the type, import, function, global, export and code sections of a module.
 *
 *   module  = magic "\0asm" version 1, then sections in id order
 *   section = id:u8  size:u32(LEB)  payload
 *   vec(x)  = n:u32(LEB) x*n
 *
 * Deliberately not here: validation (the engine's `new WebAssembly.Module` validates), the
 * table/element/data/start sections (unused), and any knowledge of eBPF. Provenance: the
 * WebAssembly Core Specification 2.0, §5 "Binary Format" (public W3C text); code is our own.
 */

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F64 = 0x7c;
export const EMPTY = 0x40;

/** Opcodes used by the translator (WebAssembly Core Spec §5.4). */
export const OP = {
  unreachable: 0x00, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d,
  brTable: 0x0e, return: 0x0f, call: 0x10, drop: 0x1a, select: 0x1b,
  localGet: 0x20, localSet: 0x21, localTee: 0x22, globalGet: 0x23, globalSet: 0x24,
  i64Load: 0x29, i64Load8S: 0x30, i64Load8U: 0x31, i64Load16S: 0x32, i64Load16U: 0x33, i64Load32S: 0x34,
  i64Load32U: 0x35, i64Store: 0x37, i64Store8: 0x3c, i64Store16: 0x3d, i64Store32: 0x3e,
  i32Const: 0x41, i64Const: 0x42,
  i32Eqz: 0x45, i32Eq: 0x46, i32Ne: 0x47, i32LtS: 0x48, i32LtU: 0x49, i32GtS: 0x4a, i32GtU: 0x4b,
  i32LeS: 0x4c, i32LeU: 0x4d, i32GeS: 0x4e, i32GeU: 0x4f,
  i64Eqz: 0x50, i64Eq: 0x51, i64Ne: 0x52, i64LtS: 0x53, i64LtU: 0x54, i64GtS: 0x55, i64GtU: 0x56,
  i64LeS: 0x57, i64LeU: 0x58, i64GeS: 0x59, i64GeU: 0x5a,
  i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32DivS: 0x6d, i32DivU: 0x6e, i32RemS: 0x6f, i32RemU: 0x70,
  i32And: 0x71, i32Or: 0x72, i32Xor: 0x73, i32Shl: 0x74, i32ShrS: 0x75, i32ShrU: 0x76, i32Rotl: 0x77, i32Rotr: 0x78,
  i64Add: 0x7c, i64Sub: 0x7d, i64Mul: 0x7e, i64DivS: 0x7f, i64DivU: 0x80, i64RemS: 0x81, i64RemU: 0x82,
  i64And: 0x83, i64Or: 0x84, i64Xor: 0x85, i64Shl: 0x86, i64ShrS: 0x87, i64ShrU: 0x88,
  i32WrapI64: 0xa7, i64ExtendI32S: 0xac, i64ExtendI32U: 0xad, i64TruncF64S: 0xb0,
  i32Extend8S: 0xc0, i32Extend16S: 0xc1, i64Extend8S: 0xc2, i64Extend16S: 0xc3, i64Extend32S: 0xc4,
} as const;

/** A growable byte buffer. */
export class Bytes {
  buf: Uint8Array;
  len = 0;
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }
  private grow(need: number): void {
    let cap = this.buf.length * 2;
    while (cap < this.len + need) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  byte(b: number): this {
    if (this.len + 1 > this.buf.length) this.grow(1);
    this.buf[this.len++] = b;
    return this;
  }
  bytes(bs: ArrayLike<number>): this {
    if (this.len + bs.length > this.buf.length) this.grow(bs.length);
    this.buf.set(bs, this.len);
    this.len += bs.length;
    return this;
  }
  /** Unsigned LEB128 of a non-negative integer < 2^53. */
  u32(v: number): this {
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }
  /** Signed LEB128 of an integer in the safe range. */
  s32(v: number): this {
    for (;;) {
      const b = ((v % 128) + 128) % 128;
      v = Math.floor(v / 128);
      const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }
  /** Signed LEB128 of a 64-bit value (any BigInt, read as two's complement 64-bit). */
  s64(v: bigint): this {
    let x = BigInt.asIntN(64, v);
    if (x >= -(1n << 52n) && x < 1n << 52n) return this.s32(Number(x));
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      const done = (x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }
  name(s: string): this {
    const e = new TextEncoder().encode(s);
    return this.u32(e.length).bytes(e);
  }
  /** Append `other` preceded by its length (a section or function body). */
  sized(other: Bytes): this {
    this.u32(other.len);
    return this.bytes(other.buf.subarray(0, other.len));
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export interface FuncType {
  params: number[];
  results: number[];
}

export type Import =
  | { module: string; name: string; kind: 'func'; type: number }
  | { module: string; name: string; kind: 'memory'; min: number }
  | { module: string; name: string; kind: 'global'; valtype: number; mutable: boolean };

export interface GlobalDef {
  valtype: number;
  /** Initial value (an i32.const / i64.const init expression). */
  init: number;
}

export interface FuncDef {
  type: number;
  /** Extra locals, in declaration order. */
  locals: number[];
  /** Body code, without the final `end` (added here). */
  body: Bytes;
}

export interface Export {
  name: string;
  kind: 'func' | 'global';
  index: number;
}

function section(out: Bytes, id: number, payload: Bytes): void {
  out.byte(id).sized(payload);
}

/** Lay out a module from its parts (WebAssembly Core Spec §5.5). */
export function assembleModule(m: {
  types: FuncType[];
  imports: Import[];
  funcs: FuncDef[];
  globals: GlobalDef[];
  exports: Export[];
}): Uint8Array {
  const out = new Bytes(1024);
  out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const types = new Bytes();
  types.u32(m.types.length);
  for (const t of m.types) {
    types.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
  }
  section(out, 1, types);
  const imps = new Bytes();
  imps.u32(m.imports.length);
  for (const i of m.imports) {
    imps.name(i.module).name(i.name);
    if (i.kind === 'func') imps.byte(0).u32(i.type);
    else if (i.kind === 'memory') imps.byte(2).byte(0).u32(i.min);
    else imps.byte(3).byte(i.valtype).byte(i.mutable ? 1 : 0);
  }
  section(out, 2, imps);
  const fns = new Bytes();
  fns.u32(m.funcs.length);
  for (const f of m.funcs) fns.u32(f.type);
  section(out, 3, fns);
  if (m.globals.length) {
    const gs = new Bytes();
    gs.u32(m.globals.length);
    for (const g of m.globals) {
      gs.byte(g.valtype).byte(1);
      if (g.valtype === I64) gs.byte(OP.i64Const).s32(g.init);
      else gs.byte(OP.i32Const).s32(g.init);
      gs.byte(OP.end);
    }
    section(out, 6, gs);
  }
  const ex = new Bytes();
  ex.u32(m.exports.length);
  for (const e of m.exports) ex.name(e.name).byte(e.kind === 'func' ? 0 : 3).u32(e.index);
  section(out, 7, ex);
  const code = new Bytes(1024);
  code.u32(m.funcs.length);
  for (const f of m.funcs) {
    const body = new Bytes(f.body.len + 32);
    // Locals: runs of equal types.
    const runs: Array<[number, number]> = [];
    for (const t of f.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    body.u32(runs.length);
    for (const [n, t] of runs) body.u32(n).byte(t);
    body.bytes(f.body.buf.subarray(0, f.body.len)).byte(OP.end);
    code.sized(body);
  }
  section(out, 10, code);
  return out.result();
}
