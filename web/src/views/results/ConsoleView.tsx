/* DbgPrint output of the last run, as plain text. */
import { consoleSelector, MAX_CONSOLE_PRINTS } from '../../store/selectors';
import { useApp } from '../context';

export function ConsoleView() {
  const { text, dropped } = useApp(consoleSelector);
  return (
    <section className="result-section console-section" aria-labelledby="console-h">
      <h2 id="console-h">Console</h2>
      {dropped > 0 && <p className="muted">The first {dropped} prints are not shown (the last {MAX_CONSOLE_PRINTS} are).</p>}
      <pre className="console" data-testid="console" tabIndex={0} aria-label="DbgPrint output">
        {text === null ? 'Output of DbgPrint appears here.' : text || '(no DbgPrint output)'}
      </pre>
    </section>
  );
}
