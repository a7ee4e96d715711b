/* The one place the engine worker is created. Vite bundles a worker only from
   this literal `new Worker(new URL(...), { type: 'module' })` form. */
import type { WorkerLike } from './client';

export function spawnEngineWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'wdkm-engine' });
}
