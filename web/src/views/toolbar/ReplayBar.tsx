/* What a run will replay, when a link or the explorer set it: the recorded
   schedule and the selected moment, each of which can be dropped. It sits in
   the row under the editor (EditorPane.tsx), beside the hint. */
import { scheduleFitSelector, type ScheduleFit } from '../../store/selectors';
import { useApp } from '../context';

function fitText(fit: ScheduleFit | null): string {
  switch (fit?.kind) {
    case 'fits': return ': it fits this code';
    case 'diverged': return `: it no longer fits this code; the last run ran freely from choice ${fit.from + 1}`;
    case 'changed': return `: the ${fit.what} changed since the last run, so the next run replays it as far as it fits, then runs freely`;
    default: return '';
  }
}

export function ReplayBar() {
  const schedule = useApp((s) => s.schedule);
  const setSchedule = useApp((s) => s.setSchedule);
  const moment = useApp((s) => s.moment);
  const fit = useApp(scheduleFitSelector);
  const setMoment = useApp((s) => s.setMoment);
  if (!schedule && moment === null) return null;
  return (
    <div className="replay-bar" role="group" aria-label="Replay">
      {schedule && (
        <span className="chip chip--fit" data-testid="schedule" title={`Replaying ${schedule.length} choices${fitText(fit)}`}>
          <span className="chip__text" data-testid="schedule-fit">Replaying {schedule.length} choices{fitText(fit)}</span>
          <button type="button" className="chip__close" aria-label="Forget the recorded schedule" onClick={() => setSchedule(null)}>
            ×
          </button>
        </span>
      )}
      {moment !== null && (
        <span className="chip" data-testid="moment">
          At event {moment + 1}
          <button type="button" className="chip__close" aria-label="Forget the selected moment" onClick={() => setMoment(null)}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}
