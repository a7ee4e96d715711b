/* Results belong to the code that made them: once the source or the
   settings change, what is shown is marked as from an earlier version. */
import { staleSelector } from '../../store/selectors';
import { useActions, useApp } from '../context';

export function StaleNotice({ what, overlay = false }: { what: string; overlay?: boolean }) {
  const stale = useApp(staleSelector);
  const actions = useActions();
  if (!stale) return null;
  return (
    <p className={overlay ? 'stale stale--overlay' : 'stale'} data-testid="stale" role="status">
      {what} from an earlier version {stale === 'source' ? 'of the code' : 'of the settings'} —{' '}
      <button type="button" className="button button--small" onClick={() => actions.run()}>
        Run again
      </button>
    </p>
  );
}
