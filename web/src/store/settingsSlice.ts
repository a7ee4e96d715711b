/* What determines a run besides the source: machine, policy, seed, budget,
   a recorded schedule to replay, and the selected moment of the run. The
   defaults, limits and checks are ../settings's; a value it refuses leaves
   the settings as they were and is said in a notice. */
import type { StateCreator } from 'zustand';
import { DEFAULT_SETTINGS, withSettings, type MachineSettings, type SettingProblem } from '../settings';
import type { AppState } from './index';

export type RunSettingsState = MachineSettings;

export interface SettingsSlice {
  settings: RunSettingsState;
  schedule: number[] | null;
  moment: number | null;
  /** Applies the patch when every value is allowed; otherwise changes nothing and returns the problems. */
  updateSettings: (patch: Partial<RunSettingsState>) => SettingProblem[];
  setSchedule: (schedule: number[] | null) => void;
  setMoment: (moment: number | null) => void;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => ({
  settings: { ...DEFAULT_SETTINGS },
  schedule: null,
  moment: null,
  updateSettings: (patch) => {
    const next = withSettings(get().settings, patch);
    if (!next.ok) {
      for (const problem of next.problems) get().pushNotice({ tone: 'warning', text: problem.message });
      return next.problems;
    }
    set({ settings: next.value });
    return [];
  },
  setSchedule: (schedule) => set({ schedule }),
  setMoment: (moment) => set({ moment }),
});
