/* Messages to the user that outlive a render: a broken link, a restarted
   worker, a kept draft. Plain text only; never HTML. */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type NoticeAction = 'restoreDraft';

export interface Notice {
  id: number;
  tone: 'error' | 'warning' | 'info';
  text: string;
  action?: NoticeAction;
}

export interface NoticesSlice {
  notices: Notice[];
  noticeSeq: number;
  pushNotice: (notice: Omit<Notice, 'id'>) => void;
  dismissNotice: (id: number) => void;
}

const MAX_NOTICES = 4;

export const createNoticesSlice: StateCreator<AppState, [], [], NoticesSlice> = (set, get) => ({
  notices: [],
  noticeSeq: 0,
  pushNotice: (notice) => {
    const id = get().noticeSeq + 1;
    const others = get().notices.filter((n) => n.text !== notice.text);
    set({ noticeSeq: id, notices: [...others, { ...notice, id }].slice(-MAX_NOTICES) });
  },
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
});
