/* Each thread of a deadlock: what it waits for and who owns that. */
import type { RunResult } from '../../engine/core-types';
import { nameText } from '../../trace/names';
import { namerSelector } from '../../store/traceSelectors';
import { useApp } from '../context';
import { LineLink } from './LineLink';

export function DeadlockTable({ deadlock }: { deadlock: NonNullable<RunResult['deadlock']> }) {
  const names = useApp(namerSelector);
  const named = (s: string) => nameText(s, names);
  return (
    <section className="result-section" data-testid="deadlock" aria-labelledby="deadlock-h">
      <h2 id="deadlock-h">Deadlock</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Thread</th>
            <th scope="col">Waits for</th>
            <th scope="col">Owned by</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {deadlock.threads.map((t, i) => (
            <tr key={i}>
              <td>{named(t.thread)}</td>
              <td>{t.waitingOn === null ? 'nothing' : named(t.waitingOn)}</td>
              <td>{t.ownedBy === null ? 'nobody (not owned)' : named(t.ownedBy)}</td>
              <td>
                <LineLink line={t.line} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
