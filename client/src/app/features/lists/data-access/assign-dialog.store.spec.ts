import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AssignDialogStore, SUGGESTIONS } from './assign-dialog.store';
import type { Owner } from './lists-api';

const owner = (id: string, displayName: string): Owner => ({ id, displayName, active: true });

describe('AssignDialogStore', () => {
  let store: InstanceType<typeof AssignDialogStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [AssignDialogStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AssignDialogStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('suggests the users the records may be given to, the latest text winning', () => {
    store.setResource('companies');
    store.search('Ay');
    const first = http.expectOne((r) => r.url === '/api/v1/companies/assignees');
    expect(first.request.params.get('q')).toBe('Ay');
    expect(first.request.params.get('limit')).toBe(String(SUGGESTIONS));
    expect(store.loading()).toBe(true);

    store.search('  ');
    expect(first.cancelled).toBe(true);
    const second = http.expectOne((r) => r.url === '/api/v1/companies/assignees');
    expect(second.request.params.has('q')).toBe(false);
    second.flush({ items: [owner('u2', 'Aysel'), owner('u3', 'Rəşad')] });
    expect(store.loaded()).toBe(true);
    expect(store.candidates().map((o) => o.displayName)).toEqual(['Aysel', 'Rəşad']);

    store.search('x');
    http.expectOne((r) => r.url === '/api/v1/companies/assignees').flush({ type: 'urn:crm:problem:forbidden', title: 'Forbidden', status: 403, detail: 'no' }, { status: 403, statusText: 'Forbidden' });
    expect(store.candidates()).toEqual([]);
    expect(store.errorCode()).toBe('forbidden');
  });

  it('gives the records to the chosen user and answers how many changed owner', async () => {
    expect(await store.assign(['c1'])).toBeNull();

    store.choose(owner('u2', 'Aysel'));
    const assigning = store.assign(['c1', 'c2']);
    expect(store.saving()).toBe(true);
    const request = http.expectOne('/api/v1/contacts/assign');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ ids: ['c1', 'c2'], ownerId: 'u2' });
    request.flush({ assigned: 2 });
    expect(await assigning).toBe(2);
    expect(store.saving()).toBe(false);
    expect(store.assignError()).toBeNull();
  });

  it('keeps the refusal for the dialog to explain, until another user is chosen', async () => {
    store.choose(owner('u9', 'Başqa'));
    const assigning = store.assign(['c1']);
    const problem = { type: 'urn:crm:problem:forbidden', title: 'Forbidden', status: 403, detail: 'Your role does not allow giving these records to that user: c1' };
    http.expectOne('/api/v1/contacts/assign').flush(problem, { status: 403, statusText: 'Forbidden' });
    expect(await assigning).toBeNull();
    expect((store.assignError() as { error: unknown }).error).toEqual(problem);
    expect(store.saving()).toBe(false);

    store.choose(owner('u2', 'Aysel'));
    expect(store.assignError()).toBeNull();
  });
});
