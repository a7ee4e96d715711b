/* The worker's two heavy dependencies, the scenario front end and the WASM
   core, loaded lazily so that they become chunks of their own, and once per
   worker. */
import type { Core, FrontendModule } from './core-types';

let frontend: Promise<FrontendModule> | null = null;
let core: Promise<Core> | null = null;

export function loadFrontend(): Promise<FrontendModule> {
  frontend ??= import('../scenario/index');
  return frontend;
}

/* `wasm`: the core already compiled (the app compiles it at boot and sends it with a run). */
export function loadCoreInstance(wasm?: WebAssembly.Module): Promise<Core> {
  core ??= import('./core').then((m) => m.loadCore(() => m.createCoreModule(wasm)));
  return core;
}
