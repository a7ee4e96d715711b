/* Start-up of the Learn view: the playground's store, engine and actions,
   without its saved workspace (a lesson never overwrites the player's own
   work in the playground), then the course. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActions } from '../../app/actions';
import { applyTheme, engineFaultNotice, liveCheck, revealOnRunEnd, runWatchdog } from '../../app/effects';
import { installTestHook } from '../../app/testHook';
import { EngineClient } from '../../engine/client';
import { spawnEngineWorker } from '../../engine/spawn';
import { compileCore } from '../../engine/core-wasm';
import { createAppStore } from '../../store';
import { AppProvider } from '../../views/context';
import { ErrorBoundary } from '../../views/ErrorBoundary';
import { engineGradeDeps } from '../engineDeps';
import { isLearnHash } from '../route';
import { LearnApp } from './LearnApp';
import '../../views/styles.css';

export function startLearn(): void {
  const store = createAppStore();
  const engine = new EngineClient(spawnEngineWorker, (lane, message) => engineFaultNotice(store, lane, message), undefined, compileCore);
  engine.warmUp();
  const actions = createActions(store, engine, () => `${location.origin}${location.pathname}${location.search}`);
  store.getState().setTheme(matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  applyTheme(store, document.documentElement);
  liveCheck(store, actions);
  runWatchdog(store, actions);
  revealOnRunEnd(store);
  // The e2e tests' hook is only in builds made for them (playwright.config.ts), never in production.
  if (import.meta.env.VITE_WDKM_TEST_HOOK === '1') installTestHook(store, engine, window);
  /* leaving the course for the playground (or a share link) starts the playground */
  window.addEventListener('hashchange', () => {
    if (!isLearnHash(location.hash)) location.reload();
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary>
        <AppProvider store={store} actions={actions}>
          <LearnApp deps={engineGradeDeps(engine)} />
        </AppProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}
