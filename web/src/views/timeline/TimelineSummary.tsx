/* The timeline in words, for screen readers and tests: each lane and the
   locks it held. Re-rendered per trace, not per frame. */
import { useApp } from '../context';
import { timelineModelSelector } from '../../store/traceSelectors';
import { isSharedHold, type Lane, type TimelineModel } from '../../trace/timeline-model';

/* Each lock's holds counted, shared ones (an ERESOURCE's readers) apart. */
function holdsOf(model: TimelineModel, lane: Lane): string {
  const count = new Map<string, { object: number; shared: boolean; n: number }>();
  for (const level of lane.holds) {
    for (let i = 0; i < level.length; i++) {
      const fresh = i === 0 || level.object[i] !== level.object[i - 1] || level.start[i] !== level.end[i - 1];
      if (!fresh) continue;
      const object = level.object[i]!;
      const shared = isSharedHold(level.value[i]!);
      const key = `${object}${shared ? 's' : ''}`;
      const c = count.get(key) ?? { object, shared, n: 0 };
      c.n++;
      count.set(key, c);
    }
  }
  return [...count.values()].map((c) => `${model.names.object(c.object)} ×${c.n}${c.shared ? ' shared' : ''}`).join(', ');
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
