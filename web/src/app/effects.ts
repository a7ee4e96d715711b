/* Reactions to store changes that are not drawing: live diagnostics after a
   pause in typing, the watchdog that ends a run that takes too long in real
   time, showing the offending line when a run ends, and the page theme.
   Plain subscriptions; each returns its unsubscribe. */
import type { AppStore } from '../store';
import { primaryLineOf } from '../store/selectors';
import { viewEventsSelector } from '../store/traceSelectors';
import { ERROR_KINDS, findKind } from '../trace/navigate';
import { runSeverity } from '../trace/severity';
import type { Actions } from './actions';

export const CHECK_DELAY_MS = 300;
export const WATCHDOG_MS = 60_000;

export function liveCheck(store: AppStore, actions: Actions, delay = CHECK_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => actions.check(), delay);
  };
  schedule();
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.source !== prev.source) schedule();
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

export function runWatchdog(store: AppStore, actions: Actions, limit = WATCHDOG_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.run === prev.run) return;
    clearTimeout(timer);
    if (state.run.status === 'running') timer = setTimeout(() => actions.stop('watchdog'), limit);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

export function revealOnRunEnd(store: AppStore): () => void {
  return store.subscribe((state, prev) => {
    if (state.run === prev.run) return;
    const line = primaryLineOf(state.run);
    if (line) state.revealLine(line);
  });
}

export function applyTheme(store: AppStore, root: HTMLElement): () => void {
  root.dataset.theme = store.getState().theme;
  return store.subscribe((state) => {
    root.dataset.theme = state.theme;
  });
}

/* A share link made before an edit no longer describes the work: hide it. */
export function dropStaleShareLink(store: AppStore): () => void {
  return store.subscribe((state, prev) => {
    if (state.share.status !== 'ready') return;
    const changed =
      state.source !== prev.source ||
      state.settings !== prev.settings ||
      state.schedule !== prev.schedule ||
      state.moment !== prev.moment;
    if (changed) state.setShare({ status: 'idle' });
  });
}

/* Engine faults (a crashed worker, an invalid message) become notices. */
export function engineFaultNotice(store: AppStore, lane: 'check' | 'run', message: string): void {
  const what = lane === 'run' ? 'The run engine' : 'The checker';
  store.getState().pushNotice({ tone: 'error', text: `${what} stopped unexpectedly (${message}). It has been restarted.` });
}

/* After a run that did not end cleanly, the moment lands on its first error
   (a finding, a wdkm error, the bug check...) rather than on the end, unless
   a moment is already chosen (a share link's) or the user schedules by hand. */
export function landOnFirstError(store: AppStore): () => void {
  return store.subscribe((state, prev) => {
    if (state.run === prev.run || state.run.status !== 'finished' || state.moment !== null || state.manual) return;
    if (runSeverity(state.run.result) === 'clean') return;
    const first = findKind(viewEventsSelector(state), -1, 1, LANDING_KINDS);
    if (first !== null) state.setMoment(first);
  });
}
const LANDING_KINDS = ERROR_KINDS.filter((k) => k !== 'TRY_FAIL');
