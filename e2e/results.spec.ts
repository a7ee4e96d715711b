import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';
import { encodeTrace } from '../web/src/trace/encode';
import { prepareTrace } from '../web/src/trace/prepared';
import { ev } from '../web/src/trace/testing';

/* A value as JavaScript source, typed arrays, Maps and Infinity included. */
function source(v: unknown): string {
  if (ArrayBuffer.isView(v)) return `new ${v.constructor.name}(${JSON.stringify(Array.from(v as unknown as ArrayLike<number>))})`;
  if (v instanceof Map) return `new Map(${source([...v])})`;
  if (Array.isArray(v)) return `[${v.map(source).join(',')}]`;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${source(x)}`).join(',')}}`;
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

/* A stand-in run worker that answers every run with a fixed, well-formed
   result, so the results views are tested without the WASM core: the reply
   still crosses the real protocol validation, store and views. Its trace
   holds the prints (the console reads them from the trace), prepared for the
   views as the real worker does it. */
function fakeRunWorker(result: { prints: string[] }): string {
  const trace = encodeTrace([...result.prints.map((text, i) => ev('PRINT', i, { text })), ev('RUN_END', 100, { cpu: null, a: 1, steps: 1 })]);
  return `self.onmessage = (e) => {
    const r = ${JSON.stringify(result)};
    r.trace = new Uint8Array(${JSON.stringify([...trace])});
    const decoded = ${source(prepareTrace(trace))};
    self.postMessage({ type: 'result', id: e.data.id, runId: e.data.runId, result: r, diagnostics: [], decoded });
  };`;
}

const BASE = { status: null, prints: [] as string[], bugcheck: null, deadlock: null, assertion: null, leaks: [], findings: [], steps: 4321, timeNs: 98700, choices: [0, 1], replay: null, truncated: false };

const SOURCE = Array.from({ length: 12 }, (_, i) => `/* line ${i + 1} */`).join('\n');

const CASES = [
  {
    name: 'bugcheck',
    result: {
      ...BASE,
      outcome: 'bugcheck',
      prints: ['before the crash\n'],
      bugcheck: { code: '0x0000000A', name: 'IRQL_NOT_LESS_OR_EQUAL', params: ['0x0000000000000000', '0x0000000000000002', '0x0000000000000000', '0xFFFFF80312345678'], line: 7 },
      leaks: [{ tag: 'TBuf', bytes: 64, line: 3 }],
      findings: [{ code: '0xC4', name: 'DRIVER_VERIFIER_DETECTED_VIOLATION', message: 'lock released at the wrong IRQL', lines: [9] }],
    },
    check: async (page: import('@playwright/test').Page) => {
      await expect(page.getByTestId('outcome')).toContainText('Bug check 0x0000000A IRQL_NOT_LESS_OR_EQUAL');
      await expect(page.getByTestId('bugcheck')).toContainText('*** STOP: 0x0000000A (0x0000000000000000, 0x0000000000000002, 0x0000000000000000, 0xFFFFF80312345678)');
      await expect(page.getByTestId('console')).toContainText('before the crash');
      await expect(page.getByTestId('leaks')).toContainText('TBuf');
      await expect(page.getByTestId('findings')).toContainText('lock released at the wrong IRQL');
      await expect(page.locator('[data-testid="editor"] .line-highlight--bugcheck')).toHaveCount(1);
      await expect(page.locator('[data-testid="editor"] .active-line-number')).toHaveText('7');
    },
  },
  {
    name: 'deadlock',
    result: {
      ...BASE,
      outcome: 'deadlock',
      deadlock: {
        threads: [
          { thread: 'Thread 1', waitingOn: 'KMUTEX B', ownedBy: 'Thread 2', line: 4, inCycle: true },
          { thread: 'Thread 2', waitingOn: 'KMUTEX A', ownedBy: 'Thread 1', line: 10, inCycle: true },
        ],
      },
    },
    check: async (page: import('@playwright/test').Page) => {
      await expect(page.getByTestId('outcome')).toContainText('Deadlock');
      const rows = page.getByTestId('deadlock').locator('tbody tr');
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(0)).toContainText('Thread 1KMUTEX BThread 2line 4');
      await rows.nth(1).getByRole('button', { name: 'Show line 10 in the editor' }).click();
      await expect(page.locator('[data-testid="editor"] .active-line-number')).toHaveText('10');
    },
  },
  {
    name: 'completed',
    result: { ...BASE, outcome: 'completed', status: '0xC000009A', prints: ['a\n', 'b <b>not bold</b>\n'] },
    check: async (page: import('@playwright/test').Page) => {
      await expect(page.getByTestId('outcome')).toContainText('Completed with problems: 0xC000009A STATUS_INSUFFICIENT_RESOURCES');
      await expect(page.getByTestId('console')).toHaveText('a\nb <b>not bold</b>\n');
    },
  },
  {
    name: 'assertion',
    result: { ...BASE, outcome: 'assertion', assertion: { line: 6, expression: 'Count == 3' } },
    check: async (page: import('@playwright/test').Page) => {
      await expect(page.getByTestId('outcome')).toContainText('Assertion failed: Count == 3');
      await expect(page.getByTestId('assertion')).toContainText('line 6');
    },
  },
  {
    name: 'diverged and truncated',
    result: { ...BASE, outcome: 'completed', status: '0x00000000', replay: { divergedAt: 2 }, truncated: true },
    check: async (page: import('@playwright/test').Page) => {
      await expect(page.getByTestId('outcome')).toContainText('Completed: 0x00000000 STATUS_SUCCESS');
      await expect(page.getByTestId('outcome-note').first()).toHaveText('The recorded schedule no longer fits this code; it ran freely from choice 3.');
      await expect(page.getByTestId('outcome-note').nth(1)).toContainText('The trace reached its size limit and was cut');
    },
  },
];

for (const c of CASES) {
  test(`a ${c.name} result is shown in full`, async ({ page }) => {
    let served = 0;
    await page.route('**/assets/worker-*.js', async (route) => {
      served++;
      /* the checker's worker first, then the run lane's (started ahead of the first run) */
      if (served === 2) await route.fulfill({ contentType: 'text/javascript', body: fakeRunWorker(c.result) });
      else await route.continue();
    });
    await openApp(page);
    await waitForMonaco(page);
    await expect.poll(() => served).toBe(2);
    await setSource(page, SOURCE);
    await page.getByTestId('run').click();
    await c.check(page);
    await shot(page, `result-${c.name}`);
  });
}
