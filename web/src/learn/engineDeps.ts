/* The grader's dependencies in the browser: runs on the engine's worker (a
   run of its own, not the one on screen); explorations in a grading worker
   of their own, started on the first fix-it check and kept. */
import type { EngineClient } from '../engine/client';
import { exploreInWorker } from './explore-client';
import type { GradeDeps } from './grade';

let nextRun = 1_000_000;

export function engineGradeDeps(engine: EngineClient): GradeDeps {
  return {
    explore: exploreInWorker(),
    async run(source, settings) {
      const outcome = await engine.run(nextRun++, source, settings);
      if (outcome.kind === 'stopped') return { ok: false, message: 'The check was stopped.' };
      if (outcome.kind === 'fault') return { ok: false, message: `The engine failed: ${outcome.message}` };
      const reply = outcome.reply;
      if (reply.type === 'result') return { ok: true, value: reply.result };
      if (reply.type === 'compileFailed') {
        const e = reply.diagnostics.find((d) => d.severity === 'error');
        return { ok: false, message: `The code does not compile: line ${e?.line ?? '?'}: ${e?.message ?? 'error'}` };
      }
      return { ok: false, message: reply.type === 'error' ? reply.message : 'The engine gave no result.' };
    },
  };
}
