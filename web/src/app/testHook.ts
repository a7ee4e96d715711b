/* `window.__wdkmTest`: how end-to-end tests set the editor's content instead
   of typing, and read what the app holds. It only reaches the store. */
import { encodeTrace } from '../trace/encode';
import { syntheticTrace } from '../trace/synthetic';
import type { AppStore } from '../store';

export interface TestHook {
  setSource: (text: string) => void;
  getSource: () => string;
  diagnostics: () => { severity: string; message: string; line: number }[];
  /* Shows a synthetic trace of `events` events as if a run had produced it (the timeline benchmark). */
  loadSyntheticTrace: (events: number) => void;
}

declare global {
  interface Window {
    __wdkmTest?: TestHook;
  }
}

export function installTestHook(store: AppStore, target: Window): void {
  target.__wdkmTest = {
    setSource: (text) => store.getState().setSource(String(text)),
    getSource: () => store.getState().source,
    diagnostics: () => store.getState().diagnostics.map(({ severity, message, line }) => ({ severity, message, line })),
    loadSyntheticTrace: (events) => {
      const s = store.getState();
      const runId = s.beginRun(Date.now());
      const trace = encodeTrace(syntheticTrace(events));
      const result = {
        outcome: 'completed' as const, status: '0x00000000', prints: [], bugcheck: null, deadlock: null, assertion: null,
        leaks: [], findings: [], steps: events, timeNs: 0, choices: [], replay: null, truncated: false, trace,
      };
      s.finishRun(runId, { status: 'finished', result, diagnostics: [] });
    },
  };
}
