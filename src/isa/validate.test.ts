/**
 * validateInsns tests.
 *  - Crafted invalid encodings, each with the kernel's message (the `kernel` field) written out by
 *    hand from the verifier's rules; rows tagged [ST] reproduce a kernel selftest
 *    (tools/testing/selftests/bpf/verifier/junk_insn.c, ld_imm64.c) with its expected errstr.
 *  - Every instruction of the LLVM goldens (valid programs' instructions by construction) passes,
 *    except callx, which Linux 6.18 does not accept.
 *  - Every program of testdata/verifier-6.18-errors.txt (crafted invalid encodings loaded into the
 *    real Linux 6.18 verifier by scripts/record-isa-goldens.ts) gets the kernel's own complaint.
 *  - Robustness: every opcode byte with hostile fields yields values, never throws.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeInsns, insn, ldImm64, type Insn } from './insn.ts';
import { validateInsns } from './validate.ts';
import { OPCODE_TABLE, lookupForm } from './table.ts';

const EXIT = insn(0x95);

// [name, program, pc of the problem, kernel line, substring of the precise message]
const BAD: Array<[string, Insn[], number, string, string]> = [
  ['[ST] junk insn: code 0', [insn(0), EXIT], 0, 'unknown opcode 00', 'BPF_LD | BPF_IMM | BPF_W'],
  ['[ST] junk insn2: ldx mode 0', [insn(1), EXIT], 0, 'BPF_LDX uses reserved fields', 'BPF_MEM and BPF_MEMSX'],
  ['[ST] junk insn3: code ff', [insn(0xff), EXIT], 0, 'unknown opcode ff', 'BPF_ALU64'],
  ['[ST] junk insn4: all ones', [{ code: 0xff, dst: 15, src: 15, off: -1, imm: -1 }, EXIT], 0, 'unknown opcode ff', ''],
  ['[ST] junk insn5: rsh64 x with off/imm', [{ code: 0x7f, dst: 15, src: 15, off: -1, imm: -1 }, EXIT], 0, 'BPF_ALU uses reserved fields', 'off is -1, imm is -1, must be 0'],
  ['[ST] ldx probe mem (internal mode)', [insn(0x39, 0, 1), EXIT], 0, 'BPF_LDX uses reserved fields', ''],
  ['[ST] test4 ld_imm64: second slot is exit', [insn(0x18), EXIT], 0, 'invalid bpf_ld_imm64 insn', 'code 0x95'],
  // Older kernels said "invalid bpf_ld_imm64 insn" here; 6.18 checks the last insn first (recorded).
  ['[ST] test5 ld_imm64: last slot', [insn(0x18)], 0, 'last insn is not an exit or jmp', 'second slot'],
  ['[ST] test8 ld_imm64: off in first slot', [insn(0x18, 0, 0, 1, 1), insn(0, 0, 0, 0, 1), EXIT], 0, 'BPF_LD_IMM64 uses reserved fields', 'off is 1'],
  ['[ST] test9 ld_imm64: off in second slot', [insn(0x18, 0, 0, 0, 1), insn(0, 0, 0, 1, 1), EXIT], 0, 'invalid bpf_ld_imm64 insn', 'off'],
  ['[ST] test10 ld_imm64: dst in second slot', [insn(0x18, 0, 0, 0, 1), insn(0, 1, 0, 0, 1), EXIT], 0, 'invalid bpf_ld_imm64 insn', 'dst'],
  ['[ST] test11 ld_imm64: src in second slot', [insn(0x18, 0, 0, 0, 1), insn(0, 0, 1, 0, 1), EXIT], 0, 'invalid bpf_ld_imm64 insn', 'src'],
  ['[ST] test14 ld_imm64: map fd with 2nd imm', [insn(0xb7), insn(0x18, 1, 1), insn(0, 0, 0, 0, 0xfefefe), EXIT], 1, 'unrecognized bpf_ld_imm64 insn', 'BPF_PSEUDO_MAP_FD'],
  ['ld_imm64 pseudo src 7', [insn(0x18, 1, 7), insn(0), EXIT], 0, 'unrecognized bpf_ld_imm64 insn', 'src is 7'],
  ['callx is LLVM-only', [insn(0x8d, 2), EXIT], 0, 'unknown opcode 8d', 'callx'],
  ['bswap with TO_BE', [insn(0xdf, 1, 0, 0, 16), EXIT], 0, 'unknown opcode df', ''],
  ['neg with X bit', [insn(0x8f, 1), EXIT], 0, 'unknown opcode 8f', ''],
  ['ldx memsx dw', [insn(0x99, 1, 2), EXIT], 0, 'unknown opcode 99', 'BPF_MEMSX'],
  ['tail call opcode (internal)', [insn(0xf5), EXIT], 0, 'unknown opcode f5', ''],
  ['may_goto in jmp32', [insn(0xe6), EXIT], 0, 'unknown opcode e6', ''],
  ['add64 imm with src', [insn(0x07, 1, 3, 0, 1), EXIT], 0, 'BPF_ALU uses reserved fields', 'src is 3'],
  ['add32 reg with off', [insn(0x0c, 1, 2, 5), EXIT], 0, 'BPF_ALU uses reserved fields', 'off is 5'],
  ['sdiv with off 2', [insn(0x3f, 1, 2, 2), EXIT], 0, 'BPF_ALU uses reserved fields', 'off is 2, must be one of 0 (div64_x), 1 (sdiv64_x)'],
  ['sdiv-style off on add', [insn(0x0f, 1, 2, 1), EXIT], 0, 'BPF_ALU uses reserved fields', 'off is 1'],
  ['movsx32 s32 is 64-bit only', [insn(0xbc, 1, 2, 32), EXIT], 0, 'BPF_MOV uses reserved fields', 'off is 32'],
  ['movsx64 off 4', [insn(0xbf, 1, 2, 4), EXIT], 0, 'BPF_MOV uses reserved fields', 'must be one of 0 (mov64_x), 8'],
  ['mov reg with imm', [insn(0xbf, 1, 2, 0, 7), EXIT], 0, 'BPF_MOV uses reserved fields', 'imm is 7'],
  ['mov imm with off', [insn(0xb7, 1, 0, 3, 7), EXIT], 0, 'BPF_MOV uses reserved fields', 'off is 3'],
  ['addr_space_cast bad imm', [insn(0xbf, 1, 2, 1, 2), EXIT], 0, 'addr_space_cast insn can only convert between address space 1 and 0', 'imm is 0x2'],
  ['neg with imm', [insn(0x87, 1, 0, 0, 1), EXIT], 0, 'BPF_NEG uses reserved fields', 'imm is 1'],
  ['be with imm 8', [insn(0xdc, 1, 0, 0, 8), EXIT], 0, 'BPF_END uses reserved fields', 'imm is 8'],
  ['bswap with src', [insn(0xd7, 1, 2, 0, 16), EXIT], 0, 'BPF_END uses reserved fields', 'src is 2'],
  ['div by zero imm', [insn(0x37, 1, 0, 0, 0), EXIT], 0, 'div by zero', ''],
  ['smod32 by zero imm', [insn(0x94, 1, 0, 1, 0), EXIT], 0, 'div by zero', ''],
  ['shift 64 too far', [insn(0x67, 1, 0, 0, 64), EXIT], 0, 'invalid shift 64', '0..63'],
  ['shift 32 negative', [insn(0xc4, 1, 0, 0, -1), EXIT], 0, 'invalid shift -1', '0..31'],
  ['register 11 as source', [insn(0x0f, 1, 11), EXIT], 0, 'R11 is invalid', 'src register r11'],
  ['register 12 as destination', [insn(0xb7, 12, 0, 0, 1), EXIT], 0, 'R12 is invalid', 'dst register r12'],
  ['write to r10', [insn(0xb7, 10, 0, 0, 1), EXIT], 0, 'frame pointer is read only', 'dst r10'],
  ['ldx into r10', [insn(0x79, 10, 1), EXIT], 0, 'frame pointer is read only', ''],
  ['ld_imm64 into r10', [...ldImm64(10, 5n), EXIT], 0, 'frame pointer is read only', ''],
  ['fetch atomic writes src r10', [insn(0xdb, 1, 10, 0, 1), EXIT], 0, 'frame pointer is read only', 'src r10'],
  ['load_acquire with src r11 (selftest load_acquire_with_invalid_reg)', [insn(0xdb, 0, 11, 0, 0x100), EXIT], 0, 'R11 is invalid', ''],
  ['ldx with imm', [insn(0x61, 1, 2, 0, 3), EXIT], 0, 'BPF_LDX uses reserved fields', 'imm is 3'],
  ['st with src', [insn(0x62, 1, 2, 0, 3), EXIT], 0, 'BPF_ST uses reserved fields', 'src is 2'],
  ['stx with imm', [insn(0x63, 1, 2, 0, 3), EXIT], 0, 'BPF_STX uses reserved fields', 'imm is 3'],
  ['atomic bad op', [insn(0xdb, 1, 2, 0, 0x77), EXIT], 0, 'BPF_ATOMIC uses invalid atomic opcode 77', ''],
  ['atomic add on u8', [insn(0xd3, 1, 2, 0, 0x00), EXIT], 0, 'invalid atomic operand size', 'BPF_W and BPF_DW'],
  ['jeq imm with src', [insn(0x15, 1, 2, 1, 0), EXIT], 0, 'BPF_JMP/JMP32 uses reserved fields', 'src is 2'],
  ['jeq reg with imm', [insn(0x1d, 1, 2, 1, 9), EXIT], 0, 'BPF_JMP/JMP32 uses reserved fields', 'imm is 9'],
  ['ja with imm', [insn(0x05, 0, 0, 0, 1), EXIT], 0, 'BPF_JA uses reserved fields', 'imm is 1'],
  ['gotol with off', [insn(0x06, 0, 0, 1, 0), EXIT], 0, 'BPF_JA uses reserved fields', 'off is 1'],
  ['may_goto with imm', [insn(0xe5, 0, 0, 1, 5), EXIT], 0, 'invalid may_goto imm 5', 'imm is 5'],
  ['call helper with off', [insn(0x85, 0, 0, 1, 1), EXIT], 0, 'BPF_CALL uses reserved fields', 'off is 1'],
  ['call with dst', [insn(0x85, 1, 0, 0, 1), EXIT], 0, 'BPF_CALL uses reserved fields', 'dst is 1'],
  ['call with src 3', [insn(0x85, 0, 3, 0, 1), EXIT], 0, 'BPF_CALL uses reserved fields', 'src is 3'],
  ['call of a helper id past the list', [insn(0x85, 0, 0, 0, 212), EXIT], 0, 'invalid func unknown#212', '0..211'],
  ['exit with dst', [insn(0x95, 1)], 0, 'BPF_EXIT uses reserved fields', 'dst is 1'],
  ['ld_abs with dst', [insn(0x20, 1, 0, 0, 4), EXIT], 0, 'BPF_LD_[ABS|IND] uses reserved fields', 'dst is 1'],
  ['ld_abs with src', [insn(0x20, 0, 1, 0, 4), EXIT], 0, 'BPF_LD_[ABS|IND] uses reserved fields', 'src is 1'],
  ['ld_abs dw', [insn(0x38, 0, 0, 0, 4), EXIT], 0, 'unknown opcode 38', ''],
];

describe('validateInsns rejects invalid encodings with the kernel message', () => {
  for (const [name, prog, pc, kernel, detail] of BAD) {
    it(name, () => {
      const probs = validateInsns(prog);
      expect(probs).toHaveLength(1);
      expect(probs[0].pc).toBe(pc);
      expect(probs[0].kernel).toBe(kernel);
      expect(probs[0].message.startsWith(kernel)).toBe(true);
      if (detail) expect(probs[0].message).toContain(detail);
    });
  }
  it('lists every problem, one per bad slot', () => {
    const probs = validateInsns([insn(0xff), insn(0x07, 1, 3), insn(0xb7), insn(0x8d, 1), EXIT]);
    expect(probs.map((p) => [p.pc, p.kernel])).toEqual([
      [0, 'unknown opcode ff'],
      [1, 'BPF_ALU uses reserved fields'],
      [3, 'unknown opcode 8d'],
    ]);
  });
  it('accepts the kernel selftest test6/test7 ld_imm64 programs', () => {
    expect(validateInsns([insn(0x18), insn(0), EXIT])).toEqual([]);
    expect(validateInsns([insn(0x18, 0, 0, 0, 1), insn(0, 0, 0, 0, 1), EXIT])).toEqual([]);
  });
  it('accepts exit with a nonzero off (the kernel does not check it)', () => {
    expect(validateInsns([insn(0x95, 0, 0, 3)])).toEqual([]);
  });
});

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

describe('validateInsns matches the Linux 6.18 verifier (recorded)', () => {
  const rows = readFileSync(join(dir, 'verifier-6.18-errors.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  it('has the recorded programs', () => expect(rows.length).toBeGreaterThanOrEqual(80));
  it('first problem of each program is the kernel complaint', () => {
    const bad: string[] = [];
    for (const l of rows) {
      const [hex, kernel] = l.split('\t');
      const { insns } = decodeInsns(Uint8Array.from(hex.split(' ').map((h) => parseInt(h, 16))));
      const got = validateInsns(insns)[0]?.kernel ?? 'ACCEPTED';
      if (got !== kernel) bad.push(`${hex}: kernel ${JSON.stringify(kernel)}, ours ${JSON.stringify(got)}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('validateInsns accepts real instructions', () => {
  const lines = readFileSync(join(dir, 'objdump-llvm19.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  // The goldens deliberately include a few encodings LLVM prints but the kernel rejects.
  const EXPECTED_INVALID: Record<string, string> = {
    'callx r2': 'unknown opcode 8d',
    'callx r8': 'unknown opcode 8d',
    'r10 = 0xdeadbeefcafe ll': 'frame pointer is read only',
    'call 0x7fffffff': 'invalid func unknown#2147483647',
    'call -0x1': 'invalid func unknown#-1',
    'ld_pseudo\tr1, 0x1, 0xfffffff0': 'unrecognized bpf_ld_imm64 insn',
  };
  it('every golden instruction, except the listed kernel-invalid ones', () => {
    const bad: string[] = [];
    for (const l of lines) {
      const tab = l.indexOf('\t');
      const text = l.slice(tab + 1);
      const { insns } = decodeInsns(Uint8Array.from(l.slice(0, tab).split(' ').map((h) => parseInt(h, 16))));
      const got = validateInsns(insns).map((p) => p.kernel);
      const want = EXPECTED_INVALID[text] ? [EXPECTED_INVALID[text]] : [];
      if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${l} -> ${JSON.stringify(got)}`);
    }
    expect(bad).toEqual([]);
  });
  it('load_acquire / store_release of every size, may_goto, addr_space_cast', () => {
    const prog = [0xd3, 0xcb, 0xc3, 0xdb].flatMap((c) => [insn(c, 0, 1, 0, 0x100), insn(c, 1, 2, -8, 0x110)]);
    prog.push(insn(0xe5, 0, 0, 0), insn(0xbf, 1, 2, 1, 0x10000), EXIT);
    expect(validateInsns(prog)).toEqual([]);
  });
});

describe('table and robustness', () => {
  it('form names are unique and every linux form validates with a neutral encoding', () => {
    const names = OPCODE_TABLE.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of OPCODE_TABLE) expect(lookupForm({ code: f.code, dst: 0, src: f.match?.field === 'src' ? f.match.value : 0, off: f.match?.field === 'off' ? f.match.value : 0, imm: f.match?.field === 'imm' ? f.match.value : 0 })).toBe(f);
  });
  it('never throws on any opcode byte with hostile fields', () => {
    const hostile = [{ dst: 15, src: 15, off: -1, imm: -1 }, { dst: 10, src: 10, off: 32767, imm: -0x80000000 }, { dst: 0, src: 0, off: 0, imm: 0 }];
    for (let code = 0; code < 256; code++) {
      for (const h of hostile) {
        expect(() => validateInsns([{ code, ...h }])).not.toThrow();
      }
    }
    expect(validateInsns([{ code: 300, dst: 0, src: 0, off: 0, imm: 0 }])[0].message).toContain('not a byte');
  });
});
