/**
 * Encoding validity: every slot checked against the opcode table (table.ts), reporting every
 * problem with its slot, in the words the Linux 6.18 verifier uses for the same thing.
 *
 * Each problem carries:
 *   kernel   the verifier's own line for it (`unknown opcode 8d`, `BPF_ALU uses reserved fields`,
 *            `invalid bpf_ld_imm64 insn`, `R12 is invalid`, `frame pointer is read only`, ...),
 *            for the verifier stage to reuse verbatim;
 *   message  that line followed by the precise reason in parentheses (which class and op, which
 *            field and its value, what was allowed).
 * Per slot it reports the first problem the kernel would report for that slot, in the kernel's
 * order: the load-time pass (LDX reserved fields, ld_imm64 pairing, the public opcode table), then
 * the per-class reserved-field checks, then register numbers, then imm checks (div by zero, shift).
 *
 * Does not: check anything needing program state or context (jump targets, reachability,
 * "last insn is not an exit or jmp", helper availability per program type, arena for
 * addr_space_cast, pointer leaks) — the verifier does. Never throws on bad input.
 *
 * Quirks kept because 6.18 has them: `exit` does not check `off`; `may_goto` reports any bad
 * field as "invalid may_goto imm N"; the atomic op is printed as %02x of the whole imm ("111");
 * an ld_imm64 in the last slot fails "last insn is not an exit or jmp" (the layout check runs
 * before slot pairing; older kernels said "invalid bpf_ld_imm64 insn").
 *
 * Provenance: the checks and message texts are described from the kernel's verifier behaviour
 * (kernel/bpf/verifier.c, core.c) as read in public sources; own code. Checked against the real
 * Linux 6.18 verifier: testdata/verifier-6.18-errors.txt (recorded by scripts/record-isa-goldens.ts).
 */
import type { Insn } from './insn.ts';
import { BPF_LD_IMM64 } from './insn.ts';
import { describeOpcode, fieldValue, formsOf, type OpForm, type RegRule } from './table.ts';
import { BPF_FUNC_MAX_ID } from '../kernel/helpers/names.ts';
import { DiagCode } from '../diag/codes.ts';

export interface InsnProblem {
  pc: number;
  /** The kernel's line followed by the precise reason. */
  message: string;
  /** The 6.18 verifier's exact line for this problem. */
  kernel: string;
  /** Diagnostic code (src/diag/codes.ts, isa range). */
  code: number;
}

const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0');
const MODES_OK_FOR_LDX = new Set([0x60, 0x80]); // BPF_MEM, BPF_MEMSX

function problem(pc: number, kernel: string, detail: string, code: number): InsnProblem {
  return { pc, kernel, message: detail ? `${kernel} (${detail})` : kernel, code };
}

/** Every encoding problem, with the slot and a precise message; [] when all slots are valid. */
export function validateInsns(insns: readonly Insn[]): InsnProblem[] {
  const out: InsnProblem[] = [];
  for (let pc = 0; pc < insns.length; pc++) {
    const i = insns[pc];
    const p = checkSlot(insns, pc);
    if (p) out.push(p);
    if (i.code === BPF_LD_IMM64 && pc + 1 < insns.length) pc++; // second slot checked with the first
  }
  return out;
}

function checkSlot(insns: readonly Insn[], pc: number): InsnProblem | undefined {
  const i = insns[pc];
  const bad = structural(i);
  if (bad) return problem(pc, bad.kernel, bad.detail, DiagCode.ReservedField);
  const cls = i.code & 7;
  // Load-time pass, in the kernel's order.
  if (cls === 1 && (!MODES_OK_FOR_LDX.has(i.code & 0xe0) || i.imm !== 0)) {
    const detail = MODES_OK_FOR_LDX.has(i.code & 0xe0)
      ? `imm is ${i.imm}, must be 0`
      : `${describeOpcode(i.code)}: BPF_LDX takes only BPF_MEM and BPF_MEMSX modes`;
    return problem(pc, 'BPF_LDX uses reserved fields', detail, DiagCode.ReservedField);
  }
  if (i.code === BPF_LD_IMM64 && pc + 1 >= insns.length) {
    // 6.18 checks the last instruction (subprogram layout) before it pairs ld_imm64 slots.
    return problem(pc, 'last insn is not an exit or jmp', 'ld_imm64 is the last slot: its second slot (the upper 32 bits) is missing', DiagCode.TruncatedInsn);
  }
  if (i.code === BPF_LD_IMM64) {
    const p = checkLdImm64Pair(insns, pc);
    if (p) return p;
  }
  const forms = formsOf(i.code);
  if (!forms.some((f) => f.linux)) {
    const detail = forms.length
      ? `${describeOpcode(i.code)} is ${forms[0].name}, which LLVM emits but Linux 6.18 does not accept`
      : `${describeOpcode(i.code)} is not an eBPF instruction`;
    return problem(pc, `unknown opcode ${hex2(i.code)}`, detail, DiagCode.InvalidOpcode);
  }
  // Which form? The discriminator (off/imm/src) picks it.
  const form = forms.find((f) => !f.match || fieldValue(i, f.match.field) === f.match.value);
  if (!form) return noFormMatches(pc, i, forms);
  return checkFields(pc, i, form);
}

/** Slot fields outside their bit widths (only possible for hand-built Insn objects). */
function structural(i: Insn): { kernel: string; detail: string } | undefined {
  const k = 'invalid instruction encoding';
  if (!Number.isInteger(i.code) || i.code < 0 || i.code > 255) return { kernel: k, detail: `code ${i.code} is not a byte` };
  if (!Number.isInteger(i.dst) || i.dst < 0 || i.dst > 15) return { kernel: k, detail: `dst ${i.dst} does not fit 4 bits` };
  if (!Number.isInteger(i.src) || i.src < 0 || i.src > 15) return { kernel: k, detail: `src ${i.src} does not fit 4 bits` };
  if (!Number.isInteger(i.off) || i.off < -32768 || i.off > 32767) return { kernel: k, detail: `off ${i.off} is not a signed 16-bit value` };
  if (!Number.isInteger(i.imm) || i.imm < -0x80000000 || i.imm > 0x7fffffff) return { kernel: k, detail: `imm ${i.imm} is not a signed 32-bit value` };
  return undefined;
}

function checkLdImm64Pair(insns: readonly Insn[], pc: number): InsnProblem | undefined {
  const i = insns[pc];
  const next = insns[pc + 1];
  const k = 'invalid bpf_ld_imm64 insn';
  if (next === undefined) {
    return problem(pc, k, 'ld_imm64 is the last slot: its second slot (the upper 32 bits) is missing', DiagCode.TruncatedInsn);
  }
  for (const f of ['code', 'dst', 'src', 'off'] as const) {
    if (next[f] !== 0) {
      return problem(pc, k, `second slot (pc ${pc + 1}) has ${f} ${f === 'code' ? `0x${hex2(next.code)}` : next[f]}, must be 0`, DiagCode.BadLdImm64);
    }
  }
  if (i.src > 6) {
    return problem(pc, 'unrecognized bpf_ld_imm64 insn', `src is ${i.src}, not a pseudo source (0 constant, 1 map fd, 2 map value, 3 BTF id, 4 func, 5 map idx, 6 map idx value)`, DiagCode.BadLdImm64);
  }
  if ((i.src === 1 || i.src === 5) && next.imm !== 0) {
    return problem(pc, 'unrecognized bpf_ld_imm64 insn', `src ${i.src} (${i.src === 1 ? 'BPF_PSEUDO_MAP_FD' : 'BPF_PSEUDO_MAP_IDX'}) needs the second slot's imm to be 0, has ${next.imm}`, DiagCode.BadLdImm64);
  }
  return undefined;
}

function fillReserved(tpl: string, i: Insn): string {
  // The kernel prints the atomic op with %02x of the whole imm (0x111 -> "111").
  return tpl.replace('{imm}', String(i.imm)).replace('{immhex}', (i.imm >>> 0).toString(16).padStart(2, '0'));
}

function noFormMatches(pc: number, i: Insn, forms: readonly OpForm[]): InsnProblem {
  const field = forms.find((f) => f.match)!.match!.field;
  const allowed = forms.filter((f) => f.match).map((f) => `${f.match!.value} (${f.name})`).join(', ');
  const v = fieldValue(i, field);
  const detail = `${describeOpcode(i.code)}: ${field} is ${v}, must be one of ${allowed}`;
  const first = forms[0];
  if (first.kind === 'atomic' || first.kind === 'load_acquire' || first.kind === 'store_release') {
    const rmw = [0x00, 0x40, 0x50, 0xa0].some((op) => i.imm === op || i.imm === (op | 1)) || i.imm === 0xe1 || i.imm === 0xf1;
    if (rmw) return problem(pc, 'invalid atomic operand size', `${describeOpcode(i.code)}: read-modify-write atomics take only BPF_W and BPF_DW`, DiagCode.ReservedField);
    return problem(pc, fillReserved(first.reserved, i), detail, DiagCode.ReservedField);
  }
  if (first.kind === 'ld_imm64') return problem(pc, 'unrecognized bpf_ld_imm64 insn', detail, DiagCode.BadLdImm64);
  if (first.kind === 'may_goto') return problem(pc, fillReserved(first.reserved, i), detail, DiagCode.ReservedField);
  return problem(pc, fillReserved(first.reserved, i), detail, DiagCode.ReservedField);
}

function regRange(pc: number, i: Insn, which: 'dst' | 'src', rule: RegRule): InsnProblem | undefined {
  const r = i[which];
  if (rule === 'zero' || r <= 10) return undefined; // zero rules are checked with the reserved fields
  return problem(pc, `R${r} is invalid`, `${which} register r${r} does not exist (r0..r10)`, DiagCode.BadRegister);
}

function regWrite(pc: number, i: Insn, which: 'dst' | 'src', rule: RegRule): InsnProblem | undefined {
  if (rule !== 'write' || i[which] !== 10) return undefined;
  return problem(pc, 'frame pointer is read only', `${which} r10 is written by this instruction; r10 (the frame pointer) cannot be`, DiagCode.BadRegister);
}

function checkFields(pc: number, i: Insn, f: OpForm): InsnProblem | undefined {
  const reserved = fillReserved(f.reserved, i);
  // Reserved fields first (the kernel checks them before touching registers); the discriminator
  // field (e.g. src of ld_imm64/call) already matched, so it is not reserved here.
  const nonzero = (['src', 'off', 'imm', 'dst'] as const).filter(
    (field) => f[field] === 'zero' && f.match?.field !== field && i[field] !== 0,
  );
  if (nonzero.length) {
    const what = nonzero.map((field) => `${field} is ${i[field]}`).join(', ');
    return problem(pc, reserved, `${describeOpcode(i.code)} (${f.name}): ${what}, must be 0`, DiagCode.ReservedField);
  }
  if (f.kind === 'addr_space_cast' && i.imm !== 1 && i.imm !== 0x10000) {
    return problem(pc, 'addr_space_cast insn can only convert between address space 1 and 0',
      `imm is 0x${(i.imm >>> 0).toString(16)}, must be 0x1 (as 1 -> 0) or 0x10000 (as 0 -> 1)`, DiagCode.ReservedField);
  }
  // Register numbers: source first, then destination, as the kernel reads operands first.
  const bad = regRange(pc, i, 'src', f.src) ?? regRange(pc, i, 'dst', f.dst);
  if (bad) return bad;
  // Immediates the kernel rejects outright.
  if (f.kind === 'alu' && (i.code & 0x08) === 0) {
    const op = i.code & 0xf0;
    if ((op === 0x30 || op === 0x90) && i.imm === 0) return problem(pc, 'div by zero', `${f.name} with imm 0`, DiagCode.ReservedField);
    if (op === 0x60 || op === 0x70 || op === 0xc0) {
      const size = (i.code & 7) === 7 ? 64 : 32;
      if (i.imm < 0 || i.imm >= size) return problem(pc, `invalid shift ${i.imm}`, `${f.name}: shift amount must be 0..${size - 1}`, DiagCode.ReservedField);
    }
  }
  // The written register last (the kernel marks it after the operand and imm checks).
  const w = regWrite(pc, i, 'src', f.src) ?? regWrite(pc, i, 'dst', f.dst);
  if (w) return w;
  if (f.kind === 'call' && i.src === 0 && (i.imm < 0 || i.imm >= BPF_FUNC_MAX_ID)) {
    return problem(pc, `invalid func unknown#${i.imm}`, `helper ids are 0..${BPF_FUNC_MAX_ID - 1}`, DiagCode.InvalidOpcode);
  }
  return undefined;
}
