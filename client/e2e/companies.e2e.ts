import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';

type Contact = Schema<'ContactResponse'>;

test.describe('companies', () => {
  test('a rep creates a company, links a contact with a job title, finds both from the top bar and calls from the card', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const tag = unique();
    const companyName = `Şirvan Enerji ${tag}`;
    const api = await Api.signIn(rep);
    const contact = await api.call<Contact>('POST', '/api/v1/contacts', { name: `Məmmədova Günay ${tag}`, phone: '+994 50 765 43 21' });
    await api.dispose();

    await signIn(page, rep, '/companies');
    await expect(page.getByRole('heading', { name: 'Companies' })).toBeVisible();
    await expect(page.getByTestId('companies-empty')).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'New company' }).click();
    await page.getByLabel('Company name').fill(companyName);
    await page.getByLabel('Tax number (VÖEN/VKN)').fill('14012');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByLabel('Tax number (VÖEN/VKN)')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Tax number (VÖEN/VKN)').fill('1401 2345 61');
    await page.getByLabel('Phone', { exact: true }).fill('012 493 12 34');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/companies\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: companyName })).toBeVisible();
    await expect(page.getByText('1401234561').first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Call' })).toHaveAttribute('href', 'tel:+994124931234');
    await expectAccessible(page);
    await screenshot(page, 'company-card');

    // Link the contact to the company with a job title, on the card's form.
    await page.goto(`/contacts/${contact.id}?tab=details`);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(contact.name);
    await page.getByTestId('company-search').fill('sirvan enerji');
    await page.getByRole('option', { name: companyName }).click();
    await page.getByTestId('company-link').getByLabel('Job title').fill('Baş mühasib');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Changes saved')).toBeVisible();
    await expect(page.getByTestId('contact-company')).toContainText(`Baş mühasib, ${companyName}`);
    await expect(page.getByTestId('point-link').filter({ hasText: '+994507654321' })).toHaveAttribute('href', 'tel:+994507654321');
    await expectAccessible(page);
    await screenshot(page, 'contact-card-linked');

    // The top bar finds the contact by a folded name and by a phone fragment, and the company too.
    const topSearch = page.getByRole('search').getByRole('combobox');
    await topSearch.fill(`Memmedova Gunay ${tag}`);
    await expect(page.getByTestId('search-hit-contact')).toContainText(contact.name);
    await topSearch.fill('050 765 43 21');
    const hit = page.getByTestId('search-hit-contact').filter({ hasText: contact.name });
    await expect(hit).toContainText(companyName);
    await topSearch.fill(`sirvan enerji ${tag}`);
    await page.getByTestId('search-hit-company').filter({ hasText: companyName }).click();
    await expect(page).toHaveURL(/\/companies\/[0-9a-f-]{36}$/);

    // The company card lists the contact with the job title, linked to its card, on its Details tab.
    await page.getByRole('tab', { name: 'Details' }).click();
    const related = page.getByTestId('company-contacts');
    await expect(related).toContainText('Baş mühasib');
    await related.getByRole('link', { name: contact.name }).click();
    await expect(page.getByRole('heading', { name: contact.name })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Call' })).toHaveAttribute('href', 'tel:+994507654321');
  });
});
