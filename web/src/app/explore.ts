/* Exploring from the app: one explorer worker (../explore/worker.ts), its
   progress and result in a small store the Explore panel shows, and Show,
   which loads an outcome's witness as the replayed schedule (policy
   `explore`, its CPUs) and runs it, so the timeline, the stepper and the share
   link all carry it. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExploreOutcome, ExploreResult } from '../engine/core-types';
import type { ExploreProgressInfo, ExploreRun } from '../explore/explore';
import { parseSchedule } from '../explore/schedule';
import type { AppStore } from '../store';
import { runSettingsSelector } from '../store/selectors';

export interface ExploreState {
  status: 'idle' | 'running' | 'done' | 'failed';
  progress: ExploreProgressInfo | null;
  result: (ExploreResult & { stopped?: ExploreRun['stopped'] }) | null;
  message: string | null;
  /** The source explored: a result about another source is shown as such. */
  source: string | null;
}

interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ExploreController {
  store: StoreApi<ExploreState>;
  start: () => void;
  cancel: () => void;
  show: (outcome: ExploreOutcome) => void;
}

/** How long an exploration may run from the app before it stops by itself. */
export const APP_EXPLORE_SECONDS = 30;

export function createExploreController(app: AppStore, run: () => void,
  spawn: () => WorkerLike = () => new Worker(new URL('../explore/worker.ts', import.meta.url), { type: 'module', name: 'wdkm-explore' })): ExploreController {
  const store = createStore<ExploreState>(() => ({ status: 'idle', progress: null, result: null, message: null, source: null }));
  let worker: WorkerLike | null = null;

  const finish = (patch: Partial<ExploreState>) => {
    worker?.terminate();
    worker = null;
    store.setState(patch);
  };

  return {
    store,
    start() {
      worker?.terminate();
      const state = app.getState();
      const settings = runSettingsSelector(state);
      store.setState({ status: 'running', progress: null, result: null, message: null, source: state.source });
      worker = spawn();
      worker.onmessage = (event: MessageEvent) => {
        const m = event.data as { type: string } & Record<string, unknown>;
        if (m.type === 'progress') store.setState({ progress: m as unknown as ExploreProgressInfo });
        else if (m.type === 'done') finish({ status: 'done', result: m.result as ExploreState['result'] });
        else if (m.type === 'error') finish({ status: 'failed', message: String(m.message) });
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        finish({ status: 'failed', message: e.message || 'the explorer worker crashed' });
      };
      worker.postMessage({ type: 'explore', source: state.source, settings: { cpus: settings.cpus, budget: settings.budget },
        bounds: { maxSeconds: APP_EXPLORE_SECONDS } });
    },
    cancel() {
      worker?.postMessage({ type: 'cancel' });
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
