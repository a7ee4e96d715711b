/* The decoded trace as JSON lines: one event object per line, for jq, grep
   and scripts. Fields are TraceEvent's (./decode.ts), with the payload's.
   Lines are made one at a time so a run of millions of events never has to
   be one string. */
import type { TraceEvent } from './decode';

export function* jsonLines(events: Iterable<TraceEvent>): Generator<string> {
  for (const e of events) yield JSON.stringify(e);
}

export function toJsonLines(events: TraceEvent[]): string {
  return [...jsonLines(events)].map((l) => l + '\n').join('');
}
