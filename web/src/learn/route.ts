/* The Learn view's addresses: `#/learn` (the course), `#/learn/ID` (a lesson),
   `#/learn/ID/v2.…` (a lesson with the code, settings and schedule of a share
   link, so that a lesson and its current code is one link). */
export type LearnRoute = { page: 'course' } | { page: 'lesson'; id: string; share: string | null };

export function isLearnHash(hash: string): boolean {
  return /^#\/learn(\/|$)/.test(hash);
}

export function parseLearnHash(hash: string): LearnRoute | null {
  const m = /^#\/learn(?:\/([a-z0-9][a-z0-9-]*)(?:\/(v\d+\.[A-Za-z0-9_-]*))?)?\/?$/.exec(hash);
  if (!m) return null;
  if (!m[1]) return { page: 'course' };
  return { page: 'lesson', id: m[1], share: m[2] ?? null };
}

export function lessonHash(id: string, share?: string): string {
  return share ? `#/learn/${id}/${share}` : `#/learn/${id}`;
}
