import { describe, expect, it } from 'vitest';
import type { ExploreOutcome } from '../engine/core-types';
import { createExploreClient } from '../explore/client';
import type { ExploreRequest } from '../explore/protocol';
import { createAppStore } from '../store';
import { createExploreController } from './explore';

function fakeWorker() {
  const posted: ExploreRequest[] = [];
  const w = {
    posted,
    spawned: 0,
    terminated: false,
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    postMessage: (m: ExploreRequest) => { posted.push(m); },
    terminate: () => { w.terminated = true; },
    reply: (data: unknown) => w.onmessage?.({ data } as MessageEvent),
  };
  return w;
}

const deadlock = { outcome: 'deadlock', status: '0x00000000', prints: [], bugcheck: null, assertion: null, leaks: [],
  deadlock: { threads: [] }, count: 1, schedule: 'x3:1*3.2*4.3*5' } as unknown as ExploreOutcome;
const tick = () => new Promise((r) => setTimeout(r, 0));

function setUp(workers = 1) {
  const app = createAppStore();
  const ws = Array.from({ length: workers }, fakeWorker);
  const clients = ws.map((w) => createExploreClient(() => { w.spawned++; return w; }));
  let runs = 0;
  const c = createExploreController(app, () => { runs++; }, () => clients);
  return { app, w: ws[0]!, ws, c, runs: () => runs };
}

const part = (schedules: number, outcomes: ExploreOutcome[], stopped: string | null) =>
  ({ complete: stopped === null, schedules, pruned: 1, outcomes, races: [], findings: [], runs: schedules, events: 0, maxDepth: 3, cut: false, error: null, elapsedMs: 5, stopped });
const completed = { ...deadlock, outcome: 'completed', deadlock: null, count: 4, schedule: 'x2:1*5' } as unknown as ExploreOutcome;

describe('the app explorer', () => {
  it('asks the worker to explore the source with the CPUs and budget, shows progress, then the result', async () => {
    const { app, w, c } = setUp();
    c.start();
    expect(w.posted[0]).toMatchObject({ type: 'explore', source: app.getState().source, settings: { cpus: 2 }, keep: true });
    const id = w.posted[0]!.id;
    expect(c.store.getState().status).toBe('running');
    w.reply({ type: 'progress', id, schedules: 5, pruned: 2, outcomes: 1, elapsedMs: 10 });
    expect(c.store.getState().progress?.schedules).toBe(5);
    c.cancel();
    expect(w.posted[1]).toEqual({ type: 'cancel', id });
    w.reply({ type: 'done', id, result: { complete: false, schedules: 5, outcomes: [deadlock], races: [], findings: [], stopped: 'cancelled' }, resumable: true });
    await tick();
    expect(c.store.getState()).toMatchObject({ status: 'done', result: { schedules: 5, stopped: 'cancelled' }, resumable: true });
  });

  it('Resume goes on with the kept exploration, by its id, and the worker stays the same', async () => {
    const { w, c } = setUp();
    c.start();
    const id = w.posted[0]!.id;
    w.reply({ type: 'done', id, result: { complete: false, schedules: 5, outcomes: [], races: [], findings: [], stopped: 'cancelled' }, resumable: true });
    await tick();
    c.resume();
    expect(w.posted[1]).toEqual({ type: 'resume', id, bounds: { maxSeconds: 30 } });
    expect(c.store.getState()).toMatchObject({ status: 'running', resumable: false });
    w.reply({ type: 'progress', id, schedules: 9, pruned: 2, outcomes: 1, elapsedMs: 10 });
    expect(c.store.getState().progress?.schedules).toBe(9);
    w.reply({ type: 'done', id, result: { complete: true, schedules: 12, outcomes: [], races: [], findings: [], stopped: null }, resumable: false });
    await tick();
    expect(c.store.getState()).toMatchObject({ status: 'done', result: { complete: true, schedules: 12 }, resumable: false });
    c.resume(); /* nothing is kept: nothing is asked */
    expect(w.posted).toHaveLength(2);
    expect(w.spawned).toBe(1);
  });

  it('a new exploration cancels the running one, whose end is then ignored', async () => {
    const { w, c } = setUp();
    c.start();
    const first = w.posted[0]!.id;
    c.start();
    expect(w.posted[1]).toEqual({ type: 'cancel', id: first });
    const second = w.posted[2]!.id;
    expect(second).not.toBe(first);
    w.reply({ type: 'done', id: first, result: { complete: false, schedules: 1, outcomes: [], races: [], findings: [] }, resumable: false });
    await tick();
    expect(c.store.getState().status).toBe('running');
  });

  it('Show replays the witness: the explore policy, its CPUs and its choices, then a run', () => {
    const { app, c, runs } = setUp();
    c.show(deadlock);
    expect(app.getState().settings).toMatchObject({ policy: 'explore', cpus: 3 });
    expect(app.getState().schedule).toEqual([1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    expect(runs()).toBe(1);
  });

  it('says when the source does not compile, and when the worker crashes', async () => {
    const { w, c } = setUp();
    c.start();
    w.reply({ type: 'failed', id: w.posted[0]!.id, message: 'The scenario does not compile.',
      diagnostics: [{ severity: 'error', message: 'expected a declaration', file: 'scenario.c', line: 3, col: 1, endLine: 3, endCol: 2 }] });
    await tick();
    expect(c.store.getState()).toMatchObject({ status: 'failed', message: 'the scenario does not compile: line 3: expected a declaration' });
    c.start();
    w.onerror?.({ message: 'out of memory', preventDefault: () => {} } as ErrorEvent);
    await tick();
    expect(c.store.getState()).toMatchObject({ status: 'failed', message: "The explorer's worker failed: out of memory" });
    expect(w.terminated).toBe(true);
  });

  it('with two workers, each explores its shard; progress is summed, the results merged, and Resume goes on with the part that stopped', async () => {
    const { ws, c } = setUp(2);
    c.start();
    expect(ws.map((w) => w.posted[0])).toMatchObject([
      { type: 'explore', bounds: { maxSeconds: 30, shard: { index: 0, count: 2 } }, keep: true },
      { type: 'explore', bounds: { maxSeconds: 30, shard: { index: 1, count: 2 } }, keep: true },
    ]);
    const [a, b] = [ws[0]!.posted[0]!.id, ws[1]!.posted[0]!.id];
    ws[0]!.reply({ type: 'progress', id: a, schedules: 5, pruned: 2, outcomes: 1, elapsedMs: 10 });
    ws[1]!.reply({ type: 'progress', id: b, schedules: 7, pruned: 3, outcomes: 2, elapsedMs: 12 });
    expect(c.store.getState().progress).toEqual({ schedules: 12, pruned: 5, outcomes: 2, elapsedMs: 12 });
    c.cancel();
    expect(ws.map((w) => w.posted[1])).toEqual([{ type: 'cancel', id: a }, { type: 'cancel', id: b }]);
    ws[0]!.reply({ type: 'done', id: a, result: part(6, [completed], null), resumable: false });
    ws[1]!.reply({ type: 'done', id: b, result: part(8, [{ ...completed, count: 3 }, deadlock], 'cancelled'), resumable: true });
    await tick();
    const s = c.store.getState();
    expect(s).toMatchObject({ status: 'done', resumable: true, result: { complete: false, schedules: 14, stopped: 'cancelled' } });
    expect(s.result!.outcomes.map((o) => [o.outcome, o.count])).toEqual([['completed', 7], ['deadlock', 1]]);

    c.resume();
    expect(ws[0]!.posted).toHaveLength(2); /* its part was done */
    expect(ws[1]!.posted[2]).toEqual({ type: 'resume', id: b, bounds: { maxSeconds: 30 } });
    ws[1]!.reply({ type: 'progress', id: b, schedules: 9, pruned: 3, outcomes: 2, elapsedMs: 20 });
    expect(c.store.getState().progress).toEqual({ schedules: 15, pruned: 4, outcomes: 2, elapsedMs: 20 });
    ws[1]!.reply({ type: 'done', id: b, result: part(10, [{ ...completed, count: 5 }, deadlock], null), resumable: false });
    await tick();
    expect(c.store.getState()).toMatchObject({ status: 'done', resumable: false, result: { complete: true, schedules: 16, stopped: null } });
  });

  it('one part failing fails the exploration and stops the others', async () => {
    const { ws, c } = setUp(2);
    c.start();
    ws[0]!.reply({ type: 'failed', id: ws[0]!.posted[0]!.id, message: 'the VM rejected the compiled module' });
    await tick();
    expect(c.store.getState()).toMatchObject({ status: 'failed', message: 'the VM rejected the compiled module' });
    expect(ws[1]!.posted[1]).toEqual({ type: 'cancel', id: ws[1]!.posted[0]!.id });
  });
});
