/* Well-formed engine data shared by the engine and store tests. */
import type { RunResult } from './core-types';

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
