/* The embeddable player: the scenario (read-only text, or Monaco when
   editable), Run, step controls, the outcome, a compact timeline and a link
   to open the same scenario in the playground. */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { encodeShare } from '../share/codec';
import { lineMapSelector, shareStateSelector } from '../store/selectors';
import { momentEventSelector, momentIndexSelector, namerSelector, viewEventsSelector } from '../store/traceSelectors';
import { describeEvent } from '../trace/describe';
import { useActions, useApp, useAppStore } from '../views/context';
import { OutcomeBanner } from '../views/results/OutcomeBanner';
import { TimelineCanvas } from '../views/timeline/TimelineCanvas';
import type { ExploreFn } from '../learn/explore-client';
import type { ExploreReport } from '../learn/grade';
import { describeRun } from '../learn/grade';
import { parseSchedule } from '../learn/schedule';
import { playgroundUrl } from './params';

/* Monaco only when the embedding page asks for an editable player. */
const EditorPane = lazy(() => import('../views/editor/EditorPane').then((m) => ({ default: m.EditorPane })));

function CodeView() {
  const source = useApp((s) => s.source);
  const line = useApp((s) => momentEventSelector(s)?.line ?? 0);
  const lines = source.split('\n');
  useEffect(() => {
    if (line > 0) document.getElementById(`embed-line-${line}`)?.scrollIntoView({ block: 'nearest' });
  }, [line]);
  return (
    <pre className="embed__code" data-testid="embed-code" aria-label="Scenario">
      {lines.map((text, i) => (
        <div key={i} id={`embed-line-${i + 1}`} className={i + 1 === line ? 'embed__line embed__line--now' : 'embed__line'}>
          <span className="embed__ln">{i + 1}</span>{text || ' '}
        </div>
      ))}
    </pre>
  );
}

function StepBar() {
  const actions = useActions();
  const count = useApp((s) => viewEventsSelector(s).length);
  const index = useApp(momentIndexSelector);
  const text = useApp((s) => {
    const e = momentEventSelector(s);
    return e ? describeEvent(e, namerSelector(s), { lineNow: lineMapSelector(s) }) : '';
  });
  const none = count === 0;
  return (
    <div className="embed__steps">
      <button type="button" className="button button--small" data-testid="embed-first" disabled={none || index === 0} onClick={() => actions.selectEvent(0)} title="First event">«</button>
      <button type="button" className="button button--small" data-testid="embed-back" disabled={none || index === 0} onClick={() => actions.step(-1)} title="Step back">◀</button>
      <button type="button" className="button button--small" data-testid="embed-step" disabled={none || index >= count - 1} onClick={() => actions.step(1)} title="Step forward">▶</button>
      <span className="embed__moment mono" data-testid="embed-moment" aria-live="polite">
        {none ? 'Run it to see each step.' : `${index + 1}/${count} · ${text}`}
      </span>
    </div>
  );
}

/* Explore every schedule, then show any outcome's witness in the timeline. */
function ExploreBox({ explore }: { explore: ExploreFn }) {
  const actions = useActions();
  const store = useAppStore();
  const [state, setState] = useState<{ busy: boolean; report: ExploreReport | null; error: string | null }>({ busy: false, report: null, error: null });
  const go = async () => {
    setState({ busy: true, report: null, error: null });
    const s = store.getState();
    const r = await explore(s.source, { cpus: s.settings.cpus, budget: s.settings.budget });
    setState(r.ok ? { busy: false, report: r.value, error: null } : { busy: false, report: null, error: r.message });
  };
  const show = (schedule: string) => {
    const parsed = parseSchedule(schedule);
    if (typeof parsed === 'string') return;
    const s = store.getState();
    if (parsed.exploreCpus !== null) s.updateSettings({ policy: 'explore', cpus: parsed.exploreCpus });
    s.setManual(true);
    s.setSchedule(parsed.choices);
    s.setMoment(null);
    actions.run();
  };
  const r = state.report;
  return (
    <>
      <button type="button" className="button button--small" data-testid="embed-explore" onClick={() => void go()} disabled={state.busy}>
        {state.busy ? 'Exploring…' : 'Explore'}
      </button>
      {(r || state.error) && (
        <div className="embed__explore" data-testid="embed-explore-result">
          {state.error}
          {r && (
            <>
              <span>{r.schedules} schedules{r.complete ? ', all of them' : ' (not all)'}{r.races.length ? `, ${r.races.length} data race${r.races.length > 1 ? 's' : ''}` : ''}:</span>
              {r.outcomes.map((o, i) => (
                <button key={i} type="button" className="button button--small button--quiet" data-testid="embed-explore-outcome"
                  title={`${describeRun(o)}: show this schedule`} onClick={() => show(o.schedule)}>
                  {o.outcome} ×{o.count}
                </button>
              ))}
            </>
          )}
        </div>
      )}
    </>
  );
}

export function EmbedPlayer({ editable, explore }: { editable: boolean; explore: ExploreFn }) {
  const actions = useActions();
  const store = useAppStore();
  const running = useApp((s) => s.run.status === 'running');
  const source = useApp((s) => s.source);
  const schedule = useApp((s) => s.schedule);
  const [openUrl, setOpenUrl] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    encodeShare({ ...shareStateSelector(store.getState()), moment: null })
      .then((f) => { if (live) setOpenUrl(playgroundUrl(location.href, f)); })
      .catch(() => { if (live) setOpenUrl(null); });
    return () => { live = false; };
  }, [store, source, schedule]);

  const onController = useCallback(() => {}, []);
  return (
    <div className="embed" data-testid="embed">
      <div className="embed__bar">
        <button type="button" className="button button--primary button--small" data-testid="embed-run" onClick={actions.run} disabled={running}>
          {running ? 'Running…' : 'Run'}
        </button>
        <ExploreBox explore={explore} />
        <StepBar />
        {openUrl && (
          <a className="embed__open" data-testid="embed-open" href={openUrl} target="_blank" rel="noopener noreferrer">Open in playground ↗</a>
        )}
      </div>
      <div className="embed__source">
        {editable ? <Suspense fallback={<CodeView />}><EditorPane /></Suspense> : <CodeView />}
      </div>
      <OutcomeBanner />
      <section className="embed__timeline timeline" aria-label="Timeline">
        <TimelineCanvas onController={onController} />
      </section>
    </div>
  );
}
