/** The exploring worker's work, in Node on the WebAssembly core: an
    exploration stopped by a bound or a cancel and resumed finds exactly what
    an uninterrupted one finds; requests wait their turn; what it cannot
    explore is said. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSource, lazyLoaders } from '../engine/pipeline';
import { exploreModule, openExploration, type ExploreRun } from './explore';
import { exploreHost } from './host';
import type { ExploreReply, ExploreRequest } from './protocol';

const SETTINGS = { cpus: 2, budget: 5_000_000 };
const source = (file: string) => readFileSync(`bench/explore/${file}`, 'utf8');

async function loaded(file: string) {
  const compiled = compileSource(await lazyLoaders.loadFrontend(), source(file));
  if (!compiled.ok) throw new Error(`${file} does not compile`);
  return { core: await lazyLoaders.loadCore(), module: compiled.module, names: compiled.names };
}

/* What an exploration found, without the time it took and how it stopped. */
const found = ({ elapsedMs: _e, stopped: _s, ...r }: ExploreRun) => r;

function host() {
  const replies: ExploreReply[] = [];
  const waiters: { id: number; resolve: (r: ExploreReply) => void }[] = [];
  const send = exploreHost((r) => {
    replies.push(r);
    if (r.type === 'progress') return;
    const i = waiters.findIndex((w) => w.id === r.id);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(r);
  });
  const end = (id: number) => new Promise<ExploreReply>((resolve) => waiters.push({ id, resolve }));
  return { replies, end, send: (r: ExploreRequest) => { const e = end(r.id); send(r); return e; }, post: send };
}

describe('resuming an exploration', () => {
  it('a part stopped at a bound, then resumed, finds what an uninterrupted exploration finds', async () => {
    for (const file of ['philosophers-3.c', 'lost-update-2.c']) {
      const { core, module } = await loaded(file);
      const whole = await exploreModule(core, module, SETTINGS, {});
      expect(whole.complete).toBe(true);
      const session = openExploration(core, module, SETTINGS);
      try {
        // philosophers-3 needs 4 schedules, lost-update-2 8 (docs/explorer.md)
        const first = await session.run({ maxSchedules: 2 });
        expect(first).toMatchObject({ complete: false, stopped: 'bound', schedules: 2 });
        expect(session.finished).toBe(false);
        const second = await session.run({ maxSchedules: 3 });
        expect(second).toMatchObject({ complete: false, stopped: 'bound', schedules: 3 });
        const rest = await session.run({});
        expect(rest.stopped).toBeNull();
        expect(session.finished).toBe(true);
        expect(found(rest)).toEqual(found(whole));
      } finally {
        session.dispose();
      }
    }
  });

  it('the worker keeps an exploration stopped at a bound, and resume with its id goes on to the same result', async () => {
    const { core, module, names } = await loaded('philosophers-3.c');
    const whole = await exploreModule(core, module, SETTINGS, {}, { names });
    /* the worker names each deadlock's threads and objects, as run --json does */
    expect(whole.outcomes.find((o) => o.deadlock)?.deadlock?.threads[0]?.name.thread).toMatch(/^Thread \d+ · /);
    const h = host();
    const first = h.end(1);
    h.post({ type: 'explore', id: 1, source: source('philosophers-3.c'), settings: SETTINGS, bounds: { maxSchedules: 2 }, keep: true });
    const stopped = await first;
    expect(stopped).toMatchObject({ type: 'done', resumable: true, result: { complete: false, stopped: 'bound', schedules: 2 } });
    const resumed = await h.send({ type: 'resume', id: 1, bounds: {} });
    expect(resumed.type).toBe('done');
    if (resumed.type !== 'done') return;
    expect(resumed.resumable).toBe(false);
    expect(found(resumed.result)).toEqual(found(whole));
    expect(h.replies.filter((r) => r.type === 'progress' && r.id === 1).length).toBeGreaterThan(1);
    /* finished: nothing is kept any more */
    expect(await h.send({ type: 'resume', id: 1, bounds: {} })).toMatchObject({ type: 'failed', message: expect.stringMatching(/no longer kept/) });
  });

  it('a cancel keeps what was found; a new exploration drops the kept one', async () => {
    const h = host();
    const first = h.end(1);
    h.post({ type: 'explore', id: 1, source: source('crate-counter-small.c'), settings: SETTINGS, bounds: {}, keep: true });
    h.post({ type: 'cancel', id: 1 });
    const r = await first;
    expect(r).toMatchObject({ type: 'done', resumable: true, result: { complete: false, stopped: 'cancelled' } });
    const more = await h.send({ type: 'resume', id: 1, bounds: { maxSchedules: 3 } });
    expect(more).toMatchObject({ type: 'done', resumable: true, result: { complete: false, stopped: 'bound', schedules: 3 } });
    const other = await h.send({ type: 'explore', id: 2, source: source('lock-order-2.c'), settings: SETTINGS, bounds: {} });
    expect(other).toMatchObject({ type: 'done', resumable: false, result: { complete: true } });
    expect(await h.send({ type: 'resume', id: 1, bounds: {} })).toMatchObject({ type: 'failed', message: expect.stringMatching(/another one started since/) });
  });

  it('says what it cannot explore: a source that does not compile, settings out of range', async () => {
    const h = host();
    const bad = await h.send({ type: 'explore', id: 1, source: 'int x = ;', settings: SETTINGS, bounds: {} });
    expect(bad).toMatchObject({ type: 'failed', diagnostics: expect.arrayContaining([expect.objectContaining({ severity: 'error', line: 1 })]) });
    const refused = await h.send({ type: 'explore', id: 2, source: source('lock-order-2.c'), settings: { cpus: 99, budget: 1 }, bounds: {} });
    expect(refused).toMatchObject({ type: 'failed', message: expect.stringMatching(/CPU/i) });
  });
});
