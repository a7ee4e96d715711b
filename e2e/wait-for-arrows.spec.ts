/* Issue 14, point 10: the wait-for graph's arrowheads never cover a label.
   At the lock-order deadlock (four nodes, an arrow straight up through the
   label under "Thread 2 · ThreadA" before), every arrow's tip lies outside
   every label's drawn box, and no arrow crosses the label of a node it
   starts or ends at. */
import { readFileSync } from 'node:fs';
import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

test('the wait-for graph\'s arrows end outside every label @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, readFileSync('examples/lock-order-deadlock.c', 'utf8'));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).toContainText('Deadlock');
  await page.getByTestId('next-error').click();
  await expect(page.getByTestId('moment-position')).toContainText('DEADLOCK');
  const graph = page.locator('svg.wait-for');
  await expect(graph.locator('line')).toHaveCount(4);
  const faults = await graph.evaluate((svg: SVGSVGElement) => {
    const labels = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', box: t.getBBox() }));
    const inside = (x: number, y: number, b: DOMRect) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
    const faults: string[] = [];
    for (const line of svg.querySelectorAll('line')) {
      const [x1, y1, x2, y2] = (['x1', 'y1', 'x2', 'y2'] as const).map((k) => line[k].baseVal.value);
      for (const { text, box } of labels) {
        if (inside(x2, y2, box)) faults.push(`an arrow's tip is on "${text}"`);
        /* sampled along the line: a crossing of any label */
        for (let i = 0; i <= 50; i++) {
          if (inside(x1 + ((x2 - x1) * i) / 50, y1 + ((y2 - y1) * i) / 50, box)) {
            faults.push(`an arrow crosses "${text}"`);
            break;
          }
        }
      }
    }
    return faults;
  });
  expect(faults).toEqual([]);
  await graph.scrollIntoViewIfNeeded();
  await shot(page, 'wait-for-arrows');
});
