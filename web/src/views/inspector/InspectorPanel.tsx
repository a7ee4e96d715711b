/* The machine at the selected moment: threads, objects, pool by tag and the
   wait-for graph, all derived from the trace up to that event. */
import { describeEvent } from '../../trace/describe';
import { momentEventSelector, momentIndexSelector, momentStateSelector, namerSelector } from '../../store/traceSelectors';
import { useApp } from '../context';
import { LineLink } from '../results/LineLink';
import { ObjectsTable } from './ObjectsTable';
import { PoolTable } from './PoolTable';
import { ThreadsTable } from './ThreadsTable';
import { WaitForGraphView } from './WaitForGraphView';

export function InspectorPanel() {
  const index = useApp(momentIndexSelector);
  const event = useApp(momentEventSelector);
  const state = useApp(momentStateSelector);
  const names = useApp(namerSelector);
  if (!event) {
    return (
      <section className="inspector" data-testid="inspector" aria-label="Inspector">
        <p className="muted">Run the scenario to inspect its threads and objects at any moment.</p>
      </section>
    );
  }
  return (
    <section className="inspector" data-testid="inspector" aria-label="Inspector">
      <h2 className="inspector__moment" data-testid="inspector-moment">
        {/* the line only as a link, which follows edits like every line link */}
        Event {index + 1}: {describeEvent(event, names, { withoutLine: true })}
        {event.line > 0 && <> · <LineLink line={event.line} /></>}
      </h2>
      <ThreadsTable threads={state.threads} names={names} />
      <WaitForGraphView />
      <ObjectsTable objects={state.objects} names={names} />
      <PoolTable pool={state.pool} />
    </section>
  );
}
