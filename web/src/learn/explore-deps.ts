/* Fix-it grading's exploration in-process (Node: the CLI's lessons): the
   explorer's API (web/src/explore/) on the lesson's settings and bounds. */
import { explore, ScenarioDoesNotCompile } from '../explore';
import type { ExploreReport, Ran } from './grade';
import type { RunSettings } from '../engine/core-types';
import { doesNotCompile, LESSON_BOUNDS, lessonReport } from './explore-report';

export { LESSON_BOUNDS } from './explore-report';

export async function exploreForLesson(source: string, settings: Pick<RunSettings, 'cpus' | 'budget'>): Promise<Ran<ExploreReport>> {
  try {
    return lessonReport(await explore(source, { cpus: settings.cpus, budget: settings.budget }, LESSON_BOUNDS));
  } catch (e) {
    if (e instanceof ScenarioDoesNotCompile) return doesNotCompile(e.diagnostics);
    throw e;
  }
}
