/** Issue 15: the app's export names what was checked. A check in the app
    goes through the worker's handler, the protocol and the store to the
    Export dialog's basis (exportBasisSelector); the Code Tour the dialog
    exports names the checked program's entry points, so a start routine
    under `#if 0` is not in it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCoreFiles } from '../../../driver/node/core-files';
import { EngineClient, type WorkerLike } from '../engine/client';
import { handleRequest } from '../engine/handler';
import type { Request } from '../engine/protocol';
import { exportProject } from '../export';
import * as frontend from '../scenario/index';
import { createAppStore } from '../store';
import { exportBasisSelector } from '../store/selectors';
import { createActions } from './actions';

/** A worker that answers with the real handler and front end, as engine/worker.ts does. */
class HandlerWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  postMessage(message: unknown) {
    const deps = { loadFrontend: async () => frontend, loadCore: () => Promise.reject(new Error('a check needs no core')) };
    void handleRequest(message as Request, deps).then((data) => this.onmessage?.({ data } as MessageEvent));
  }
  terminate() {}
}

const GHOST = readFileSync('examples/kmutex-counter.c', 'utf8').replace('NTSTATUS DriverEntry',
  '#if 0\nVOID Ghost(PVOID Context) { HANDLE h; PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Ghost, Context); }\n#endif\n' +
  'NTSTATUS DriverEntry');

async function checked(source: string) {
  const store = createAppStore();
  const actions = createActions(store, new EngineClient(() => new HandlerWorker(), () => undefined), () => 'http://x/');
  store.getState().setSource(source);
  actions.check();
  for (let i = 0; i < 100 && store.getState().checkedSource !== source; i++) await new Promise((r) => setTimeout(r, 10));
  return store;
}

function tourOf(readme: string): string[] {
  return readme.slice(readme.indexOf('## Code Tour')).match(/^\*\*`[^`]+`\*\*/gm) ?? [];
}

describe("the app's export names what was checked", () => {
  it('a start routine under #if 0 is not in the Code Tour', async () => {
    const store = await checked(GHOST);
    const basis = exportBasisSelector(store.getState());
    expect(basis.kind).toBe('ready');
    if (basis.kind !== 'ready') return;
    expect(basis.entryPoints.map((e) => e.name)).toEqual(['DriverEntry', 'Worker']);
    const files = exportProject({ name: 'ghost', source: basis.source, coreFiles: readCoreFiles(), entryPoints: basis.entryPoints });
    expect(files.get('src/ghost.c')).toContain('Ghost');
    expect(tourOf(files.get('README.md')!)).toEqual(['**`DriverEntry`**', '**`Worker`**', '**`src/wdkm/`**']);
  });

  it('a scenario with an error is refused, naming the first error', async () => {
    const store = await checked(GHOST.replace('return STATUS_SUCCESS;', 'return nope;'));
    expect(exportBasisSelector(store.getState())).toMatchObject({ kind: 'refused', message: expect.stringContaining("'nope'") });
  });

  it('text typed after the check waits for its own check', async () => {
    const store = await checked(GHOST);
    store.getState().setSource(`${GHOST}\n`);
    expect(exportBasisSelector(store.getState())).toEqual({ kind: 'checking' });
  });
});
