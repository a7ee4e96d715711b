/* The outcome of the last run, always on screen. */
import { bannerSelector, outcomeSelector } from '../../store/selectors';
import { useApp } from '../context';

export function OutcomeBanner() {
  const run = useApp((s) => s.run);
  const summary = useApp(bannerSelector);
  const outcome = useApp(outcomeSelector);
  return (
    <div className={`outcome outcome--${summary.tone}`} data-testid="outcome" data-tone={summary.tone} data-outcome={summary !== outcome ? 'manual' : run.status === 'finished' ? run.result.outcome : run.status} role="status" aria-live="polite">
      <div className="outcome__title">{summary.title}</div>
      <div className="outcome__detail">{summary.detail}</div>
      {summary.notes?.map((note) => (
        <div key={note} className="outcome__detail" data-testid="outcome-note">{note}</div>
      ))}
    </div>
  );
}
