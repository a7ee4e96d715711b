/* The outcome of the last run, always on screen. On a phone its height is
   fixed (a title line and two lines of detail, the rest ellipsized and whole
   in its tooltip), so a new outcome never moves the page below it. */
import { bannerSelector, outcomeSelector } from '../../store/selectors';
import { useApp } from '../context';

export function OutcomeBanner() {
  const run = useApp((s) => s.run);
  const summary = useApp(bannerSelector);
  const outcome = useApp(outcomeSelector);
  return (
    <div className={`outcome outcome--${summary.tone}`} data-testid="outcome" data-tone={summary.tone} data-outcome={summary !== outcome ? 'manual' : run.status === 'finished' ? run.result.outcome : run.status} role="status" aria-live="polite"
      title={[summary.title, summary.detail, ...(summary.notes ?? [])].join('\n')}>
      <div className="outcome__title">{summary.title}</div>
      <div className="outcome__details">
        <span className="outcome__detail">{summary.detail}</span>
        {summary.notes?.map((note) => (
          <span key={note} className="outcome__detail" data-testid="outcome-note"> {note}</span>
        ))}
      </div>
    </div>
  );
}
