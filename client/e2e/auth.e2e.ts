import { Api } from './support/api';
import { expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';

test.describe('signing in', () => {
  test('a new user replaces the one-time password at first sign-in, then signs out', async ({ page, admin }) => {
    const user = await admin.createUserWithOneTimePassword(['sales_rep'], 'Aysel Məmmədova');
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText('Xəzər Ticarət MMC')).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'login');

    await page.getByLabel('Login').fill(user.login);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/change-password$/);
    await expect(page.getByText('You signed in with a one-time password')).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Current password').fill(user.password);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the new password').fill('different');
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page.getByText('At least 10 characters')).toBeVisible();
    await expect(page.getByText('The passwords do not match')).toBeVisible();

    await page.getByLabel('New password', { exact: true }).fill('Aysel-own-password-1');
    await page.getByLabel('Repeat the new password').fill('Aysel-own-password-1');
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome, Aysel Məmmədova' })).toBeVisible();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/contacts');
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Fcontacts/);

    const again = await Api.signIn({ login: user.login, password: 'Aysel-own-password-1' });
    await again.dispose();
  });

  test('a wrong password is explained on the page', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Login').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-error')).toHaveText('Wrong login or password.');
  });

  test('a reload keeps the session; an expired session returns to the same page after signing in', async ({ page, admin }) => {
    const user = await admin.createUser(['sales_rep']);
    await signIn(page, user, '/contacts?q=abc');
    await expect(page).toHaveURL(/\/contacts\?q=abc$/);
    await page.reload();
    await expect(page.getByTestId('user-menu')).toBeVisible();
    await expect(page).toHaveURL(/\/contacts\?q=abc$/);

    // The refresh cookie is gone (revoked elsewhere, or expired): the next renewal fails.
    await page.context().clearCookies();
    await page.reload();
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Fcontacts%3Fq%3Dabc$/);
    await page.getByLabel('Login').fill(user.login);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/contacts\?q=abc$/);
  });
});

test.describe('the frame of the application', () => {
  test('a sales rep sees only the sections their role allows', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    await signIn(page, rep);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Administration' })).toHaveCount(0);
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/$/);
    await expectAccessible(page);
    await screenshot(page, 'home');
  });

  test('the language switch changes every text, is kept for the user and formats numbers', async ({ page, admin }) => {
    const user = await admin.createUser(['manager']);
    await signIn(page, user);
    await page.getByTestId('language-menu').click();
    await page.getByRole('menuitem', { name: 'Azərbaycanca' }).click();
    await expect(page.getByRole('link', { name: 'Müştərilər' }).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'az');
    await expectAccessible(page);

    await page.getByTestId('language-menu').click();
    await page.getByRole('menuitem', { name: 'Русский' }).click();
    await expect(page.getByRole('link', { name: 'Клиенты' }).first()).toBeVisible();
    await screenshot(page, 'home-ru');

    // Kept on the server: a new browser signs in and finds Russian.
    const other = await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
    const otherPage = await other.newPage();
    await signIn(otherPage, user);
    await expect(otherPage.getByRole('link', { name: 'Клиенты' }).first()).toBeVisible();
    await other.close();
  });

  test('a phone-sized screen opens the navigation from the menu button', async ({ page, admin }) => {
    const user = await admin.createUser(['admin']);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, user);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link', { name: 'Customers' })).toBeHidden();
    await page.getByRole('button', { name: 'Open or close the menu' }).click();
    await nav.getByRole('link', { name: 'Customers' }).click();
    await expect(page).toHaveURL(/\/contacts/);
    await expectAccessible(page);
    await screenshot(page, 'phone-contacts');
  });

  test('losing the server shows a banner, and it goes when the server answers again', async ({ page, admin }) => {
    const user = await admin.createUser(['sales_rep']);
    await signIn(page, user);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Customers' }).click();
    await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
    await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The server cannot be reached' })).toBeVisible();
    await page.unroute('**/api/v1/**');
    await page.goto('/');
    await expect(page.getByRole('alert').filter({ hasText: 'The server cannot be reached' })).toHaveCount(0);
  });
});
