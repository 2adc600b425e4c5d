/**
 * The verifier fidelity corpus: reading case headers, turning llvm-mc's object into the raw
 * bytecode the kernel oracle loads, and the golden format (shared by the recorder
 * `scripts/record-verifier-goldens.ts` and the well-formedness test `corpus.test.ts`).
 *
 * A case is `corpus/<group>/<name>.s` (LLVM BPF assembly, `llvm-mc-19 -triple bpf -mcpu=v4`)
 * with a header of `# @type:`, `# @map:` (zero or more, in order) and `# @desc:` lines. Its
 * bytecode is the `.text` section of the object with each relocation resolved as libbpf and
 * kernel_oracle.py would resolve it:
 *   - `rX = NAME ll` where NAME is the k-th `@map`   → ld_imm64 src_reg=1 (BPF_PSEUDO_MAP_FD), imm=k
 *   - `rX = LABEL ll` where LABEL is code in `.text` → ld_imm64 src_reg=4 (BPF_PSEUDO_FUNC),
 *     imm = target - pc - 1 (a callback for bpf_loop and friends)
 *   - `call LABEL` left as a relocation (a global label) → src_reg=1 (BPF_PSEUDO_CALL), relative imm
 * Local `call LABEL` is already resolved by llvm-mc itself.
 *
 * Deliberately not here: running llvm-mc or the kernel (callers do that), other sections than
 * `.text`, BTF. Errors are values (`{ value, diagnostics }`), never exceptions.
 * Provenance: ELF64 layout from the System V gABI; relocation types R_BPF_64_64 (1) and
 * R_BPF_64_32 (10) and their meaning from LLVM's BPF ELF documentation and libbpf's public docs.
 */
import type { Diagnostic } from '../../diag/diagnostic.ts';
import { DiagCode } from '../../diag/codes.ts';

/** Program types kernel_oracle.py supports. */
export const PROG_TYPES = [
  'xdp', 'socket_filter', 'sched_cls', 'kprobe', 'tracepoint', 'raw_tracepoint', 'perf_event',
  'cgroup_skb',
] as const;
export type ProgType = (typeof PROG_TYPES)[number];

/** One `@map NAME:TYPE:KEY:VALUE:MAX[:FLAGS]` line (the kernel_oracle --map syntax). */
export interface MapSpec {
  name: string;
  spec: string;
}

export interface CaseHeader {
  type: ProgType;
  maps: MapSpec[];
  desc: string;
}

export interface Result<T> {
  value: T | null;
  diagnostics: Diagnostic[];
}

/** The golden written beside each case as `<name>.golden.json`. */
export interface Golden {
  accepted: boolean;
  /** errno of BPF_PROG_LOAD (0 when accepted). */
  errno: number;
  /** The kernel's first complaint line (DESIGN.md "verify --json" rule), null when accepted. */
  error: string | null;
  /** N of `processed N insns`, null when the kernel printed no statistics line. */
  processed: number | null;
  total_states: number | null;
  peak_states: number | null;
  verification_time_usec: number | null;
  /** Level-1 log (error path and statistics), capped; see `capLog`. */
  log1: string;
  /** Level-2 log (every instruction), capped; see `capLog`. */
  log2: string;
}

export const GOLDEN_FIELDS: (keyof Golden)[] = [
  'accepted', 'errno', 'error', 'processed', 'total_states', 'peak_states',
  'verification_time_usec', 'log1', 'log2',
];

function err(file: string, message: string, start = 0, end = start): Diagnostic {
  return { code: DiagCode.BadFile, severity: 'error', message, span: { file, start, end } };
}

/** Parse the `# @key: value` header of a case. */
export function parseHeader(file: string, text: string): Result<CaseHeader> {
  const diagnostics: Diagnostic[] = [];
  let type: ProgType | null = null;
  let desc: string | null = null;
  const maps: MapSpec[] = [];
  const re = /^[ \t]*#[ \t]*@(\w+):[ \t]*(.*?)[ \t]*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, key, val] = m;
    const start = m.index;
    const end = start + m[0].length;
    if (key === 'type') {
      if ((PROG_TYPES as readonly string[]).includes(val)) type = val as ProgType;
      else diagnostics.push(err(file, `unknown program type '${val}'`, start, end));
    } else if (key === 'map') {
      const parts = val.split(':');
      if (parts.length < 5 || parts.length > 6 || !/^[A-Za-z_]\w*$/.test(parts[0])) {
        diagnostics.push(err(file, `bad map spec '${val}' (NAME:TYPE:KEY:VALUE:MAX[:FLAGS])`, start, end));
      } else maps.push({ name: parts[0], spec: val });
    } else if (key === 'desc') {
      desc = val;
    } else {
      diagnostics.push(err(file, `unknown header key '@${key}'`, start, end));
    }
  }
  if (!type) diagnostics.push(err(file, 'missing `# @type:` header'));
  if (!desc) diagnostics.push(err(file, 'missing `# @desc:` header'));
  if (diagnostics.length) return { value: null, diagnostics };
  return { value: { type: type!, maps, desc: desc! }, diagnostics };
}

interface Section {
  name: string;
  nameOff: number;
  type: number;
  offset: number;
  size: number;
  link: number;
  info: number;
}

/**
 * The raw bytecode of an llvm-mc object: `.text` with its relocations resolved (see file top).
 * `maps` are the case's map names in `@map` order.
 */
export function extractBytecode(file: string, elf: Uint8Array, maps: string[]): Result<Uint8Array> {
  const fail = (message: string): Result<Uint8Array> => ({ value: null, diagnostics: [err(file, message)] });
  if (elf.length < 64 || elf[0] !== 0x7f || elf[1] !== 0x45 || elf[2] !== 0x4c || elf[3] !== 0x46) {
    return fail('not an ELF object');
  }
  if (elf[4] !== 2 || elf[5] !== 1) return fail('not a little-endian ELF64 object');
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const shoff = Number(dv.getBigUint64(0x28, true));
  const shentsize = dv.getUint16(0x3a, true);
  const shnum = dv.getUint16(0x3c, true);
  const shstrndx = dv.getUint16(0x3e, true);
  if (shoff + shnum * shentsize > elf.length || shentsize < 64) return fail('truncated section headers');
  const secs: Section[] = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    secs.push({
      name: '', nameOff: dv.getUint32(o, true), type: dv.getUint32(o + 4, true), offset: Number(dv.getBigUint64(o + 24, true)),
      size: Number(dv.getBigUint64(o + 32, true)), link: dv.getUint32(o + 40, true),
      info: dv.getUint32(o + 44, true),
    });
  }
  const cstr = (sec: Section, off: number): string => {
    let e = sec.offset + off;
    while (e < elf.length && elf[e] !== 0) e++;
    return new TextDecoder().decode(elf.subarray(sec.offset + off, e));
  };
  if (shstrndx >= secs.length) return fail('bad section name table index');
  for (const s of secs) s.name = cstr(secs[shstrndx], s.nameOff);
  const textIdx = secs.findIndex((s) => s.name === '.text');
  if (textIdx < 0) return fail('object has no .text section');
  const text = secs[textIdx];
  if (text.size === 0 || text.size % 8 !== 0) return fail(`.text size ${text.size} is not a non-zero multiple of 8`);
  const code = Uint8Array.from(elf.subarray(text.offset, text.offset + text.size)); // a copy
  const cv = new DataView(code.buffer, code.byteOffset, code.byteLength);
  const rel = secs.find((s) => s.type === 9 /* SHT_REL */ && s.info === textIdx);
  if (!rel) return { value: code, diagnostics: [] };
  const symtab = secs[rel.link];
  const strtab = secs[symtab.link];
  const diagnostics: Diagnostic[] = [];
  for (let r = 0; r < rel.size / 16; r++) {
    const ro = rel.offset + r * 16;
    const off = Number(dv.getBigUint64(ro, true));
    const info = dv.getBigUint64(ro + 8, true);
    const symIdx = Number(info >> 32n);
    const rtype = Number(info & 0xffffffffn);
    const so = symtab.offset + symIdx * 24;
    const sym = {
      name: cstr(strtab, dv.getUint32(so, true)),
      type: elf[so + 4] & 0xf,
      shndx: dv.getUint16(so + 6, true),
      value: Number(dv.getBigUint64(so + 8, true)),
    };
    const pc = off / 8;
    const inText = sym.shndx === textIdx;
    const name = sym.type === 3 /* STT_SECTION */ ? secs[sym.shndx]?.name ?? '?' : sym.name;
    const imm = cv.getInt32(off + 4, true);
    const setSrc = (src: number): void => { code[off + 1] = (code[off + 1] & 0x0f) | (src << 4); };
    if (rtype === 1 /* R_BPF_64_64 */ && code[off] === 0x18) {
      const mapIdx = maps.indexOf(name);
      if (!inText && mapIdx >= 0) {
        setSrc(1);
        cv.setInt32(off + 4, mapIdx, true);
        cv.setInt32(off + 12, 0, true);
      } else if (inText) {
        const target = (sym.value + imm) / 8;
        setSrc(4);
        cv.setInt32(off + 4, target - pc - 1, true);
        cv.setInt32(off + 12, 0, true);
      } else {
        diagnostics.push(err(file, `insn ${pc}: '${name}' is neither a @map nor a label in .text`));
      }
    } else if (rtype === 10 /* R_BPF_64_32 */ && code[off] === 0x85 && inText) {
      const target = sym.value / 8 + imm + 1;
      setSrc(1);
      cv.setInt32(off + 4, target - pc - 1, true);
    } else {
      diagnostics.push(err(file, `insn ${pc}: unsupported relocation type ${rtype} against '${name}'`));
    }
  }
  if (diagnostics.length) return { value: null, diagnostics };
  return { value: code, diagnostics };
}

/**
 * The kernel's first complaint, by the rule of DESIGN.md "verify --json": the first line after
 * the last instruction line (`^[0-9]+: `), or the first line when no instruction line exists.
 * Empty lines are skipped.
 */
export function firstComplaint(log1: string): string | null {
  const lines = log1.split('\n').filter((l) => l.length > 0);
  let last = -1;
  lines.forEach((l, i) => { if (/^[0-9]+: /.test(l)) last = i; });
  return lines[last + 1] ?? null;
}

/** Logs larger than this are stored as head + marker + tail. */
export const LOG_CAP = 64 * 1024;

/**
 * Cap a log at about LOG_CAP characters: the first and last halves of the budget are kept
 * (cut at line boundaries) and a marker line between them says how much was left out.
 */
export function capLog(log: string, cap = LOG_CAP): string {
  if (log.length <= cap) return log;
  const half = Math.floor(cap / 2);
  let headEnd = log.lastIndexOf('\n', half);
  if (headEnd < 0) headEnd = half; else headEnd += 1;
  let tailStart = log.indexOf('\n', log.length - half);
  if (tailStart < 0) tailStart = log.length - half; else tailStart += 1;
  return capMarkerJoin(log.slice(0, headEnd), log.slice(tailStart), tailStart - headEnd, log.length);
}

/** The marker line put between the kept head and tail of a capped log. */
export const CAP_MARKER = /^\[\.\.\. log capped by the recorder: \d+ of \d+ bytes left out \.\.\.\]$/m;

/** head + marker line + tail. */
export function capMarkerJoin(head: string, tail: string, leftOut: number, total: number): string {
  return `${head}[... log capped by the recorder: ${leftOut} of ${total} bytes left out ...]\n${tail}`;
}
