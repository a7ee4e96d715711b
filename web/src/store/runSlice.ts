/* The life of the current run. Each run gets a sequence number; an end that
   names an older run is dropped, so a stale worker can never overwrite a
   newer result. */
import type { StateCreator } from 'zustand';
import type { CodeNames, Diagnostic, RunResult } from '../engine/core-types';
import type { ErrorStage } from '../engine/protocol';
import type { AppState } from './index';

export type RunEnd =
  | { status: 'finished'; result: RunResult; diagnostics: Diagnostic[]; names?: CodeNames }
  | { status: 'compileFailed'; diagnostics: Diagnostic[] }
  | { status: 'failed'; stage: ErrorStage | 'worker'; message: string }
  | { status: 'stopped'; reason: 'user' | 'watchdog' };

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; runId: number; startedAt: number }
  | ({ runId: number } & RunEnd);

export interface RunSlice {
  run: RunState;
  runSeq: number;
  beginRun: (now: number) => number;
  finishRun: (runId: number, end: RunEnd) => void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  run: { status: 'idle' },
  runSeq: 0,
  beginRun: (now) => {
    const runId = get().runSeq + 1;
    set({ runSeq: runId, run: { status: 'running', runId, startedAt: now } });
    return runId;
  },
  finishRun: (runId, end) => {
    const { run } = get();
    if (run.status !== 'running' || run.runId !== runId) return;
    set({ run: { runId, ...end } });
  },
});
