/* Exploring from the app: the page's exploring workers (../explore/client.ts),
   one per core (at most 4), each exploring its shard of the schedules, their
   merged progress and result in a small store the Explore panel shows; Cancel
   keeps what was found and the exploration, which Resume continues from where
   it stopped; Show loads an outcome's witness as the replayed schedule (policy
   `explore`, its CPUs) and runs it, so the timeline, the stepper and the share
   link all carry it. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExploreOutcome, ExploreResult } from '../engine/core-types';
import { type ExploreClient, ExploreFailed, exploreInShards, exploreWorkerCount, type ShardedExploration, sharedExploreClients } from '../explore/client';
import type { ExploreProgressInfo, ExploreRun } from '../explore/explore';
import { parseSchedule } from '../explore/schedule';
import type { AppStore } from '../store';
import { runSettingsSelector } from '../store/selectors';

export interface ExploreState {
  status: 'idle' | 'running' | 'done' | 'failed';
  progress: ExploreProgressInfo | null;
  result: (ExploreResult & { stopped?: ExploreRun['stopped']; elapsedMs?: number }) | null;
  message: string | null;
  /** The source explored: a result about another source is shown as such. */
  source: string | null;
  /** The worker keeps this exploration: Resume goes on from where it stopped. */
  resumable: boolean;
}

export interface ExploreController {
  store: StoreApi<ExploreState>;
  start: () => void;
  cancel: () => void;
  /** Go on with a stopped exploration (another bound of time) from where it stopped. */
  resume: () => void;
  show: (outcome: ExploreOutcome) => void;
}

/** How long an exploration (or each resumed part of it) may run from the app before it stops by itself. */
export const APP_EXPLORE_SECONDS = 30;

export function createExploreController(app: AppStore, run: () => void,
  clients: () => readonly ExploreClient[] = () => sharedExploreClients(exploreWorkerCount())): ExploreController {
  const store = createStore<ExploreState>(() => ({ status: 'idle', progress: null, result: null, message: null, source: null, resumable: false }));
  let job: ShardedExploration | null = null;
  let kept: ShardedExploration | null = null;

  const follow = (next: ShardedExploration) => {
    job = next;
    kept = null;
    next.done.then(
      (r) => {
        if (job !== next) return;
        job = null;
        kept = r.resumable ? next : null;
        const { resumable, ...result } = r;
        store.setState({ status: 'done', result, resumable });
      },
      (e: unknown) => {
        if (job !== next) return;
        job = null;
        const d = e instanceof ExploreFailed ? e.diagnostics.find((x) => x.severity === 'error') : undefined;
        const message = d ? `the scenario does not compile: line ${d.line}: ${d.message}` : e instanceof Error ? e.message : String(e);
        store.setState({ status: 'failed', message, resumable: false });
      },
    );
  };
  const onProgress = (progress: ExploreProgressInfo) => store.setState({ progress });

  return {
    store,
    start() {
      job?.cancel();
      const state = app.getState();
      const settings = runSettingsSelector(state);
      store.setState({ status: 'running', progress: null, result: null, message: null, source: state.source, resumable: false });
      follow(exploreInShards(clients(), state.source, { cpus: settings.cpus, budget: settings.budget }, { maxSeconds: APP_EXPLORE_SECONDS },
        { keep: true, onProgress }));
    },
    cancel() {
      job?.cancel();
    },
    resume() {
      if (job || !kept) return;
      store.setState({ status: 'running', message: null, resumable: false });
      follow(kept.resume({ maxSeconds: APP_EXPLORE_SECONDS }, onProgress));
    },
    show(outcome) {
      const parsed = parseSchedule(outcome.schedule);
      if (!parsed.ok) return;
      const state = app.getState();
      if (parsed.value.explore) state.updateSettings({ policy: 'explore', cpus: parsed.value.explore.cpus });
      state.setSchedule(parsed.value.choices);
      state.setMoment(null);
      run();
    },
  };
}
