/* The controls over the timeline: step by event or by choice, jump to the
   next error or wait on the same object, manual scheduling, CPU lanes, and
   the PNG export. Labels and shortcuts come from the command registry. */
import { command } from '../../app/commands';
import { momentEventSelector, momentIndexSelector, traceErrorSelector, viewEventsSelector } from '../../store/traceSelectors';
import { useActions, useApp } from '../context';
import { formatNs } from './paint';

function CommandButton({ name, testId, onClick, disabled }: { name: Parameters<typeof command>[0]; testId?: string; onClick: () => void; disabled?: boolean }) {
  const c = command(name);
  return (
    <button type="button" className="button button--small" data-testid={testId} onClick={onClick} disabled={disabled}
      title={c.shortcut ? `${c.label} (${c.shortcut})` : c.label}>
      {c.label}
    </button>
  );
}

export function TravelBar({ onExportPng, onExportPerfetto, onZoom }: { onExportPng: () => void; onExportPerfetto: () => void; onZoom: (kind: 'in' | 'out' | 'fit') => void }) {
  const actions = useActions();
  const count = useApp((s) => viewEventsSelector(s).length);
  const index = useApp(momentIndexSelector);
  const event = useApp(momentEventSelector);
  const manual = useApp((s) => s.manual);
  const showCpus = useApp((s) => s.showCpus);
  const setShowCpus = useApp((s) => s.setShowCpus);
  const error = useApp(traceErrorSelector);
  const dockOpen = useApp((s) => s.dockOpen);
  const setDockOpen = useApp((s) => s.setDockOpen);
  const none = count === 0;
  return (
    <div className="travel-bar" role="toolbar" aria-label="Time travel">
      <CommandButton name="stepBack" testId="step-back" onClick={() => actions.step(-1)} disabled={none || index <= 0} />
      <CommandButton name="stepForward" testId="step-forward" onClick={() => actions.step(1)} disabled={none || index >= count - 1} />
      <CommandButton name="prevChoice" onClick={() => actions.stepChoice(-1)} disabled={none} />
      <CommandButton name="nextChoice" onClick={() => actions.stepChoice(1)} disabled={none} />
      <CommandButton name="prevError" testId="prev-error" onClick={() => actions.jumpToError(-1)} disabled={none} />
      <CommandButton name="nextError" testId="next-error" onClick={() => actions.jumpToError(1)} disabled={none} />
      <button type="button" className="button button--small" onClick={() => actions.jumpToWaitOnObject(1)} disabled={none || !event?.object}
        title="The next wait on the object of the selected event">
        Next wait on it
      </button>
      <span className="travel-bar__where mono" data-testid="moment-position" aria-live="polite">
        {error ? `The trace could not be read: ${error}` : none ? 'No trace yet' : `Event ${index + 1} of ${count} · ${event?.kind ?? ''} · ${formatNs(event?.timeNs ?? 0)}`}
      </span>
      <span className="travel-bar__end">
        <label className="toggle">
          <input type="checkbox" checked={showCpus} onChange={(e) => setShowCpus(e.target.checked)} /> CPU lanes
        </label>
        <label className="toggle" title="Pick which thread moves at each choice point">
          <input type="checkbox" data-testid="manual" checked={manual} onChange={(e) => actions.setManual(e.target.checked)} /> Manual
        </label>
        <span className="zoom-buttons" role="group" aria-label="Zoom the timeline">
          <button type="button" className="button button--small" onClick={() => onZoom('in')} disabled={none} data-testid="zoom-in" aria-label="Zoom in" title="Zoom in (W)">+</button>
          <button type="button" className="button button--small" onClick={() => onZoom('out')} disabled={none} data-testid="zoom-out" aria-label="Zoom out" title="Zoom out (S)">−</button>
          <button type="button" className="button button--small" onClick={() => onZoom('fit')} disabled={none} data-testid="zoom-fit" title="Fit the whole run (0)">Fit</button>
        </span>
        <button type="button" className="button button--small" onClick={onExportPng} disabled={none} data-testid="export-png">
          PNG
        </button>
        <button type="button" className="button button--small" data-testid="dock-toggle" aria-expanded={dockOpen} onClick={() => setDockOpen(!dockOpen)}
          title={dockOpen ? 'Fold the timeline and inspector to these controls' : 'Show the timeline and inspector'}>
          {dockOpen ? 'Fold' : 'Show timeline'}
        </button>
        <button type="button" className="button button--small" onClick={onExportPerfetto} disabled={none} data-testid="export-perfetto"
          title="The trace as Chrome Trace Event JSON, for ui.perfetto.dev">
          Perfetto
        </button>
      </span>
    </div>
  );
}
