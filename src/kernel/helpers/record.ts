/**
 * The shape of a helper record as the tables write it (`def(...)`), before protos.ts joins it with
 * its name (names.ts), C prototype (cprotos.ts) and program types (availability.ts).
 *
 * Does: give the table files one compact constructor. Does not: hold any helper facts itself.
 * Provenance: the fields mirror the kernel's `struct bpf_func_proto` (described, not copied).
 */
import type { ProgTypeName } from '../progtypes/ids.ts';

/** Optional facts about a helper; absent means false / none. */
export interface HelperOpts {
  /** gpl_only: refused to programs whose license is not GPL-compatible. */
  readonly gpl?: boolean;
  /** Program types whose variant of this helper is NOT gpl_only although `gpl` is set. */
  readonly notGplIn?: readonly ProgTypeName[];
  /** The returned pointer carries a reference the program must release (sk_lookup_*, ringbuf_reserve...). */
  readonly acquire?: boolean;
  /** 1-based argument that gives a reference back (OBJ_RELEASE on that argument). */
  readonly release?: number;
  /** might_sleep: only sleepable programs (`.s` sections) may call it. */
  readonly sleep?: boolean;
  /** The kernel's bpf_helper_changes_pkt_data(): packet pointers are invalid after the call. */
  readonly pkt?: boolean;
  /** BTF type name of a returned PTR_TO_BTF_ID ('tcp_sock', 'task_struct', ...). */
  readonly retBtf?: string;
  /** 1-based argument whose constant value is the size of the returned memory (ringbuf_reserve: 2). */
  readonly retSize?: number;
  /**
   * How the verifier narrows the scalar it returns: 'size' = [-MAX_ERRNO, the buffer size given],
   * 'cpu' = [0, nr_cpu_ids - 1].
   */
  readonly refine?: 'size' | 'cpu';
  /** Fixed sizes of ARG_PTR_TO_FIXED_SIZE_MEM arguments, by 1-based argument number. */
  readonly sizes?: Readonly<Record<number, number>>;
  /** Per-program-type variant (the kernel picks a different proto for that type). */
  readonly perType?: Partial<Record<ProgTypeName, { readonly ret?: string; readonly args?: readonly string[]; readonly note?: string }>>;
}

/** One table row: what the kernel's proto says, plus our own one-paragraph description. */
export interface HelperDef {
  readonly id: number;
  readonly ret: string;
  readonly args: readonly string[];
  readonly doc: string;
  readonly opts: HelperOpts;
}

/** A table row. `args` lists only the used arguments; the rest are ARG_DONTCARE. */
export function def(id: number, ret: string, args: readonly string[], doc: string, opts: HelperOpts = {}): HelperDef {
  return { id, ret, args, doc, opts };
}

// Short spellings for the table files (the kernel's own names, nothing invented).
export const MAP = 'ARG_CONST_MAP_PTR';
export const KEY = 'ARG_PTR_TO_MAP_KEY';
export const VAL = 'ARG_PTR_TO_MAP_VALUE';
export const CTX = 'ARG_PTR_TO_CTX';
export const ANY = 'ARG_ANYTHING';
export const SIZE = 'ARG_CONST_SIZE';
export const SIZE0 = 'ARG_CONST_SIZE_OR_ZERO';
export const MEM_RO = 'ARG_PTR_TO_MEM | MEM_RDONLY';
export const MEM_RO_NULL = 'ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY';
export const UNINIT = 'ARG_PTR_TO_UNINIT_MEM';
export const LONG_OUT = 'ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED';
export const INT = 'RET_INTEGER';
export const VOID = 'RET_VOID';
export const SKC = 'ARG_PTR_TO_BTF_ID_SOCK_COMMON';
export const BTF = 'ARG_PTR_TO_BTF_ID';
