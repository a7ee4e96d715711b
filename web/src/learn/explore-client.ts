/* The page's side of the exploring worker (./explore.worker.ts): started on
   first use and kept; a crash answers every waiting request with a message
   and the next request starts a fresh worker. */
import type { ExploreReport, Ran } from './grade';

export type ExploreFn = (source: string, settings: { cpus: number; budget: number }) => Promise<Ran<ExploreReport>>;

export function exploreInWorker(): ExploreFn {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, (r: Ran<ExploreReport>) => void>();
  const fail = (message: string) => {
    worker?.terminate();
    worker = null;
    for (const resolve of waiting.values()) resolve({ ok: false, message });
    waiting.clear();
  };
  return (source, { cpus, budget }) => {
    if (!worker) {
      worker = new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<{ id: number; value: Ran<ExploreReport> }>) => {
        waiting.get(e.data.id)?.(e.data.value);
        waiting.delete(e.data.id);
      };
      worker.onerror = (e) => { e.preventDefault(); fail(`The explorer's worker failed: ${e.message || 'it crashed'}`); };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker!.postMessage({ id, source, cpus, budget });
    });
  };
}

