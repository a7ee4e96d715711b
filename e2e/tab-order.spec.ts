/* Issue 14, point 10: the keyboard reaches everything. From the skip link,
   Tab goes through the results (their line links), the timeline's controls
   (stepping, previous and next error, CPU lanes, manual, zoom in, out and fit,
   the exports), the canvas, and the inspector's line links, in that order,
   each with a focus ring one can see. */
import { readFileSync } from 'node:fs';
import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

interface Stop {
  name: string; /* data-testid, else the accessible label, else the text */
  where: 'results' | 'timeline' | 'inspector' | 'other';
  ring: boolean; /* :focus-visible with an outline of some width, not clipped away */
}

test.use({ viewport: { width: 1440, height: 900 } });

test('Tab reaches the results’ line links, every timeline control, the canvas and the inspector’s links, in order, with a visible ring @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, readFileSync('examples/lock-order-deadlock.c', 'utf8'));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).toContainText('Deadlock');
  await expect(page.getByTestId('inspector-moment')).toContainText('line');

  /* the skip link (the page's first stop), then into the results */
  await page.getByTestId('skip-link').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#results')).toBeFocused();

  const stops: Stop[] = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((): Stop | null => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const name = el.dataset.testid ?? el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40);
      const where = el.closest('#results') ? 'results' : el.closest('[data-testid="timeline"]') ? 'timeline' : el.closest('.inspector') ? 'inspector' : 'other';
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
      /* the ring (outline + offset) must not be cut by a scrolling or clipping ancestor */
      const r = el.getBoundingClientRect();
      const pad = Math.max(0, parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset));
      let visible = r.width > 0 && r.height > 0;
      for (let p = el.parentElement; p && visible; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (ps.overflowX === 'visible' && ps.overflowY === 'visible') continue;
        const c = p.getBoundingClientRect();
        visible = r.left - pad >= c.left - 0.5 && r.right + pad <= c.right + 0.5 && r.top - pad >= c.top - 0.5 && r.bottom + pad <= c.bottom + 0.5;
      }
      return { name, where, ring: el.matches(':focus-visible') && outline && visible };
    });
    if (!stop) break;
    stops.push(stop);
    if (stop.where === 'other' && stops.some((s) => s.where === 'inspector')) break; /* past the dock */
  }
  const at = (test: (s: Stop) => boolean, what: string) => {
    const i = stops.findIndex(test);
    expect(i, `${what} is reached by Tab (stops: ${stops.map((s) => s.name).join(' | ')})`).toBeGreaterThanOrEqual(0);
    return i;
  };
  const resultsLink = at((s) => s.where === 'results' && /^Show line \d+/.test(s.name), 'a line link in the results');
  const controls = ['step-back', 'prev-error', 'next-error', 'manual', 'zoom-in', 'zoom-out', 'zoom-fit', 'export-png', 'export-perfetto'].map((id) => at((s) => s.name === id, id));
  const canvas = at((s) => s.name === 'timeline-canvas', 'the timeline canvas');
  const inspectorLink = at((s) => s.where === 'inspector' && /^Show line \d+/.test(s.name), 'a line link in the inspector');
  /* in the order they are laid out: results, the timeline's bar left to right, its canvas, the inspector */
  expect(resultsLink).toBeLessThan(controls[0]!);
  expect([...controls].sort((a, b) => a - b)).toEqual(controls);
  expect(controls.at(-1)!).toBeLessThan(canvas);
  expect(canvas).toBeLessThan(inspectorLink);
  const blind = stops.filter((s) => !s.ring).map((s) => `${s.where}: ${s.name}`);
  expect(blind, 'every stop shows its focus ring').toEqual([]);

  /* what a ring looks like on the canvas and on a line link */
  await page.getByTestId('timeline-canvas').focus();
  await shot(page, 'tab-order-canvas');
});
