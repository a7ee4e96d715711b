import { defineConfig } from '@playwright/test';

import { existsSync } from 'node:fs';

/* End-to-end tests against the production build (vite build + vite preview)
   in Debian's Chromium. Specs tagged @needs-core run only when the WASM core
   (web/src/engine/core.ts) is part of the build, @needs-frontend only when the
   scenario front end (web/src/scenario/index.ts) is. */
const missing = [
  existsSync('web/src/engine/core.ts') ? null : '@needs-core',
  existsSync('web/src/scenario/index.ts') ? null : '@needs-frontend',
].filter((tag): tag is string => tag !== null);
/* Several checkouts may run their suites on one machine: each run starts its
   own server (never reuses one, which could be another checkout's build);
   E2E_PORT picks another port when 4319 is taken. */
const PORT = Number(process.env.E2E_PORT ?? 4319);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  grepInvert: missing.length > 0 ? new RegExp(missing.join('|')) : undefined,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1366, height: 768 },
    launchOptions: { executablePath: '/usr/bin/chromium' },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `VITE_WDKM_TEST_HOOK=1 npx vite build && npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 120_000,
    reuseExistingServer: false,
  },
});
