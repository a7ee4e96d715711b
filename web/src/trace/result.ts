/* A run's result, derived from its decoded trace: the one routine behind the
   app's results pane, the worker's reply, `wdkm run` (text and --json) and the
   explorer. The trace already holds every part of it (docs/trace-format.md);
   nothing here re-simulates. */
import type { TraceEvent } from './decode';
import { asList, type EventList, type Events } from './events';
import { findingName, hex32, OUTCOMES, type Outcome } from './kinds';
import { type DeadlockRowNames, deadlockRowNames, type Namer, objectName } from './names';

export interface RunSummary {
  outcome: Outcome;
  /** DriverEntry's NTSTATUS as "0x%08X"; null when it never returned. */
  status: string | null;
  /** The DbgPrint output as lines, without their '\n'. */
  prints: string[];
  bugcheck: { code: string; name: string; params: string[]; line: number } | null;
  deadlock: { threads: { thread: string; waitingOn: string | null; ownedBy: string | null; line: number; inCycle: boolean }[] } | null;
  assertion: { line: number; expression: string } | null;
  leaks: { tag: string; bytes: number; line: number }[];
  findings: { code: string; name: string; message: string; lines: number[] }[];
  steps: number;
  timeNs: number;
  /** The thread chosen at each scheduling choice: the run's schedule. */
  choices: number[];
  /** A replayed schedule that stopped fitting: the 0-based choice from which the run went on by its policy. */
  replay: { divergedAt: number } | null;
  /** The trace was cut at its size limit: the timeline and `choices` stop early; the rest is whole. */
  truncated: boolean;
}

export class IncompleteTraceError extends Error {}

/** The DbgPrint text as lines: a final line without '\n' counts, an empty last one does not. */
export function printLines(events: Events): string[] {
  const list = asList(events);
  let text = '';
  for (let i = 0; i < list.length; i++) if (list.kindAt(i) === 'PRINT') text += list.peek(i).text ?? '';
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const threadLabel = (id: number) => `thread ${id}`;

function lastOf(events: EventList, kind: TraceEvent['kind']): TraceEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events.kindAt(i) === kind) return events.get(i);
  return undefined;
}

/* The events of one kind, kept (few: leaks, findings). */
function allOf(events: EventList, kind: TraceEvent['kind']): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (let i = 0; i < events.length; i++) if (events.kindAt(i) === kind) out.push(events.get(i)!);
  return out;
}

/* The thread picked at each choice: only `b` is read, so the events are peeked. */
function choicesOf(events: EventList): number[] {
  const out: number[] = [];
  for (let i = 0; i < events.length; i++) if (events.kindAt(i) === 'CHOICE') out.push(events.peek(i).b);
  return out;
}

export function summariseTrace(trace: Events, truncated: boolean): RunSummary {
  const events = asList(trace);
  const end = lastOf(events, 'RUN_END');
  if (!end) throw new IncompleteTraceError('the trace has no RUN_END record: the run did not finish');
  const outcome = OUTCOMES[end.a];
  if (!outcome) throw new IncompleteTraceError(`the trace ends with an unknown outcome ${end.a}`);
  const last = (kind: TraceEvent['kind']) => lastOf(events, kind);
  const bug = outcome === 'bugcheck' ? last('BUGCHECK') : undefined;
  const dead = outcome === 'deadlock' ? last('DEADLOCK') : undefined;
  const failed = outcome === 'assertion' ? last('ASSERT') : undefined;
  const diverged = last('REPLAY_DIVERGED');
  return {
    outcome,
    status: end.returned ? hex32(end.b) : null,
    prints: printLines(events),
    bugcheck: bug ? { code: hex32(bug.a), name: bug.name ?? 'UNKNOWN_BUGCHECK', params: bug.params ?? [], line: bug.line } : null,
    deadlock: dead
      ? {
          threads: (dead.deadlock ?? []).map((d) => ({
            thread: threadLabel(d.thread),
            waitingOn: d.object ? objectName(d.type, d.object) : null,
            ownedBy: d.owner ? threadLabel(d.owner) : null,
            line: d.line,
            inCycle: d.inCycle,
          })),
        }
      : null,
    assertion: failed ? { line: failed.line, expression: failed.expression ?? '' } : null,
    leaks: allOf(events, 'LEAK').map((e) => ({ tag: e.tag ?? '', bytes: e.a, line: e.line })),
    findings: allOf(events, 'FINDING').map((e) => ({
      code: `0x${e.a.toString(16).toUpperCase()}`,
      name: findingName(e.a),
      message: e.message ?? '',
      lines: e.otherLine && e.otherLine !== e.line ? [e.line, e.otherLine] : [e.line],
    })),
    steps: end.steps ?? 0,
    timeNs: end.timeNs,
    choices: choicesOf(events),
    replay: diverged ? { divergedAt: diverged.a } : null,
    truncated,
  };
}

/** A deadlock row as the JSON of `wdkm run` and `wdkm explore` carry it: with
    `name`, the same thread and objects as the code names them. */
export type NamedDeadlockRow = NonNullable<RunSummary['deadlock']>['threads'][number] & { name: DeadlockRowNames };

/** What happened in one run, the keys `wdkm run --json` and each outcome of
    `wdkm explore --json` share (docs/cli.md), in that order. */
export interface OutcomeDescription extends Pick<RunSummary, 'outcome' | 'status' | 'prints' | 'bugcheck' | 'assertion' | 'leaks'> {
  deadlock: { threads: NamedDeadlockRow[] } | null;
}

/** The one writer of those keys: both commands call it on a run's summary (the
    explorer on its witness's replay), so they agree by construction. */
export function describeOutcome(r: RunSummary, names: Namer): OutcomeDescription {
  const { outcome, status, prints, bugcheck, assertion, leaks } = r;
  const deadlock = r.deadlock && {
    threads: r.deadlock.threads.map((t) => ({ ...t, name: deadlockRowNames(t, names) })),
  };
  return { outcome, status, prints, bugcheck, deadlock, assertion, leaks };
}

/** The sentences a finished run adds to its outcome (the results pane and `wdkm run` show them). */
export function resultNotes(r: Pick<RunSummary, 'replay' | 'truncated'>): string[] {
  const notes: string[] = [];
  if (r.replay) notes.push(`The recorded schedule no longer fits this code; it ran freely from choice ${r.replay.divergedAt + 1}.`);
  if (r.truncated) notes.push('The trace reached its size limit and was cut: the timeline and the recorded choices stop early; the outcome, output, leaks and findings are whole.');
  return notes;
}
