import { describe, expect, it } from 'vitest';
import { completedResult, finished } from '../engine/fixtures.test-data';
import { createAppStore } from './index';
import { DEFAULT_SETTINGS } from '../settings';
import { summariseRun } from './outcome';
import { CORRUPT_KEY, loadWorkspace, saveWorkspace, STORAGE_KEY, workspaceOf, type StorageLike } from './persistence';
import { consoleSelector, highlightsSelector, primaryLineOf, runSettingsSelector, scheduleFitSelector } from './selectors';
import { encodeTrace } from '../trace/encode';
import { ev } from '../trace/testing';
import type { TraceEvent } from '../trace/decode';

/* A finished run whose trace holds these events (and its end). */
function resultOf(events: TraceEvent[]) {
  return completedResult({ trace: encodeTrace([...events, ev('RUN_END', 1e6, { cpu: null, a: 1, returned: true, steps: 1 })]) });
}

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('run slice', () => {
  it('drops the end of a stale run', () => {
    const store = createAppStore();
    const first = store.getState().beginRun(0);
    const second = store.getState().beginRun(1);
    store.getState().finishRun(first, { status: 'stopped', reason: 'user' });
    expect(store.getState().run).toMatchObject({ status: 'running', runId: second });
    store.getState().finishRun(second, finished(completedResult()));
    expect(store.getState().run.status).toBe('finished');
  });

  it('summarises every outcome', () => {
    const ok = summariseRun({ ...finished(completedResult()), runId: 1 });
    expect(ok.title).toBe('Completed: 0x00000000 STATUS_SUCCESS');
    const bug = completedResult({
      outcome: 'bugcheck',
      bugcheck: { code: '0x0000000A', name: 'IRQL_NOT_LESS_OR_EQUAL', params: ['0x0', '0x2', '0x0', '0x0'], line: 12 },
    });
    const run = { ...finished(bug), runId: 1 };
    expect(summariseRun(run).title).toBe('Bug check 0x0000000A IRQL_NOT_LESS_OR_EQUAL');
    expect(primaryLineOf(run)).toBe(12);
    expect(summariseRun({ status: 'stopped', runId: 1, reason: 'watchdog' }).tone).toBe('warn');
  });
});

describe('check sequence', () => {
  it('keeps only the newest diagnostics', () => {
    const store = createAppStore();
    const a = store.getState().beginCheck();
    const b = store.getState().beginCheck();
    const diag = { severity: 'error' as const, message: 'm', file: 'f', line: 1, col: 1, endLine: 1, endCol: 2 };
    store.getState().finishCheck(b, { diagnostics: [diag] });
    store.getState().finishCheck(a, { diagnostics: [] });
    expect(store.getState().diagnostics).toEqual([diag]);
  });
});

describe('selectors', () => {
  it('derive stable highlights from a result', () => {
    const store = createAppStore();
    const id = store.getState().beginRun(0);
    const result = completedResult({ leaks: [{ tag: 'Test', bytes: 16, line: 5 }] });
    store.getState().finishRun(id, finished(result));
    const first = highlightsSelector(store.getState());
    expect(first).toEqual([{ line: 5, kind: 'leak', label: 'Leaked 16 bytes (tag Test)' }]);
    expect(highlightsSelector(store.getState())).toBe(first);
  });

  it('keep the console to its last prints', () => {
    const store = createAppStore();
    const id = store.getState().beginRun(0);
    const prints = Array.from({ length: 5002 }, (_, i) => `${i}`);
    store.getState().finishRun(id, finished(resultOf(prints.map((p, i) => ev('PRINT', i, { text: `${p}\n` })))));
    const out = consoleSelector(store.getState());
    expect(out.dropped).toBe(2);
    expect(out.text!.startsWith('2\n')).toBe(true);
    expect(consoleSelector(store.getState())).toBe(out);
  });

  it('show in the console the output up to the selected moment', () => {
    const store = createAppStore();
    const id = store.getState().beginRun(0);
    const events = [ev('PRINT', 1, { text: 'one\n' }), ev('ACQUIRE', 2), ev('PRINT', 3, { text: 'two ' }), ev('PRINT', 4, { text: 'halves\n' })];
    store.getState().finishRun(id, finished(resultOf(events)));
    expect(consoleSelector(store.getState()).text).toBe('one\ntwo halves');
    store.getState().setMoment(1);
    expect(consoleSelector(store.getState()).text).toBe('one');
    store.getState().setMoment(2);
    expect(consoleSelector(store.getState()).text).toBe('one\ntwo ');
  });

  it('explain a schedule that stopped fitting and a cut trace', () => {
    const summary = summariseRun({ ...finished(completedResult({ replay: { divergedAt: 4 }, truncated: true })), runId: 1 });
    expect(summary.notes).toEqual([
      'The recorded schedule no longer fits this code; it ran freely from choice 5.',
      expect.stringMatching(/^The trace reached its size limit and was cut/),
    ]);
    expect(summariseRun({ ...finished(completedResult()), runId: 1 }).notes).toBeUndefined();
  });

  it('tell whether the recorded schedule still applies after an edit or a settings change', () => {
    const store = createAppStore();
    store.setState({ source: 'code' });
    store.getState().setSchedule([1, 2]);
    expect(scheduleFitSelector(store.getState())).toEqual({ kind: 'untried' });
    const input = { source: 'code', settings: runSettingsSelector(store.getState()) };
    const id = store.getState().beginRun(0, input);
    store.getState().finishRun(id, finished(completedResult({ replay: { divergedAt: 1 } })));
    expect(scheduleFitSelector(store.getState())).toEqual({ kind: 'diverged', from: 1 });
    store.setState({ source: 'edited code' });
    expect(scheduleFitSelector(store.getState())).toEqual({ kind: 'changed', what: 'code' });
    store.setState({ source: 'code' });
    store.getState().updateSettings({ cpus: 4 });
    expect(scheduleFitSelector(store.getState())).toEqual({ kind: 'changed', what: 'settings' });
    store.getState().setSchedule(null);
    expect(scheduleFitSelector(store.getState())).toBeNull();
  });

  it('include the schedule only when there is one', () => {
    const store = createAppStore();
    expect(runSettingsSelector(store.getState()).schedule).toBeUndefined();
    store.getState().setSchedule([1, 0]);
    expect(runSettingsSelector(store.getState()).schedule).toEqual([1, 0]);
  });

  it('refuses settings the machine does not allow, keeps the old ones and says why', () => {
    const store = createAppStore();
    const before = store.getState().settings;
    const problems = store.getState().updateSettings({ cpus: 99, seed: -3, budget: Number.NaN });
    expect(problems.map((p) => p.setting)).toEqual(['cpus', 'seed', 'budget']);
    expect(store.getState().settings).toBe(before);
    expect(store.getState().notices.map((n) => n.text)).toContain('CPUs: 99 is not allowed; expected a number of CPUs from 1 to 8.');
  });

  it('starts from the same defaults as the command line', () => {
    expect(createAppStore().getState().settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('draft slice', () => {
  it('keeps the user work when the source is replaced, and restores it', () => {
    const store = createAppStore();
    store.getState().setSource('my work');
    expect(store.getState().replaceSource('example', 'opening an example')).toBe(true);
    expect(store.getState().source).toBe('example');
    store.getState().restoreDraft();
    expect(store.getState().source).toBe('my work');
    expect(store.getState().draft?.source).toBe('example');
  });
});

describe('draft slice with disposable text', () => {
  it('does not let an untouched example push the real draft out', () => {
    const store = createAppStore();
    store.getState().setSource('my work');
    const untouched = (text: string) => text === 'example A' || text === 'example B';
    store.getState().replaceSource('example A', 'a', untouched);
    expect(store.getState().replaceSource('example B', 'b', untouched)).toBe(false);
    expect(store.getState().draft?.source).toBe('my work');
  });
});

describe('persistence', () => {
  it('round-trips the workspace', () => {
    const store = createAppStore();
    store.getState().setSource('int x;');
    const storage = memoryStorage();
    saveWorkspace(storage, workspaceOf(store.getState()));
    const loaded = loadWorkspace(storage);
    expect(loaded).toMatchObject({ kind: 'loaded', workspace: { source: 'int x;', version: 2 } });
  });

  it('upgrades a v1 workspace', () => {
    const v1 = { version: 1, source: 'old', settings: { cpus: 3, policy: 'rr', seed: 5, budget: 10 } };
    const loaded = loadWorkspace(memoryStorage({ [STORAGE_KEY]: JSON.stringify(v1) }));
    expect(loaded).toEqual({
      kind: 'loaded',
      workspace: { ...v1, version: 2, schedule: null, draft: null, theme: null },
    });
  });

  it('falls back on corrupt data and keeps it aside', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: '{"version":2,"source":' });
    expect(loadWorkspace(storage)).toEqual({ kind: 'unreadable' });
    expect(storage.data[CORRUPT_KEY]).toBe('{"version":2,"source":');
    expect(loadWorkspace(memoryStorage({ [STORAGE_KEY]: '{"version":7}' }))).toEqual({ kind: 'unreadable' });
    expect(loadWorkspace(memoryStorage())).toEqual({ kind: 'empty' });
  });

  it('survives a storage that throws', () => {
    const hostile: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadWorkspace(hostile)).toEqual({ kind: 'empty' });
    expect(saveWorkspace(hostile, workspaceOf(createAppStore().getState()))).toBe(false);
  });
});
