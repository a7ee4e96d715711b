import { describe, expect, it } from 'vitest';
import type { Core, Diagnostic, FrontendModule } from './core-types';
import { completedResult } from './fixtures.test-data';
import { handleRequest } from './handler';

const settings = { cpus: 2, policy: 'timed' as const, seed: 1, budget: 100 };
const error: Diagnostic = { severity: 'error', message: 'bad', file: 'scenario.c', line: 2, col: 1, endLine: 2, endCol: 4 };

function frontend(diagnostics: Diagnostic[] = [], module: Uint8Array | undefined = new Uint8Array([1])): FrontendModule {
  return { checkScenario: () => ({ diagnostics }), compile: () => ({ diagnostics, module }) };
}

const core = (run: Core['run']): Core => ({ run, explore: () => { throw new Error('not used here'); } });

describe('worker request handler', () => {
  it('answers a check with diagnostics', async () => {
    const reply = await handleRequest({ type: 'check', id: 4, source: 'x' }, { loadFrontend: async () => frontend([error]), loadCore: async () => core(() => completedResult()) });
    expect(reply).toEqual({ type: 'diagnostics', id: 4, diagnostics: [error] });
  });

  it('does not run a scenario that has errors', async () => {
    let ran = false;
    const reply = await handleRequest(
      { type: 'run', id: 1, runId: 9, source: 'x', settings },
      { loadFrontend: async () => frontend([error]), loadCore: async () => core(() => ((ran = true), completedResult())) },
    );
    expect(reply).toEqual({ type: 'compileFailed', id: 1, runId: 9, diagnostics: [error] });
    expect(ran).toBe(false);
  });

  it('runs the compiled module with the settings', async () => {
    let seen: unknown;
    const reply = await handleRequest(
      { type: 'run', id: 1, runId: 9, source: 'x', settings },
      { loadFrontend: async () => frontend(), loadCore: async () => core((m, s) => ((seen = [m, s]), completedResult())) },
    );
    expect(reply).toMatchObject({ type: 'result', id: 1, runId: 9, result: { outcome: 'completed' } });
    expect(seen).toEqual([new Uint8Array([1]), settings]);
  });

  it('names the stage that failed', async () => {
    const missing = await handleRequest({ type: 'check', id: 2, source: 'x' }, { loadFrontend: () => Promise.reject(new Error('not built')), loadCore: async () => core(() => completedResult()) });
    expect(missing).toEqual({ type: 'error', id: 2, runId: undefined, stage: 'frontend', message: 'not built' });
    const trap = await handleRequest(
      { type: 'run', id: 3, runId: 5, source: 'x', settings },
      { loadFrontend: async () => frontend(), loadCore: async () => core(() => { throw new Error('RuntimeError: unreachable'); }) },
    );
    expect(trap).toEqual({ type: 'error', id: 3, runId: 5, stage: 'core', message: 'RuntimeError: unreachable' });
  });
});
