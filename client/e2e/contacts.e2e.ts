import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { dismissMessage, expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';

type Contact = Schema<'ContactResponse'>;

const createContact = (api: Api, body: Schema<'CreateContactRequest'>): Promise<Contact> => api.call<Contact>('POST', '/api/v1/contacts', body);

test.describe('contacts', () => {
  test('a sales rep creates a contact, corrects a field, edits it and sees the change in its history', async ({ page, admin }) => {
    const repName = `Quliyev Rəşad ${unique()}`;
    const rep = await admin.createUser(['sales_rep'], repName);
    const name = `Həsənova Leyla ${unique()}`;
    await signIn(page, rep, '/contacts');
    await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
    await expect(page.getByTestId('contacts-empty')).toContainText('There are no contacts yet');

    await page.getByRole('link', { name: 'New contact' }).click();
    await expect(page.getByRole('heading', { name: 'New contact' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Phone').fill('+994 50 111 22 33');
    await page.getByLabel('E-mail').fill('leyla@');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByText('Enter a valid e-mail address')).toBeVisible();
    await expect(page).toHaveURL(/\/contacts\/new$/);
    await expectAccessible(page);
    await screenshot(page, 'contact-new');

    await page.getByLabel('E-mail').fill('leyla@example.az');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name })).toBeVisible();
    // An existing contact opens on its timeline: what happened last comes first.
    await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('record-timeline')).toBeVisible();
    await expect(page.getByLabel('E-mail')).toHaveCount(0);
    await page.getByRole('tab', { name: 'Details' }).click();
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}\?tab=details$/);
    await expect(page.getByLabel('E-mail')).toHaveValue('leyla@example.az');

    await page.getByLabel('Phone').fill('+994 55 444 55 66');
    await page.getByRole('button', { name: 'Save' }).click();
    await dismissMessage(page, 'Changes saved');
    await expectAccessible(page);
    await screenshot(page, 'contact-edit');

    await page.getByRole('tab', { name: 'History' }).click();
    const edit = page.getByTestId('history-entry').filter({ hasText: 'Changed' });
    await expect(edit).toHaveCount(1);
    // Who changed it, by name.
    await expect(edit).toContainText(`by ${repName}`);
    const phone = edit.locator('tr[data-field="phone"]');
    // Phones are stored in E.164, however they were typed.
    await expect(phone.getByTestId('history-old')).toHaveText('+994501112233');
    await expect(phone.getByTestId('history-new')).toHaveText('+994554445566');
    await expect(page.getByTestId('history-entry').filter({ hasText: 'Created' })).toContainText(name);
    await expectAccessible(page);
    await screenshot(page, 'contact-history');
    // The tab is in the address: a reload opens the history again.
    await expect(page).toHaveURL(/\?tab=history$/);
    await page.reload();
    await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('history-entry').filter({ hasText: 'Changed' })).toHaveCount(1);

    await page.getByRole('link', { name: 'All contacts' }).click();
    const row = page.getByTestId('contacts-table').getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('+994554445566');
    await expect(row).toContainText('leyla@example.az');
    await row.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  });

  test("a rep does not see another rep's contact: not listed, not found by search, not opened by its address", async ({ page, admin }) => {
    const tag = unique();
    const [owner, other] = await Promise.all([admin.createUser(['sales_rep']), admin.createUser(['sales_rep'])]);
    const [ownerApi, otherApi] = await Promise.all([Api.signIn(owner), Api.signIn(other)]);
    const hidden = await createContact(ownerApi, { name: `Əliyeva Günel ${tag}`, phone: '+994501234500' });
    const visible = await createContact(otherApi, { name: `Kərimov Orxan ${tag}` });

    await signIn(page, other, '/contacts');
    await expect(page.getByRole('link', { name: visible.name })).toBeVisible();
    await expect(page.getByText(hidden.name)).toHaveCount(0);

    await page.getByLabel('Search by name, phone or e-mail').fill(tag);
    await expect(page).toHaveURL(new RegExp(`q=${tag}`));
    await expect(page.getByTestId('contact-total')).toHaveText('Total: 1');
    await expect(page.getByRole('link', { name: visible.name })).toBeVisible();
    // Without the shared tag: with it, the typo-tolerant fallback may offer the visible contact as similar.
    await page.getByLabel('Search by name, phone or e-mail').fill('Əliyeva Günel');
    await expect(page.getByTestId('contacts-empty')).toContainText('No contact matches “Əliyeva Günel”');

    await page.goto(`/contacts/${hidden.id}`);
    await expect(page.getByTestId('contact-not-found')).toContainText('Contact not found');
    await expect(page.getByTestId('contact-not-found')).toContainText('not visible to you');
    await expect(page.getByLabel('Name', { exact: true })).toHaveCount(0);
    await expectAccessible(page);
    await screenshot(page, 'contact-not-found');
    await Promise.all([ownerApi.dispose(), otherApi.dispose()]);
  });

  test('the search in the top bar folds Azerbaijani letters', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    await createContact(api, { name: 'Məmmədov Elçin', phone: '+994501234567' });
    await createContact(api, { name: 'Hüseynova Səbinə' });
    await api.dispose();

    await signIn(page, rep);
    const topSearch = page.getByRole('search').getByRole('combobox');
    await topSearch.fill('Memmedov');
    await topSearch.press('Enter');
    await expect(page).toHaveURL(/\/contacts\?q=Memmedov$/);
    await expect(page.getByLabel('Search by name, phone or e-mail')).toHaveValue('Memmedov');
    await expect(page.getByRole('link', { name: 'Məmmədov Elçin' })).toBeVisible();
    await expect(page.getByTestId('contact-total')).toHaveText('Total: 1');
    await expect(page.getByText('Hüseynova Səbinə')).toHaveCount(0);

    await page.getByLabel('Search by name, phone or e-mail').fill('elcin');
    await expect(page).toHaveURL(/\/contacts\?q=elcin$/);
    await expect(page.getByRole('link', { name: 'Məmmədov Elçin' })).toBeVisible();
  });

  test('saving a stale form explains that someone else changed the contact, and Reload shows their change', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const contact = await createContact(api, { name: `Quliyev Rəşad ${unique()}`, phone: '+994501110000' });

    // A link to the card's form.
    await signIn(page, rep, `/contacts/${contact.id}?tab=details`);
    await expect(page.getByRole('tab', { name: 'Details' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(contact.name);
    await api.call('PATCH', `/api/v1/contacts/${contact.id}`, { phone: '+994702223344' }, { 'If-Match': `"${contact.version}"` });
    await api.dispose();

    await page.getByLabel('Name', { exact: true }).fill(`${contact.name} VIP`);
    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByTestId('contact-conflict');
    await expect(conflict).toContainText('Someone else changed this contact');
    await expect(conflict).toContainText('your changes were not saved');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${contact.name} VIP`);
    await expectAccessible(page);
    await screenshot(page, 'contact-conflict');

    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expect(conflict).toBeHidden();
    await expect(page.getByLabel('Phone')).toHaveValue('+994702223344');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(contact.name);

    await page.getByLabel('Name', { exact: true }).fill(`${contact.name} VIP`);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Changes saved')).toBeVisible();
    await expect(page.getByRole('heading', { name: `${contact.name} VIP` })).toBeVisible();
  });

  test('sorting by name and "Show more" page through the server', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const prefix = `Srt${unique()}`;
    const names = Array.from({ length: 30 }, (_, i) => `${prefix} ${String(i + 1).padStart(2, '0')}`);
    for (let i = 0; i < names.length; i += 10) {
      await Promise.all(names.slice(i, i + 10).map((name) => createContact(api, { name, email: `${name.replace(' ', '.').toLowerCase()}@example.az` })));
    }
    await api.dispose();

    await signIn(page, rep, '/contacts');
    await page.getByLabel('Search by name, phone or e-mail').fill(prefix);
    await expect(page).toHaveURL(new RegExp(`q=${prefix}`));
    await expect(page.getByTestId('contact-total')).toHaveText('Total: 30');
    const rows = page.getByTestId('contacts-table').locator('tbody tr');
    await expect(rows).toHaveCount(25);

    await page.getByRole('columnheader', { name: 'Name' }).click();
    await expect(page).toHaveURL(/sort=name(&|$)/);
    await expect(rows.first()).toContainText(`${prefix} 01`);
    await expect(rows.nth(24)).toContainText(`${prefix} 25`);
    await expect(page.getByTestId('contacts-shown')).toHaveText('Showing 25 of 30');
    await expectAccessible(page);
    await screenshot(page, 'contacts-list');

    await page.getByRole('button', { name: 'Show more' }).click();
    await expect(rows).toHaveCount(30);
    await expect(rows.nth(29)).toContainText(`${prefix} 30`);
    await expect(page.getByTestId('contacts-shown')).toHaveText('Showing 30 of 30');
    await expect(page.getByRole('button', { name: 'Show more' })).toHaveCount(0);

    await page.getByRole('columnheader', { name: 'Name' }).click();
    await expect(page).toHaveURL(/sort=-name/);
    await expect(rows.first()).toContainText(`${prefix} 30`);
    await expect(rows).toHaveCount(25);

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('columnheader', { name: 'E-mail' })).toHaveCount(0);
    await expect(rows.first()).toContainText(`${prefix} 30`);
    await expectAccessible(page);
    await screenshot(page, 'contacts-list-phone');
  });

  test('switching to Azerbaijani shows the contacts list in Azerbaijani', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    await createContact(api, { name: 'Nəsibova Aytən', phone: '+994552223344' });
    await api.dispose();

    await signIn(page, rep, '/contacts');
    await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
    await page.getByTestId('language-menu').click();
    await page.getByRole('menuitem', { name: 'Azərbaycanca' }).click();

    await expect(page.getByRole('heading', { name: 'Əlaqə şəxsləri' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Yeni əlaqə şəxsi' })).toBeVisible();
    await expect(page.getByLabel('Ad, telefon və ya e-poçt üzrə axtarış')).toBeVisible();
    await expect(page.getByText('Yalnız mənimkilər')).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Məsul şəxs' })).toBeVisible();
    await expect(page.getByTestId('contact-total')).toHaveText('Cəmi: 1');
    await expectAccessible(page);
    await screenshot(page, 'contacts-list-az');
  });
});
