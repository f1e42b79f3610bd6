import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { HistoryEvent } from './activities-api';
import { HISTORY_PAGE_SIZE, RecordHistoryStore } from './record-history.store';

const event = (id: string): HistoryEvent => ({
  id, action: 'update', actorId: 'u1', actorLogin: 'aysel', changes: { phone: { old: null, new: null } }, details: null, ip: null,
  kind: 'data', occurredAt: '2026-01-01T00:00:00Z', recordId: 'c1', requestId: null, sealed: false, tableName: 'contacts',
});

describe('RecordHistoryStore', () => {
  let store: InstanceType<typeof RecordHistoryStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [RecordHistoryStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(RecordHistoryStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('pages through the history with the cursor', () => {
    store.load('contact', 'c1');
    const first = http.expectOne((r) => r.url === '/api/v1/contacts/c1/history');
    expect(first.request.params.get('limit')).toBe(String(HISTORY_PAGE_SIZE));
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({ items: [event('9'), event('8')], nextCursor: '8' });
    expect(store.hasMore()).toBe(true);

    store.loadMore();
    expect(store.loadingMore()).toBe(true);
    http.expectOne((r) => r.url === '/api/v1/contacts/c1/history' && r.params.get('cursor') === '8').flush({ items: [event('3')], nextCursor: null });
    expect(store.items().map((e) => e.id)).toEqual(['9', '8', '3']);
    expect(store.hasMore()).toBe(false);
  });

  it('reads a company’s history from the companies path, further pages included', () => {
    store.load('company', 'k1');
    http.expectOne((r) => r.url === '/api/v1/companies/k1/history').flush({ items: [event('4')], nextCursor: '4' });
    store.loadMore();
    http.expectOne((r) => r.url === '/api/v1/companies/k1/history' && r.params.get('cursor') === '4').flush({ items: [event('1')], nextCursor: null });
    expect(store.items().map((e) => e.id)).toEqual(['4', '1']);
  });

  it('keeps the names of the users every loaded page mentions, and forgets them when loading again', () => {
    store.load('contact', 'c1');
    http.expectOne((r) => r.url === '/api/v1/contacts/c1/history').flush({ items: [event('9')], nextCursor: '9', userNames: { u1: 'Aysel' } });
    store.loadMore();
    http.expectOne((r) => r.params.get('cursor') === '9').flush({ items: [event('3')], nextCursor: null, userNames: { u2: 'Rəşad' } });
    expect(store.userNames()).toEqual({ u1: 'Aysel', u2: 'Rəşad' });
    store.load('contact', 'c1');
    http.expectOne((r) => !r.params.has('cursor')).flush({ items: [], nextCursor: null, userNames: {} });
    expect(store.userNames()).toEqual({});
  });

  it('loading again starts from the newest change', () => {
    store.load('contact', 'c1');
    http.expectOne((r) => r.url === '/api/v1/contacts/c1/history').flush({ items: [event('2')], nextCursor: null });
    store.load('contact', 'c1');
    http.expectOne((r) => !r.params.has('cursor')).flush({ items: [event('5'), event('2')], nextCursor: null });
    expect(store.items().map((e) => e.id)).toEqual(['5', '2']);
  });

  it('keeps a failure for the page to explain', () => {
    store.load('contact', 'c1');
    http.expectOne((r) => r.url === '/api/v1/contacts/c1/history').flush(
      { type: 'urn:crm:problem:not-found', title: 'Not found', status: 404, detail: 'gone' },
      { status: 404, statusText: 'Not Found' },
    );
    expect(store.errorCode()).toBe('not-found');
  });
});
