/* Presentation state: theme, open dialogs, the last share link made. */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type Theme = 'light' | 'dark';

export type ShareStatus = { status: 'idle' } | { status: 'working' } | { status: 'ready'; url: string };

export interface UiSlice {
  theme: Theme;
  examplesOpen: boolean;
  exportOpen: boolean;
  share: ShareStatus;
  /** The timeline and inspector dock shown (true) or folded to its controls. */
  dockOpen: boolean;
  setDockOpen: (open: boolean) => void;
  setTheme: (theme: Theme) => void;
  setExamplesOpen: (open: boolean) => void;
  setExportOpen: (open: boolean) => void;
  setShare: (share: ShareStatus) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: 'light',
  examplesOpen: false,
  exportOpen: false,
  share: { status: 'idle' },
  dockOpen: true,
  setDockOpen: (dockOpen) => set({ dockOpen }),
  setTheme: (theme) => set({ theme }),
  setExamplesOpen: (examplesOpen) => set({ examplesOpen }),
  setExportOpen: (exportOpen) => set({ exportOpen }),
  setShare: (share) => set({ share }),
});
