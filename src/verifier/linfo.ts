/**
 * Source-line comments in the verifier log, as Linux 6.18 prints them when the program came with
 * BTF line_info (clang -g objects through libbpf, our compiler's objects):
 *
 *   ; if (len > 1000) @ branches_ok.c:10
 *   4: (26) if w1 > 0x3e8 goto pc+3
 *
 * Rules (learned from kernel logs, testdata-linfo/): before an instruction's `N: (op) ...` line
 * (level 1 and 2 alike; at level 2 after the `N: R1=...` state line), the record covering it (the
 * last line_info record at or before the instruction) is printed, unless its file and line are the
 * ones printed last — a line is printed once per run of instructions, however many records (one per
 * column) it has, and again when the walk comes back to it from another line, also after a branch
 * is popped (the last printed line is not forgotten when a path ends). Leading whitespace of the
 * text is dropped, trailing whitespace kept; the file name is its basename. Instructions before the
 * first record print nothing.
 *
 * Does not: the `%d: ` prefixed line comments of CFG errors (check_cfg's back-edge / jump out of
 * range complaints), func_info/line_info consistency checks of the kernel (bad line_info is taken
 * as given).
 * Provenance: behaviour observed on Linux 6.18 (testdata-linfo/*.golden.json); own code.
 */
import type { Env } from './env.ts';

/** One BTF line_info record: from instruction `insn` on, the code comes from `file`:`line`. */
export interface VerifierLineInfo {
  insn: number;
  file: string;
  line: number;
  col?: number;
  /** The source line's text, as `.BTF.ext` carries it ('' when unknown). */
  text?: string;
}

interface LinfoState {
  recs: VerifierLineInfo[];
  /** file + line printed last ('' before the first). */
  prev: string;
}

const STATE = new WeakMap<Env, LinfoState>();

/** Give `env` the program's line info (records in any order; invalid ones are dropped). */
export function attachLineInfo(env: Env, recs: readonly VerifierLineInfo[] | undefined): void {
  if (!recs || recs.length === 0) return;
  const ok = recs.filter((r) => Number.isInteger(r.insn) && r.insn >= 0 && r.insn < env.insns.length);
  if (ok.length === 0) return;
  STATE.set(env, { recs: [...ok].sort((a, b) => a.insn - b.insn), prev: '' });
}

/** The record covering `insn`: the last one at or before it (binary search). */
function findLinfo(recs: VerifierLineInfo[], insn: number): VerifierLineInfo | undefined {
  let lo = 0;
  let hi = recs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (recs[mid].insn <= insn) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 ? undefined : recs[found];
}

/** verbose_linfo: the `; text @ file:line` comment before instruction `insn`, when due. */
export function logLineInfo(env: Env, insn: number): void {
  const st = STATE.get(env);
  if (!st || env.log.level === 0) return;
  const li = findLinfo(st.recs, insn);
  if (!li) return;
  const key = `${li.file}\0${li.line}`;
  if (key === st.prev) return;
  st.prev = key;
  const base = li.file.slice(li.file.lastIndexOf('/') + 1);
  env.log.write(`; ${(li.text ?? '').replace(/^\s+/, '')} @ ${base}:${li.line}\n`);
}

/**
 * Records from a per-instruction table (BpfProgram.lineInfo: one entry per slot): one record where
 * the file or line changes. `source(file)` may give the text of files whose entries carry none.
 * Slots with no position (file '' and line 0) start no record.
 */
export function lineInfoRecords(
  perInsn: readonly { file: string; line: number; col?: number; text?: string }[],
  source?: (file: string) => string | undefined,
): VerifierLineInfo[] {
  const out: VerifierLineInfo[] = [];
  const lines = new Map<string, string[] | undefined>();
  let prev = '';
  perInsn.forEach((li, insn) => {
    if (!li || (li.file === '' && li.line === 0)) return;
    const key = `${li.file}\0${li.line}`;
    if (key === prev) return;
    prev = key;
    let text = li.text;
    if (text === undefined && source) {
      if (!lines.has(li.file)) lines.set(li.file, source(li.file)?.split('\n'));
      text = lines.get(li.file)?.[li.line - 1]?.replace(/\r$/, '');
    }
    out.push({ insn, file: li.file, line: li.line, col: li.col, text: text ?? '' });
  });
  return out;
}
