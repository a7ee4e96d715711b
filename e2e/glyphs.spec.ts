/* Issue 14: every character the UI shows has a font that draws it. A
   character no installed font has is drawn as the same empty box as an
   unassigned code point; each non-ASCII character on the page, drawn in the
   font of the element that shows it, must differ from that box. (The Explore
   button's ⧉, U+29C9, was such a box; it is an SVG icon now.) */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

/* For each [character, CSS font] pair: is it drawn as the missing-glyph box? */
const asBox = (page: Page, pairs: [string, string][]) =>
  page.evaluate((list) => {
    const draw = (ch: string, font: string) => {
      const c = document.createElement('canvas');
      c.width = 64;
      c.height = 64;
      const g = c.getContext('2d')!;
      g.font = font;
      g.fillStyle = '#000';
      g.textBaseline = 'middle';
      g.fillText(ch, 8, 32);
      return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
    };
    return list.map(([ch, font]) => draw(ch, font) === draw('\u0378', font)); /* U+0378: unassigned */
  }, pairs);

/* Every non-ASCII character in the page's visible text, with its element's font (32 px to see detail). */
const shown = (page: Page) =>
  page.evaluate(() => {
    const seen = new Map<string, string>();
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('.monaco-editor, script, style') || el.getClientRects().length === 0) continue;
      const family = getComputedStyle(el).fontFamily;
      for (const ch of n.textContent ?? '') if (ch.charCodeAt(0) > 127) seen.set(`${ch}\u0000${family}`, `32px ${family}`);
    }
    return [...seen].map(([k, font]) => [k.split('\u0000')[0], font] as [string, string]);
  });

test('no character of the UI is drawn as an empty box @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  const font = await page.evaluate(() => `32px ${getComputedStyle(document.body).fontFamily}`);
  /* the check itself: a character no font has is a box, ones the fonts have are not */
  expect(await asBox(page, [['\u29c9', font], ['▶', font], ['A', font]])).toEqual([true, false, false]);
  await setSource(page, readFileSync('examples/lock-order-deadlock.c', 'utf8'));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).toContainText('Deadlock');
  /* with Help open, then the examples dialog */
  await page.getByTestId('help').locator('summary').click();
  await expect(page.getByTestId('help-shortcuts')).toBeVisible();
  const pairs = await shown(page);
  await page.getByTestId('examples').click();
  await expect(page.getByTestId('examples-dialog')).toBeVisible();
  pairs.push(...(await shown(page)));
  expect(pairs.map(([ch]) => ch)).toContain('▶'); /* the Run button's, among others */
  const boxes = await asBox(page, pairs);
  expect(pairs.filter((_, i) => boxes[i]).map(([ch, f]) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase()} in ${f}`)).toEqual([]);
  await shot(page, 'glyphs');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('explore').locator('svg')).toBeVisible();
});
