/* What the user can do, as plain functions over the store and the engine.
   Views call these; these change the store; the worker is reached only
   through the engine client. */
import type { EngineClient, LaneOutcome } from '../engine/client';
import type { AppStore } from '../store';
import { runSettingsSelector, shareStateSelector } from '../store/selectors';
import { encodeShare } from '../share/codec';
import { EXAMPLES } from '../examples';
import type { Example } from '../examples/catalogue';
import { DEFAULT_SOURCE } from './defaultSource';
import { createTravelActions, type TravelActions } from './travel';

/* Text the user has not written: replacing it needs no draft. */
export function isUntouchedText(text: string): boolean {
  return text === DEFAULT_SOURCE || EXAMPLES.some((e) => e.source === text);
}

export interface Actions extends TravelActions {
  run: () => void;
  stop: (reason?: 'user' | 'watchdog') => void;
  check: () => void;
  share: () => Promise<string | null>;
  openExample: (example: Example) => void;
  restoreDraft: () => void;
}

export function createActions(store: AppStore, engine: EngineClient, baseUrl: () => string): Actions {
  const get = store.getState;

  function finishFromOutcome(runId: number, outcome: LaneOutcome): void {
    if (outcome.kind === 'stopped') return;
    if (outcome.kind === 'fault') {
      get().finishRun(runId, { status: 'failed', stage: 'worker', message: outcome.message });
      return;
    }
    const reply = outcome.reply;
    switch (reply.type) {
      case 'result':
        get().finishRun(runId, { status: 'finished', result: reply.result, diagnostics: reply.diagnostics, names: reply.names, decoded: reply.decoded });
        return;
      case 'compileFailed':
        get().finishRun(runId, { status: 'compileFailed', diagnostics: reply.diagnostics });
        return;
      case 'error':
        get().finishRun(runId, { status: 'failed', stage: reply.stage, message: reply.message });
        if (reply.stage === 'core') engine.recycleRunner();
        return;
      case 'diagnostics':
        get().finishRun(runId, { status: 'failed', stage: 'internal', message: 'the engine answered a run with diagnostics' });
    }
  }

  const actions: Actions = {
    ...createTravelActions(store, () => actions.run()),
    run() {
      if (get().run.status === 'running') engine.stop();
      const basis = { source: get().source, settings: runSettingsSelector(get()) };
      const runId = get().beginRun(Date.now(), basis);
      engine.run(runId, basis.source, basis.settings).then((outcome) => finishFromOutcome(runId, outcome));
    },

    stop(reason = 'user') {
      const run = get().run;
      if (run.status !== 'running') return;
      engine.stop();
      get().finishRun(run.runId, { status: 'stopped', reason });
    },

    check() {
      const seq = get().beginCheck();
      engine.check(get().source).then((outcome) => {
        if (outcome.kind === 'reply' && outcome.reply.type === 'diagnostics') {
          get().finishCheck(seq, { diagnostics: outcome.reply.diagnostics, entryPoints: outcome.reply.entryPoints });
        } else if (outcome.kind === 'reply' && outcome.reply.type === 'error') {
          get().finishCheck(seq, { error: outcome.reply.message });
        } else if (outcome.kind === 'fault') {
          get().finishCheck(seq, { error: outcome.message });
        }
      });
    },

    async share() {
      get().setShare({ status: 'working' });
      try {
        const fragment = await encodeShare(shareStateSelector(get()));
        const url = `${baseUrl()}#${fragment}`;
        get().setShare({ status: 'ready', url });
        return url;
      } catch {
        get().setShare({ status: 'idle' });
        get().pushNotice({ tone: 'error', text: 'The share link could not be made (the scenario may be too large).' });
        return null;
      }
    },

    openExample(example) {
      const kept = get().replaceSource(example.source, `before opening “${example.title}”`, isUntouchedText);
      get().setSchedule(null);
      get().setMoment(null);
      get().setManual(false);
      get().setExamplesOpen(false);
      /* an example opens with its result */
      actions.run();
      if (kept) {
        get().pushNotice({
          tone: 'info',
          text: `Opened “${example.title}”. Your previous work is kept as a draft.`,
          action: 'restoreDraft',
        });
      }
    },

    restoreDraft() {
      get().restoreDraft();
      get().pushNotice({ tone: 'info', text: 'Your draft is back in the editor; what was there is now the draft.', action: 'restoreDraft' });
    },
  };
  return actions;
}
