/**
 * Memory accesses (check_mem_access of 6.18) for LDX/STX/ST and atomics: stack slots (spill,
 * fill, misc/zero bytes, variable offsets, bounds), context fields (from src/kernel's per-type
 * rules), packet bounds, map values, helper memory (`mem`, ring-buffer records), and the
 * `R%d invalid mem access '%s'` refusal for everything else.
 *
 * Also: the unprivileged rules of memory access (pointer leaks into map/ctx/mem/packet, reads of
 * uninitialized stack, spilled-pointer corruption, scalar spills needing CAP_BPF), bpf_sock /
 * bpf_tcp_sock fields, BTF-typed pointers (btf.ts) and map_ptr reads, dynptr slots (dynptr.ts),
 * BTF-typed tracing/LSM contexts and probe-load marks (btfCtx.ts), rdonly_untrusted_mem reads.
 * Does not: spin locks/timers/kptrs inside map values.
 * Provenance: rules and messages as the 6.18 kernel shows them in corpus goldens and public
 * descriptions of check_mem_access / check_stack_*; own code.
 */
import { checkCtxAccess } from '../kernel/progtypes/access.ts';
import { BPF_F_RDONLY_PROG, BPF_F_WRONLY_PROG } from '../kernel/maps/types.ts';
import { type Scalar, S64_MIN, scalarConst, scalarIsConst, scalarUnknown, signExtend, truncate } from './domains/scalar.ts';
import { tnumAdd, tnumConst, tnumIsAligned, tnumStr } from './domains/tnum.ts';
import { type Env, fail, frame, newId, pushJmpHistory } from './env.ts';
import { regTypeStr } from './format.ts';
import { type Frame, type Reg, type StackSlot, type SlotByte, BTF_RCU, BTF_TRUSTED, BTF_UNTRUSTED, copyReg, ptrReg, scalarIdBeforeMov, scalarReg, isPktPointer } from './types.ts';
import { type WalkResult, btfStructAccess, mapStruct } from './btf.ts';
import { destroyIfDynptrSlot } from './dynptr.ts';
import { markPrecise } from './precise.ts';
import { noteBtfLoad, safeTrusted, tracingCtxAccess } from './btfCtx.ts';

const BPF_MAX_VAR_OFF = 1n << 29n;

export type Access = 'read' | 'write';

export interface MemOpts {
  /** Destination register of a load (value_regno), -1 none. */
  valueRegno: number;
  /** Register whose value is stored (STX), -1 none. */
  srcRegno: number;
  /** BPF_ST immediate, when the store is BPF_ST. */
  stImm?: number;
  ldsx: boolean;
  strictAlign: boolean;
}

export function slotAt(f: Frame, spi: number): StackSlot {
  while (f.stack.length <= spi) f.stack.push({ bytes: ['?', '?', '?', '?', '?', '?', '?', '?'], spilled: undefined });
  return f.stack[spi];
}

function growStack(env: Env, f: Frame, size: number): void {
  const r = Math.ceil(size / 8) * 8;
  if (r > f.allocated) f.allocated = r;
  const sp = env.subprogs[f.subprogno];
  if (sp && sp.stackDepth < r) sp.stackDepth = r;
  for (let k = 0; k < r / 8; k++) slotAt(f, k);
}

function alignCheck(reg: Reg, off: number, size: number, strictAlign: boolean): void {
  let strict = strictAlign;
  let desc = '';
  switch (reg.type) {
    case 'fp': desc = 'stack '; strict = true; break;
    case 'map_value': desc = 'value '; break;
    case 'ctx': desc = 'context '; break;
    case 'pkt': case 'pkt_meta': desc = 'packet '; break;
    default: break;
  }
  if (!strict || size === 1) return;
  const t = tnumAdd(reg.s.var_off, tnumConst(BigInt(reg.off + off)));
  if (!tnumIsAligned(t, size)) {
    fail(`misaligned ${desc}access off ${tnumStr(reg.s.var_off)}+${reg.off}+${off} size ${size}`.replace(/off \(0x0; 0x0\)/, 'off 0'));
  }
}

/** __check_mem_access */
function memAccessMsg(reg: Reg, regno: number, off: bigint, size: number, memSize: number, zeroOk: boolean): string | null {
  const sizeOk = size > 0 || (size === 0 && zeroOk);
  if (off >= 0n && sizeOk && off + BigInt(size) <= BigInt(memSize)) return null;
  switch (reg.type) {
    case 'map_key': return `invalid access to map key, key_size=${memSize} off=${off} size=${size}`;
    case 'map_value': return `invalid access to map value, value_size=${memSize} off=${off} size=${size}`;
    case 'pkt': case 'pkt_meta': case 'pkt_end':
      return `invalid access to packet, off=${off} size=${size}, R${regno}(id=${reg.id},off=${off},r=${memSize})`;
    default: return `invalid access to memory, mem_size=${memSize} off=${off} size=${size}`;
  }
}

/** check_mem_region_access: fixed + variable offset inside [0, memSize). */
export function checkMemRegion(reg: Reg, regno: number, off: number, size: number, memSize: number, zeroOk: boolean): void {
  const s = reg.s;
  const o = BigInt(off);
  if (s.smin < 0n && (s.smin === S64_MIN || o + s.smin !== BigInt.asIntN(32, o + s.smin) || s.smin + o < 0n)) {
    fail(`R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`);
  }
  let m = memAccessMsg(reg, regno, s.smin + o, size, memSize, zeroOk);
  if (m) fail(`${m}\nR${regno} min value is outside of the allowed memory range`);
  if (s.umax >= BPF_MAX_VAR_OFF) fail(`R${regno} unbounded memory access, make sure to bounds check any such access`);
  m = memAccessMsg(reg, regno, s.umax + o, size, memSize, zeroOk);
  if (m) fail(`${m}\nR${regno} max value is outside of the allowed memory range`);
}

export function checkPacketAccess(reg: Reg, regno: number, off: number, size: number, zeroOk: boolean): void {
  if (reg.s.smin < 0n) fail(`R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`);
  const m = reg.range < 0 ? memAccessMsg(reg, regno, BigInt(off), size, -1, zeroOk) ?? 'x' : memAccessMsg(reg, regno, BigInt(off), size, reg.range, zeroOk);
  if (m) fail(`${m === 'x' ? `invalid access to packet, off=${off} size=${size}, R${regno}(id=${reg.id},off=${off},r=${reg.range})` : m}\nR${regno} offset is outside of the packet`);
}

/** check_stack_access_within_bounds; returns [minOff, maxOff). */
export function stackBounds(env: Env, reg: Reg, regno: number, off: number, size: number, access: Access, extraOverride?: string): [number, number] {
  const extra = extraOverride ?? (access === 'write' ? ' write to' : ' read from');
  let minOff: bigint;
  let maxOff: bigint;
  if (scalarIsConst(reg.s)) {
    minOff = BigInt.asIntN(64, reg.s.var_off.value) + BigInt(off);
    maxOff = minOff + BigInt(size);
  } else {
    if (reg.s.smax >= BPF_MAX_VAR_OFF || reg.s.smin <= -BPF_MAX_VAR_OFF) fail(`invalid unbounded variable-offset${extra} stack R${regno}`);
    minOff = reg.s.smin + BigInt(off);
    maxOff = reg.s.smax + BigInt(off) + BigInt(size);
  }
  // check_stack_slot_within_bounds: without allow_uninit_stack a read stays inside the allocated stack.
  const minValid = access === 'read' && !env.privileged ? -BigInt(env.cur.frames[reg.frameno].allocated) : -512n;
  let bad = minOff < minValid || minOff > -1n || maxOff > 0n || size < 0;
  if (size === 0 && minOff === 0n && maxOff === 0n) bad = true;
  if (bad) {
    if (scalarIsConst(reg.s)) fail(`invalid${extra} stack R${regno} off=${off} size=${size}`);
    fail(`invalid variable-offset${extra} stack R${regno} var_off=${tnumStr(reg.s.var_off)} off=${off} size=${size}`);
  }
  const f = env.cur.frames[reg.frameno];
  growStack(env, f, Number(-minOff));
  return [Number(minOff), Number(maxOff)];
}

function byteAt(f: Frame, off: number): { slot: StackSlot; idx: number; spi: number } {
  const slot = -off - 1;
  const spi = Math.floor(slot / 8);
  return { slot: slotAt(f, spi), idx: slot % 8, spi };
}

function regWidth(s: Scalar): number {
  const v = s.var_off.value | s.var_off.mask;
  return v === 0n ? 0 : v.toString(2).length;
}

function stackWriteFixed(env: Env, f: Frame, off: number, size: number, src: Reg | undefined, stImm: number | undefined, srcRegno = -1): void {
  const old = byteAt(f, off).slot;
  if (!env.privileged && old.bytes[7] === 'r' && old.spilled && old.spilled.type !== 'scalar' && size !== 8) fail('attempt to corrupt spilled pointer on stack');
  destroyIfDynptrSlot(env, f, byteAt(f, off).spi);
  const { slot, spi } = byteAt(f, off);
  env.cur.scratchedSlots.add(spi);
  const spill = (): void => { pushJmpHistory(env); if (env.curEntry) { env.curEntry.spi = spi; env.curEntry.sfr = f.frameno; } };
  const aligned = ((off % 8) + 8) % 8 === 0;
  // Scalar spills (and BPF_ST spills) need CAP_BPF; otherwise the bytes become misc/zero.
  if (src && aligned && src.type === 'scalar' && env.privileged) {
    const fits = regWidth(src.s) <= 8 * size;
    if (fits) scalarIdBeforeMov(src, () => newId(env), scalarIsConst(src.s));
    saveSpill(slot, src, size);
    if (!fits) slot.spilled!.id = 0;
    spill();
    return;
  }
  if (!src && aligned && stImm !== undefined && env.privileged) {
    saveSpill(slot, scalarReg(scalarConst(BigInt(stImm))), size);
    spill();
    return;
  }
  if (src && src.type !== 'scalar') {
    if (size !== 8) fail('invalid size of register spill');
    if (src.type === 'fp' && f.frameno !== env.cur.curframe) fail('cannot spill pointers to stack into stack frame of the caller');
    saveSpill(slot, src, size);
    spill();
    return;
  }
  let type: SlotByte = 'm';
  const wasSpecial = slot.bytes[7] === 'r';
  slot.spilled = undefined;
  if (wasSpecial) for (let i = 0; i < 8; i++) if (slot.bytes[i] === 'r') slot.bytes[i] = 'm';
  if ((src && src.type === 'scalar' && scalarIsConst(src.s) && src.s.var_off.value === 0n) || (stImm === 0)) {
    // STACK_ZERO from a register that is not a spill (misaligned or narrow): the kernel makes the
    // register precise so that the zero bytes stay correct for the states pruned against this one
    if (src && srcRegno >= 0) markPrecise(env, 1 << srcRegno, [], 1);
    type = '0';
  }
  const sl = -off - 1;
  for (let i = 0; i < size; i++) slot.bytes[(sl - i) % 8] = type;
}

function saveSpill(slot: StackSlot, r: Reg, size: number): void {
  slot.spilled = copyReg(r);
  let i = 8;
  for (; i > 8 - size; i--) slot.bytes[i - 1] = 'r';
  for (; i; i--) if (slot.bytes[i - 1] !== '0' && slot.bytes[i - 1] !== '?') slot.bytes[i - 1] = 'm';
}

function stackReadFixed(env: Env, f: Frame, off: number, size: number, dst: number): Reg | undefined {
  const { slot, spi } = byteAt(f, off);
  env.cur.scratchedSlots.add(spi);
  const fill = (): void => { if (env.curEntry && dst >= 0) { env.curEntry.spi = spi; env.curEntry.sfr = f.frameno; } };
  const sl = -off - 1;
  if (slot.bytes[7] === 'r' && slot.spilled) {
    pushJmpHistory(env); // restoring (part of) a spilled register
    let spillSize = 1;
    for (let i = 7; i > 0 && slot.bytes[i - 1] === 'r'; i--) spillSize++;
    const sp = slot.spilled;
    if (size !== 8 || spillSize !== 8) {
      if (sp.type !== 'scalar') fail('invalid size of register fill');
      if (dst < 0) return undefined;
      if (size <= spillSize && ((off % 8) + 8) % 8 === 0) {
        if (size === 4 && spillSize === 4 && regWidth(sp.s) <= 32) scalarIdBeforeMov(sp, () => newId(env), scalarIsConst(sp.s));
        const r = copyReg(sp);
        if (regWidth(sp.s) > size * 8) { r.id = 0; r.off = 0; }
        fill();
        return r;
      }
      let spillCnt = 0;
      let zeroCnt = 0;
      for (let i = 0; i < size; i++) {
        const t = slot.bytes[(sl - i) % 8];
        if (t === 'r') spillCnt++;
        else if (t === '0') zeroCnt++;
      }
      if ((spillCnt === size && scalarIsConst(sp.s) && sp.s.var_off.value === 0n) || zeroCnt === size) return scalarReg(scalarConst(0n));
      return scalarReg(scalarUnknown());
    }
    if (dst >= 0) { fill(); return copyReg(sp); }
    return undefined;
  }
  let allZero = true;
  for (let i = 0; i < size; i++) {
    const t = slot.bytes[(sl - i) % 8];
    if (t === 'd' || (t === '?' && !env.privileged)) fail(`invalid read from stack off ${off}+${i} size ${size}`);
  }
  for (let i = 0; i < size; i++) {
    const { slot: s2, idx } = byteAt(f, off + size - 1 - i);
    if (s2.bytes[idx] !== '0') allZero = false;
  }
  return allZero ? scalarReg(scalarConst(0n)) : scalarReg(scalarUnknown());
}

function stackAccess(env: Env, reg: Reg, regno: number, off: number, size: number, access: Access, o: MemOpts): Reg | undefined {
  const [minOff, maxOff] = stackBounds(env, reg, regno, off, size, access);
  const f = env.cur.frames[reg.frameno];
  if (scalarIsConst(reg.s)) {
    const o2 = minOff;
    if (access === 'write') {
      const src = o.srcRegno >= 0 ? frame(env).regs[o.srcRegno] : undefined;
      stackWriteFixed(env, f, o2, size, src, o.stImm, o.srcRegno);
      return undefined;
    }
    return stackReadFixed(env, f, o2, size, o.valueRegno);
  }
  // Variable offset.
  if (access === 'write') {
    const src = o.srcRegno >= 0 ? frame(env).regs[o.srcRegno] : undefined;
    const zero = (src && src.type === 'scalar' && scalarIsConst(src.s) && src.s.var_off.value === 0n) || o.stImm === 0;
    for (let a = minOff; a < maxOff; a++) destroyIfDynptrSlot(env, f, byteAt(f, a).spi);
    let zeroUsed = false;
    for (let a = minOff; a < maxOff; a++) {
      const { slot, idx, spi } = byteAt(f, a);
      env.cur.scratchedSlots.add(spi);
      if (slot.bytes[7] === 'r') {
        slot.spilled = undefined;
        for (let i = 0; i < 8; i++) if (slot.bytes[i] === 'r') slot.bytes[i] = 'm';
      }
      if (!(zero && slot.bytes[idx] === '0')) slot.bytes[idx] = 'm';
      else zeroUsed = true;
    }
    // zero bytes kept as zero: the written register becomes precise (as for fixed offsets)
    if (zeroUsed && o.srcRegno >= 0) markPrecise(env, 1 << o.srcRegno, [], 1);
    return undefined;
  }
  let allZero = true;
  for (let a = minOff; a < maxOff; a++) {
    const { slot, idx, spi } = byteAt(f, a);
    env.cur.scratchedSlots.add(spi);
    if (slot.bytes[idx] !== '0') allZero = false;
  }
  return allZero ? scalarReg(scalarConst(0n)) : scalarReg(scalarUnknown());
}

/**
 * bpf_map_is_rdonly + bpf_map_direct_read: the value at `off` of a frozen BPF_F_RDONLY_PROG
 * single-entry array whose contents the loader gave (VerifyMap.data), for a constant pointer
 * offset; undefined otherwise (the load is an unknown scalar).
 */
function directRead(m: NonNullable<Reg['map']>, reg: Reg, off: number, size: number, ldsx: boolean): bigint | undefined {
  if (((m.flags ?? 0) & BPF_F_RDONLY_PROG) === 0 || m.frozen !== true || !m.data || m.type !== 'array' || m.maxEntries !== 1) return undefined;
  if (!scalarIsConst(reg.s)) return undefined;
  const at = off + Number(reg.s.var_off.value);
  if (size !== 1 && size !== 2 && size !== 4 && size !== 8) return undefined;
  if (at < 0 || at + size > m.data.length) {
    // the loader's bytes are the whole value (libbpf sizes the map to its section): past them is zero
    if (at < 0 || at + size > m.valueSize) return undefined;
  }
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(m.data[at + i] ?? 0);
  if (ldsx && size < 8) v = BigInt.asUintN(64, BigInt.asIntN(size * 8, v));
  return v;
}

/**
 * check_mem_access: `regno` holds the pointer; returns the loaded value for reads with a value
 * register (already narrowed/sign-extended to `size`), else undefined.
 */
export function checkMemAccess(env: Env, regno: number, off: number, size: number, access: Access, o: MemOpts): Reg | undefined {
  const reg = frame(env).regs[regno];
  alignCheck(reg, off, size, o.strictAlign);
  const aoff = off + reg.off;
  let val: Reg | undefined;
  if (reg.maybeNull && reg.type !== 'scalar') fail(`R${regno} invalid mem access '${regTypeStr(reg)}'`);
  if (access === 'write' && o.srcRegno >= 0 && !env.privileged && frame(env).regs[o.srcRegno].type !== 'scalar') {
    const into: Record<string, string> = { map_value: 'map', mem: 'mem', ctx: 'ctx', pkt: 'packet', pkt_meta: 'packet' };
    if (into[reg.type]) fail(`R${o.srcRegno} leaks addr into ${into[reg.type]}`);
  }
  switch (reg.type) {
    case 'map_value': {
      const m = reg.map!;
      // check_map_access_type: a map read-only for programs (libbpf's .rodata, .kconfig)
      if (access === 'write' && ((m.flags ?? 0) & BPF_F_RDONLY_PROG) !== 0) fail(`write into map forbidden, value_size=${m.valueSize} off=${aoff} size=${size}`);
      if (access === 'read' && ((m.flags ?? 0) & BPF_F_WRONLY_PROG) !== 0) fail(`read from map forbidden, value_size=${m.valueSize} off=${aoff} size=${size}`);
      checkMemRegion(reg, regno, aoff, size, m.valueSize, false);
      if (access === 'read') {
        // a frozen read-only array's bytes are known: the loaded value is a constant
        // (bpf_map_direct_read; array_map_direct_value_addr serves single-entry arrays only)
        const direct = o.valueRegno >= 0 ? directRead(m, reg, aoff, size, o.ldsx === true) : undefined;
        val = scalarReg(direct === undefined ? scalarUnknown() : scalarConst(direct));
        if (direct !== undefined) return val;
      }
      break;
    }
    case 'map_key': {
      checkMemRegion(reg, regno, aoff, size, reg.map!.keySize, false);
      if (access === 'read') val = scalarReg(scalarUnknown());
      break;
    }
    case 'mem': {
      if (access === 'write' && reg.rdonly) fail(`R${regno} cannot write into ${regTypeStr(reg)}`);
      // rdonly_untrusted_mem is read through probe loads: no bounds (btfCtx.ts noteBtfLoad)
      if (reg.rdonly && reg.btfFlags & BTF_UNTRUSTED) noteBtfLoad(env, reg);
      else checkMemRegion(reg, regno, aoff, size, reg.memSize, false);
      if (access === 'read') val = scalarReg(scalarUnknown());
      break;
    }
    case 'ctx': {
      if (reg.off) fail(`dereference of modified ctx ptr R${regno} off=${reg.off} disallowed`);
      if (!scalarIsConst(reg.s) || reg.s.var_off.value !== 0n) fail(`variable ctx access var_off=${tnumStr(reg.s.var_off)} disallowed`);
      if (o.ldsx) fail(`invalid bpf_context access off=${aoff} size=${size}`);
      // cg_skb_is_valid_access: data, data_end and writing tstamp need CAP_BPF.
      if (!env.privileged && env.progType === 'cgroup_skb' && ((aoff >= 76 && aoff < 84) || (access === 'write' && aoff >= 152 && aoff < 160))) {
        fail(`invalid bpf_context access off=${aoff} size=${size}`);
      }
      if (env.progType === 'tracing' || env.progType === 'lsm') { // BTF-typed arguments (btfCtx.ts)
        val = tracingCtxAccess(env, aoff, size, access, o.valueRegno >= 0);
        if (!val || val.type !== 'scalar') return val;
        break;
      }
      const r = checkCtxAccess(env.progType, aoff, size, access, { expectedAttachType: env.attachType || undefined });
      if (!r.ok) fail(r.message);
      if (access === 'read') {
        switch (r.produces) {
          case 'SCALAR_VALUE': val = scalarReg(scalarUnknown()); break;
          case 'PTR_TO_PACKET': val = ptrReg('pkt'); break;
          case 'PTR_TO_PACKET_END': val = ptrReg('pkt_end'); break;
          case 'PTR_TO_PACKET_META': val = ptrReg('pkt_meta'); break;
          case 'PTR_TO_SOCK_COMMON_OR_NULL': val = ptrReg('sock_common', { maybeNull: true, id: newId(env) }); break;
          default: fail(`R${regno} context field of this kind is not modelled by this verifier`);
        }
        if (val.type !== 'scalar') return val;
      }
      break;
    }
    case 'fp': {
      val = stackAccess(env, reg, regno, aoff, size, access, o);
      if (val && val.type !== 'scalar') return val;
      if (val && size < 8) val = { ...val, s: o.ldsx ? signExtend(val.s, size as 1 | 2 | 4, true) : truncate(val.s, size as 1 | 2 | 4) };
      return val;
    }
    case 'pkt': case 'pkt_meta': {
      if (access === 'write' && !pktWritable(env)) fail('cannot write into packet');
      checkPacketAccess(reg, regno, aoff, size, false);
      if (access === 'read') val = scalarReg(scalarUnknown());
      break;
    }
    case 'sock': case 'sock_common': case 'tcp_sock':
      if (access === 'write') fail(`R${regno} cannot write into ${regTypeStr(reg)}`);
      if (reg.s.smin < 0n) fail(`R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`);
      if (!sockAccessOk(reg.type, aoff, size)) fail(`R${regno} invalid ${regTypeStr(reg)} access off=${aoff} size=${size}`);
      val = scalarReg(scalarUnknown());
      break;
    case 'ptr_':
      val = btfAccess(env, reg, regno, aoff, size, access);
      noteBtfLoad(env, reg);
      if (val.type !== 'scalar') return val;
      break;
    case 'map_ptr': {
      const ms = reg.map ? mapStruct(reg.map.type) : undefined;
      if (!ms) fail(`R${regno} reads of a ${reg.map?.type ?? '?'} map's kernel struct are not modelled by this verifier`);
      if (!env.privileged) fail(`'struct ${ms.name}' access is allowed only to CAP_PERFMON and CAP_SYS_ADMIN`);
      if (aoff < 0) fail(`R${regno} is ${ms.name} invalid negative access: off=${aoff}`);
      if (access !== 'read') fail(`only read from ${ms.name} is supported`);
      val = btfLoaded(env, btfStructAccess(ms.id, aoff, size), 0, undefined);
      if (val.type !== 'scalar') return val;
      break;
    }
    default:
      fail(`R${regno} invalid mem access '${regTypeStr(reg)}'`);
  }
  if (val && val.type === 'scalar' && size < 8) {
    val = { ...val, s: o.ldsx ? signExtend(val.s, size as 1 | 2 | 4, true) : truncate(val.s, size as 1 | 2 | 4) };
  }
  return val;
}

/**
 * BTF_TYPE_SAFE_RCU(struct task_struct): pointer fields the kernel treats as RCU-protected and
 * non-NULL when walked from a trusted or RCU task pointer (6.18 verifier).
 */
const SAFE_RCU: Record<string, readonly string[]> = {
  task_struct: ['cpus_ptr', 'cgroups', 'real_parent', 'group_leader'],
};

/** The register a BTF walk loads (mark_btf_ld_reg with the flags check_ptr_to_btf_access picks). */
function btfLoaded(env: Env, w: WalkResult, parentFlags: number, parent: Reg | undefined): Reg {
  if (w.kind === 'error') fail(w.message);
  if (w.kind === 'scalar') return scalarReg(scalarUnknown());
  if (w.kind === 'untrusted_mem') return ptrReg('mem', { rdonly: true, btfFlags: BTF_UNTRUSTED, memSize: 0 });
  let flags = 0;
  let maybeNull = false;
  const parentOk = parent !== undefined && !parent.maybeNull && !(parentFlags & BTF_UNTRUSTED) && (parentFlags & (BTF_TRUSTED | BTF_RCU)) !== 0;
  const safe = parentOk && parent!.btf ? safeTrusted(parent!.btf.name, w.field) : undefined; // btfCtx.ts
  if (parentFlags & BTF_UNTRUSTED) flags = BTF_UNTRUSTED;
  else if (safe) { flags = BTF_TRUSTED; maybeNull = safe === 'trusted_or_null'; }
  else if (parentOk && parent!.btf && SAFE_RCU[parent!.btf.name]?.includes(w.field)) flags = BTF_RCU;
  const r = ptrReg('ptr_', { btf: w.struct, btfFlags: flags, maybeNull });
  if (maybeNull) r.id = newId(env);
  return r;
}

/** check_ptr_to_btf_access */
function btfAccess(env: Env, reg: Reg, regno: number, off: number, size: number, access: Access): Reg {
  const tname = reg.btf?.name ?? '';
  if (!env.privileged) fail(`'struct ${tname}' access is allowed only to CAP_PERFMON and CAP_SYS_ADMIN`);
  if (off < 0) fail(`R${regno} is ptr_${tname} invalid negative access: off=${off}`);
  if (!scalarIsConst(reg.s) || reg.s.var_off.value !== 0n) fail(`R${regno} is ptr_${tname} invalid variable offset: off=${off}, var_off=${tnumStr(reg.s.var_off)}`);
  if (access !== 'read') fail('only read is supported');
  if (!reg.btf || reg.btf.id < 0) fail(`R${regno} struct ${tname}: its BTF layout is not in this verifier's vmlinux subset (not modelled)`);
  return btfLoaded(env, btfStructAccess(reg.btf.id, off, size), reg.btfFlags, reg);
}

/** bpf_ctx_narrow_access_ok */
function narrowOk(off: number, size: number, fieldSize: number): boolean {
  return (off & (fieldSize - 1)) + size <= fieldSize;
}

/**
 * bpf_sock_is_valid_access / bpf_sock_common_is_valid_access / bpf_tcp_sock_is_valid_access:
 * reads of `struct bpf_sock` (80 bytes) and `struct bpf_tcp_sock` (112 bytes), uapi layouts.
 */
function sockAccessOk(type: 'sock' | 'sock_common' | 'tcp_sock', off: number, size: number): boolean {
  if (type === 'tcp_sock') {
    if (off < 0 || off >= 112 || off % size !== 0) return false;
    return off === 80 || off === 88 ? size === 8 : size === 4; // bytes_received, bytes_acked are u64
  }
  if (off < 0 || off >= 80 || off % size !== 0) return false;
  // sock_common: type, protocol, mark, priority (8..23) are not in struct sock_common.
  if (type === 'sock_common' && off >= 8 && off < 24) return false;
  // state 72, family 4, type 8, protocol 12, src_port 44, rx_queue_mapping 76, src_ip4 24,
  // src_ip6 28..43, dst_ip4 52, dst_ip6 56..71: u32 fields, narrow reads allowed.
  if (off === 72 || off === 4 || off === 8 || off === 12 || off === 44 || off === 76 ||
      (off >= 24 && off < 28) || (off >= 28 && off < 44) || (off >= 52 && off < 56) || (off >= 56 && off < 72)) {
    return narrowOk(off, size, 4);
  }
  if (off >= 48 && off < 50) return narrowOk(off, size, size === 4 ? 4 : 2); // dst_port (__be16 + pad)
  if (off >= 50 && off < 52) return false;
  return size === 4;
}

/** may_access_direct_pkt_data for writes. */
export function pktWritable(env: Env): boolean {
  return env.progType === 'xdp' || env.progType === 'sched_cls' || env.progType === 'sched_act';
}

export function isCtxOrPkt(r: Reg): boolean {
  return r.type === 'ctx' || isPktPointer(r);
}
