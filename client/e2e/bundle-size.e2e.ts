import { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, signIn, test } from './support/fixtures';

/**
 * Budgets for the JavaScript a first visit downloads, gzip-compressed (docs/benchmarks.md has the
 * figures). The contacts list carries its filters, saved views and the import/export menu.
 */
const BUDGET_KB = { login: 180, contacts: 300 };

interface Measured {
  files: number;
  rawKb: number;
  gzipKb: number;
}

/** Every script the page loads from a cold cache while it opens `path`, measured as gzip would send it. */
async function javascriptOf(page: Page, open: () => Promise<void>): Promise<Measured> {
  const bodies: Promise<Buffer>[] = [];
  // The live notifications stay connected, and the network would never be idle: leave them out.
  await page.route('**/api/v1/notifications/stream', (route) => route.abort());
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.url().endsWith('.js')) {
      bodies.push(response.body());
    }
  });
  await open();
  await page.waitForLoadState('networkidle');
  const files = await Promise.all(bodies);
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  return {
    files: files.length,
    rawKb: kb(files.reduce((sum, body) => sum + body.length, 0)),
    gzipKb: kb(files.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0)),
  };
}

test('initial JavaScript of the sign-in page and the contacts page stays within budget', async ({ browser, admin }) => {
  const rep = await admin.createUser(['sales_rep']);

  const loginContext = await browser.newContext();
  const loginPage = await loginContext.newPage();
  const login = await javascriptOf(loginPage, async () => {
    await loginPage.goto('/login');
    await expect(loginPage.getByRole('button', { name: /Daxil ol|Sign in/ })).toBeVisible();
  });
  await loginContext.close();

  const contactsContext = await browser.newContext();
  const warmup = await contactsContext.newPage();
  await signIn(warmup, rep);
  await warmup.close();
  const contactsPage = await contactsContext.newPage();
  const contacts = await javascriptOf(contactsPage, async () => {
    await contactsPage.goto('/contacts');
    await expect(contactsPage.getByTestId('user-menu')).toBeVisible();
  });
  await contactsContext.close();

  const report = { measuredAt: new Date().toISOString(), login, contacts, budgetKb: BUDGET_KB };
  const dir = join(__dirname, '../../test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'js-size.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`initial JavaScript (gzip): sign-in page ${login.gzipKb} kB in ${login.files} files; contacts page ${contacts.gzipKb} kB in ${contacts.files} files`);

  expect(login.files).toBeGreaterThan(0);
  expect(contacts.gzipKb).toBeGreaterThan(login.gzipKb);
  expect(login.gzipKb).toBeLessThan(BUDGET_KB.login);
  expect(contacts.gzipKb).toBeLessThan(BUDGET_KB.contacts);
});
