/* The Learn view (#/learn): the course list, or one lesson. Routes change
   with the hash, without a reload; progress is saved to localStorage on
   every change. */
import { useCallback, useEffect, useState } from 'react';
import { COURSE } from '../course';
import type { GradeDeps } from '../grade';
import { loadProgress, saveProgress, updateLesson, type LessonProgress, type Progress } from '../progress';
import { parseLearnHash, type LearnRoute } from '../route';
import { Notices } from '../../views/notices/Notices';
import { useAppStore } from '../../views/context';
import { LessonList } from './LessonList';
import { LessonPage } from './LessonPage';
import './learn.css';

export function LearnApp({ deps }: { deps: GradeDeps }) {
  const store = useAppStore();
  const [route, setRoute] = useState<LearnRoute | null>(() => parseLearnHash(location.hash));
  const [progress, setProgress] = useState<Progress>(() => loadProgress(localStorage));

  useEffect(() => {
    const onHash = () => setRoute(parseLearnHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const update = useCallback((id: string, patch: Partial<LessonProgress>) => {
    setProgress((p) => {
      const next = updateLesson(p, id, patch);
      if (!saveProgress(localStorage, next)) {
        store.getState().pushNotice({ tone: 'warning', text: 'This browser refused to save your progress.' });
      }
      return next;
    });
  }, [store]);

  let page;
  if (route?.page === 'lesson') {
    const index = COURSE.findIndex((l) => l.id === route.id);
    const lesson = COURSE[index];
    page = lesson
      ? <LessonPage key={lesson.id} lesson={lesson} next={COURSE[index + 1] ?? null} share={route.share} progress={progress[lesson.id]}
          deps={deps} onProgress={(patch) => update(lesson.id, patch)} />
      : <main className="learn-course"><p data-testid="lesson-missing">There is no lesson “{route.id}”. <a href="#/learn">See all lessons</a>.</p></main>;
  } else {
    page = <LessonList course={COURSE} progress={progress} />;
  }
  return (
    <div className="learn">
      <Notices />
      {page}
    </div>
  );
}
