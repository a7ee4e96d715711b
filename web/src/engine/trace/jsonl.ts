/* The decoded trace as JSON lines: one event object per line, for jq, grep
   and scripts. Fields are TraceEvent's (./decode.ts), with the payload's. */
import type { TraceEvent } from './decode';

export function toJsonLines(events: TraceEvent[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
}
