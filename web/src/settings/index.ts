/* What determines a run besides its source, written once: the settings'
   defaults, their limits and their checks. The numbers live in
   ./run-settings.json because the C build reads the same file (the emulator's
   default budget, core-c/CMakeLists.txt); everything in TypeScript — the store,
   share links, the worker's protocol, the CLI, the bench — imports them from
   here. A value out of range is refused with a message, never clamped. */
import spec from './run-settings.json';

export type Policy = 'timed' | 'rr' | 'random' | 'pct' | 'explore';

/** In the order of the emulator's EMU_POLICY: a policy's index is its code. */
export const POLICIES = spec.policies as readonly Policy[];

export interface RunSettings {
  cpus: number;
  policy: Policy;
  seed: number;
  budget: number;
  /** Thread ids to choose, one per scheduling choice: a recorded run to replay. */
  schedule?: number[];
}

/** The four settings a user sets (the schedule is recorded, not typed). */
export type MachineSettings = Omit<RunSettings, 'schedule'>;

export const DEFAULT_SETTINGS: Readonly<MachineSettings> = Object.freeze({ ...spec.defaults, policy: spec.defaults.policy as Policy });

export const LIMITS = spec.limits;
/** The longest scenario source, in characters, that the app, a share link and the CLI take. */
export const MAX_SOURCE_CHARS: number = spec.limits.sourceChars;

export type SettingName = keyof MachineSettings | 'schedule';

/** A refused value: which setting, and a sentence saying what it accepts. */
export interface SettingProblem {
  setting: SettingName;
  message: string;
}

const NUMBERS = {
  cpus: { label: 'CPUs', expected: `a number of CPUs from ${LIMITS.cpus.min} to ${LIMITS.cpus.max}`, ...LIMITS.cpus },
  seed: { label: 'Seed', expected: `a non-negative integer up to ${LIMITS.seed.max} (2^53 - 1)`, ...LIMITS.seed },
  budget: { label: 'Budget', expected: `a positive number of steps up to ${LIMITS.budget.max.toLocaleString('en-US')}`, ...LIMITS.budget },
} as const;

/** What a setting accepts, as the end of "expected …". */
export function expected(setting: keyof MachineSettings): string {
  return setting === 'policy' ? `one of ${POLICIES.join(', ')}` : NUMBERS[setting].expected;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function refuse(setting: SettingName, value: unknown): SettingProblem {
  const label = setting === 'policy' ? 'Policy' : setting === 'schedule' ? 'Schedule' : NUMBERS[setting].label;
  const what = setting === 'schedule' ? scheduleExpected() : expected(setting);
  return { setting, message: `${label}: ${shown(value)} is not allowed; expected ${what}.` };
}

function scheduleExpected(): string {
  return `at most ${LIMITS.scheduleLength.toLocaleString('en-US')} thread ids, each from 0 to ${LIMITS.threadId}`;
}

/** The problem with one setting's value, or null when it is allowed. */
export function checkSetting(setting: SettingName, value: unknown): SettingProblem | null {
  if (setting === 'policy') return (POLICIES as readonly unknown[]).includes(value) ? null : refuse(setting, value);
  if (setting === 'schedule') {
    if (value === undefined || value === null) return null;
    const ok = Array.isArray(value) && value.length <= LIMITS.scheduleLength &&
      value.every((t) => Number.isInteger(t) && t >= 0 && t <= LIMITS.threadId);
    return ok ? null : { setting, message: `Schedule: ${Array.isArray(value) ? `${value.length.toLocaleString('en-US')} choices` : shown(value)} cannot be replayed; expected ${scheduleExpected()}.` };
  }
  const { min, max } = NUMBERS[setting];
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max ? null : refuse(setting, value);
}

/** Every problem with a set of settings; empty when the run may start. */
export function checkSettings(settings: Partial<RunSettings>): SettingProblem[] {
  return (Object.keys(settings) as SettingName[])
    .filter((name) => name in NUMBERS || name === 'policy' || name === 'schedule')
    .map((name) => checkSetting(name, settings[name]))
    .filter((p): p is SettingProblem => p !== null);
}

/** The default settings with `patch` applied, or the problems that refuse it. */
export function withSettings(base: MachineSettings, patch: Partial<MachineSettings>): { ok: true; value: MachineSettings } | { ok: false; problems: SettingProblem[] } {
  const problems = checkSettings(patch);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ...base, ...patch } };
}

/** A setting from text (a command-line flag, a form field): decimal digits only. */
export function parseSetting<K extends keyof MachineSettings>(setting: K, text: string): { ok: true; value: MachineSettings[K] } | { ok: false; problem: SettingProblem } {
  const value = setting === 'policy' ? text : /^\d+$/.test(text) ? Number(text) : text;
  const problem = checkSetting(setting, value);
  return problem ? { ok: false, problem } : { ok: true, value: value as MachineSettings[K] };
}
