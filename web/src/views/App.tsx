/* The page: toolbar, notices, editor beside results, the run's timeline
   beside the inspector below them, and the dialogs. */
import { useEffect, useState } from 'react';
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

/* The timeline and inspector dock: shown, or folded to its controls so that a
   short window (1280×720) keeps 25 lines of editor. Remembered in this browser. */
const DOCK_KEY = 'wdkm-playground-dock';
function useDock(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => {
    try {
      const saved = localStorage.getItem(DOCK_KEY);
      if (saved === 'open' || saved === 'folded') return saved === 'open';
    } catch { /* storage refused: the default */ }
    return window.innerHeight >= 740;
  });
  const set = (next: boolean) => {
    setOpen(next);
    try { localStorage.setItem(DOCK_KEY, next ? 'open' : 'folded'); } catch { /* not remembered */ }
  };
  return [open, set];
}

export function App() {
  const [dockOpen, setDockOpen] = useDock();
  const actions = useActions();
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => handleShortcut(e, actions, store.getState());
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, store]);

  return (
    <div className="app">
      {/* focuses the results without touching the URL (a fragment is a share link here) */}
      <a className="skip-link" href="#results" data-testid="skip-link"
        onClick={(e) => { e.preventDefault(); document.getElementById('results')?.focus(); }}>Skip to the results</a>
      <Toolbar />
      <ReplayBar />
      <SharePanel />
      <Notices />
      <main className="app__main">
        <div className="app__top">
          <SplitPane left={<EditorPane />} right={<ResultsPane />} />
        </div>
        <div className={`app__dock${dockOpen ? '' : ' app__dock--folded'}`} data-testid="dock">
          <button type="button" className="button button--small dock-toggle" data-testid="dock-toggle" aria-expanded={dockOpen}
            onClick={() => setDockOpen(!dockOpen)}>
            {dockOpen ? 'Fold the timeline' : 'Show the timeline and inspector'}
          </button>
          <TimelinePanel />
          <InspectorPanel />
        </div>
      </main>
      <ExamplesDialog />
      <ExportDialog />
    </div>
  );
}
