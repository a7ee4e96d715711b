import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineClient, type WorkerLike } from '../engine/client';
import { resultReply } from '../engine/fixtures.test-data';
import { createAppStore } from '../store';
import { createActions } from './actions';
import { handleShortcut } from './commands';
import { dropStaleShareLink, liveCheck, runWatchdog } from './effects';

class ScriptedWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  sent: { id: number; type: string; runId?: number }[] = [];
  terminated = false;
  postMessage(message: unknown) {
    this.sent.push(message as { id: number; type: string });
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

function setup() {
  const workers: ScriptedWorker[] = [];
  const store = createAppStore();
  const engine = new EngineClient(() => {
    const w = new ScriptedWorker();
    workers.push(w);
    return w;
  }, () => undefined);
  const actions = createActions(store, engine, () => 'http://x/');
  return { store, actions, workers };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => vi.useRealTimers());

describe('actions', () => {
  it('run puts the result in the store; a second run drops the first', async () => {
    const { store, actions, workers } = setup();
    actions.run();
    actions.run();
    const second = workers[1]!;
    const msg = second.sent[0]!;
    second.reply(resultReply(msg.id, msg.runId!));
    await flush();
    expect(store.getState().run).toMatchObject({ status: 'finished', runId: 2 });
    expect(workers[0]!.terminated).toBe(true);
  });

  it('stop ends the run at once', async () => {
    const { store, actions, workers } = setup();
    actions.run();
    actions.stop();
    await flush();
    expect(store.getState().run).toMatchObject({ status: 'stopped', reason: 'user' });
    expect(workers[0]!.terminated).toBe(true);
  });

  it('a core error recycles the run worker', async () => {
    const { store, actions, workers } = setup();
    actions.run();
    const msg = workers[0]!.sent[0]!;
    workers[0]!.reply({ type: 'error', id: msg.id, runId: msg.runId, stage: 'core', message: 'unreachable' });
    await flush();
    expect(store.getState().run).toMatchObject({ status: 'failed', stage: 'core' });
    expect(workers[0]!.terminated).toBe(true);
  });

  it('share makes a versioned link', async () => {
    const { store, actions } = setup();
    store.getState().setSource('int x;');
    const url = await actions.share();
    expect(url).toMatch(/^http:\/\/x\/#v3\./);
    expect(store.getState().share).toEqual({ status: 'ready', url });
  });
});

describe('effects', () => {
  it('checks after a pause in typing, once', async () => {
    vi.useFakeTimers();
    const { store, actions, workers } = setup();
    liveCheck(store, actions, 300);
    store.getState().setSource('a');
    store.getState().setSource('ab');
    vi.advanceTimersByTime(299);
    expect(workers).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(workers[0]!.sent).toHaveLength(1);
    expect(workers[0]!.sent[0]).toMatchObject({ type: 'check', source: 'ab' });
  });

  it('the watchdog stops a run that takes too long', () => {
    vi.useFakeTimers();
    const { store, actions } = setup();
    runWatchdog(store, actions, 1000);
    actions.run();
    vi.advanceTimersByTime(1000);
    expect(store.getState().run).toMatchObject({ status: 'stopped', reason: 'watchdog' });
  });
});

describe('stale share links', () => {
  it('are hidden once the work changes', async () => {
    const { store, actions } = setup();
    dropStaleShareLink(store);
    await actions.share();
    store.getState().setExamplesOpen(true);
    expect(store.getState().share.status).toBe('ready');
    store.getState().updateSettings({ seed: 5 });
    expect(store.getState().share.status).toBe('idle');
  });
});

describe('shortcuts', () => {
  it('Ctrl+Enter runs, Ctrl+Shift+Enter stops only while running', () => {
    const { store, actions } = setup();
    const key = (shiftKey: boolean) =>
      ({ key: 'Enter', ctrlKey: true, metaKey: false, shiftKey, defaultPrevented: false, preventDefault() {} }) as KeyboardEvent;
    expect(handleShortcut(key(true), actions, store.getState())).toBe(false);
    expect(handleShortcut(key(false), actions, store.getState())).toBe(true);
    expect(store.getState().run.status).toBe('running');
    expect(handleShortcut(key(true), actions, store.getState())).toBe(true);
    expect(store.getState().run.status).toBe('stopped');
  });
});
