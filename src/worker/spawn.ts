/**
 * Starts the real compute worker (bundled by Vite from `host.ts` as an ES module worker).
 * Kept apart from `client.ts` so Node unit tests of the client never touch `Worker`.
 */
import type { WorkerLike } from './client.ts';

export function spawnComputeWorker(): WorkerLike {
  return new Worker(new URL('./host.ts', import.meta.url), { type: 'module', name: 'ebpf-compute' }) as unknown as WorkerLike;
}
