import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Company } from './companies-api';
import { CompanyStore } from './company.store';

const ID = '0b8f0f3e-2a55-4d2e-9b7a-5c1f7e2d9a10';
const company = (overrides: Partial<Company> = {}): Company => ({
  id: ID, name: 'Xəzər Logistika MMC', taxId: '1401234561', phone: '+994124931234', points: [], ownerId: 'u1', ownerName: 'Aysel',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', createdBy: 'u1', version: 2, ...overrides,
});
const problem = (code: string, status: number): object => ({ type: `urn:crm:problem:${code}`, title: code, status });

describe('CompanyStore', () => {
  let store: InstanceType<typeof CompanyStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [CompanyStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(CompanyStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

  const load = async (): Promise<void> => {
    const loading = store.load(ID);
    http.expectOne(`/api/v1/companies/${ID}`).flush(company(), { headers: { ETag: '"2"' } });
    await settle();
    http.expectOne((r) => r.url === `/api/v1/companies/${ID}/contacts`).flush({ items: [{ id: 'c1', name: 'Rəşad', jobTitle: 'Direktor', primary: true, ownerId: 'u1', ownerName: 'Aysel' }], nextCursor: null });
    await loading;
  };

  it('loads the company with its linked contacts and the ETag of its version', async () => {
    await load();
    expect(store.company()?.name).toBe('Xəzər Logistika MMC');
    expect(store.contacts().map((c) => c.jobTitle)).toEqual(['Direktor']);
    expect(store.etag()).toBe('"2"');
  });

  it('shows the contacts of the survivor when the id was merged away', async () => {
    const loading = store.load('11111111-2222-4333-8444-555555555555');
    // The browser followed the 308: the answer is the survivor.
    http.expectOne('/api/v1/companies/11111111-2222-4333-8444-555555555555').flush(company(), { headers: { ETag: '"2"' } });
    await settle();
    http.expectOne((r) => r.url === `/api/v1/companies/${ID}/contacts`).flush({ items: [], nextCursor: null });
    await loading;
    expect(store.company()?.id).toBe(ID);
    expect(store.notFound()).toBe(false);
  });

  it('changes with If-Match and marks a stale version as a conflict', async () => {
    await load();
    const saving = store.update({ industry: 'Logistika' });
    const request = http.expectOne(`/api/v1/companies/${ID}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.headers.get('If-Match')).toBe('"2"');
    expect(request.request.body).toEqual({ industry: 'Logistika' });
    request.flush(problem('version-mismatch', 412), { status: 412, statusText: 'Precondition Failed' });
    await expect(saving).rejects.toBeTruthy();
    expect(store.conflict()).toBe(true);
    expect(store.saving()).toBe(false);
  });

  it('retries a create with the same Idempotency-Key', async () => {
    const first = store.create({ name: 'Yeni MMC' });
    const one = http.expectOne('/api/v1/companies');
    const key = one.request.headers.get('Idempotency-Key');
    one.flush(null, { status: 0, statusText: 'Unknown Error' });
    await expect(first).rejects.toBeTruthy();
    const second = store.create({ name: 'Yeni MMC' });
    const two = http.expectOne('/api/v1/companies');
    expect(two.request.headers.get('Idempotency-Key')).toBe(key);
    two.flush(company({ name: 'Yeni MMC', version: 1 }), { status: 201, statusText: 'Created', headers: { ETag: '"1"' } });
    expect((await second).name).toBe('Yeni MMC');
  });

  it('says not found for a company one cannot see', async () => {
    const loading = store.load(ID);
    http.expectOne(`/api/v1/companies/${ID}`).flush(problem('not-found', 404), { status: 404, statusText: 'Not Found' });
    await loading;
    http.expectNone((r) => r.url === `/api/v1/companies/${ID}/contacts`);
    expect(store.notFound()).toBe(true);
    expect(store.company()).toBeNull();
  });
});
