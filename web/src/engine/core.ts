/**
 * The WebAssembly core (the wdkm core, the emulated kernel and the scenario
 * VM, built by scripts/build-core.sh) behind the engine contract of
 * ./core-types.ts. Works in the browser worker and in Node (the wdkm CLI).
 * The core hands back the trace; the result is derived from it
 * (../trace/result.ts), the same way everywhere.
 */
import createWdkmCore, { type WdkmCoreModule } from '../../../core-c/build/wasm/wdkm-core.mjs';
import { POLICIES } from '../settings';
import { compileCore } from './core-wasm';
import { decodeColumns, traceTruncated } from '../trace/decode';
import { ColumnEvents } from '../trace/events';
import { summariseTrace } from '../trace/result';
import type { Core, CoreExplorer, CoreExploreResult, CoreRun, ExploreBounds, RunSettings } from './core-types';

const UNBOUNDED = 0xffffffff;

/** Thrown when the VM rejects a module (malformed or naming an unknown routine). */
export class ModuleRejected extends Error {}

/**
 * Thrown when the WebAssembly core itself stopped (a trap such as
 * `unreachable`, or running out of its stack) instead of ending the run in an
 * outcome. That is a bug of the playground, never of the scenario; the
 * instance may be in any state afterwards, so it is not used again.
 */
export class CoreTrapped extends Error {
  constructor(cause: unknown) {
    super(`the emulator stopped on an internal fault (${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}); ` +
      'this is a bug of the playground, not of the scenario');
  }
}

function split64(n: number): [number, number] {
  const v = BigInt(Math.max(0, Math.trunc(n)));
  return [Number(v & 0xffffffffn), Number((v >> 32n) & 0xffffffffn)];
}

/**
 * A fresh instance of the core from its compiled WebAssembly (./core-wasm.ts,
 * or the module the app compiled at boot and sent with the run).
 */
export async function createCoreModule(wasm?: WebAssembly.Module): Promise<WdkmCoreModule> {
  const module = wasm ?? await compileCore();
  return createWdkmCore({
    instantiateWasm(imports, receive) {
      void WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module));
      return {}; /* emscripten: instantiating asynchronously */
    },
  });
}

/**
 * The core on a fresh instance. `create` makes the emscripten module; it is
 * a parameter so that a test can hand the real instance an argument no
 * caller here passes, and see a real trap become a CoreTrapped.
 */
export async function loadCore(create: () => Promise<WdkmCoreModule> = () => createCoreModule()): Promise<Core> {
  const m = await create();
  let broken = false;
  /* Calls into the instance: a trap marks it broken and becomes a CoreTrapped. */
  const guarded = <T>(call: () => T): T => {
    if (broken) throw new CoreTrapped(new Error('an earlier call stopped this instance'));
    try {
      return call();
    } catch (trap) {
      broken = true;
      throw new CoreTrapped(trap);
    }
  };
  return {
    run(module: Uint8Array, settings: RunSettings): CoreRun {
      if (broken) throw new CoreTrapped(new Error('an earlier call stopped this instance'));
      const schedule = settings.schedule ?? [];
      const modPtr = m._malloc(module.length || 1);
      const schedPtr = m._malloc(schedule.length * 2 || 2);
      try {
        m.HEAPU8.set(module, modPtr);
        const view = new DataView(m.HEAPU8.buffer);
        schedule.forEach((tid, i) => view.setUint16(schedPtr + i * 2, tid, true));
        const [seedLo, seedHi] = split64(settings.seed);
        const [budgetLo, budgetHi] = split64(settings.budget);
        guarded(() => m._WdkmRun(modPtr, module.length, settings.cpus, POLICIES.indexOf(settings.policy), seedLo, seedHi,
          budgetLo, budgetHi, schedPtr, schedule.length));
        if (m._WdkmLastRc() !== 0) throw new ModuleRejected(m.UTF8ToString(m._WdkmError()));
        const tracePtr = m._WdkmTrace();
        const trace = m.HEAPU8.slice(tracePtr, tracePtr + m._WdkmTraceSize());
        /* decoded once, here: the summary and the views read the same columns */
        const columns = decodeColumns(trace);
        return { ...summariseTrace(new ColumnEvents(columns), traceTruncated(trace)), trace, columns };
      } finally {
        if (!broken) {
          m._free(modPtr);
          m._free(schedPtr);
        }
      }
    },
    explore(module, settings, bounds: ExploreBounds): CoreExplorer {
      if (broken) throw new CoreTrapped(new Error('an earlier call stopped this instance'));
      const modPtr = m._malloc(module.length || 1);
      try {
        m.HEAPU8.set(module, modPtr);
        const [budgetLo, budgetHi] = split64(settings.budget);
        guarded(() => m._WdkmExploreBegin(modPtr, module.length, settings.cpus, budgetLo, budgetHi,
          bounds.preemptionBound ?? UNBOUNDED, bounds.noReduction ? 1 : 0, bounds.shard?.index ?? 0, bounds.shard?.count ?? 1));
        if (m._WdkmLastRc() !== 0) throw new ModuleRejected(m.UTF8ToString(m._WdkmExploreError()));
      } finally {
        if (!broken) m._free(modPtr);
      }
      let disposed = false;
      return {
        slice(runs) {
          if (!disposed) guarded(() => m._WdkmExploreSlice(runs));
          return {
            schedules: m._WdkmExploreSchedules(),
            pruned: m._WdkmExplorePruned(),
            outcomes: m._WdkmExploreOutcomes(),
            finished: disposed || m._WdkmExploreFinished() !== 0,
          };
        },
        result() {
          return JSON.parse(guarded(() => m.UTF8ToString(m._WdkmExploreJson()))) as CoreExploreResult;
        },
        dispose() {
          if (!disposed && !broken) m._WdkmExploreEnd();
          disposed = true;
        },
      };
    },
  };
}
