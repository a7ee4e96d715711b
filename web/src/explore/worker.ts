/* The exploring worker: ./host.ts off the UI thread. One worker module for
   the Explore panel, the lessons' grading and the embed (./client.ts). */
/// <reference lib="webworker" />
import { exploreHost } from './host';
import type { ExploreRequest } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const handle = exploreHost((reply) => self.postMessage(reply));
self.onmessage = (event: MessageEvent<ExploreRequest>) => handle(event.data);
