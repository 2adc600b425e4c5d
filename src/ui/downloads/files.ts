/**
 * What the Download menu saves, as pure functions of the workspace and the last results:
 *  - `objectFile`: the program as a relocatable BPF ELF `.o` (src/elf `writeElf`), which
 *    `bpftool prog load` and libbpf load: C is compiled (src/compiler); assembly is assembled
 *    (src/asm) into one program in the section its program type's libbpf name gives (`xdp`,
 *    `tc`, `socket`, `kprobe`, …), license "GPL", with line info pointing at the `.s` lines.
 *  - `verifierLogFile`: the verifier's kernel-format log as text, headed by the verdict.
 *  - `scenarioPcap`: the traffic a run was fed, as a classic pcap: the scenario is seeded, so
 *    `createScenario(name, {seed, count, ratePps})` gives again exactly the packets the worker's
 *    run used (src/worker/session.ts builds them the same way), timestamps included (src/sim/nic
 *    `writePcap`, microsecond pcap).
 *
 * Errors are values (`{ error }` with `file:line:col: error: …`), never exceptions. The page
 * imports this module lazily (it pulls in the compiler), only when a download is asked for.
 *
 * Does not: save maps for assembly (an `.s` that names maps has no map definitions, so it is
 * refused with a clear message), or several programs (C: every program of the object is saved,
 * as clang would).
 */
import { assemble } from '../../asm/index.ts';
import { compile } from '../../compiler/driver.ts';
import type { Diagnostic } from '../../diag/diagnostic.ts';
import { writeElf } from '../../elf/index.ts';
import type { BpfObject, BpfReloc, LineInfo } from '../../isa/object.ts';
import { validateInsns } from '../../isa/validate.ts';
import { writePcap } from '../../sim/nic/pcap.ts';
import { createScenario } from '../../sim/nic/scenario.ts';

export type FileResult = { ok: true; bytes: Uint8Array; name: string; mime: string } | { ok: false; error: string };

/** libbpf section name for an assembly program of CLI type `type` (the `--type` names). */
export const SECTION_FOR_TYPE: Readonly<Record<string, string>> = {
  xdp: 'xdp', tc: 'tc', socket: 'socket', cgroup_skb: 'cgroup_skb/ingress', kprobe: 'kprobe', kretprobe: 'kretprobe',
  tracepoint: 'tracepoint', raw_tracepoint: 'raw_tracepoint', perf_event: 'perf_event',
};

function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return { line, col: offset - last };
}

function firstError(diags: readonly Diagnostic[], file: string, text: string): string | null {
  const d = diags.find((x) => x.severity === 'error');
  if (!d) return null;
  const at = d.span && d.span.file === file ? lineCol(text, d.span.start) : null;
  return at ? `${file}:${at.line}:${at.col}: error: ${d.message}` : `${d.span?.file ?? file}: error: ${d.message}`;
}

const baseName = (file: string) => file.replace(/\.[A-Za-z0-9]+$/, '') || 'prog';

/** The workspace's program as a `.o`. `progType`: the assembly's chosen type (null = xdp). */
export function objectFile(file: string, text: string, progType: string | null): FileResult {
  let object: BpfObject;
  if (/\.c$/i.test(file)) {
    const r = compile({ [file]: text }, file);
    const err = firstError(r.diagnostics, file, text);
    if (err || !r.object) return { ok: false, error: err ?? `${file}: error: the compiler produced no object` };
    object = r.object;
    if (object.programs.length === 0) return { ok: false, error: `${file}: error: no program to save (put a function in a SEC("…") section)` };
  } else {
    const r = assemble(text, { file });
    const err = firstError(r.diagnostics, file, text);
    if (err) return { ok: false, error: err };
    if (r.insns.length === 0) return { ok: false, error: `${file}: error: no instructions to save` };
    const bad = validateInsns(r.insns)[0];
    if (bad) {
      const sp = r.spans[bad.pc];
      const at = sp ? lineCol(text, sp.start) : null;
      return { ok: false, error: at ? `${file}:${at.line}:${at.col}: error: ${bad.message}` : `${file}: error: insn ${bad.pc}: ${bad.message}` };
    }
    const mapRef = r.relocs.find((x) => x.kind === 'map');
    if (mapRef) {
      const at = lineCol(text, mapRef.span.start);
      return { ok: false, error: `${file}:${at.line}:${at.col}: error: '${mapRef.symbol}' is a map, and an assembly file has no map definitions to save in a .o; write the program in C to download it with its maps` };
    }
    const type = progType ?? 'xdp';
    const section = SECTION_FOR_TYPE[type];
    if (!section) return { ok: false, error: `${file}: error: no libbpf section name for program type '${type}'` };
    const lineInfo: LineInfo[] = r.insns.map((_, pc) => {
      let k = pc;
      while (k > 0 && !r.spans[k]) k--; // the second slot of an ld_imm64 has no span of its own
      const sp = r.spans[k];
      return { file, ...(sp ? lineCol(text, sp.start) : { line: 1, col: 1 }) };
    });
    // bpf-to-bpf calls: each called label becomes a subprogram (saved in .text, as clang does),
    // and each call site gets the R_BPF_64_32 relocation libbpf needs to link it.
    const nameAt = new Map<number, string>();
    for (const [label, pc] of Object.entries(r.labels)) if (!nameAt.has(pc)) nameAt.set(pc, label);
    const relocations: BpfReloc[] = [];
    const subs = new Map<number, string>();
    r.insns.forEach((insn, pc) => {
      if (insn.code !== 0x85 || insn.src !== 1) return;
      const target = pc + insn.imm + 1;
      if (target <= 0 || target >= r.insns.length) return;
      const name = subs.get(target) ?? nameAt.get(target) ?? `sub_${target}`;
      subs.set(target, name);
      relocations.push({ pc, symbol: name, kind: 'call', addend: 0 });
    });
    const subprograms = [...subs].sort((a, b) => a[0] - b[0]).map(([pc, name]) => ({ name, pc }));
    object = {
      programs: [{ name: baseName(file).replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1'), section, insns: r.insns, relocations, lineInfo, ...(subprograms.length ? { subprograms } : {}) }],
      maps: [],
      globals: [],
      license: 'GPL',
    };
  }
  return { ok: true, bytes: writeElf(object), name: `${baseName(file)}.o`, mime: 'application/x-object' };
}

export interface LogInput {
  file: string;
  accepted: boolean;
  error: string | null;
  progType: string;
  log: string;
}

/** The verifier log as a `.txt`: a two-line header (file, type, verdict), then the log as the kernel prints it. */
export function verifierLogFile(v: LogInput): FileResult {
  const verdict = v.accepted ? 'accepted' : `rejected: ${v.error ?? 'see the log'}`;
  const text = `# ${v.file}, program type ${v.progType}: ${verdict}\n# verifier log (Linux 6.18 format, reproduced by eBPF Playground)\n${v.log.endsWith('\n') ? v.log : `${v.log}\n`}`;
  return { ok: true, bytes: new TextEncoder().encode(text), name: `${baseName(v.file)}-verifier.txt`, mime: 'text/plain' };
}

/** Most packets a pcap download holds (a million-packet run would be a ~1 GB file). */
export const MAX_PCAP_PACKETS = 100_000;

/** The traffic of a scenario run as a pcap (the first MAX_PCAP_PACKETS packets). */
export function scenarioPcap(name: string, scenario: string, seed: number, count: number, ratePps?: number): FileResult {
  const sc = createScenario(scenario, { seed, count: Math.min(count, MAX_PCAP_PACKETS), ...(ratePps ? { ratePps } : {}) });
  if (!sc.value) return { ok: false, error: sc.diagnostics[0]?.message ?? `no traffic scenario '${scenario}'` };
  const packets = [];
  for (const p of sc.value.packets()) packets.push({ bytes: p.bytes, timestampNs: p.timestampNs });
  return { ok: true, bytes: writePcap(packets), name, mime: 'application/vnd.tcpdump.pcap' };
}
