/* How the user looks at a run's trace: CPU lanes shown or not, and manual
   scheduling. The selected moment itself is `moment` (settings slice), since
   it travels in share links; manual picks are `schedule`, for the same reason. */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface TraceSlice {
  showCpus: boolean;
  manual: boolean;
  setShowCpus: (show: boolean) => void;
  setManual: (manual: boolean) => void;
}

export const createTraceSlice: StateCreator<AppState, [], [], TraceSlice> = (set) => ({
  showCpus: false,
  manual: false,
  setShowCpus: (showCpus) => set({ showCpus }),
  setManual: (manual) => set({ manual }),
});
