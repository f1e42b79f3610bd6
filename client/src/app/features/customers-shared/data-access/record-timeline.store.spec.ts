import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { TimelineItem } from './activities-api';
import { RecordTimelineStore, TIMELINE_PAGE_SIZE } from './record-timeline.store';

const change = (id: string): TimelineItem => ({
  type: 'change', id, at: '2026-01-01T00:00:00Z', actorId: 'u1', actorName: 'Aysel', change: { table: 'contacts', action: 'update', changes: {} },
});

describe('RecordTimelineStore', () => {
  let store: InstanceType<typeof RecordTimelineStore>;
  let http: HttpTestingController;
  const URL = '/api/v1/contacts/c1/timeline';

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [RecordTimelineStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(RecordTimelineStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('pages with the cursor and starts over when the filter changes', () => {
    store.load('contact', 'c1');
    const first = http.expectOne((r) => r.url === URL);
    expect(first.request.params.get('limit')).toBe(String(TIMELINE_PAGE_SIZE));
    expect(first.request.params.has('types')).toBe(false);
    first.flush({ items: [change('9')], nextCursor: 'next' });
    expect(store.hasMore()).toBe(true);

    store.loadMore();
    http.expectOne((r) => r.url === URL && r.params.get('cursor') === 'next').flush({ items: [change('3')], nextCursor: null });
    expect(store.items().map((i) => i.id)).toEqual(['9', '3']);

    store.setTypes(['note', 'call']);
    const filtered = http.expectOne((r) => r.url === URL && !r.params.has('cursor'));
    expect(filtered.request.params.get('types')).toBe('call,note');
    filtered.flush({ items: [], nextCursor: null });
    expect(store.filtered()).toBe(true);
    expect(store.empty()).toBe(true);

    store.setTypes([]);
    http.expectOne((r) => r.url === URL && !r.params.has('types')).flush({ items: [], nextCursor: null });
    expect(store.filtered()).toBe(false);
  });

  it('keeps a failure for the component to explain, and retries', () => {
    store.load('company', 'k1');
    http.expectOne('/api/v1/companies/k1/timeline?limit=25').flush(
      { type: 'urn:crm:problem:not-found', title: 'Not found', status: 404, detail: 'gone' },
      { status: 404, statusText: 'Not Found' },
    );
    expect(store.errorCode()).toBe('not-found');
    store.retry();
    http.expectOne('/api/v1/companies/k1/timeline?limit=25').flush({ items: [change('1')], nextCursor: null });
    expect(store.error()).toBeNull();
    expect(store.items()).toHaveLength(1);
  });
});
