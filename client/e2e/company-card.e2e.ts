import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { dismissMessage, expect, expectAccessible, message, openedDialog, screenshot, signIn, test } from './support/fixtures';

type Company = Schema<'CompanyResponse'>;
type Contact = Schema<'ContactResponse'>;

/** A tax number (10 digits, as VÖEN and VKN have) nobody else in the run has. */
const taxId = (): string => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

test.describe('company card', () => {
  test('a rep logs a call, schedules a follow-up, sees it overdue and done, keeps a file, meets a duplicate by tax id and merges it', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const tag = unique();
    const company = await api.call<Company>('POST', '/api/v1/companies', { name: `Şirvan Enerji ${tag}`, taxId: taxId(), phone: '012 493 12 34', industry: 'Energetika' });
    const duplicate = await api.call<Company>('POST', '/api/v1/companies', { name: `Shirvan Energy ${tag}`, taxId: taxId() });
    const employee = await api.call<Contact>('POST', '/api/v1/contacts', { name: `Quliyeva Nərmin ${tag}`, companies: [{ companyId: duplicate.id, jobTitle: 'Mühasib', primary: true }] });

    // The card opens on its timeline, with the key facts and a call link in the header.
    await signIn(page, rep, `/companies/${company.id}`);
    await expect(page.getByRole('heading', { name: company.name })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    const header = page.getByTestId('card-header');
    await expect(header).toContainText(company.taxId!);
    await expect(header).toContainText('Energetika');
    await expect(header.getByRole('link', { name: 'Call' })).toHaveAttribute('href', 'tel:+994124931234');

    // Log a call from the card: it heads the timeline.
    await page.getByTestId('quick-call').click();
    const dialog = await openedDialog(page);
    await expect(dialog.getByRole('heading', { name: 'Log a call' })).toBeVisible();
    await dialog.getByLabel('Subject').fill('Price offer');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const entries = page.getByTestId('timeline-entry');
    await expect(entries.first()).toHaveAttribute('data-type', 'call');
    await expect(entries.first()).toContainText('Price offer');

    // Schedule a follow-up: tomorrow 10:00 is offered; the header shows it, the timeline the change.
    await page.getByTestId('quick-follow-up').click();
    await expect(dialog.getByRole('heading', { name: 'Schedule a follow-up' })).toBeVisible();
    await expect(dialog.getByLabel('Time')).toHaveValue('10:00');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('This field is required')).toBeVisible();
    await dialog.getByLabel('What to do').fill('Send the contract');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const followUp = page.getByTestId('follow-up');
    await expect(followUp.getByTestId('follow-up-what')).toHaveText('Send the contract');
    await expect(followUp.getByTestId('follow-up-when')).toBeVisible();
    await expect(followUp).toHaveAttribute('data-overdue', 'false');
    await expect(followUp.getByTestId('follow-up-overdue')).toHaveCount(0);
    await expect(entries.filter({ hasText: 'Send the contract' }).locator('[data-field="next_step"]')).toBeVisible();

    // A follow-up whose time has passed (set through the API) is overdue.
    const current = await api.call<Company>('GET', `/api/v1/companies/${company.id}`);
    await api.call('PATCH', `/api/v1/companies/${company.id}`, { nextStep: 'Call back about the offer', nextStepAt: new Date(Date.now() - 3_600_000).toISOString() }, { 'If-Match': `"${current.version}"` });
    await page.reload();
    await expect(followUp.getByTestId('follow-up-what')).toHaveText('Call back about the offer');
    await expect(followUp).toHaveAttribute('data-overdue', 'true');
    await expect(followUp.getByTestId('follow-up-overdue')).toHaveText('Overdue');
    await expectAccessible(page);
    await screenshot(page, 'company-card-overdue');

    // Done clears it.
    await followUp.getByRole('button', { name: 'Done' }).click();
    await expect(followUp).toHaveCount(0);
    await dismissMessage(page, 'Follow-up done');
    const cleared = await api.call<Company>('GET', `/api/v1/companies/${company.id}`);
    expect([cleared.nextStep, cleared.nextStepAt]).toEqual([null, null]);

    // A file: upload, then download the same bytes.
    await page.getByRole('tab', { name: 'Files' }).click();
    await expect(page).toHaveURL(/\?tab=files$/);
    const content = randomBytes(30_000);
    await page.getByTestId('attachment-input').setInputFiles({ name: 'müqavilə.pdf', mimeType: 'application/pdf', buffer: content });
    const file = page.getByTestId('attachment').filter({ hasText: 'müqavilə.pdf' });
    await expect(file).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), file.getByTestId('attachment-download').click()]);
    expect(download.suggestedFilename()).toBe('müqavilə.pdf');
    expect(readFileSync(await download.path()).equals(content)).toBe(true);

    // Typing the other company's tax number into the form shows it as a possible duplicate.
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByLabel('Tax number (VÖEN/VKN)').fill(duplicate.taxId!);
    await page.getByLabel('Industry').focus();
    const warning = page.getByTestId('duplicate-warning');
    const candidate = warning.getByTestId('duplicate-candidate').filter({ hasText: duplicate.name });
    await expect(candidate).toContainText('Same tax id');
    await expect(candidate.getByRole('link', { name: 'Open' })).toHaveAttribute('href', `/companies/${duplicate.id}`);
    await expect(candidate.getByTestId('duplicate-merge')).toHaveAttribute('href', `/companies/${company.id}/merge?with=${duplicate.id}`);
    await expectAccessible(page);
    await screenshot(page, 'company-duplicate-warning');

    // Merge with… finds the other company; the merge keeps this one and moves the other's contacts here.
    await page.getByTestId('merge-with').click();
    await dialog.getByLabel('Search by name, tax number or phone').fill(duplicate.taxId!);
    await dialog.getByRole('button', { name: new RegExp(duplicate.name) }).click();
    await expect(page).toHaveURL(new RegExp(`/companies/${company.id}/merge\\?with=${duplicate.id}$`));
    await expect(page.getByTestId('merge-summary')).toContainText(`Everything moves to “${company.name}”`);
    await expect(page.getByTestId('merge-summary')).toContainText('linked contacts: 1');
    await page.getByTestId('merge-confirm').click();
    await expect(page).toHaveURL(new RegExp(`/companies/${company.id}$`));
    await expect(message(page, 'Records merged')).toBeVisible();
    await page.getByRole('tab', { name: 'Details' }).click();
    await expect(page.getByTestId('company-contacts').getByRole('link', { name: employee.name })).toBeVisible();

    // The merged-away company's address lands on the survivor, on the tab it asked for.
    await page.goto(`/companies/${duplicate.id}?tab=history`);
    await expect(page).toHaveURL(new RegExp(`/companies/${company.id}\\?tab=history$`));
    await expect(page.getByRole('heading', { name: company.name })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('history-entry').first()).toBeVisible();
    await api.dispose();
  });

  test('a rep fills an additional field and a tag on a company, finds them after a reload, and reads the timeline by names', async ({ page, admin }) => {
    const id = unique();
    const region = `Region ${id}`;
    await admin.call('POST', '/api/v1/custom-fields', { entity: 'company', key: `region_${id}`, type: 'text', labels: { en: region } });
    const repName = `Həsənova Leyla ${id}`;
    const rep = await admin.createUser(['sales_rep'], repName);
    const api = await Api.signIn(rep);
    const company = await api.call<Company>('POST', '/api/v1/companies', { name: `Gəncə Tekstil ${id}`, taxId: taxId() });
    await api.dispose();

    await signIn(page, rep, `/companies/${company.id}?tab=details`);
    const form = page.getByTestId('company-form');
    await form.getByLabel(region).fill('Gəncə-Qazax');
    await form.getByTestId('tag-input').fill('toxuculuq');
    await form.getByTestId('tag-input').press('Enter');
    await expect(form.getByTestId('tag')).toHaveCount(1);
    await expect(form.getByTestId('tag')).toContainText('toxuculuq');
    // A sales rep may not hand the company over: no responsible person to pick.
    await expect(form.getByTestId('owner-select')).toHaveCount(0);
    await form.getByRole('button', { name: 'Save' }).click();
    await dismissMessage(page, 'Changes saved');

    await page.reload();
    await expect(form.getByLabel(region)).toHaveValue('Gəncə-Qazax');
    await expect(form.getByTestId('tag')).toHaveCount(1);
    await expect(form.getByTestId('tag')).toContainText('toxuculuq');
    await expectAccessible(page);
    await screenshot(page, 'company-form-custom-fields');

    // The timeline says who is responsible by name, the stage by its label, and what the change set.
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const entries = page.getByTestId('timeline-entry');
    const created = entries.filter({ hasText: 'Created' });
    await expect(created.locator('[data-field="owner_id"]')).toHaveText(new RegExp(`^\\s*Responsible person:\\s*${repName}\\s*$`));
    await expect(created.locator('[data-field="lifecycle"]')).toHaveText(/Stage:\s*Lead/);
    await expect(created).not.toContainText(rep.id);
    const changed = entries.filter({ hasText: 'Changed' });
    const regionRow = changed.locator(`[data-field="custom.region_${id}"]`);
    await expect(regionRow.locator('dt')).toHaveText(`${region}:`);
    await expect(regionRow.locator('ins')).toHaveText('Gəncə-Qazax');
    await expect(changed.locator('[data-field="tags"] ins')).toHaveText('toxuculuq');
    // Words and the date stand apart: "name · 2 minutes ago (23 Nov 2026, 20:34)".
    await expect(entries.first().locator('.meta')).toHaveText(new RegExp(`${repName} · \\S.* \\(.+\\)`));
    await expectAccessible(page);
    await screenshot(page, 'company-timeline-names');
  });

  test('a sales rep without rights on a company gets the not-found page, not its card', async ({ page, admin }) => {
    const [owner, other] = await Promise.all([admin.createUser(['sales_rep']), admin.createUser(['sales_rep'])]);
    const ownerApi = await Api.signIn(owner);
    const company = await ownerApi.call<Company>('POST', '/api/v1/companies', { name: `Gizli MMC ${unique()}`, taxId: taxId() });
    await ownerApi.call('POST', '/api/v1/activities', { kind: 'note', body: 'Confidential terms', companyId: company.id });
    await ownerApi.dispose();

    await signIn(page, other, `/companies/${company.id}`);
    await expect(page.getByTestId('company-not-found')).toContainText('Company not found');
    await expect(page.getByRole('heading', { name: company.name })).toHaveCount(0);
    await expect(page.getByTestId('record-timeline')).toHaveCount(0);
    await expect(page.getByText('Confidential terms')).toHaveCount(0);
    await expectAccessible(page);
  });
});
