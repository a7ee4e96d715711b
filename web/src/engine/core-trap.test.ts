/** Issue 15: every trap of the core becomes a reported outcome, never an
    engine failure. No scenario makes today's core trap, so the real
    WebAssembly instance is handed an argument no caller passes: a module
    address past the end of its memory, where its first read traps with
    "memory access out of bounds". The worker's handler, the app's store and
    `wdkm run` each report it as an explained failure, and the instance is not
    used again. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/memory-io';
import { EXIT_FAIL } from '../../../cli/commands/types';
import { createActions } from '../app/actions';
import * as frontend from '../scenario/index';
import { createAppStore } from '../store';
import { outcomeSelector } from '../store/selectors';
import { EngineClient, type WorkerLike } from './client';
import { CoreTrapped, createCoreModule, loadCore } from './core';
import { handleRequest } from './handler';
import { lazyLoaders } from './pipeline';
import type { Request } from './protocol';

/** The real core, whose run is given a module address past the end of its memory. */
const trapping = () => loadCore(async () => {
  const m = await createCoreModule();
  return new Proxy(m, {
    get: (target, key, receiver) => key === '_WdkmRun'
      ? (...args: Parameters<typeof m._WdkmRun>) => target._WdkmRun(target.HEAPU8.length + 4096, ...args.slice(1) as [number, number, number, number, number, number, number, number, number])
      : Reflect.get(target, key, receiver),
  });
});

const SOURCE = readFileSync('examples/kmutex-counter.c', 'utf8');
const settings = { cpus: 2, policy: 'timed' as const, seed: 1, budget: 1_000_000 };
const module = () => frontend.compile(SOURCE, 'scenario.c').module!;
const EXPLAINED = /^the emulator stopped on an internal fault \(RuntimeError: memory access out of bounds\); this is a bug of the playground, not of the scenario$/;

const realLoadCore = lazyLoaders.loadCore;
afterEach(() => { lazyLoaders.loadCore = realLoadCore; });

describe('a trap of the WebAssembly core', () => {
  it('is a CoreTrapped that says what happened, and the instance is not used again', async () => {
    const core = await trapping();
    let thrown: unknown;
    try { core.run(module(), settings); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(CoreTrapped);
    expect((thrown as Error).message).toMatch(EXPLAINED);
    // The next calls, the explorer's too, are refused rather than run on an instance in an unknown state.
    expect(() => core.run(module(), settings)).toThrow(/an earlier call stopped this instance/);
    expect(() => core.explore(module(), settings, {})).toThrow(/an earlier call stopped this instance/);
  });

  it('the worker answers the run with an error of the core stage, explained', async () => {
    const reply = await handleRequest({ type: 'run', id: 1, runId: 7, source: SOURCE, settings },
      { loadFrontend: async () => frontend, loadCore: trapping });
    expect(reply).toEqual({ type: 'error', id: 1, runId: 7, stage: 'core', message: expect.stringMatching(EXPLAINED) });
  });

  it('the app shows it as a failed run with the explanation, and starts a new engine worker', async () => {
    const workers: { terminated: boolean }[] = [];
    class HandlerWorker implements WorkerLike {
      onmessage: ((event: MessageEvent) => void) | null = null;
      onerror: ((event: ErrorEvent) => void) | null = null;
      onmessageerror: ((event: MessageEvent) => void) | null = null;
      terminated = false;
      constructor() { workers.push(this); }
      postMessage(message: unknown) {
        void handleRequest(message as Request, { loadFrontend: async () => frontend, loadCore: trapping })
          .then((data) => this.onmessage?.({ data } as MessageEvent));
      }
      terminate() { this.terminated = true; }
    }
    const store = createAppStore();
    const actions = createActions(store, new EngineClient(() => new HandlerWorker(), () => undefined), () => 'http://x/');
    store.getState().setSource(SOURCE);
    actions.run();
    for (let i = 0; i < 200 && store.getState().run.status === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(store.getState().run).toMatchObject({ status: 'failed', stage: 'core', message: expect.stringMatching(EXPLAINED) });
    expect(outcomeSelector(store.getState())).toMatchObject({ tone: 'bad', title: 'The engine could not run this', detail: expect.stringMatching(EXPLAINED) });
    expect(workers.some((w) => w.terminated)).toBe(true);
  });

  it('wdkm run reports it on stderr with exit 1, without a stack trace', async () => {
    lazyLoaders.loadCore = trapping;
    const r = await runCli(['run', 'k.c'], { 'k.c': SOURCE }, () => undefined);
    expect(r.code).toBe(EXIT_FAIL);
    expect(r.err).toMatch(/^wdkm run: the emulator stopped on an internal fault \(RuntimeError: memory access out of bounds\); this is a bug of the playground/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });
});
