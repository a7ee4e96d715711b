import { describe, expect, it } from 'vitest';
import { FROZEN_LINKS } from '../share/fixtures';
import { createAppStore } from '../store';
import { STORAGE_KEY, type StorageLike } from '../store/persistence';
import { boot, persistOnChange } from './boot';
import { DEFAULT_SOURCE } from './defaultSource';

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

const saved = JSON.stringify({
  version: 2,
  source: 'int Mine;',
  settings: { cpus: 1, policy: 'rr', seed: 3, budget: 99 },
  schedule: null,
  draft: null,
  theme: 'dark',
});

function env(fragment: string, storage = memoryStorage({ [STORAGE_KEY]: saved })) {
  const calls = { cleared: 0 };
  return { calls, storage, env: { storage, fragment, clearFragment: () => void calls.cleared++, prefersDark: false } };
}

describe('boot', () => {
  it('starts from defaults with nothing stored', async () => {
    const store = createAppStore();
    await boot(store, env('', memoryStorage()).env);
    expect(store.getState().source).toBe(DEFAULT_SOURCE);
    expect(store.getState().notices).toEqual([]);
  });

  it('restores stored work and theme', async () => {
    const store = createAppStore();
    await boot(store, env('').env);
    expect(store.getState()).toMatchObject({ source: 'int Mine;', theme: 'dark', settings: { cpus: 1, policy: 'rr' } });
  });

  it('opens a link over stored work, keeping that work as a draft, and clears the fragment', async () => {
    const store = createAppStore();
    const { env: e, calls } = env(FROZEN_LINKS.v2);
    await boot(store, e);
    const s = store.getState();
    expect(s.source).toContain('hello from v2');
    expect(s.settings).toEqual({ cpus: 3, policy: 'pct', seed: 7, budget: 200000 });
    expect(s.schedule).toEqual([0, 1, 1, 2, 0]);
    expect(s.moment).toBe(17);
    expect(s.draft?.source).toBe('int Mine;');
    expect(s.notices[0]).toMatchObject({ tone: 'info', action: 'restoreDraft' });
    expect(calls.cleared).toBe(1);
  });

  it('needs no draft when the stored work is the untouched default', async () => {
    const store = createAppStore();
    await boot(store, env(FROZEN_LINKS.v1, memoryStorage()).env);
    expect(store.getState().source).toContain('hello from v1');
    expect(store.getState().draft).toBeNull();
    expect(store.getState().notices[0]!.text).toBe('Opened a shared scenario.');
  });

  it('reports a broken link and keeps the stored work untouched', async () => {
    const store = createAppStore();
    const { env: e, calls } = env(FROZEN_LINKS.v1.slice(0, 40));
    await boot(store, e);
    expect(store.getState().source).toBe('int Mine;');
    expect(store.getState().draft).toBeNull();
    expect(store.getState().notices[0]).toMatchObject({ tone: 'error' });
    expect(store.getState().notices[0]!.text).toMatch(/Your own work is unchanged/);
    expect(calls.cleared).toBe(1);
  });

  it('ignores a fragment that is not a share link', async () => {
    const store = createAppStore();
    await boot(store, env('#top').env);
    expect(store.getState().notices).toEqual([]);
  });

  it('warns when stored work is unreadable', async () => {
    const store = createAppStore();
    await boot(store, env('', memoryStorage({ [STORAGE_KEY]: 'not json' })).env);
    expect(store.getState().source).toBe(DEFAULT_SOURCE);
    expect(store.getState().notices[0]!.tone).toBe('warning');
  });
});

describe('persistOnChange', () => {
  it('saves when the work changes, not when other state does', () => {
    const store = createAppStore();
    const storage = memoryStorage();
    persistOnChange(store, storage, () => undefined);
    store.getState().setExamplesOpen(true);
    expect(storage.data[STORAGE_KEY]).toBeUndefined();
    store.getState().setSource('typed');
    expect(JSON.parse(storage.data[STORAGE_KEY]!).source).toBe('typed');
  });

  it('tells the user once when the browser refuses', () => {
    const store = createAppStore();
    let told = 0;
    const refusing: StorageLike = { getItem: () => null, setItem: () => { throw new Error('quota'); } };
    persistOnChange(store, refusing, () => void told++);
    store.getState().setSource('a');
    store.getState().setSource('b');
    expect(told).toBe(1);
  });
});
