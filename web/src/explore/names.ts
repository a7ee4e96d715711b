/* The names of an exploration's deadlocks, as `run --json` gives them: the
   explorer runs without a trace, so each deadlocked outcome's witness is
   replayed once with one, and each row gets the thread and objects as the
   code names them ("Thread 2 · ThreadA waits for KMUTEX #3 · Second"). */
import type { CodeNames, Core, ExploreResult } from '../engine/core-types';
import { DEFAULT_SETTINGS } from '../settings';
import { decodeTrace } from '../trace';
import { deadlockRowNames, makeNamer } from '../trace/names';
import type { ExploreSettings } from './explore';
import { parseSchedule } from './schedule';

export function nameOutcomes<R extends ExploreResult>(core: Core, module: Uint8Array, settings: ExploreSettings, result: R,
  code?: CodeNames | null): R {
  const outcomes = result.outcomes.map((o) => {
    if (!o.deadlock) return o;
    const parsed = parseSchedule(o.schedule);
    if (!parsed.ok) return o;
    const run = core.run(module, { cpus: parsed.value.explore?.cpus ?? settings.cpus, policy: 'explore', seed: DEFAULT_SETTINGS.seed,
      budget: settings.budget, schedule: parsed.value.choices });
    /* a replay that ends otherwise (it should not: the machine is deterministic) names nothing */
    if (run.outcome !== 'deadlock') return o;
    const names = makeNamer(decodeTrace(run.trace), code);
    return { ...o, deadlock: { threads: o.deadlock.threads.map((t) => ({ ...t, name: deadlockRowNames(t, names) })) } };
  });
  return { ...result, outcomes };
}
