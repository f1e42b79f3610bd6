import type { Locator, Page } from '@playwright/test';
import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { expect, expectAccessible, message, openedDialog, screenshot, signIn, test } from './support/fixtures';

type Deal = Schema<'DealResponse'>;
type Pipeline = Schema<'PipelineResponse'>;

/** The first pipeline (the install's default one) with its open stages and its lost stage. */
async function defaultPipeline(api: Api): Promise<{ pipeline: Pipeline; first: string; second: string; lost: string }> {
  const { items } = await api.call<{ items: Pipeline[] }>('GET', '/api/v1/pipelines?archived=false');
  const pipeline = items[0];
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  return { pipeline, first: open[0].id, second: open[1].id, lost: pipeline.stages.find((s) => s.kind === 'lost')!.id };
}

const column = (page: Page, stageId: string): Locator => page.locator(`[data-testid="board-column"][data-stage-id="${stageId}"]`);
const card = (page: Page, title: string): Locator => page.getByTestId('deal-card').filter({ hasText: title });

/** Drags with the mouse the way the board's drag and drop expects it: press, move in steps past the threshold, release. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const source = (await from.boundingBox())!;
  const target = (await to.boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + 20);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 10, source.y + 30, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + 60, { steps: 15 });
  await page.mouse.move(target.x + target.width / 2, target.y + 70, { steps: 5 });
  await page.mouse.up();
}

test.describe('deals', () => {
  test('a sales rep drags a deal to the next stage; it stays after a reload and the stage history shows the move', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const { pipeline, first, second } = await defaultPipeline(api);
    const secondStage = pipeline.stages.find((s) => s.id === second)!;
    const secondName = secondStage.labels.en ?? secondStage.name;
    const title = `Xəzər Logistika ${unique()}`;
    const deal = await api.call<Deal>('POST', '/api/v1/deals', { title, amount: 12500, currency: 'AZN', expectedCloseDate: '2020-01-31' });
    await api.call<Deal>('POST', '/api/v1/deals', { title: `Second ${unique()}`, amount: 800, currency: 'USD' });
    await api.dispose();
    expect(deal.stageId).toBe(first);

    await signIn(page, rep, '/deals');
    await expect(card(page, title)).toBeVisible();
    await expect(column(page, first).getByTestId('column-count')).toHaveText('2');
    await expect(card(page, title).getByTestId('deal-close')).toHaveAttribute('data-overdue', 'true');
    await expect(page.getByTestId('bar-chart').first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'deals-board');

    await drag(page, card(page, title), column(page, second).locator('.cards'));
    await expect(column(page, second).getByTestId('deal-card').filter({ hasText: title })).toBeVisible();
    await expect(column(page, second).getByTestId('column-count')).toHaveText('1');
    await expect(column(page, first).getByTestId('column-count')).toHaveText('1');
    await expect(message(page, 'moved to')).toBeVisible();

    await page.reload();
    await expect(column(page, second).getByTestId('deal-card').filter({ hasText: title })).toBeVisible();
    await expect(column(page, first).getByTestId('deal-card').filter({ hasText: title })).toHaveCount(0);

    await card(page, title).getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.getByTestId('timeline-entry').locator('[data-field="stage_id"]').first()).toContainText(secondName);
    await page.getByRole('tab', { name: 'Stage history' }).click();
    const visits = page.getByTestId('stage-visit');
    await expect(visits).toHaveCount(2);
    await expect(visits.nth(1)).toContainText('Current stage');
    await expect(visits.nth(1)).toContainText('Test ');
  });

  test('a drag that meets a version changed by someone else goes back, with the message, and the board is read again', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const { first, second } = await defaultPipeline(api);
    const title = `Stale ${unique()}`;
    const deal = await api.call<Deal>('POST', '/api/v1/deals', { title, amount: 1000 });
    await api.dispose();

    await signIn(page, rep, '/deals');
    await expect(card(page, title)).toBeVisible();
    await admin.call('PATCH', `/api/v1/deals/${deal.id}`, { title: `${title} (renamed)` }, { 'If-Match': `"${deal.version}"` });

    await drag(page, card(page, title), column(page, second).locator('.cards'));
    await expect(message(page, 'changed by someone else; the board was reloaded')).toBeVisible();
    await expect(column(page, first).getByTestId('deal-card').filter({ hasText: `${title} (renamed)` })).toBeVisible();
    await expect(column(page, second).getByTestId('deal-card').filter({ hasText: title })).toHaveCount(0);
    await expect(column(page, first).getByTestId('column-count')).toHaveText('1');
  });

  test('moving a deal to Lost asks for the reason first; cancelling leaves it where it was', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const { first, lost } = await defaultPipeline(api);
    const title = `Lost one ${unique()}`;
    await api.call<Deal>('POST', '/api/v1/deals', { title, amount: 300 });
    await api.dispose();

    // All six columns side by side, so the mouse can reach the last one.
    await page.setViewportSize({ width: 1900, height: 900 });
    const moves: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && request.url().includes('/api/v1/deals/')) {
        moves.push(request.url());
      }
    });
    await signIn(page, rep, '/deals');
    await card(page, title).getByTestId('deal-move-menu').click();
    await page.getByRole('menuitem', { name: 'Lost' }).click();
    let dialog = await openedDialog(page, 'Deal lost');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(column(page, first).getByTestId('deal-card').filter({ hasText: title })).toBeVisible();

    await drag(page, card(page, title), column(page, lost).locator('.cards'));
    dialog = await openedDialog(page, 'Deal lost');
    expect(moves).toEqual([]);
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await expect(dialog.getByText('This field is required')).toBeVisible();
    await dialog.getByTestId('lost-reason').click();
    await page.getByRole('option').first().click();
    await dialog.getByTestId('lost-note').fill('Chose a local supplier');
    await screenshot(page, 'deal-lost-reason');
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await expect(dialog).toBeHidden();
    await expect(column(page, lost).getByTestId('deal-card').filter({ hasText: title })).toBeVisible();
    expect(moves).toHaveLength(1);
    await page.reload();
    await expect(column(page, lost).getByTestId('deal-card').filter({ hasText: title })).toBeVisible();
  });

  test('a sales rep logs a call from the deal card and sees it on the timeline', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const contact = await api.call<{ id: string; name: string }>('POST', '/api/v1/contacts', { name: `Əliyev Rəşad ${unique()}` });
    const deal = await api.call<Deal>('POST', '/api/v1/deals', {
      title: `Licences ${unique()}`, contactId: contact.id, lineItems: [{ name: 'Licence', quantity: 3, unitPrice: 19.99, discountPercent: 10 }],
    });
    await api.dispose();
    expect(deal.amount).toBe(53.97);

    await signIn(page, rep, `/deals/${deal.id}`);
    await expect(page.getByRole('heading', { name: deal.title })).toBeVisible();
    await expect(page.getByTestId('deal-customer')).toContainText(contact.name);
    await expect(page.getByTestId('stage-bar')).toBeVisible();
    await page.getByTestId('quick-call').click();
    const dialog = await openedDialog(page);
    await dialog.getByLabel('Subject').fill('Discussed the discount');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const entries = page.getByTestId('timeline-entry');
    await expect(entries.first()).toHaveAttribute('data-type', 'call');
    await expect(entries.first()).toContainText('Discussed the discount');

    // The stage bar moves the deal; the open timeline shows the move at once.
    const steps = page.getByTestId('stage-step');
    await steps.nth(1).click();
    await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
    await expect(entries.first().locator('[data-field="stage_id"]')).toBeVisible();

    await page.getByRole('tab', { name: 'Details' }).click();
    await expect(page.getByTestId('line-total')).toHaveText(/53[.,]97/);
    await page.getByLabel('Quantity').fill('4');
    await expect(page.getByTestId('lines-total')).toHaveText(/71[.,]96/);
    await page.getByTestId('deal-save').click();
    await expect(message(page, 'Changes saved')).toBeVisible();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await expectAccessible(page);
    await screenshot(page, 'deal-card');
  });

  test('a sales rep does not see another rep’s deal: not on the board, and its address shows the not-found page', async ({ page, admin }) => {
    const owner = await admin.createUser(['sales_rep']);
    const other = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(owner);
    const title = `Private deal ${unique()}`;
    const deal = await api.call<Deal>('POST', '/api/v1/deals', { title, amount: 5000 });
    await api.dispose();

    await signIn(page, other, '/deals');
    await expect(page.getByTestId('board-column').first()).toBeVisible();
    await expect(card(page, title)).toHaveCount(0);
    await page.goto(`/deals/${deal.id}`);
    await expect(page.getByTestId('deal-not-found')).toBeVisible();
  });
});

test.describe('new deal', () => {
  test('a sales rep starts a deal from a company card, with a line item, and finds it on the company and the board', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const company = await api.call<{ id: string; name: string }>('POST', '/api/v1/companies', { name: `Kaspi Trade ${unique()}` });
    await api.dispose();
    const title = `Fleet tracking ${unique()}`;

    await signIn(page, rep, `/companies/${company.id}?tab=details`);
    await expect(page.getByTestId('related-deals')).toContainText('No deals yet.');
    await page.getByTestId('related-deal-new').click();
    await expect(page.getByRole('heading', { name: 'New deal' })).toBeVisible();
    await expect(page.getByTestId('deal-company')).toHaveValue(company.name);
    await page.getByTestId('deal-title').fill(title);
    await page.getByTestId('line-add').click();
    const line = page.getByTestId('line-item');
    await line.getByLabel('Name').fill('Tracker');
    await line.getByLabel('Quantity').fill('10');
    await line.getByLabel('Unit price').fill('45.50');
    await line.getByLabel('Discount, %').fill('20');
    await expect(page.getByTestId('lines-total')).toHaveText(/364[.,]00/);
    await expect(page.getByTestId('deal-amount')).toBeDisabled();
    await page.getByTestId('deal-save').click();

    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}/);
    await expect(page.getByTestId('card-header')).toContainText(/364[.,]00/);
    await expect(page.getByTestId('deal-customer')).toContainText(company.name);

    await page.getByTestId('deal-customer').getByRole('link', { name: company.name }).click();
    await page.getByRole('tab', { name: 'Details' }).click();
    await expect(page.getByTestId('related-deal').filter({ hasText: title })).toBeVisible();
    await page.goto('/deals');
    await expect(card(page, title)).toBeVisible();
  });
});

test.describe('deals list', () => {
  test('a manager lists deals by tag, sorts them by amount and switches to the board with the same filter', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const tag = `q4${unique()}`;
    await api.call<Deal>('POST', '/api/v1/deals', { title: `Small ${unique()}`, amount: 100, tags: [tag] });
    await api.call<Deal>('POST', '/api/v1/deals', { title: `Large ${unique()}`, amount: 9000, tags: [tag] });
    await api.dispose();
    const manager = await admin.createUser(['manager']);

    await signIn(page, manager, `/deals/list?tag=${tag}`);
    const rows = page.getByTestId('deal-row');
    await expect(rows).toHaveCount(2);
    await page.getByRole('columnheader', { name: 'Amount' }).getByRole('button').click();
    await expect(rows.first()).toContainText('Large');
    await expect(rows.first()).toContainText('Initial contact');
    await expectAccessible(page);
    await screenshot(page, 'deals-list');

    await page.getByTestId('view-board').click();
    await expect(page).toHaveURL(new RegExp(`/deals\\?.*tag=${tag}`));
    await expect(page.getByTestId('deal-card')).toHaveCount(2);
  });
});

test.describe('pipelines (admin)', () => {
  test('an administrator renames a stage; the board shows the new name', async ({ page, admin }) => {
    const name = `Renewals ${unique()}`;
    const pipeline = await admin.call<Pipeline>('POST', '/api/v1/pipelines', {
      name,
      stages: [
        { name: 'Contacted', labels: { en: 'Contacted' }, probability: 20, kind: 'open' },
        { name: 'Quoted', labels: { en: 'Quoted' }, probability: 60, kind: 'open' },
        { name: 'Renewed', probability: 100, kind: 'won' },
        { name: 'Churned', probability: 0, kind: 'lost' },
      ],
    }, { 'Idempotency-Key': crypto.randomUUID() });

    const me = await admin.createUser(['admin']);
    await signIn(page, me, '/admin/pipelines');
    await page.getByTestId('pipeline-pick').filter({ hasText: name }).click();
    const rows = page.getByTestId('stage-row');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1).getByTestId('stage-label-en')).toHaveValue('Quoted');
    await rows.nth(1).getByTestId('stage-label-en').fill('Proposal out');
    await rows.nth(1).getByTestId('stage-probability').fill('55');
    await page.getByTestId('pipeline-save').click();
    await expect(message(page, 'Saved')).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'admin-pipelines');

    const saved = await admin.call<Pipeline>('GET', `/api/v1/pipelines/${pipeline.id}`);
    expect(saved.stages.map((s) => s.id)).toEqual(pipeline.stages.map((s) => s.id));
    expect(saved.stages[1]).toMatchObject({ name: 'Quoted', labels: { en: 'Proposal out' }, probability: 55 });

    await page.goto(`/deals?pipeline=${pipeline.id}`);
    await expect(page.locator(`[data-testid="board-column"][data-stage-id="${pipeline.stages[1].id}"] h2`)).toContainText('Proposal out');
    await expect(page.getByText('Probability 55%')).toBeVisible();
  });
});
