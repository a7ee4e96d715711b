/* A bug check as Windows shows it: the stop code, its name, the four
   parameters, and where in the scenario it happened. */
import type { RunResult } from '../../engine/core-types';
import { LineLink } from './LineLink';

export function BugcheckScreen({ bugcheck }: { bugcheck: NonNullable<RunResult['bugcheck']> }) {
  const params = [0, 1, 2, 3].map((i) => bugcheck.params[i] ?? '0x0000000000000000');
  return (
    <section className="bsod" data-testid="bugcheck" aria-label="Bug check">
      <p className="bsod__lead">Your emulated PC ran into a problem and stopped.</p>
      <p className="bsod__name">{bugcheck.name}</p>
      <p className="bsod__stop">
        *** STOP: {bugcheck.code} ({params.join(', ')})
      </p>
      <dl className="bsod__params">
        {params.map((p, i) => (
          <div key={i}>
            <dt>Parameter {i + 1}</dt>
            <dd>{p}</dd>
          </div>
        ))}
      </dl>
      <p className="bsod__where">
        In the scenario at <LineLink line={bugcheck.line} />
      </p>
    </section>
  );
}
