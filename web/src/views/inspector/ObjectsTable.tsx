/* Every object at the moment: type, owner, recursion, waiters in order, signal state. */
import type { ObjectView } from '../../trace/moment';
import type { Namer } from '../../trace/names';

export function ObjectsTable({ objects, names }: { objects: ObjectView[]; names: Namer }) {
  const threadName = names.thread;
  const shown = objects.filter((o) => o.type !== 'KTHREAD' || o.waiters.length > 0);
  return (
    <section className="inspector__section" data-testid="inspector-objects">
      <h3>Objects</h3>
      <table className="table">
        <thead>
          <tr><th>Object</th><th>Owner</th><th>Recursion</th><th>Waiters</th><th>Signal</th></tr>
        </thead>
        <tbody>
          {shown.map((o) => (
            <tr key={o.id}>
              <td>{names.objectVariable(o.id) ? names.object(o.id) : `${o.type} #${o.id}`}</td>
              <td>{o.owner ? threadName(o.owner) : o.sharedOwners.length ? `${o.sharedOwners.map(threadName).join(', ')} (shared)` : '—'}</td>
              <td>{o.owner ? o.recursion : '—'}</td>
              <td>{o.waiters.map(threadName).join(' → ') || '—'}</td>
              <td>{o.signal ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
