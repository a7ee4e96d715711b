/* The embeddable player: the scenario (read-only text, or Monaco when
   editable), Run, step controls, the outcome, a compact timeline and a link
   to open the same scenario in the playground. */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { encodeShare } from '../share/codec';
import { shareStateSelector } from '../store/selectors';
import { momentEventSelector, momentIndexSelector, namerSelector, viewEventsSelector } from '../store/traceSelectors';
import { describeEvent } from '../trace/describe';
import { useActions, useApp, useAppStore } from '../views/context';
import { OutcomeBanner } from '../views/results/OutcomeBanner';
import { TimelineCanvas } from '../views/timeline/TimelineCanvas';
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
    return e ? describeEvent(e, namerSelector(s)) : '';
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

export function EmbedPlayer({ editable }: { editable: boolean }) {
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
