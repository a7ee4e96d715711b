/* Time travel and manual scheduling: what the user does to a run's trace.
   Selecting an event moves the moment (which the inspector, the timeline's
   playhead and the editor follow); manual picks re-run the scenario with the
   picks as the schedule, and the view stops at the next choice. */
import { ERROR_KINDS, findEvent, findKind, lineOf, waitOn } from '../trace/navigate';
import type { TraceKind } from '../trace/kinds';
import type { TraceEvent } from '../trace';
import type { AppStore } from '../store';
import { momentEventSelector, momentIndexSelector, viewEventsSelector } from '../store/traceSelectors';
import { lineMapSelector } from '../store/selectors';

export interface TravelActions {
  selectEvent: (index: number) => void;
  step: (dir: 1 | -1) => void;
  stepChoice: (dir: 1 | -1) => void;
  jumpToError: (dir: 1 | -1) => void;
  jumpToWaitOnObject: (dir: 1 | -1) => void;
  setManual: (on: boolean) => void;
  pick: (thread: number) => void;
  undoPick: () => void;
}

export function createTravelActions(store: AppStore, run: () => void): TravelActions {
  const get = store.getState;

  function selectEvent(index: number): void {
    const events = viewEventsSelector(get());
    if (events.length === 0) return;
    const i = Math.max(0, Math.min(events.length - 1, index));
    get().setMoment(i);
    const line = lineMapSelector(get())(lineOf(events, i)) ?? 0;
    if (line > 0) get().revealLine(line);
  }

  function jump(dir: 1 | -1, match: (e: TraceEvent) => boolean): void {
    const found = findEvent(viewEventsSelector(get()), momentIndexSelector(get()), dir, match);
    if (found !== null) selectEvent(found);
  }

  /* by the kind column alone: no event is made on the way */
  function jumpToKind(dir: 1 | -1, kinds: readonly TraceKind[]): void {
    const found = findKind(viewEventsSelector(get()), momentIndexSelector(get()), dir, kinds);
    if (found !== null) selectEvent(found);
  }

  return {
    selectEvent,
    step: (dir) => selectEvent(momentIndexSelector(get()) + dir),
    stepChoice: (dir) => jumpToKind(dir, ['CHOICE']),
    jumpToError: (dir) => jumpToKind(dir, ERROR_KINDS),
    jumpToWaitOnObject: (dir) => {
      const object = momentEventSelector(get())?.object ?? 0;
      if (object > 0) jump(dir, waitOn(object));
    },
    setManual(on) {
      get().setManual(on);
      if (!on) return;
      /* start from the first choice: the user decides every step from there */
      get().setSchedule([]);
      get().setMoment(null);
      run();
    },
    pick(thread) {
      get().setSchedule([...(get().schedule ?? []), thread]);
      get().setMoment(null);
      run();
    },
    undoPick() {
      const picks = get().schedule ?? [];
      if (picks.length === 0) return;
      get().setSchedule(picks.slice(0, -1));
      get().setMoment(null);
      run();
    },
  };
}
