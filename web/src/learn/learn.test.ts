import { describe, expect, it } from 'vitest';
import { EMPTY_PROGRESS, loadProgress, PROGRESS_KEY, saveProgress, updateLesson } from './progress';
import { isLearnHash, lessonHash, parseLearnHash } from './route';

function memory(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) } as never;
}

describe('learn routes', () => {
  it('reads the course, a lesson, and a lesson with its code', () => {
    expect(parseLearnHash('#/learn')).toEqual({ page: 'course' });
    expect(parseLearnHash('#/learn/lost-update')).toEqual({ page: 'lesson', id: 'lost-update', share: null });
    expect(parseLearnHash('#/learn/lost-update/v2.abc_-')).toEqual({ page: 'lesson', id: 'lost-update', share: 'v2.abc_-' });
    expect(parseLearnHash('#/learn/Bad Id')).toBeNull();
    expect(isLearnHash('#v2.abc')).toBe(false);
    expect(isLearnHash('#/learnx')).toBe(false);
    expect(parseLearnHash(lessonHash('a-b', 'v2.x'))).toEqual({ page: 'lesson', id: 'a-b', share: 'v2.x' });
  });
});

describe('learn progress', () => {
  it('round-trips through storage, and a passed lesson stays passed', () => {
    const s = memory();
    let p = updateLesson({}, 'a', { passed: true, text: 'x', hints: 2 });
    p = updateLesson(p, 'a', { passed: false, text: 'y' });
    expect(p.a).toEqual({ passed: true, text: 'y', hints: 2 });
    expect(saveProgress(s, p)).toBe(true);
    expect(loadProgress(s)).toEqual(p);
  });
  it('reads unreadable or foreign data as no progress', () => {
    const s = memory();
    s.setItem(PROGRESS_KEY, '{not json');
    expect(loadProgress(s)).toEqual({});
    s.setItem(PROGRESS_KEY, JSON.stringify({ version: 9, lessons: {} }));
    expect(loadProgress(s)).toEqual({});
    expect(updateLesson({}, 'b', {}).b).toEqual(EMPTY_PROGRESS);
  });
  it('reports a refused save', () => {
    expect(saveProgress({ getItem: () => null, setItem: () => { throw new Error('quota'); } }, {})).toBe(false);
  });
});
