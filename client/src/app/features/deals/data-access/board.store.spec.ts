import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BoardStore } from './board.store';
import type { Board, DealListItem, Pipeline } from './deals-api';

const pipeline: Pipeline = {
  id: 'p1', name: 'Sales', labels: {}, position: 0, staleAfterDays: 14, archived: false, version: 1,
  stages: [
    { id: 's1', name: 'Initial contact', labels: { en: 'Initial contact' }, position: 0, probability: 10, kind: 'open' },
    { id: 's2', name: 'Proposal', labels: {}, position: 1, probability: 50, kind: 'open' },
    { id: 's3', name: 'Lost', labels: {}, position: 2, probability: 0, kind: 'lost' },
  ],
};
const deal = (id: string, overrides: Partial<DealListItem> = {}): DealListItem => ({
  id, title: `Deal ${id}`, amount: 1000, currency: 'AZN', expectedCloseDate: null, pipelineId: 'p1', stageId: 's1',
  stageEnteredAt: '2026-11-01T00:00:00Z', probability: 10, weightedAmount: 100, status: 'open', contactId: null, contactName: null,
  companyId: null, companyName: null, ownerId: 'u1', ownerName: 'Aysel', tags: [], lastContactedAt: null, updatedAt: '2026-11-01T00:00:00Z', version: 4,
  ...overrides,
});
const board = (): Board => ({
  pipelineId: 'p1',
  columns: [
    { stageId: 's1', count: 2, totals: [{ currency: 'AZN', amount: 1500, weightedAmount: 150 }], items: [deal('d1'), deal('d2', { amount: 500, weightedAmount: 50 })], nextCursor: null },
    { stageId: 's2', count: 1, totals: [{ currency: 'USD', amount: 200, weightedAmount: 100 }], items: [deal('d3', { stageId: 's2', currency: 'USD', amount: 200, weightedAmount: 100, probability: 50 })], nextCursor: 'c2' },
    { stageId: 's3', count: 0, totals: [], items: [], nextCursor: null },
  ],
});
const problem = (type: string, status: number) => ({ type: `urn:crm:problem:${type}`, title: type, status, detail: type });

describe('BoardStore', () => {
  let store: InstanceType<typeof BoardStore>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [BoardStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(BoardStore);
    http = TestBed.inject(HttpTestingController);
    const opened = store.open(null, { ownerId: ['u1'] });
    http.expectOne('/api/v1/pipelines').flush({ items: [pipeline] });
    http.expectOne('/api/v1/lost-reasons').flush({ items: [] });
    await Promise.resolve();
    await flushBoard();
    await opened;
  });

  afterEach(() => http.verify());

  async function flushBoard(value = board()): Promise<void> {
    await Promise.resolve();
    const request = http.expectOne((r) => r.url === '/api/v1/deals/board');
    expect(request.request.params.get('pipelineId')).toBe('p1');
    request.flush(value);
    await Promise.resolve();
  }

  const column = (stageId: string) => store.columns().find((c) => c.stageId === stageId)!;

  it('opens the first pipeline with the filters', () => {
    expect(store.pipelineId()).toBe('p1');
    expect(store.columns().map((c) => c.count)).toEqual([2, 1, 0]);
  });

  it('moves a card at once, with counts and weighted totals, and keeps it when the server agrees', async () => {
    const moving = store.move('d1', 's2', 0);
    expect(column('s1').items.map((d) => d.id)).toEqual(['d2']);
    expect(column('s1').count).toBe(1);
    expect(column('s1').totals).toEqual([{ currency: 'AZN', amount: 500, weightedAmount: 50 }]);
    expect(column('s2').items.map((d) => d.id)).toEqual(['d1', 'd3']);
    expect(column('s2').totals).toEqual([
      { currency: 'USD', amount: 200, weightedAmount: 100 },
      { currency: 'AZN', amount: 1000, weightedAmount: 500 },
    ]);
    const request = http.expectOne('/api/v1/deals/d1');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.headers.get('If-Match')).toBe('"4"');
    expect(request.request.body).toEqual({ stageId: 's2' });
    request.flush({ ...deal('d1', { stageId: 's2', probability: 50, weightedAmount: 500, version: 5 }), lineItems: [] }, { headers: { ETag: '"5"' } });
    expect(await moving).toEqual({ outcome: 'moved' });
    expect(column('s2').items[0].version).toBe(5);
    expect(column('s2').count).toBe(2);
  });

  it('puts the card and the totals back when the deal changed meanwhile (412), and reads the board again', async () => {
    const before = store.columns();
    const moving = store.move('d2', 's2', 1);
    http.expectOne('/api/v1/deals/d2').flush(problem('version-mismatch', 412), { status: 412, statusText: 'Precondition Failed' });
    await Promise.resolve();
    await Promise.resolve();
    expect(column('s1').items.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(store.columns()).toEqual(before);
    await flushBoard();
    const result = await moving;
    expect(result).toMatchObject({ outcome: 'rolledBack', reloaded: true });
  });

  it('puts the card back where it was when the role may not move it (403), without reading the board again', async () => {
    const before = store.columns();
    const moving = store.move('d1', 's2', 1);
    expect(column('s1').count).toBe(1);
    http.expectOne('/api/v1/deals/d1').flush(problem('forbidden', 403), { status: 403, statusText: 'Forbidden' });
    const result = await moving;
    expect(result).toMatchObject({ outcome: 'rolledBack', reloaded: false });
    expect(store.columns()).toEqual(before);
    expect(column('s1').totals).toEqual([{ currency: 'AZN', amount: 1500, weightedAmount: 150 }]);
  });

  it('sends the lost reason and note with a move to a lost stage', async () => {
    const moving = store.move('d1', 's3', 0, { lostReasonId: 'r1', lostNote: 'Too expensive' });
    expect(column('s3').totals).toEqual([{ currency: 'AZN', amount: 1000, weightedAmount: 0 }]);
    const request = http.expectOne('/api/v1/deals/d1');
    expect(request.request.body).toEqual({ stageId: 's3', lostReasonId: 'r1', lostNote: 'Too expensive' });
    request.flush({ ...deal('d1', { stageId: 's3', probability: 0, weightedAmount: 0, status: 'lost', version: 5 }) });
    expect(await moving).toEqual({ outcome: 'moved' });
    expect(column('s3').items[0].status).toBe('lost');
  });

  it('weighs a column as the server does: its total amount × the stage probability, rounded once', async () => {
    const moving = store.move('d1', 's2', 0);
    const azn = column('s2').totals.find((t) => t.currency === 'AZN')!;
    expect(azn).toEqual({ currency: 'AZN', amount: 1000, weightedAmount: 500 });
    http.expectOne('/api/v1/deals/d1').flush({ ...deal('d1', { stageId: 's2', probability: 50, amount: 1000.01, weightedAmount: 500.01, version: 5 }) });
    await moving;
    // 1000.01 × 50 % = 500.005, rounded once to 500.01.
    expect(column('s2').totals.find((t) => t.currency === 'AZN')).toEqual({ currency: 'AZN', amount: 1000.01, weightedAmount: 500.01 });
    expect(column('s1').totals).toEqual([{ currency: 'AZN', amount: 500, weightedAmount: 50 }]);
  });

  it('does not move a card to its own column', async () => {
    expect(await store.move('d1', 's1', 1)).toEqual({ outcome: 'unchanged' });
  });

  it('adds the next page of a column after the cards shown, without repeating one', async () => {
    const more = store.loadMore('s2');
    const request = http.expectOne((r) => r.url === '/api/v1/deals');
    expect(request.request.params.get('stageId')).toBe('s2');
    expect(request.request.params.get('cursor')).toBe('c2');
    expect(request.request.params.getAll('ownerId')).toEqual(['u1']);
    request.flush({ items: [deal('d3', { stageId: 's2' }), deal('d4', { stageId: 's2' })], nextCursor: null });
    await more;
    expect(column('s2').items.map((d) => d.id)).toEqual(['d3', 'd4']);
    expect(column('s2').nextCursor).toBeNull();
  });
});
