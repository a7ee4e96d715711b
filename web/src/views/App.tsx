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
import { SharePanel } from './toolbar/SharePanel';
import { TimelinePanel } from './timeline/TimelinePanel';
import { Toolbar } from './toolbar/Toolbar';
import { useActions, useApp, useAppStore } from './context';

/* The timeline and inspector dock: shown, or folded to its controls so that a
   short window (1280×720) keeps 25 lines of editor. Remembered in this browser. */
const DOCK_KEY = 'wdkm-playground-dock';
function initialDock(): boolean {
  try {
    const saved = localStorage.getItem(DOCK_KEY);
    if (saved === 'open' || saved === 'folded') return saved === 'open';
  } catch { /* storage refused: the default */ }
  return window.innerHeight >= 740;
}

export function App() {
  const actions = useActions();
  const store = useAppStore();
  const dockOpen = useApp((s) => s.dockOpen);
  useEffect(() => {
    store.getState().setDockOpen(initialDock());
    return store.subscribe((s, prev) => {
      if (s.dockOpen === prev.dockOpen) return;
      try { localStorage.setItem(DOCK_KEY, s.dockOpen ? 'open' : 'folded'); } catch { /* not remembered */ }
    });
  }, [store]);
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
      <SharePanel />
      <Notices />
      <main className="app__main">
        <div className="app__top">
          <SplitPane left={<EditorPane />} right={<ResultsPane />} />
        </div>
        <div className={`app__dock${dockOpen ? '' : ' app__dock--folded'}`} data-testid="dock">
          <TimelinePanel />
          <InspectorPanel />
        </div>
      </main>
      <ExamplesDialog />
      <ExportDialog />
    </div>
  );
}
