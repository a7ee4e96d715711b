/* Every thread at the moment: state, CPU, IRQL, what it holds and waits for. */
import type { ThreadView } from '../../trace/moment';
import { irqlName, type Namer } from '../../trace/names';

export function ThreadsTable({ threads, names }: { threads: ThreadView[]; names: Namer }) {
  const name = names.object;
  return (
    <section className="inspector__section" data-testid="inspector-threads">
      <h3>Threads</h3>
      <table className="table">
        <thead>
          <tr><th>Thread</th><th>State</th><th>CPU</th><th>IRQL</th><th>Holds</th><th>Waits for</th></tr>
        </thead>
        <tbody>
          {threads.map((t) => (
            <tr key={t.id} className={`state--${t.state}`}>
              <td>{names.thread(t.id)}</td>
              <td>{t.state}</td>
              <td>{t.cpu ?? '—'}</td>
              <td>{irqlName(t.irql)}</td>
              <td>{t.holds.map((h) => `${name(h.object)}${h.depth > 1 ? ` ×${h.depth}` : ''}${h.shared ? ' (shared)' : ''}`).join(', ') || '—'}</td>
              <td>{[...t.waitingOn, ...(t.spinningOn ? [t.spinningOn] : [])].map(name).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
