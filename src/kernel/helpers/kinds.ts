/**
 * The vocabulary of helper prototypes: argument kinds, return kinds and their modifier flags,
 * spelled as the kernel spells them (`enum bpf_arg_type`, `enum bpf_return_type`, `enum
 * bpf_type_flag` in include/linux/bpf.h of Linux 6.18), so a record reads like the kernel's
 * `struct bpf_func_proto` and greps against the docs.
 *
 * Does: parse a kind written the kernel's way (`'ARG_PTR_TO_MEM | MEM_RDONLY'`, or an alias such as
 * `'ARG_PTR_TO_UNINIT_MEM'`) into a base kind plus flags, and say which register types the kernel's
 * argument check accepts for a base kind (`expected=` in the verifier's complaint).
 * Does not: check registers (the verifier does), or know which helper uses which kind (protos*.ts).
 *
 * Provenance: kind names and the alias expansions are kernel facts from include/linux/bpf.h as
 * documented publicly; the accepted-type lists were read off the running 6.18 kernel's own messages
 * (`R1 type=scalar expected=...`, see src/kernel/testdata/helper-probe-6.18.txt). Since 6.12 the
 * kernel has no ARG_PTR_TO_LONG / ARG_PTR_TO_INT: those arguments are
 * `ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED` with a fixed size (8 or 4).
 */

/** Base argument kinds (`enum bpf_arg_type`, without flags). */
export const ARG_BASES = [
  'ARG_DONTCARE', 'ARG_CONST_MAP_PTR', 'ARG_PTR_TO_MAP_KEY', 'ARG_PTR_TO_MAP_VALUE', 'ARG_PTR_TO_MEM',
  'ARG_PTR_TO_ARENA', 'ARG_CONST_SIZE', 'ARG_CONST_SIZE_OR_ZERO', 'ARG_PTR_TO_CTX', 'ARG_ANYTHING',
  'ARG_PTR_TO_SPIN_LOCK', 'ARG_PTR_TO_SOCK_COMMON', 'ARG_PTR_TO_SOCKET', 'ARG_PTR_TO_BTF_ID',
  'ARG_PTR_TO_RINGBUF_MEM', 'ARG_CONST_ALLOC_SIZE_OR_ZERO', 'ARG_PTR_TO_BTF_ID_SOCK_COMMON',
  'ARG_PTR_TO_PERCPU_BTF_ID', 'ARG_PTR_TO_FUNC', 'ARG_PTR_TO_STACK', 'ARG_PTR_TO_CONST_STR',
  'ARG_PTR_TO_TIMER', 'ARG_KPTR_XCHG_DEST', 'ARG_PTR_TO_DYNPTR',
] as const;
export type ArgBase = (typeof ARG_BASES)[number];

/** Base return kinds (`enum bpf_return_type`, without flags). */
export const RET_BASES = [
  'RET_INTEGER', 'RET_VOID', 'RET_PTR_TO_MAP_VALUE', 'RET_PTR_TO_SOCKET', 'RET_PTR_TO_TCP_SOCK',
  'RET_PTR_TO_SOCK_COMMON', 'RET_PTR_TO_MEM', 'RET_PTR_TO_MEM_OR_BTF_ID', 'RET_PTR_TO_BTF_ID',
] as const;
export type RetBase = (typeof RET_BASES)[number];

/** Modifier flags (`enum bpf_type_flag`) that helper prototypes use. */
export const TYPE_FLAGS = [
  'PTR_MAYBE_NULL', 'MEM_RDONLY', 'MEM_RINGBUF', 'MEM_USER', 'MEM_PERCPU', 'OBJ_RELEASE', 'PTR_UNTRUSTED',
  'MEM_UNINIT', 'DYNPTR_TYPE_LOCAL', 'DYNPTR_TYPE_RINGBUF', 'MEM_FIXED_SIZE', 'MEM_ALLOC', 'PTR_TRUSTED',
  'MEM_RCU', 'MEM_WRITE', 'MEM_ALIGNED',
] as const;
export type TypeFlag = (typeof TYPE_FLAGS)[number];

/** A parsed kind: base plus flags, and the text it was written as. */
export interface Kind<B extends string> {
  readonly base: B;
  readonly flags: readonly TypeFlag[];
  /** As written in the record, e.g. 'ARG_PTR_TO_MEM | MEM_RDONLY'. */
  readonly text: string;
}
export type ArgKind = Kind<ArgBase>;
export type RetKind = Kind<RetBase>;

/** Kernel aliases (`ARG_PTR_TO_MAP_VALUE_OR_NULL = PTR_MAYBE_NULL | ARG_PTR_TO_MAP_VALUE`, ...). */
const ALIASES: Readonly<Record<string, string>> = {
  ARG_PTR_TO_MAP_VALUE_OR_NULL: 'ARG_PTR_TO_MAP_VALUE | PTR_MAYBE_NULL',
  ARG_PTR_TO_MEM_OR_NULL: 'ARG_PTR_TO_MEM | PTR_MAYBE_NULL',
  ARG_PTR_TO_CTX_OR_NULL: 'ARG_PTR_TO_CTX | PTR_MAYBE_NULL',
  ARG_PTR_TO_SOCKET_OR_NULL: 'ARG_PTR_TO_SOCKET | PTR_MAYBE_NULL',
  ARG_PTR_TO_STACK_OR_NULL: 'ARG_PTR_TO_STACK | PTR_MAYBE_NULL',
  ARG_PTR_TO_BTF_ID_OR_NULL: 'ARG_PTR_TO_BTF_ID | PTR_MAYBE_NULL',
  ARG_PTR_TO_UNINIT_MEM: 'ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE',
  ARG_PTR_TO_FIXED_SIZE_MEM: 'ARG_PTR_TO_MEM | MEM_FIXED_SIZE',
  RET_PTR_TO_MAP_VALUE_OR_NULL: 'RET_PTR_TO_MAP_VALUE | PTR_MAYBE_NULL',
  RET_PTR_TO_SOCKET_OR_NULL: 'RET_PTR_TO_SOCKET | PTR_MAYBE_NULL',
  RET_PTR_TO_TCP_SOCK_OR_NULL: 'RET_PTR_TO_TCP_SOCK | PTR_MAYBE_NULL',
  RET_PTR_TO_SOCK_COMMON_OR_NULL: 'RET_PTR_TO_SOCK_COMMON | PTR_MAYBE_NULL',
  RET_PTR_TO_RINGBUF_MEM_OR_NULL: 'RET_PTR_TO_MEM | MEM_RINGBUF | PTR_MAYBE_NULL',
  RET_PTR_TO_DYNPTR_MEM_OR_NULL: 'RET_PTR_TO_MEM | PTR_MAYBE_NULL',
  RET_PTR_TO_BTF_ID_OR_NULL: 'RET_PTR_TO_BTF_ID | PTR_MAYBE_NULL',
  RET_PTR_TO_BTF_ID_TRUSTED: 'RET_PTR_TO_BTF_ID | PTR_TRUSTED',
};

function parseKind<B extends string>(text: string, bases: readonly B[]): Kind<B> {
  const parts = text.split('|').map((s) => s.trim()).flatMap((p) => (ALIASES[p] ?? p).split('|').map((s) => s.trim()));
  const base = parts.filter((p) => (bases as readonly string[]).includes(p));
  const flags = parts.filter((p) => !(bases as readonly string[]).includes(p));
  if (base.length !== 1) throw new Error(`internal: kind '${text}' needs exactly one base kind`);
  for (const f of flags) if (!(TYPE_FLAGS as readonly string[]).includes(f)) throw new Error(`internal: unknown flag '${f}' in '${text}'`);
  return { base: base[0] as B, flags: [...new Set(flags)] as TypeFlag[], text };
}

/** Parse an argument kind written the kernel's way. Throws only on a malformed table (internal bug). */
export function argKind(text: string): ArgKind {
  return parseKind(text, ARG_BASES);
}

/** Parse a return kind written the kernel's way. Throws only on a malformed table (internal bug). */
export function retKind(text: string): RetKind {
  return parseKind(text, RET_BASES);
}

export function hasFlag(k: Kind<string>, f: TypeFlag): boolean {
  return k.flags.includes(f);
}

/** True for argument kinds that take a pointer (everything but sizes, ANYTHING and DONTCARE). */
export function isPointerArg(k: ArgKind): boolean {
  return !['ARG_DONTCARE', 'ARG_ANYTHING', 'ARG_CONST_SIZE', 'ARG_CONST_SIZE_OR_ZERO', 'ARG_CONST_ALLOC_SIZE_OR_ZERO'].includes(k.base);
}

/**
 * The register types the kernel's argument check accepts for a pointer base kind, in the order and
 * spelling its complaint lists them (`R1 type=scalar expected=<this>`). Undefined for kinds whose
 * check takes any register (ANYTHING, sizes) or that 6.18 did not show us.
 */
export const EXPECTED_TYPES: Readonly<Partial<Record<ArgBase, string>>> = {
  ARG_CONST_MAP_PTR: 'map_ptr',
  ARG_PTR_TO_MAP_KEY: 'fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_',
  ARG_PTR_TO_MAP_VALUE: 'fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_',
  ARG_PTR_TO_MEM: 'fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_',
  ARG_PTR_TO_CTX: 'ctx',
  ARG_PTR_TO_SPIN_LOCK: 'map_value, ptr_',
  ARG_PTR_TO_SOCK_COMMON: 'sock_common, sock, tcp_sock, xdp_sock',
  ARG_PTR_TO_BTF_ID_SOCK_COMMON: 'sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_',
  ARG_PTR_TO_BTF_ID: 'ptr_, trusted_ptr_, rcu_ptr_',
  ARG_PTR_TO_PERCPU_BTF_ID: 'percpu_ptr_, percpu_rcu_ptr_, percpu_trusted_ptr_',
  ARG_PTR_TO_RINGBUF_MEM: 'ringbuf_mem',
  ARG_PTR_TO_FUNC: 'func',
  ARG_PTR_TO_STACK: 'fp',
  ARG_PTR_TO_CONST_STR: 'map_value',
  ARG_PTR_TO_TIMER: 'map_value',
  ARG_KPTR_XCHG_DEST: 'map_value, ptr_',
  ARG_PTR_TO_DYNPTR: 'fp, dynptr_ptr',
};
