/* What determines a run besides the source: machine, policy, seed, budget,
   a recorded schedule to replay, and the selected moment of the run. */
import type { StateCreator } from 'zustand';
import type { Policy } from '../engine/core-types';
import { MAX_BUDGET, MAX_CPUS } from '../engine/schemas';
import type { AppState } from './index';

export interface RunSettingsState {
  cpus: number;
  policy: Policy;
  seed: number;
  budget: number;
}

export const DEFAULT_SETTINGS: RunSettingsState = { cpus: 2, policy: 'timed', seed: 1, budget: 1_000_000 };

export interface SettingsSlice {
  settings: RunSettingsState;
  schedule: number[] | null;
  moment: number | null;
  updateSettings: (patch: Partial<RunSettingsState>) => void;
  setSchedule: (schedule: number[] | null) => void;
  setMoment: (moment: number | null) => void;
}

function clampInt(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

export function normaliseSettings(patch: Partial<RunSettingsState>, base: RunSettingsState): RunSettingsState {
  return {
    cpus: clampInt(patch.cpus ?? base.cpus, 1, MAX_CPUS, base.cpus),
    policy: patch.policy ?? base.policy,
    seed: clampInt(patch.seed ?? base.seed, 0, 0xffffffff, base.seed),
    budget: clampInt(patch.budget ?? base.budget, 1, MAX_BUDGET, base.budget),
  };
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => ({
  settings: DEFAULT_SETTINGS,
  schedule: null,
  moment: null,
  updateSettings: (patch) => set({ settings: normaliseSettings(patch, get().settings) }),
  setSchedule: (schedule) => set({ schedule }),
  setMoment: (moment) => set({ moment }),
});
