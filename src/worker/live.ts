/**
 * Verify as you type: the worker's `verify` request — compile (or assemble) and verify, no run.
 * The page sends one per edit (debounced) and drops answers older than the latest; everything
 * the editor markers, the verifier pane, the CFG and the state tree need comes back in one answer
 * (the state texts only when asked: they cost more than the rest of the verify). The explored
 * paths come from the verifier's light explore mode (the walk's shape, no per-visit states):
 * on the examples it adds ≈0–10% to the verify where full exploration added 40–100%.
 * Never throws for bad input. Own code.
 */
import { buildCfg, failingPath } from './cfg.ts';
import { prepare, verifyPrepared } from './prepare.ts';
import type { VerifyOutcome, VerifyRequest } from './protocol.ts';

export function verifySource(req: VerifyRequest): VerifyOutcome {
  const t0 = performance.now();
  const p = prepare({ source: req.source, file: req.file, progType: req.progType });
  const out: VerifyOutcome = { diagnostics: p.diagnostics, bytecode: p.bytecode, workerMs: 0 };
  if (p.prog) {
    out.progType = p.prog.type;
    out.section = p.prog.section;
    out.attachTo = p.prog.attachTo;
    out.cfg = buildCfg(p.prog.insns);
    const v = verifyPrepared(p.prog, { logLevel: req.logLevel, unprivileged: req.unprivileged, states: req.states, explore: req.explore ?? req.states !== false });
    out.verifier = v.verifier;
    out.states = v.states;
    if (v.explored) out.explored = v.explored;
    if (v.diagnostic) {
      out.diagnostics = [...out.diagnostics, v.diagnostic];
      out.failingPath = failingPath(v.verifier.log);
    }
  }
  out.workerMs = performance.now() - t0;
  return out;
}
