/**
 * bpf_conformance `.data` vectors: a parser that follows the upstream file rules exactly (see
 * /work/shared/conformance/README.md: `#` comments stripped first, any line containing `--` starts
 * a section classified by substring in the order asm, result, mem, raw, no register offset, ` c`,
 * error; lines before the first header ignored; `-- result` last line wins; `-- raw` words are
 * little-endian u64 instruction slots and, when present, are the program), a runner for one case,
 * and `runConformance(dir, assemble)` for a directory.
 *
 * Execution follows the uBPF plugin: r1 = address of a writable copy of `mem`, r2 = its length
 * (both 0 without `mem`), helper 5 is uBPF's "unwind" (returns r1; when r1 is 0 the program stops
 * at once with r0 = 0). A case passes iff the outermost frame exits and all 64 bits of r0 equal the
 * expected result (or, for `-- error` cases, the run fails with exactly that text).
 *
 * Deliberately not here: the assembler (passed in, `src/asm`), feature-level skipping (we run
 * everything: cpu v4 and callx included). Imports node:fs, so index.ts does not re-export it.
 * Provenance: format rules from the bpf_conformance README (MIT); code is our own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineCol, type Diagnostic } from '../diag/diagnostic.ts';
import { DiagCode } from '../diag/codes.ts';
import type { Insn } from '../isa/insn.ts';
import { runProgram, type HelperFn, type RunResult } from './index.ts';

export type SectionKind = 'asm' | 'result' | 'mem' | 'raw' | 'no register offset' | 'c' | 'error';

/** A parsed `.data` file. */
export interface ConformanceCase {
  file: string;
  /** Sections in file order. */
  sections: SectionKind[];
  /**
   * The program text for the assembler: the whole file with everything outside `-- asm` lines
   * (headers, other sections, comments) blanked to spaces, so offsets and line numbers in the
   * assembler's diagnostics point into the original file.
   */
  asm?: string;
  /** `-- raw` program, when present (it is then the program that runs). */
  raw?: Insn[];
  mem?: Uint8Array;
  /** Expected r0 (unsigned 64-bit). */
  result?: bigint;
  /** Expected error text (last `-- error` line, trailing whitespace trimmed). */
  error?: string;
}

export type AssembleFn = (
  text: string,
  opts: { dialect: 'ubpf'; file?: string },
) => { insns: Insn[]; diagnostics: Diagnostic[] };

export interface ConformanceResult {
  file: string;
  pass: boolean;
  /** Why it failed (absent on pass). */
  reason?: string;
  expected?: bigint;
  r0?: bigint;
  steps?: number;
}

const HEADER_ORDER: Array<[string, SectionKind]> = [
  ['asm', 'asm'],
  ['result', 'result'],
  ['mem', 'mem'],
  ['raw', 'raw'],
  ['no register offset', 'no register offset'],
  [' c', 'c'],
  ['error', 'error'],
];

const MASK64 = (1n << 64n) - 1n;

/** Parse a u64 token: `0x` + 1–16 hex digits, or a decimal number (wrapped to 64 bits if negative). */
function parseU64(tok: string): bigint | undefined {
  if (/^0x[0-9a-f]{1,16}$/i.test(tok)) return BigInt(tok);
  if (/^-?[0-9]+$/.test(tok)) {
    const v = BigInt(tok);
    if (v > MASK64 || v < -(1n << 63n)) return undefined;
    return BigInt.asUintN(64, v);
  }
  return undefined;
}

/** Decode one raw 64-bit word into a slot (little-endian u64 layout). */
export function slotFromWord(w: bigint): Insn {
  const lo = Number(w & 0xffffffffn);
  const hi = Number((w >> 32n) & 0xffffffffn);
  return { code: lo & 0xff, dst: (lo >>> 8) & 0xf, src: (lo >>> 12) & 0xf, off: (lo << 0) >> 16, imm: hi | 0 };
}

/**
 * Parse a `.data` file. Errors (unknown section header, bad result/mem/raw token, missing result)
 * come back as diagnostics with a span into `text`; `value` is undefined when any error occurred.
 */
export function parseConformance(text: string, file = 'input.data'): { value?: ConformanceCase; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const err = (start: number, end: number, message: string) =>
    diagnostics.push({ code: DiagCode.BadFile, severity: 'error', message, span: { file, start, end } });
  const c: ConformanceCase = { file, sections: [] };
  const asmChars: string[] = text.split('').map((ch) => (ch === '\n' ? '\n' : ' '));
  let section: SectionKind | undefined;
  let memBytes: number[] | undefined;
  let rawSlots: Insn[] | undefined;
  let lineStart = 0;
  const lines = text.split('\n');
  for (const full of lines) {
    const start = lineStart;
    lineStart += full.length + 1;
    let line = full.endsWith('\r') ? full.slice(0, -1) : full;
    const hash = line.indexOf('#');
    if (hash >= 0) line = line.slice(0, hash);
    if (line.trim() === '') continue;
    if (line.includes('--')) {
      const hit = HEADER_ORDER.find(([needle]) => line.includes(needle));
      if (!hit) {
        err(start, start + line.length, `unknown section header '${line.trim()}' (upstream skips such files)`);
        section = undefined;
        continue;
      }
      section = hit[1];
      c.sections.push(section);
      if (section === 'mem') memBytes ??= [];
      if (section === 'raw') rawSlots ??= [];
      continue;
    }
    // Token positions within the (comment-stripped) line.
    const tokens = [...line.matchAll(/\S+/g)].map((m) => ({ t: m[0], s: start + (m.index ?? 0) }));
    switch (section) {
      case undefined:
        break; // before the first header (copyright lines) or after an unknown header
      case 'asm':
        for (let k = 0; k < line.length; k++) asmChars[start + k] = line[k];
        break;
      case 'result': {
        const tok = line.trim();
        const v = parseU64(tok);
        if (v === undefined || tokens.length !== 1) err(tokens[0].s, tokens[0].s + tok.length, `bad result '${tok}': expected 0x followed by 1-16 hex digits, or a decimal number`);
        else c.result = v;
        break;
      }
      case 'mem':
        for (const { t, s } of tokens) {
          if (/^[0-9a-f]{2}$/i.test(t)) memBytes!.push(parseInt(t, 16));
          else err(s, s + t.length, `bad mem byte '${t}': expected two hex digits`);
        }
        break;
      case 'raw':
        for (const { t, s } of tokens) {
          const v = parseU64(t);
          if (v === undefined) err(s, s + t.length, `bad raw instruction word '${t}': expected 0x hex or decimal 64-bit value`);
          else rawSlots!.push(slotFromWord(v));
        }
        break;
      case 'error':
        c.error = line.replace(/\s+$/, '');
        break;
      default:
        break; // informational sections
    }
  }
  if (c.sections.includes('asm')) c.asm = asmChars.join('');
  if (memBytes) c.mem = Uint8Array.from(memBytes);
  if (rawSlots) c.raw = rawSlots;
  if (c.result === undefined && c.error === undefined && diagnostics.length === 0) {
    err(0, 0, 'no -- result section');
  }
  if (c.asm === undefined && c.raw === undefined && diagnostics.length === 0) {
    err(0, 0, 'no -- asm or -- raw section: there is no program');
  }
  return diagnostics.length ? { diagnostics } : { value: c, diagnostics };
}

/** uBPF's helper 5, "unwind": returns r1; when r1 is 0 the program stops at once with r0 = 0. */
export const unwindHelper: HelperFn = (vm, r1) => {
  if (r1 === 0n) vm.stop(0n);
  return r1;
};

const hex = (v: bigint) => '0x' + v.toString(16);

/** Run one parsed case; `assemble` is only called when there is no `-- raw` program. */
export function runConformanceCase(c: ConformanceCase, assemble?: AssembleFn, budget = 10_000_000): ConformanceResult {
  let insns: Insn[];
  const failed = (text: string): ConformanceResult =>
    c.error !== undefined && c.error === text
      ? { file: c.file, pass: true }
      : { file: c.file, pass: false, reason: text, expected: c.result };
  if (c.raw) insns = c.raw;
  else {
    if (!assemble) return { file: c.file, pass: false, reason: 'no assembler given for an -- asm program' };
    const a = assemble(c.asm ?? '', { dialect: 'ubpf', file: c.file });
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      const d = errors[0];
      const where = d.span ? `${lineOf(c.asm ?? '', d.span.start)}: ` : '';
      return failed(`assembler: ${where}${d.message}`);
    }
    insns = a.insns;
  }
  let res: RunResult;
  try {
    res = runProgram(insns, { mem: c.mem, budget, helpers: { 5: unwindHelper } });
  } catch (e) {
    return { file: c.file, pass: false, reason: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (res.oops) return { ...failed(`${res.oops.kind} at pc ${res.oops.pc}: ${res.oops.message.split('\n')[0]}`), steps: res.steps };
  if (!res.exited) return { file: c.file, pass: false, reason: 'program did not exit', steps: res.steps };
  if (c.error !== undefined) return { file: c.file, pass: false, reason: `expected error '${c.error}', but the program exited with r0 = ${hex(res.r0)}`, r0: res.r0 };
  if (res.r0 !== c.result) {
    return { file: c.file, pass: false, reason: `r0 = ${hex(res.r0)}, expected ${hex(c.result!)}`, expected: c.result, r0: res.r0, steps: res.steps };
  }
  return { file: c.file, pass: true, expected: c.result, r0: res.r0, steps: res.steps };
}

function lineOf(text: string, offset: number): string {
  const { line, col } = lineCol(text, offset);
  return `${line}:${col}`;
}

/** Parse and run one `.data` text. */
export function runConformanceText(text: string, file: string, assemble?: AssembleFn): ConformanceResult {
  const p = parseConformance(text, file);
  if (!p.value) {
    const d = p.diagnostics[0];
    return { file, pass: false, reason: `${d.span ? lineOf(text, d.span.start) + ': ' : ''}${d.message}` };
  }
  return runConformanceCase(p.value, assemble);
}

/** Every `*.data` file in `dir` (sorted by name), parsed and run. */
export function runConformance(dir: string, assemble: AssembleFn): ConformanceResult[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.data')).sort();
  } catch (e) {
    return [{ file: dir, pass: false, reason: `cannot read directory: ${e instanceof Error ? e.message : String(e)}` }];
  }
  return names.map((name) => {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'latin1');
    } catch (e) {
      return { file: name, pass: false, reason: `cannot read: ${e instanceof Error ? e.message : String(e)}` };
    }
    return runConformanceText(text, name, assemble);
  });
}
