/* Manual scheduling: the pending choice point's threads, the ones that can
   move as buttons, the others disabled with the reason, and undo. */
import { manualChoiceSelector, namerSelector } from '../../store/traceSelectors';
import { outcomeSelector } from '../../store/selectors';
import { useActions, useApp } from '../context';

export function ManualPanel() {
  const actions = useActions();
  const manual = useApp((s) => s.manual);
  const picks = useApp((s) => s.schedule);
  const choice = useApp(manualChoiceSelector);
  const running = useApp((s) => s.run.status === 'running');
  const outcome = useApp(outcomeSelector);
  const threadName = useApp(namerSelector).thread;
  if (!manual) return null;
  return (
    <div className="manual-panel" data-testid="manual-panel" aria-label="Manual scheduling">
      <strong>Manual</strong>
      <span className="muted">{picks?.length ?? 0} picks</span>
      {/* before the chips, which may run past the right edge: always in reach */}
      <button type="button" className="button button--small" data-testid="undo-pick" onClick={actions.undoPick} disabled={running || !picks?.length}>
        Undo
      </button>
      {running && <span className="muted">running…</span>}
      {!running && choice && (
        <>
          <span>Choice {choice.choice}: who moves?</span>
          {choice.options.map((o) => (
            <button key={o.thread} type="button" className="button button--small" data-testid={`pick-${o.thread}`}
              disabled={!o.enabled} title={o.reason ?? `Let ${threadName(o.thread)} take its next step${o.line > 0 ? `: line ${o.line}${o.statement ? `, ${o.statement}` : ''}` : ''}`}
              onClick={() => actions.pick(o.thread)}>
              {threadName(o.thread)}
              {o.line > 0 && (
                <span className="manual-panel__next" data-testid={`pick-${o.thread}-next`}>
                  {' '}line {o.line}{o.statement && <>: <code>{o.statement}</code></>}
                </span>
              )}
              {o.reason && <span className="manual-panel__reason"> ({o.reason})</span>}
            </button>
          ))}
        </>
      )}
      {!running && !choice && <span data-testid="manual-done">No choice left: {outcome.title}</span>}
    </div>
  );
}
