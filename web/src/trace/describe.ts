/* One line of words for an event, for the timeline's hover and the inspector. */
import { hex32 } from './kinds';
import { irqlName, makeNamer, nameText, tagName, type Namer } from './names';
import type { TraceEvent } from './decode';
import { OUTCOMES } from './kinds';

const OFF_REASONS = ['to wait', 'preempted', 'exited', 'to spin'];

export interface LineWords {
  /* where the run's line is in the source now (null: changed or removed since), as line links map it */
  lineNow?: (line: number) => number | null;
  /* leave the line out: the caller shows it as a line link */
  withoutLine?: boolean;
}

export function describeEvent(e: TraceEvent, names: Namer = makeNamer([]), lines: LineWords = {}): string {
  const obj = (id = e.object) => names.object(id);
  const threadName = names.thread;
  const who = e.thread > 0 ? `${threadName(e.thread)}: ` : '';
  const now = e.line > 0 && !lines.withoutLine ? (lines.lineNow ? lines.lineNow(e.line) : e.line) : 0;
  const at = now === null ? ` (line ${e.line}, changed since)` : now > 0 ? ` (line ${now})` : '';
  const what = ((): string => {
    switch (e.kind) {
      case 'THREAD_CREATE': return `creates ${threadName(e.thread)}`;
      case 'DISPATCH_ON': return `runs on CPU ${e.cpu}`;
      case 'DISPATCH_OFF': return `leaves CPU ${e.cpu} ${OFF_REASONS[e.a] ?? ''}`.trim();
      case 'IRQL': return `IRQL ${irqlName(e.a)} → ${irqlName(e.b)}`;
      case 'WAIT_BEGIN': return e.object ? `waits on ${obj()}` : 'delays';
      case 'WAIT_END': return e.object ? `wait satisfied by ${obj()}` : 'wait ends (timeout or delay)';
      case 'ACQUIRE': return `acquires ${obj()}${e.b === 1 ? ' shared' : ''} (depth ${e.a})`;
      case 'RELEASE': return `releases ${obj()} (depth ${e.a})`;
      case 'TRY_FAIL': return `finds ${obj()} taken`;
      case 'WDKM_ERROR': return `wdkm error ${e.a}`;
      case 'PRINT': return `DbgPrint “${(e.text ?? '').trimEnd()}”`;
      case 'POOL_ALLOC': return `allocates ${e.a} bytes, tag ${tagName(e.b)}`;
      case 'POOL_FREE': return `frees ${e.a} bytes, tag ${tagName(e.b)}`;
      case 'LEAK': return `leak: ${e.a} bytes, tag ${tagName(e.b)}`;
      case 'BUGCHECK': return `bug check ${hex32(e.a)}`;
      case 'DEADLOCK': return `deadlock: ${(e.deadlock ?? []).map((d) => `${threadName(d.thread)} waits on ${obj(d.object)}`).join(', ')}`;
      case 'SIGNAL': return `signals ${obj()} (state ${e.a})`;
      case 'WAKE': return `wakes ${threadName(e.a)} from ${obj()}`;
      case 'CHOICE': return `choice ${e.a}: ${threadName(e.b)} of ${(e.candidates ?? []).map(threadName).join(', ')}`;
      case 'FINDING': return `finding: ${nameText(e.message ?? '', names)}`;
      case 'OBJECT': return `creates ${obj()}`;
      case 'ASSERT': return `assertion failed: ${e.expression ?? ''}`;
      case 'RUN_END': return `run ends: ${OUTCOMES[e.a] ?? e.a}`;
      case 'DPC_QUEUED': return `queues ${obj()}`;
      case 'DPC_BEGIN': return `runs the DPC ${names.dpcRoutine(e.object) ?? obj()}`;
      case 'DPC_END': return `DPC ${names.dpcRoutine(e.object) ?? obj()} returns`;
      case 'UNLOAD': return 'the driver unloads';
      case 'SPIN_BEGIN': return `spins on ${obj()}`;
      case 'SPIN_END': return `stops spinning on ${obj()}`;
      default: return e.kind.toLowerCase().replace(/_/g, ' ');
    }
  })();
  return `${who}${what}${at}`;
}
