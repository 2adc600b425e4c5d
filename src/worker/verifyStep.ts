/**
 * The pipeline's verifier step: run `verify` (src/verifier, the Linux 6.18 re-implementation) on
 * an assembled or compiled program and summarise it for the page (verdict, kernel-format log,
 * processed count, the pc the complaint is about).
 *
 * `errorPc` is read from the log the way a person reads it: the last instruction line
 * `N: (xx) …` printed before the complaint. Without such a line (load-time errors such as
 * "unreachable insn 3" or an empty program) it is absent.
 *
 * Deliberately not here: running the program, or choosing the type from SEC() (the C pipeline
 * does that). Own code.
 */
import type { Insn } from '../isa/insn.ts';
import { progTypeForCli, CLI_TYPE_NAMES } from '../kernel/progtypes/progTypes.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { verify, type VerifyMap } from '../verifier/index.ts';
import type { VerifierSummary } from './protocol.ts';

export const DEFAULT_PROG_TYPE = 'xdp';

/** The last `N: (` instruction line of a verifier log, or undefined. */
export function errorPcFromLog(log: string): number | undefined {
  let pc: number | undefined;
  for (const line of log.split('\n')) {
    const m = /^(\d+): \([0-9a-f]{2}\)/.exec(line);
    if (m) pc = Number(m[1]);
  }
  return pc;
}

/**
 * Verify `insns` as program type `typeName` (a `--type` name: xdp, tc, socket, kprobe, … or a
 * kernel name such as sched_cls). An unknown name is a rejection saying so, never an exception.
 */
export function verifyProgram(
  insns: readonly Insn[],
  typeName: string,
  logLevel: 1 | 2 = 1,
  maps: readonly VerifyMap[] = [],
): VerifierSummary {
  const pt = progTypeForCli(typeName);
  if (!pt) {
    const error = `unknown program type '${typeName}' (one of ${CLI_TYPE_NAMES.join(', ')})`;
    return { progType: typeName, accepted: false, error, log: `${error}\n`, processed: 0, logLevel };
  }
  return verifyAs(insns, pt, logLevel, maps);
}

/** Verify as an already resolved type (the C pipeline's, from SEC()). */
export function verifyAs(
  insns: readonly Insn[],
  pt: { type: ProgTypeName; attachType?: string; attachTo?: string },
  logLevel: 1 | 2 = 1,
  maps: readonly VerifyMap[] = [],
): VerifierSummary {
  const r = verify(insns, { progType: pt.type, attachType: pt.attachType, attachTo: pt.attachTo, maps: [...maps], logLevel });
  const out: VerifierSummary = { progType: pt.type, accepted: r.accepted, error: r.error, log: r.log, processed: r.processed, logLevel };
  if (!r.accepted) {
    const pc = errorPcFromLog(r.log);
    if (pc !== undefined) out.errorPc = pc;
  }
  return out;
}
