/**
 * BpfObject: the exchange format between the C compiler, the assembler, the ELF reader/writer
 * and the loader. Types only — no behaviour lives here.
 *
 * A BpfObject is what a relocatable `.o` from `clang -target bpf` holds, stripped to what the
 * playground needs: programs by section with unresolved relocations, map definitions, global data
 * sections and the license. The loader (a later issue) creates maps, patches relocations and hands
 * `Insn[]` to the verifier; the ELF writer turns the same object into a `.o` bpftool loads.
 *
 * Does: describe the shape and its invariants, including the CO-RE relocations and the C types
 * they name (optional fields). Does not: the full BTF of a program, or anything about how maps
 * are created.
 * Provenance: the field meanings follow libbpf's model of an object file (programs = ELF sections
 * of executable code, maps = `.maps`/`maps` section entries, `.data`/`.rodata`/`.bss` as
 * single-entry array maps); names of map types are the kernel's `BPF_MAP_TYPE_*` suffixes,
 * lower-cased.
 */
import type { Insn } from './insn.ts';

/** One compiled object file (one translation unit). */
export interface BpfObject {
  /** Programs in source order; several may share nothing but maps and global data. */
  programs: BpfProgram[];
  /** Map definitions from `SEC(".maps")` (BTF-style) and legacy `SEC("maps")`. Source order. */
  maps: BpfMapDef[];
  /**
   * Global data sections, as libbpf turns them into single-element array maps
   * (`.data`, `.rodata`, `.bss`). Only present sections are listed.
   */
  globals: BpfGlobalSection[];
  /** The `char LICENSE[] SEC("license")` string without its NUL; '' when there is none. */
  license: string;
  /**
   * Optional: C types the CO-RE relocations refer to, BTF-style. `types[i]` has id `i + 1`
   * (0 is void), as in `.BTF`; the ELF writer emits them into `.BTF`.
   */
  types?: BtfTypeDesc[];
  /**
   * Optional: `extern` variables the programs read (`__kconfig`, `__ksym`), as libbpf collects
   * them from the undefined symbols of the `.o`. Code refers to a `.kconfig` one by a `data`
   * relocation whose `symbol` is `.kconfig` and whose `extern` names the variable; the loader
   * creates the read-only `.kconfig` array map and fills it from the kernel's configuration.
   */
  externs?: BpfExtern[];
}

/**
 * An `extern` the object leaves to the loader (libbpf's `struct extern_desc`): a Kconfig value
 * (`extern int CONFIG_HZ __kconfig;`, section `.kconfig`) or a kernel symbol (`__ksym`, section
 * `.ksyms`). `type` is its C type in `BpfObject.types` (0: void, a typeless ksym); `weak` (`__weak`):
 * an unknown value loads as 0 instead of failing. For `.kconfig`, `kcfg` is how libbpf parses the
 * value (bool, tristate = `enum libbpf_tristate`, char, int, char array), and `offset` the byte
 * offset libbpf gives it in the `.kconfig` map (externs sorted by alignment descending, then size,
 * then name).
 */
export interface BpfExtern {
  name: string;
  section: '.kconfig' | '.ksyms';
  weak: boolean;
  type: number;
  size: number;
  align: number;
  kcfg?: 'bool' | 'tristate' | 'char' | 'int' | 'char_arr' | 'unknown';
  /** For `kcfg: 'int'`: a signed integer type. */
  signed?: boolean;
  offset?: number;
  /** For a `.ksyms` function (a kfunc declared `extern … __ksym`): true. */
  func?: boolean;
  /** For a kfunc: its prototype, return and parameter types as ids in `BpfObject.types` (0 void). */
  proto?: { ret: number; params: number[] };
}

/**
 * A C type as BTF describes it (Documentation/bpf/btf.rst), ids referring into
 * `BpfObject.types` (1-based, 0 = void). Function pointers are described as `void *`.
 */
export type BtfTypeDesc =
  | { kind: 'int'; name: string; size: number; signed: boolean; bool?: boolean }
  | { kind: 'ptr'; to: number }
  | { kind: 'array'; of: number; len: number }
  | { kind: 'struct' | 'union'; name: string; size: number; members: { name: string; type: number; bitOffset: number; bitSize?: number }[] }
  | { kind: 'fwd'; name: string; union: boolean }
  | { kind: 'enum'; name: string; size: number; signed: boolean; values: { name: string; value: number }[] };

/**
 * A CO-RE relocation (`struct bpf_core_relo`): the instruction at `pc` holds a value computed
 * from local type `type` (an id into `BpfObject.types`) along `access` ("0:3:1": array index,
 * then member indices), of kind `kind` (`enum bpf_core_relo_kind`: 0 field byte offset,
 * 1 byte size, 2 field exists, 3 signed, 4 lshift_u64, 5 rshift_u64, 6 local type id,
 * 7 target type id, 8 type exists, 9 type size, 10 enumval exists, 11 enumval value,
 * 12 type matches). The loader (libbpf) rewrites the instruction's offset or immediate for the
 * running kernel; with our vmlinux.h's layouts the local value is already the 6.18 one.
 */
export interface CoreReloc {
  pc: number;
  type: number;
  access: string;
  kind: number;
}

/** One program: the code of one function placed in a `SEC("...")`. */
export interface BpfProgram {
  /** The C function name (`xdp_prog`). */
  name: string;
  /** The ELF section name exactly as written in `SEC("...")` (`xdp`, `kprobe/do_unlinkat`). */
  section: string;
  /**
   * The instructions, one slot per entry, as the kernel stores them (see `insn.ts`): an
   * `ld_imm64` takes two slots. Slots named by a relocation hold placeholders (imm 0, src 0)
   * until the loader patches them.
   */
  insns: Insn[];
  /** What the loader must patch, in increasing `pc` order. */
  relocations: BpfReloc[];
  /** Exactly one entry per slot (`lineInfo.length === insns.length`): where it came from. */
  lineInfo: LineInfo[];
  /**
   * bpf-to-bpf subprograms (`__noinline` functions) this program calls, already appended to
   * `insns` after the entry function, each once, with their start pc. Absent when there are none.
   */
  subprograms?: { name: string; pc: number; global?: GlobalFunc }[];
  /** Optional: CO-RE relocations, in increasing `pc` order (see `CoreReloc`). */
  coreRelocs?: CoreReloc[];
}

/**
 * Optional, on a subprogram: it is a global function (a non-static `__noinline` function, BTF
 * FUNC linkage global). The kernel verifies a global function once, on its own, trusting its BTF
 * parameter types, instead of walking it at each call with the caller's registers.
 */
export interface GlobalFunc {
  params: GlobalFuncParam[];
}

/**
 * A global function's parameter as BTF declares it: an integer (`scalar`, its byte size) or a
 * pointer (`ptr`) to `size` bytes (0 for void), of the struct or union named `to` ('' when the
 * target is not a named struct/union). The kernel treats a pointer to its program type's context struct (`xdp_md`,
 * `__sk_buff`, …) as the context and any other sized pointer as `size` bytes of memory.
 */
export type GlobalFuncParam = { kind: 'scalar'; size: number } | { kind: 'ptr'; to: string; size: number };

/**
 * A relocation on the instruction at `pc`.
 *
 *  - `map`:  `pc` is an `ld_imm64`; the loader sets `src = BPF_PSEUDO_MAP_FD` (1) and the low imm
 *            to the map's fd. `symbol` is a name in `BpfObject.maps`.
 *  - `data`: `pc` is an `ld_imm64` of the address of a global; the loader sets
 *            `src = BPF_PSEUDO_MAP_VALUE` (2), low imm = the section map's fd and the high imm
 *            (slot pc+1) = `addend`, the variable's byte offset in the section (the kernel's
 *            encoding of a map-value address). `symbol` is the section name (`.data`, …).
 *  - `call` with `extern`: a kfunc call, `src = BPF_PSEUDO_KFUNC_CALL` (2), imm 0 until a loader
 *            puts the kfunc's kernel BTF id there (`BpfObject.externs` names it).
 *  - `call`: `pc` is a `call` with `src = BPF_PSEUDO_CALL` (1) to function `symbol`, already
 *            laid out in this program (see `subprograms`) and already resolved: imm is the
 *            pc-relative offset. Nothing to patch; kept so an ELF writer can emit `.text` calls.
 *            (An object read from ELF may also mark an `ld_imm64` with src = BPF_PSEUDO_FUNC (4),
 *            a callback address, resolved the same way.)
 */
export interface BpfReloc {
  pc: number;
  symbol: string;
  kind: 'map' | 'data' | 'call';
  /** For `data`: byte offset of the variable inside its section. 0 otherwise. */
  addend: number;
  /**
   * Optional, `data` against `.kconfig` only: the extern variable read (`BpfObject.externs`);
   * `addend` is then its offset in the `.kconfig` map plus any offset into it.
   */
  extern?: string;
}

/** Where one instruction came from (1-based line and column, like compiler messages). */
export interface LineInfo {
  file: string;
  line: number;
  col: number;
  /**
   * Optional: the text of that source line, as `.BTF.ext` line_info carries it (the kernel prints
   * it in verifier logs: `; bump(0); @ prog.c:27`). Set by the ELF reader when the object has it;
   * the ELF writer stores it back.
   */
  text?: string;
}

/** A map definition, as the kernel's `BPF_MAP_CREATE` needs it. */
export interface BpfMapDef {
  /** The C variable name (`counts`). */
  name: string;
  /** Kernel map type name without `BPF_MAP_TYPE_`, lower case: 'hash', 'array', 'lru_hash', … */
  type: string;
  /** The numeric `BPF_MAP_TYPE_*` value. */
  typeId: number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  /** `map_flags` (e.g. BPF_F_NO_PREALLOC = 1). */
  flags: number;
  /**
   * Optional, map-in-map only (array_of_maps, hash_of_maps): the inner map template, from
   * `__array(values, struct inner_def)`; its `name` is the template struct's tag ('' if none).
   * The kernel creates the outer map from an inner map fd of this shape.
   */
  inner?: BpfMapDef;
  /**
   * Optional: initial values libbpf stores after loading (`__array(values, …) = { [i] = &x }`):
   * slot `index` of a prog_array holds program `symbol`; of a map-in-map, the map `symbol`.
   */
  init?: { index: number; symbol: string }[];
  /**
   * Optional, BTF-defined maps: the definition's members as the source declares them, in order
   * (clang's BTF lists only those): `__uint(name, N)` → `uint: N`, `__type(name, T)` → `type`: T's
   * id in `BpfObject.types`, `__array(values, …)` → neither. Without it a writer describes the
   * five numeric members.
   */
  btfMembers?: { name: string; uint?: number; type?: number }[];
}

/** A global data section. `.bss` bytes are all zero. */
export interface BpfGlobalSection {
  /**
   * `.data`, `.rodata` or `.bss`; an object read with `readElf(…, { sections: 'separate' })` also
   * has custom `.data.*` / `.rodata.*` / `.bss.*` sections (e.g. `.rodata.str1.1`), one map each
   * as libbpf makes them.
   */
  name: string;
  bytes: Uint8Array;
  /** Variables placed in it: name, byte offset, size. */
  symbols: { name: string; offset: number; size: number }[];
}
