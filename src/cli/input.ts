/**
 * Reads a program file for the CLI: `.s` (assembly, any dialect the assembler reads), `.bin`
 * (raw 8-byte slots), `.hex` (the same bytes as hex text), `.o` (a BPF ELF object, read by
 * `src/elf`: the first program, or the one named by `program`, with the whole object alongside).
 * `.c` (compiled by `src/compiler` with its bundled headers, plus the headers it includes from disk:
 * `#include "x.h"` beside the including file, as clang looks first, then in each `-I` directory;
 * `#include <x.h>` in the `-I` directories when no bundled header has that name).
 *
 * Problems come back as one-line messages (`file:line:col: error: …` where a source position
 * exists, `file: error: insn N (byte offset B): …` for binary input); this module never throws on
 * bad input and never exits the process.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { assemble } from '../asm/index.ts';
import type { Diagnostic, Span } from '../diag/diagnostic.ts';
import { lineCol } from '../diag/diagnostic.ts';
import { decodeInsns, type Insn } from '../isa/insn.ts';
import { parseHex } from '../isa/hex.ts';
import { validateInsns } from '../isa/validate.ts';
import type { BpfObject, BpfProgram } from '../isa/object.ts';
import { readElf } from '../elf/read.ts';
import { compile, sourceText } from '../compiler/driver.ts';
import { HEADERS } from '../compiler/include/index.ts';
import { linkProgram } from '../kernel/run/object.ts';

export interface LoadedFile {
  file: string;
  insns: Insn[];
  /** source text for `.s` files (for line numbers in traces) */
  source?: string;
  spans?: Array<Span | null>;
  relocs?: Array<{ pc: number; symbol: string; kind: 'map' | 'call' }>;
  /** `.o` input: the whole object (every program, maps, globals, license) ... */
  object?: BpfObject;
  /** ... and the program `insns` is (its `relocations` include `data` ones, which `relocs` omits). */
  program?: BpfProgram;
}

export type LoadResult = { ok: true; value: LoadedFile } | { ok: false; errors: string[] };

/** One line per diagnostic, `file:line:col: severity: message` when the span is known. */
export function formatDiagnostic(d: Diagnostic, text: string | undefined): string {
  if (d.span && text !== undefined) {
    const { line, col } = lineCol(text, d.span.start);
    return `${d.span.file}:${line}:${col}: ${d.severity}: ${d.message}`;
  }
  return `${d.span?.file ?? '<input>'}: ${d.severity}: ${d.message}`;
}

function readText(file: string): { text?: string; error?: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: `${file}: error: cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

export function extensionOf(file: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(file);
  return m ? m[1].toLowerCase() : '';
}

/** Decode raw slots and check every encoding; errors name the slot and its byte offset. */
export function fromBytes(file: string, bytes: Uint8Array, hexText?: string): LoadResult {
  const errors: string[] = [];
  if (bytes.length === 0) return { ok: false, errors: [`${file}: error: empty program (no instructions)`] };
  const { insns, error } = decodeInsns(bytes);
  if (error) errors.push(`${file}: error: ${error.message}`);
  for (const p of validateInsns(insns)) {
    errors.push(`${file}: error: insn ${p.pc} (byte offset ${p.pc * 8}): ${p.message}`);
  }
  void hexText;
  return errors.length ? { ok: false, errors } : { ok: true, value: { file, insns } };
}

/** Read a `.o`: the program named `program` (function or section name), else the first. */
export function fromElf(file: string, bytes: Uint8Array, program?: string): LoadResult {
  // one map per .data*/.rodata*/.bss* section, as libbpf (and kernel_oracle.py) load it
  const r = readElf(bytes, file, { sections: 'separate' });
  if (!r.object) {
    return { ok: false, errors: r.diagnostics.map((d) => `${file}: ${d.severity}: ${d.span ? `byte offset ${d.span.start}: ` : ''}${d.message}`) };
  }
  return fromObject(file, r.object, program);
}

/** Most files and bytes `cSources` reads from disk for one compile (a guard, not a C limit). */
const MAX_INCLUDE_FILES = 256;
const MAX_INCLUDE_BYTES = 16 << 20;

const dirOf = (f: string): string => (f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '');

/**
 * The sources to compile `file` (whose text is `text`) with: the file itself and every header
 * it includes, transitively, that is on disk — keyed as the compiler's preprocessor looks them
 * up: a quoted include under `<dir of the including file><path>`, one found in an `-I` directory
 * under the path as written. A header that is nowhere on disk is left out, so the compiler
 * reports it where it is included (`file:line:col: error: 'x.h' file not found`). Includes are
 * found by a look at each line (`#include "…"` / `<…>`), also inside `#if 0`: reading a header
 * that ends up unused does no harm. Never throws.
 */
export function cSources(file: string, text: string, includeDirs: readonly string[] = []): Record<string, string> {
  const sources: Record<string, string> = { [file]: text };
  const disk = new Map<string, string>([[file, file]]); // key → where it was read from
  const todo: string[] = [file];
  let bytes = text.length;
  const tryRead = (key: string, path: string): boolean => {
    if (Object.hasOwn(sources, key)) return true;
    if (Object.keys(sources).length >= MAX_INCLUDE_FILES) return false;
    try {
      if (!existsSync(path)) return false;
      const st = statSync(path);
      if (!st.isFile() || bytes + st.size > MAX_INCLUDE_BYTES) return false;
      const t = readFileSync(path, 'utf8');
      bytes += t.length;
      sources[key] = t;
      disk.set(key, path);
      todo.push(key);
      return true;
    } catch {
      return false;
    }
  };
  while (todo.length) {
    const from = todo.pop()!;
    for (const m of sources[from].matchAll(/^[ \t]*#[ \t]*include(?:_next)?[ \t]*(?:"([^"\n]+)"|<([^>\n]+)>)/gm)) {
      const quoted = m[1];
      const path = (quoted ?? m[2]).trim();
      if (quoted !== undefined && !path.startsWith('/') && tryRead(dirOf(from) + path, dirOf(disk.get(from)!) + path)) continue;
      if (quoted !== undefined && path.startsWith('/') && tryRead(path, path)) continue;
      if (quoted === undefined && HEADERS[path] !== undefined) continue; // a bundled header wins for <…>
      for (const d of includeDirs) if (tryRead(path, `${d.replace(/\/+$/, '')}/${path}`)) break;
    }
  }
  return sources;
}

/** Compile a `.c` (bundled headers and the includes `cSources` finds) and take one program of the object, as for a `.o`. */
export function fromC(file: string, text: string, program?: string, includeDirs: readonly string[] = []): LoadResult {
  const sources = cSources(file, text, includeDirs);
  const r = compile(sources, file);
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length || !r.object) return { ok: false, errors: errs.map((d) => formatDiagnostic(d, d.span ? sourceText(sources, d.span.file) : undefined)) };
  if (r.object.programs.length === 0) return { ok: false, errors: [`${file}: error: no program: put a function in a SEC("...") section`] };
  return fromObject(file, r.object, program);
}

/** One program of an object, with the pseudo ld_imm64 forms the loader expects. */
export function fromObject(file: string, obj: BpfObject, program?: string): LoadResult {
  const prog = program === undefined ? obj.programs[0] : obj.programs.find((p) => p.name === program || p.section === program);
  if (!prog) return { ok: false, errors: [`${file}: error: no program '${program}' (programs: ${obj.programs.map((p) => `${p.name} in ${p.section}`).join(', ')})`] };
  // the slots in the pseudo forms the assembler gives `r1 = counts ll` (and the kernel loader
  // looks for); global data is named by its section, whose array map the runner creates
  const { insns, relocs } = linkProgram(prog);
  const bad = validateInsns(insns).map((p) => `${file}: error: ${prog.name} insn ${p.pc}: ${p.message}`);
  if (bad.length) return { ok: false, errors: bad };
  return { ok: true, value: { file, insns, relocs, object: obj, program: prog } };
}

export function loadProgram(file: string, opts: { dialect?: string; program?: string; includeDirs?: readonly string[] } = {}): LoadResult {
  const ext = extensionOf(file);
  switch (ext) {
    case 's':
    case 'asm': {
      const { text, error } = readText(file);
      if (error !== undefined || text === undefined) return { ok: false, errors: [error ?? `${file}: error: cannot read file`] };
      const dialect = (opts.dialect ?? 'auto') as 'auto';
      const r = assemble(text, { file, dialect });
      const errs = r.diagnostics.filter((d) => d.severity === 'error');
      if (errs.length) return { ok: false, errors: errs.map((d) => formatDiagnostic(d, text)) };
      if (r.insns.length === 0) return { ok: false, errors: [`${file}: error: no instructions in the file`] };
      const bad = validateInsns(r.insns).map((p) => {
        const sp = r.spans[p.pc];
        return sp ? formatDiagnostic({ code: 1000, severity: 'error', message: p.message, span: sp }, text) : `${file}: error: insn ${p.pc}: ${p.message}`;
      });
      if (bad.length) return { ok: false, errors: bad };
      return { ok: true, value: { file, insns: r.insns, source: text, spans: r.spans, relocs: r.relocs } };
    }
    case 'bin': {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch (e) {
        return { ok: false, errors: [`${file}: error: cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`] };
      }
      return fromBytes(file, bytes);
    }
    case 'hex': {
      const { text, error } = readText(file);
      if (error !== undefined || text === undefined) return { ok: false, errors: [error ?? `${file}: error: cannot read file`] };
      const h = parseHex(text, file);
      if (h.diagnostics.length) return { ok: false, errors: h.diagnostics.map((d) => formatDiagnostic(d, text)) };
      return fromBytes(file, h.bytes, text);
    }
    case 'c': {
      const { text, error } = readText(file);
      if (error !== undefined || text === undefined) return { ok: false, errors: [error ?? `${file}: error: cannot read file`] };
      return fromC(file, text, opts.program, opts.includeDirs);
    }
    case 'o': {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch (e) {
        return { ok: false, errors: [`${file}: error: cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`] };
      }
      return fromElf(file, bytes, opts.program);
    }
    default:
      return { ok: false, errors: [`${file}: error: unknown file type '.${ext}' (expected .s, .bin, .hex, .c or .o)`] };
  }
}
