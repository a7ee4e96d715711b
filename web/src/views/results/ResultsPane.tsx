/* The right-hand side: outcome, what went wrong, console, leaks, findings,
   problems. */
import { useLayoutEffect, useRef } from 'react';
import { runResultSelector } from '../../store/selectors';
import { useApp } from '../context';
import { ExplorePanel } from '../explore/ExplorePanel';
import { BugcheckScreen } from './BugcheckScreen';
import { ConsoleView } from './ConsoleView';
import { DeadlockTable } from './DeadlockTable';
import { FindingsList } from './FindingsList';
import { LeaksTable } from './LeaksTable';
import { LineLink } from './LineLink';
import { OutcomeBanner } from './OutcomeBanner';
import { ProblemsList } from './ProblemsList';
import { StaleNotice } from './StaleNotice';
import { staleSelector } from '../../store/selectors';

export function ResultsPane() {
  const result = useApp(runResultSelector);
  const stale = useApp(staleSelector) !== null;
  const running = useApp((s) => s.run.status === 'running');
  /* While a run is in flight the results keep the height they had, so that
     on a phone, where they push the timeline down, a re-run (each manual
     pick, an undo) does not move the page by emptying them for a moment. */
  const ref = useRef<HTMLElement>(null);
  const height = useRef(0);
  useLayoutEffect(() => {
    if (!running && ref.current) height.current = ref.current.offsetHeight;
  });
  return (
    <section id="results" ref={ref} tabIndex={-1} className={`results${stale ? ' results--stale' : ''}`} aria-label="Results"
      style={running && height.current ? { minHeight: height.current } : undefined}>
      <OutcomeBanner />
      <StaleNotice what="These results are" />
      <div className="results__body">
        <ExplorePanel />
        {result?.bugcheck && <BugcheckScreen bugcheck={result.bugcheck} />}
        {result?.deadlock && <DeadlockTable deadlock={result.deadlock} />}
        {result?.assertion && (
          <section className="result-section" data-testid="assertion">
            <h2>Assertion failed</h2>
            <p>
              <code>{result.assertion.expression}</code> at <LineLink line={result.assertion.line} />
            </p>
          </section>
        )}
        <ConsoleView />
        {result && <LeaksTable leaks={result.leaks} />}
        {result && <FindingsList findings={result.findings} />}
        <ProblemsList />
      </div>
    </section>
  );
}
