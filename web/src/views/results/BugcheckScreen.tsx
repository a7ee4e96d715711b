/* A bug check as Windows shows it: the stop code, its name, the four
   parameters, and where in the scenario it happened; then what it means in
   one sentence, each parameter by its name, and Microsoft's reference page. */
import type { RunResult } from '../../engine/core-types';
import { explainBugcheck } from '../../trace/bugchecks';
import { LineLink } from './LineLink';

export function BugcheckScreen({ bugcheck }: { bugcheck: NonNullable<RunResult['bugcheck']> }) {
  const params = [0, 1, 2, 3].map((i) => bugcheck.params[i] ?? '0x0000000000000000');
  const why = explainBugcheck(bugcheck.code, params);
  return (
    <section className="bsod" data-testid="bugcheck" aria-label="Bug check">
      <p className="bsod__lead">Your emulated PC ran into a problem and stopped.</p>
      <p className="bsod__name">{why.known ? bugcheck.name : `${why.name} ${bugcheck.code}`}</p>
      <p className="bsod__why" data-testid="bugcheck-sentence">{why.sentence}</p>
      <p className="bsod__stop">
        *** STOP: {bugcheck.code} ({params.join(', ')})
      </p>
      <dl className="bsod__params" data-testid="bugcheck-params">
        {why.params.map((p, i) => (
          <div key={i}>
            <dt>Parameter {i + 1}: {p.name}</dt>
            <dd>{p.value}</dd>
          </div>
        ))}
      </dl>
      <p className="bsod__where">
        In the scenario at <LineLink line={bugcheck.line} />
        {why.url && (
          <>
            {' · '}
            <a href={why.url} target="_blank" rel="noreferrer" data-testid="bugcheck-reference">
              {bugcheck.name} in Microsoft's bug-check reference
            </a>
          </>
        )}
      </p>
    </section>
  );
}
