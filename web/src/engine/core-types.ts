/* The engine contract the WASM core provides from `./core.ts` (owned by the
   core team). The app codes against these types only, so it compiles and runs
   whether or not the core has landed yet; see ./modules.ts. */
export type { Policy, RunSettings } from '../settings';
import type { RunSettings } from '../settings';

export interface RunResult {
  outcome: 'completed' | 'bugcheck' | 'deadlock' | 'assertion' | 'budget';
  status: string | null;
  prints: string[];
  bugcheck: { code: string; name: string; params: string[]; line: number } | null;
  deadlock: { threads: { thread: string; waitingOn: string; ownedBy: string | null; line: number }[] } | null;
  assertion: { line: number; expression: string } | null;
  leaks: { tag: string; bytes: number; line: number }[];
  findings: { code: string; name: string; message: string; lines: number[] }[];
  steps: number;
  timeNs: number;
  choices: number[];
  trace: Uint8Array;
}

export interface Core {
  run(module: Uint8Array, settings: RunSettings): RunResult;
}

export interface CoreModule {
  loadCore(): Promise<Core>;
}

/* The scenario front end (branch `frontend`, web/src/scenario/). */
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
}

export interface FrontendModule {
  check(source: string, fileName?: string): Diagnostic[];
  compile(source: string, fileName?: string): { diagnostics: Diagnostic[]; module?: Uint8Array; names?: CodeNames };
}
