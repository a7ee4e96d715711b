/* The engine contract: what the core binding (./core.ts) and the scenario
   front end (../scenario) give the worker, the CLI and the explorer. A run's
   result is derived from its trace (../trace/result.ts). */
export type { Policy, RunSettings } from '../settings';
import type { EntryPoint } from '../scenario/entry-points';
import type { DataSymbol } from '../scenario/names';
import type { RunSettings } from '../settings';
import type { TraceColumns } from '../trace/decode';
import type { OutcomeDescription, RunSummary } from '../trace/result';

/** A run's result (derived from its trace, ../trace/result.ts) and the trace itself. */
export interface RunResult extends RunSummary {
  trace: Uint8Array;
}

/** What the core's run gives its host: the result and the trace decoded
    (once) into columns, which the worker hands on to the views. */
export interface CoreRun extends RunResult {
  columns: TraceColumns;
}

/** What exploring may do (docs/explorer.md). Unset: no bound. */
export interface ExploreBounds {
  /** At most this many preemptions per schedule (every schedule within it is run, without reduction). */
  preemptionBound?: number;
  maxSchedules?: number;
  maxSeconds?: number;
  /** Every schedule, no reduction (the benchmark's naive count). */
  noReduction?: boolean;
  /** Explore only shard `index` of `count` (0-based); merge the shards' results. */
  shard?: { index: number; count: number };
}

/** One distinct outcome: the keys of `run --json` that say what happened (derived
    from its witness's replay by the same routine, ../trace/result.ts), how many
    schedules reached it and one that does (`run --schedule` replays it). */
export interface ExploreOutcome extends OutcomeDescription {
  count: number;
  schedule: string;
}

export interface ExploreRace {
  lines: [number, number];
  address: string;
  bytes: number;
  kinds: ['read' | 'write', 'read' | 'write'];
  message: string;
  /** The pool block the address falls in: the line that allocated it, the address's offset in it. */
  pool?: { line: number; offset: number };
  /** The memory in the code's words (`Plain`, `Counter.Value`, `Buf[3]`, `pool allocated at line 12`),
      when the compiled program's data layout or the pool names it (../explore/memory-names.ts). */
  variable?: string;
}

/** `wdkm explore --json`, and what the explorer API returns. */
export interface ExploreResult {
  complete: boolean;
  schedules: number;
  pruned: number;
  outcomes: ExploreOutcome[];
  races: ExploreRace[];
  /** `named`: the message with the objects every schedule numbers alike named as the code
      names them ("KMUTEX #2 · First"), when it names any (docs/explorer.md). */
  findings: (RunResult['findings'][number] & { named?: string })[];
  /** Runs made, events (steps) over all runs, the longest run in steps. */
  runs: number;
  events: number;
  maxDepth: number;
  /** Some schedule was longer than the explorer records (20,000 steps). */
  cut: boolean;
  /** Why exploring could not go on, or null. */
  error: string | null;
}

export interface ExploreProgress {
  schedules: number;
  pruned: number;
  outcomes: number;
  finished: boolean;
}

/** What the core's explorer reports (core-c/vm/explore_report.c): per distinct
    outcome only its count and witness, findings by code; ../explore/explore.ts
    replays each witness to describe it. */
export interface CoreExploreResult extends Omit<ExploreResult, 'outcomes' | 'findings'> {
  outcomes: Pick<ExploreOutcome, 'count' | 'schedule'>[];
  findings: Omit<RunResult['findings'][number], 'name'>[];
}

/** One exploration inside the core: run slices of schedules, read the result. */
export interface CoreExplorer {
  slice(runs: number): ExploreProgress;
  result(): CoreExploreResult;
  dispose(): void;
}

export interface Core {
  run(module: Uint8Array, settings: RunSettings): CoreRun;
  /** Throws ModuleRejected like run. */
  explore(module: Uint8Array, settings: Pick<RunSettings, 'cpus' | 'budget'>, bounds: ExploreBounds): CoreExplorer;
}

export interface CoreModule {
  loadCore(): Promise<Core>;
}

/* The scenario front end (web/src/scenario/). */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'note';
  message: string;
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/* What the code calls its objects and threads (web/src/scenario/names.ts). */
export interface CodeNames {
  calls: { line: number; col: number; callee?: string; object?: string; routine?: string }[];
  unload?: string;
  data?: DataSymbol[];
}

export interface FrontendModule {
  /** Diagnostics, and the checked program's entry points when it has no error. */
  checkScenario(source: string, fileName?: string): { diagnostics: Diagnostic[]; entryPoints?: EntryPoint[] };
  compile(source: string, fileName?: string): { diagnostics: Diagnostic[]; module?: Uint8Array; names?: CodeNames };
}
