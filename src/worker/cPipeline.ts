/**
 * The worker's C path, as a pure function: C source → compile (src/compiler) → the first
 * program of the object → relocations patched as a loader patches them → verify (type from its
 * SEC()) → run once in the simulated kernel (src/kernel/run) on one default packet, an
 * Ethernet/IPv4/UDP frame to port 5001.
 *
 * Relocations: the verifier gets the kernel encodings with map *indices* (ld_imm64 src=1
 * imm=N for map N, src=2 imm=N with the variable's offset in the second slot for global data),
 * the maps listed in the object's order then one single-entry array per global section, as
 * `src/cli/verifyCmd.ts` and `runCmd.ts` do. The kernel loader resolves by name from `relocs`.
 *
 * Never throws for bad input: compile errors come back as 'c' diagnostics with line:col (those
 * inside a bundled header carry the header's name in the message and no editor position); a
 * rejection is a 'verify' diagnostic at the source line of the failing instruction (from the
 * object's line info), and nothing runs.
 *
 * Deliberately not here: choosing among several programs (the first wins), running the
 * non-packet types (kprobe, tracepoint, …: verified, not run), traces of kernel runs. Own code.
 */
import { compile, sourceText } from '../compiler/driver.ts';
import { DiagCode } from '../diag/codes.ts';
import { validateInsns } from '../isa/validate.ts';
import { progTypeForSection } from '../kernel/progtypes/progTypes.ts';
import { createKernel, createObjectMaps, indexMapRefs, isSkbType, linkProgram, objectMaps } from '../kernel/run/index.ts';
import { buildPacket } from '../sim/index.ts';
import type { VerifyMap } from '../verifier/index.ts';
import { bytecodeRows, DEFAULT_BUDGET, toWire } from './pipeline.ts';
import type { RunOutcome, RunRequest, WireDiagnostic } from './protocol.ts';
import { verifyAs } from './verifyStep.ts';

/** The packet a C program runs on: one UDP datagram to port 5001. */
export const DEFAULT_PACKET_TEXT = 'IPv4 10.0.0.1:40000 > 10.0.0.2:5001 UDP, 5-byte payload "hello"';
export function defaultPacket(): Uint8Array {
  return buildPacket({
    eth: { src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02' },
    ipv4: { src: '10.0.0.1', dst: '10.0.0.2' },
    udp: { sport: 40000, dport: 5001 },
    payload: 'hello',
  });
}

function err(message: string, stage: WireDiagnostic['stage'], code: number = DiagCode.BadFile): WireDiagnostic {
  return { code, severity: 'error', message, stage };
}

export function runC(req: RunRequest): RunOutcome {
  const file = req.file;
  const text = req.source;
  const sources = { [file]: text };
  const empty: RunOutcome = { diagnostics: [], bytecode: [], trace: [], traceTruncated: false, initialRegs: [] };

  const c = compile(sources, file);
  const diagnostics: WireDiagnostic[] = c.diagnostics.map((d) => {
    if (!d.span || d.span.file === file) return toWire(d, text, 'c');
    // in a bundled header: name it in the message, no position in the editor
    const w = toWire(d, sourceText(sources, d.span.file) ?? '', 'c');
    const where = w.start ? `${d.span.file}:${w.start.line}:${w.start.col}: ` : `${d.span.file}: `;
    return { ...w, message: where + w.message, start: undefined, end: undefined };
  });
  const obj = c.object;
  if (!obj || diagnostics.some((d) => d.severity === 'error')) return { ...empty, diagnostics };
  const prog = obj.programs[0];
  if (!prog) {
    diagnostics.push(err('no program: put a function in a SEC("...") section, e.g. SEC("xdp")', 'c'));
    return { ...empty, diagnostics };
  }
  const pt = progTypeForSection(prog.section);
  if (!pt) {
    diagnostics.push(err(`no program type for SEC("${prog.section}") (try SEC("xdp"), SEC("tc") or SEC("socket"))`, 'c'));
    return { ...empty, diagnostics };
  }

  const maps: VerifyMap[] = objectMaps(obj).map((m) => ({ ...m.spec, type: m.typeName }));
  const { insns: forKernel, relocs } = linkProgram(prog);
  const indexed = indexMapRefs(forKernel, relocs, maps.map((m) => m.name));
  // every relocation names one of the object's own maps or sections, so indexing cannot miss
  const forVerifier = indexed.ok ? indexed.insns : forKernel;
  const symbolAt = new Map(relocs.filter((r) => r.kind === 'map').map((r) => [r.pc, r.symbol]));

  const lines = text.split('\n');
  const bytecode = bytecodeRows(forKernel, [], text, (pc) => symbolAt.get(pc)).map((r) => {
    const li = prog.lineInfo[r.pc];
    if (li && li.file === file && li.line > 0) return { ...r, line: li.line, src: (lines[li.line - 1] ?? '').trim() };
    return r;
  });
  const lineOf = (pc: number | undefined) => {
    const li = pc === undefined ? undefined : prog.lineInfo[pc];
    return li && li.file === file && li.line > 0 ? { line: li.line, col: Math.max(1, li.col) } : undefined;
  };

  const invalid = validateInsns(forKernel);
  if (invalid.length > 0) {
    for (const v of invalid) diagnostics.push({ ...err(`${prog.name} insn ${v.pc}: ${v.message}`, 'isa', DiagCode.InvalidOpcode), start: lineOf(v.pc) });
    return { ...empty, diagnostics, bytecode };
  }

  const verifier = verifyAs(forVerifier, { type: pt.type, attachType: pt.def.attachType, attachTo: pt.target }, req.logLevel ?? 1, maps);
  if (!verifier.accepted) {
    const d = err(`the verifier rejects ${prog.name} (SEC("${prog.section}")): ${verifier.error ?? 'rejected'}`, 'verify');
    const at = lineOf(verifier.errorPc);
    if (at) d.start = at;
    diagnostics.push(d);
    return { ...empty, diagnostics, bytecode, verifier };
  }

  if (pt.type !== 'xdp' && !isSkbType(pt.type)) {
    diagnostics.push({
      code: DiagCode.BadOption, severity: 'note', stage: 'run',
      message: `verified as ${pt.type}; this page runs only packet programs (xdp, tc, socket) so far`,
    });
    return { ...empty, diagnostics, bytecode, verifier };
  }

  const kernel = createKernel({ seed: 1 });
  const made = createObjectMaps(kernel, obj);
  if (made) {
    diagnostics.push(err(made, 'run'));
    return { ...empty, diagnostics, bytecode, verifier };
  }
  const loaded = kernel.load(forKernel, { type: pt.type, relocs });
  if (!loaded.ok) {
    diagnostics.push({ ...err(`load: ${loaded.message}`, 'run'), start: lineOf(loaded.pc) });
    return { ...empty, diagnostics, bytecode, verifier };
  }
  const out = kernel.run(loaded.prog, { packet: defaultPacket(), budget: req.budget ?? DEFAULT_BUDGET });
  if (out.error) {
    diagnostics.push(err(`the test run failed: ${out.error.message}`, 'run'));
    return { ...empty, diagnostics, bytecode, verifier };
  }
  const kernelRun: RunOutcome['kernelRun'] = {
    progType: pt.type, retval: out.retval, retvalName: out.retvalName, steps: out.steps, packet: DEFAULT_PACKET_TEXT, tracePipe: out.tracePipe,
  };
  if (out.oops) {
    kernelRun.oops = { kind: out.oops.kind, pc: out.oops.pc, message: out.oops.message };
    diagnostics.push({ ...err(`runtime: ${out.oops.message.split('\n')[0]} (insn ${out.oops.pc})`, 'run', DiagCode.Fault), start: lineOf(out.oops.pc) });
  }
  return { ...empty, diagnostics, bytecode, verifier, kernelRun };
}
