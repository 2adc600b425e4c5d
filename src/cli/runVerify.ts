/**
 * The verifier step of `ebpf-playground run` on the kernel path (DESIGN.md "The command line"):
 * the kernel verifies a program when it is loaded, so `run` verifies each program it loads with
 * src/verifier first, with the options `verify` uses (the maps the run creates: `--map`s, then the
 * object's, with its global data arrays; BTF func_info for `.c` and for `.o` with .BTF.ext; the
 * type from `--type` or SEC(), with SEC()'s attach type and target for BTF-typed contexts). These
 * share verifyCmd.ts's inputs through src/verifier/objectInputs.ts and hasFuncInfo below.
 *
 * Modes: `warn` (the default) — a program our verifier rejects still runs, unverified, after a
 * note on stderr (our verifier has a few known false rejects: src/cli/verifyObjects.test.ts);
 * `strict` — a rejection refuses the run as the kernel refuses the load (exit 1); `off`
 * (`--no-verify`) — no verifier, no note. An accepted program is loaded `verified: true` (the
 * fast engine's proven mode).
 *
 * `loadForRun` then loads what runs: a `.c` / `.o` as a whole object (`loadObject`: every program,
 * prog_array and map-in-map slots filled, as `bpftool prog loadall`), other files as one program.
 *
 * Global (non-static) functions are verified on their own against their BTF parameters, as
 * `verify` does (globalFuncsOf).
 *
 * Does not: run anything (runCmd.ts does). Provenance: our own code.
 */
import { readFileSync } from 'node:fs';
import type { Insn } from '../isa/insn.ts';
import type { BpfObject, BpfProgram } from '../isa/object.ts';
import type { MapSpec } from '../kernel/maps/index.ts';
import { mapTypeName } from '../kernel/maps/types.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { progTypeForSection } from '../kernel/progtypes/progTypes.ts';
import { indexMapRefs, linkProgram, loadObject, type Kernel, type LoadedProgram, type MapReloc } from '../kernel/run/index.ts';
import { globalFuncsOf, objectVerifyMaps, verify, type GlobalFuncInfo, type VerifyMap } from '../verifier/index.ts';
import { extensionOf, formatDiagnostic, type LoadedFile } from './input.ts';
import type { Io } from './main.ts';

export type VerifyMode = 'warn' | 'strict' | 'off';

export interface Verdict {
  accepted: boolean;
  /** The verifier's complaint, as `verify --json` gives it; null when accepted. */
  error: string | null;
}

/** What the verifier is told about one program. */
export interface VerifyTarget {
  insns: readonly Insn[];
  relocs?: readonly MapReloc[];
  type: ProgTypeName;
  attachType?: string;
  attachTo?: string;
  /** The global functions among its subprograms (verified on their own against their BTF). */
  globalFuncs?: GlobalFuncInfo[];
}

/** The maps the verifier sees, in the order the run creates them (a `--map` overrides the object's map of that name). */
export function verifierMaps(cli: readonly MapSpec[], obj: BpfObject | undefined, cpus: number): VerifyMap[] {
  const given: VerifyMap[] = cli.map((m) => ({
    name: m.name, type: typeof m.type === 'number' ? mapTypeName(m.type) ?? String(m.type) : m.type,
    keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags,
  }));
  return objectVerifyMaps(obj, { cli: given, cpus });
}

/** libbpf hands the kernel BTF func_info when the object has it: compiled C (ours), or a .o with .BTF.ext. */
export function hasFuncInfo(file: string): boolean {
  const ext = extensionOf(file);
  if (ext === 'c') return true;
  if (ext !== 'o') return false;
  try {
    return Buffer.from(readFileSync(file)).includes('.BTF.ext\0', 0, 'latin1');
  } catch {
    return false;
  }
}

/**
 * Verify one program; undefined when it cannot be judged here (a map reference to a map the run
 * does not define: the load reports that, with its position).
 */
export function verifyForRun(t: VerifyTarget, maps: readonly VerifyMap[], funcInfo: boolean): Verdict | undefined {
  let insns = t.insns;
  if (t.relocs?.some((r) => r.kind === 'map')) {
    const linked = indexMapRefs(t.insns, t.relocs.map((r) => ({ pc: r.pc, symbol: r.symbol, kind: r.kind === 'map' ? 'map' : 'call' })), maps.map((m) => m.name));
    if (!linked.ok) return undefined;
    insns = linked.insns;
  }
  try {
    const r = verify(insns, {
      progType: t.type, attachType: t.attachType, attachTo: t.attachTo, maps: [...maps], logLevel: 1, funcInfo, stateTexts: false, globalFuncs: t.globalFuncs,
    });
    return { accepted: r.accepted, error: r.accepted ? null : r.error ?? 'rejected' };
  } catch (e) {
    // an internal failure of our verifier is not the program's fault: run it unverified
    return { accepted: false, error: `internal verifier error: ${(e as Error)?.message ?? String(e)}` };
  }
}

/** The target for a program of an object; `type` overrides its section's (the CLI's --type). */
export function objectTarget(prog: BpfProgram, type?: { type: ProgTypeName; attachType?: string }): VerifyTarget | undefined {
  const sec = progTypeForSection(prog.section);
  // as verifyCmd.ts: the section's attach type and target only where the BTF-typed context needs them
  const btfTyped = sec !== undefined && (sec.type === 'tracing' || sec.type === 'lsm');
  const t = type ?? (sec ? { type: sec.type, attachType: btfTyped ? sec.def.attachType : undefined } : undefined);
  if (!t) return undefined;
  const { insns, relocs } = linkProgram(prog);
  const globalFuncs = globalFuncsOf(prog);
  return {
    insns, relocs, type: t.type, attachType: t.attachType, attachTo: !type && btfTyped ? sec.target : undefined, ...(globalFuncs ? { globalFuncs } : {}),
  };
}

export interface RunLoadInput {
  file: string;
  loaded: LoadedFile;
  /** The program type the run uses; `given` when it came from --type (else the section's attach type is used). */
  type: { type: ProgTypeName; attachType?: string };
  given: boolean;
  mode: VerifyMode;
  /** The --map specs (already created in `kernel`). */
  cliMaps: readonly MapSpec[];
}

export type RunLoadResult = { ok: true; prog: LoadedProgram; verified: boolean } | { ok: false; status: 1 | 2 };

/**
 * Verify (per `mode`) and load the program to run into `kernel`: a whole object as libbpf loads it
 * (every program, then prog_array and map-in-map slots), or the one program of an assembly or raw
 * file. Notes and errors go to `io.err`; a refusal is status 1 (strict rejection) or 2 (bad input).
 */
export function loadForRun(kernel: Kernel, x: RunLoadInput, io: Io): RunLoadResult {
  const { file, loaded, mode } = x;
  const obj = loaded.object;
  const sel = loaded.program;
  const maps = mode === 'off' ? [] : verifierMaps(x.cliMaps, obj, kernel.cpus);
  const funcInfo = mode !== 'off' && hasFuncInfo(file);
  const verdicts = new Map<string, Verdict>();
  let refused = false;
  const judge = (target: VerifyTarget | undefined, name: string | undefined): Verdict | undefined => {
    if (mode === 'off' || !target) return undefined;
    const v = verifyForRun(target, maps, funcInfo);
    if (v && !v.accepted) {
      const who = name === undefined ? 'this program' : `program ${name}`;
      if (mode === 'strict') {
        io.err(`${file}: error: the verifier rejects ${who}: ${v.error}`);
        refused = true;
      } else io.err(`${file}: note: our verifier rejects ${who} (${v.error}); ${name === undefined ? 'running' : 'loading'} it unverified`);
    }
    return v;
  };
  if (obj && sel) {
    // the program to run first, then the others the object loads with it
    const others = obj.programs.filter((q) => q !== sel);
    for (const q of [sel, ...others]) {
      const v = judge(objectTarget(q, q === sel && x.given ? x.type : undefined), q === sel ? undefined : q.name);
      if (v) verdicts.set(q.name, v);
    }
    if (refused) return { ok: false, status: 1 };
    const lo = loadObject(kernel, obj, { typeOf: (q) => (q === sel ? x.type.type : undefined), verified: (q) => verdicts.get(q.name)?.accepted === true });
    if (!lo.ok) {
      io.err(`${file}: error: ${lo.message}`);
      return { ok: false, status: 2 };
    }
    const prog = lo.programs.get(sel.name);
    if (!prog) {
      io.err(`${file}: error: program '${sel.name}' was not loaded`);
      return { ok: false, status: 2 };
    }
    return { ok: true, prog, verified: prog.verified === true };
  }
  const v = judge({ insns: loaded.insns, relocs: loaded.relocs, type: x.type.type, attachType: x.type.attachType }, undefined);
  if (refused) return { ok: false, status: 1 };
  const l = kernel.load(loaded.insns, { type: x.type.type, relocs: loaded.relocs, verified: v?.accepted === true });
  if (!l.ok) {
    const sp = l.pc !== undefined ? loaded.spans?.[l.pc] : undefined;
    io.err(sp && loaded.source !== undefined ? formatDiagnostic({ code: 1000, severity: 'error', message: l.message, span: sp }, loaded.source) : `${file}: error: ${l.message}`);
    return { ok: false, status: 2 };
  }
  return { ok: true, prog: l.prog, verified: l.prog.verified === true };
}
