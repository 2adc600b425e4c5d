/**
 * Page-level actions that talk to the compute worker: run the workspace source, stop a run.
 *
 * The one worker client lives here (module scope in the UI layer, not in a store: stores hold
 * plain data only). A run that does not answer within RUN_TIMEOUT_MS is stopped by the client,
 * which restarts the worker — the tab never freezes.
 */
import { beginRun, finishRun, useSession } from '../../state/session.ts';
import { getFile, getSource, useWorkspace } from '../../state/workspace.ts';
import { createWorkerClient, type WorkerClient } from '../../worker/client.ts';
import { spawnComputeWorker } from '../../worker/spawn.ts';

export const RUN_TIMEOUT_MS = 10_000;

let client: WorkerClient | null = null;

function getClient(): WorkerClient {
  client ??= createWorkerClient({ spawn: spawnComputeWorker, timeoutMs: RUN_TIMEOUT_MS });
  return client;
}

/** The page's one worker client (live verify and traffic runs share it with Run). */
export const getWorkerClient = getClient;

/** Assemble and run what is in the editor; the result lands in the session store. */
export async function runWorkspace(): Promise<void> {
  const source = getSource();
  const file = getFile();
  const { mem, progType } = useWorkspace.getState();
  const { logLevel } = useSession.getState();
  const id = beginRun(source);
  const reply = await getClient().run({ source, file, mem, progType: progType ?? undefined, logLevel });
  finishRun(id, reply);
}

/** Stop a run in progress (terminates and later restarts the worker). */
export function stopRun(): void {
  if (useSession.getState().status === 'running') client?.cancel();
}
