/* The scenario text and its live diagnostics. The Monaco instance never
   enters the store: only text and line numbers do. */
import type { StateCreator } from 'zustand';
import type { Diagnostic } from '../engine/core-types';
import type { EntryPoint } from '../scenario/entry-points';
import type { AppState } from './index';

export interface EditorSlice {
  source: string;
  diagnostics: Diagnostic[];
  checkSeq: number;
  checkError: string | null;
  /* The text the diagnostics are of (the source when the finished check began). */
  checkedSource: string | null;
  /* The checked program's entry points, when that text has no error: what the export's Code Tour names. */
  checkedEntryPoints: EntryPoint[] | null;
  checkingSource: string | null;
  /* A request for the editor to show a line; the token makes a repeat visible. */
  reveal: { line: number; token: number } | null;
  setSource: (source: string) => void;
  beginCheck: () => number;
  finishCheck: (seq: number, outcome: { diagnostics: Diagnostic[]; entryPoints?: EntryPoint[] } | { error: string }) => void;
  revealLine: (line: number) => void;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => ({
  source: '',
  diagnostics: [],
  checkSeq: 0,
  checkError: null,
  checkedSource: null,
  checkedEntryPoints: null,
  checkingSource: null,
  reveal: null,
  setSource: (source) => {
    if (source !== get().source) set({ source });
  },
  beginCheck: () => {
    const seq = get().checkSeq + 1;
    set({ checkSeq: seq, checkingSource: get().source });
    return seq;
  },
  finishCheck: (seq, outcome) => {
    if (seq !== get().checkSeq) return;
    if ('error' in outcome) set({ checkError: outcome.error });
    else {
      set({ diagnostics: outcome.diagnostics, checkError: null, checkedSource: get().checkingSource, checkedEntryPoints: outcome.entryPoints ?? null });
    }
  },
  revealLine: (line) => set({ reveal: { line, token: (get().reveal?.token ?? 0) + 1 } }),
});
