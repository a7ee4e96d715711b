/* The one-line summary of a run that is always on screen. */
import { statusName } from '../scenario/prelude/ntstatus';
import type { RunResult } from '../engine/core-types';
import { resultNotes } from '../trace/result';
import type { RunState } from './runSlice';
import { explainBugcheck } from '../trace/bugchecks';
import { runSeverity, warnings } from '../trace/severity';

export type OutcomeTone = 'idle' | 'running' | 'ok' | 'bad' | 'warn';
export interface OutcomeSummary {
  tone: OutcomeTone;
  title: string;
  detail: string;
  /** What else the user must know about this result: a schedule that stopped fitting, a cut trace. */
  notes?: string[];
}


function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summariseRun(run: RunState): OutcomeSummary {
  switch (run.status) {
    case 'idle':
      return { tone: 'idle', title: 'Not run yet', detail: 'Press Run or Ctrl+Enter.' };
    case 'running':
      return { tone: 'running', title: 'Running…', detail: 'Stop ends the run at once.' };
    case 'compileFailed': {
      const errors = run.diagnostics.filter((d) => d.severity === 'error').length;
      return { tone: 'bad', title: 'Did not compile', detail: `${plural(errors, 'error')}; see the editor.` };
    }
    case 'failed':
      return run.stage === 'worker'
        ? { tone: 'bad', title: 'The engine crashed and was restarted', detail: run.message }
        : { tone: 'bad', title: 'The engine could not run this', detail: run.message };
    case 'stopped':
      return run.reason === 'user'
        ? { tone: 'warn', title: 'Stopped', detail: 'You stopped the run.' }
        : { tone: 'warn', title: 'Stopped by the watchdog', detail: 'The run took too long in real time.' };
    case 'finished':
      break;
  }
  const notes = resultNotes(run.result);
  const summary = summariseResult(run.result);
  return notes.length ? { ...summary, notes } : summary;
}

function summariseResult(r: RunResult): OutcomeSummary {
  const stats = `${r.steps.toLocaleString('en-US')} steps, ${(r.timeNs / 1000).toLocaleString('en-US')} µs`;
  switch (r.outcome) {
    case 'completed': {
      const code = r.status ?? '(none)';
      const name = r.status ? statusName(r.status) : null;
      const clean = runSeverity(r) === 'clean';
      const but = warnings(r);
      return {
        tone: clean ? 'ok' : 'warn',
        title: `Completed${clean ? '' : ' with problems'}: ${code}${name ? ` ${name}` : ''}`,
        detail: `DriverEntry returned ${code}${but.length ? `; ${but.join(', ')}` : ''}; ${stats}.`,
      };
    }
    case 'bugcheck': {
      const why = r.bugcheck ? explainBugcheck(r.bugcheck.code, r.bugcheck.params) : null;
      return {
        tone: 'bad',
        title: `Bug check ${r.bugcheck?.code ?? ''} ${why && !why.known ? `(${why.name})` : (r.bugcheck?.name ?? '')}`.trim(),
        detail: `${why ? `${why.sentence} ` : ''}${r.bugcheck?.line ? `At line ${r.bugcheck.line}; ` : ''}${stats}.`,
      };
    }
    case 'deadlock':
      return { tone: 'bad', title: 'Deadlock', detail: `${plural(r.deadlock?.threads.length ?? 0, 'thread')} ${(r.deadlock?.threads.length ?? 0) === 1 ? 'waits' : 'wait'} forever; ${stats}.` };
    case 'assertion':
      return {
        tone: 'bad',
        title: `Assertion failed${r.assertion ? `: ${r.assertion.expression}` : ''}`,
        detail: `${r.assertion?.line ? `At line ${r.assertion.line}; ` : ''}${stats}.`,
      };
    case 'budget':
      return { tone: 'bad', title: 'Out of budget', detail: `The run used its whole budget of steps without finishing (an endless loop, or a livelock); ${stats}.` };
  }
}
