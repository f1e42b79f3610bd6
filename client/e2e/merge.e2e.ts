import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { expect, expectAccessible, message, openedDialog, screenshot, signIn, test } from './support/fixtures';

type Contact = Schema<'ContactResponse'>;
type Candidate = Schema<'DuplicateCandidate'>;

const createContact = (api: Api, body: Schema<'CreateContactRequest'>): Promise<Contact> => api.call<Contact>('POST', '/api/v1/contacts', body);
/** An Azerbaijani mobile number nobody else in the run has: national digits after 0 (e.g. "501234567"). */
const mobile = (): string => `50${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

test.describe('duplicates and merging', () => {
  test('typing the phone of an existing contact into a new one shows the possible duplicate', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const asRep = await Api.signIn(rep);
    const digits = mobile();
    const existing = await createContact(asRep, { name: `Əliyev Rəşad ${unique()}`, phone: `+994${digits}` });
    await asRep.dispose();
    await signIn(page, rep, '/contacts');
    await page.getByRole('link', { name: 'New contact' }).click();
    await expect(page.getByRole('heading', { name: 'New contact' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(`Someone ${unique()}`);
    // Written the local way: 0 50 ... instead of +994 50 ...
    await page.getByLabel('Phone').fill(`0${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5, 7)} ${digits.slice(7)}`);
    await page.getByLabel('E-mail').focus();
    const warning = page.getByTestId('duplicate-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('Possible duplicates');
    const candidate = warning.getByTestId('duplicate-candidate').filter({ hasText: existing.name });
    await expect(candidate).toContainText('Same phone');
    await expect(candidate.getByRole('link', { name: 'Open' })).toHaveAttribute('href', `/contacts/${existing.id}`);
    await expectAccessible(page);
    await screenshot(page, 'contact-duplicate-warning');
    // Saving is still possible.
    await warning.getByRole('button', { name: 'Not a duplicate, hide' }).click();
    await expect(warning).toHaveCount(0);
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  });

  test('merging two contacts keeps the chosen name and both phones, and the old address opens the survivor', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const asRep = await Api.signIn(rep);
    const suffix = unique();
    const [phoneA, phoneB] = [`+994${mobile()}`, `+994${mobile()}`];
    const survivor = await createContact(asRep, { name: `Memmedov E. ${suffix}`, phone: phoneA });
    const duplicate = await createContact(asRep, { name: `Məmmədov Elçin ${suffix}`, phone: phoneB });

    await signIn(page, rep, `/contacts/${survivor.id}`);
    await expect(page.getByRole('heading', { name: survivor.name })).toBeVisible();
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByTestId('merge-with').click();
    const dialog = await openedDialog(page);
    await dialog.getByLabel('Search by name, phone or e-mail').fill(`Elçin ${suffix}`);
    await dialog.getByRole('button', { name: new RegExp(duplicate.name) }).click();

    await expect(page).toHaveURL(new RegExp(`/contacts/${survivor.id}/merge\\?with=${duplicate.id}$`));
    await expect(page.getByRole('heading', { name: 'Merge duplicates' })).toBeVisible();
    await expect(page.getByTestId('merge-points-0')).toContainText(phoneA);
    await expect(page.getByTestId('merge-points-1')).toContainText(phoneB);
    await expect(page.getByTestId('merge-summary')).toContainText(`Everything moves to “${survivor.name}”`);
    await expectAccessible(page);
    await screenshot(page, 'contact-merge');

    await page.getByTestId('merge-field-name').getByRole('radio', { name: duplicate.name }).check();
    await page.getByTestId('merge-confirm').click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${survivor.id}$`));
    await expect(message(page, 'Records merged')).toBeVisible();
    await expect(page.getByRole('heading', { name: duplicate.name })).toBeVisible();

    // Both phones now belong to the survivor: either finds it as the duplicate.
    for (const phone of [phoneA, phoneB]) {
      const found = await asRep.call<Candidate[]>('POST', '/api/v1/contacts/duplicates', { phones: [phone] });
      expect(found.map((c) => c.id)).toEqual([survivor.id]);
    }

    await page.goto(`/contacts/${duplicate.id}`);
    await expect(page).toHaveURL(new RegExp(`/contacts/${survivor.id}$`));
    await expect(page.getByRole('heading', { name: duplicate.name })).toBeVisible();
    await asRep.dispose();
  });
});
