import AxeBuilder from '@axe-core/playwright';
import { expect, Locator, Page, test as base } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Api, Credentials } from './api';

export { expect } from '@playwright/test';

const SCREENSHOTS = join(__dirname, '../../../test-results/screenshots');

/** Signs in through the sign-in page and waits for the signed-in frame. */
export async function signIn(page: Page, credentials: Credentials, path = '/'): Promise<void> {
  await page.goto(path);
  const login = page.getByLabel(/^(Login|İstifadəçi adı|Kullanıcı adı|Логин)/);
  const password = page.getByLabel(/^(Password|Şifrə|Şifre|Пароль)/);
  await login.fill(credentials.login);
  await password.fill(credentials.password);
  await expect(login).toHaveValue(credentials.login);
  await expect(password).toHaveValue(credentials.password);
  await page.getByRole('button', { name: /^(Sign in|Daxil ol|Giriş yap|Войти)$/ }).click();
  const userMenu = page.getByTestId('user-menu');
  const refused = page.getByTestId('login-error');
  await expect(userMenu.or(refused).first()).toBeVisible();
  // A refusal fails here with its reason, not later with a missing menu.
  const reason = (await refused.count()) > 0 ? await refused.innerText() : '';
  expect(reason, `signing in as ${credentials.login} at ${page.url()}`).toBe('');
  await expect(userMenu).toBeVisible();
}

/** No serious or critical accessibility violation (axe-core, WCAG 2.1 A and AA) on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  await animationsSettled(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  expect(serious).toEqual([]);
}

/** The snack bar showing `text` (an earlier one may still be leaving the screen beside it). */
export function message(page: Page, text: string): Locator {
  return page.locator('mat-snack-bar-container').filter({ hasText: text });
}

/**
 * Closes the snack bar showing `text`. While it announces its message it briefly hides it from
 * assistive technology, which the accessibility check would report.
 */
export async function dismissMessage(page: Page, text: string): Promise<void> {
  const shown = message(page, text);
  await shown.getByRole('button', { name: 'Close' }).click();
  await expect(shown).toHaveCount(0);
}

/**
 * Waits for running CSS transitions and animations (a dialog opening, a button changing state):
 * colours measured half-way through would be neither the old nor the new ones.
 */
async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.race([Promise.all(finite.map((animation) => animation.finished.catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, 3000))]);
  });
}

/**
 * The dialog that has just been asked for, once it has taken the focus: Material moves the focus
 * into a dialog when its opening animation ends, and text typed before that lands in whichever
 * field the dialog then focuses.
 */
export async function openedDialog(page: Page, name?: string | RegExp): Promise<Locator> {
  const dialog = name === undefined ? page.getByRole('dialog') : page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  return dialog;
}

/** Closes an open select panel (multiple choice) and waits until its backdrop no longer catches clicks. */
export async function closeSelectPanel(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await animationsSettled(page);
}

/** Saves a screenshot of a main page under test-results/screenshots (kept as a CI artifact and for the user guide). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * `page` starts in English unless a test picks a language (the CRM's default is Azerbaijani);
 * `admin` is the API signed in as the administrator, for preparing users and records.
 */
export const test = base.extend<{ admin: Api }>({
  page: async ({ page }, use) => {
    await page.addInitScript(() => {
      if (localStorage.getItem('crm.language') === null) {
        localStorage.setItem('crm.language', 'en');
      }
    });
    await use(page);
  },
  admin: async ({}, use) => {
    const api = await Api.admin();
    await use(api);
    await api.dispose();
  },
});
