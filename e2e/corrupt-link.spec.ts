import { expect, getSource, openApp, setSource, shot, test } from './fixtures';

const BROKEN: [string, string, RegExp][] = [
  ['truncated', '#v2.fY9Ra4MwHMS_SvgPhoWwqXsoRBGcZsPBrMS4l2VI1aw6NZU07Sil3', /damaged or truncated/],
  ['not base64url', '#v2.<script>alert(1)</script>', /not a playground link/],
  ['from a newer version', '#v9.AAAA', /newer playground/],
  ['hostile payload', '#v1.HccxCoAgAIbRq8g3Fbi4SnYXE4mgMn4dhOjugcuD91LxdCwJ7ywPHgmLRrdh7k0Rz3Jcu6lKoZtyZ6koxDOrTW5e-X4', /damaged/],
];

for (const [name, hash, message] of BROKEN) {
  test(`a ${name} link shows a clear notice and keeps the user's work`, async ({ page }) => {
    await openApp(page);
    await setSource(page, 'int MyOwnWork;\n');
    await page.goto(`/${hash}`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.__wdkmTest !== undefined);
    const notice = page.getByTestId('notice');
    await expect(notice).toContainText(message);
    await expect(notice).toContainText('Your own work is unchanged');
    expect(await getSource(page)).toBe('int MyOwnWork;\n');
    await expect(page.getByTestId('outcome')).toBeVisible();
    if (name === 'truncated') await shot(page, 'corrupt-link');
  });
}
