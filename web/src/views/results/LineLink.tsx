/* A line number that shows the line in the editor. */
import { useApp } from '../context';

export function LineLink({ line }: { line: number }) {
  const reveal = useApp((s) => s.revealLine);
  if (line <= 0) return <span className="muted">—</span>;
  return (
    <button type="button" className="line-link" onClick={() => reveal(line)} aria-label={`Show line ${line} in the editor`}>
      line {line}
    </button>
  );
}
