/* The explorer's API (docs/explorer.md): `explore(source, settings, bounds)`
   compiles a scenario on the run pipeline and explores it; the result has the
   shape of `wdkm explore --json`. */
import type { Core, Diagnostic, ExploreBounds } from '../engine/core-types';
import { compileSource, lazyLoaders, SettingsRefused } from '../engine/pipeline';
import { checkSettings } from '../settings';
import { type ExploreOptions, type ExploreRun, type ExploreSettings, exploreModule } from './explore';

export * from './explore';
export * from './schedule';
export type { ExploreBounds, ExploreOutcome, ExploreRace, ExploreResult } from '../engine/core-types';

export class ScenarioDoesNotCompile extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join('\n'));
  }
}

/** Explores a scenario's source. Without `core`, loads the WebAssembly core once per process. */
export async function explore(source: string, settings: ExploreSettings, bounds: ExploreBounds = {},
  options: ExploreOptions & { core?: Core; fileName?: string } = {}): Promise<ExploreRun> {
  const problems = checkSettings(settings);
  if (problems.length > 0) throw new SettingsRefused(problems);
  const compiled = compileSource(await lazyLoaders.loadFrontend(), source, options.fileName);
  if (!compiled.ok) throw new ScenarioDoesNotCompile(compiled.diagnostics);
  const core = options.core ?? await lazyLoaders.loadCore();
  return exploreModule(core, compiled.module, settings, bounds, { ...options, names: compiled.names });
}
