/* Issue 14, point 4: holds one can read. Shared holds (an ERESOURCE's
   readers) are drawn apart from exclusive ones, in the legend and the
   exported PNG too; many short holds at a wide zoom are one block with their
   count, not a barcode. */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

const example = (name: string) => readFileSync(`examples/${name}.c`, 'utf8');

async function runExample(page: Page, name: string): Promise<void> {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, example(name));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).toContainText('Completed');
}

/* Pixels of a CSS colour in a canvas (or in an image drawn into one). */
async function countPixels(target: Locator, css: string): Promise<number> {
  return target.evaluate((el: HTMLCanvasElement | HTMLImageElement, colour) => {
    const probe = document.createElement('canvas').getContext('2d')!;
    probe.fillStyle = colour;
    const hex = probe.fillStyle as string;
    const want = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
    let canvas = el as HTMLCanvasElement;
    if (el instanceof HTMLImageElement) {
      canvas = document.createElement('canvas');
      canvas.width = el.naturalWidth;
      canvas.height = el.naturalHeight;
      canvas.getContext('2d')!.drawImage(el, 0, 0);
    }
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (want.every((c, k) => Math.abs(data[i + k]! - c) <= 2)) n++;
    return n;
  }, css);
}

/* The light palette's colours for a lock (web/src/views/timeline/colors.ts). */
const hue = (object: number) => (object * 137) % 360;
const sharedFill = (object: number) => `hsl(${hue(object)} 70% 88%)`;
const exclusive = (object: number) => `hsl(${hue(object)} 60% 48%)`;
const denseFill = (object: number) => `hsl(${hue(object)} 25% 45%)`;

test.use({ viewport: { width: 1440, height: 900 } });

test('readers’ shared holds of an ERESOURCE look apart from the writer’s exclusive ones, in the legend and the PNG @needs-core @needs-frontend', async ({ page }) => {
  await runExample(page, 'resource-readers');
  /* the resource is the run's first object after DriverEntry's own: id 2 */
  const summary = page.getByTestId('timeline-summary').locator('li');
  await expect(summary.filter({ hasText: 'Reader' }).first()).toContainText(/holds \S+ #2 · Config ×\d+ shared/);
  await expect(summary.filter({ hasText: 'Writer' })).toContainText(/holds \S+ #2 · Config ×2$/);
  const legend = page.getByTestId('timeline-legend');
  await expect(legend).toContainText('lock held exclusive');
  await expect(legend).toContainText('lock held shared');
  const canvas = page.getByTestId('timeline-canvas');
  /* zoomed in on a reader's hold, its pale fill is drawn with its edges in the lock's colour */
  await expect.poll(() => countPixels(canvas, sharedFill(2))).toBeGreaterThan(200);
  await shot(page, 'holds-shared');

  /* the pointer names the kind of hold: scan the reader lanes' hold rows */
  const box = (await canvas.boundingBox())!;
  const tooltip = page.getByRole('tooltip');
  let shared = '';
  for (let y = 40; y < Math.min(box.height, 200) && !shared; y += 4) {
    for (let x = 200; x < box.width - 20 && !shared; x += 60) {
      await canvas.hover({ position: { x, y } });
      const text = (await tooltip.isVisible()) ? ((await tooltip.textContent()) ?? '') : '';
      if (/holds .* shared \(depth 1\)/.test(text)) shared = text;
    }
  }
  expect(shared).toMatch(/Thread \d · Reader · holds \S+ #2 · Config shared \(depth 1\)/);

  /* the exported PNG carries the same legend, the shared swatch's fill included */
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  const dataUrl = `data:image/png;base64,${readFileSync(await png.path()).toString('base64')}`;
  const legendOnly = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    img.id = 'exported-png';
    img.style.display = 'none';
    document.body.append(img);
    return img.naturalHeight;
  }, dataUrl);
  expect(legendOnly).toBeGreaterThan(0);
  const inPng = await countPixels(page.locator('#exported-png'), sharedFill(2));
  const onCanvas = await countPixels(canvas, sharedFill(2));
  /* the canvas's pixels plus the legend's swatch (lock 2 is the legend's sample lock) */
  expect(inPng).toBeGreaterThan(onCanvas);
});

test('the KMUTEX counter’s 500 holds per thread are “N holds” blocks at the fit zoom, and come apart when zoomed in @needs-core @needs-frontend', async ({ page }) => {
  await runExample(page, 'kmutex-counter');
  const canvas = page.getByTestId('timeline-canvas');
  const tooltip = page.getByRole('tooltip');
  /* Thread 2's hold row (below the axis, the run lane and Thread 1's lane) */
  const y = 80;
  await canvas.hover({ position: { x: 400, y } });
  await expect(tooltip).toContainText(/Thread 2 · Worker · \d+ holds of KMUTEX #2 · Counter · .* zoom in to see each/);
  /* the mutex is object 2: its dense blocks are drawn, with few runs of separate bars along the row */
  expect(await countPixels(canvas, denseFill(2))).toBeGreaterThan(1000);
  /* along the row, runs of the lock's own colour: a barcode would draw one per hold, hundreds */
  const row = async () =>
    canvas.evaluate((c: HTMLCanvasElement, [at, solid, dense]) => {
      const probe = document.createElement('canvas').getContext('2d')!;
      const rgb = (css: string) => {
        probe.fillStyle = css;
        const hex = probe.fillStyle as string;
        return [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
      };
      const [a, b, w] = [rgb(solid), rgb(dense), rgb('#334155')];
      const dpr = window.devicePixelRatio || 1;
      const { data } = c.getContext('2d')!.getImageData(0, Math.round(at * dpr), c.width, 1);
      const is = (i: number, want: number[]) => want.every((v, k) => Math.abs(data[i + k]! - v) <= 2);
      let solidRuns = 0;
      let densePixels = 0;
      let arrowPixels = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (is(i, a) && (i === 0 || !is(i - 4, a))) solidRuns++;
        if (is(i, b)) densePixels++;
        if (is(i, w)) arrowPixels++;
      }
      return { solidRuns, densePixels, arrowPixels };
    }, [y, exclusive(2), denseFill(2)] as const);
  const fit = await row();
  expect(fit.solidRuns).toBeLessThan(5);
  expect(fit.densePixels).toBeGreaterThan(300);
  /* nor do the wake arrows stripe the block: holds are drawn over them */
  expect(fit.arrowPixels).toBeLessThan(5);
  await shot(page, 'holds-dense');
  /* zoomed in, the holds come apart again: separate bars in the lock's colour, each described as itself */
  let zoomed = fit;
  for (let i = 0; i < 16 && zoomed.solidRuns <= 2; i++) {
    await page.getByTestId('zoom-in').click();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    zoomed = await row();
  }
  expect(zoomed.solidRuns).toBeGreaterThan(2);
  let described = '';
  for (let x = 170; x < 900 && !/exclusive/.test(described); x += 15) {
    await canvas.hover({ position: { x, y } });
    described = (await tooltip.isVisible()) ? ((await tooltip.textContent()) ?? '') : '';
  }
  expect(described).toMatch(/Thread 2 · Worker · holds KMUTEX #2 · Counter exclusive \(depth 1\)/);
  await shot(page, 'holds-dense-zoomed');
});
