import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DuplicateCandidate } from './dedup-api';
import { DuplicatesStore } from './duplicates.store';

const candidate = (overrides: Partial<DuplicateCandidate> = {}): DuplicateCandidate => ({
  id: '22222222-2222-4222-8222-222222222222', name: 'Məmmədov Elçin', ownerName: 'Aysel', reasons: ['phone'], similarity: 0, ...overrides,
});

describe('DuplicatesStore', () => {
  let store: InstanceType<typeof DuplicatesStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [DuplicatesStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(DuplicatesStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('asks the endpoint of the entity with the probe and keeps the candidates', async () => {
    const done = store.checkNow('contacts', { name: 'Memmedov', phones: ['050 123 45 67'], emails: [], taxId: '123' });
    const request = http.expectOne('/api/v1/contacts/duplicates');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ name: 'Memmedov', phones: ['050 123 45 67'], emails: [] });
    request.flush([candidate()]);
    await done;
    expect(store.candidates()).toEqual([candidate()]);
    expect(store.loaded()).toBe(true);

    const company = store.checkNow('companies', { taxId: '1234567891', emails: [], phones: [] });
    const companyRequest = http.expectOne('/api/v1/companies/duplicates');
    expect(companyRequest.request.body).toEqual({ taxId: '1234567891', emails: [], phones: [] });
    companyRequest.flush([]);
    await company;
    expect(store.candidates()).toEqual([]);
  });

  it('does not ask again for the same probe, nor at all for an empty one', async () => {
    const probe = { name: 'Memmedov', emails: [], phones: [] };
    const first = store.checkNow('contacts', probe);
    http.expectOne('/api/v1/contacts/duplicates').flush([candidate()]);
    await first;
    await store.checkNow('contacts', { ...probe });
    http.expectNone('/api/v1/contacts/duplicates');
    await store.checkNow('contacts', { name: '  ', emails: [], phones: [] });
    http.expectNone('/api/v1/contacts/duplicates');
    expect(store.candidates()).toEqual([]);
  });

  it('never lets an older answer replace a newer one', async () => {
    const older = store.checkNow('contacts', { name: 'Memmedov', emails: [], phones: [] });
    const newer = store.checkNow('contacts', { name: 'Memmedov Elcin', emails: [], phones: [] });
    const [first, second] = http.match('/api/v1/contacts/duplicates');
    second.flush([candidate({ name: 'Newer' })]);
    first.flush([candidate({ name: 'Older' })]);
    await Promise.all([older, newer]);
    expect(store.candidates().map((c) => c.name)).toEqual(['Newer']);
  });

  it('waits for the pause before asking; the last probe of the pause wins', async () => {
    store.check('contacts', { name: 'Mem', emails: [], phones: [] }, 0);
    store.check('contacts', { name: 'Memmedov', emails: [], phones: [] }, 0);
    http.expectNone('/api/v1/contacts/duplicates');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [request] = http.match('/api/v1/contacts/duplicates');
    expect(request.request.body.name).toBe('Memmedov');
    request.flush([]);
  });

  it('hides the candidates when dismissed until a new answer arrives', async () => {
    const done = store.checkNow('contacts', { name: 'Memmedov', emails: [], phones: [] });
    http.expectOne('/api/v1/contacts/duplicates').flush([candidate()]);
    await done;
    store.dismiss();
    expect(store.dismissed()).toBe(true);
    const again = store.checkNow('contacts', { name: 'Memmedov E', emails: [], phones: [] });
    http.expectOne('/api/v1/contacts/duplicates').flush([candidate()]);
    await again;
    expect(store.dismissed()).toBe(false);
  });
});
