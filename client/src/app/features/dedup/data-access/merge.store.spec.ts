import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { A, B, PREVIEW } from './merge-preview.testing';
import { MergeStore } from './merge.store';

describe('MergeStore', () => {
  let store: InstanceType<typeof MergeStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [MergeStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(MergeStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function loaded(): Promise<void> {
    const done = store.load('contacts', A, [B]);
    const request = http.expectOne((r) => r.url === `/api/v1/contacts/${A}/merge-preview`);
    expect(request.request.params.getAll('with')).toEqual([B]);
    request.flush(PREVIEW);
    await done;
  }

  it('offers the differing fields, keeping the survivor’s values or filling its empty ones', async () => {
    await loaded();
    expect(store.differing()).toEqual(['name', 'phone', 'source']);
    expect(store.choices()).toEqual({ name: A, phone: B, source: A });
    expect(store.moving()).toEqual({ points: 1, links: 0, activities: 2, attachments: 1, deals: 0, tasks: 0 });
  });

  it('starts the choices again from another survivor', async () => {
    await loaded();
    store.choose('name', B);
    store.chooseSurvivor(B);
    expect(store.survivor()?.id).toBe(B);
    expect(store.choices()).toEqual({ name: B, phone: B, source: B });
    expect(store.moving()).toEqual({ points: 1, links: 1, activities: 0, attachments: 0, deals: 0, tasks: 0 });
  });

  it('merges into the survivor with its version in If-Match and the chosen fields', async () => {
    await loaded();
    store.choose('name', B);
    const done = store.merge();
    const request = http.expectOne(`/api/v1/contacts/${A}/merge`);
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    expect(request.request.body).toEqual({ mergedIds: [B], fields: { name: B, phone: B, source: A } });
    request.flush({ survivorId: A, mergedIds: [B], version: 4, moved: { points: 1, links: 0, activities: 2, attachments: 1, deals: 0, tasks: 0 } });
    expect((await done).survivorId).toBe(A);
    expect(store.saving()).toBe(false);
  });

  it('marks a stale survivor as a conflict', async () => {
    await loaded();
    const done = store.merge();
    http.expectOne(`/api/v1/contacts/${A}/merge`).flush({ type: 'urn:crm:problem:version-mismatch', title: 'x', status: 412, detail: 'x' }, { status: 412, statusText: 'Precondition Failed' });
    await expect(done).rejects.toBeTruthy();
    expect(store.conflict()).toBe(true);
  });
});
