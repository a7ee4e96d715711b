/* The embeddable player inside a test page: it runs and steps a scenario,
   posts its height to the parent, loads no Monaco unless editable, and
   opens the same scenario in the playground. */
import { expect, test } from './fixtures';

function hostPage(src: string): string {
  return `<!doctype html><html><body>
    <h1>A blog post</h1>
    <iframe id="player" src="${src}" style="width: 900px; border: 0" title="wdkm player"></iframe>
    <script>
      window.heights = [];
      addEventListener('message', (e) => {
        if (e.data && e.data.type === 'wdkm-embed-height') {
          window.heights.push(e.data);
          document.getElementById('player').style.height = e.data.height + 'px';
        }
      });
    </script></body></html>`;
}

test.describe('@needs-core @needs-frontend embed', () => {
  test('a read-only player runs and steps a scenario, sizes itself, and loads no Monaco', async ({ page, baseURL }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(hostPage(`${baseURL}embed.html?lesson=lost-update&id=p1`));
    const frame = page.frameLocator('#player');
    await expect(frame.getByTestId('embed-code')).toContainText('Counter = seen + 1;');
    await frame.getByTestId('embed-run').click();
    await expect(frame.getByTestId('outcome')).toHaveAttribute('data-outcome', 'completed');

    await frame.getByTestId('embed-first').click();
    await expect(frame.getByTestId('embed-moment')).toContainText(/^1\/\d+ · /);
    await frame.getByTestId('embed-step').click();
    await expect(frame.getByTestId('embed-moment')).toContainText(/^2\/\d+ · /);
    await frame.getByTestId('embed-back').click();
    await expect(frame.getByTestId('embed-moment')).toContainText(/^1\/\d+ · /);

    await expect.poll(() => page.evaluate(() => (window as unknown as { heights: { height: number; id: string }[] }).heights.length)).toBeGreaterThan(0);
    const last = await page.evaluate(() => { const h = (window as unknown as { heights: { height: number; id: string }[] }).heights; return h[h.length - 1]!; });
    expect(last.id).toBe('p1');
    expect(last.height).toBeGreaterThan(300);
    const box = await page.locator('#player').boundingBox();
    expect(Math.round(box!.height)).toBe(last.height);
    expect(requests.filter((u) => /MonacoEditor|editor\.worker/.test(u))).toEqual([]);

    /* Explore finds the lost update that the run did not show, and shows its schedule */
    await frame.getByTestId('embed-explore').click();
    const found = frame.getByTestId('embed-explore-result');
    await expect(found).toContainText('all of them');
    await found.getByTestId('embed-explore-outcome').filter({ hasText: 'assertion' }).click();
    await expect(frame.getByTestId('outcome')).toHaveAttribute('data-outcome', 'assertion');
    await page.screenshot({ path: 'test-results/screens/embed-read-only.png', fullPage: true });
  });

  test('an editable player loads the editor, and opens its scenario in the playground', async ({ page, baseURL, context }) => {
    await page.setContent(hostPage(`${baseURL}embed.html?editable&lesson=fast-mutex-self-deadlock`));
    const frame = page.frameLocator('#player');
    await expect(frame.locator('.monaco-editor .view-lines')).toBeVisible();
    await frame.getByTestId('embed-run').click();
    await expect(frame.getByTestId('outcome')).toHaveAttribute('data-outcome', 'completed');
    const href = await frame.getByTestId('embed-open').getAttribute('href');
    expect(href).toMatch(/\/#v\d+\./);

    const play = await context.newPage();
    await play.goto(href!, { waitUntil: 'domcontentloaded' });
    await play.waitForFunction(() => window.__wdkmTest !== undefined);
    await expect.poll(() => play.evaluate(() => window.__wdkmTest!.getSource())).toContain('WdkmFastMutexNew');
  });

  test('a player with nothing to show says so', async ({ page, baseURL }) => {
    await page.setContent(hostPage(`${baseURL}embed.html?lesson=no-such-lesson`));
    await expect(page.frameLocator('#player').getByTestId('embed-problem')).toContainText('no lesson');
  });
});
