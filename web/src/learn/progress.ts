/* The player's progress, kept in localStorage under one versioned key: per
   lesson, whether it passed, the code (or answer) as last edited, the picks
   of manual scheduling and how many hints were shown. Unreadable storage
   reads as no progress and is never overwritten by a failed parse. */
import { z } from 'zod';

export const PROGRESS_KEY = 'wdkm.learn.v1';

const entrySchema = z.object({
  passed: z.boolean(),
  /** C for break and fix lessons, the chosen answer for predict lessons. */
  text: z.string().max(200_000).optional(),
  schedule: z.array(z.number().int().min(1).max(65535)).max(100_000).optional(),
  hints: z.number().int().min(0).max(100),
});
const progressSchema = z.object({ version: z.literal(1), lessons: z.record(entrySchema) });

export type LessonProgress = z.infer<typeof entrySchema>;
export type Progress = Record<string, LessonProgress>;

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadProgress(storage: StorageLike): Progress {
  try {
    const raw = storage.getItem(PROGRESS_KEY);
    if (!raw) return {};
    const parsed = progressSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.lessons : {};
  } catch {
    return {};
  }
}

/** Returns false when the browser refused to save (full or disabled storage). */
export function saveProgress(storage: StorageLike, progress: Progress): boolean {
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, lessons: progress }));
    return true;
  } catch {
    return false;
  }
}

export const EMPTY_PROGRESS: LessonProgress = { passed: false, hints: 0 };

/** A lesson once passed stays passed: a later failed attempt does not take it back. */
export function updateLesson(progress: Progress, id: string, patch: Partial<LessonProgress>): Progress {
  const before = progress[id] ?? EMPTY_PROGRESS;
  return { ...progress, [id]: { ...before, ...patch, passed: before.passed || patch.passed === true } };
}
