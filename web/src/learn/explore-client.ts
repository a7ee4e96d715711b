/* Fix-it grading's exploration in the browser: the page's one exploring
   worker (web/src/explore/client.ts, the Explore panel's too), on the
   lesson's bounds, narrowed to the grader's report (./explore-report.ts). */
import { ExploreFailed, sharedExploreClient, type ExploreClient } from '../explore/client';
import type { ExploreReport, Ran } from './grade';
import { doesNotCompile, LESSON_BOUNDS, lessonReport } from './explore-report';

export type ExploreFn = (source: string, settings: { cpus: number; budget: number }) => Promise<Ran<ExploreReport>>;

export function exploreInWorker(client: ExploreClient = sharedExploreClient()): ExploreFn {
  return (source, { cpus, budget }) =>
    client.explore(source, { cpus, budget }, LESSON_BOUNDS).done.then(lessonReport, (e: unknown): Ran<ExploreReport> => {
      if (e instanceof ExploreFailed && e.diagnostics.length > 0) return doesNotCompile(e.diagnostics);
      return { ok: false, message: `The explorer failed: ${e instanceof Error ? e.message : String(e)}` };
    });
}
