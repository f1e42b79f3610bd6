import { readFileSync } from 'node:fs';
import { unique } from './support/api';
import { expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';

test.describe('import and export', () => {
  test('a manager imports a CSV with a bad row, sees the reason, finds the good rows in the list and exports them', async ({ page, admin }) => {
    const manager = await admin.createUser(['manager']);
    const tag = unique();
    // Phones of their own, so that contacts of other tests on the same server are not duplicates of these rows.
    const digits = String(Date.now() % 10_000_000).padStart(7, '0');
    const csv = `\uFEFFAd;Telefon;E-poçt\nMəmmədov Elçin ${tag};050 ${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)};elchin.${tag}@example.az\nHəsənova Leyla ${tag};12;leyla.${tag}@example.az\nQuliyev Orxan ${tag};+994 55 ${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)};orxan.${tag}@example.az\n`;

    await signIn(page, manager, '/contacts');
    await page.getByTestId('export-menu').click();
    await page.getByTestId('import-link').click();
    await expect(page.getByRole('heading', { name: 'Import contacts' })).toBeVisible();
    await expectAccessible(page);

    await page.getByTestId('import-file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('import-uploaded')).toHaveText('customers.csv: 3 rows');
    await page.getByRole('button', { name: 'Next' }).first().click();

    const mapping = page.getByTestId('import-mapping');
    await expect(mapping.getByTestId('map-Ad')).toContainText('Name');
    await expect(mapping.getByTestId('map-Telefon')).toContainText('Phone');
    await expect(mapping.getByTestId('map-E-poçt')).toContainText('E-mail');
    await expect(mapping).toContainText(`Məmmədov Elçin ${tag}`);
    await expectAccessible(page);
    await screenshot(page, 'import-mapping');
    await page.getByTestId('import-to-preview').click();

    const counts = page.getByTestId('import-preview-counts');
    await expect(counts).toContainText('Valid2');
    await expect(counts).toContainText('With errors1');
    await expect(page.getByTestId('import-preview-errors')).toContainText('"12" is not a valid phone number');
    await expectAccessible(page);
    await page.getByTestId('import-start').click();

    await expect(page.getByTestId('import-created')).toHaveText('2', { timeout: 30_000 });
    await expect(page.getByTestId('import-failed-count')).toHaveText('1');
    const failed = page.getByTestId('import-failed-rows').getByRole('row').filter({ hasText: '"12" is not a valid phone number' });
    await expect(failed).toContainText('3');
    await expect(failed).toContainText('Phone');
    await expectAccessible(page);
    await screenshot(page, 'import-result');

    const failedDownload = page.waitForEvent('download');
    await page.getByTestId('import-download-failed').click();
    const failedFile = readFileSync(await (await failedDownload).path(), 'utf8');
    expect(failedFile).toContain(`Həsənova Leyla ${tag},12,leyla.${tag}@example.az,3,`);

    await page.getByRole('link', { name: 'Go to the list' }).click();
    await page.getByTestId('contact-search').fill(tag);
    const table = page.getByTestId('contacts-table');
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table).toContainText(`Məmmədov Elçin ${tag}`);
    await expect(table).toContainText(`+99455${digits}`);
    await expect(table).not.toContainText(`Həsənova Leyla ${tag}`);
    const listed = await table.getByRole('link').allTextContents();

    const download = page.waitForEvent('download');
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^ID,Name,Email,Phone,/);
    const exported = lines.slice(1).map((line) => line.split(',')[1]);
    expect(exported).toEqual(listed.map((name) => name.trim()));
  });
});
