/* The explorer's TypeScript side: drives the core's exploration in slices
   (progress, a time bound, cancel keeping what was found), merges the
   results of shards, and says what a result means. The CLI, the app's
   worker and the lessons use this; the exploring itself is in C
   (core-c/emu/explore.c, docs/explorer.md). */
import type { Core, ExploreBounds, ExploreOutcome, ExploreResult, RunSettings } from '../engine/core-types';

export type ExploreSettings = Pick<RunSettings, 'cpus' | 'budget'>;

export interface ExploreProgressInfo {
  schedules: number;
  pruned: number;
  outcomes: number;
  elapsedMs: number;
}

export interface ExploreOptions {
  onProgress?: (p: ExploreProgressInfo) => void;
  /** Cancel: exploring stops after the current slice; the result keeps what was found. */
  signal?: AbortSignal;
  /** Give the event loop a turn between slices (a worker reading cancel messages). */
  yieldBetweenSlices?: boolean;
  now?: () => number;
}

export interface ExploreRun extends ExploreResult {
  elapsedMs: number;
  /** Stopped by a bound or a cancel before it was complete. */
  stopped: 'bound' | 'cancelled' | null;
}

const SLICE_TARGET_MS = 20;

export async function exploreModule(core: Core, module: Uint8Array, settings: ExploreSettings, bounds: ExploreBounds,
  options: ExploreOptions = {}): Promise<ExploreRun> {
  const now = options.now ?? (() => performance.now());
  const explorer = core.explore(module, settings, bounds);
  const start = now();
  let stopped: ExploreRun['stopped'] = null;
  try {
    let slice = 16;
    for (;;) {
      if (options.signal?.aborted) { stopped = 'cancelled'; break; }
      if (bounds.maxSchedules !== undefined) slice = Math.max(1, Math.min(slice, bounds.maxSchedules - explorer.slice(0).schedules));
      const before = now();
      const p = explorer.slice(slice);
      const after = now();
      options.onProgress?.({ schedules: p.schedules, pruned: p.pruned, outcomes: p.outcomes, elapsedMs: after - start });
      if (p.finished) break;
      if (bounds.maxSchedules !== undefined && p.schedules >= bounds.maxSchedules) { stopped = 'bound'; break; }
      if (bounds.maxSeconds !== undefined && after - start >= bounds.maxSeconds * 1000) { stopped = 'bound'; break; }
      /* Slices of about 20 ms: progress stays live and a cancel is quick. */
      const took = Math.max(after - before, 0.01);
      slice = Math.max(1, Math.min(65536, Math.round(slice * Math.min(4, SLICE_TARGET_MS / took))));
      if (options.yieldBetweenSlices) await new Promise((r) => setTimeout(r, 0));
    }
    const result = explorer.result();
    return { ...result, complete: result.complete && stopped === null, elapsedMs: now() - start, stopped };
  } finally {
    explorer.dispose();
  }
}

/** Two outcomes are the same when these agree (the C explorer's key, docs/explorer.md). */
export function outcomeKey(o: ExploreOutcome): string {
  return JSON.stringify([o.outcome, o.status, o.prints, o.bugcheck && [o.bugcheck.code, o.bugcheck.line],
    o.deadlock?.threads.map((t) => [t.thread, t.waitingOn]) ?? null, o.assertion?.line ?? null]);
}

/** The results of the shards of one exploration (or of --jobs) as one. */
export function mergeResults(parts: readonly ExploreResult[]): ExploreResult {
  const outcomes = new Map<string, ExploreOutcome>();
  const races = new Map<string, ExploreResult['races'][number]>();
  const findings = new Map<string, ExploreResult['findings'][number]>();
  let errors: string | null = null;
  for (const r of parts) {
    for (const o of r.outcomes) {
      const k = outcomeKey(o), seen = outcomes.get(k);
      if (seen) seen.count += o.count;
      else outcomes.set(k, { ...o });
    }
    for (const x of r.races) {
      const k = `${[...x.lines].sort((a, b) => a - b).join(',')}@${x.address}`;
      if (!races.has(k)) races.set(k, x);
    }
    for (const f of r.findings) {
      const k = `${f.code}@${f.lines.join(',')}`;
      if (!findings.has(k)) findings.set(k, f);
    }
    errors ??= r.error;
  }
  const sum = (f: (r: ExploreResult) => number) => parts.reduce((n, r) => n + f(r), 0);
  return {
    complete: parts.length > 0 && parts.every((r) => r.complete),
    schedules: sum((r) => r.schedules),
    pruned: sum((r) => r.pruned),
    outcomes: [...outcomes.values()],
    races: [...races.values()],
    findings: [...findings.values()],
    runs: sum((r) => r.runs),
    events: sum((r) => r.events),
    maxDepth: Math.max(0, ...parts.map((r) => r.maxDepth)),
    cut: parts.some((r) => r.cut),
    error: errors,
  };
}

function ntSuccess(status: string | null): boolean {
  return status !== null && (Number.parseInt(status, 16) >>> 0) < 0x80000000;
}

/** A schedule that failed: a bug check, a deadlock, an assertion, a failing status or a leak. */
export function outcomeFailed(o: ExploreOutcome): boolean {
  return o.outcome !== 'completed' && o.outcome !== 'budget' || !ntSuccess(o.status) || o.leaks.length > 0;
}

export const EXPLORE_EXIT = { clean: 0, failed: 1, usage: 2, incomplete: 3 } as const;

/** `wdkm explore`'s exit code: 1 when anything failed (a race included), else 0 when complete, else 3. */
export function exploreExitCode(r: ExploreResult): number {
  if (r.races.length > 0 || r.outcomes.some(outcomeFailed)) return EXPLORE_EXIT.failed;
  if (!r.complete || r.outcomes.some((o) => o.outcome === 'budget')) return EXPLORE_EXIT.incomplete;
  return EXPLORE_EXIT.clean;
}
