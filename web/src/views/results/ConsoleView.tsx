/* DbgPrint output of the last run, as plain text. */
import type { RunResult } from '../../engine/core-types';

const MAX_LINES = 5000;

export function ConsoleView({ result }: { result: RunResult | null }) {
  const prints = result?.prints ?? [];
  const shown = prints.length > MAX_LINES ? prints.slice(-MAX_LINES) : prints;
  const text = shown.join('');
  return (
    <section className="result-section console-section" aria-labelledby="console-h">
      <h2 id="console-h">Console</h2>
      {prints.length > MAX_LINES && <p className="muted">Showing the last {MAX_LINES} of {prints.length} prints.</p>}
      <pre className="console" data-testid="console" tabIndex={0} aria-label="DbgPrint output">
        {result ? text || '(no DbgPrint output)' : 'Output of DbgPrint appears here.'}
      </pre>
    </section>
  );
}
