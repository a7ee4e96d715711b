/* What the worker does with one request, apart from the worker itself so it
   can be tested: check gives diagnostics (and the entry points the export's
   Code Tour names); run compiles, then runs the module on the core, and
   prepares the trace for the views (../trace/prepared.ts). Every failure
   becomes an error reply naming its stage. */
import { prepareColumns, prepareTrace, type DecodedTrace } from '../trace/prepared';
import { compileSource, runModule, type Loaders } from './pipeline';
import { errorMessage, SCENARIO_FILE, type ErrorStage, type Reply, type Request } from './protocol';

export type HandlerDeps = Loaders;

class StageError extends Error {
  constructor(
    readonly stage: ErrorStage,
    cause: unknown,
  ) {
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

async function reply(request: Request, deps: HandlerDeps): Promise<Reply> {
  if (request.type === 'trace') return { type: 'trace', id: request.id, decoded: prepareTrace(request.trace) };
  const frontend = await attempt('frontend', deps.loadFrontend);
  if (request.type === 'check') {
    const { diagnostics, entryPoints } = await attempt('frontend', () => frontend.checkScenario(request.source, SCENARIO_FILE));
    return { type: 'diagnostics', id: request.id, diagnostics, ...(entryPoints ? { entryPoints } : {}) };
  }
  const { id, runId } = request;
  const compiled = await attempt('frontend', () => compileSource(frontend, request.source));
  if (!compiled.ok) return { type: 'compileFailed', id, runId, diagnostics: compiled.diagnostics };
  const core = await attempt('core', () => deps.loadCore(request.wasm));
  const { columns, ...result } = await attempt('core', () => runModule(core, compiled.module, request.settings));
  return { type: 'result', id, runId, result, diagnostics: compiled.diagnostics, names: compiled.names, decoded: prepare(columns, compiled.names) };
}

/* The views' side of the trace, made here from the columns the run decoded.
   A failure here is a bug of the playground; the result still stands. */
function prepare(...args: Parameters<typeof prepareColumns>): DecodedTrace {
  try {
    return prepareColumns(...args);
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

export async function handleRequest(request: Request, deps: HandlerDeps): Promise<Reply> {
  try {
    return await reply(request, deps);
  } catch (err) {
    const stage = err instanceof StageError ? err.stage : 'internal';
    const runId = request.type === 'run' ? request.runId : undefined;
    return { type: 'error', id: request.id, runId, stage, message: errorMessage(err) };
  }
}
