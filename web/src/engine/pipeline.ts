/* One run, from source to result, for every host: the worker (./handler.ts),
   the command line (cli/scenario.ts), the benchmark and the explorer. Compile;
   refuse a scenario with errors; load the core once per process; refuse
   settings out of range (../settings); run (the core decodes the trace once,
   into columns); make the events on request. */
import { checkSettings, type RunSettings, type SettingProblem } from '../settings';
import { eventsOf, type TraceEvent } from '../trace/decode';
import type { CodeNames, Core, CoreRun, Diagnostic, FrontendModule } from './core-types';
import { loadCoreInstance, loadFrontend } from './modules';
import { SCENARIO_FILE } from './protocol';

export interface Loaders {
  loadFrontend: () => Promise<FrontendModule>;
  /** `wasm`: the core's WebAssembly already compiled, if the caller has it. */
  loadCore: (wasm?: WebAssembly.Module) => Promise<Core>;
}

/** The front end and the core imported on first use, once per process or worker. */
export const lazyLoaders: Loaders = { loadFrontend, loadCore: loadCoreInstance };

export type Compiled =
  | { ok: true; module: Uint8Array; diagnostics: Diagnostic[]; names?: CodeNames }
  | { ok: false; diagnostics: Diagnostic[] };

/** Compiles a scenario; a module with any error diagnostic is not handed out. */
export function compileSource(frontend: FrontendModule, source: string, file = SCENARIO_FILE): Compiled {
  const { diagnostics, module, names } = frontend.compile(source, file);
  if (!module || diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  return { ok: true, module, diagnostics, names };
}

/** Settings the core must not be given: what is wrong, in the user's words. */
export class SettingsRefused extends Error {
  constructor(readonly problems: SettingProblem[]) {
    super(problems.map((p) => p.message).join(' '));
  }
}

/** Runs a compiled module; settings out of range are refused, never clamped. */
export function runModule(core: Core, module: Uint8Array, settings: RunSettings): CoreRun {
  const problems = checkSettings(settings);
  if (problems.length > 0) throw new SettingsRefused(problems);
  return core.run(module, settings);
}

export type SourceRun =
  | { kind: 'compileFailed'; diagnostics: Diagnostic[] }
  | { kind: 'ran'; diagnostics: Diagnostic[]; result: CoreRun; events?: TraceEvent[]; names?: CodeNames };

export interface RunOptions {
  file?: string;
  loaders?: Loaders;
  /** Also decode the trace into events. */
  decode?: boolean;
}

/** The whole pipeline: source and settings in, the run (or the diagnostics that stopped it) out. */
export async function runSource(source: string, settings: RunSettings, options: RunOptions = {}): Promise<SourceRun> {
  const loaders = options.loaders ?? lazyLoaders;
  const compiled = compileSource(await loaders.loadFrontend(), source, options.file);
  if (!compiled.ok) return { kind: 'compileFailed', diagnostics: compiled.diagnostics };
  const result = runModule(await loaders.loadCore(), compiled.module, settings);
  return { kind: 'ran', diagnostics: compiled.diagnostics, result, names: compiled.names, ...(options.decode ? { events: eventsOf(result.columns) } : {}) };
}
