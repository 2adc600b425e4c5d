/**
 * The assembler: text in one of three dialects -> kernel instruction slots, with a span per slot,
 * labels, relocations and positioned diagnostics. Pure: never throws on any input, no state
 * between calls.
 *
 *   llvm    as llvm-mc-19 accepts it (`r0 = *(u32 *)(r1 + 4)`, `goto LBB0_2`, `r1 = counts ll`)
 *           and as llvm-objdump-19 -d prints it (pc and byte columns, `<sym>` after targets,
 *           `0000… <func>:` headers, `R_BPF_64_64 counts` relocation lines are understood);
 *           directives (`.text`, `.section`, `.globl` …) are read for sections and otherwise ignored
 *   kernel  the verifier log's instruction lines (`12: (61) r3 = *(u32 *)(r1 +4) ; R3_w=…`). When a
 *           file has such `N: (xx)` lines it is read as a log: only those lines are instructions,
 *           placed at the slot N the log gives (revisits are checked and skipped), and every
 *           other line (state, `processed …`, source comments) is ignored
 *   ubpf    bpf_conformance mnemonics (`mov32 %r0, 1`); a whole `.data` file may be given, in
 *           which case only its `-- asm` section is read. `exit` is an implicit label for the
 *           first exit instruction
 *
 * Layering (as rbpf): lexer.ts (lines, comments, tokens) -> pseudoc.ts / ubpf.ts (statements,
 * encoding fields) -> encode.ts (labels, helpers, relocations). This file places statements.
 * Deliberately not here: validity of the result beyond field ranges (isa/validate.ts), printing
 * (isa/disasm.ts), ELF (elf/).
 */

import { DiagCode } from '../diag/codes.ts';
import type { Diagnostic, Span } from '../diag/diagnostic.ts';
import type { Insn } from '../isa/insn.ts';
import { Cursor, type Item, type Stmt } from './ast.ts';
import { detectDialect, KERNEL_LOG_LINE, type InDialect } from './detect.ts';
import { encode, type Placed } from './encode.ts';
import { splitLines, tokenize, type Line } from './lexer.ts';
import { parsePseudoC } from './pseudoc.ts';
import { parseUbpf } from './ubpf.ts';

export type { InDialect } from './detect.ts';

export interface AsmResult {
  insns: Insn[];
  diagnostics: Diagnostic[];
  spans: Array<Span | null>;
  labels: Record<string, number>;
  relocs: Array<{ pc: number; symbol: string; kind: 'map' | 'call'; span: Span }>;
  dialect: InDialect;
}

interface Parsed {
  items: Array<Item & { line: number }>;
  relocLines: Array<{ afterItem: number; type: string; symbol: string; span: Span }>;
}

export function assemble(text: string, opts: { file?: string; dialect?: InDialect | 'auto' } = {}): AsmResult {
  const file = opts.file ?? '<input>';
  const diags: Diagnostic[] = [];
  const lines = splitLines(text);
  const dialect = !opts.dialect || opts.dialect === 'auto' ? detectDialect(lines) : opts.dialect;
  const logMode = dialect === 'kernel' && lines.some((l) => KERNEL_LOG_LINE.test(l.raw));
  const parsed = parseLines(lines, dialect, logMode, file, diags);

  // Place statements in slots.
  const placed: Placed[] = [];
  const labelAt = new Map<string, number>();
  let next = 0;
  if (logMode) {
    const stmts = parsed.items.filter((it): it is Stmt & { line: number } => it.kind === 'insn');
    const byPc = new Map<number, Stmt>();
    for (const s of stmts) {
      const pc = s.pc!;
      const seen = byPc.get(pc);
      if (seen) {
        // An ld_imm64 printed without register state (the 6.18 liveness listing) shows only the
        // kernel pointer; the same line with `; R1_w=map_ptr(map=…)` knows the map: keep that one.
        const wide = seen.insn.code === 0x18 && s.insn.code === 0x18 && seen.insn.dst === s.insn.dst;
        if (wide && !seen.fixup && s.fixup) byPc.set(pc, s);
        else if (wide && seen.fixup && !s.fixup) continue;
        else if (!sameInsn(seen, s)) diags.push({ code: DiagCode.BadOperand, severity: 'error', message: `the log shows a different instruction at ${pc} than before`, span: s.span });
        continue;
      }
      byPc.set(pc, s);
    }
    for (const pc of [...byPc.keys()].sort((a, b) => a - b)) {
      const s = byPc.get(pc)!;
      if (pc > next) diags.push({ code: DiagCode.BadOperand, severity: 'error', message: `the log does not show instruction${pc - next > 1 ? `s ${next} .. ${pc - 1}` : ` ${next}`} (the verifier did not print ${pc - next > 1 ? 'them' : 'it'}), so the program cannot be rebuilt`, span: s.span });
      else if (pc < next) {
        diags.push({ code: DiagCode.BadOperand, severity: 'error', message: `instruction ${pc} overlaps the second slot of the ld_imm64 at ${pc - 1}`, span: s.span });
        continue;
      }
      placed.push({ stmt: s, pc });
      next = pc + (s.insn.code === 0x18 ? 2 : 1);
    }
  } else {
    const define = (name: string, span: Span, pc: number): void => {
      if (labelAt.has(name)) diags.push({ code: DiagCode.DuplicateLabel, severity: 'error', message: `duplicate label '${name}'`, span });
      else labelAt.set(name, pc);
    };
    for (const it of parsed.items) {
      if (it.kind === 'label') {
        define(it.name, it.span, next);
        continue;
      }
      placed.push({ stmt: it, pc: next });
      next += it.insn.code === 0x18 ? 2 : 1;
    }
  }

  // llvm-objdump relocation lines name the symbol of the instruction above them.
  for (const r of parsed.relocLines) {
    const it = parsed.items[r.afterItem];
    if (!it || it.kind !== 'insn') continue;
    if (it.insn.code === 0x18 && r.type === 'R_BPF_64_64') {
      it.insn.src = 1;
      it.fixup = { kind: 'reloc', reloc: 'map', name: r.symbol, span: r.span };
    } else if (it.insn.code === 0x85 && r.type === 'R_BPF_64_32') {
      it.insn.src = 1;
      it.fixup = { kind: 'reloc', reloc: 'call', name: r.symbol, span: r.span };
    }
  }

  // uBPF: `exit` names the first exit instruction unless a label says otherwise.
  if (dialect === 'ubpf' && !labelAt.has('exit')) {
    const ex = placed.find((p) => p.stmt.insn.code === 0x95);
    if (ex) labelAt.set('exit', ex.pc);
  }

  const enc = encode(placed, next, labelAt, diags);
  enc.relocs.sort((a, b) => a.pc - b.pc);
  diags.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  const labels: Record<string, number> = {};
  for (const [k, v] of labelAt) labels[k] = v;
  return { insns: enc.insns, diagnostics: diags, spans: enc.spans, labels, relocs: enc.relocs, dialect };
}

function sameInsn(a: Stmt, b: Stmt): boolean {
  return a.insn.code === b.insn.code && a.insn.dst === b.insn.dst && a.insn.src === b.insn.src && a.insn.off === b.insn.off && a.insn.imm === b.insn.imm && (a.hi ?? 0) === (b.hi ?? 0);
}

const OBJDUMP_INSN = /^\s*\d+:\t(?:((?:[0-9a-f]{2} ){7}[0-9a-f]{2}(?: (?:[0-9a-f]{2} ){7}[0-9a-f]{2})?)\s*)?/;

function parseLines(lines: readonly Line[], dialect: InDialect, logMode: boolean, file: string, diags: Diagnostic[]): Parsed {
  const items: Parsed['items'] = [];
  const relocLines: Parsed['relocLines'] = [];
  const hasSections = dialect === 'ubpf' && lines.some((l) => l.code.includes('--'));
  let inAsm = !hasSections;
  let dataSection = false;
  for (const l of lines) {
    const raw = l.raw;
    let from = 0;
    let pc: number | undefined;
    let hint: number | undefined;
    let state: string | undefined;
    /** objdump's byte column: the src field of the listed encoding. */
    let srcNibble: number | undefined;
    if (hasSections && l.code.includes('--')) {
      inAsm = l.code.includes('asm');
      continue;
    }
    if (!inAsm) continue;
    if (dialect !== 'ubpf') {
      if (/^\S.*:\s+file format\s/.test(raw) || /^\s*$/.test(l.code)) continue;
      const sec = /^Disassembly of section\s+(\S+):/.exec(raw);
      if (sec) {
        dataSection = false;
        continue;
      }
      const head = /^([0-9a-f]{8,16}) <([^>]+)>:\s*$/.exec(raw);
      if (head) {
        items.push({ kind: 'label', name: head[2], span: { file, start: l.start + raw.indexOf('<') + 1, end: l.start + raw.indexOf('>') }, line: l.no });
        continue;
      }
      const rel = /^\s*[0-9a-f]+:\s+(R_BPF_\w+)\s+(\S+)/.exec(raw);
      if (rel) {
        relocLines.push({ afterItem: items.length - 1, type: rel[1], symbol: rel[2], span: { file, start: l.start + raw.indexOf(rel[2]), end: l.start + raw.indexOf(rel[2]) + rel[2].length } });
        continue;
      }
    }
    if (dialect === 'kernel') {
      const m = KERNEL_LOG_LINE.exec(raw) ?? /^(\s*)\(([0-9a-f]{2})\) /.exec(raw);
      if (m) {
        from = m[0].length;
        pc = /^\s*\d+$/.test(m[1]) ? Number(m[1]) : undefined;
        hint = parseInt(m[2], 16);
        if (l.commentAt >= 0 && raw[l.commentAt] === ';') state = raw.slice(l.commentAt + 1);
      } else if (logMode) continue;
    } else if (dialect === 'llvm') {
      const m = OBJDUMP_INSN.exec(l.code);
      if (m) {
        from = m[0].length;
        if (m[1]) srcNibble = parseInt(m[1].slice(3, 4), 16);
      }
    }
    const text = l.code;
    let s = from;
    let e = text.length;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (s >= e) continue;
    const toks = tokenize(text, s, e).map((t) => ({ ...t, start: t.start + l.start, end: t.end + l.start }));
    const c = new Cursor(toks, file, diags, l.start + e);
    // labels: `name:` (several may precede a statement)
    while (c.peek()?.kind === 'id' && c.is(':', 1)) {
      const t = c.next()!;
      c.next();
      if (!dataSection) items.push({ kind: 'label', name: t.text, span: { file, start: t.start, end: t.end }, line: l.no });
    }
    if (c.atEnd()) continue;
    const first = c.peek()!;
    if (dialect !== 'ubpf' && first.kind === 'id' && first.text.startsWith('.')) {
      const name = first.text;
      if (name === '.text') dataSection = false;
      else if (/^\.(data|bss|rodata)/.test(name)) dataSection = true;
      else if (name === '.section') {
        const rest = text.slice(first.end - l.start, e);
        const secName = /^\s*([^\s,]+)/.exec(rest)?.[1] ?? '';
        const flags = /,\s*"([^"]*)"/.exec(rest)?.[1];
        dataSection = flags !== undefined ? !flags.includes('x') : !(secName.startsWith('.text') || !secName.startsWith('.'));
      }
      continue;
    }
    const bad = toks.find((t) => t.kind === 'bad');
    if (bad) {
      diags.push({ code: DiagCode.UnexpectedToken, severity: 'error', message: /^[0-9]/.test(bad.text) ? `malformed number '${bad.text}'` : `unexpected character '${bad.text}'`, span: { file, start: bad.start, end: bad.end } });
      continue;
    }
    const span: Span = { file, start: first.start, end: toks[toks.length - 1].end };
    const stmt = dialect === 'ubpf' ? parseUbpf(c, span) : parsePseudoC(c, span, { dialect, opcodeHint: hint, state });
    if (stmt) {
      if (pc !== undefined) stmt.pc = pc;
      // objdump prints a bpf-to-bpf call (src=1) as `call 0x5`, like a helper call; its byte
      // column still tells them apart.
      if (stmt.insn.code === 0x85 && srcNibble !== undefined && !stmt.fixup) stmt.insn.src = srcNibble;
      items.push({ ...stmt, line: l.no });
    }
  }
  return { items, relocLines };
}
