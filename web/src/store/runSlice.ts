/* The life of the current run. Each run gets a sequence number; an end that
   names an older run is dropped, so a stale worker can never overwrite a
   newer result. */
import type { StateCreator } from 'zustand';
import type { CodeNames, Diagnostic, RunResult, RunSettings } from '../engine/core-types';
import type { ErrorStage } from '../engine/protocol';
import type { DecodedTrace } from '../trace/prepared';
import type { AppState } from './index';

export type RunEnd =
  /* `decoded`: the trace as the worker prepared it for the views */
  | { status: 'finished'; result: RunResult; diagnostics: Diagnostic[]; names?: CodeNames; decoded: DecodedTrace }
  | { status: 'compileFailed'; diagnostics: Diagnostic[] }
  | { status: 'failed'; stage: ErrorStage | 'worker'; message: string }
  | { status: 'stopped'; reason: 'user' | 'watchdog' };

/* What a run was made from: its results belong to this source and these
   settings, and are marked stale once either changes. */
export interface RunBasis {
  source: string;
  settings: RunSettings;
}

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; runId: number; startedAt: number; basis?: RunBasis }
  | ({ runId: number; basis?: RunBasis } & RunEnd);

export interface RunSlice {
  run: RunState;
  runSeq: number;
  beginRun: (now: number, basis?: RunBasis) => number;
  finishRun: (runId: number, end: RunEnd) => void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  run: { status: 'idle' },
  runSeq: 0,
  beginRun: (now, basis) => {
    const runId = get().runSeq + 1;
    set({ runSeq: runId, run: { status: 'running', runId, startedAt: now, basis } });
    return runId;
  },
  finishRun: (runId, end) => {
    const { run } = get();
    if (run.status !== 'running' || run.runId !== runId) return;
    set({ run: { runId, basis: run.basis, ...end } });
  },
});
