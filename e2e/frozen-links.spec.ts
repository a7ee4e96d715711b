import { FROZEN_EXPECTED, FROZEN_LINKS } from '../web/src/share/fixtures';
import { expect, getSource, openApp, test } from './fixtures';

for (const version of Object.keys(FROZEN_LINKS) as (keyof typeof FROZEN_LINKS)[]) {
  test(`a frozen ${version} link still opens in the browser`, async ({ page }) => {
    await openApp(page, FROZEN_LINKS[version]);
    const expected = FROZEN_EXPECTED[version];
    await expect(page.getByTestId('notice')).toContainText('Opened a shared scenario');
    expect(await getSource(page)).toBe(expected.source);
    await expect(page.getByTestId('cpus')).toHaveValue(String(expected.cpus));
    await expect(page.getByTestId('policy')).toHaveValue(expected.policy);
    await expect(page.getByTestId('seed')).toHaveValue(String(expected.seed));
    await expect(page.getByTestId('budget')).toHaveValue(String(expected.budget));
    if (expected.schedule) await expect(page.getByTestId('schedule')).toContainText(`Replaying ${expected.schedule.length} choices`);
    else await expect(page.getByTestId('schedule')).toHaveCount(0);
    if (expected.moment !== null) await expect(page.getByTestId('moment')).toContainText(`At event ${expected.moment + 1}`);
    await page.screenshot({ path: `test-results/screens/frozen-${version}.png` });
  });
}
