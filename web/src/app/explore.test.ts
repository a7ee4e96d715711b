import { describe, expect, it } from 'vitest';
import type { ExploreOutcome } from '../engine/core-types';
import { createAppStore } from '../store';
import { createExploreController } from './explore';

function fakeWorker() {
  const posted: unknown[] = [];
  const w = {
    posted,
    terminated: false,
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    postMessage: (m: unknown) => { posted.push(m); },
    terminate: () => { w.terminated = true; },
    reply: (data: unknown) => w.onmessage?.({ data } as MessageEvent),
  };
  return w;
}

const deadlock = { outcome: 'deadlock', status: '0x00000000', prints: [], bugcheck: null, assertion: null, leaks: [],
  deadlock: { threads: [] }, count: 1, schedule: 'x3:1*3.2*4.3*5' } as unknown as ExploreOutcome;

describe('the app explorer', () => {
  it('asks the worker to explore the source with the CPUs and budget, shows progress, then the result', () => {
    const app = createAppStore();
    const w = fakeWorker();
    const c = createExploreController(app, () => {}, () => w);
    c.start();
    expect(w.posted[0]).toMatchObject({ type: 'explore', source: app.getState().source, settings: { cpus: 2 } });
    expect(c.store.getState().status).toBe('running');
    w.reply({ type: 'progress', schedules: 5, pruned: 2, outcomes: 1, elapsedMs: 10 });
    expect(c.store.getState().progress?.schedules).toBe(5);
    c.cancel();
    expect(w.posted[1]).toEqual({ type: 'cancel' });
    w.reply({ type: 'done', result: { complete: false, schedules: 5, outcomes: [deadlock], races: [], findings: [] } });
    expect(c.store.getState()).toMatchObject({ status: 'done', result: { schedules: 5 } });
    expect(w.terminated).toBe(true);
  });
  it('Show replays the witness: the explore policy, its CPUs and its choices, then a run', () => {
    const app = createAppStore();
    let runs = 0;
    const c = createExploreController(app, () => { runs++; }, () => fakeWorker());
    c.show(deadlock);
    expect(app.getState().settings).toMatchObject({ policy: 'explore', cpus: 3 });
    expect(app.getState().schedule).toEqual([1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    expect(runs).toBe(1);
  });
  it('says when the worker fails', () => {
    const w = fakeWorker();
    const c = createExploreController(createAppStore(), () => {}, () => w);
    c.start();
    w.reply({ type: 'error', message: 'scenario.c:1:1: expected a declaration' });
    expect(c.store.getState()).toMatchObject({ status: 'failed', message: 'scenario.c:1:1: expected a declaration' });
  });
});
