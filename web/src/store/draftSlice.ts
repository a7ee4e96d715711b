/* The user's own work, kept aside when an example or a link replaces the
   editor's content, so it can always be restored. */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface Draft {
  source: string;
  reason: string;
}

export interface DraftSlice {
  draft: Draft | null;
  /* Replaces the source, keeping the current one as the draft unless it is
     empty, the same, or disposable (an untouched example: keeping it would
     push the user's real draft out). Returns whether a draft was kept. */
  replaceSource: (source: string, reason: string, isDisposable?: (current: string) => boolean) => boolean;
  restoreDraft: () => void;
  discardDraft: () => void;
}

export const createDraftSlice: StateCreator<AppState, [], [], DraftSlice> = (set, get) => ({
  draft: null,
  replaceSource: (source, reason, isDisposable = () => false) => {
    const current = get().source;
    const kept = current.trim() !== '' && current !== source && !isDisposable(current);
    set(kept ? { draft: { source: current, reason }, source } : { source });
    return kept;
  },
  restoreDraft: () => {
    const { draft, source } = get();
    if (!draft) return;
    set({ source: draft.source, draft: { source, reason: 'before restoring your draft' } });
  },
  discardDraft: () => set({ draft: null }),
});
