/**
 * The typed syntax tree the parser builds and code generation walks.
 *
 * One `Node` shape for expressions and statements (chibicc's choice: fields used by a kind are
 * documented next to the kind). Every node has the span of its representative token(s) and,
 * for expressions, its C type after conversions. Constant subexpressions are folded by the
 * parser into `num` nodes, so code generation sees `bpf_htons(ETH_P_IP)` as 8.
 * Does not: hold preprocessor tokens or scopes (see parse.ts).
 */
import type { Span } from '../diag/diagnostic.ts';
import type { Type } from './types.ts';

export type NodeKind =
  // expressions
  | 'num'      // val
  | 'str'      // bytes (with the NUL)
  | 'var'      // sym
  | 'binop'    // op in + - * / % & | ^ << >> ; lhs, rhs (already converted to ty)
  | 'ptradd'   // lhs pointer, rhs integer (scaled by sizeof(*lhs) in codegen), op '+' or '-'
  | 'ptrdiff'  // lhs, rhs pointers; result in elements
  | 'cmp'      // op in == != < <= > >= ; lhs, rhs converted to a common type (opTy)
  | 'logand' | 'logor' // lhs, rhs
  | 'not'      // lhs
  | 'neg' | 'bitnot' // lhs
  | 'cond'     // cond, then, els
  | 'comma'    // lhs, rhs
  | 'assign'   // lhs (lvalue), rhs (converted)
  | 'opassign' // op, lhs (lvalue), rhs; computes in opTy and converts back
  | 'incdec'   // op '+'|'-', prefix, lhs (lvalue), val step
  | 'call'     // callee (func sym or helper), args
  | 'deref'    // lhs pointer
  | 'addr'     // lhs lvalue
  | 'member'   // lhs struct lvalue, member
  | 'cast'     // lhs
  | 'stmtexpr' // body (statements), value of the last expression statement
  | 'memzero'  // lhs lvalue, val size: zero-fill (initialisers)
  | 'memcpy'   // lhs dest pointer, rhs src pointer, val size (struct copy, __builtin_memcpy)
  | 'bswap'    // lhs, val bits 16|32|64
  | 'atomic'   // op + - | & ^ xchg cmpxchg; lhs pointer, rhs value, cond expected (cmpxchg)
  | 'coreval'  // val: a CO-RE relocated constant (field/type info), coreRel says what it measures
  // statements
  | 'block'    // body
  | 'exprstmt' // lhs
  | 'decl'     // sym (local), init statements in body
  | 'if'       // cond, then, els
  | 'loop'     // init, cond, inc, then (body); doWhile
  | 'switch'   // cond, then (body), cases
  | 'case'     // val (undefined for default), then (statement), label id
  | 'break' | 'continue'
  | 'return'   // lhs?
  | 'goto'     // label
  | 'label'    // label, then
  | 'empty';

export interface Node {
  k: NodeKind;
  span: Span;
  ty?: Type;
  op?: string;
  val?: bigint;
  bytes?: number[];
  sym?: Sym;
  lhs?: Node;
  rhs?: Node;
  cond?: Node;
  then?: Node;
  els?: Node;
  init?: Node;
  inc?: Node;
  body?: Node[];
  args?: Node[];
  member?: { name?: string; offset: number; type: Type; bitOffset?: number; bitWidth?: number };
  /** member: the member index path in the struct (through anonymous members), for CO-RE. */
  coreIdx?: number[];
  /** member: a CO-RE relocatable access (`preserve_access_index` struct or builtin). */
  core?: boolean;
  /** num: the enumerator it was spelled as (CO-RE enum relocations name it). */
  enumConst?: string;
  /** coreval: the relocation (root type, access path, `bpf_core_relo_kind`). */
  coreRel?: { root: Type; access: number[]; kind: number };
  /** opassign/cmp: the type the operation is computed in. */
  opTy?: Type;
  /** case: the upper bound of a GNU case range `case lo ... hi:` (val is lo). */
  hi?: bigint;
  /** opassign: the operator token (clang's caret for errors about the operation). */
  opAt?: Span;
  prefix?: boolean;
  doWhile?: boolean;
  label?: string;
  cases?: Node[];
  /** A function symbol being called (inline or bpf-to-bpf), or a helper id. */
  callee?: Sym;
  helper?: number;
  /** decl of an aggregate (or any initialiser list): the flattened initialiser. */
  img?: InitImage;
}

/** A flattened initialiser: constant bytes plus non-constant scalar stores. */
export interface InitImage {
  bytes: Uint8Array;
  stores: { offset: number; type: Type; expr: Node }[];
  /** The whole object came from one expression (`struct x a = b;`). */
  whole?: Node;
}

export type SymKind = 'local' | 'global' | 'func' | 'enumconst' | 'typedef';

export interface Sym {
  kind: SymKind;
  name: string;
  type: Type;
  span: Span;
  /** Unique id for storage maps (locals). */
  id: number;
  /** Locals: its address is taken (or it is an aggregate), so it must live in memory. */
  addrTaken?: boolean;
  /** Globals/functions. */
  isStatic?: boolean;
  isExtern?: boolean;
  /** `__attribute__((weak))`. */
  isWeak?: boolean;
  isConst?: boolean;
  isVolatile?: boolean;
  section?: string;
  /** Globals: a tentative definition (`int x;` with no initialiser anywhere yet). */
  tentative?: boolean;
  /** Globals: the initial bytes (undefined: zero / .bss) and relocation-free constant value. */
  initBytes?: Uint8Array;
  /** Global function pointer initialised with an integer: a helper, `call <helperId>`. */
  helperId?: number;
  /** Functions. */
  params?: Sym[];
  body?: Node;
  alwaysInline?: boolean;
  noinline?: boolean;
  /** `asm("llvm.bpf.load.byte")`-style assembler name of a declared function. */
  asmLabel?: string;
  /** enum constants */
  value?: bigint;
  /** A map definition (`SEC(".maps")` / `SEC("maps")`). */
  isMap?: boolean;
  /** A map definition's `= { .values = { [i] = &x } }`: slot → program or map symbol. */
  mapInit?: { index: number; sym: Sym; span: Span }[];
  /** Function has goto labels (disables a dead-code shortcut). */
  hasLabels?: boolean;
  used?: boolean;
}
