/* The page's side of the exploring worker (./worker.ts): started on first
   use and kept, shared by the Explore panel, the lessons' grading and the
   embed. A crash answers every waiting exploration with an error, and the
   next one starts a fresh worker. */
import type { Diagnostic, ExploreBounds } from '../engine/core-types';
import type { ExploreProgressInfo, ExploreRun, ExploreSettings } from './explore';
import type { ExploreReply, ExploreRequest } from './protocol';

export interface ExploreWorkerLike {
  postMessage(message: ExploreRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** An exploration the worker could not make: `diagnostics` when the source does not compile. */
export class ExploreFailed extends Error {
  constructor(message: string, readonly diagnostics: Diagnostic[] = []) {
    super(message);
  }
}

export interface ExploreJob {
  readonly id: number;
  /** What was found; rejects with ExploreFailed. `resumable`: `resume(id)` goes on from where it stopped. */
  readonly done: Promise<ExploreRun & { resumable: boolean }>;
  /** Stop after the current slice: `done` then has what was found so far. */
  cancel(): void;
}

export interface ExploreClient {
  /** `keep`: an exploration stopped by a bound or a cancel stays open to be resumed (until another starts). */
  explore(source: string, settings: ExploreSettings, bounds: ExploreBounds,
    options?: { keep?: boolean; onProgress?: (p: ExploreProgressInfo) => void }): ExploreJob;
  resume(id: number, bounds: Pick<ExploreBounds, 'maxSchedules' | 'maxSeconds'>,
    options?: { onProgress?: (p: ExploreProgressInfo) => void }): ExploreJob;
  dispose(): void;
}

export const spawnExploreWorker = (): ExploreWorkerLike =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'wdkm-explore' });

interface Waiting {
  resolve: (r: ExploreRun & { resumable: boolean }) => void;
  reject: (e: ExploreFailed) => void;
  onProgress?: (p: ExploreProgressInfo) => void;
}

export function createExploreClient(spawn: () => ExploreWorkerLike = spawnExploreWorker): ExploreClient {
  let worker: ExploreWorkerLike | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();
  const crash = (message: string) => {
    worker?.terminate();
    worker = null;
    for (const w of waiting.values()) w.reject(new ExploreFailed(message));
    waiting.clear();
  };
  const started = (): ExploreWorkerLike => {
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (event: MessageEvent) => {
      const m = event.data as ExploreReply;
      const job = waiting.get(m.id);
      if (!job) return;
      if (m.type === 'progress') {
        const { type: _t, id: _i, ...p } = m;
        job.onProgress?.(p);
        return;
      }
      waiting.delete(m.id);
      if (m.type === 'done') job.resolve({ ...m.result, resumable: m.resumable });
      else job.reject(new ExploreFailed(m.message, m.diagnostics));
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      crash(`The explorer's worker failed: ${e.message || 'it crashed'}`);
    };
    worker = w;
    return w;
  };
  const send = (request: ExploreRequest, onProgress?: (p: ExploreProgressInfo) => void): ExploreJob => {
    if (waiting.has(request.id)) {
      return { id: request.id, done: Promise.reject(new ExploreFailed('This exploration is still running.')), cancel: () => {} };
    }
    const w = started();
    const done = new Promise<ExploreRun & { resumable: boolean }>((resolve, reject) => {
      waiting.set(request.id, { resolve, reject, onProgress });
    });
    w.postMessage(request);
    return {
      id: request.id,
      done,
      cancel: () => { if (waiting.has(request.id)) worker?.postMessage({ type: 'cancel', id: request.id }); },
    };
  };
  return {
    explore: (source, settings, bounds, options = {}) =>
      send({ type: 'explore', id: nextId++, source, settings, bounds, keep: options.keep }, options.onProgress),
    resume: (id, bounds, options = {}) => send({ type: 'resume', id, bounds }, options.onProgress),
    dispose: () => crash('The explorer was closed.'),
  };
}

let shared: ExploreClient | null = null;

/** The page's one exploring worker. */
export function sharedExploreClient(): ExploreClient {
  shared ??= createExploreClient();
  return shared;
}
