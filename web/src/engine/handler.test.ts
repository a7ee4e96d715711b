import { describe, expect, it } from 'vitest';
import type { Core, Diagnostic, FrontendModule } from './core-types';
import { completedRun } from './fixtures.test-data';
import { handleRequest } from './handler';
import { encodeTrace } from '../trace/encode';
import { preparedProblem } from '../trace/prepared';
import { ev } from '../trace/testing';

const settings = { cpus: 2, policy: 'timed' as const, seed: 1, budget: 100 };
const error: Diagnostic = { severity: 'error', message: 'bad', file: 'scenario.c', line: 2, col: 1, endLine: 2, endCol: 4 };

function frontend(diagnostics: Diagnostic[] = [], module: Uint8Array | undefined = new Uint8Array([1])): FrontendModule {
  return { checkScenario: () => ({ diagnostics }), compile: () => ({ diagnostics, module }) };
}

const core = (run: Core['run']): Core => ({ run, explore: () => { throw new Error('not used here'); } });

describe('worker request handler', () => {
  it('answers a check with diagnostics', async () => {
    const reply = await handleRequest({ type: 'check', id: 4, source: 'x' }, { loadFrontend: async () => frontend([error]), loadCore: async () => core(() => completedRun()) });
    expect(reply).toEqual({ type: 'diagnostics', id: 4, diagnostics: [error] });
  });

  it('does not run a scenario that has errors', async () => {
    let ran = false;
    const reply = await handleRequest(
      { type: 'run', id: 1, runId: 9, source: 'x', settings },
      { loadFrontend: async () => frontend([error]), loadCore: async () => core(() => ((ran = true), completedRun())) },
    );
    expect(reply).toEqual({ type: 'compileFailed', id: 1, runId: 9, diagnostics: [error] });
    expect(ran).toBe(false);
  });

  it('runs the compiled module with the settings', async () => {
    let seen: unknown;
    const reply = await handleRequest(
      { type: 'run', id: 1, runId: 9, source: 'x', settings },
      { loadFrontend: async () => frontend(), loadCore: async () => core((m, s) => ((seen = [m, s]), completedRun())) },
    );
    expect(reply).toMatchObject({ type: 'result', id: 1, runId: 9, result: { outcome: 'completed' } });
    expect(seen).toEqual([new Uint8Array([1]), settings]);
    /* the trace, decoded once by the core, goes to the views prepared; the columns are not sent twice */
    if (reply.type !== 'result') throw new Error(reply.type);
    expect('columns' in reply.result).toBe(false);
    expect(preparedProblem(reply.decoded)).toBeNull();
    expect('error' in reply.decoded ? reply.decoded.error : reply.decoded.columns.length).toBe(1);
  });

  it('prepares a trace made elsewhere for the views, without the front end or the core', async () => {
    const never = () => Promise.reject(new Error('not needed'));
    const trace = encodeTrace([ev('PRINT', 1, { text: 'x' })]);
    const reply = await handleRequest({ type: 'trace', id: 6, trace }, { loadFrontend: never, loadCore: never });
    expect(reply.type === 'trace' && !('error' in reply.decoded) && reply.decoded.columns.text).toBe('x');
    const bad = await handleRequest({ type: 'trace', id: 7, trace: new Uint8Array([9]) }, { loadFrontend: never, loadCore: never });
    expect(bad).toEqual({ type: 'trace', id: 7, decoded: { error: expect.stringMatching(/WDKT/) } });
  });

  it('names the stage that failed', async () => {
    const missing = await handleRequest({ type: 'check', id: 2, source: 'x' }, { loadFrontend: () => Promise.reject(new Error('not built')), loadCore: async () => core(() => completedRun()) });
    expect(missing).toEqual({ type: 'error', id: 2, runId: undefined, stage: 'frontend', message: 'not built' });
    const trap = await handleRequest(
      { type: 'run', id: 3, runId: 5, source: 'x', settings },
      { loadFrontend: async () => frontend(), loadCore: async () => core(() => { throw new Error('RuntimeError: unreachable'); }) },
    );
    expect(trap).toEqual({ type: 'error', id: 3, runId: 5, stage: 'core', message: 'RuntimeError: unreachable' });
  });
});
