/* The explorer's TypeScript side: drives the core's exploration in slices
   (progress, a time bound, cancel keeping what was found), merges the
   results of shards, and says what a result means. The CLI, the app's
   worker and the lessons use this; the exploring itself is in C
   (core-c/emu/explore.c, docs/explorer.md). The core says which schedules
   end distinctly; each distinct outcome is described here from its witness's
   replay, by the routine that describes `wdkm run` (../trace/result.ts). */
import type { CodeNames, Core, CoreExploreResult, ExploreBounds, ExploreOutcome, ExploreResult, RunSettings } from '../engine/core-types';
import { runModule } from '../engine/pipeline';
import { DEFAULT_SETTINGS } from '../settings';
import { decodeTrace } from '../trace/decode';
import { findingName } from '../trace/kinds';
import { makeNamer, nameText, type Namer, stableNamer } from '../trace/names';
import { describeOutcome, type OutcomeDescription } from '../trace/result';
import { raceVariable } from './memory-names';
import { parseSchedule } from './schedule';

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
  /** Time spent exploring, over every part of a resumed exploration. */
  elapsedMs: number;
  /** Stopped by a bound or a cancel before it was complete. */
  stopped: 'bound' | 'cancelled' | null;
}

/** The bounds of one part of an exploration: `maxSchedules` counts every
    schedule since it began, `maxSeconds` this part's time. */
export type ExplorePartBounds = Pick<ExploreBounds, 'maxSchedules' | 'maxSeconds'>;

/** An exploration kept open between parts: one that stopped at a bound or a
    cancel goes on from where it stopped (the core keeps its unexplored
    choices), so its parts together find what one uninterrupted run finds. */
export interface ExploreSession {
  /** Explores on until everything was explored, a bound or a cancel; returns what was found so far. */
  run(bounds: ExplorePartBounds, options?: ExploreOptions): Promise<ExploreRun>;
  /** Nothing is left to explore (or exploring could not go on). */
  readonly finished: boolean;
  dispose(): void;
}

const SLICE_TARGET_MS = 20;

/** A witness that does not replay to a run: the explorer and the run disagree, a bug of the playground. */
export class WitnessDidNotReplay extends Error {}

/** Replays a witness once through the run pipeline and describes the run as `wdkm run --json` does. */
export function replayWitness(core: Core, module: Uint8Array, budget: number, schedule: string,
  names?: CodeNames | null): OutcomeDescription {
  return replayNamed(core, module, budget, schedule, names).description;
}

/* The replay's description, and the names every schedule shares (for the findings). */
function replayNamed(core: Core, module: Uint8Array, budget: number, schedule: string,
  names?: CodeNames | null): { description: OutcomeDescription; stable: Namer } {
  const parsed = parseSchedule(schedule);
  if (!parsed.ok || !parsed.value.explore) throw new WitnessDidNotReplay(`the explorer reported an unreadable witness '${schedule}'`);
  const run = runModule(core, module, { ...DEFAULT_SETTINGS, policy: 'explore', cpus: parsed.value.explore.cpus, budget,
    schedule: parsed.value.choices });
  if (run.replay) {
    throw new WitnessDidNotReplay(`the witness ${schedule} stopped fitting its own run at choice ${run.replay.divergedAt + 1}; `
      + 'this is a bug of the playground, not of the scenario');
  }
  const events = decodeTrace(run.trace);
  return { description: describeOutcome(run, makeNamer(events, names)), stable: stableNamer(events, names) };
}

/** The core's report with every outcome described (DESCRIBE maps a witness to
    its description). Outcomes whose descriptions agree by outcomeKey are one
    (their counts add up, the first witness stays), so an exploration and the
    merge of its shards group alike. */
export function describeResult(raw: CoreExploreResult, describe: (schedule: string) => OutcomeDescription): ExploreResult {
  const outcomes = new Map<string, ExploreOutcome>();
  for (const { count, schedule } of raw.outcomes) {
    const o: ExploreOutcome = { ...describe(schedule), count, schedule };
    const k = outcomeKey(o), seen = outcomes.get(k);
    if (seen) seen.count += count;
    else outcomes.set(k, o);
  }
  const findings = raw.findings.map(({ code, message, lines }) => ({ code, name: findingName(Number.parseInt(code, 16)), message, lines }));
  const { complete, schedules, pruned, races, runs, events, maxDepth, cut, error } = raw;
  return { complete, schedules, pruned, outcomes: [...outcomes.values()], races, findings, runs, events, maxDepth, cut, error };
}

/** Opens an exploration of a loaded module (the core explores one at a time).
    NAMES, the compiler's, name the deadlocked threads and objects as `wdkm run` does. */
export function openExploration(core: Core, module: Uint8Array, settings: ExploreSettings,
  bounds: Omit<ExploreBounds, keyof ExplorePartBounds> = {}, names?: CodeNames | null): ExploreSession {
  const explorer = core.explore(module, settings, bounds);
  /* A witness is replayed once per session: a resumed part keeps the outcomes already described. */
  const described = new Map<string, OutcomeDescription>();
  let stable: Namer | undefined;
  const describe = (schedule: string) => {
    let d = described.get(schedule);
    if (!d) {
      const r = replayNamed(core, module, settings.budget, schedule, names);
      described.set(schedule, d = r.description);
      stable ??= r.stable;
    }
    return d;
  };
  let elapsedBefore = 0, finished = false, running = false;
  return {
    get finished() { return finished; },
    async run(part, options = {}) {
      if (running) throw new Error('this exploration is already running');
      running = true;
      const now = options.now ?? (() => performance.now());
      const start = now();
      let stopped: ExploreRun['stopped'] = null;
      try {
        let slice = 16;
        while (!finished) {
          if (options.signal?.aborted) { stopped = 'cancelled'; break; }
          const done = explorer.slice(0).schedules;
          if (part.maxSchedules !== undefined && done >= part.maxSchedules) { stopped = 'bound'; break; }
          if (part.maxSchedules !== undefined) slice = Math.max(1, Math.min(slice, part.maxSchedules - done));
          const before = now();
          const p = explorer.slice(slice);
          const after = now();
          options.onProgress?.({ schedules: p.schedules, pruned: p.pruned, outcomes: p.outcomes, elapsedMs: elapsedBefore + after - start });
          if (p.finished) { finished = true; break; }
          if (part.maxSchedules !== undefined && p.schedules >= part.maxSchedules) { stopped = 'bound'; break; }
          if (part.maxSeconds !== undefined && after - start >= part.maxSeconds * 1000) { stopped = 'bound'; break; }
          /* Slices of about 20 ms: progress stays live and a cancel is quick. */
          const took = Math.max(after - before, 0.01);
          slice = Math.max(1, Math.min(65536, Math.round(slice * Math.min(4, SLICE_TARGET_MS / took))));
          if (options.yieldBetweenSlices) await new Promise((r) => setTimeout(r, 0));
        }
        const result = describeResult(explorer.result(), describe);
        if (stable) {
          const namer = stable;
          result.findings = result.findings.map((f) => {
            const named = nameText(f.message, namer);
            return named !== f.message ? { ...f, named } : f;
          });
        }
        result.races = result.races.map((x) => {
          const variable = raceVariable(x, names);
          return variable ? { ...x, variable } : x;
        });
        elapsedBefore += now() - start;
        if (result.error) finished = true;
        return { ...result, complete: result.complete && stopped === null, elapsedMs: elapsedBefore, stopped };
      } finally {
        running = false;
      }
    },
    dispose() {
      finished = true;
      explorer.dispose();
    },
  };
}

export async function exploreModule(core: Core, module: Uint8Array, settings: ExploreSettings, bounds: ExploreBounds,
  options: ExploreOptions & { names?: CodeNames | null } = {}): Promise<ExploreRun> {
  const { maxSchedules, maxSeconds, ...rest } = bounds;
  const session = openExploration(core, module, settings, rest, options.names);
  try {
    return await session.run({ maxSchedules, maxSeconds }, options);
  } finally {
    session.dispose();
  }
}

/** Two outcomes are the same when these agree (what the C explorer's key
    compares, read from the description, docs/explorer.md). Each result is
    grouped by it (describeResult), so merging shards by it is exact. */
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
