/* The course: every lesson in order, with its kind and the player's progress. */
import type { Lesson } from '../lesson';
import type { Progress } from '../progress';
import { lessonHash } from '../route';

export const KIND_LABEL = { break: 'Break it', fix: 'Fix it', predict: 'Predict' } as const;

export function LessonList({ course, progress }: { course: Lesson[]; progress: Progress }) {
  const passed = course.filter((l) => progress[l.id]?.passed).length;
  return (
    <main className="learn-course">
      <header className="learn-course__head">
        <h1>Learn kernel synchronization</h1>
        <p>
          {course.length} lessons with real driver C and the wdk-mutex crate&apos;s API. Break code by scheduling threads by hand, fix it
          so that the explorer proves it over every schedule, and predict what a run does. Every check is made by the machine.
        </p>
        <p className="muted" data-testid="learn-progress">{passed} of {course.length} passed · <a href="#">back to the playground</a></p>
      </header>
      <ol className="learn-course__list" data-testid="lesson-list">
        {course.map((l, index) => {
          const p = progress[l.id];
          const state = p?.passed ? 'passed' : p ? 'started' : 'new';
          return (
            <li key={l.id} className={`learn-lesson-card learn-lesson-card--${state}`} data-testid="lesson" data-lesson={l.id} data-state={state}>
              <a href={lessonHash(l.id)}>
                <span className="learn-lesson-card__n">{index + 1}</span>
                <span className="learn-lesson-card__title">{l.title}</span>
                <span className={`learn-kind learn-kind--${l.kind}`}>{KIND_LABEL[l.kind]}</span>
                <span className="learn-lesson-card__topic muted">{l.topic}</span>
                <span className="learn-lesson-card__state" aria-label={state}>{state === 'passed' ? '✓ passed' : state === 'started' ? 'started' : ''}</span>
              </a>
            </li>
          );
        })}
      </ol>
    </main>
  );
}
