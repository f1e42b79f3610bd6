import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';

type Role = Schema<'RoleResponse'>;

/** A custom role created by the administrator: its creation is what the auditor looks for. */
async function createRole(admin: Api): Promise<Role> {
  const key = unique();
  return admin.call<Role>('POST', '/api/v1/roles', {
    name: `audit_${key}`,
    label: `Regional auditor ${key}`,
    description: 'Made by the audit log test',
    rules: [{ subject: 'Contact', action: 'read', scope: 'own' }],
  });
}

async function chooseOption(page: Page, field: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: field }).click();
  await page.getByRole('option', { name: option }).click();
}

const rows = (page: Page) => page.getByTestId('audit-row');

test.describe('the audit log', () => {
  test('an auditor finds the creation of a role, opens it and narrows the list to that role', async ({ page, admin }) => {
    const role = await createRole(admin);
    const me = await admin.call<Schema<'MeResponse'>>('GET', '/api/v1/auth/me');
    const auditor = await admin.createUser(['auditor']);
    await signIn(page, auditor);

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await expect(page.getByTestId('chain-status')).toContainText('The chain is intact');

    await chooseOption(page, 'Record type', 'Roles');
    await expect(page).toHaveURL(/[?&]tableName=roles/);
    await page.getByRole('combobox', { name: 'Who' }).fill('admin');
    const adminName = me.user.displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page.getByRole('option', { name: new RegExp(`^${adminName}\\s+admin$`) }).click();
    await expect(page).toHaveURL(new RegExp(`actorId=${me.user.id}`));

    const created = rows(page).filter({ hasText: role.label });
    await expect(created).toHaveCount(1);
    await expect(created).toContainText('Created');
    await expect(created).toContainText('Roles');
    await expectAccessible(page);
    await screenshot(page, 'audit-list');

    // The filtered view survives a reload: the filters live in the address.
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Record type' })).toContainText('Roles');
    await expect(page.getByRole('combobox', { name: 'Who' })).toHaveValue(`${me.user.displayName} (admin)`);
    await expect(created).toHaveCount(1);

    await created.getByRole('link').click();
    await expect(page).toHaveURL(/\/audit\/\d+\?/);
    await expect(page.getByRole('heading', { name: /^Event #\d+$/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Values of the new record' })).toBeVisible();
    await expect(page.getByTestId('event-record-id')).toHaveText(role.id);
    const diff = page.getByTestId('audit-diff');
    await expect(diff.locator('tr[data-field="label"] ins')).toHaveText(role.label);
    await expect(diff.locator('tr[data-field="name"] ins')).toHaveText(role.name);
    await expect(diff.locator('tr[data-field="rules"] ins')).toContainText('"subject": "Contact"');
    await expect(page.getByTestId('event-actor')).toContainText(me.user.displayName);
    await expectAccessible(page);
    await screenshot(page, 'audit-detail');

    await page.getByTestId('record-history').click();
    await expect(page).toHaveURL(new RegExp(`recordId=${role.id}`));
    await expect(rows(page).first()).toBeVisible();
    // The creation and the "rules changed" event of the same request, and nothing of other records.
    await expect(rows(page)).toHaveCount(2);
    for (const recordId of await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-record-id')))) {
      expect(recordId).toBe(role.id);
    }
    await expect(rows(page).filter({ hasText: 'Role rules changed' })).toHaveCount(1);
  });

  test('a change of a role appears as an update with the old and the new value', async ({ page, admin }) => {
    const role = await createRole(admin);
    const auditor = await admin.createUser(['auditor']);
    await signIn(page, auditor, `/audit?tableName=roles&recordId=${role.id}`);
    await expect(rows(page)).toHaveCount(2);

    const newLabel = `Renamed ${unique()}`;
    await admin.call('PATCH', `/api/v1/roles/${role.id}`, { label: newLabel, version: role.version });
    await page.getByRole('button', { name: 'Reload the list' }).click();
    await expect(rows(page)).toHaveCount(3);
    const updated = rows(page).first();
    await expect(updated).toContainText('Changed');
    await expect(updated).toContainText('Label');
    await updated.getByRole('link').click();

    await expect(page.getByRole('heading', { name: 'Changed fields' })).toBeVisible();
    const label = page.getByTestId('audit-diff').locator('tr[data-field="label"]');
    await expect(label.locator('del')).toHaveText(role.label);
    await expect(label.locator('ins')).toHaveText(newLabel);
    await expect(label.locator('del')).toHaveCSS('text-decoration-line', 'line-through');
    // Only what changed: the version and the time of the change are bookkeeping.
    await expect(page.getByTestId('audit-diff').locator('tbody tr')).toHaveCount(1);
    await screenshot(page, 'audit-detail-update');

    await page.getByRole('link', { name: 'Back to the list' }).click();
    await expect(page).toHaveURL(new RegExp(`/audit\\?tableName=roles&recordId=${role.id}$`));
    await expect(rows(page)).toHaveCount(3);

    // A shared link to the event opens it in a fresh page too.
    const eventUrl = `/audit/${await updated.getAttribute('data-event-id')}`;
    await page.goto(eventUrl);
    await expect(page.getByTestId('audit-diff').locator('tr[data-field="label"] ins')).toHaveText(newLabel);
  });

  test('the chain is verified again on request', async ({ page, admin }) => {
    const auditor = await admin.createUser(['auditor']);
    await signIn(page, auditor, '/audit');
    const status = page.getByTestId('chain-status');
    await expect(status).toContainText('The chain is intact');
    await expect(status).toContainText(/\d+ sealed events checked \(/);
    let verified = 0;
    // The answer is held back until the page has shown that it is checking.
    let answer!: () => void;
    const checkingShown = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/v1/audit/verify', async (route) => {
      verified += 1;
      await checkingShown;
      await route.continue();
    });
    await status.getByRole('button', { name: 'Verify again' }).click();
    await expect(status.getByText('Checking the chain of entries…')).toBeVisible();
    answer();
    await expect(status).toContainText('The chain is intact');
    expect(verified).toBe(1);
  });

  test('export downloads a CSV file of the current filters', async ({ page, admin }) => {
    const role = await createRole(admin);
    const auditor = await admin.createUser(['auditor']);
    await signIn(page, auditor, `/audit?tableName=roles&recordId=${role.id}`);
    await expect(rows(page)).toHaveCount(2);

    await page.getByRole('button', { name: 'Export' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: /CSV/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-events-roles-${role.id}-\\d{8}-\\d{4}\\.csv$`));
    const content = readFileSync((await download.path())!, 'utf8');
    expect(content.split('\r\n')[0]).toBe('id,occurredAt,actorLogin,actorId,ip,requestId,kind,action,tableName,recordId,changes,details,sealed');
    expect(content).toContain(role.name);
    // The header and the two events of that role: the filters went with the request.
    expect(content.trimEnd().split('\r\n')).toHaveLength(3);
    await expect(page.getByText('The file was downloaded.')).toBeVisible();
  });

  test('a failed export is explained', async ({ page, admin }) => {
    const auditor = await admin.createUser(['auditor']);
    await signIn(page, auditor, '/audit');
    await page.route('**/api/v1/audit/events/export**', (route) =>
      route.fulfill({ status: 403, contentType: 'application/problem+json', body: JSON.stringify({ type: 'urn:crm:problem:forbidden', title: 'Forbidden', status: 403, detail: 'no' }) }),
    );
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: /NDJSON/ }).click();
    await expect(page.getByTestId('export-error')).toContainText('The export failed. You are not allowed to do this.');
  });

  test('the list works on a phone', async ({ page, admin }) => {
    const role = await createRole(admin);
    const auditor = await admin.createUser(['auditor']);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, auditor, `/audit?recordId=${role.id}`);
    await expect(rows(page)).toHaveCount(2);
    // The filters fold away behind a button, so that the events come first.
    await expect(page.getByRole('combobox', { name: 'Record type' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Filters (1 active)' })).toBeVisible();
    await page.getByTestId('audit-events').scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'audit-list-phone');
    await page.getByRole('button', { name: /^Filters/ }).click();
    await expect(page.getByRole('combobox', { name: 'Record type' })).toBeVisible();
    await expect(page.getByLabel('Record id')).toHaveValue(role.id);
    await rows(page).filter({ hasText: 'Created' }).getByRole('link').click();
    await expect(page.getByTestId('audit-diff').locator('tr[data-field="label"] ins')).toHaveText(role.label);
  });

  test('a sales rep has no audit log', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    await signIn(page, rep);
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    await page.goto('/audit');
    await expect(page.getByTestId('user-menu')).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'Audit log' })).toHaveCount(0);
  });

  test('the audit log speaks Russian after switching the language', async ({ page, admin }) => {
    const auditor = await admin.createUser(['auditor']);
    await signIn(page, auditor, '/audit?tableName=roles');
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await page.getByTestId('language-menu').click();
    await page.getByRole('menuitem', { name: 'Русский' }).click();
    await expect(page.getByRole('heading', { name: 'Журнал аудита', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Целостность журнала' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Тип записи' })).toContainText('Роли');
    await expect(page.getByRole('columnheader', { name: 'Действие' })).toBeVisible();
    await expect(page.getByText('Цепочка цела')).toBeVisible();
  });
});
