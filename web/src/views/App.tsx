/* The page: toolbar, notices, editor beside results, the run's timeline
   beside the inspector below them, and the dialogs. */
import { useEffect } from 'react';
import { handleShortcut } from '../app/commands';
import { EditorPane } from './editor/EditorPane';
import { ExamplesDialog } from './examples/ExamplesDialog';
import { ExportDialog } from './export/ExportDialog';
import { InspectorPanel } from './inspector/InspectorPanel';
import { SplitPane } from './layout/SplitPane';
import { Notices } from './notices/Notices';
import { ResultsPane } from './results/ResultsPane';
import { ReplayBar } from './toolbar/ReplayBar';
import { SharePanel } from './toolbar/SharePanel';
import { TimelinePanel } from './timeline/TimelinePanel';
import { Toolbar } from './toolbar/Toolbar';
import { useActions, useAppStore } from './context';

export function App() {
  const actions = useActions();
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => handleShortcut(e, actions, store.getState());
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, store]);

  return (
    <div className="app">
      <Toolbar />
      <ReplayBar />
      <SharePanel />
      <Notices />
      <main className="app__main">
        <div className="app__top">
          <SplitPane left={<EditorPane />} right={<ResultsPane />} />
        </div>
        <div className="app__dock">
          <TimelinePanel />
          <InspectorPanel />
        </div>
      </main>
      <ExamplesDialog />
      <ExportDialog />
    </div>
  );
}
