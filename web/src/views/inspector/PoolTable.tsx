/* Live pool at the moment, by tag. */
import type { PoolTagView } from '../../trace/moment';

export function PoolTable({ pool }: { pool: PoolTagView[] }) {
  return (
    <section className="inspector__section" data-testid="inspector-pool">
      <h3>Pool</h3>
      {pool.length === 0 ? (
        <p className="muted">No live blocks.</p>
      ) : (
        <table className="table">
          <thead>
            <tr><th>Tag</th><th>Blocks</th><th>Bytes</th></tr>
          </thead>
          <tbody>
            {pool.map((p) => (
              <tr key={p.tag}><td className="mono">{p.tag}</td><td>{p.blocks}</td><td>{p.bytes}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
