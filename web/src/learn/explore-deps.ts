/* Fix-it grading's exploration, the same in Node and in the browser's
   grading worker: the explorer's API (web/src/explore/) on the lesson's
   settings, bounded so that a check ends, its result narrowed to what the
   grader reads. */
import { explore, ScenarioDoesNotCompile } from '../explore';
import type { ExploreReport, Ran } from './grade';
import type { RunSettings } from '../engine/core-types';

/** Every lesson is small: an exploration that needs more is reported as incomplete. */
export const LESSON_BOUNDS = { maxSchedules: 20_000, maxSeconds: 60 } as const;

export async function exploreForLesson(source: string, settings: Pick<RunSettings, 'cpus' | 'budget'>): Promise<Ran<ExploreReport>> {
  try {
    const r = await explore(source, { cpus: settings.cpus, budget: settings.budget }, LESSON_BOUNDS);
    if (r.error) return { ok: false, message: `The explorer stopped: ${r.error}` };
    return { ok: true, value: { complete: r.complete, schedules: r.schedules, outcomes: r.outcomes, races: r.races } };
  } catch (e) {
    if (e instanceof ScenarioDoesNotCompile) {
      const d = e.diagnostics.find((x) => x.severity === 'error');
      return { ok: false, message: `The code does not compile: line ${d?.line ?? '?'}: ${d?.message ?? 'error'}` };
    }
    throw e;
  }
}
