/* `window.__wdkmTest`: how end-to-end tests set the editor's content instead
   of typing, and read what the app holds. It only reaches the store. */
import type { EngineClient } from '../engine/client';
import { encodeTrace } from '../trace/encode';
import { syntheticTrace } from '../trace/synthetic';
import type { AppStore } from '../store';

export interface TestHook {
  setSource: (text: string) => void;
  getSource: () => string;
  diagnostics: () => { severity: string; message: string; line: number }[];
  /* Encodes a synthetic trace of `events` events here (the timeline benchmark), then
     shows it as if a run had produced it: the run worker prepares it, as a run's trace. */
  encodeSyntheticTrace: (events: number) => void;
  loadSyntheticTrace: () => Promise<void>;
}

declare global {
  interface Window {
    __wdkmTest?: TestHook;
  }
}

export function installTestHook(store: AppStore, engine: EngineClient, target: Window): void {
  let encoded: { trace: Uint8Array; events: number } | null = null;
  target.__wdkmTest = {
    setSource: (text) => store.getState().setSource(String(text)),
    getSource: () => store.getState().source,
    diagnostics: () => store.getState().diagnostics.map(({ severity, message, line }) => ({ severity, message, line })),
    encodeSyntheticTrace: (events) => {
      encoded = { trace: encodeTrace(syntheticTrace(events)), events };
    },
    loadSyntheticTrace: async () => {
      if (!encoded) throw new Error('encodeSyntheticTrace first');
      const { trace, events } = encoded;
      encoded = null;
      const s = store.getState();
      const runId = s.beginRun(Date.now());
      const outcome = await engine.prepareTrace(trace);
      if (outcome.kind !== 'reply' || outcome.reply.type !== 'trace') throw new Error('the engine did not prepare the trace');
      const result = {
        outcome: 'completed' as const, status: '0x00000000', prints: [], bugcheck: null, deadlock: null, assertion: null,
        leaks: [], findings: [], steps: events, timeNs: 0, choices: [], replay: null, truncated: false, trace: new Uint8Array(0),
      };
      store.getState().finishRun(runId, { status: 'finished', result, diagnostics: [], decoded: outcome.reply.decoded });
    },
  };
}
