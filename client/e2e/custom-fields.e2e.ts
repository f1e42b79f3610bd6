import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { closeSelectPanel, expect, expectAccessible, openedDialog, screenshot, signIn, test } from './support/fixtures';

test.describe('custom fields and saved views', () => {
  test('an admin defines a choice field, a rep fills it, filters the list by it and keeps the list as a view', async ({ page, admin }) => {
    const id = unique();
    const segment = `Segment ${id}`;
    const key = `segment_${id}`;
    const me = await admin.createUser(['admin']);
    const rep = await admin.createUser(['sales_rep']);

    // The administrator defines a choice field with two options.
    await signIn(page, me, '/admin/custom-fields');
    await expect(page.getByRole('heading', { name: 'Custom fields' })).toBeVisible();
    await page.getByRole('button', { name: 'New field' }).click();
    const dialog = await openedDialog(page);
    await dialog.getByLabel('Key').fill(key);
    await dialog.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Choice from a list' }).click();
    await dialog.getByRole('group', { name: 'Name in each language' }).getByLabel('English').fill(segment);
    await dialog.getByRole('group', { name: 'Name in each language' }).getByLabel('Azerbaijani').fill(`Seqment ${id}`);
    for (const [value, label] of [['vip', 'VIP'], ['retail', 'Retail']]) {
      await dialog.getByRole('button', { name: 'Add choice' }).click();
      const option = dialog.locator('.option').last();
      await option.getByLabel('Value').fill(value);
      await option.getByLabel('English').fill(label);
    }
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('custom-fields-table')).toContainText(segment);
    await expectAccessible(page);
    await screenshot(page, 'custom-fields-admin');

    // A second field, defined through the API, whose bad value the server explains on the field.
    const mobile = `Mobile ${id}`;
    await admin.call('POST', '/api/v1/custom-fields', { entity: 'contact', key: `mobile_${id}`, type: 'phone', labels: { en: mobile } });

    // The rep fills the fields on a new contact; a bad phone number is shown on its field.
    const repApi = await Api.signIn(rep);
    const other = await repApi.call<Schema<'ContactResponse'>>('POST', '/api/v1/contacts', { name: `Retail ${id}`, custom: { [key]: 'retail' } });
    expect(other.custom).toEqual({ [key]: 'retail' });
    await repApi.dispose();

    await page.context().clearCookies();
    await page.evaluate(() => sessionStorage.clear());
    await signIn(page, rep, '/contacts/new');
    const name = `VIP ${id}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('combobox', { name: segment }).click();
    await page.getByRole('option', { name: 'VIP' }).click();
    await page.getByLabel(mobile).fill('12');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByText('must be a valid phone number')).toBeVisible();
    await expect(page).toHaveURL(/\/contacts\/new$/);
    await page.getByLabel(mobile).fill('050 123 45 67');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await page.getByRole('tab', { name: 'Details' }).click();
    await expect(page.getByLabel(mobile)).toHaveValue('+994501234567');
    await expect(page.getByRole('combobox', { name: segment })).toContainText('VIP');

    // The list filters by the choice.
    await page.goto('/contacts');
    const table = page.getByTestId('contacts-table');
    await expect(table).toContainText(name);
    await expect(table).toContainText(`Retail ${id}`);
    await page.getByRole('combobox', { name: segment }).click();
    await page.getByRole('option', { name: 'VIP' }).click();
    await closeSelectPanel(page);
    await expect(page).toHaveURL(new RegExp(`cf=${key}(:|%3A)eq(:|%3A)vip`));
    await expect(table).toContainText(name);
    await expect(table).not.toContainText(`Retail ${id}`);

    // The rep keeps the filtered list as a view and applies it again after leaving.
    await page.getByTestId('saved-views').click();
    await page.getByRole('menuitem', { name: 'Save current view…' }).click();
    const save = await openedDialog(page);
    await save.getByLabel('Name').fill(`My VIPs ${id}`);
    await save.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(`View "My VIPs ${id}" saved`)).toBeVisible();

    await page.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await page.goto('/contacts');
    await expect(table).toContainText(`Retail ${id}`);
    await page.getByTestId('saved-views').click();
    await page.getByRole('menuitem', { name: `My VIPs ${id}` }).click();
    await page.getByRole('menuitem', { name: 'Apply' }).click();
    await expect(page).toHaveURL(new RegExp(`cf=${key}(:|%3A)eq(:|%3A)vip`));
    await expect(table).toContainText(name);
    await expect(table).not.toContainText(`Retail ${id}`);
    await expect(page.getByRole('combobox', { name: segment })).toContainText('VIP');
    await screenshot(page, 'contacts-saved-view');
  });
});
