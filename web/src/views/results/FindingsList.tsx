/* What the core's checkers found along the way (Verifier-style findings). */
import type { RunResult } from '../../engine/core-types';
import { LineLink } from './LineLink';

export function FindingsList({ findings }: { findings: RunResult['findings'] }) {
  if (findings.length === 0) return null;
  return (
    <section className="result-section" data-testid="findings" aria-labelledby="findings-h">
      <h2 id="findings-h">Findings</h2>
      <ul className="findings">
        {findings.map((f, i) => (
          <li key={i}>
            <span className="mono">{f.code}</span> <strong>{f.name}</strong>: {f.message}{' '}
            {f.lines.map((line) => (
              <LineLink key={line} line={line} />
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
