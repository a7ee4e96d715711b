/* Results belong to the code that made them: once the source or the
   settings change, what is shown is marked as from an earlier version. */
import { staleSelector } from '../../store/selectors';
import { useActions, useApp } from '../context';

export function StaleNotice({ what }: { what: string }) {
  const stale = useApp(staleSelector);
  const actions = useActions();
  if (!stale) return null;
  return (
    <p className="stale" data-testid="stale" role="status">
      {what} from an earlier version {stale === 'source' ? 'of the code' : 'of the settings'} —{' '}
      <button type="button" className="button button--small" onClick={() => actions.run()}>
        Run again
      </button>
    </p>
  );
}
