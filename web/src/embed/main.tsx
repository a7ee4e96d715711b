/* embed.html: the embeddable player (docs/lessons.md, "Embedding"). A page of
   its own, without the playground's saved work, Monaco only when editable,
   and its height posted to the parent page whenever it changes. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActions } from '../app/actions';
import { applyTheme, engineFaultNotice } from '../app/effects';
import { installTestHook } from '../app/testHook';
import { EngineClient } from '../engine/client';
import { spawnEngineWorker } from '../engine/spawn';
import { compileCore } from '../engine/core-wasm';
import { decodeShare } from '../share/codec';
import { createAppStore } from '../store';
import { AppProvider } from '../views/context';
import { ErrorBoundary } from '../views/ErrorBoundary';
import { exploreInWorker } from '../learn/explore-client';
import { EmbedPlayer } from './EmbedPlayer';
import { heightMessage, parseEmbedParams } from './params';
import '../views/styles.css';
import './embed.css';

async function start(): Promise<void> {
  const params = parseEmbedParams(location.search, location.hash);
  const store = createAppStore();
  const engine = new EngineClient(spawnEngineWorker, (lane, message) => engineFaultNotice(store, lane, message), undefined, compileCore);
  engine.warmUp();
  const actions = createActions(store, engine, () => `${location.origin}${location.pathname}`);
  const s = store.getState();
  s.setTheme(matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  applyTheme(store, document.documentElement);
  let problem: string | null = null;
  if (params.fragment) {
    try {
      const shared = await decodeShare(params.fragment);
      s.setSource(shared.source);
      s.updateSettings({ cpus: shared.cpus, policy: shared.policy, seed: shared.seed, budget: shared.budget });
      s.setSchedule(shared.schedule);
      s.setManual(shared.manual);
    } catch (e) {
      problem = (e as Error).message;
    }
  } else if (params.lesson) {
    const { COURSE } = await import('../learn/course');
    const lesson = COURSE.find((l) => l.id === params.lesson);
    if (lesson) {
      s.setSource(lesson.kind === 'predict' ? lesson.sources.scenario ?? '' : lesson.sources.start);
      const { schedule: _none, ...settings } = lesson.settings;
      s.updateSettings(settings);
    } else {
      problem = `There is no lesson “${params.lesson}”.`;
    }
  } else {
    problem = 'Nothing to show: give a share link fragment (embed.html#v2.…) or a lesson (embed.html?lesson=ID).';
  }
  // The e2e tests' hook is only in builds made for them (playwright.config.ts), never in production.
  if (import.meta.env.VITE_WDKM_TEST_HOOK === '1') installTestHook(store, engine, window);

  const root = document.getElementById('root')!;
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        {problem
          ? <p className="embed__problem" data-testid="embed-problem">{problem}</p>
          : <AppProvider store={store} actions={actions}><EmbedPlayer editable={params.editable} explore={exploreInWorker()} /></AppProvider>}
      </ErrorBoundary>
    </StrictMode>,
  );

  /* the parent sizes the iframe to the content */
  if (window.parent !== window) {
    let last = -1;
    new ResizeObserver(() => {
      const h = document.documentElement.scrollHeight;
      if (h === last) return;
      last = h;
      window.parent.postMessage(heightMessage(h, params.id), '*');
    }).observe(document.body);
  }
}

void start();
