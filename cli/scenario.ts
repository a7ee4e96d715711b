/* The steps every running command shares, on the app's run pipeline
   (web/src/engine/pipeline.ts): read the scenario, compile it (diagnostics to
   stderr, gcc style), and run it on the WebAssembly core, loaded once per
   process and only by the commands that run. A failure returns the exit code
   to use. */
import * as frontend from '../web/src/scenario/index';
import { formatDiagnostic } from '../web/src/scenario/diagnostics';
import type { CodeNames, RunResult, RunSettings } from '../web/src/engine/core-types';
import { compileSource, lazyLoaders, runModule } from '../web/src/engine/pipeline';
import { MAX_SOURCE_CHARS } from '../web/src/settings';
import { type CliIO, EXIT_ERROR, EXIT_FAIL } from './commands/types';

export interface Scenario {
  file: string;
  source: string;
  module: Uint8Array;
  /** What the code calls its objects and threads, for the output. */
  names?: CodeNames;
}

export function compileScenario(cmd: string, file: string, io: CliIO): Scenario | number {
  const source = io.readFile(file);
  if (source === undefined) {
    io.err(`wdkm ${cmd}: cannot read '${file}': no such file`);
    return EXIT_ERROR;
  }
  if (source.length > MAX_SOURCE_CHARS) return tooLarge(cmd, file, source, io);
  const r = compileSource(frontend, source, file);
  for (const d of r.diagnostics) io.err(formatDiagnostic(d));
  if (!r.ok) return EXIT_ERROR;
  return { file, source, module: r.module, names: r.names };
}

export async function runScenario(cmd: string, s: Scenario, settings: RunSettings, io: CliIO): Promise<RunResult | number> {
  const { CoreTrapped, ModuleRejected } = await import('../web/src/engine/core');
  try {
    return runModule(await lazyLoaders.loadCore(), s.module, settings);
  } catch (e) {
    // The front end checked the module, so a refusal here is a bug between the two: say so.
    if (e instanceof ModuleRejected) {
      io.err(`wdkm ${cmd}: the VM rejected the compiled module: ${e.message}`);
      return EXIT_ERROR;
    }
    if (e instanceof CoreTrapped) {
      io.err(`wdkm ${cmd}: ${e.message}`);
      return EXIT_FAIL;
    }
    throw e;
  }
}

/** The app's limit on a scenario's size holds on the command line too. */
export function tooLarge(cmd: string, file: string, source: string, io: CliIO): number {
  io.err(`wdkm ${cmd}: '${file}' is ${source.length.toLocaleString('en-US')} characters; a scenario may have at most ` +
    `${MAX_SOURCE_CHARS.toLocaleString('en-US')} (the playground's limit)`);
  return EXIT_ERROR;
}
