/**
 * `ebpf-playground verify FILE... --type T [--map NAME:TYPE:KEY:VALUE:MAX]... [--log-level 0|1|2]
 *  [--json] [--unprivileged]` (DESIGN.md "The command line").
 *
 * Each FILE (.s, .bin, .hex, .c, .o) is verified with the re-implemented Linux 6.18 verifier
 * (src/verifier). Assembly `rX = NAME ll` relocations name a `--map`; raw files refer to maps by
 * index (ld_imm64 src=1 imm=N is the N-th --map, the kernel_oracle convention).
 * Output: the kernel-format log per file, or with --json one object per line
 * `{"file","accepted","error","processed","log"}`. Exit 0 all accepted, 1 some rejected, 2 bad input.
 *
 * .c and .o input: the object's maps, func_info and line_info (source-line comments in the log).
 */
import { readFileSync } from 'node:fs';
import { decodeInsns, type Insn } from '../isa/insn.ts';
import { parseHex } from '../isa/hex.ts';
import { parseMapSpec } from '../kernel/maps/index.ts';
import { indexMapRefs } from '../kernel/run/object.ts';
import { progTypeForCli, progTypeForSection, CLI_TYPE_NAMES } from '../kernel/progtypes/progTypes.ts';
import { globalFuncsOf, lineInfoRecords, objectVerifyMaps, verify, type GlobalFuncInfo, type VerifierLineInfo, type VerifyMap } from '../verifier/index.ts';
import { hasFuncInfo } from './runVerify.ts';
import { sourceText } from '../compiler/driver.ts';
import { flag, has, parseArgs, UsageError } from './args.ts';
import { splitJoinedI } from './compileCmd.ts';
import { extensionOf, formatDiagnostic, loadProgram } from './input.ts';
import type { Io } from './main.ts';

type Loaded =
  | { ok: true; insns: Insn[]; maps: VerifyMap[]; section?: string; unmodelled?: string; funcInfo?: boolean; globalFuncs?: GlobalFuncInfo[]; lineInfo?: VerifierLineInfo[] }
  | { ok: false; errors: string[] };

/** Raw slots are decoded without the encoding check: bad encodings are the verifier's to report. */
function loadForVerify(file: string, cliMaps: VerifyMap[], program?: string, includeDirs: readonly string[] = []): Loaded {
  const ext = extensionOf(file);
  if (ext === 'bin' || ext === 'hex') {
    let bytes: Uint8Array;
    try {
      if (ext === 'bin') bytes = new Uint8Array(readFileSync(file));
      else {
        const text = readFileSync(file, 'utf8');
        const h = parseHex(text, file);
        if (h.diagnostics.length) return { ok: false, errors: h.diagnostics.map((d) => formatDiagnostic(d, text)) };
        bytes = h.bytes;
      }
    } catch (e) {
      return { ok: false, errors: [`${file}: error: cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`] };
    }
    if (bytes.length === 0) return { ok: false, errors: [`${file}: error: empty program (no instructions)`] };
    const { insns, error } = decodeInsns(bytes);
    if (error) return { ok: false, errors: [`${file}: error: ${error.message}`] };
    return { ok: true, insns, maps: cliMaps };
  }
  const r = loadProgram(file, { program, includeDirs });
  if (!r.ok) return r;
  // a compiled or ELF object brings its maps (a --map of the same name overrides one) and one
  // single-entry array per global data section, as libbpf creates them
  const maps = objectVerifyMaps(r.value.object, { cli: cliMaps });
  const linked = indexMapRefs(r.value.insns, r.value.relocs ?? [], maps.map((m) => m.name));
  if (!linked.ok) return { ok: false, errors: [`${file}: error: insn ${linked.pc}: '${linked.missing}' is not a --map (give --map ${linked.missing}:TYPE:KEY:VALUE:MAX)`] };
  const insns = linked.insns;
  // The kernel verifies a global (non-static __noinline) function once, on its own, with arguments
  // typed by its BTF (a pointer parameter is mem_or_null there): verify() gets their prototypes.
  const globalFuncs = globalFuncsOf(r.value.program);
  const unmodelled: string | undefined = undefined;
  // libbpf hands the kernel BTF func_info when the object has .BTF.ext (clang -g, our compiler):
  // that is what lets callbacks (bpf_loop, bpf_for_each_map_elem) load.
  // ... and line_info: the log gets the kernel's `; <source line> @ file:line` comments (a .o carries
  // the line texts in .BTF.ext; for a .c they come from the file and the bundled headers)
  const funcInfo = hasFuncInfo(file);
  const prog = r.value.program;
  const lineInfo = prog && funcInfo ? lineInfoRecords(prog.lineInfo, (f) => (ext !== 'c' ? undefined : f === file ? readSource(file) : sourceText({}, f))) : undefined;
  return { ok: true, insns, maps, section: prog?.section, unmodelled, funcInfo, globalFuncs, ...(lineInfo?.length ? { lineInfo } : {}) };
}

function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function cmdVerify(argv: readonly string[], io: Io): number {
  const p = parseArgs(splitJoinedI(argv), {
    include: { value: true, repeat: true, short: 'I' },
    type: { value: true },
    map: { value: true, repeat: true },
    'log-level': { value: true },
    json: {},
    unprivileged: {},
    prog: { value: true },
  });
  if (p.positional.length === 0) throw new UsageError('verify needs at least one FILE');
  const typeName = flag(p, 'type');
  const given = typeName === undefined ? undefined : progTypeForCli(typeName);
  if (typeName !== undefined && !given) throw new UsageError(`unknown program type '${typeName}' (one of ${CLI_TYPE_NAMES.join(', ')})`);
  const lvlText = flag(p, 'log-level') ?? '1';
  if (!['0', '1', '2'].includes(lvlText)) throw new UsageError(`--log-level must be 0, 1 or 2, got '${lvlText}'`);
  const maps: VerifyMap[] = [];
  for (const spec of p.flags.get('map') ?? []) {
    const m = parseMapSpec(spec);
    if (!m.ok) throw new UsageError(m.message);
    maps.push({ name: m.spec.name, type: String(m.spec.type), keySize: m.spec.keySize, valueSize: m.spec.valueSize, maxEntries: m.spec.maxEntries, flags: m.spec.flags });
  }
  if (flag(p, 'prog') !== undefined && p.positional.some((f) => !['c', 'o'].includes(extensionOf(f)))) throw new UsageError('--prog picks a program of a .c or .o file');
  let bad = false;
  let rejected = false;
  for (const file of p.positional) {
    // --prog NAME: that program of a .c/.o (function name or section), as kernel_oracle.py's --prog; default the first
    const l = loadForVerify(file, maps, flag(p, 'prog'), p.flags.get('include') ?? []);
    if (!l.ok) {
      l.errors.forEach((e) => io.err(e));
      bad = true;
      continue;
    }
    // the type: --type, else the program's SEC() (C and ELF input)
    const fromSec = l.section !== undefined ? progTypeForSection(l.section) : undefined;
    const btfTyped = fromSec !== undefined && (fromSec.type === 'tracing' || fromSec.type === 'lsm'); // their BTF-typed ctx needs the attach target
    const pt = given ?? (fromSec ? { type: fromSec.type, attachType: btfTyped ? fromSec.def.attachType : undefined } : undefined);
    if (!pt) {
      io.err(
        l.section !== undefined
          ? `${file}: error: no program type for SEC("${l.section}"); give --type T`
          : `${file}: error: verify needs --type T for assembly and raw files (one of ${CLI_TYPE_NAMES.join(', ')})`,
      );
      bad = true;
      continue;
    }
    if (l.unmodelled) {
      rejected = true;
      if (has(p, 'json')) io.out(JSON.stringify({ file, accepted: false, error: l.unmodelled, processed: 0, log: l.unmodelled + '\n' }));
      else io.out(l.unmodelled);
      continue;
    }
    const r = verify(l.insns, {
      progType: pt.type, attachType: pt.attachType, attachTo: btfTyped ? fromSec?.target : undefined, maps: l.maps, logLevel: Number(lvlText) as 0 | 1 | 2, unprivileged: has(p, 'unprivileged'),
      funcInfo: l.funcInfo === true, lineInfo: l.lineInfo, globalFuncs: l.globalFuncs,
    });
    if (!r.accepted) rejected = true;
    if (has(p, 'json')) {
      io.out(JSON.stringify({ file, accepted: r.accepted, error: r.error, processed: r.processed, log: r.log }));
    } else {
      if (p.positional.length > 1) io.out(`${file}: ${r.accepted ? 'accepted' : 'rejected'}`);
      io.out(r.log.replace(/\n$/, ''));
    }
  }
  return bad ? 2 : rejected ? 1 : 0;
}
