/**
 * The tracing pipeline up to the events: a libbpf-style C source (or an already compiled object)
 * → our compiler → every program of the object verified by our 6.18 verifier → maps created
 * and programs loaded into a fresh `Kernel`, each with its SEC() name — ready for driveEvents.
 * The CLI's tracing runs, the example tests and the UI share it.
 *
 * The verifier gets what libbpf hands the kernel (src/verifier/objectInputs.ts, as the CLI and the
 * page do): the object's maps (a map-in-map with its inner template) and each program's global
 * functions with their BTF prototypes; BTF func_info is there for a compiled source (ours always
 * emits it) and for an object when the caller says so (`funcInfo`: a clang .o with .BTF.ext).
 *
 * Errors are values: compile errors as `file:line:col: error: …`, a verifier rejection as
 * `SEC("…") prog: rejected by the verifier: <first complaint>` with the log alongside.
 * Does not: attach (drive.ts resolves attach points). Provenance: our own code.
 */
import { compile, sourceText } from '../../compiler/driver.ts';
import { lineCol } from '../../diag/diagnostic.ts';
import type { BpfObject } from '../../isa/object.ts';
import { progTypeForSection } from '../../kernel/progtypes/progTypes.ts';
import { createKernel, type Kernel, type KernelOptions } from '../../kernel/run/kernel.ts';
import { createObjectMaps, indexMapRefs, linkProgram } from '../../kernel/run/object.ts';
import { globalFuncsOf, objectVerifyMaps, verify } from '../../verifier/index.ts';
import type { DriveProgram } from './drive.ts';

export interface LoadedTracing {
  kernel: Kernel;
  programs: DriveProgram[];
  /** Verifier log (level 1) per program name. */
  logs: Record<string, string>;
  object: BpfObject;
  /**
   * Programs loaded although our verifier could not judge them (with `allowUnmodelled`): the
   * verifier's "not modelled by this verifier" message per program name. Never a rejection.
   */
  unverified: Record<string, string>;
}

export interface LoadTracingOptions extends KernelOptions {
  /** Load a program whose checks our verifier does not model yet (BTF-typed contexts of fentry/lsm), reporting it in `unverified`. */
  allowUnmodelled?: boolean;
  /** The object carries BTF func_info (default true: our compiler's objects do; a clang .o does when it has .BTF.ext). */
  funcInfo?: boolean;
}

export type LoadTracingResult = { ok: true; value: LoadedTracing } | { ok: false; errors: string[]; logs?: Record<string, string> };

/**
 * Compile `text` (file name `file`) with the bundled headers and `includes` (more sources by
 * path, e.g. the headers the CLI read from disk), then load it (see loadTracingObject).
 */
export function loadTracingSource(file: string, text: string, kopts: LoadTracingOptions = {}, includes: Record<string, string> = {}): LoadTracingResult {
  const sources = { ...includes, [file]: text };
  const r = compile(sources, file);
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length || !r.object) {
    return {
      ok: false,
      errors: errs.map((d) => {
        if (!d.span) return `${file}: error: ${d.message}`;
        const { line, col } = lineCol(sourceText(sources, d.span.file) ?? text, d.span.start);
        return `${d.span.file}:${line}:${col}: error: ${d.message}`;
      }),
    };
  }
  return loadTracingObject(file, r.object, kopts);
}

/** Verify and load every program of `obj` into a fresh kernel (maps created as libbpf would). */
export function loadTracingObject(file: string, obj: BpfObject, kopts: LoadTracingOptions = {}): LoadTracingResult {
  if (obj.programs.length === 0) return { ok: false, errors: [`${file}: error: no program: put a function in a SEC("...") section`] };
  const { allowUnmodelled, funcInfo = true, ...ko } = kopts;
  const kernel = createKernel({ cpus: 4, ...ko });
  const unverified: Record<string, string> = {};
  const made = createObjectMaps(kernel, obj);
  if (made) return { ok: false, errors: [`${file}: error: ${made}`] };
  const vmaps = objectVerifyMaps(obj, { cpus: kernel.cpus });
  const programs: DriveProgram[] = [];
  const logs: Record<string, string> = {};
  for (const p of obj.programs) {
    const pt = progTypeForSection(p.section);
    if (!pt) return { ok: false, errors: [`${file}: error: SEC("${p.section}") of ${p.name} is not a section libbpf knows`] };
    const { insns, relocs } = linkProgram(p);
    const idx = indexMapRefs(insns, relocs, vmaps.map((m) => m.name));
    if (!idx.ok) return { ok: false, errors: [`${file}: error: ${p.name}: insn ${idx.pc} refers to '${idx.missing}', which is not a map of the object`] };
    const globalFuncs = funcInfo ? globalFuncsOf(p) : undefined;
    const v = verify(idx.insns, {
      progType: pt.type, attachType: pt.def.attachType, attachTo: pt.target, maps: vmaps, logLevel: 1, funcInfo, ...(globalFuncs ? { globalFuncs } : {}),
    });
    logs[p.name] = v.log;
    const unmodelled = !v.accepted && (v.error ?? '').includes('not modelled by this verifier');
    if (unmodelled && allowUnmodelled) unverified[p.name] = v.error!;
    else if (!v.accepted) return { ok: false, errors: [`${file}: error: SEC("${p.section}") ${p.name}: rejected by the verifier: ${v.error}`], logs };
    const l = kernel.load(insns, { type: pt.type, relocs, name: p.name, probeMem: [...(v.probeMem ?? []), ...(v.kernelLoads ?? [])] });
    if (!l.ok) return { ok: false, errors: [`${file}: error: ${p.name}: ${l.message}`], logs };
    programs.push({ prog: l.prog, section: p.section, name: p.name });
  }
  return { ok: true, value: { kernel, programs, logs, object: obj, unverified } };
}
