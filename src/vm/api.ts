/**
 * What a helper sees while it runs (`VmApi`), and the internal trap a helper (or a VmApi access)
 * uses to stop the program with an oops. Helpers receive r1..r5 as unsigned 64-bit BigInts and
 * return r0; through `vm` they read and write program memory with the same region checks as the
 * program's own loads and stores, allocate regions, and may end the program (`stop`, uBPF's
 * "unwind") or raise an oops.
 *
 * Deliberately not here: any helper implementation (src/kernel/helpers). Provenance: our own design,
 * modelled on rbpf's pluggable helpers (function pointer + VM handle).
 */
import type { Insn } from '../isa/insn.ts';
import type { LdImm64Resolver } from './decode.ts';
import type { Oops } from './types.ts';
import type { Memory, Region, RegionKind, Perm } from './memory.ts';

export interface VmApi {
  readonly memory: Memory;
  /** pc of the call instruction being executed. */
  readonly pc: number;
  /** Current call frame (0 = the program's entry function). */
  readonly frame: number;
  /** Register n (0..10) of the current frame, unsigned 64-bit. */
  reg(n: number): bigint;
  /** Read like a program load: a bad address stops the program with a page-fault oops. */
  read(addr: bigint, size: 1 | 2 | 4 | 8): bigint;
  /** Write like a program store: a bad address stops the program with a page-fault oops. */
  write(addr: bigint, size: 1 | 2 | 4 | 8, value: bigint): void;
  readBytes(addr: bigint, len: number): Uint8Array;
  writeBytes(addr: bigint, data: Uint8Array): void;
  /** Read without faulting (bpf_probe_read_kernel style): undefined when any byte is unmapped. */
  probeRead(addr: bigint, len: number): Uint8Array | undefined;
  /** Map a new region (map values, ring-buffer records, …). */
  alloc(kind: RegionKind, size: number, opts?: { name?: string; perm?: Perm }): Region;
  free(region: Region): void;
  /** End the program now as if the outermost frame executed `exit` with r0 = `r0`. */
  stop(r0: bigint): void;
  /** Stop the program with a helper oops carrying `problem`. */
  oops(problem: string): never;
  /**
   * Run a subprogram of the current program as a callback (bpf_loop, bpf_for_each_map_elem, …):
   * `fn` is its code address (what `ld_imm64` with BPF_PSEUDO_FUNC loads), `args` its r1..r5. It
   * runs in a new frame with its own stack, shares the instruction budget and the trace, and
   * returns its r0. A fault inside stops the whole run with that oops.
   */
  callFunction(fn: bigint, args?: bigint[]): bigint;
  /**
   * bpf_tail_call: replace the running program with `prog` once the helper returns (same frame
   * and stack, r1 unchanged, execution from pc 0). False when MAX_TAIL_CALL_CNT (33) tail calls
   * already happened; the helper then returns and the caller continues after the call.
   */
  tailCall(prog: readonly Insn[], resolve?: LdImm64Resolver): boolean;
}

/** Thrown inside helpers / VmApi to stop the run; caught by the interpreter and turned into an Oops. */
export class VmTrap {
  constructor(
    /** fault / helper: build an oops; nested: a callback's oops, passed on as is; stop: vm.stop in a callback. */
    readonly kind: 'fault' | 'helper' | 'nested' | 'stop',
    readonly detail: {
      problem?: string;
      addr?: bigint;
      size?: number;
      access?: 'read' | 'write' | 'exec';
      reason?: 'unmapped' | 'perm' | 'noncanonical';
      oops?: Oops;
      r0?: bigint;
    },
  ) {}
}

/** What the interpreter lends `makeVmApi`: its live state, as closures. */
export interface ApiHost {
  memory: Memory;
  pc(): number;
  frame(): number;
  reg(r: number): bigint;
  /** Record a memory write in the current trace step (no-op when not tracing). */
  recordWrite(addr: bigint, size: number, value: bigint): void;
  stop(r0: bigint): void;
  callFunction(fn: bigint, args: bigint[]): bigint;
  tailCall(prog: readonly Insn[], resolve?: LdImm64Resolver): boolean;
}

const U64 = (v: bigint) => BigInt.asUintN(64, v);

/** The helper-facing API over the interpreter's state; memory accesses fault like program accesses. */
export function makeVmApi(h: ApiHost): VmApi {
  const mem = h.memory;
  const fault = (addr: bigint, size: number, access: 'read' | 'write', reason: 'unmapped' | 'perm' | 'noncanonical') =>
    new VmTrap('fault', { addr: U64(addr), size, access, reason });
  return {
    memory: mem,
    get pc() { return h.pc(); },
    get frame() { return h.frame(); },
    reg: (r) => h.reg(r),
    read(addr, size) {
      const t = mem.translate(addr, size, false);
      if (!t.ok) throw fault(addr, size, 'read', t.reason);
      return mem.readAt(t.offset, size);
    },
    write(addr, size, value) {
      const t = mem.translate(addr, size, true);
      if (!t.ok) throw fault(addr, size, 'write', t.reason);
      mem.writeAt(t.offset, size, value);
      h.recordWrite(U64(addr), size, BigInt.asUintN(size * 8, value));
    },
    readBytes(addr, len) {
      const t = mem.translate(addr, len, false);
      if (!t.ok) throw fault(addr, len, 'read', t.reason);
      return mem.bytes.slice(t.offset, t.offset + len);
    },
    writeBytes(addr, data) {
      const t = mem.translate(addr, data.length, true);
      if (!t.ok) throw fault(addr, data.length, 'write', t.reason);
      mem.bytes.set(data, t.offset);
      for (let k = 0; k < data.length; k++) h.recordWrite(U64(addr + BigInt(k)), 1, BigInt(data[k]));
    },
    probeRead: (addr, len) => mem.readBytes(addr, len),
    alloc: (kind, size, o) => mem.alloc(kind, size, o),
    free: (region) => mem.freeRegion(region),
    stop: (r0) => h.stop(r0),
    oops(problem): never {
      throw new VmTrap('helper', { problem });
    },
    callFunction: (fn, args = []) => h.callFunction(fn, args),
    tailCall: (prog, resolve) => h.tailCall(prog, resolve),
  };
}
