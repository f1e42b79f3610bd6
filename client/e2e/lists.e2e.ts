import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { expect, expectAccessible, openedDialog, screenshot, signIn, test } from './support/fixtures';

type Contact = Schema<'ContactResponse'>;

test.describe('customer lists', () => {
  test('a team lead picks two contacts, gives them to a team member and finds them by that owner', async ({ page, admin }) => {
    const id = unique();
    const lead = await admin.createUser(['team_lead'], `Rəhbər ${id}`);
    const member = await admin.createUser(['sales_rep'], `Qasımova Nərmin ${id}`);
    await admin.call('POST', '/api/v1/teams', { name: `Satış ${id}`, leadId: lead.id, memberIds: [member.id] });
    const api = await Api.signIn(lead);
    const names = [`Verilən Bir ${id}`, `Verilən İki ${id}`, `Verilən Qalan ${id}`];
    for (const name of names) {
      await api.call<Contact>('POST', '/api/v1/contacts', { name });
    }
    await api.dispose();

    await signIn(page, lead, `/contacts?q=${id}`);
    const table = page.getByTestId('contacts-table');
    const row = (name: string) => table.getByRole('row').filter({ hasText: name });
    await expect(row(names[2])).toContainText(`Rəhbər ${id}`);
    await row(names[0]).getByRole('checkbox', { name: `Select ${names[0]}` }).check();
    await row(names[1]).getByRole('checkbox', { name: `Select ${names[1]}` }).check();
    const bar = page.getByTestId('selection-bar');
    await expect(bar.getByRole('status')).toHaveText('Selected: 2');
    await expect(page.getByRole('checkbox', { name: 'Select all rows on this page' })).toBeChecked({ checked: false });
    await expectAccessible(page);
    await screenshot(page, 'contacts-list-selection');

    await bar.getByRole('button', { name: 'Assign to…' }).click();
    const dialog = await openedDialog(page, 'Give 2 contacts to another responsible person');
    await dialog.getByRole('combobox', { name: 'New responsible person' }).fill('qasimova nermin');
    await page.getByRole('option', { name: `Qasımova Nərmin ${id}` }).click();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Responsible person changed for 2 records')).toBeVisible();
    await expect(bar).toHaveCount(0);
    await expect(row(names[0])).toContainText(`Qasımova Nərmin ${id}`);
    await expect(row(names[1])).toContainText(`Qasımova Nərmin ${id}`);
    await expect(row(names[2])).toContainText(`Rəhbər ${id}`);

    // The owner filter offers the team; picking the member narrows the list to what they now own.
    await page.getByRole('combobox', { name: 'Responsible person' }).click();
    await expect(page.getByRole('option')).toHaveText([`Qasımova Nərmin ${id}`, `Rəhbər ${id}`]);
    await page.getByRole('option', { name: `Qasımova Nərmin ${id}` }).click();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(new RegExp(`owner=${member.id}`));
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(table).not.toContainText(names[2]);
  });

  test('a sales rep has no checkboxes and no owner filter, only "Only mine"', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const name = `Öz Müştərim ${unique()}`;
    await api.call<Contact>('POST', '/api/v1/contacts', { name });
    await api.dispose();

    await signIn(page, rep, '/contacts');
    await expect(page.getByTestId('contacts-table')).toContainText(name);
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByRole('switch', { name: 'Only mine' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Responsible person' })).toHaveCount(0);
  });

  test('a manager adds a custom field column, sees its values and keeps the columns in a saved view', async ({ page, admin }) => {
    const id = unique();
    const key = `budget_${id}`;
    const label = `Budget ${id}`;
    const tier = `Tier ${id}`;
    await admin.call('POST', '/api/v1/custom-fields', { entity: 'contact', key, type: 'money', labels: { en: label, az: `Büdcə ${id}` } });
    await admin.call('POST', '/api/v1/custom-fields', {
      entity: 'contact', key: `tier_${id}`, type: 'select', labels: { en: tier },
      options: [{ value: 'gold', labels: { en: 'Gold customer' } }],
    });
    const manager = await admin.createUser(['manager']);
    const api = await Api.signIn(manager);
    const name = `Sütunlu ${id}`;
    await api.call<Contact>('POST', '/api/v1/contacts', { name, phone: '+994501112233', custom: { [key]: { amount: 1500, currency: 'AZN' }, [`tier_${id}`]: 'gold' } });
    await api.dispose();

    await signIn(page, manager, `/contacts?q=${encodeURIComponent(name)}`);
    const table = page.getByTestId('contacts-table');
    await expect(table).toContainText(name);
    await expect(page.getByRole('columnheader', { name: label })).toHaveCount(0);

    await page.getByRole('button', { name: 'Columns' }).click();
    const menu = page.getByRole('menu', { name: 'Columns shown' });
    await menu.getByRole('menuitemcheckbox', { name: label }).click();
    await menu.getByRole('menuitemcheckbox', { name: tier }).click();
    await menu.getByRole('menuitemcheckbox', { name: 'Phone' }).click();
    await expect(menu.getByRole('menuitemcheckbox', { name: label })).toHaveAttribute('aria-checked', 'true');
    await expect(menu.getByRole('menuitemcheckbox', { name: 'Phone' })).toHaveAttribute('aria-checked', 'false');
    await expectAccessible(page);
    await page.keyboard.press('Escape');

    await expect(page).toHaveURL(new RegExp(`columns=name(,|%2C)`));
    await expect(page.getByRole('columnheader', { name: label })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Phone' })).toHaveCount(0);
    const cells = table.getByRole('row').filter({ hasText: name });
    await expect(cells).toContainText(/AZN\s?1,500\.00|1,500\.00\s?AZN|₼/);
    await expect(cells).toContainText('Gold customer');
    await screenshot(page, 'contacts-list-columns');

    // Saved as a view, the columns come back with it.
    await page.getByTestId('saved-views').click();
    await page.getByRole('menuitem', { name: 'Save current view…' }).click();
    const save = await openedDialog(page);
    await save.getByLabel('Name').fill(`Budgets ${id}`);
    await save.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(`View "Budgets ${id}" saved`)).toBeVisible();

    await page.goto('/contacts');
    await expect(page.getByRole('columnheader', { name: 'Phone' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: label })).toHaveCount(0);
    await page.getByTestId('saved-views').click();
    await page.getByRole('menuitem', { name: `Budgets ${id}` }).click();
    await page.getByRole('menuitem', { name: 'Apply' }).click();
    await expect(page.getByRole('columnheader', { name: label })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: tier })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Phone' })).toHaveCount(0);
    await expect(table.getByRole('row').filter({ hasText: name })).toContainText('Gold customer');
  });
});
