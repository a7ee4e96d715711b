/* The page's side of the exploring worker (./worker.ts): started on first
   use and kept, shared by the Explore panel, the lessons' grading and the
   embed. A crash answers every waiting exploration with an error, and the
   next one starts a fresh worker. */
import type { Diagnostic, ExploreBounds } from '../engine/core-types';
import { type ExploreProgressInfo, type ExploreRun, type ExploreSettings, mergeResults } from './explore';
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

/** How many exploring workers the app runs at once: one per core but one (the page's own), at most 4.
    Splitting has a cost: each part expands the first few choices in full (docs/explorer.md). */
export function exploreWorkerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(4, cores - 1));
}

const pool: ExploreClient[] = [];

/** The page's exploring workers: the first is `sharedExploreClient()`'s. */
export function sharedExploreClients(count: number): ExploreClient[] {
  if (pool.length === 0) pool.push(sharedExploreClient());
  while (pool.length < count) pool.push(createExploreClient());
  return pool.slice(0, count);
}

/** An exploration split by schedule prefix over several workers (`--shard I/N`, docs/explorer.md), seen as one. */
export interface ShardedExploration {
  /** The parts merged (mergeResults); `resumable` when some part stopped before it was done. */
  readonly done: Promise<ExploreRun & { resumable: boolean }>;
  cancel(): void;
  /** Goes on with the parts that stopped, from where each stopped; the finished parts' results are kept. */
  resume(bounds: Pick<ExploreBounds, 'maxSchedules' | 'maxSeconds'>, onProgress?: (p: ExploreProgressInfo) => void): ShardedExploration;
}

interface Part { client: ExploreClient; id: number; last: (ExploreRun & { resumable: boolean }) | null }

const STOP_ORDER = [null, 'bound', 'cancelled'] as const;

function runParts(parts: Part[], start: (p: Part, onProgress: (x: ExploreProgressInfo) => void) => ExploreJob | null,
  onProgress?: (p: ExploreProgressInfo) => void): ShardedExploration {
  const progress = parts.map((p): ExploreProgressInfo | null => p.last && { schedules: p.last.schedules, pruned: p.last.pruned, outcomes: p.last.outcomes.length, elapsedMs: p.last.elapsedMs });
  const report = () => {
    const known = progress.filter((x): x is ExploreProgressInfo => x !== null);
    onProgress?.({
      schedules: known.reduce((n, x) => n + x.schedules, 0),
      pruned: known.reduce((n, x) => n + x.pruned, 0),
      /* distinct over the parts is known only when they are merged: at least the most of one part */
      outcomes: Math.max(0, ...known.map((x) => x.outcomes)),
      elapsedMs: Math.max(0, ...known.map((x) => x.elapsedMs)),
    });
  };
  const jobs = parts.map((p, i) => start(p, (x) => { progress[i] = x; report(); }));
  const cancel = () => { for (const j of jobs) j?.cancel(); };
  const done = Promise.all(parts.map((p, i) => {
    const job = jobs[i];
    if (!job) return Promise.resolve(p.last!);
    return job.done.then((r) => { p.last = r; return r; });
  })).then(
    (results) => {
      const merged = mergeResults(results);
      const stopped = STOP_ORDER[Math.max(...results.map((r) => STOP_ORDER.indexOf(r.stopped)))]!;
      return { ...merged, elapsedMs: Math.max(...results.map((r) => r.elapsedMs)), stopped, resumable: results.some((r) => r.resumable) };
    },
    (e: unknown) => { cancel(); throw e; },
  );
  return {
    done,
    cancel,
    resume: (bounds, more) => runParts(parts, (p, on) => (p.last?.resumable ? p.client.resume(p.id, bounds, { onProgress: on }) : null), more),
  };
}

/** Explores on every client at once, each its shard (one client: no split). */
export function exploreInShards(clients: readonly ExploreClient[], source: string, settings: ExploreSettings, bounds: ExploreBounds,
  options: { keep?: boolean; onProgress?: (p: ExploreProgressInfo) => void } = {}): ShardedExploration {
  const parts: Part[] = clients.map((client) => ({ client, id: 0, last: null }));
  return runParts(parts, (p, onProgress) => {
    const i = parts.indexOf(p);
    const job = p.client.explore(source, settings, clients.length > 1 ? { ...bounds, shard: { index: i, count: clients.length } } : bounds,
      { keep: options.keep, onProgress });
    p.id = job.id;
    return job;
  }, options.onProgress);
}
