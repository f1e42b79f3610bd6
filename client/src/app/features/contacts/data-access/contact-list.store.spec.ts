import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Contact } from './contacts-api';
import { CONTACT_PAGE_SIZE, ContactListStore, ContactQuery, EMPTY_CONTACT_QUERY } from './contact-list.store';

const contact = (id: string, name = `Contact ${id}`): Contact => ({
  id, name, email: null, phone: null, ownerId: 'u1', ownerName: 'Aysel', createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z', createdBy: 'u1', version: 1,
});
const query = (overrides: Partial<ContactQuery> = {}): ContactQuery => ({ ...EMPTY_CONTACT_QUERY, ...overrides });

describe('ContactListStore', () => {
  let store: InstanceType<typeof ContactListStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [ContactListStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(ContactListStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('asks for the first page with the search, the sort, the owner and the total', () => {
    store.load(query({ q: 'Məmmədov', sort: 'name', ownerId: ['u1'] }));
    const request = http.expectOne((r) => r.url === '/api/v1/contacts');
    expect(request.request.params.get('q')).toBe('Məmmədov');
    expect(request.request.params.get('sort')).toBe('name');
    expect(request.request.params.get('ownerId')).toBe('u1');
    expect(request.request.params.get('limit')).toBe(String(CONTACT_PAGE_SIZE));
    expect(request.request.params.get('count')).toBe('true');
    expect(request.request.params.has('cursor')).toBe(false);
    expect(store.loading()).toBe(true);

    request.flush({ items: [contact('a')], nextCursor: 'next-1', total: 30 });
    expect(store.loading()).toBe(false);
    expect(store.items().map((c) => c.id)).toEqual(['a']);
    expect(store.total()).toBe(30);
    expect(store.hasMore()).toBe(true);
  });

  it('sends the filters: lifecycles repeated, source, tag and company', () => {
    store.load(query({ lifecycle: ['lead', 'customer'], source: 'website', tag: 'vip', companyId: 'co1' }));
    const request = http.expectOne((r) => r.url === '/api/v1/contacts');
    expect(request.request.params.getAll('lifecycle')).toEqual(['lead', 'customer']);
    expect(request.request.params.get('source')).toBe('website');
    expect(request.request.params.get('tag')).toBe('vip');
    expect(request.request.params.get('companyId')).toBe('co1');
    request.flush({ items: [], nextCursor: null, total: 0 });
    expect(store.empty()).toBe(true);
  });

  it('leaves empty parameters out', () => {
    store.load(query());
    const request = http.expectOne((r) => r.url === '/api/v1/contacts');
    expect(request.request.params.keys().sort()).toEqual(['count', 'limit', 'sort']);
    request.flush({ items: [], nextCursor: null, total: 0 });
    expect(store.empty()).toBe(true);
  });

  it('fetches the next page with the cursor, appends it without repeating rows and keeps the total', () => {
    store.load(query({ sort: 'name' }));
    http.expectOne((r) => r.url === '/api/v1/contacts').flush({ items: [contact('a'), contact('b')], nextCursor: 'c1', total: 3 });

    store.loadMore();
    expect(store.loadingMore()).toBe(true);
    const more = http.expectOne((r) => r.url === '/api/v1/contacts' && r.params.get('cursor') === 'c1');
    expect(more.request.params.get('sort')).toBe('name');
    expect(more.request.params.has('count')).toBe(false);
    more.flush({ items: [contact('b'), contact('c')], nextCursor: null });

    expect(store.items().map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(store.total()).toBe(3);
    expect(store.hasMore()).toBe(false);
    store.loadMore();
    http.expectNone((r) => r.url === '/api/v1/contacts');
  });

  it('a new search cancels the page still on its way and starts again from the first page', () => {
    store.load(query({ q: 'ab' }));
    http.expectOne((r) => r.params.get('q') === 'ab').flush({ items: [contact('a')], nextCursor: 'c1', total: 2 });
    store.loadMore();
    const stale = http.expectOne((r) => r.params.get('cursor') === 'c1');

    store.load(query({ q: 'abc' }));
    expect(stale.cancelled).toBe(true);
    http.expectOne((r) => r.params.get('q') === 'abc' && !r.params.has('cursor')).flush({ items: [contact('x')], nextCursor: null, total: 1 });
    expect(store.items().map((c) => c.id)).toEqual(['x']);
    expect(store.query().q).toBe('abc');
  });

  it('keeps a failure with its code and repeats the failed request on retry', () => {
    store.load(query({ q: 'x' }));
    http.expectOne((r) => r.url === '/api/v1/contacts').flush(
      { type: 'urn:crm:problem:unavailable', title: 'Unavailable', status: 503, detail: 'down' },
      { status: 503, statusText: 'Service Unavailable' },
    );
    expect(store.errorCode()).toBe('unavailable');
    expect(store.items()).toEqual([]);
    expect(store.failedMore()).toBe(false);

    store.retry();
    expect(store.loading()).toBe(true);
    http.expectOne((r) => r.params.get('q') === 'x' && r.params.get('count') === 'true').flush({ items: [contact('a')], nextCursor: null, total: 1 });
    expect(store.error()).toBeNull();
    expect(store.items()).toHaveLength(1);
  });

  it('a failed further page keeps the rows already shown', () => {
    store.load(query());
    http.expectOne((r) => r.url === '/api/v1/contacts').flush({ items: [contact('a')], nextCursor: 'c1', total: 2 });
    store.loadMore();
    http.expectOne((r) => r.params.get('cursor') === 'c1').error(new ProgressEvent('error'), { status: 0 });
    expect(store.errorCode()).toBe('network');
    expect(store.failedMore()).toBe(true);
    expect(store.items().map((c) => c.id)).toEqual(['a']);

    store.retry();
    http.expectOne((r) => r.params.get('cursor') === 'c1').flush({ items: [contact('b')], nextCursor: null });
    expect(store.items().map((c) => c.id)).toEqual(['a', 'b']);
  });
});
