/* The engine worker: the scenario front end and the WASM core, off the UI
   thread. One request at a time; a run cannot be interrupted from inside, so
   the app cancels a run by terminating this worker (see ./client.ts). */
/// <reference lib="webworker" />
import { errorMessage, requestSchema, SCENARIO_FILE, type ErrorStage, type Reply, type Request } from './protocol';
import { loadCoreInstance, loadFrontend } from './modules';

declare const self: DedicatedWorkerGlobalScope;

function post(reply: Reply): void {
  if (reply.type === 'result') {
    const buffer = reply.result.trace.buffer;
    self.postMessage(reply, buffer instanceof ArrayBuffer ? [buffer] : []);
    return;
  }
  self.postMessage(reply);
}

class StageError extends Error {
  constructor(readonly stage: ErrorStage, cause: unknown) {
    super(errorMessage(cause));
  }
}

async function attempt<T>(stage: ErrorStage, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw new StageError(stage, err);
  }
}

async function handle(request: Request): Promise<Reply> {
  const frontend = await attempt('frontend', loadFrontend);
  if (request.type === 'check') {
    const diagnostics = await attempt('frontend', () => frontend.check(request.source, SCENARIO_FILE));
    return { type: 'diagnostics', id: request.id, diagnostics };
  }
  const { id, runId } = request;
  const compiled = await attempt('frontend', () => frontend.compile(request.source, SCENARIO_FILE));
  const errors = compiled.diagnostics.some((d) => d.severity === 'error');
  if (errors || !compiled.module) {
    return { type: 'compileFailed', id, runId, diagnostics: compiled.diagnostics };
  }
  const core = await attempt('core', loadCoreInstance);
  const result = await attempt('core', () => core.run(compiled.module as Uint8Array, request.settings));
  return { type: 'result', id, runId, result, diagnostics: compiled.diagnostics };
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = requestSchema.safeParse(event.data);
  if (!parsed.success) {
    const raw = event.data as { id?: unknown } | null;
    const id = typeof raw?.id === 'number' ? raw.id : 0;
    post({ type: 'error', id, stage: 'request', message: 'malformed request' });
    return;
  }
  const request = parsed.data;
  handle(request).then(post, (err: unknown) => {
    const stage = err instanceof StageError ? err.stage : 'internal';
    const runId = request.type === 'run' ? request.runId : undefined;
    post({ type: 'error', id: request.id, runId, stage, message: errorMessage(err) });
  });
};
