// The app's benchmarks (issue: playground in the browser), for bench.mts:
//  - the gzipped script the page loads before the editor (from dist/),
//  - time from navigation to the first run's result in headless Chromium,
//    and, in the same loads, to the editor usable (Monaco on screen),
//  - the share link length of every example (with default settings).
// Prints one JSON entry per line: {name, unit, value}.
import { execFileSync } from 'node:child_process';
import { startPreview } from './preview-server.mts';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { encodeShare } from '../web/src/share/codec';

const entries: { name: string; unit: string; value: number }[] = [];

execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit', env: { ...process.env, VITE_WDKM_TEST_HOOK: '1' } });

// The entry script and what it preloads, before any lazy chunk (Monaco is lazy).
const html = readFileSync('dist/index.html', 'utf8');
const eager = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = eager.reduce((n, f) => n + gzipSync(readFileSync(`dist/${f}`)).length, 0);
entries.push({ name: 'app: gzipped script before the editor', unit: 'bytes', value: gz });

const server = await startPreview(4417);
try {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  /* Best of 3, each in a fresh context (nothing cached): the first result
     (Run is clicked as soon as the page's DOM is there), and, in the same
     load, when the editor became usable (Monaco's lines on screen). */
  const firstResult: number[] = [];
  const editorUsable: number[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    const editor = page.locator('[data-testid="editor"] .monaco-editor .view-lines').waitFor({ timeout: 60_000 }).then(() => Date.now() - start);
    await page.getByTestId('run').click();
    await page.getByTestId('outcome').filter({ hasText: /Completed|Bug check|Deadlock|Assertion|budget/i }).waitFor();
    firstResult.push(Date.now() - start);
    editorUsable.push(await editor);
    await context.close();
  }
  await browser.close();
  entries.push({ name: 'app: navigation to the first run\'s result (best of 3)', unit: 'ms', value: Math.min(...firstResult) });
  entries.push({ name: 'app: navigation to the editor usable (Monaco shown; best of 3)', unit: 'ms', value: Math.min(...editorUsable) });
  console.error(`first result ${firstResult.join(', ')} ms; editor usable ${editorUsable.join(', ')} ms`);
} finally {
  server.stop();
}

for (const file of readdirSync('examples').filter((f) => f.endsWith('.c')).sort()) {
  const fragment = await encodeShare({ source: readFileSync(`examples/${file}`, 'utf8'), cpus: 2, policy: 'timed', seed: 1,
    budget: 1_000_000, schedule: null, moment: null, manual: false });
  entries.push({ name: `app: share link length, ${file}`, unit: 'characters', value: `http://localhost:4173/#${fragment}`.length });
}
for (const e of entries) console.log(JSON.stringify(e));
