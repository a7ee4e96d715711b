// The timeline in headless Chromium with a synthetic trace of a million events
// (encoded in the page by the test hook, then prepared by the run worker as
// a real run's trace is): how long it takes to load, the longest task on the
// UI thread while it loads and while stepping through it (PerformanceObserver
// 'longtask': every task over 50 ms), and the frame time while panning and
// zooming. Builds the site, serves it, drives real wheel, drag and key input,
// and reads the paint times the timeline records when its canvas carries
// data-profile.
// Run alone: npx tsx scripts/bench-timeline.mts [events]
import { execFileSync } from 'node:child_process';
import { startPreview } from './preview-server.mts';
import { chromium, type Page } from '@playwright/test';

export interface TimelineBench {
  events: number; loadMs: number; paintP50: number; paintP95: number; frameMean: number; frameP95: number; frames: number;
  /** The longest UI-thread task (ms; 0: none over 50 ms) while the trace loads, and while stepping through it (best of 3). */
  longestLoadTask: number; longestStepTask: number;
}

/* The longest task the page has seen since the last call (0: none over 50 ms). */
const LONGEST = `(() => {
  const longest = Math.max(0, ...window.__longTasks.map((t) => t.duration));
  window.__longTasks = [];
  return longest;
})()`;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

const ROUNDS = 3;

/* One page: the trace loads, then stepping through it; the longest task of each. */
async function loadAndStep(page: Page, url: string, events: number): Promise<{ loadMs: number; longestLoadTask: number; longestStepTask: number }> {
  await page.goto(url);
  await page.waitForFunction(() => window.__wdkmTest !== undefined);
  /* the page settles (Monaco, the first check) before the trace comes */
  await page.locator('[data-testid="editor"] .monaco-editor .view-lines').waitFor();
  await page.waitForTimeout(1000);
  await page.evaluate((n) => window.__wdkmTest!.encodeSyntheticTrace(n), events);
  await page.evaluate(`(() => {
    window.gc();
    window.__longTasks = [];
    new PerformanceObserver((list) => { window.__longTasks.push(...list.getEntries()); }).observe({ type: 'longtask' });
  })()`);
  const started = Date.now();
  await page.evaluate(() => window.__wdkmTest!.loadSyntheticTrace());
  await page.getByTestId('moment-position').filter({ hasText: `of ${events}` }).waitFor({ timeout: 120_000 });
  const loadMs = Date.now() - started;
  await page.waitForTimeout(500); /* what the first paint and the panels do after */
  const longestLoadTask = await page.evaluate<number>(LONGEST);
  /* stepping: one event, one choice, back and forth, from the end and from the middle */
  const canvas = page.getByTestId('timeline-canvas');
  for (const at of ['end', 'middle']) {
    if (at === 'middle') await canvas.click({ position: { x: ((await canvas.boundingBox())?.width ?? 600) / 2, y: 40 } });
    for (let i = 0; i < 20; i++) await page.keyboard.press('Alt+ArrowLeft');
    for (let i = 0; i < 10; i++) await page.keyboard.press('Alt+Shift+ArrowLeft');
    for (let i = 0; i < 10; i++) await page.keyboard.press('Alt+ArrowRight');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Alt+Shift+ArrowRight');
  }
  await page.waitForTimeout(300);
  const longestStepTask = await page.evaluate<number>(LONGEST);
  return { loadMs, longestLoadTask, longestStepTask };
}

export async function benchTimeline(events = 1_000_000): Promise<TimelineBench> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, VITE_WDKM_TEST_HOOK: '1' } });
  const port = Number(process.env.BENCH_PORT ?? 4329);
  const { url, stop } = await startPreview(port);
  /* --expose-gc: the test hook's own garbage (the synthetic events it encoded) is collected before the clock starts */
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--js-flags=--expose-gc'] });
  try {
    /* Best of three for the long tasks and the load time: another process on
       this busy machine can stretch any task. The last page goes on to pan and zoom. */
    let page: Page | null = null;
    let loadMs = Infinity, longestLoadTask = Infinity, longestStepTask = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      await page?.close();
      page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const r = await loadAndStep(page, url, events);
      loadMs = Math.min(loadMs, r.loadMs);
      longestLoadTask = Math.min(longestLoadTask, r.longestLoadTask);
      longestStepTask = Math.min(longestStepTask, r.longestStepTask);
    }
    page = page!;
    await page.screenshot({ path: 'test-results/screens/timeline-1m-events.png' });
    const canvas = page.getByTestId('timeline-canvas');
    const box = (await canvas.boundingBox())!;
    /* a string, not a function: tsx would wrap a function's inner names in a helper the page lacks */
    await page.evaluate(`(() => {
      const c = document.querySelector('[data-testid="timeline-canvas"]');
      c.dataset.profile = '';
      performance.clearMeasures('timeline-paint');
      /* rAF intervals while the input below runs */
      window.__frames = [];
      let last = performance.now();
      const tick = (now) => {
        window.__frames.push(now - last);
        last = now;
        if (window.__frames.length < 100000) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const cx = box.x + box.width * 0.6;
    const cy = box.y + 60;
    await page.mouse.move(cx, cy);
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 30; i++) await page.mouse.wheel(0, -80); /* zoom in at the pointer */
      await page.mouse.down();
      for (let i = 0; i < 30; i++) await page.mouse.move(cx - i * 12, cy, { steps: 1 }); /* drag to pan */
      await page.mouse.up();
      await page.keyboard.down('Shift');
      for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 60); /* Shift+wheel pans */
      await page.keyboard.up('Shift');
      for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 80); /* zoom back out */
      await page.mouse.move(cx, cy);
    }
    const { paints, frames } = await page.evaluate<{ paints: number[]; frames: number[] }>(`({
      paints: performance.getEntriesByName('timeline-paint').map((e) => e.duration),
      frames: window.__frames.slice(1),
    })`);
    return {
      events, loadMs, longestLoadTask, longestStepTask, frames: paints.length,
      paintP50: pct(paints, 0.5), paintP95: pct(paints, 0.95),
      frameMean: frames.reduce((a, b) => a + b, 0) / Math.max(1, frames.length), frameP95: pct(frames, 0.95),
    };
  } finally {
    await browser.close();
    stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchTimeline(Number(process.argv[2] ?? 1_000_000)));
}
