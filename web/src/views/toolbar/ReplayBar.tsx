/* What a run will replay, when a link or the explorer set it: the recorded
   schedule and the selected moment, each of which can be dropped. */
import { useApp } from '../context';

export function ReplayBar() {
  const schedule = useApp((s) => s.schedule);
  const setSchedule = useApp((s) => s.setSchedule);
  const moment = useApp((s) => s.moment);
  const setMoment = useApp((s) => s.setMoment);
  if (!schedule && moment === null) return null;
  return (
    <div className="replay-bar" role="group" aria-label="Replay">
      {schedule && (
        <span className="chip" data-testid="schedule">
          Replaying {schedule.length} choices
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
