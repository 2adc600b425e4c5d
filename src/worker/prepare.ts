/**
 * Source → a program ready to verify and load, for the live verifier and for run sessions.
 *
 * `prepare(req)` assembles (`.s`) or compiles (`.c`) the source, picks the program type (C: from
 * the first program's SEC(), overridable by `req.progType`; assembly: `req.progType`, default
 * xdp), links relocations as a loader does, and builds the Bytecode rows. It never throws: bad
 * input comes back as diagnostics with line:col.
 *
 * `verifyPrepared` runs the verifier (privileged, or with the unprivileged rules when asked — the
 * verifier answers for itself when it does not model them) and positions a rejection at the
 * source line of the failing instruction.
 *
 * Deliberately not here: running (session.ts) or the single test run of the Run button
 * (pipeline.ts / cPipeline.ts, kept as they are). Own code.
 */
import { assemble } from '../asm/index.ts';
import { compile, sourceText } from '../compiler/driver.ts';
import type { RecordTypes } from '../compiler/recordTypes.ts';
import { DiagCode } from '../diag/codes.ts';
import type { Insn } from '../isa/insn.ts';
import type { BpfObject } from '../isa/object.ts';
import { validateInsns } from '../isa/validate.ts';
import { progTypeForCli, progTypeForSection } from '../kernel/progtypes/progTypes.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { indexMapRefs, linkProgram, type MapReloc } from '../kernel/run/index.ts';
import { globalFuncsOf, lineInfoRecords, objectVerifyMaps, verify, type GlobalFuncInfo, type VerifierLineInfo, type VerifyMap } from '../verifier/index.ts';
import { bytecodeRows, toWire } from './pipeline.ts';
import type { BytecodeRow, ExploredPathNode, VerifierSummary, WireDiagnostic } from './protocol.ts';
import { errorPcFromLog } from './verifyStep.ts';

export interface PrepareRequest {
  source: string;
  file: string;
  /** A `--type` name; overrides SEC() for C. */
  progType?: string;
}

export interface Prepared {
  diagnostics: WireDiagnostic[];
  bytecode: BytecodeRow[];
  /** Present when the program is well-formed enough to verify/load. */
  prog?: {
    type: ProgTypeName;
    attachType?: string;
    /** The SEC() name (C) or '' (assembly). */
    section: string;
    /** The attach point SEC() names (`do_unlinkat` of `kprobe/do_unlinkat`), '' when none. */
    attachTo: string;
    name: string;
    /** For the kernel loader (map references by relocation). */
    insns: Insn[];
    relocs: MapReloc[];
    /** For the verifier (map references by index). */
    verifierInsns: Insn[];
    maps: VerifyMap[];
    object?: BpfObject;
    lineOf(pc: number | undefined): { line: number; col: number } | undefined;
    /** C only: what libbpf hands the kernel from .BTF.ext — func_info (callbacks load) and line_info
     * (the log's `; source @ file:line` comments). */
    funcInfo?: boolean;
    lineInfo?: VerifierLineInfo[];
    /** C only: global (non-static) functions, which the kernel verifies on their own against BTF. */
    globalFuncs?: GlobalFuncInfo[];
    /** C only: ring/perf-buffer maps → their record's C type (src/compiler/recordTypes.ts). */
    recordTypes?: RecordTypes;
  };
}

function err(message: string, stage: WireDiagnostic['stage'], code: number = DiagCode.BadFile): WireDiagnostic {
  return { code, severity: 'error', message, stage };
}

export function prepare(req: PrepareRequest): Prepared {
  return /\.c$/i.test(req.file) ? prepareC(req) : prepareAsm(req);
}

function prepareAsm(req: PrepareRequest): Prepared {
  const text = req.source;
  const asm = assemble(text, { file: req.file, dialect: 'auto' });
  const diagnostics = asm.diagnostics.map((d) => toWire(d, text, 'asm'));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, bytecode: [] };
  if (asm.insns.length === 0) {
    diagnostics.push(err('the program is empty: write at least one instruction (a program ends with `exit`)', 'asm'));
    return { diagnostics, bytecode: [] };
  }
  const relocAt = new Map(asm.relocs.map((r) => [r.pc, r.symbol]));
  const bytecode = bytecodeRows(asm.insns, asm.spans, text, (pc) => relocAt.get(pc));
  const invalid = validateInsns(asm.insns);
  if (invalid.length > 0) {
    for (const v of invalid) diagnostics.push(toWire({ code: DiagCode.InvalidOpcode, severity: 'error', message: `insn ${v.pc}: ${v.message}`, span: asm.spans[v.pc] ?? undefined }, text, 'isa'));
    return { diagnostics, bytecode };
  }
  const typeName = req.progType ?? 'xdp';
  const pt = progTypeForCli(typeName);
  if (!pt) {
    diagnostics.push(err(`unknown program type '${typeName}'`, 'verify', DiagCode.BadOption));
    return { diagnostics, bytecode };
  }
  const lineOf = (pc: number | undefined) => {
    const s = pc === undefined ? undefined : asm.spans[pc];
    return s ? toWire({ code: 0, severity: 'note', message: '', span: s }, text, 'asm').start : undefined;
  };
  const insns = asm.insns.slice();
  return {
    diagnostics,
    bytecode,
    prog: {
      type: pt.type, attachType: pt.attachType, section: '', attachTo: '', name: 'prog', insns,
      relocs: asm.relocs.map((r) => ({ pc: r.pc, symbol: r.symbol, kind: r.kind })), verifierInsns: insns, maps: [], lineOf,
    },
  };
}

function prepareC(req: PrepareRequest): Prepared {
  const file = req.file;
  const text = req.source;
  const sources = { [file]: text };
  const c = compile(sources, file);
  const diagnostics: WireDiagnostic[] = c.diagnostics.map((d) => {
    if (!d.span || d.span.file === file) return toWire(d, text, 'c');
    const w = toWire(d, sourceText(sources, d.span.file) ?? '', 'c');
    const where = w.start ? `${d.span.file}:${w.start.line}:${w.start.col}: ` : `${d.span.file}: `;
    return { ...w, message: where + w.message, start: undefined, end: undefined };
  });
  const obj = c.object;
  if (!obj || diagnostics.some((d) => d.severity === 'error')) return { diagnostics, bytecode: [] };
  const prog = obj.programs[0];
  if (!prog) {
    diagnostics.push(err('no program: put a function in a SEC("...") section, e.g. SEC("xdp")', 'c'));
    return { diagnostics, bytecode: [] };
  }
  const sec = progTypeForSection(prog.section);
  const override = req.progType ? progTypeForCli(req.progType) : undefined;
  if (req.progType && !override) {
    diagnostics.push(err(`unknown program type '${req.progType}'`, 'c', DiagCode.BadOption));
    return { diagnostics, bytecode: [] };
  }
  if (!sec && !override) {
    diagnostics.push(err(`no program type for SEC("${prog.section}") (try SEC("xdp"), SEC("tc") or SEC("socket"))`, 'c'));
    return { diagnostics, bytecode: [] };
  }
  const type = override ? override.type : sec!.type;
  const attachType = override ? override.attachType : sec!.def.attachType;
  // libbpf fills global-data maps and freezes .rodata: the verifier reads constant strings
  // (bpf_snprintf formats) from it
  const maps: VerifyMap[] = objectVerifyMaps(obj);
  const { insns, relocs } = linkProgram(prog);
  const lineInfo = lineInfoRecords(prog.lineInfo, (f) => sourceText(sources, f));
  const globalFuncs = globalFuncsOf(prog) ?? [];
  const indexed = indexMapRefs(insns, relocs, maps.map((m) => m.name));
  const verifierInsns = indexed.ok ? indexed.insns : insns;
  const symbolAt = new Map(relocs.filter((r) => r.kind === 'map').map((r) => [r.pc, r.symbol]));
  const lines = text.split('\n');
  const bytecode = bytecodeRows(insns, [], text, (pc) => symbolAt.get(pc)).map((r) => {
    const li = prog.lineInfo[r.pc];
    if (li && li.file === file && li.line > 0) return { ...r, line: li.line, src: (lines[li.line - 1] ?? '').trim() };
    return r;
  });
  const lineOf = (pc: number | undefined) => {
    const li = pc === undefined ? undefined : prog.lineInfo[pc];
    return li && li.file === file && li.line > 0 ? { line: li.line, col: Math.max(1, li.col) } : undefined;
  };
  const invalid = validateInsns(insns);
  if (invalid.length > 0) {
    for (const v of invalid) diagnostics.push({ ...err(`${prog.name} insn ${v.pc}: ${v.message}`, 'isa', DiagCode.InvalidOpcode), start: lineOf(v.pc) });
    return { diagnostics, bytecode };
  }
  return {
    diagnostics,
    bytecode,
    prog: {
      type, attachType, section: prog.section, attachTo: sec?.target ?? '', name: prog.name, insns: insns.slice(),
      relocs: relocs.map((r) => ({ pc: r.pc, symbol: r.symbol, kind: r.kind })), verifierInsns, maps, object: obj, lineOf, funcInfo: true, ...(lineInfo.length ? { lineInfo } : {}), ...(globalFuncs.length ? { globalFuncs } : {}),
      ...(c.recordTypes && Object.keys(c.recordTypes).length ? { recordTypes: c.recordTypes } : {}),
    },
  };
}

export interface VerifiedPrepared {
  verifier: VerifierSummary;
  /** Per instruction, the verifier's abstract states seen before it (capped). */
  states: string[][];
  diagnostic?: WireDiagnostic;
  /** pcs of loads through BTF pointers, for kernel.load's BPF_PROBE_MEM rewrite (LoadOptions.probeMem). */
  probeMem?: number[];
  /** The explored nodes, reduced (only with `explore`). */
  explored?: { nodes: ExploredPathNode[]; truncated: boolean };
}

/** Most explored nodes shipped to the page for the paths view. */
export const MAX_EXPLORED_NODES = 20000;

/** Most states kept per instruction, and characters per state, for the state tree panel. */
export const MAX_STATES_PER_INSN = 16;
export const MAX_STATE_CHARS = 600;

/**
 * `states: false` skips the per-instruction state texts (the verifier then runs several times
 * faster on branchy programs: formatting every state is most of its time).
 */
export function verifyPrepared(p: NonNullable<Prepared['prog']>, opts: { logLevel?: 1 | 2; unprivileged?: boolean; states?: boolean; explore?: boolean }): VerifiedPrepared {
  const logLevel = opts.logLevel ?? 1;
  const r = verify(p.verifierInsns, {
    progType: p.type, attachType: p.attachType, attachTo: p.attachTo || undefined, maps: [...p.maps], logLevel, unprivileged: opts.unprivileged, stateTexts: opts.states !== false,
    ...(opts.explore ? { explore: { maxNodes: MAX_EXPLORED_NODES, light: true } } : {}),
    ...(p.funcInfo ? { funcInfo: true } : {}), ...(p.lineInfo ? { lineInfo: p.lineInfo } : {}), ...(p.globalFuncs ? { globalFuncs: p.globalFuncs } : {}),
  });
  const verifier: VerifierSummary = { progType: p.type, accepted: r.accepted, error: r.error, log: r.log, processed: r.processed, logLevel };
  const out: VerifiedPrepared = {
    verifier,
    states: (r.states ?? []).map((ss) => ss.slice(0, MAX_STATES_PER_INSN).map((s) => (s.length > MAX_STATE_CHARS ? `${s.slice(0, MAX_STATE_CHARS)}…` : s))),
  };
  if (r.explored) {
    out.explored = {
      nodes: r.explored.nodes.map((n) => ({ insn: n.insn, parent: n.parent, edge: n.edge, checkpoint: n.checkpoint, pruned: n.pruned, prunedBy: n.prunedBy })),
      truncated: r.explored.truncated,
    };
  }
  if (r.probeMem?.length || r.kernelLoads?.length) out.probeMem = [...(r.probeMem ?? []), ...(r.kernelLoads ?? [])];
  if (!r.accepted) {
    const pc = errorPcFromLog(r.log);
    if (pc !== undefined) verifier.errorPc = pc;
    const d = err(`the verifier rejects ${p.name}${p.section ? ` (SEC("${p.section}"))` : ''}: ${r.error ?? 'rejected'}`, 'verify');
    const at = p.lineOf(pc);
    if (at) d.start = at;
    out.diagnostic = d;
  }
  return out;
}
