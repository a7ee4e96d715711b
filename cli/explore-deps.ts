/* The explorer for fix-it lessons, in-process (the same API the app's grading worker uses). */
import type { GradeDeps } from '../web/src/learn/grade';
import { exploreForLesson } from '../web/src/learn/explore-deps';

export function exploreDeps(): Pick<GradeDeps, 'explore'> {
  return { explore: exploreForLesson };
}
