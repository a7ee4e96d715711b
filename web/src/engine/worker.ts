/* The engine worker: the scenario front end and the WASM core, off the UI
   thread. A run cannot be interrupted from inside, so the app cancels a run
   by terminating this worker (see ./client.ts). The trace's buffer and the
   prepared trace's typed arrays are transferred, not copied. */
/// <reference lib="webworker" />
import { transferablesOf } from '../trace/prepared';
import { handleRequest } from './handler';
import { lazyLoaders } from './pipeline';
import { requestSchema, type Reply } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

function post(reply: Reply): void {
  if (reply.type === 'result') {
    const buffer = reply.result.trace.buffer;
    self.postMessage(reply, [...(buffer instanceof ArrayBuffer ? [buffer] : []), ...transferablesOf(reply.decoded)]);
    return;
  }
  if (reply.type === 'trace') {
    self.postMessage(reply, transferablesOf(reply.decoded));
    return;
  }
  self.postMessage(reply);
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = requestSchema.safeParse(event.data);
  if (!parsed.success) {
    const raw = event.data as { id?: unknown } | null;
    const id = typeof raw?.id === 'number' ? raw.id : 0;
    post({ type: 'error', id, stage: 'request', message: 'malformed request' });
    return;
  }
  void handleRequest(parsed.data, lazyLoaders).then(post);
};

/* Loaded now rather than with the first request: the app starts the run
   worker ahead of the first run (./client.ts, warmUp). A failure here comes
   back with the request that needs the module. */
lazyLoaders.loadFrontend().catch(() => {});
import('./core').catch(() => {});
