/**
 * The reference interpreter: one exhaustive switch on the opcode byte (ubpf/rbpf style) over
 * pre-decoded slots (decode.ts), executing every instruction of RFC 9669 plus Linux 6.18's cpu v4
 * additions: sdiv/smod, movsx, MEMSX loads, bswap, gotol (JMP32|JA), JMP32 compares, all atomics
 * (add/or/and/xor with and without fetch, xchg, cmpxchg, 32/64-bit, load-acquire/store-release),
 * ld_imm64, bpf-to-bpf calls, callx and helper calls.
 *
 * Registers are split into two Int32Arrays (high / low 32 bits), so the hot loop never touches
 * BigInt: 64-bit add/sub/shift/compare work on halves, 64-bit multiply uses 16-bit partial
 * products, and only 64-bit division with operands outside the 32-bit range falls back to BigInt.
 *
 * Kernel semantics kept exactly: division by zero gives 0; modulo by zero leaves dst unchanged
 * (the 32-bit forms zero-extend it); sdiv INT_MIN / -1 = INT_MIN and smod INT_MIN % -1 = 0; shift
 * counts are masked (&63 / &31); every 32-bit ALU result is zero-extended; JMP32 compares low
 * halves; `le16`/`le32` truncate (we model a little-endian host); `be*` and `bswap*` swap.
 *
 * Calls: a bpf-to-bpf call (src=1) opens a new frame with its own 512-byte stack (the callee's r10
 * is the top of that stack) and saves r6–r9; `exit` restores them. At most MAX_CALL_FRAMES (8)
 * frames; a deeper call is a `stack` oops. callx (BPF_JMP|BPF_CALL|BPF_X, register in dst) takes
 * either a code address (PROG_TEXT_BASE + 8 * pc, what `ld_imm64` with BPF_PSEUDO_FUNC loads, as in
 * the kernel where a function pointer is an address) → local call, or a small integer that names a
 * helper id (uBPF's convention, used by bpf_conformance's callx.data) → helper call; anything else
 * faults as an instruction fetch from that address. Helpers may run a subprogram as a callback
 * (vm.callFunction: a nested run in the next frame, sharing budget and trace) and request a tail
 * call (vm.tailCall: the program is replaced after the helper returns, same frame, ≤ 33 times).
 *
 * BPF_PROBE_MEM/PROBE_MEMSX loads (0x20/0x40 modes, which only a loader writes: the kernel's rewrite
 * of loads through BTF pointers) read 0 for user-half addresses, and for kernel addresses neither
 * ExecOptions.probeRead (the host's kernel objects) nor the Memory maps — the x86-64 JIT's fixup.
 *
 * Deliberately not here: verification (an unverified program runs, and its faults become simulated
 * oops reports), LD_ABS/LD_IND, kfuncs, arena address-space casts. Provenance: RFC 9669
 * and the kernel's instruction-set document for semantics; the code is our own.
 */
import { MAX_CALL_FRAMES, MAX_BPF_STACK } from '../isa/opcodes.ts';
import { makeVmApi, VmTrap, type VmApi } from './api.ts';
import { bswap16, bswap32, definedWrites, sdivmod64, toBig, udivmod64 } from './arith.ts';
import { decodeProgram, type Decoded } from './decode.ts';
import { PROG_TEXT_BASE, PROG_TEXT_HI, PROG_TEXT_LO, type Memory } from './memory.ts';
import {
  budgetReport, faultReport, helperReport, invalidReport, offEndReport, stackReport,
  type OopsContext,
} from './oops.ts';
import { MAX_TAIL_CALL_CNT, type ExecOptions, type ExecResult, type Oops, type TraceStep } from './types.ts';

export type { HelperFn, Oops, TraceStep, ExecOptions, ExecResult } from './types.ts';
export { MAX_TAIL_CALL_CNT } from './types.ts';

/**
 * Run pre-decoded program `d` over `mem` from `init` registers (r0..r10) until the outermost frame
 * exits, a helper stops it, or it oopses. Never throws for any program or helper behaviour.
 */
export function execute(d: Decoded, mem: Memory, init: bigint[], opts: ExecOptions): ExecResult {
  let n = d.n;
  let CODE = d.code, DST = d.dst, SRC = d.src, OFF = d.off, IMM = d.imm, HI64 = d.hi64;
  /** Switch to another program (tail call, or returning to a caller that was tail-called away from). */
  const load = (x: Decoded) => {
    d = x; n = x.n; CODE = x.code; DST = x.dst; SRC = x.src; OFF = x.off; IMM = x.imm; HI64 = x.hi64;
    CNT = cntOf?.get(x);
  };
  // Exact execution counts (ExecOptions.counts): the current program's counter array, per program.
  let CNT = opts.counts;
  const cntOf = CNT !== undefined || opts.countsOf ? new Map<Decoded, Float64Array | undefined>([[d, CNT]]) : undefined;
  const L = new Int32Array(11);
  const H = new Int32Array(11);
  for (let r = 0; r < 11; r++) {
    const v = BigInt.asUintN(64, init[r] ?? 0n);
    L[r] = Number(v & 0xffffffffn) | 0;
    H[r] = Number(v >> 32n) | 0;
  }
  const budget = opts.budget;
  const helpers = opts.helpers;
  const tracing = opts.trace;
  // Call frames: return pc and saved r6..r10 (hi, lo) per caller.
  const retPc = new Int32Array(MAX_CALL_FRAMES);
  const saved = new Int32Array(MAX_CALL_FRAMES * 10);
  const frameProg: Decoded[] = [];
  const frameBase = opts.nest?.frameBase ?? 0;
  let fd = 0;
  let pc = opts.entryPc ?? 0;
  let steps = opts.nest?.steps ?? 0;
  let view = mem.view;
  let tailCalls = 0;
  let pendingTail: Decoded | undefined;

  // One-entry translation cache (the region of the last access).
  let cHi = 0, cLo = 0, cEnd = -1, cOff = 0, cW = false;
  const xlate = (hi: number, lo: number, size: number, write: boolean): number => {
    const l = lo >>> 0;
    if (hi === cHi && l >= cLo && l + size <= cEnd && (cW || !write)) return cOff + (l - cLo);
    const rs = mem.regions;
    for (let k = 0; k < rs.length; k++) {
      const r = rs[k];
      if ((r.hi | 0) !== hi) continue;
      const dd = l - r.lo;
      if (dd >= 0 && dd + size <= r.size) {
        cHi = hi; cLo = r.lo; cEnd = r.lo + r.size; cOff = r.offset; cW = r.perm === 'rw';
        if (write && !cW) return -2;
        return r.offset + dd;
      }
    }
    return -1;
  };

  // Tracing state.
  const trace: TraceStep[] | undefined = tracing ? (opts.nest?.trace ?? []) : undefined;
  let cur: TraceStep | undefined;
  let curWrites = 0;
  const prevL = new Int32Array(11), prevH = new Int32Array(11);
  const finishStep = () => {
    if (!cur) return;
    for (let r = 0; r < 11; r++) {
      if (L[r] !== prevL[r] || H[r] !== prevH[r] || (curWrites >> r) & 1) cur.regs.push([r, toBig(H[r], L[r])]);
    }
    cur = undefined;
  };

  let oops: Oops | undefined;
  let exited = false;
  let stopR0: bigint | undefined;

  const regsNow = (): bigint[] => Array.from({ length: 11 }, (_, r) => toBig(H[r], L[r]));
  const ctx = (): OopsContext => {
    const callers: number[] = [];
    for (let k = fd - 1; k >= 0; k--) callers.push(retPc[k] - 1);
    callers.push(...(opts.nest?.callers ?? []));
    return { pc, nInsns: n, regs: regsNow(), callers, frame: frameBase + fd };
  };
  const fault = (hi: number, lo: number, size: number, access: 'read' | 'write') => {
    const addr = toBig(hi, lo);
    const t = mem.translate(addr, size, access === 'write');
    const reason = t.ok ? 'unmapped' : t.reason;
    oops = { kind: 'fault', pc, address: addr, message: faultReport(ctx(), mem, addr, size, access, reason) };
  };
  const fromTrap = (t: unknown, id: number) => {
    if (t instanceof VmTrap) {
      if (t.kind === 'nested') {
        oops = t.detail.oops;
      } else if (t.kind === 'fault') {
        const dt = t.detail;
        oops = {
          kind: 'fault', pc, address: dt.addr,
          message: faultReport(ctx(), mem, dt.addr ?? 0n, dt.size ?? 1, dt.access ?? 'read', dt.reason ?? 'unmapped'),
        };
      } else {
        oops = { kind: 'helper', pc, message: helperReport(ctx(), id, opts.helperName?.(id), t.detail.problem ?? 'failed') };
      }
    } else {
      const msg = t instanceof Error ? t.message : String(t);
      oops = { kind: 'helper', pc, message: helperReport(ctx(), id, opts.helperName?.(id), `the helper's implementation threw: ${msg}`) };
    }
  };

  // The API handed to helpers (api.ts builds the memory-access part).
  const api: VmApi = makeVmApi({
    memory: mem,
    pc: () => pc,
    frame: () => frameBase + fd,
    reg: (r) => toBig(H[r], L[r]),
    recordWrite: (addr, size, value) => { if (cur) cur.mem.push({ addr, size, value }); },
    stop: (r0) => { stopR0 = BigInt.asUintN(64, r0); },
    callFunction(fn, args) {
      const a = BigInt.asUintN(64, fn);
      const rel = a - PROG_TEXT_BASE;
      if (rel < 0n || rel % 8n !== 0n || rel / 8n >= BigInt(n)) {
        throw new VmTrap('fault', { addr: a, size: 8, access: 'exec', reason: 'unmapped' });
      }
      const frame = frameBase + fd + 1;
      if (frame >= MAX_CALL_FRAMES) {
        throw new VmTrap('nested', { oops: { kind: 'stack', pc, message: stackReport(ctx(), mem.stack(frameBase + fd).base - 8n, MAX_CALL_FRAMES) } });
      }
      const st = mem.stack(frame, MAX_BPF_STACK);
      mem.bytes.fill(0, st.offset, st.offset + st.size);
      const regs: bigint[] = [0n, ...[0, 1, 2, 3, 4].map((k) => args[k] ?? 0n), 0n, 0n, 0n, 0n, st.base + BigInt(st.size)];
      const nest = { frameBase: frame, steps, trace, callers: [pc, ...ctx().callers] };
      const sub = execute(d, mem, regs, { ...opts, counts: CNT, entryPc: Number(rel / 8n), nest });
      steps = sub.steps;
      view = mem.view;
      cEnd = -1;
      if (sub.oops) throw new VmTrap('nested', { oops: sub.oops });
      if (sub.stopped) throw new VmTrap('stop', { r0: sub.r0 });
      return sub.r0;
    },
    tailCall(prog, resolve) {
      if (tailCalls >= MAX_TAIL_CALL_CNT) return false;
      tailCalls++;
      pendingTail = decodeProgram(prog, resolve);
      cntOf?.set(pendingTail, opts.countsOf?.(prog));
      return true;
    },
  });

  /**
   * Call helper `id` with r1..r5: 0 = the run must stop (oops or stop()), 1 = continue after the
   * call, 2 = a tail call was taken (the new program is loaded and pc = 0).
   */
  const callHelper = (id: number): 0 | 1 | 2 => {
    const fn = helpers[id];
    if (!fn) {
      const name = opts.helperName?.(id);
      oops = { kind: 'helper', pc, message: helperReport(ctx(), id, name, `helper ${name ?? '#' + id} is not available in this run`) };
      return 0;
    }
    let r: bigint;
    try {
      r = fn(api, toBig(H[1], L[1]), toBig(H[2], L[2]), toBig(H[3], L[3]), toBig(H[4], L[4]), toBig(H[5], L[5]));
      if (typeof r !== 'bigint') throw new Error(`returned ${typeof r}, not a bigint`);
    } catch (t) {
      if (t instanceof VmTrap && t.kind === 'stop') stopR0 = t.detail.r0 ?? 0n;
      else {
        fromTrap(t, id);
        return 0;
      }
      r = 0n;
    }
    view = mem.view; // the memory may have grown
    cEnd = -1; // regions may have changed
    if (stopR0 !== undefined) {
      L[0] = Number(stopR0 & 0xffffffffn) | 0;
      H[0] = Number(stopR0 >> 32n) | 0;
      exited = true;
      return 0;
    }
    const v = BigInt.asUintN(64, r);
    L[0] = Number(v & 0xffffffffn) | 0;
    H[0] = Number(v >> 32n) | 0;
    if (pendingTail) {
      load(pendingTail);
      pendingTail = undefined;
      pc = 0;
      return 2;
    }
    return 1;
  };

  /** Enter a subprogram at `target`; false on too-deep calls. */
  const callLocal = (target: number): boolean => {
    if (frameBase + fd + 1 >= MAX_CALL_FRAMES) {
      oops = { kind: 'stack', pc, message: stackReport(ctx(), mem.stack(frameBase + fd).base - 8n, MAX_CALL_FRAMES) };
      return false;
    }
    retPc[fd] = pc + 1;
    frameProg[fd] = d;
    const b = fd * 10;
    for (let r = 6; r <= 10; r++) { saved[b + (r - 6) * 2] = H[r]; saved[b + (r - 6) * 2 + 1] = L[r]; }
    fd++;
    const st = mem.stack(frameBase + fd, MAX_BPF_STACK);
    view = mem.view;
    mem.bytes.fill(0, st.offset, st.offset + st.size);
    const top = st.base + BigInt(st.size);
    L[10] = Number(top & 0xffffffffn) | 0;
    H[10] = Number(top >> 32n) | 0;
    pc = target;
    return true;
  };

  run: for (;;) {
    if (pc >>> 0 >= n) {
      const target = pc;
      pc = Math.max(0, Math.min(n - 1, pc));
      oops = { kind: 'invalid', pc: target, message: offEndReport({ ...ctx(), pc: target }, target) };
      break;
    }
    if (steps >= budget) {
      oops = { kind: 'budget', pc, message: budgetReport(ctx(), budget) };
      break;
    }
    steps++;
    if (CNT !== undefined) CNT[pc]++;
    const c = CODE[pc];
    const dr = DST[pc];
    const sr = SRC[pc];
    if (tracing) {
      finishStep();
      prevL.set(L); prevH.set(H);
      curWrites = definedWrites(c, dr, sr, IMM[pc]);
      cur = { pc, frame: frameBase + fd, regs: [], mem: [] };
      if (tailCalls) cur.prog = tailCalls;
      trace!.push(cur);
    }
    // Second operand: register (BPF_X) or sign-extended immediate (BPF_K).
    let bl: number, bh: number;
    if (c & 8) { bl = L[sr]; bh = H[sr]; } else { bl = IMM[pc]; bh = bl >> 31; }
    switch (c) {
      // ---------------- ALU64 ----------------
      case 0x07: case 0x0f: { // add
        const s = (L[dr] >>> 0) + (bl >>> 0);
        L[dr] = s | 0;
        H[dr] = (H[dr] + bh + (s > 0xffffffff ? 1 : 0)) | 0;
        break;
      }
      case 0x17: case 0x1f: { // sub
        const s = (L[dr] >>> 0) - (bl >>> 0);
        L[dr] = s | 0;
        H[dr] = (H[dr] - bh - (s < 0 ? 1 : 0)) | 0;
        break;
      }
      case 0x27: case 0x2f: { // mul (low 64 bits of the product)
        const al = L[dr], ah = H[dr];
        const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
        const p01 = a0 * b1, p10 = a1 * b0, p00 = a0 * b0;
        const carry = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
        const hiPart = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (carry >>> 16);
        L[dr] = Math.imul(al, bl);
        H[dr] = (hiPart + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
        break;
      }
      case 0x37: case 0x3f: // div / sdiv
      case 0x97: case 0x9f: { // mod / smod
        const isMod = c >= 0x97;
        const ah = H[dr], al = L[dr];
        if (bl === 0 && bh === 0) {
          if (!isMod) { L[dr] = 0; H[dr] = 0; }
          break;
        }
        if (OFF[pc] === 0) {
          if (ah === 0 && bh === 0) {
            const a = al >>> 0, b = bl >>> 0;
            L[dr] = (isMod ? a % b : Math.floor(a / b)) | 0;
          } else {
            const v = udivmod64(ah, al, bh, bl, isMod);
            L[dr] = Number(v & 0xffffffffn) | 0;
            H[dr] = Number(v >> 32n) | 0;
          }
        } else if (ah === al >> 31 && bh === bl >> 31) {
          const q = isMod ? al % bl : Math.trunc(al / bl);
          L[dr] = q | 0;
          H[dr] = q < 0 ? -1 : 0;
        } else {
          const v = sdivmod64(ah, al, bh, bl, isMod);
          L[dr] = Number(v & 0xffffffffn) | 0;
          H[dr] = Number(v >> 32n) | 0;
        }
        break;
      }
      case 0x47: case 0x4f: L[dr] |= bl; H[dr] |= bh; break; // or
      case 0x57: case 0x5f: L[dr] &= bl; H[dr] &= bh; break; // and
      case 0xa7: case 0xaf: L[dr] ^= bl; H[dr] ^= bh; break; // xor
      case 0x67: case 0x6f: { // lsh
        const k = bl & 63;
        if (k === 0) break;
        if (k < 32) { H[dr] = (H[dr] << k) | (L[dr] >>> (32 - k)); L[dr] = L[dr] << k; }
        else { H[dr] = L[dr] << (k - 32); L[dr] = 0; }
        break;
      }
      case 0x77: case 0x7f: { // rsh
        const k = bl & 63;
        if (k === 0) break;
        if (k < 32) { L[dr] = (L[dr] >>> k) | (H[dr] << (32 - k)); H[dr] = H[dr] >>> k; }
        else { L[dr] = H[dr] >>> (k - 32); H[dr] = 0; }
        break;
      }
      case 0xc7: case 0xcf: { // arsh
        const k = bl & 63;
        if (k === 0) break;
        if (k < 32) { L[dr] = (L[dr] >>> k) | (H[dr] << (32 - k)); H[dr] = H[dr] >> k; }
        else { L[dr] = H[dr] >> (k - 32); H[dr] = H[dr] >> 31; }
        break;
      }
      case 0x87: { // neg
        const al = L[dr];
        L[dr] = -al | 0;
        H[dr] = al === 0 ? -H[dr] | 0 : ~H[dr];
        break;
      }
      case 0xb7: L[dr] = bl; H[dr] = bh; break; // mov imm
      case 0xbf: { // mov / movsx
        const o = OFF[pc];
        if (o === 0) { L[dr] = bl; H[dr] = bh; }
        else if (o === 8) { const v = (bl << 24) >> 24; L[dr] = v; H[dr] = v >> 31; }
        else if (o === 16) { const v = (bl << 16) >> 16; L[dr] = v; H[dr] = v >> 31; }
        else { L[dr] = bl; H[dr] = bl >> 31; }
        break;
      }
      case 0xd7: // bswap16/32/64 (unconditional)
      case 0xdc: { // be16/32/64 (a swap on our little-endian host)
        const w = IMM[pc];
        if (w === 16) { L[dr] = bswap16(L[dr]); H[dr] = 0; }
        else if (w === 32) { L[dr] = bswap32(L[dr]); H[dr] = 0; }
        else { const t = bswap32(L[dr]); L[dr] = bswap32(H[dr]); H[dr] = t; }
        break;
      }
      case 0xd4: { // le16/32/64 (truncation on a little-endian host)
        const w = IMM[pc];
        if (w === 16) { L[dr] &= 0xffff; H[dr] = 0; }
        else if (w === 32) H[dr] = 0;
        break;
      }
      // ---------------- ALU (32-bit, result zero-extended) ----------------
      case 0x04: case 0x0c: L[dr] = (L[dr] + bl) | 0; H[dr] = 0; break;
      case 0x14: case 0x1c: L[dr] = (L[dr] - bl) | 0; H[dr] = 0; break;
      case 0x24: case 0x2c: L[dr] = Math.imul(L[dr], bl); H[dr] = 0; break;
      case 0x34: case 0x3c: { // div32 / sdiv32
        const a = L[dr];
        if (bl === 0) L[dr] = 0;
        else if (OFF[pc] === 0) L[dr] = Math.floor((a >>> 0) / (bl >>> 0)) | 0;
        else L[dr] = (a / bl) | 0; // INT_MIN / -1 = 2^31 wraps to INT_MIN
        H[dr] = 0;
        break;
      }
      case 0x94: case 0x9c: { // mod32 / smod32
        const a = L[dr];
        if (bl !== 0) L[dr] = OFF[pc] === 0 ? ((a >>> 0) % (bl >>> 0)) | 0 : (a % bl) | 0;
        H[dr] = 0;
        break;
      }
      case 0x44: case 0x4c: L[dr] |= bl; H[dr] = 0; break;
      case 0x54: case 0x5c: L[dr] &= bl; H[dr] = 0; break;
      case 0xa4: case 0xac: L[dr] ^= bl; H[dr] = 0; break;
      case 0x64: case 0x6c: L[dr] = L[dr] << (bl & 31); H[dr] = 0; break;
      case 0x74: case 0x7c: L[dr] = L[dr] >>> (bl & 31); H[dr] = 0; break;
      case 0xc4: case 0xcc: L[dr] = L[dr] >> (bl & 31); H[dr] = 0; break;
      case 0x84: L[dr] = -L[dr] | 0; H[dr] = 0; break;
      case 0xb4: L[dr] = bl; H[dr] = 0; break;
      case 0xbc: {
        const o = OFF[pc];
        L[dr] = o === 8 ? (bl << 24) >> 24 : o === 16 ? (bl << 16) >> 16 : bl;
        H[dr] = 0;
        break;
      }
      // ---------------- JMP (64-bit compares) ----------------
      case 0x05: pc += OFF[pc]; break;
      case 0x15: case 0x1d: if (L[dr] === bl && H[dr] === bh) pc += OFF[pc]; break;
      case 0x55: case 0x5d: if (L[dr] !== bl || H[dr] !== bh) pc += OFF[pc]; break;
      case 0x25: case 0x2d: { const ah = H[dr] >>> 0, b = bh >>> 0; if (ah > b || (ah === b && L[dr] >>> 0 > bl >>> 0)) pc += OFF[pc]; break; }
      case 0x35: case 0x3d: { const ah = H[dr] >>> 0, b = bh >>> 0; if (ah > b || (ah === b && L[dr] >>> 0 >= bl >>> 0)) pc += OFF[pc]; break; }
      case 0xa5: case 0xad: { const ah = H[dr] >>> 0, b = bh >>> 0; if (ah < b || (ah === b && L[dr] >>> 0 < bl >>> 0)) pc += OFF[pc]; break; }
      case 0xb5: case 0xbd: { const ah = H[dr] >>> 0, b = bh >>> 0; if (ah < b || (ah === b && L[dr] >>> 0 <= bl >>> 0)) pc += OFF[pc]; break; }
      case 0x65: case 0x6d: { const ah = H[dr]; if (ah > bh || (ah === bh && L[dr] >>> 0 > bl >>> 0)) pc += OFF[pc]; break; }
      case 0x75: case 0x7d: { const ah = H[dr]; if (ah > bh || (ah === bh && L[dr] >>> 0 >= bl >>> 0)) pc += OFF[pc]; break; }
      case 0xc5: case 0xcd: { const ah = H[dr]; if (ah < bh || (ah === bh && L[dr] >>> 0 < bl >>> 0)) pc += OFF[pc]; break; }
      case 0xd5: case 0xdd: { const ah = H[dr]; if (ah < bh || (ah === bh && L[dr] >>> 0 <= bl >>> 0)) pc += OFF[pc]; break; }
      case 0x45: case 0x4d: if ((L[dr] & bl) !== 0 || (H[dr] & bh) !== 0) pc += OFF[pc]; break;
      // ---------------- JMP32 (low halves) ----------------
      case 0x06: pc += IMM[pc]; break; // gotol
      case 0x16: case 0x1e: if (L[dr] === bl) pc += OFF[pc]; break;
      case 0x56: case 0x5e: if (L[dr] !== bl) pc += OFF[pc]; break;
      case 0x26: case 0x2e: if (L[dr] >>> 0 > bl >>> 0) pc += OFF[pc]; break;
      case 0x36: case 0x3e: if (L[dr] >>> 0 >= bl >>> 0) pc += OFF[pc]; break;
      case 0xa6: case 0xae: if (L[dr] >>> 0 < bl >>> 0) pc += OFF[pc]; break;
      case 0xb6: case 0xbe: if (L[dr] >>> 0 <= bl >>> 0) pc += OFF[pc]; break;
      case 0x66: case 0x6e: if (L[dr] > bl) pc += OFF[pc]; break;
      case 0x76: case 0x7e: if (L[dr] >= bl) pc += OFF[pc]; break;
      case 0xc6: case 0xce: if (L[dr] < bl) pc += OFF[pc]; break;
      case 0xd6: case 0xde: if (L[dr] <= bl) pc += OFF[pc]; break;
      case 0x46: case 0x4e: if ((L[dr] & bl) !== 0) pc += OFF[pc]; break;
      // ---------------- calls and exit ----------------
      case 0x85: {
        if (sr === 1) {
          if (!callLocal(pc + 1 + IMM[pc])) break run;
          continue;
        }
        const h = callHelper(IMM[pc]);
        if (h === 0) break run;
        if (h === 2) continue;
        break;
      }
      case 0x8d: { // callx: the target register is in dst
        const th = H[dr], tl = L[dr];
        const rel = (tl >>> 0) - PROG_TEXT_LO;
        if (th >>> 0 === PROG_TEXT_HI && rel >= 0 && rel % 8 === 0 && rel / 8 < n) {
          if (!callLocal(rel / 8)) break run;
          continue;
        }
        if (th === 0 && tl >= 0 && tl < 4096) { // a helper id (uBPF convention); addresses below 4096 never map
          const h = callHelper(tl);
          if (h === 0) break run;
          if (h === 2) continue;
          break;
        }
        const addr = toBig(th, tl);
        oops = { kind: 'fault', pc, address: addr, message: faultReport(ctx(), mem, addr, 8, 'exec', addr >> 47n === 0n || addr >> 47n === 0x1ffffn ? 'unmapped' : 'noncanonical') };
        break run;
      }
      case 0x95: { // exit
        if (fd === 0) { exited = true; break run; }
        fd--;
        const b = fd * 10;
        for (let r = 6; r <= 10; r++) { H[r] = saved[b + (r - 6) * 2]; L[r] = saved[b + (r - 6) * 2 + 1]; }
        pc = retPc[fd];
        if (frameProg[fd] !== d) load(frameProg[fd]);
        continue;
      }
      // ---------------- ld_imm64 ----------------
      case 0x18: L[dr] = IMM[pc]; H[dr] = HI64[pc]; pc += 2; continue;
      // ---------------- loads ----------------
      case 0x61: case 0x69: case 0x71: case 0x79: // ldx{w,h,b,dw}
      case 0x81: case 0x89: case 0x91: { // ldxs{w,h,b}
        const size = c === 0x79 ? 8 : (c & 0x18) === 0 ? 4 : (c & 0x18) === 0x08 ? 2 : 1;
        const s = (L[sr] >>> 0) + OFF[pc];
        const ahi = (H[sr] + (s > 0xffffffff ? 1 : s < 0 ? -1 : 0)) | 0;
        const o = xlate(ahi, s | 0, size, false);
        if (o < 0) { fault(ahi, s | 0, size, 'read'); break run; }
        switch (c) {
          case 0x61: L[dr] = view.getInt32(o, true); H[dr] = 0; break;
          case 0x69: L[dr] = view.getUint16(o, true); H[dr] = 0; break;
          case 0x71: L[dr] = view.getUint8(o); H[dr] = 0; break;
          case 0x79: L[dr] = view.getInt32(o, true); H[dr] = view.getInt32(o + 4, true); break;
          case 0x81: { const v = view.getInt32(o, true); L[dr] = v; H[dr] = v >> 31; break; }
          case 0x89: { const v = view.getInt16(o, true); L[dr] = v; H[dr] = v >> 31; break; }
          default: { const v = view.getInt8(o); L[dr] = v; H[dr] = v >> 31; break; }
        }
        break;
      }
      // ---------------- probe loads (BPF_PROBE_MEM / BPF_PROBE_MEMSX) ----------------
      case 0x21: case 0x29: case 0x31: case 0x39: case 0x41: case 0x49: case 0x51: {
        // x86-64 JIT semantics: an address below the kernel half or in the vsyscall page reads 0
        // without touching memory; a kernel address is loaded, and a fault reads 0 (extable fixup).
        const size = (c & 0x18) === 0x18 ? 8 : (c & 0x18) === 0 ? 4 : (c & 0x18) === 0x08 ? 2 : 1;
        const s = (L[sr] >>> 0) + OFF[pc];
        const ahi = (H[sr] + (s > 0xffffffff ? 1 : s < 0 ? -1 : 0)) | 0;
        const alo = s >>> 0;
        const kernel = (ahi >>> 0) >= 0xffff8000 && !((ahi >>> 0) === 0xffffffff && alo >= 0xff600000);
        let lo = 0, hi = 0;
        if (kernel) {
          const b = opts.probeRead?.(toBig(ahi, alo), size);
          if (b && b.length >= size) {
            for (let k = Math.min(size, 4) - 1; k >= 0; k--) lo = (lo << 8) | b[k];
            for (let k = size - 1; k >= 4; k--) hi = (hi << 8) | b[k];
          } else {
            const o = xlate(ahi, alo | 0, size, false);
            if (o >= 0) {
              lo = size === 1 ? view.getUint8(o) : size === 2 ? view.getUint16(o, true) : view.getInt32(o, true);
              if (size === 8) hi = view.getInt32(o + 4, true);
            }
          }
        }
        if ((c & 0xe0) === 0x40) { // sign-extending
          if (size === 1) lo = (lo << 24) >> 24; else if (size === 2) lo = (lo << 16) >> 16;
          hi = lo >> 31;
        }
        L[dr] = lo | 0; H[dr] = size === 8 || (c & 0xe0) === 0x40 ? hi | 0 : 0;
        break;
      }
      // ---------------- stores ----------------
      case 0x62: case 0x6a: case 0x72: case 0x7a: // st{w,h,b,dw} imm
      case 0x63: case 0x6b: case 0x73: case 0x7b: { // stx{w,h,b,dw}
        const size = (c & 0x18) === 0x18 ? 8 : (c & 0x18) === 0 ? 4 : (c & 0x18) === 0x08 ? 2 : 1;
        const s = (L[dr] >>> 0) + OFF[pc];
        const ahi = (H[dr] + (s > 0xffffffff ? 1 : s < 0 ? -1 : 0)) | 0;
        const o = xlate(ahi, s | 0, size, true);
        if (o < 0) { fault(ahi, s | 0, size, 'write'); break run; }
        let vl: number, vh: number;
        if (c & 1) { vl = L[sr]; vh = H[sr]; } else { vl = IMM[pc]; vh = vl >> 31; }
        if (size === 8) { view.setInt32(o, vl, true); view.setInt32(o + 4, vh, true); }
        else if (size === 4) view.setInt32(o, vl, true);
        else if (size === 2) view.setUint16(o, vl & 0xffff, true);
        else view.setUint8(o, vl & 0xff);
        if (cur) cur.mem.push({ addr: toBig(ahi, s), size, value: size === 8 ? toBig(vh, vl) : BigInt((size === 4 ? vl : vl & (size === 2 ? 0xffff : 0xff)) >>> 0) });
        break;
      }
      // ---------------- atomics ----------------
      case 0xc3: case 0xdb: case 0xcb: case 0xd3: {
        const size = c === 0xdb ? 8 : c === 0xc3 ? 4 : c === 0xcb ? 2 : 1;
        const op = IMM[pc];
        if (op === 0x100) { // load-acquire: dst = *(size *)(src + off)
          const s = (L[sr] >>> 0) + OFF[pc];
          const ahi = (H[sr] + (s > 0xffffffff ? 1 : s < 0 ? -1 : 0)) | 0;
          const o = xlate(ahi, s | 0, size, false);
          if (o < 0) { fault(ahi, s | 0, size, 'read'); break run; }
          L[dr] = size === 8 || size === 4 ? view.getInt32(o, true) : size === 2 ? view.getUint16(o, true) : view.getUint8(o);
          H[dr] = size === 8 ? view.getInt32(o + 4, true) : 0;
          break;
        }
        const s = (L[dr] >>> 0) + OFF[pc];
        const ahi = (H[dr] + (s > 0xffffffff ? 1 : s < 0 ? -1 : 0)) | 0;
        const o = xlate(ahi, s | 0, size, true);
        if (o < 0) { fault(ahi, s | 0, size, 'write'); break run; }
        const vl = L[sr], vh = H[sr];
        let nl: number, nh = 0;
        if (op === 0x110) { // store-release
          if (size === 8) { view.setInt32(o, vl, true); view.setInt32(o + 4, vh, true); }
          else if (size === 4) view.setInt32(o, vl, true);
          else if (size === 2) view.setUint16(o, vl & 0xffff, true);
          else view.setUint8(o, vl & 0xff);
          if (cur) cur.mem.push({ addr: toBig(ahi, s), size, value: BigInt.asUintN(size * 8, toBig(vh, vl)) });
          break;
        }
        const ol = view.getInt32(o, true);
        const oh = size === 8 ? view.getInt32(o + 4, true) : 0;
        let store = true;
        switch (op & ~1) {
          case 0x00: { // add
            if (size === 8) { const t = (ol >>> 0) + (vl >>> 0); nl = t | 0; nh = (oh + vh + (t > 0xffffffff ? 1 : 0)) | 0; }
            else nl = (ol + vl) | 0;
            break;
          }
          case 0x40: nl = ol | vl; nh = oh | vh; break;
          case 0x50: nl = ol & vl; nh = oh & vh; break;
          case 0xa0: nl = ol ^ vl; nh = oh ^ vh; break;
          case 0xe0: nl = vl; nh = vh; break; // xchg
          default: { // 0xf0 cmpxchg: compare with r0, r0 gets the old value
            const eq = size === 8 ? L[0] === ol && H[0] === oh : L[0] === ol;
            store = eq;
            nl = vl; nh = vh;
            L[0] = ol; H[0] = oh;
            break;
          }
        }
        if (store) {
          view.setInt32(o, nl, true);
          if (size === 8) view.setInt32(o + 4, nh, true);
          if (cur) cur.mem.push({ addr: toBig(ahi, s), size, value: size === 8 ? toBig(nh, nl) : BigInt(nl >>> 0) });
        }
        if ((op & 1) && op !== 0xf1) { L[sr] = ol; H[sr] = oh; } // fetch / xchg: src gets the old value
        break;
      }
      default: {
        const why = d.bad[pc] ?? `unknown opcode 0x${c.toString(16).padStart(2, '0')}`;
        oops = { kind: 'invalid', pc, message: invalidReport(ctx(), d.raw[pc], why) };
        break run;
      }
    }
    pc++;
  }
  if (tracing) {
    if (oops) curWrites = 0; // the stopping instruction wrote no register
    finishStep();
  }
  return {
    r0: toBig(H[0], L[0]),
    exited,
    oops,
    steps,
    trace: opts.nest ? undefined : trace,
    regs: regsNow(),
    stopped: stopR0 !== undefined,
  };
}
