import type { Page } from '@playwright/test';
import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { E2E } from './support/env';
import { closeSelectPanel, expect, expectAccessible, openedDialog, screenshot, signIn, test } from './support/fixtures';

/** Signs in through the API's login endpoint and returns the status, without failing on a refusal. */
async function loginStatus(page: Page, login: string, password: string): Promise<number> {
  const response = await page.request.post(`${E2E.baseUrl}/api/v1/auth/login`, { data: { login, password } });
  return response.status();
}

/** Finds a user in the list by login and opens their row menu. */
async function openUserMenu(page: Page, login: string, displayName: string): Promise<void> {
  await page.getByLabel('Search by name, login or e-mail').fill(login);
  // The header row and this user's: the search has answered.
  await expect(page.getByRole('row')).toHaveCount(2);
  const row = page.getByRole('row').filter({ hasText: login });
  await row.getByRole('button', { name: `Actions for ${displayName}` }).click();
}

test.describe('administration: users', () => {
  test('an admin creates a user who signs in with the one-time password; a reset and a deactivation lock the old ways out', async ({ page, admin }) => {
    const me = await admin.createUser(['admin']);
    await signIn(page, me, '/admin');
    await expect(page).toHaveURL(/\/admin\/users$/);
    const nav = page.getByRole('navigation', { name: 'Administration sections' });
    await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Teams' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Roles' })).toBeVisible();
    await expect(page.getByRole('cell', { name: me.login, exact: true })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'admin-users');

    const login = `rep.${unique()}`;
    const displayName = `Rəşad Quliyev ${unique()}`;
    await page.getByRole('button', { name: 'New user' }).click();
    const form = await openedDialog(page, 'New user');
    await form.getByLabel('Login').fill(login);
    await form.getByLabel('Display name').fill(displayName);
    await form.getByLabel('E-mail').fill(`${login}@example.az`);
    await form.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await form.getByRole('combobox', { name: 'Roles' }).click();
    await page.getByRole('option', { name: 'Sales representative' }).click();
    await closeSelectPanel(page);
    await form.getByRole('button', { name: 'Create user' }).click();

    const shown = await openedDialog(page, 'User created: one-time password');
    await expect(shown).toContainText('It is shown only now');
    await expect(shown).toContainText('must replace it with a password of their own');
    const password = (await shown.getByTestId('one-time-password').textContent())!.trim();
    expect(password.length).toBeGreaterThanOrEqual(10);
    await shown.getByRole('button', { name: 'Copy' }).click();
    await expect(shown.getByRole('button', { name: 'Copied' })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'admin-user-created');
    await shown.getByRole('button', { name: 'Done, I have noted it' }).click();
    await expect(shown).toBeHidden();

    const row = page.getByRole('row').filter({ hasText: login });
    await expect(row).toContainText('Sales representative');
    await expect(row).toContainText('Has not set their own password yet');

    const asNewUser = await Api.signIn({ login, password });
    const profile = await asNewUser.call<Schema<'MeResponse'>>('GET', '/api/v1/auth/me');
    expect(profile.user.mustChangePassword).toBe(true);
    expect(profile.user.locale).toBe('en');
    expect(profile.roles).toContain('sales_rep');
    await asNewUser.dispose();

    await openUserMenu(page, login, displayName);
    await page.getByRole('menuitem', { name: 'Reset password' }).click();
    const confirmReset = page.getByRole('dialog', { name: `Reset the password of ${displayName}?` });
    await expect(confirmReset).toContainText('signed out everywhere at once');
    await confirmReset.getByRole('button', { name: 'Reset password' }).click();
    const reset = await openedDialog(page, 'New one-time password');
    const newPassword = (await reset.getByTestId('one-time-password').textContent())!.trim();
    expect(newPassword).not.toBe(password);
    await reset.getByRole('button', { name: 'Done, I have noted it' }).click();

    expect(await loginStatus(page, login, password)).toBe(401);
    const again = await Api.signIn({ login, password: newPassword });
    await again.dispose();

    await openUserMenu(page, login, displayName);
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    const confirmDeactivate = page.getByRole('dialog', { name: `Deactivate ${displayName}?` });
    await expect(confirmDeactivate).toContainText('all their open sessions end at once');
    await confirmDeactivate.getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByRole('row').filter({ hasText: login })).toContainText('Inactive');

    expect(await loginStatus(page, login, newPassword)).toBe(401);
  });

  test('a taken login is shown on the login field; a login with spaces is refused before it is sent', async ({ page, admin }) => {
    const me = await admin.createUser(['admin']);
    const other = await admin.createUser(['sales_rep']);
    await signIn(page, me, '/admin/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const form = await openedDialog(page, 'New user');

    await form.getByLabel('Login').fill('has a space');
    await form.getByLabel('Display name').fill('Someone');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByText('The format is not valid')).toBeVisible();

    await form.getByLabel('Login').fill(other.login.toUpperCase());
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByText('This is already taken. Choose another one.')).toBeVisible();
    await expect(form.getByLabel('Login')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form).toBeHidden();
  });

  test('a manager sees no Administration and is sent away from it', async ({ page, admin }) => {
    const manager = await admin.createUser(['manager']);
    await signIn(page, manager);
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Customers' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Administration' })).toHaveCount(0);
    await page.goto('/admin/roles');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'Roles' })).toHaveCount(0);
  });
});

test.describe('administration: roles', () => {
  test('an admin defines a role in the grid, reopens it unchanged and gives it to a user; built-in roles are read-only', async ({ page, admin }) => {
    const me = await admin.createUser(['admin']);
    const holder = await admin.createUser(['sales_rep'], `Nigar Əliyeva ${unique()}`);
    await signIn(page, me, '/admin/roles');
    await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
    const managerRow = page.getByRole('row').filter({ hasText: 'Manager' }).filter({ hasText: 'manager' });
    await expect(managerRow).toContainText('Built-in');
    await expectAccessible(page);
    await screenshot(page, 'admin-roles');

    const key = `regional_${unique()}`;
    const label = `Regional ${unique()}`;
    await page.getByRole('link', { name: 'New role' }).click();
    await expect(page.getByRole('heading', { name: 'New role' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(label);
    await page.getByLabel('Key').fill(key);
    await page.getByLabel('Description').fill('Reads every contact, changes their own');
    await expect(page.getByRole('combobox', { name: 'Users: Read' }).locator('option')).toHaveText(['None', 'All']);
    await expect(page.getByRole('combobox', { name: 'Contacts: Read' }).locator('option')).toHaveText(['None', 'Own', 'Team', 'All']);
    await page.getByRole('combobox', { name: 'Contacts: Read' }).selectOption('all');
    await page.getByRole('combobox', { name: 'Contacts: Update' }).selectOption('own');
    await page.getByRole('combobox', { name: 'Deals: Read' }).selectOption('team');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page).toHaveURL(/\/admin\/roles$/);
    await page.getByRole('link', { name: label }).click();
    await expect(page.getByRole('heading', { name: label })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Contacts: Read' })).toHaveValue('all');
    await expect(page.getByRole('combobox', { name: 'Contacts: Update' })).toHaveValue('own');
    await expect(page.getByRole('combobox', { name: 'Deals: Read' })).toHaveValue('team');
    await expect(page.getByRole('combobox', { name: 'Contacts: Delete' })).toHaveValue('none');
    await expectAccessible(page);
    await screenshot(page, 'admin-role-grid');

    const roles = await admin.call<Schema<'RoleList'>>('GET', '/api/v1/roles');
    const saved = roles.items.find((role) => role.name === key)!;
    expect(saved.rules).toEqual([
      { subject: 'Contact', action: 'read', scope: 'all' },
      { subject: 'Contact', action: 'update', scope: 'own' },
      { subject: 'Deal', action: 'read', scope: 'team' },
    ]);

    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Search by name, login or e-mail').fill(holder.login);
    await expect(page.getByRole('row')).toHaveCount(2);
    const row = page.getByRole('row').filter({ hasText: holder.login });
    await row.getByRole('button', { name: /^Actions for / }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const form = await openedDialog(page, 'Edit user');
    await form.getByRole('combobox', { name: 'Roles' }).click();
    await page.getByRole('option', { name: label }).click();
    await closeSelectPanel(page);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden();
    await expect(row).toContainText(label);
    const user = await admin.call<Schema<'UserResponse'>>('GET', `/api/v1/users/${holder.id}`);
    expect(user.roles.sort()).toEqual([key, 'sales_rep'].sort());

    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Roles' }).click();
    await expect(page.getByRole('row').filter({ hasText: label })).toContainText('1');
    await page.getByRole('link', { name: 'Manager', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Manager' })).toBeVisible();
    await expect(page.getByText('This role comes with the CRM and cannot be changed')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
    // No scope select in the read-only grid (the top bar's search is a combobox of its own).
    await expect(page.getByRole('main').getByRole('combobox')).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Copy as a new role' }).click();
    await expect(page.getByRole('heading', { name: 'New role' })).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Manager (copy)');
    await expect(page.getByRole('combobox', { name: 'Contacts: Read' })).toHaveValue('all');
    await expect(page.getByRole('combobox', { name: 'Users: Update' })).toHaveValue('none');
    await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
  });
});

test.describe('administration: teams', () => {
  test('an admin creates a team with a lead and members', async ({ page, admin }) => {
    const me = await admin.createUser(['admin']);
    const suffix = unique();
    const lead = await admin.createUser(['team_lead'], `Leyla Hüseynova ${suffix}`);
    const first = await admin.createUser(['sales_rep'], `Orxan Babayev ${suffix}`);
    const second = await admin.createUser(['sales_rep'], `Günel Rzayeva ${suffix}`);
    await signIn(page, me, '/admin/teams');
    await expect(page.getByRole('heading', { name: 'Teams' })).toBeVisible();

    const name = `Satış — Bakı ${suffix}`;
    await page.getByRole('button', { name: 'New team' }).click();
    const form = await openedDialog(page, 'New team');
    await form.getByLabel('Team name').fill(name);
    const leadInput = form.getByRole('combobox', { name: 'Team lead' });
    await leadInput.fill(`Leyla Hüseynova ${suffix}`);
    await page.getByRole('option', { name: new RegExp(`Leyla Hüseynova ${suffix}`) }).click();
    const membersInput = form.getByRole('combobox', { name: 'Members' });
    await membersInput.fill(suffix);
    await page.getByRole('option', { name: new RegExp(`Orxan Babayev ${suffix}`) }).click();
    await membersInput.fill(`Günel`);
    await page.getByRole('option', { name: new RegExp(`Günel Rzayeva ${suffix}`) }).click();
    await expect(form.getByRole('listitem').filter({ hasText: `Orxan Babayev ${suffix}` })).toBeVisible();
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Create' }).click();
    await expect(form).toBeHidden();

    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(`Leyla Hüseynova ${suffix}`);
    await expect(row).toContainText(`Orxan Babayev ${suffix}`);
    await expect(row).toContainText(`Günel Rzayeva ${suffix}`);
    await expectAccessible(page);
    await screenshot(page, 'admin-teams');

    const teams = await admin.call<Schema<'TeamPage'>>('GET', `/api/v1/teams?q=${encodeURIComponent(suffix)}`);
    const team = teams.items.find((t) => t.name === name)!;
    expect(team.leadId).toBe(lead.id);
    expect(team.memberIds.sort()).toEqual([first.id, second.id].sort());

    await row.getByRole('button', { name: `Delete ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Delete the team ${name}?` });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  });
});
