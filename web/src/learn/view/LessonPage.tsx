/* One lesson: the text, goal, hints, Check and its result beside the editor,
   the results and the timeline of the playground (the same components, on
   the same store). Progress is saved as the player works. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { decodeShare, encodeShare } from '../../share/codec';
import { shareStateSelector } from '../../store/selectors';
import { EditorPane } from '../../views/editor/EditorPane';
import { SplitPane } from '../../views/layout/SplitPane';
import { ResultsPane } from '../../views/results/ResultsPane';
import { TimelinePanel } from '../../views/timeline/TimelinePanel';
import { useActions, useApp, useAppStore } from '../../views/context';
import { grade, type Grade, type GradeDeps } from '../grade';
import type { Lesson } from '../lesson';
import type { LessonProgress } from '../progress';
import { lessonHash } from '../route';
import { parseSchedule } from '../schedule';
import { KIND_LABEL } from './LessonList';
import { Markdown } from './Markdown';

interface Props {
  lesson: Lesson;
  next: Lesson | null;
  share: string | null;
  progress: LessonProgress | undefined;
  deps: GradeDeps;
  onProgress: (patch: Partial<LessonProgress>) => void;
}

/** The lesson's machine settings (its schedule is the player's picks). */
function lessonSettings(lesson: Lesson) {
  const { schedule: _none, ...settings } = lesson.settings;
  return settings;
}

export function LessonPage({ lesson, next, share, progress, deps, onProgress }: Props) {
  const store = useAppStore();
  const actions = useActions();
  const running = useApp((s) => s.run.status === 'running');
  const manual = useApp((s) => s.manual);
  const [answer, setAnswer] = useState(lesson.kind === 'predict' ? progress?.text ?? '' : '');
  const [result, setResult] = useState<Grade | null>(null);
  const [checking, setChecking] = useState(false);
  const [confirmSolution, setConfirmSolution] = useState(false);
  const [linkState, setLinkState] = useState<string | null>(null);
  const hints = progress?.hints ?? 0;
  const progressRef = useRef(onProgress);
  progressRef.current = onProgress;

  /* Open the lesson: its settings, and the code from the link, the saved progress or the start. */
  useEffect(() => {
    let cancelled = false;
    const s = store.getState();
    s.updateSettings(lessonSettings(lesson));
    s.setMoment(null);
    /* nothing of the previous lesson's run stays on screen */
    store.setState({ run: { status: 'idle' } });
    setResult(null);
    setConfirmSolution(false);
    (async () => {
      let source = lesson.kind === 'predict' ? lesson.sources.scenario ?? '' : progress?.text ?? lesson.sources.start;
      let schedule = lesson.kind === 'predict' ? null : progress?.schedule ?? null;
      if (share && lesson.kind !== 'predict') {
        try {
          const shared = await decodeShare(share);
          source = shared.source;
          schedule = shared.schedule;
        } catch (e) {
          s.pushNotice({ tone: 'error', text: `The lesson link's code could not be read: ${(e as Error).message}` });
        }
      }
      if (cancelled) return;
      s.setSource(source);
      s.setSchedule(schedule);
      s.setManual(schedule !== null && schedule.length > 0);
      /* a prediction is made before the run is seen */
      if (lesson.kind !== 'predict') actions.run();
    })();
    return () => { cancelled = true; };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- opening happens once per lesson (and link)
  }, [lesson.id, share]);

  /* Keep the player's code and picks as they change. Picks (or a witness)
     belong to the code they were made on: an edit drops them, so the next
     run cannot name a thread that no longer gets to choose. */
  useEffect(() => {
    if (lesson.kind === 'predict') return;
    return store.subscribe((s, before) => {
      if (s.source !== before.source && (s.schedule?.length || s.settings.policy !== lesson.settings.policy)) {
        s.updateSettings(lessonSettings(lesson));
        s.setSchedule(null);
        s.setManual(false);
      }
      if (s.source !== before.source || s.schedule !== before.schedule) {
        const now = store.getState();
        progressRef.current({ text: now.source, schedule: now.schedule ?? undefined });
      }
    });
  }, [store, lesson]);

  const check = useCallback(async () => {
    setChecking(true);
    setResult(null);
    const s = store.getState();
    const attempt = lesson.kind === 'predict'
      ? { text: answer }
      : { text: s.source, schedule: s.schedule ?? undefined };
    let g: Grade;
    try {
      g = await grade(lesson, attempt, deps);
    } catch (e) {
      g = { passed: false, message: `The check failed: ${(e as Error).message}` };
    }
    setChecking(false);
    setResult(g);
    onProgress({ passed: g.passed });
    if (g.witness) {
      /* show the schedule that still breaks the fix, in the timeline */
      const picks = parseSchedule(g.witness.schedule);
      if (typeof picks !== 'string') {
        const st = store.getState();
        if (picks.exploreCpus !== null) st.updateSettings({ policy: 'explore', cpus: picks.exploreCpus });
        st.setManual(true);
        st.setSchedule(picks.choices);
        st.setMoment(null);
        actions.run();
      }
    } else if (lesson.kind === 'predict') {
      actions.run();
    }
  }, [store, lesson, answer, deps, onProgress, actions]);

  const showSolution = () => {
    setConfirmSolution(false);
    const s = store.getState();
    if (lesson.kind === 'predict') {
      setAnswer(lesson.sources.solution.trim());
      onProgress({ text: lesson.sources.solution.trim() });
      return;
    }
    s.setSource(lesson.sources.solution);
    const parsed = lesson.sources.solutionSchedule !== undefined ? parseSchedule(lesson.sources.solutionSchedule) : null;
    const picks = parsed !== null && typeof parsed !== 'string' ? parsed.choices : null;
    s.updateSettings(lessonSettings(lesson));
    s.setManual(picks !== null);
    s.setSchedule(picks);
    s.setMoment(null);
    actions.run();
  };

  const reset = () => {
    const s = store.getState();
    s.updateSettings(lessonSettings(lesson));
    s.setSource(lesson.sources.start);
    s.setSchedule(null);
    s.setManual(false);
    s.setMoment(null);
    setResult(null);
    actions.run();
  };

  const copyLink = async () => {
    const base = `${location.origin}${location.pathname}${location.search}`;
    let hash = lessonHash(lesson.id);
    if (lesson.kind !== 'predict') hash = lessonHash(lesson.id, await encodeShare({ ...shareStateSelector(store.getState()), moment: null }));
    const url = `${base}${hash}`;
    setLinkState(url);
    try {
      await navigator.clipboard?.writeText(url);
    } catch {
      /* the link is shown for copying by hand */
    }
  };

  return (
    <div className="learn-lesson" data-testid="lesson-page" data-lesson={lesson.id}>
      <aside className="learn-lesson__side">
        <nav className="learn-lesson__nav">
          <a href="#/learn">← All lessons</a>
          {next && <a href={lessonHash(next.id)}>Next: {next.title} →</a>}
        </nav>
        <h1>
          <span className={`learn-kind learn-kind--${lesson.kind}`}>{KIND_LABEL[lesson.kind]}</span> {lesson.title}
          {progress?.passed && <span className="learn-passed" title="passed"> ✓</span>}
        </h1>
        <div className="learn-lesson__text" data-testid="lesson-text">
          <Markdown text={lesson.text} />
        </div>
        <p className="learn-goal"><strong>Goal:</strong> {lesson.goal}</p>

        {lesson.kind === 'predict' && (
          <fieldset className="learn-choices" data-testid="lesson-choices">
            <legend>Your prediction</legend>
            {lesson.goalSpec.choices.map((c) => (
              <label key={c}>
                <input type="radio" name="answer" value={c} checked={answer === c}
                  onChange={() => { setAnswer(c); onProgress({ text: c }); }} />
                <code>{c}</code>
              </label>
            ))}
          </fieldset>
        )}

        <div className="learn-actions">
          <button type="button" className="button button--primary" data-testid="lesson-check" onClick={() => void check()} disabled={checking}>
            {checking ? (lesson.kind === 'fix' ? 'Exploring…' : 'Checking…') : 'Check'}
          </button>
          {lesson.kind !== 'predict' && (
            <button type="button" className="button" data-testid="lesson-reset" onClick={reset}>Reset</button>
          )}
          <button type="button" className="button" data-testid="lesson-link" onClick={() => void copyLink()}>Copy link</button>
        </div>
        {linkState && <input className="learn-link" readOnly value={linkState} data-testid="lesson-link-url" onFocus={(e) => e.currentTarget.select()} />}

        {result && (
          <div className={`learn-result learn-result--${result.passed ? 'pass' : 'fail'}`} data-testid="lesson-result" data-passed={String(result.passed)} role="status">
            <strong>{result.passed ? 'Passed.' : 'Not yet.'}</strong> {result.message}
            {result.witness && (
              <p data-testid="lesson-witness">
                Witness schedule: <code>{result.witness.schedule}</code> ({result.witness.summary}). It is loaded in the timeline.
              </p>
            )}
            {result.passed && next && <p><a href={lessonHash(next.id)}>Go on to “{next.title}” →</a></p>}
          </div>
        )}

        <section className="learn-hints" aria-label="Hints">
          {lesson.hints.slice(0, hints).map((h, i) => (
            <div key={i} className="learn-hint" data-testid="lesson-hint">
              <strong>Hint {i + 1}.</strong> <Markdown text={h} />
            </div>
          ))}
          {hints < lesson.hints.length && (
            <button type="button" className="button button--small" data-testid="lesson-more-hint" onClick={() => onProgress({ hints: hints + 1 })}>
              {hints === 0 ? 'Show a hint' : 'Another hint'} ({lesson.hints.length - hints} left)
            </button>
          )}
          {!confirmSolution ? (
            <button type="button" className="button button--small button--quiet" data-testid="lesson-solution" onClick={() => setConfirmSolution(true)}>
              Show the solution
            </button>
          ) : (
            <span className="learn-confirm">
              Replace your {lesson.kind === 'predict' ? 'answer' : 'code'} with the solution?{' '}
              <button type="button" className="button button--small" data-testid="lesson-solution-confirm" onClick={showSolution}>Yes, show it</button>{' '}
              <button type="button" className="button button--small button--quiet" onClick={() => setConfirmSolution(false)}>No</button>
            </span>
          )}
        </section>
      </aside>

      <section className="learn-lesson__work">
        <div className="learn-toolbar">
          <button type="button" className="button" data-testid="run" onClick={actions.run} disabled={running}>Run</button>
          {lesson.kind === 'break' && lesson.goalSpec.edits === 'none' && !manual && (
            <span className="muted">Tick <strong>Manual</strong> on the timeline to choose who moves at each choice.</span>
          )}
          {lesson.kind === 'predict' && <span className="muted">Read the code, choose your prediction, then Check: the run is shown after.</span>}
        </div>
        <div className="learn-lesson__top">
          {lesson.kind === 'predict'
            ? <SplitPane left={<pre className="learn-code" data-testid="lesson-scenario">{lesson.sources.scenario}</pre>} right={<ResultsPane />} />
            : <SplitPane left={<EditorPane />} right={<ResultsPane />} />}
        </div>
        <div className="learn-lesson__dock">
          <TimelinePanel />
        </div>
      </section>
    </div>
  );
}
