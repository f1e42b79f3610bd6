import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Contact } from './contacts-api';
import { ContactStore } from './contact.store';

const URL = '/api/v1/contacts';
const contact = (overrides: Partial<Contact> = {}): Contact => ({
  id: '11111111-1111-4111-8111-111111111111', name: 'Məmmədov Elçin', email: 'elchin@example.az', phone: '+994501234567',
  ownerId: 'u1', ownerName: 'Aysel', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', createdBy: 'u1', version: 3,
  ...overrides,
});
const problem = (type: string, status: number, extra: object = {}) => ({ type: `urn:crm:problem:${type}`, title: type, status, detail: type, ...extra });

describe('ContactStore', () => {
  let store: InstanceType<typeof ContactStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [ContactStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(ContactStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function loaded(value = contact(), etag = '"3"'): Promise<void> {
    const done = store.load(value.id);
    http.expectOne(`${URL}/${value.id}`).flush(value, { headers: { ETag: etag } });
    await done;
  }

  it('loads a contact with the ETag of its version', async () => {
    await loaded();
    expect(store.contact()?.name).toBe('Məmmədov Elçin');
    expect(store.etag()).toBe('"3"');
    expect(store.loaded()).toBe(true);
  });

  it('treats a contact the user may not see, and a malformed id, as not found', async () => {
    let done = store.load('11111111-1111-4111-8111-111111111111');
    http.expectOne(`${URL}/11111111-1111-4111-8111-111111111111`).flush(problem('not-found', 404), { status: 404, statusText: 'Not Found' });
    await done;
    expect(store.notFound()).toBe(true);
    expect(store.contact()).toBeNull();

    done = store.load('abc');
    http.expectOne(`${URL}/abc`).flush(problem('validation', 400, { errors: [{ field: 'id', message: 'must be a UUID' }] }), { status: 400, statusText: 'Bad Request' });
    await done;
    expect(store.notFound()).toBe(true);
  });

  it('changes a contact with If-Match and takes the new version', async () => {
    await loaded();
    const saved = store.update({ phone: '+994551112233' });
    expect(store.saving()).toBe(true);
    const request = http.expectOne(`${URL}/${contact().id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    expect(request.request.body).toEqual({ phone: '+994551112233' });
    request.flush(contact({ phone: '+994551112233', version: 4 }), { headers: { ETag: '"4"' } });
    expect((await saved).version).toBe(4);
    expect(store.etag()).toBe('"4"');
    expect(store.saving()).toBe(false);
  });

  it('falls back to the body version when the response has no ETag', async () => {
    await loaded(contact({ version: 7 }), '');
    const done = store.load(contact().id);
    http.expectOne(`${URL}/${contact().id}`).flush(contact({ version: 7 }));
    await done;
    expect(store.etag()).toBe('"7"');
  });

  it('a stale change (412) sets the conflict until the reload brings the current version', async () => {
    await loaded();
    const saved = store.update({ name: 'Elçin Məmmədov' });
    http.expectOne(`${URL}/${contact().id}`).flush(problem('version-mismatch', 412), { status: 412, statusText: 'Precondition Failed' });
    await expect(saved).rejects.toMatchObject({ status: 412 });
    expect(store.conflict()).toBe(true);
    expect(store.contact()?.version).toBe(3);

    const reloaded = store.reload();
    http.expectOne(`${URL}/${contact().id}`).flush(contact({ name: 'Changed elsewhere', version: 4 }), { headers: { ETag: '"4"' } });
    await reloaded;
    expect(store.conflict()).toBe(false);
    expect(store.contact()?.name).toBe('Changed elsewhere');
    expect(store.etag()).toBe('"4"');
  });

  it('sends one Idempotency-Key for retries of the same form and a new one for a changed form', async () => {
    const body = { name: 'Həsənova Leyla', phone: null, email: null };
    const first = store.create(body);
    const firstRequest = http.expectOne(URL);
    const key = firstRequest.request.headers.get('Idempotency-Key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    firstRequest.error(new ProgressEvent('error'), { status: 0 });
    await expect(first).rejects.toBeDefined();

    const retry = store.create({ ...body });
    const retryRequest = http.expectOne(URL);
    expect(retryRequest.request.headers.get('Idempotency-Key')).toBe(key);
    retryRequest.flush(problem('validation', 400, { errors: [{ field: 'email', message: 'email must be an e-mail address' }] }), { status: 400, statusText: 'Bad Request' });
    await expect(retry).rejects.toBeDefined();

    const changed = store.create({ ...body, email: 'leyla@example.az' });
    const changedRequest = http.expectOne(URL);
    expect(changedRequest.request.headers.get('Idempotency-Key')).not.toBe(key);
    changedRequest.flush(contact({ name: 'Həsənova Leyla', version: 1 }), { status: 201, statusText: 'Created', headers: { ETag: '"1"' } });
    expect((await changed).name).toBe('Həsənova Leyla');
  });

  it('a second submit while the first is on its way sends nothing more', async () => {
    const body = { name: 'Quliyev Rəşad' };
    const first = store.create(body);
    const second = store.create(body);
    http.expectOne(URL).flush(contact({ name: 'Quliyev Rəşad' }), { status: 201, statusText: 'Created' });
    expect(await second).toBe(await first);
  });

  it('deletes with If-Match', async () => {
    await loaded();
    const removed = store.remove();
    const request = http.expectOne(`${URL}/${contact().id}`);
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await expect(removed).resolves.toMatchObject({ id: contact().id });
  });
});
