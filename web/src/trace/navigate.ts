/* Where time travel goes from the selected event: the next or previous event
   of some kinds, a choice point, a wait on the same object. Plain scans
   that peek (./events.ts), and scans of the kind column alone for kinds:
   fast enough for a million events per keypress. */
import type { TraceEvent } from './decode';
import { asList, type Events } from './events';
import type { TraceKind } from './kinds';

export const ERROR_KINDS: readonly TraceKind[] = ['WDKM_ERROR', 'BUGCHECK', 'FINDING', 'ASSERT', 'DEADLOCK', 'LEAK', 'TRY_FAIL'];

/* The index of the next (dir 1) or previous (dir -1) event after `from` that
   matches, or null. `from` may be -1 (before the first event). */
export function findEvent(
  events: Events,
  from: number,
  dir: 1 | -1,
  match: (e: TraceEvent) => boolean,
): number | null {
  const list = asList(events);
  for (let i = from + dir; i >= 0 && i < list.length; i += dir) if (match(list.peek(i))) return i;
  return null;
}

/* The same for events of some kinds, reading the kinds alone. */
export function findKind(events: Events, from: number, dir: 1 | -1, kinds: readonly TraceKind[]): number | null {
  const list = asList(events);
  for (let i = from + dir; i >= 0 && i < list.length; i += dir) if (kinds.includes(list.kindAt(i))) return i;
  return null;
}

export const ofKinds = (kinds: readonly TraceKind[]) => (e: TraceEvent) => kinds.includes(e.kind);

/* A wait on the object the given event is about (the object a thread waits on,
   acquires, releases or signals). */
export const waitOn = (object: number) => (e: TraceEvent) => e.kind === 'WAIT_BEGIN' && e.object === object && object > 0;

/* The CHOICE event of a given choice index, or the first beyond a prefix of picks. */
export function choiceEvent(events: Events, choiceIndex: number): number | null {
  return findEvent(events, -1, 1, (e) => e.kind === 'CHOICE' && e.a >= choiceIndex);
}

/* The line an event points at in the source, walking back to the last known
   line of its thread when the event itself has none. */
export function lineOf(events: Events, index: number): number {
  const list = asList(events);
  if (index < 0 || index >= list.length) return 0;
  const { line, thread } = list.peek(index);
  if (line > 0) return line;
  const prev = findEvent(list, index, -1, (x) => x.thread === thread && x.line > 0);
  return prev === null ? 0 : list.peek(prev).line;
}

/* The line a thread runs next from a choice point: its first event with a
   line after `cut` (the run went on past the choice, and a thread's next call
   is where its code stands whoever moves first), else the last line it
   reached before. 0 when the trace never places the thread in the source.
   Until a thread starts, its events carry its creator's line: a thread not yet
   started is looked for from its start on. */
export function nextLineOf(events: Events, cut: number, thread: number): number {
  const mine = (e: TraceEvent) => e.thread === thread && e.line > 0 && e.kind !== 'THREAD_CREATE' && e.kind !== 'THREAD_START';
  const start = findEvent(events, cut, 1, (e) => e.kind === 'THREAD_START' && e.thread === thread) ?? cut;
  const next = findEvent(events, start, 1, mine) ?? findEvent(events, cut + 1, -1, mine);
  return next === null ? 0 : asList(events).peek(next).line;
}

/* The statement on a line of the source, trimmed, for a one-line label. */
export function statementAt(source: string, line: number): string {
  if (line <= 0) return '';
  const text = source.split('\n')[line - 1]?.trim() ?? '';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
