/* A lesson runs with the app's default settings unless its header says otherwise. */
import type { RunSettings } from '../engine/core-types';
import { DEFAULT_SETTINGS as APP_DEFAULTS } from '../settings';

export const DEFAULT_SETTINGS: RunSettings = { ...APP_DEFAULTS };
