/* The explorer's worker (docs/explorer.md): explores off the UI thread, in
   slices, posting progress after each; a `cancel` message stops it after the
   current slice and the result keeps what was found. */
/// <reference lib="webworker" />
import type { ExploreBounds, RunSettings } from '../engine/core-types';
import { explore } from './index';

declare const self: DedicatedWorkerGlobalScope;

export type ExploreRequest =
  | { type: 'explore'; source: string; settings: Pick<RunSettings, 'cpus' | 'budget'>; bounds: ExploreBounds }
  | { type: 'cancel' };

let controller: AbortController | null = null;

self.onmessage = (event: MessageEvent<ExploreRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    controller?.abort();
    return;
  }
  controller = new AbortController();
  explore(request.source, request.settings, request.bounds, {
    signal: controller.signal,
    yieldBetweenSlices: true,
    onProgress: (p) => self.postMessage({ type: 'progress', ...p }),
  }).then(
    (result) => self.postMessage({ type: 'done', result }),
    (e: unknown) => self.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
};
