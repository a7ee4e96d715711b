import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSetting, checkSettings, DEFAULT_SETTINGS, LIMITS, parseSetting, POLICIES, withSettings } from './index';
import { runSettingsSchema } from './schema';

const emuHeader = readFileSync(new URL('../../../core-c/emu/emu.h', import.meta.url), 'utf8');

describe('run settings', () => {
  it('has defaults that pass their own checks', () => {
    expect(checkSettings(DEFAULT_SETTINGS)).toEqual([]);
    expect(runSettingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });

  it('refuses out-of-range values with a message instead of clamping them', () => {
    const base = { ...DEFAULT_SETTINGS };
    const r = withSettings(base, { cpus: 99, seed: -3, budget: Number.NaN });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.setting)).toEqual(['cpus', 'seed', 'budget']);
    expect(r.problems[0]!.message).toBe('CPUs: 99 is not allowed; expected a number of CPUs from 1 to 8.');
    expect(withSettings(base, { cpus: 8 })).toEqual({ ok: true, value: { ...base, cpus: 8 } });
  });

  it('takes any seed a share link can carry: up to 2^53 - 1, as the command line does', () => {
    expect(checkSetting('seed', 2 ** 32)).toBeNull();
    expect(checkSetting('seed', Number.MAX_SAFE_INTEGER)).toBeNull();
    expect(checkSetting('seed', Number.MAX_SAFE_INTEGER + 1)?.setting).toBe('seed');
  });

  it('parses text with decimal digits only', () => {
    expect(parseSetting('budget', '20000')).toEqual({ ok: true, value: 20000 });
    expect(parseSetting('budget', '1e6').ok).toBe(false);
    expect(parseSetting('cpus', ' 2').ok).toBe(false);
    expect(parseSetting('policy', 'pct')).toEqual({ ok: true, value: 'pct' });
    const bad = parseSetting('policy', 'fifo');
    expect(bad.ok ? '' : bad.problem.message).toBe("Policy: 'fifo' is not allowed; expected one of timed, rr, random, pct, explore.");
  });

  it('bounds a schedule to what the core can replay', () => {
    expect(checkSetting('schedule', [1, 2, 1])).toBeNull();
    expect(checkSetting('schedule', [LIMITS.threadId + 1])?.message).toMatch(/^Schedule: 1 choices cannot be replayed/);
    expect(checkSetting('schedule', new Array(LIMITS.scheduleLength + 1).fill(1))?.setting).toBe('schedule');
  });

  it('agrees with the emulator: its CPUs and the order of its policies', () => {
    expect(Number(/#define EMU_MAX_CPUS (\d+)/.exec(emuHeader)![1])).toBe(LIMITS.cpus.max);
    const policies = /EMU_POLICY \{([^}]*)\}/.exec(emuHeader)![1]!.split(',').map((p) => p.trim().replace(/ = 0$/, ''));
    expect(policies).toEqual(['EmuPolicyTimed', 'EmuPolicyRoundRobin', 'EmuPolicyRandom', 'EmuPolicyPct', 'EmuPolicyExplore']);
    expect(POLICIES).toEqual(['timed', 'rr', 'random', 'pct', 'explore']);
  });

  it('is the one default budget: the emulator takes it from the same file', () => {
    const cmake = readFileSync(new URL('../../../core-c/CMakeLists.txt', import.meta.url), 'utf8');
    expect(cmake).toMatch(/string\(JSON EMU_DEFAULT_BUDGET GET \$\{RUN_SETTINGS_JSON\} defaults budget\)/);
    for (const file of ['emu/sched_policy.c', 'vm/host_run.c', 'native-host/host_main.c']) {
      const text = readFileSync(new URL(`../../../core-c/${file}`, import.meta.url), 'utf8');
      expect(text, file).not.toMatch(/StepBudget\s*=\s*[^;]*\d{4,}/);
    }
  });
});
