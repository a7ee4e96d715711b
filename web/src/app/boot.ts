/* Start-up order: a share link, then local storage, then defaults. A broken
   link is reported and the user's own stored work is kept. After a link is
   loaded the fragment is cleared, so a reload shows the work as it was left. */
import { decodeShare, isShareFragment, ShareLinkError } from '../share/codec';
import type { AppStore } from '../store';
import { loadWorkspace, saveWorkspace, workspaceOf, type StorageLike } from '../store/persistence';
import { DEFAULT_SOURCE } from './defaultSource';

export interface BootEnv {
  storage: StorageLike;
  fragment: string;
  clearFragment: () => void;
  prefersDark: boolean;
  /* Text the user did not write (the default, an untouched example): no draft needed. */
  isUntouched?: (text: string) => boolean;
}

function restoreFromStorage(store: AppStore, env: BootEnv): void {
  const s = store.getState();
  const loaded = loadWorkspace(env.storage);
  if (loaded.kind === 'loaded') {
    const w = loaded.workspace;
    store.setState({ source: w.source, settings: w.settings, schedule: w.schedule, draft: w.draft });
    s.setTheme(w.theme ?? (env.prefersDark ? 'dark' : 'light'));
    return;
  }
  store.setState({ source: DEFAULT_SOURCE });
  s.setTheme(env.prefersDark ? 'dark' : 'light');
  if (loaded.kind === 'unreadable') {
    s.pushNotice({ tone: 'warning', text: 'Your saved work could not be read; a copy was kept aside and the default scenario is shown.' });
  }
}

/* Resolves true when a share link was opened: the caller runs it, so the link
   shows its result (runs are deterministic) at its moment and in its mode. */
export async function boot(store: AppStore, env: BootEnv): Promise<boolean> {
  restoreFromStorage(store, env);
  if (!env.fragment || env.fragment === '#') return false;
  if (!isShareFragment(env.fragment)) return false;
  try {
    const shared = await decodeShare(env.fragment);
    const s = store.getState();
    const kept = s.replaceSource(shared.source, 'before opening a shared link', env.isUntouched ?? ((t) => t === DEFAULT_SOURCE));
    s.updateSettings({ cpus: shared.cpus, policy: shared.policy, seed: shared.seed, budget: shared.budget });
    s.setSchedule(shared.schedule);
    s.setMoment(shared.moment);
    s.setManual(shared.manual);
    s.pushNotice({
      tone: 'info',
      text: kept ? 'Opened a shared scenario. Your own work is kept as a draft.' : 'Opened a shared scenario.',
      action: kept ? 'restoreDraft' : undefined,
    });
    return true;
  } catch (err) {
    const reason = err instanceof ShareLinkError ? err.message : 'The link could not be read.';
    store.getState().pushNotice({ tone: 'error', text: `${reason} Your own work is unchanged.` });
    return false;
  } finally {
    env.clearFragment();
  }
}

/* Saves the workspace whenever what it holds changes. */
export function persistOnChange(store: AppStore, storage: StorageLike, onFail: () => void): () => void {
  let last = workspaceOf(store.getState());
  let warned = false;
  return store.subscribe((state) => {
    const next = workspaceOf(state);
    const same =
      next.source === last.source &&
      next.settings === last.settings &&
      next.schedule === last.schedule &&
      next.draft === last.draft &&
      next.theme === last.theme;
    if (same) return;
    last = next;
    if (!saveWorkspace(storage, next) && !warned) {
      warned = true;
      onFail();
    }
  });
}
