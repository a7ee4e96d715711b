/* The exploring worker's messages (./worker.ts, ./client.ts): one worker for
   the app's Explore panel, the lessons' grading and the embed. Each
   exploration has an id; its progress and its end carry it. */
import type { Diagnostic, ExploreBounds } from '../engine/core-types';
import type { ExploreProgressInfo, ExploreRun, ExploreSettings } from './explore';

export type ExploreRequest =
  /** Explore a scenario's source. `keep`: an exploration stopped by a bound or a
      cancel stays open to be resumed (until another one starts). */
  | { type: 'explore'; id: number; source: string; settings: ExploreSettings; bounds: ExploreBounds; keep?: boolean }
  /** Go on with a kept exploration from where it stopped. */
  | { type: 'resume'; id: number; bounds: Pick<ExploreBounds, 'maxSchedules' | 'maxSeconds'> }
  /** Stop after the current slice; the result keeps what was found. */
  | { type: 'cancel'; id: number };

export type ExploreReply =
  | ({ type: 'progress'; id: number } & ExploreProgressInfo)
  /** `resumable`: the worker keeps this exploration; `resume` with its id goes on. */
  | { type: 'done'; id: number; result: ExploreRun; resumable: boolean }
  /** It could not explore: the source does not compile (`diagnostics`), the settings or the module were refused, the worker failed. */
  | { type: 'failed'; id: number; message: string; diagnostics?: Diagnostic[] };
