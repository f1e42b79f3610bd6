import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Schema } from '@app/core/api/schema';
import { RolesStore } from './roles.store';

type Role = Schema<'RoleResponse'>;

const role = (id: string, extra: Partial<Role> = {}): Role => ({
  id,
  name: `role_${id}`,
  label: `Role ${id}`,
  description: '',
  builtIn: false,
  rules: [],
  userCount: 0,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...extra,
});

describe('RolesStore', () => {
  let store: InstanceType<typeof RolesStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [RolesStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(RolesStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists built-in roles first, each group by label, and finds roles by name', async () => {
    const done = store.load();
    expect(store.loading()).toBe(true);
    http.expectOne('/api/v1/roles').flush({
      items: [role('1', { label: 'Zeta' }), role('2', { label: 'Manager', builtIn: true, name: 'manager' }), role('3', { label: 'Alpha' })],
    });
    await done;
    expect(store.items().map((r) => r.label)).toEqual(['Manager', 'Alpha', 'Zeta']);
    expect(store.byName().get('manager')?.id).toBe('2');
    expect(store.loaded()).toBe(true);
  });

  it('creates a role with its rules', async () => {
    const body: Schema<'CreateRoleRequest'> = {
      name: 'regional',
      label: 'Regional',
      description: 'Region',
      rules: [{ subject: 'Contact', action: 'read', scope: 'all' }],
    };
    const done = store.create(body);
    const request = http.expectOne({ method: 'POST', url: '/api/v1/roles' });
    expect(request.request.body).toEqual(body);
    request.flush(role('9', { name: 'regional', label: 'Regional', rules: body.rules }));
    await done;
    expect(store.items().map((r) => r.id)).toEqual(['9']);
  });

  it('changes a role with the version it was loaded at', async () => {
    const done = store.update(role('1', { version: 3 }), { label: 'Renamed', rules: [] });
    const request = http.expectOne({ method: 'PATCH', url: '/api/v1/roles/1' });
    expect(request.request.body).toEqual({ label: 'Renamed', rules: [], version: 3 });
    request.flush(role('1', { label: 'Renamed', version: 4 }));
    expect((await done).version).toBe(4);
    expect(store.items()[0].label).toBe('Renamed');
  });

  it('deletes a role with If-Match and takes it from the list', async () => {
    const load = store.load();
    http.expectOne('/api/v1/roles').flush({ items: [role('1', { version: 2 }), role('2')] });
    await load;
    const done = store.delete(store.items()[0]);
    const request = http.expectOne({ method: 'DELETE', url: '/api/v1/roles/1' });
    expect(request.request.headers.get('If-Match')).toBe('"2"');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await done;
    expect(store.items().map((r) => r.id)).toEqual(['2']);
  });

  it('opens one role as it is on the server', async () => {
    const done = store.get('5');
    http.expectOne('/api/v1/roles/5').flush(role('5', { rules: [{ subject: 'Deal', action: 'read', scope: 'own' }] }));
    expect((await done).rules).toHaveLength(1);
  });
});
