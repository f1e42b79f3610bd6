import { provideHttpClient } from '@angular/common/http';
import { HttpEventType } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Attachment } from './activities-api';
import { AttachmentsStore } from './attachments.store';

const attachment = (id: string): Attachment => ({
  id, contactId: 'c1', companyId: null, dealId: null, fileName: `${id}.pdf`, contentType: 'application/pdf', sizeBytes: 10, sha256: 'a'.repeat(64),
  createdAt: '2026-01-01T00:00:00Z', createdBy: 'u1', createdByName: 'Aysel',
});

describe('AttachmentsStore', () => {
  let store: InstanceType<typeof AttachmentsStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [AttachmentsStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AttachmentsStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('lists, uploads with progress and deletes', async () => {
    const loaded = store.load('contact', 'c1');
    http.expectOne((r) => r.url === '/api/v1/contacts/c1/attachments').flush({ items: [attachment('a1')], nextCursor: null });
    await loaded;
    expect(store.items().map((a) => a.id)).toEqual(['a1']);

    const uploaded = store.upload(new File(['hello'], 'new.txt', { type: 'text/plain' }));
    const post = http.expectOne('/api/v1/contacts/c1/attachments');
    expect(post.request.body).toBeInstanceOf(FormData);
    expect((post.request.body as FormData).get('file')).toBeInstanceOf(File);
    post.event({ type: HttpEventType.UploadProgress, loaded: 5, total: 10 });
    expect(store.uploading()).toEqual({ name: 'new.txt', percent: 50 });
    post.flush(attachment('a2'), { status: 201, statusText: 'Created' });
    await uploaded;
    expect(store.uploading()).toBeNull();
    expect(store.items().map((a) => a.id)).toEqual(['a2', 'a1']);

    const removed = store.remove(store.items()[1]);
    http.expectOne({ method: 'DELETE', url: '/api/v1/attachments/a1' }).flush(null, { status: 204, statusText: 'No Content' });
    await removed;
    expect(store.items().map((a) => a.id)).toEqual(['a2']);
  });

  it('rejects a refused upload and clears the progress', async () => {
    const loaded = store.load('contact', 'c1');
    http.expectOne((r) => r.url === '/api/v1/contacts/c1/attachments').flush({ items: [], nextCursor: null });
    await loaded;
    const uploaded = store.upload(new File(['x'], 'big.bin'));
    http.expectOne('/api/v1/contacts/c1/attachments').flush(
      { type: 'urn:crm:problem:payload-too-large', title: 'Payload Too Large', status: 413, detail: 'too big' },
      { status: 413, statusText: 'Payload Too Large' },
    );
    await expect(uploaded).rejects.toBeTruthy();
    expect(store.uploading()).toBeNull();
    expect(store.items()).toEqual([]);
  });
});
