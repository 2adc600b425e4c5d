/**
 * Bad input: every error is a Diagnostic with a span (rendered `file:line:col`), several per file,
 * never an exception. Expected positions are counted by hand from the sources below.
 */
import { describe, expect, it } from 'vitest';
import { DiagCode } from '../diag/codes.ts';
import { lineCol, renderDiagnostic } from '../diag/diagnostic.ts';
import { assemble } from './index.ts';

function errs(text: string, dialect?: 'llvm' | 'kernel' | 'ubpf'): Array<[number, string, number]> {
  const r = assemble(text, { file: 'bad.s', dialect });
  return r.diagnostics.map((d) => {
    expect(d.severity).toBe('error');
    const { line, col } = lineCol(text, d.span!.start);
    return [d.code, `${line}:${col}`, d.span!.end - d.span!.start];
  });
}

describe('LLVM-dialect errors with line:col', () => {
  const src = [
    'r0 = 1', // 1
    'frobnicate r0', // 2: unknown mnemonic at 2:1
    'r11 = 2', // 3: bad register at 3:1
    'r1 = r-1', // 4: bad register at 4:6
    'r1 = 0x100000000', // 5: imm out of range at 5:6
    'r0 = *(u32 *)(r1 + 40000)', // 6: offset out of range at 6:20
    '*(u32 *)(r1) = 1', // 7: malformed memory operand at 7:12 (the ')')
    'goto nowhere', // 8: undefined label at 8:6
    'dup:', // 9
    'dup:', // 10: duplicate label at 10:1
    'r0 = 1 2', // 11: trailing garbage at 11:8
    'if r1 > 3 goto +40000', // 12: jump out of range at 12:16
    'w1 += r2', // 13: width mismatch at 13:7
    'r1 = 12abc', // 14: malformed number at 14:6
    'exit',
  ].join('\n');
  it('reports every error, in order, with its position', () => {
    expect(errs(src)).toEqual([
      [DiagCode.UnknownMnemonic, '2:1', 10],
      [DiagCode.BadRegisterName, '3:1', 3],
      [DiagCode.BadRegisterName, '4:6', 3],
      [DiagCode.ImmOutOfRange, '5:6', 11],
      [DiagCode.OffsetOutOfRange, '6:20', 5],
      [DiagCode.BadOperand, '7:12', 1],
      [DiagCode.UndefinedLabel, '8:6', 7],
      [DiagCode.DuplicateLabel, '10:1', 3],
      [DiagCode.UnexpectedToken, '11:8', 1],
      [DiagCode.JumpOutOfRange, '12:16', 6],
      [DiagCode.BadOperand, '13:7', 2],
      [DiagCode.UnexpectedToken, '14:6', 5],
    ]);
  });
  it('renders as file:line:col: error: message with a caret', () => {
    const r = assemble('r0 = 1\n  frobnicate r0\nexit', { file: 'x.s' });
    expect(renderDiagnostic(r.diagnostics[0], 'r0 = 1\n  frobnicate r0\nexit')).toBe("x.s:2:3: error: unknown instruction 'frobnicate'\n  frobnicate r0\n  ^~~~~~~~~~");
  });
  it('a jump to a label more than 32767 slots away is out of range', () => {
    const text = 'goto far\n' + 'r0 = 0\n'.repeat(40000) + 'far:\nexit';
    expect(errs(text)).toEqual([[DiagCode.JumpOutOfRange, '1:6', 3]]);
    expect(errs(text.replace('goto far', 'gotol far'))).toEqual([]);
  });
  it('offsets and immediates at the edges of their fields', () => {
    expect(errs('r0 = *(u32 *)(r1 - 32768)\nr0 = *(u32 *)(r1 + 32767)\nr0 = 0xffffffff\nr0 = -2147483648\nexit')).toEqual([]);
    expect(errs('r0 = *(u32 *)(r1 - 32769)')).toEqual([[DiagCode.OffsetOutOfRange, '1:20', 5]]);
    expect(errs('r0 = -2147483649')).toEqual([[DiagCode.ImmOutOfRange, '1:6', 11]]);
    expect(errs('r0 = 0x10000000000000000 ll')).toEqual([[DiagCode.ImmOutOfRange, '1:6', 19]]);
    expect(errs('goto -32769')).toEqual([[DiagCode.JumpOutOfRange, '1:6', 6]]);
  });
  it('operand rules llvm-mc also enforces', () => {
    expect(errs('r0 = cmpxchg_64(r1 + 0, r1, r2)')).toEqual([[DiagCode.BadOperand, '1:25', 2]]);
    expect(errs('r2 = xchg_64(r1 + 0, r3)')).toEqual([[DiagCode.BadOperand, '1:1', 2]]);
    expect(errs('r1 = be16 r2')).toEqual([[DiagCode.BadOperand, '1:11', 2]]);
    expect(errs('r1 = *(u8 *)skb[12]')).toEqual([[DiagCode.BadOperand, '1:1', 2]]);
    expect(errs('w1 = *(u64 *)(r2 + 0)')).toEqual([[DiagCode.BadOperand, '1:1', 2]]);
    expect(errs('r1 = counts')).toEqual([[DiagCode.BadOperand, '1:6', 6]]);
    expect(errs('if r1 == w2 goto +1')).toEqual([[DiagCode.BadOperand, '1:10', 2]]);
    expect(errs('lock *(u64 *)(r1 + 0) -= r2')).toEqual([[DiagCode.BadOperand, '1:23', 2]]);
  });
});

describe('uBPF-dialect errors', () => {
  it('reports bad registers, memory operands, labels, ranges and garbage', () => {
    const src = ['mov %r11, 1', 'ldxw %r0, [%r1+', 'jeq %r1, 0, nowhere', 'mov32 %r0, 0x100000000', 'frob %r0', 'exit extra'].join('\n');
    expect(errs(src, 'ubpf')).toEqual([
      [DiagCode.BadRegisterName, '1:5', 4],
      [DiagCode.BadOperand, '2:15', 1], // the dangling '+'
      [DiagCode.UndefinedLabel, '3:13', 7],
      [DiagCode.ImmOutOfRange, '4:12', 11],
      [DiagCode.UnknownMnemonic, '5:1', 4],
      [DiagCode.UnexpectedToken, '6:6', 5],
    ]);
  });
});

describe('never throws, never hangs', () => {
  it('survives arbitrary bytes in every dialect', () => {
    let seed = 12345;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const alphabet = 'r w0123456789abcdefx+-*/()[]=<>&|^%#;:,.!\n\t skb ll goto if call exit lock map pc';
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: rnd(200) }, () => alphabet[rnd(alphabet.length)]).join('');
      for (const d of ['auto', 'llvm', 'kernel', 'ubpf'] as const) {
        const r = assemble(text, { dialect: d });
        expect(r.spans.length).toBe(r.insns.length);
        for (const dg of r.diagnostics) expect(dg.span).toBeDefined();
      }
    }
  });
});
