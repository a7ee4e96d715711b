/* The editor area: Monaco loaded lazily, with the source shown as plain text
   until it arrives, so the page is never blank. */
import { lazy, Suspense, useMemo } from 'react';
import { useActions, useApp } from '../context';
import { highlightsSelector } from '../../store/selectors';
import { exploreMarks } from '../explore/marks';
import { useExplore } from '../explore/useExplore';
import { ReplayBar } from '../toolbar/ReplayBar';

const MonacoEditor = lazy(() => import('./MonacoEditor'));

export function EditorPane() {
  const source = useApp((s) => s.source);
  const diagnostics = useApp((s) => s.diagnostics);
  const runHighlights = useApp(highlightsSelector);
  /* an exploration's races and deadlocks, beside the run's marks */
  const explored = useExplore((s) => s.result);
  const exploredSource = useExplore((s) => s.source);
  const marks = useMemo(() => (explored && exploredSource !== null ? exploreMarks(explored, exploredSource, source) : []),
    [explored, exploredSource, source]);
  const highlights = useMemo(() => (marks.length ? [...runHighlights, ...marks] : runHighlights), [runHighlights, marks]);
  const reveal = useApp((s) => s.reveal);
  const theme = useApp((s) => s.theme);
  const setSource = useApp((s) => s.setSource);
  const actions = useActions();
  return (
    <section className="editor-wrap" aria-label="Scenario editor">
    <div className="editor-pane" data-testid="editor">
      <Suspense fallback={<pre className="editor-fallback" aria-busy="true">{source}</pre>}>
        <MonacoEditor
          value={source}
          onChange={setSource}
          diagnostics={diagnostics}
          highlights={highlights}
          reveal={reveal}
          theme={theme}
          onRun={actions.run}
        />
      </Suspense>
    </div>
    {/* one row of fixed height under the editor: the way out of it, and the replay's chips, which
        come and go there without moving the editor (issue 14, point 5) */}
    <div className="editor-foot">
      <p className="editor-hint" data-testid="editor-hint"><kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the editor · <kbd>Ctrl+Enter</kbd> runs</p>
      <ReplayBar />
    </div>
    </section>
  );
}
