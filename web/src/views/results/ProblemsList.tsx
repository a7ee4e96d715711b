/* Diagnostics of the scenario as the checker sees it now. */
import { SCENARIO_FILE } from '../../engine/protocol';
import { useApp } from '../context';
import { LineLink } from './LineLink';

export function ProblemsList() {
  const diagnostics = useApp((s) => s.diagnostics);
  const checkError = useApp((s) => s.checkError);
  return (
    <section className="result-section" data-testid="problems" aria-labelledby="problems-h">
      <h2 id="problems-h">Problems {diagnostics.length > 0 && <span className="count">{diagnostics.length}</span>}</h2>
      {checkError && <p className="notice notice--warning">The checker is unavailable: {checkError}</p>}
      {!checkError && diagnostics.length === 0 && <p className="muted">No problems.</p>}
      <ul className="problems">
        {diagnostics.map((d, i) => (
          <li key={i} className={`problem problem--${d.severity}`} data-testid="problem">
            <span className="problem__severity">{d.severity}</span>{' '}
            {d.file === SCENARIO_FILE ? <LineLink line={d.line} /> : <span className="mono">{d.file}:{d.line}</span>}:{d.col} {d.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
