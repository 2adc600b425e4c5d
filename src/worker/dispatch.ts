/**
 * The worker's message dispatch: one request in, exactly one response out, for every request type
 * of protocol.ts — `run` (pipeline.ts), `verify` (live.ts), `counterexample` (counterexample.ts) and the run-session requests
 * (session.ts; the worker holds at most one session, replaced by each `session.start`).
 * An internal exception becomes a `failure` answer; nothing is thrown across the boundary.
 * Own code.
 */
import { handleRequest } from './pipeline.ts';
import { verifySource } from './live.ts';
import { counterexampleFor } from './counterexample.ts';
import { startSession, type RunSession } from './session.ts';
import type { SessionView, WorkerRequest, WorkerResponse } from './protocol.ts';

let current: RunSession | undefined;

/**
 * What changes while a session runs: the answers to advance/step/map requests leave out what
 * `session.start` already sent (bytecode, CFG, verifier log and states, diagnostics, the
 * replayed execution counts and traced paths) so a batch costs the page little to receive; `partial` says so.
 * The exact counts (`execCounts`, one number per slot) change with every batch and stay in.
 */
export function progressOnly(v: SessionView): SessionView {
  return { ...v, partial: true, bytecode: [], diagnostics: [], cfg: undefined, states: undefined, verifier: undefined, failingPath: undefined, insnCounts: [], tracedPaths: undefined };
}

export function handleMessage(req: WorkerRequest): WorkerResponse {
  const id = typeof req?.id === 'number' ? req.id : -1;
  try {
    switch (req?.type) {
      case 'run':
        return handleRequest(req);
      case 'verify':
        return { id, type: 'verify', payload: verifySource(req.payload) };
      case 'counterexample':
        return { id, type: 'counterexample', payload: counterexampleFor(req.payload) };
      case 'session.start': {
        const s = startSession(req.payload);
        current = s.session;
        return { id, type: 'session', payload: s.view };
      }
      case 'session.advance':
      case 'session.step':
      case 'session.map': {
        if (!current) return { id, type: 'failure', payload: { kind: 'internal', message: 'no run session: start one first (the worker may have been restarted)' } };
        const v = req.type === 'session.advance' ? current.advance(req.payload.max) : req.type === 'session.step' ? current.step() : current.mapOp(req.payload);
        return { id, type: 'session', payload: progressOnly(v) };
      }
      default:
        return { id, type: 'failure', payload: { kind: 'internal', message: `unknown request type ${String((req as { type?: unknown })?.type)}` } };
    }
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { id, type: 'failure', payload: { kind: 'internal', message: `internal error in the worker (a bug, please report it): ${message}` } };
  }
}

/** Forget the session (tests). */
export function resetWorkerSession(): void {
  current = undefined;
}
