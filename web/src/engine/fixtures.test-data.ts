/* Well-formed engine data shared by the engine and store tests. */
import { decodeColumns } from '../trace/decode';
import { encodeTrace } from '../trace/encode';
import { prepareColumns, prepareTrace, type DecodedTrace } from '../trace/prepared';
import { ev } from '../trace/testing';
import type { CodeNames, CoreRun, Diagnostic, RunResult } from './core-types';

export function completedResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    outcome: 'completed',
    status: '0x00000000',
    prints: ['counter = 1500\n'],
    bugcheck: null,
    deadlock: null,
    assertion: null,
    leaks: [],
    findings: [],
    steps: 1234,
    timeNs: 56_700,
    choices: [0, 1, 0],
    replay: null,
    truncated: false,
    trace: new Uint8Array([1, 2, 3]),
    ...overrides,
  };
}

/* What the core's run gives: a result whose trace holds its end, decoded into columns. */
export function completedRun(): CoreRun {
  const trace = encodeTrace([ev('RUN_END', 100, { cpu: null, a: 1, returned: true, steps: 1 })]);
  return { ...completedResult({ trace }), columns: decodeColumns(trace) };
}

/* A finished run as the worker hands it over: the result and its trace prepared for the views. */
export function finished(result: RunResult, more: { diagnostics?: Diagnostic[]; names?: CodeNames } = {}): {
  status: 'finished'; result: RunResult; diagnostics: Diagnostic[]; names?: CodeNames; decoded: DecodedTrace;
} {
  return { status: 'finished', result, diagnostics: more.diagnostics ?? [], names: more.names, decoded: prepareTrace(result.trace, more.names) };
}

/* The worker's reply to a run, as the handler makes it: the result without its
   columns, and the trace prepared for the views. */
export function resultReply(id: number, runId: number, run: RunResult | CoreRun = completedResult()) {
  const { columns, ...result } = run as CoreRun;
  const decoded = columns ? prepareColumns(columns) : prepareTrace(result.trace);
  return { type: 'result' as const, id, runId, result, diagnostics: [] as Diagnostic[], decoded };
}
