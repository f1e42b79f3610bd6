import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Schema } from '@app/core/api/schema';
import { UsersStore } from './users.store';

type User = Schema<'UserResponse'>;

const user = (id: string, extra: Partial<User> = {}): User => ({
  id,
  login: `user.${id}`,
  email: null,
  displayName: `User ${id}`,
  locale: 'az',
  active: true,
  mustChangePassword: false,
  lastLoginAt: null,
  roles: [],
  teamIds: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...extra,
});

/** Lets the store's awaits run on. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

describe('UsersStore', () => {
  let store: InstanceType<typeof UsersStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [UsersStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(UsersStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads the first page with the search, the status and a total, and says when it is loading', async () => {
    const done = store.load({ q: ' aysel ', active: false });
    expect(store.loading()).toBe(true);
    const request = http.expectOne((r) => r.url === '/api/v1/users');
    expect(request.request.params.get('q')).toBe('aysel');
    expect(request.request.params.get('active')).toBe('false');
    expect(request.request.params.get('count')).toBe('true');
    expect(request.request.params.get('limit')).toBe('50');
    expect(request.request.params.has('cursor')).toBe(false);
    request.flush({ items: [user('1')], nextCursor: 'next', total: 51 });
    await done;
    expect(store.items().map((u) => u.id)).toEqual(['1']);
    expect(store.total()).toBe(51);
    expect(store.nextCursor()).toBe('next');
    expect(store.loading()).toBe(false);
    expect(store.loaded()).toBe(true);
  });

  it('leaves out an empty search and "all" statuses', async () => {
    const done = store.load({ q: '  ', active: null });
    const request = http.expectOne((r) => r.url === '/api/v1/users');
    expect(request.request.params.has('q')).toBe(false);
    expect(request.request.params.has('active')).toBe(false);
    request.flush({ items: [], nextCursor: null, total: 0 });
    await done;
  });

  it('appends the next page with the cursor and the same filter', async () => {
    const first = store.load({ q: 'a', active: true });
    http.expectOne((r) => r.url === '/api/v1/users').flush({ items: [user('1')], nextCursor: 'c1', total: 2 });
    await first;
    const more = store.loadMore();
    const request = http.expectOne((r) => r.url === '/api/v1/users');
    expect(request.request.params.get('cursor')).toBe('c1');
    expect(request.request.params.get('q')).toBe('a');
    expect(request.request.params.get('active')).toBe('true');
    expect(request.request.params.has('count')).toBe(false);
    request.flush({ items: [user('2')], nextCursor: null });
    await more;
    expect(store.items().map((u) => u.id)).toEqual(['1', '2']);
    expect(store.nextCursor()).toBeNull();
    expect(store.total()).toBe(2);
  });

  it('drops the answer to an older search that arrives after a newer one', async () => {
    const older = store.load({ q: 'a', active: null });
    const newer = store.load({ q: 'ab', active: null });
    const [first, second] = http.match((r) => r.url === '/api/v1/users');
    second.flush({ items: [user('ab')], nextCursor: null, total: 1 });
    first.flush({ items: [user('a')], nextCursor: null, total: 1 });
    await Promise.all([older, newer]);
    expect(store.items().map((u) => u.id)).toEqual(['ab']);
  });

  it('keeps the error of a failed load', async () => {
    const done = store.load({ q: '', active: null });
    http.expectOne((r) => r.url === '/api/v1/users').flush({ type: 'urn:crm:problem:forbidden', status: 403, title: 'Forbidden', detail: 'no' }, { status: 403, statusText: 'Forbidden' });
    await done;
    expect(store.error()).toBeInstanceOf(HttpErrorResponse);
    expect(store.loading()).toBe(false);
  });

  it('creates a user, puts them first and returns the one-time password', async () => {
    const load = store.load({ q: '', active: null });
    http.expectOne((r) => r.url === '/api/v1/users').flush({ items: [user('1')], nextCursor: null, total: 1 });
    await load;
    const body: Schema<'CreateUserRequest'> = { login: 'new.user', displayName: 'New User', locale: 'en', roleIds: ['r1'] };
    const created = store.create(body);
    expect(store.saving()).toBe(true);
    const request = http.expectOne({ method: 'POST', url: '/api/v1/users' });
    expect(request.request.body).toEqual(body);
    request.flush({ user: user('2', { login: 'new.user' }), oneTimePassword: 'Secret-123456' });
    expect((await created).oneTimePassword).toBe('Secret-123456');
    expect(store.items().map((u) => u.id)).toEqual(['2', '1']);
    expect(store.total()).toBe(2);
    expect(store.saving()).toBe(false);
  });

  it('sends the version it changes with a PATCH and replaces the user in the list', async () => {
    const load = store.load({ q: '', active: null });
    http.expectOne((r) => r.url === '/api/v1/users').flush({ items: [user('1', { version: 4 })], nextCursor: null });
    await load;
    const done = store.setActive(store.items()[0], false);
    const request = http.expectOne({ method: 'PATCH', url: '/api/v1/users/1' });
    expect(request.request.body).toEqual({ active: false, version: 4 });
    request.flush(user('1', { active: false, version: 5 }));
    await done;
    expect(store.items()[0].active).toBe(false);
    expect(store.items()[0].version).toBe(5);
  });

  it('passes a stale version refusal on to the caller', async () => {
    const done = store.update(user('1', { version: 2 }), { displayName: 'Renamed' });
    http
      .expectOne({ method: 'PATCH', url: '/api/v1/users/1' })
      .flush({ type: 'urn:crm:problem:version-mismatch', status: 412, title: 'Stale', detail: 'changed' }, { status: 412, statusText: 'Precondition Failed' });
    await expect(done).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(store.saving()).toBe(false);
  });

  it('resets a password, returns the new one-time password and takes the new version of the user', async () => {
    const load = store.load({ q: '', active: null });
    http.expectOne((r) => r.url === '/api/v1/users').flush({ items: [user('1', { version: 2 })], nextCursor: null });
    await load;
    const done = store.resetPassword(store.items()[0]);
    http.expectOne({ method: 'POST', url: '/api/v1/users/1/reset-password' }).flush({ oneTimePassword: 'Fresh-987654' });
    await settle();
    http.expectOne({ method: 'GET', url: '/api/v1/users/1' }).flush(user('1', { version: 3, mustChangePassword: true }));
    expect(await done).toBe('Fresh-987654');
    expect(store.items()[0]).toMatchObject({ version: 3, mustChangePassword: true });
  });

  it('replaces roles and teams by id', async () => {
    const roles = store.setRoles(user('1'), ['r1', 'r2']);
    const rolesRequest = http.expectOne({ method: 'PUT', url: '/api/v1/users/1/roles' });
    expect(rolesRequest.request.body).toEqual({ ids: ['r1', 'r2'] });
    rolesRequest.flush(user('1', { roles: ['manager', 'sales_rep'] }));
    expect((await roles).roles).toEqual(['manager', 'sales_rep']);

    const teams = store.setTeams(user('1'), ['t1']);
    const teamsRequest = http.expectOne({ method: 'PUT', url: '/api/v1/users/1/teams' });
    expect(teamsRequest.request.body).toEqual({ ids: ['t1'] });
    teamsRequest.flush(user('1', { teamIds: ['t1'] }));
    expect((await teams).teamIds).toEqual(['t1']);
    await settle();
  });
});
