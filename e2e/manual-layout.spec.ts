/* Issue 14, point 5: manual scheduling one can decide with, where chips and
   banners never shift the layout. Through a whole lock-order deadlock built
   by hand, an undo, and an edit that marks the timeline stale, the
   timeline's canvas keeps its place and size, at 1280×720, at 1440×900, and
   on a phone both within its panel and on the page. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

const SOURCE = readFileSync('examples/lock-order-deadlock.c', 'utf8');
/* the picks of timeline.spec.ts: DriverEntry starts both threads, then A takes First and B takes Second */
/* the explorer's small lock-order case, explored in a moment */
const SMALL = readFileSync('bench/explore/lock-order-2.c', 'utf8');
const PICKS = [1, 3, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 2, 3];

/* The canvas in the viewport at desktop sizes; on the phone, whose one
   column scrolls, its place within the timeline panel and on the page
   (viewport position plus scroll: the banner above it, of fixed height, and
   the results, which keep their height while a pick re-runs, never push it).
   The editor's top stays put too: the "Replaying N choices" chip above it
   keeps to one line, whatever it says once the code is edited. */
const box = async (page: Page, phone: boolean) => {
  const b = (await page.getByTestId('timeline-canvas').boundingBox())!;
  const scrollY = await page.evaluate(() => window.scrollY);
  const editorY = Math.round((await page.getByTestId('editor').boundingBox())!.y + scrollY);
  const at = { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height), editorY };
  if (!phone) return at;
  const panel = (await page.getByTestId('timeline').boundingBox())!;
  return { ...at, x: Math.round(b.x - panel.x), y: Math.round(b.y - panel.y), pageY: Math.round(b.y + scrollY) };
};

for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }, { width: 390, height: 844 }]) {
  const phone = size.width < 700;
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('picks, their chips, the end of the choices, undo and a stale mark never move the timeline @needs-core @needs-frontend', async ({ page }) => {
      await openApp(page);
      await waitForMonaco(page);
      await setSource(page, SOURCE);
      await page.getByTestId('run').click();
      await expect(page.getByTestId('outcome')).toContainText('Deadlock');
      /* at 1280×720 the dock starts folded to its controls (screens.spec.ts) */
      if ((await page.getByTestId('dock-toggle').getAttribute('aria-expanded')) === 'false') await page.getByTestId('dock-toggle').click();
      await page.getByTestId('manual').check();
      const panel = page.getByTestId('manual-panel');
      await expect(panel).toContainText('Choice 0: who moves?');
      /* on the phone, scrolled down to the timeline as one would be to pick */
      await page.getByTestId('timeline').evaluate((t) => t.scrollIntoView({ block: 'end' }));
      const home = await box(page, phone);
      /* every height the results take, frame by frame, through the picks and the undo: each re-run must keep it */
      await page.evaluate(() => {
        const seen: number[] = [];
        (window as unknown as { resultHeights: number[] }).resultHeights = seen;
        new ResizeObserver(([e]) => seen.push(Math.round(e.borderBoxSize[0].blockSize))).observe(document.getElementById('results')!);
      });
      const panelHeight = (await panel.boundingBox())!.height;
      const seen = new Set<number>();
      for (const [i, thread] of PICKS.entries()) {
        await expect(panel).toContainText(`Choice ${i}: who moves?`);
        expect(await box(page, phone), `the timeline at choice ${i}`).toEqual(home);
        /* the chips: one, two or three threads, with their next statements */
        seen.add(await panel.getByRole('button').count());
        await page.getByTestId(`pick-${thread}`).click();
      }
      expect(seen.size).toBeGreaterThan(1); /* the chips did change along the way */
      await expect(page.getByTestId('manual-done')).toContainText('Deadlock');
      expect(await box(page, phone), 'the timeline once no choice is left').toEqual(home);
      expect((await panel.boundingBox())!.height).toBe(panelHeight);
      await page.getByTestId('undo-pick').click();
      await expect(panel).toContainText(`Choice ${PICKS.length - 1}: who moves?`);
      expect(await box(page, phone), 'the timeline after an undo').toEqual(home);
      const heights = await page.evaluate(() => (window as unknown as { resultHeights: number[] }).resultHeights);
      expect(new Set(heights).size, `the results' heights during the picks and the undo: ${heights.join(', ')}`).toBe(1);
      /* an edit marks the timeline as from an earlier version, over its corner */
      await setSource(page, `${SOURCE}\n/* edited */\n`);
      await expect(page.getByTestId('timeline').getByTestId('stale')).toBeVisible();
      expect(await box(page, phone), 'the timeline marked stale').toEqual(home);
      await page.getByTestId('timeline').scrollIntoViewIfNeeded();
      await shot(page, `manual-layout-${size.width}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `manual-layout-${size.width}-top`);
      await page.getByTestId('outcome').evaluate((o) => o.scrollIntoView());
      await shot(page, `manual-layout-${size.width}-results`);
    });
  });
}

/* Issue 14, point 5 at 1280×720: an edit during a replay (the explorer's
   witness shown) changes what the "Replaying N choices" chip says, at length;
   it keeps to one line, ellipsized where narrow (the phone above: 36 px
   lower before), with the whole in its tooltip, so the editor stays put. */
test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test('an edit during a replay never moves the editor @needs-core @needs-frontend', async ({ page }) => {
    await openApp(page);
    await waitForMonaco(page);
    await setSource(page, SMALL);
    await page.getByTestId('explore').click();
    await expect(page.getByTestId('explore-progress')).toContainText(/^complete: \d+ schedules/);
    await page.locator('[data-testid="explore-outcome"][data-outcome="deadlock"]').getByTestId('explore-show').click();
    await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'deadlock');
    await expect(page.getByTestId('schedule-fit')).toContainText('it fits this code');
    const top = async () => Math.round((await page.getByTestId('editor').boundingBox())!.y);
    const before = await top();
    await setSource(page, `${SMALL}\n/* edited */\n`);
    await expect(page.getByTestId('schedule-fit')).toContainText('changed since the last run');
    expect(await top()).toBe(before);
    await expect(page.getByTestId('schedule')).toHaveAttribute('title', /changed since the last run, so the next run replays it as far as it fits/);
    await shot(page, 'replay-edit-1280');
  });
});

/* Issue 14, point 5: the "At event N" chip appears when the first run selects
   a moment and goes when it is closed; it sits in the row under the editor,
   of fixed height, so the editor's top and height stay what they were before
   the run, at both desktop sizes. */
for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    test('the moment chip comes and goes without moving the editor @needs-core @needs-frontend', async ({ page }) => {
      await openApp(page);
      await waitForMonaco(page);
      const editor = async () => {
        const b = (await page.getByTestId('editor').boundingBox())!;
        return { y: Math.round(b.y), height: Math.round(b.height) };
      };
      await expect(page.getByTestId('moment')).toHaveCount(0);
      const before = await editor();
      await setSource(page, SOURCE);
      await page.getByTestId('run').click();
      await expect(page.getByTestId('outcome')).toContainText('Deadlock');
      await expect(page.getByTestId('moment')).toContainText(/At event \d+/);
      expect(await editor(), 'the editor once the run selects a moment').toEqual(before);
      await page.getByRole('button', { name: 'Forget the selected moment' }).click();
      await expect(page.getByTestId('moment')).toHaveCount(0);
      expect(await editor(), 'the editor once the chip is closed').toEqual(before);
    });
  });
}
