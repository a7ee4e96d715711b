/* The right-hand side: outcome, what went wrong, console, leaks, findings,
   problems. */
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
  return (
    <section id="results" tabIndex={-1} className={`results${stale ? ' results--stale' : ''}`} aria-label="Results">
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
