/**
 * The compiler driver: C sources → BpfObject, running preprocess → parse → codegen and
 * collecting every stage's diagnostics (clang-style, several per compile, in source order of
 * discovery). Pure: no file system, no globals; runs the same in Node and the Web Worker.
 *
 * Does not: write ELF (src/elf, later), verify (src/verifier), or render diagnostics
 * (`renderDiagnostic` in src/diag does, given the text from `sourceText`).
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import type { BpfObject } from '../isa/object.ts';
import { CDiag } from './diagCodes.ts';
import { generate } from './codegen.ts';
import { HEADERS } from './include/index.ts';
import { parse } from './parse.ts';
import { preprocess } from './preprocess.ts';
import { inferRecordTypes, type RecordTypes } from './recordTypes.ts';

export interface CompileOptions {
  /** `-D` definitions: name → replacement text ('1' for a bare `-DNAME`). */
  defines?: Record<string, string>;
  /** Replace or add bundled headers (path → text). */
  headers?: Record<string, string>;
}

export interface CompileResult {
  /** Present when there were no errors. */
  object?: BpfObject;
  diagnostics: Diagnostic[];
  /** Ring/perf-buffer maps → the C type of their records (recordTypes.ts), when there were no errors. */
  recordTypes?: RecordTypes;
}

/**
 * Compile `mainFile` (a key of `sources`). `#include "x.h"` looks in `sources` first (relative to
 * the including file, then as given), `#include <x.h>` in the bundled headers first.
 * Never throws: an internal error becomes a diagnostic.
 */
export function compile(
  sources: Record<string, string>,
  mainFile: string,
  opts: CompileOptions = {},
): CompileResult {
  const headers = { ...HEADERS, ...opts.headers };
  const diagnostics: Diagnostic[] = [];
  const hasError = (): boolean => diagnostics.some((d) => d.severity === 'error');
  try {
    const pp = preprocess(sources, mainFile, { headers, defines: opts.defines });
    diagnostics.push(...pp.diagnostics);
    if (hasError()) return { diagnostics: limit(diagnostics) };
    const ast = parse(pp.value);
    diagnostics.push(...ast.diagnostics);
    if (hasError()) return { diagnostics: limit(diagnostics) };
    const obj = generate(ast.value, { ...headers, ...sources });
    diagnostics.push(...obj.diagnostics);
    if (hasError()) return { diagnostics: limit(diagnostics) };
    return { object: obj.value, diagnostics, recordTypes: inferRecordTypes(ast.value) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const deep = e instanceof RangeError;
    diagnostics.push({
      code: deep ? CDiag.TooComplex : CDiag.Codegen, severity: 'error',
      message: deep ? 'program too deeply nested to compile (expression or statement nesting)' : `internal compiler error: ${msg}`,
      span: { file: mainFile, start: 0, end: 0 },
    });
    return { diagnostics: limit(diagnostics) };
  }
}

const ERROR_LIMIT = 20;

/** clang stops after 20 errors (`-ferror-limit`); so do we. */
function limit(ds: Diagnostic[]): Diagnostic[] {
  let errors = 0;
  const out: Diagnostic[] = [];
  for (const d of ds) {
    if (d.severity === 'error' && ++errors > ERROR_LIMIT) {
      out.push({ code: CDiag.TooComplex, severity: 'error', message: 'too many errors emitted, stopping now', span: d.span });
      break;
    }
    out.push(d);
  }
  return out;
}

/** The text a diagnostic's span refers to (user source or bundled header), for rendering. */
export function sourceText(sources: Record<string, string>, file: string, opts: CompileOptions = {}): string | undefined {
  const own = (m: Readonly<Record<string, string>> | undefined) => (m !== undefined && Object.hasOwn(m, file) ? m[file] : undefined);
  return own(sources) ?? own(opts.headers) ?? own(HEADERS);
}
