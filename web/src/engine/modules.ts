/* Where the worker finds the two modules other teams own: the scenario front
   end (web/src/scenario/index.ts) and the WASM core (./core.ts). They are
   reached through import.meta.glob so the app builds before either has
   landed; a missing module is reported to the user as a clear error instead
   of breaking the build. Once present they are ordinary lazy chunks. */
import type { Core, CoreModule, FrontendModule } from './core-types';

const frontendModules = import.meta.glob<FrontendModule>('../scenario/index.ts');
const coreModules = import.meta.glob<CoreModule>('./core.ts');

export class MissingModuleError extends Error {}

function only<T>(modules: Record<string, () => Promise<T>>, what: string): () => Promise<T> {
  const loaders = Object.values(modules);
  const load = loaders[0];
  if (!load) {
    return () => Promise.reject(new MissingModuleError(`${what} is not part of this build yet`));
  }
  return load;
}

let frontend: Promise<FrontendModule> | null = null;
let core: Promise<Core> | null = null;

export function loadFrontend(): Promise<FrontendModule> {
  frontend ??= only(frontendModules, 'The scenario front end (web/src/scenario)')();
  return frontend;
}

export function loadCoreInstance(): Promise<Core> {
  core ??= only(coreModules, 'The WASM core (web/src/engine/core.ts)')().then((m) => m.loadCore());
  return core;
}

export function hasCore(): boolean {
  return Object.keys(coreModules).length > 0;
}
