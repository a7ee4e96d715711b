// The app's benchmarks (issue: playground in the browser), for bench.mts:
//  - the gzipped script the page loads before the editor (from dist/),
//  - time from navigation to the first run's result in headless Chromium,
//  - the share link length of every example (with default settings).
// Prints one JSON entry per line: {name, unit, value}.
import { execFileSync, spawn } from 'node:child_process';
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

const PORT = 4417;
const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore' });
try {
  await new Promise((r) => setTimeout(r, 2500));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(`http://127.0.0.1:${PORT}/`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('run').click();
    await page.getByTestId('outcome').filter({ hasText: /Completed|Bug check|Deadlock|Assertion|budget/i }).waitFor();
    times.push(Date.now() - start);
    await context.close();
  }
  await browser.close();
  entries.push({ name: 'app: navigation to the first run\'s result (best of 3)', unit: 'ms', value: Math.min(...times) });
} finally {
  server.kill();
}

for (const file of readdirSync('examples').filter((f) => f.endsWith('.c')).sort()) {
  const fragment = await encodeShare({ source: readFileSync(`examples/${file}`, 'utf8'), cpus: 2, policy: 'timed', seed: 1,
    budget: 1_000_000, schedule: null, moment: null, manual: false });
  entries.push({ name: `app: share link length, ${file}`, unit: 'characters', value: `http://localhost:4173/#${fragment}`.length });
}
for (const e of entries) console.log(JSON.stringify(e));
