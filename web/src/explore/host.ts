/* The exploring worker's work (docs/explorer.md; ./worker.ts runs it off the
   UI thread, tests run it in Node): explores in slices, posting progress
   after each. The core explores one scenario at a time, so requests wait
   their turn; a `cancel` acts at once (the running exploration stops after
   its slice; a waiting one stops before its first, with nothing found). One exploration stopped by a bound or
   a cancel can be kept, and `resume` goes on from where it stopped. */
import { compileSource, lazyLoaders, SettingsRefused } from '../engine/pipeline';
import { checkSettings } from '../settings';
import { type ExplorePartBounds, type ExploreSession, openExploration } from './explore';
import type { ExploreReply, ExploreRequest } from './protocol';

/** The handler of the worker's messages; replies go to `post`. */
export function exploreHost(post: (reply: ExploreReply) => void): (request: ExploreRequest) => void {
  const controllers = new Map<number, AbortController>();
  let kept: { id: number; session: ExploreSession } | null = null;
  let queue: Promise<void> = Promise.resolve();

  const forget = (session: ExploreSession) => {
    if (kept?.session === session) kept = null;
    session.dispose();
  };

  /* The session to run and its part's bounds, or null when there is none (the reason is posted). */
  async function open(request: Exclude<ExploreRequest, { type: 'cancel' }>): Promise<{ session: ExploreSession; part: ExplorePartBounds; keep: boolean } | null> {
    const { id } = request;
    if (request.type === 'resume') {
      if (kept?.id === id) return { session: kept.session, part: request.bounds, keep: true };
      post({ type: 'failed', id, message: 'This exploration is no longer kept (another one started since): explore again.' });
      return null;
    }
    if (kept) forget(kept.session);
    const problems = checkSettings(request.settings);
    if (problems.length > 0) throw new SettingsRefused(problems);
    const compiled = compileSource(await lazyLoaders.loadFrontend(), request.source);
    if (!compiled.ok) {
      post({ type: 'failed', id, message: 'The scenario does not compile.', diagnostics: compiled.diagnostics });
      return null;
    }
    const { maxSchedules, maxSeconds, ...rest } = request.bounds;
    const session = openExploration(await lazyLoaders.loadCore(), compiled.module, request.settings, rest, compiled.names);
    const keep = request.keep === true;
    if (keep) kept = { id, session };
    return { session, part: { maxSchedules, maxSeconds }, keep };
  }

  async function handle(request: Exclude<ExploreRequest, { type: 'cancel' }>, signal: AbortSignal): Promise<void> {
    const { id } = request;
    const opened = await open(request);
    if (!opened) return;
    const { session, part, keep } = opened;
    try {
      const result = await session.run(part, { signal, yieldBetweenSlices: true, onProgress: (p) => post({ type: 'progress', id, ...p }) });
      const resumable = keep && !session.finished;
      if (!resumable) forget(session);
      post({ type: 'done', id, result, resumable });
    } catch (e) {
      forget(session);
      throw e;
    }
  }

  return (request) => {
    if (request.type === 'cancel') {
      controllers.get(request.id)?.abort();
      return;
    }
    const controller = new AbortController();
    controllers.set(request.id, controller);
    queue = queue
      .then(() => handle(request, controller.signal))
      .catch((e: unknown) => post({ type: 'failed', id: request.id, message: e instanceof Error ? e.message : String(e) }))
      .finally(() => controllers.delete(request.id));
  };
}
