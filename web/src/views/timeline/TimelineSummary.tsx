/* The timeline in words, for screen readers and tests: each lane and the
   locks it held. Re-rendered per trace, not per frame. */
import { useApp } from '../context';
import { timelineModelSelector } from '../../store/traceSelectors';
import type { Lane, TimelineModel } from '../../trace/timeline-model';

function holdsOf(model: TimelineModel, lane: Lane): string {
  const count = new Map<number, number>();
  for (const level of lane.holds) {
    for (let i = 0; i < level.length; i++) {
      const fresh = i === 0 || level.object[i] !== level.object[i - 1] || level.start[i] !== level.end[i - 1];
      if (fresh) count.set(level.object[i]!, (count.get(level.object[i]!) ?? 0) + 1);
    }
  }
  return [...count].map(([o, n]) => `${model.names.object(o)} ×${n}`).join(', ');
}

export function TimelineSummary() {
  const model = useApp(timelineModelSelector);
  return (
    <ul className="visually-hidden" data-testid="timeline-summary">
      {model.threadLanes
        .filter((l) => l.thread > 0)
        .map((lane) => (
          <li key={lane.thread} data-lane={lane.label}>
            {lane.label}
            {lane.holds.length > 0 ? `: holds ${holdsOf(model, lane)}` : ''}
          </li>
        ))}
    </ul>
  );
}
