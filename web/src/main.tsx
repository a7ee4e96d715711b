/* Start-up: the store, the engine, the actions, persistence and effects,
   then the React tree. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActions, isUntouchedText } from './app/actions';
import { boot, persistOnChange } from './app/boot';
import { applyTheme, dropStaleShareLink, engineFaultNotice, landOnFirstError, liveCheck, revealOnRunEnd, runWatchdog } from './app/effects';
import { installTestHook } from './app/testHook';
import { isLearnHash } from './learn/route';
import { EngineClient } from './engine/client';
import { spawnEngineWorker } from './engine/spawn';
import { compileCore } from './engine/core-wasm';
import { createAppStore } from './store';
import { saveWorkspace, workspaceOf } from './store/persistence';
import { App } from './views/App';
import { AppProvider } from './views/context';
import { ErrorBoundary } from './views/ErrorBoundary';
import './views/styles.css';

const store = createAppStore();
const engine = new EngineClient(spawnEngineWorker, (lane, message) => engineFaultNotice(store, lane, message), undefined, compileCore);
/* the core's WebAssembly compiles while the page (and Monaco) loads */
engine.warmUp();
const baseUrl = () => `${location.origin}${location.pathname}${location.search}`;
const actions = createActions(store, engine, baseUrl);

async function start(): Promise<void> {
  const opened = await boot(store, {
    storage: localStorage,
    fragment: location.hash,
    clearFragment: () => history.replaceState(null, '', baseUrl()),
    prefersDark: matchMedia('(prefers-color-scheme: dark)').matches,
    isUntouched: isUntouchedText,
  });
  saveWorkspace(localStorage, workspaceOf(store.getState()));
  persistOnChange(store, localStorage, () =>
    store.getState().pushNotice({ tone: 'warning', text: 'This browser refused to save your work; copy it or share a link to keep it.' }),
  );
  applyTheme(store, document.documentElement);
  liveCheck(store, actions);
  runWatchdog(store, actions);
  revealOnRunEnd(store);
  landOnFirstError(store);
  dropStaleShareLink(store);
  // The e2e tests' hook is only in builds made for them (playwright.config.ts), never in production.
  if (import.meta.env.VITE_WDKM_TEST_HOOK === '1') installTestHook(store, engine, window);
  /* a share link shows its result: the run is deterministic */
  if (opened) actions.run();
  window.addEventListener('hashchange', () => {
    if (location.hash.length > 1) location.reload();
  });

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary>
        <AppProvider store={store} actions={actions}>
          <App />
        </AppProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}

/* #/learn is the course (web/src/learn/), loaded on its own */
if (isLearnHash(location.hash)) void import('./learn/view/start').then((m) => m.startLearn());
else void start();
