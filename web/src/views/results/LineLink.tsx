/* A line number that shows the line in the editor. A result made from an
   earlier version of the source points at where that line is now; a line
   changed or removed since is shown, but not linked. The lines are the run's
   unless `map` says where lines of another result's source are now (an
   exploration's). */
import type { LineMap } from '../../store/lineMap';
import { lineMapSelector } from '../../store/selectors';
import { useApp } from '../context';

export function LineLink({ line, map }: { line: number; map?: LineMap }) {
  const reveal = useApp((s) => s.revealLine);
  const now = useApp((s) => (map ?? lineMapSelector(s))(line));
  if (line <= 0) return <span className="muted">—</span>;
  if (now === null) {
    return (
      <span className="line-link line-link--gone" data-testid="line-gone" title={`Line ${line} has been changed or removed since this run`}>
        line {line} (changed since)
      </span>
    );
  }
  return (
    <button type="button" className="line-link" onClick={() => reveal(now)} aria-label={`Show line ${now} in the editor`}>
      line {now}
    </button>
  );
}
