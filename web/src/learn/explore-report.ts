/* What fix-it grading reads of an exploration, the same in Node (in-process,
   ./explore-deps.ts) and in the browser (the exploring worker,
   ./explore-client.ts): bounded so that a check ends, narrowed to the
   grader's report. */
import type { Diagnostic } from '../engine/core-types';
import type { ExploreRun } from '../explore/explore';
import type { ExploreReport, Ran } from './grade';

/** Every lesson is small: an exploration that needs more is reported as incomplete. */
export const LESSON_BOUNDS = { maxSchedules: 20_000, maxSeconds: 60 } as const;

export function lessonReport(r: ExploreRun): Ran<ExploreReport> {
  if (r.error) return { ok: false, message: `The explorer stopped: ${r.error}` };
  return { ok: true, value: { complete: r.complete, schedules: r.schedules, outcomes: r.outcomes, races: r.races } };
}

export function doesNotCompile(diagnostics: readonly Diagnostic[]): Ran<never> {
  const d = diagnostics.find((x) => x.severity === 'error');
  return { ok: false, message: `The code does not compile: line ${d?.line ?? '?'}: ${d?.message ?? 'error'}` };
}
