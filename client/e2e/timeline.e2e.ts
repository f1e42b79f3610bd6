import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { expect, expectAccessible, openedDialog, screenshot, signIn, test } from './support/fixtures';

type Contact = Schema<'ContactResponse'>;

test.describe('contact timeline and files', () => {
  test('a sales rep logs a call from the card and sees it above the edit of the contact; uploads and downloads a file', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const contact = await api.call<Contact>('POST', '/api/v1/contacts', { name: `Nəsibova Aytən ${unique()}` });
    await api.dispose();

    await signIn(page, rep, `/contacts/${contact.id}`);
    await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByLabel('Name', { exact: true }).fill(`${contact.name} VIP`);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: `${contact.name} VIP` })).toBeVisible();

    await page.getByTestId('quick-call').click();
    const dialog = await openedDialog(page);
    await expect(dialog.getByRole('heading', { name: 'Log a call' })).toBeVisible();
    await dialog.getByLabel('Duration (minutes)').fill('3');
    await dialog.getByTestId('activity-outcome').click();
    await page.getByRole('option', { name: 'No answer' }).click();
    await dialog.getByLabel('Subject').fill('Price offer');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('tab', { name: 'Timeline' }).click();
    const entries = page.getByTestId('timeline-entry');
    await expect(entries.first()).toHaveAttribute('data-type', 'call');
    await expect(entries.first()).toContainText('Price offer');
    await expect(entries.first()).toContainText('No answer');
    await expect(entries.first()).toContainText('3:00');
    await expect(entries.first()).toContainText('Outgoing');
    const edit = entries.filter({ hasText: 'Changed' });
    await expect(edit).toHaveCount(1);
    await expect(edit.locator('[data-field="name"]')).toContainText(`${contact.name} VIP`);
    await expect(entries.filter({ hasText: 'Created' })).toHaveCount(1);
    await expectAccessible(page);
    await screenshot(page, 'contact-timeline');

    await page.locator('mat-chip-option[data-type="call"]').click();
    await expect(entries).toHaveCount(1);
    await page.locator('mat-chip-option[data-type="call"]').click();
    await expect(entries).toHaveCount(3);

    await page.getByRole('tab', { name: 'Files' }).click();
    const content = randomBytes(50_000);
    await page.getByTestId('attachment-input').setInputFiles({ name: 'müqavilə.pdf', mimeType: 'application/pdf', buffer: content });
    const file = page.getByTestId('attachment').filter({ hasText: 'müqavilə.pdf' });
    await expect(file).toBeVisible();
    await expect(file).toContainText('application/pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), file.getByTestId('attachment-download').click()]);
    expect(download.suggestedFilename()).toBe('müqavilə.pdf');
    expect(readFileSync(await download.path()).equals(content)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'contact-files');

    await page.getByRole('tab', { name: 'Timeline' }).click();
    await expect(entries.first()).toContainText('File attached');
  });

  test('a sales rep does not see the timeline of another rep’s contact', async ({ page, admin }) => {
    const owner = await admin.createUser(['sales_rep']);
    const other = await admin.createUser(['sales_rep']);
    const ownerApi = await Api.signIn(owner);
    const contact = await ownerApi.call<Contact>('POST', '/api/v1/contacts', { name: `Private ${unique()}` });
    await ownerApi.call('POST', '/api/v1/activities', { kind: 'note', body: 'Confidential', contactId: contact.id });
    await ownerApi.dispose();

    const otherApi = await Api.signIn(other);
    const response = await otherApi.context.get(`/api/v1/contacts/${contact.id}/timeline`, { headers: { Authorization: `Bearer ${otherApi.token}` } });
    expect(response.status()).toBe(404);
    await otherApi.dispose();

    await signIn(page, other, `/contacts/${contact.id}`);
    await expect(page.getByTestId('contact-not-found')).toBeVisible();
    await expect(page.getByTestId('record-timeline')).toHaveCount(0);
    await expect(page.getByText('Confidential')).toHaveCount(0);
  });
});
