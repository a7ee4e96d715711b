/* The one store, built from slices; no React in here (views read it through useApp in views/context.tsx). */
import { createStore } from 'zustand/vanilla';
import { createDraftSlice, type DraftSlice } from './draftSlice';
import { createEditorSlice, type EditorSlice } from './editorSlice';
import { createNoticesSlice, type NoticesSlice } from './noticesSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';
import { createTraceSlice, type TraceSlice } from './traceSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = EditorSlice & SettingsSlice & RunSlice & NoticesSlice & DraftSlice & UiSlice & TraceSlice;

export function createAppStore() {
  return createStore<AppState>()((...a) => ({
    ...createEditorSlice(...a),
    ...createSettingsSlice(...a),
    ...createRunSlice(...a),
    ...createNoticesSlice(...a),
    ...createDraftSlice(...a),
    ...createUiSlice(...a),
    ...createTraceSlice(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
