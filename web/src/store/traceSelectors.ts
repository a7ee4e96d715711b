/* Everything the timeline, the inspector and time travel show, derived from
   the finished run's trace: decoded once by the worker, which also made the
   names, the timeline model and the moment checkpoints of the whole trace
   (../trace/prepared.ts); cut at the pending choice in manual mode, and the
   state at the selected moment. Each derivation is memoised on its inputs'
   identity. */
import type { TraceEvent } from '../trace';
import type { EventList } from '../trace/events';
import { asList } from '../trace/events';
import { momentAt, type MomentCheckpoints, type MomentState } from '../trace/moment';
import { choiceEvent, lineOf, nextLineOf, statementAt } from '../trace/navigate';
import { loadPrepared, type LoadedTrace } from '../trace/prepared';
import { deriveTimeline, type TimelineModel } from '../trace/timeline-model';
import { blockedReason, waitForGraph, waitForWords } from '../trace/wait-for';
import { makeNamer, type Namer } from '../trace/names';
import type { AppState } from './index';
import { memoOn, memoOnAll } from './memo';
import type { RunState } from './runSlice';

const EMPTY: EventList = asList([]);
const NO_NAMES = makeNamer([]);

/* A trace that cannot be read leaves the views empty and says why; it never
   takes the page down. */
interface ShownTrace {
  loaded: LoadedTrace | null;
  error: string | null;
}
const loadOn = memoOn((run: RunState): ShownTrace => {
  if (run.status !== 'finished') return { loaded: null, error: null };
  const d = run.decoded;
  return 'error' in d ? { loaded: null, error: d.error } : { loaded: loadPrepared(d), error: null };
});
export const traceErrorSelector = (s: AppState) => loadOn(s.run).error;
export const traceEventsSelector = (s: AppState): EventList => loadOn(s.run).loaded?.events ?? EMPTY;
const checkpointsSelector = (s: AppState): MomentCheckpoints | undefined => loadOn(s.run).loaded?.checkpoints;

/* In manual mode the run went on past the picks under the policy; what the
   user sees ends at the first choice beyond the picks (null: none, the run ended). */
const cutOn = memoOnAll((events: EventList, manual: boolean, picks: number) =>
  manual && events.length > 0 ? choiceEvent(events, picks) : null,
);
export const manualCutSelector = (s: AppState) => cutOn(traceEventsSelector(s), s.manual, s.schedule?.length ?? 0);

const viewOn = memoOnAll((events: EventList, cut: number | null) => (cut === null ? events : events.limit(cut + 1)));
export const viewEventsSelector = (s: AppState) => viewOn(traceEventsSelector(s), manualCutSelector(s));

/* What threads and objects are called in this run: the code's names joined to
   the whole trace (not the manual cut), so a name never changes while stepping. */
export const namerSelector = (s: AppState): Namer => loadOn(s.run).loaded?.namer ?? NO_NAMES;

/* The whole trace's model came from the worker; a manual cut (short: it ends
   at the first choice the user has not made) is derived here. */
const modelOn = memoOnAll((events: EventList, loaded: LoadedTrace | null, names: Namer): TimelineModel =>
  loaded && events === loaded.events ? loaded.timeline : deriveTimeline(events, names));
export const timelineModelSelector = (s: AppState) => modelOn(viewEventsSelector(s), loadOn(s.run).loaded, namerSelector(s));

/* The selected event; with none selected, the last one (the end of the run,
   or the pending choice in manual mode). -1 when there is no trace. */
export const momentIndexSelector = (s: AppState): number => {
  const n = viewEventsSelector(s).length;
  return s.moment === null ? n - 1 : Math.min(s.moment, n - 1);
};

export const momentEventSelector = (s: AppState): TraceEvent | null => viewEventsSelector(s).get(momentIndexSelector(s)) ?? null;

export const momentLineSelector = (s: AppState): number => lineOf(viewEventsSelector(s), momentIndexSelector(s));

const stateOn = memoOnAll((events: EventList, index: number, checkpoints: MomentCheckpoints | undefined): MomentState =>
  momentAt(events, index, checkpoints));
export const momentStateSelector = (s: AppState) => stateOn(viewEventsSelector(s), momentIndexSelector(s), checkpointsSelector(s));

const graphOn = memoOnAll((state: MomentState, names: Namer) => waitForGraph(state, names));
export const waitForSelector = (s: AppState) => graphOn(momentStateSelector(s), namerSelector(s));
const wordsOn = memoOnAll((state: MomentState, names: Namer) => waitForWords(state, names));
export const waitForWordsSelector = (s: AppState) => wordsOn(momentStateSelector(s), namerSelector(s));

export interface ManualOption {
  thread: number;
  enabled: boolean;
  reason: string | null; /* why a disabled thread cannot move */
  line: number; /* the line it runs next (0: unknown), in the run's source */
  statement: string; /* that line's text, trimmed */
}
export interface ManualChoice {
  choice: number; /* the choice index to decide */
  options: ManualOption[];
}

/* The decision pending in manual mode: the candidates of the cut CHOICE, and
   every other live thread, disabled with the reason it cannot move. */
const choiceOn = memoOnAll((events: EventList, cut: number | null, state: MomentState, names: Namer, source: string): ManualChoice | null => {
  const e = cut === null ? undefined : events.get(cut);
  if (!e || e.kind !== 'CHOICE') return null;
  const candidates = e.candidates ?? [];
  const ids = new Set([...candidates, ...state.threads.filter((t) => t.state !== 'exited').map((t) => t.id)]);
  const options = [...ids]
    .sort((x, y) => x - y)
    .map((thread): ManualOption => {
      const enabled = candidates.includes(thread);
      const line = nextLineOf(events, cut!, thread);
      const reason = enabled ? null : (blockedReason(state, thread, names) ?? 'has no CPU at this choice');
      return { thread, enabled, reason, line, statement: statementAt(source, line) };
    });
  return { choice: e.a, options };
});
/* The full trace (not the cut view): a thread's next line lies past the choice. */
const sourceOf = (run: RunState) => (run.status === 'idle' || run.status === 'running' ? '' : (run.basis?.source ?? ''));
export const manualChoiceSelector = (s: AppState) =>
  choiceOn(traceEventsSelector(s), manualCutSelector(s), momentStateSelector(s), namerSelector(s), sourceOf(s.run));
