/* What the core's checkers found along the way (Verifier-style findings). */
import type { RunResult } from '../../engine/core-types';
import { nameText } from '../../trace/names';
import { namerSelector } from '../../store/traceSelectors';
import { useApp } from '../context';
import { LineLink } from './LineLink';

export function FindingsList({ findings }: { findings: RunResult['findings'] }) {
  const names = useApp(namerSelector);
  if (findings.length === 0) return null;
  return (
    <section className="result-section" data-testid="findings" aria-labelledby="findings-h">
      <h2 id="findings-h">Findings</h2>
      <ul className="findings">
        {findings.map((f, i) => (
          <li key={i}>
            <span className="mono">{f.code}</span> <strong>{f.name}</strong>: {nameText(f.message, names)}
            {f.lines.length > 0 && (
              <span className="findings__lines">
                {' — at '}
                {f.lines.map((line, k) => (
                  <span key={line}>
                    {k > 0 && ', '}
                    <LineLink line={line} />
                  </span>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
