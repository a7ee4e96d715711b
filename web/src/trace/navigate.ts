/* Where time travel goes from the selected event: the next or previous event
   of some kinds, a choice point, a wait on the same object. Plain scans;
   fast enough for a million events per keypress. */
import type { TraceEvent } from './decode';
import type { TraceKind } from './kinds';

export const ERROR_KINDS: readonly TraceKind[] = ['WDKM_ERROR', 'BUGCHECK', 'FINDING', 'ASSERT', 'DEADLOCK', 'LEAK', 'TRY_FAIL'];

/* The index of the next (dir 1) or previous (dir -1) event after `from` that
   matches, or null. `from` may be -1 (before the first event). */
export function findEvent(
  events: readonly TraceEvent[],
  from: number,
  dir: 1 | -1,
  match: (e: TraceEvent) => boolean,
): number | null {
  for (let i = from + dir; i >= 0 && i < events.length; i += dir) if (match(events[i]!)) return i;
  return null;
}

export const ofKinds = (kinds: readonly TraceKind[]) => (e: TraceEvent) => kinds.includes(e.kind);

/* A wait on the object the given event is about (the object a thread waits on,
   acquires, releases or signals). */
export const waitOn = (object: number) => (e: TraceEvent) => e.kind === 'WAIT_BEGIN' && e.object === object && object > 0;

/* The CHOICE event of a given choice index, or the first beyond a prefix of picks. */
export function choiceEvent(events: readonly TraceEvent[], choiceIndex: number): number | null {
  return findEvent(events, -1, 1, (e) => e.kind === 'CHOICE' && e.a >= choiceIndex);
}

/* The line an event points at in the source, walking back to the last known
   line of its thread when the event itself has none. */
export function lineOf(events: readonly TraceEvent[], index: number): number {
  const e = events[index];
  if (!e) return 0;
  if (e.line > 0) return e.line;
  const prev = findEvent(events, index, -1, (x) => x.thread === e.thread && x.line > 0);
  return prev === null ? 0 : events[prev]!.line;
}

/* The line a thread runs next from a choice point: its first event with a
   line after `cut` (the run went on past the choice, and a thread's next call
   is where its code stands whoever moves first), else the last line it
   reached before. 0 when the trace never places the thread in the source.
   Until a thread starts, its events carry its creator's line: a thread not yet
   started is looked for from its start on. */
export function nextLineOf(events: readonly TraceEvent[], cut: number, thread: number): number {
  const mine = (e: TraceEvent) => e.thread === thread && e.line > 0 && e.kind !== 'THREAD_CREATE' && e.kind !== 'THREAD_START';
  const start = findEvent(events, cut, 1, (e) => e.kind === 'THREAD_START' && e.thread === thread) ?? cut;
  const next = findEvent(events, start, 1, mine) ?? findEvent(events, cut + 1, -1, mine);
  return next === null ? 0 : events[next]!.line;
}

/* The statement on a line of the source, trimmed, for a one-line label. */
export function statementAt(source: string, line: number): string {
  if (line <= 0) return '';
  const text = source.split('\n')[line - 1]?.trim() ?? '';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
