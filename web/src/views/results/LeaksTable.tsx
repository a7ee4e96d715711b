/* Pool still allocated when the driver unloaded, as Driver Verifier reports it. */
import type { RunResult } from '../../engine/core-types';
import { LineLink } from './LineLink';

export function LeaksTable({ leaks }: { leaks: RunResult['leaks'] }) {
  if (leaks.length === 0) return null;
  const total = leaks.reduce((n, l) => n + l.bytes, 0);
  return (
    <section className="result-section" data-testid="leaks" aria-labelledby="leaks-h">
      <h2 id="leaks-h">
        Leaked pool: {leaks.length} allocation{leaks.length === 1 ? '' : 's'}, {total} bytes
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col" className="num">Bytes</th>
            <th scope="col">Allocated at</th>
          </tr>
        </thead>
        <tbody>
          {leaks.map((l, i) => (
            <tr key={i}>
              <td className="mono">{l.tag}</td>
              <td className="num">{l.bytes}</td>
              <td>
                <LineLink line={l.line} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
