import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Schema } from '@app/core/api/schema';
import { TeamsStore } from './teams.store';

type Team = Schema<'TeamResponse'>;

const team = (id: string, extra: Partial<Team> = {}): Team => ({
  id,
  name: `Team ${id}`,
  leadId: null,
  memberIds: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...extra,
});

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

describe('TeamsStore', () => {
  let store: InstanceType<typeof TeamsStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [TeamsStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(TeamsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads every page of teams', async () => {
    const done = store.load();
    const first = http.expectOne((r) => r.url === '/api/v1/teams');
    expect(first.request.params.get('limit')).toBe('200');
    first.flush({ items: [team('a')], nextCursor: 'c1' });
    await settle();
    const second = http.expectOne((r) => r.url === '/api/v1/teams');
    expect(second.request.params.get('cursor')).toBe('c1');
    second.flush({ items: [team('b')], nextCursor: null });
    await done;
    expect(store.items().map((t) => t.id)).toEqual(['a', 'b']);
    expect(store.byId().get('b')?.name).toBe('Team b');
    expect(store.loaded()).toBe(true);
  });

  it('creates a team with its lead and members and keeps the list by name', async () => {
    const load = store.load();
    http.expectOne((r) => r.url === '/api/v1/teams').flush({ items: [team('z', { name: 'Zaqatala' })], nextCursor: null });
    await load;
    const body = { name: 'Bakı', leadId: 'u1', memberIds: ['u1', 'u2'] };
    const done = store.create(body);
    const request = http.expectOne({ method: 'POST', url: '/api/v1/teams' });
    expect(request.request.body).toEqual(body);
    request.flush(team('b', body));
    await done;
    expect(store.items().map((t) => t.name)).toEqual(['Bakı', 'Zaqatala']);
  });

  it('changes a team with its version and deletes it with If-Match', async () => {
    const update = store.update(team('a', { version: 7 }), { name: 'Renamed', memberIds: [] });
    const patch = http.expectOne({ method: 'PATCH', url: '/api/v1/teams/a' });
    expect(patch.request.body).toEqual({ name: 'Renamed', memberIds: [], version: 7 });
    patch.flush(team('a', { name: 'Renamed', version: 8 }));
    const updated = await update;

    const removal = store.delete(updated);
    const del = http.expectOne({ method: 'DELETE', url: '/api/v1/teams/a' });
    expect(del.request.headers.get('If-Match')).toBe('"8"');
    del.flush(null, { status: 204, statusText: 'No Content' });
    await removal;
    expect(store.items()).toEqual([]);
  });

  it('follows a user joining and leaving teams elsewhere', async () => {
    const load = store.load();
    http.expectOne((r) => r.url === '/api/v1/teams').flush({ items: [team('a', { memberIds: ['u1'] }), team('b')], nextCursor: null });
    await load;
    store.memberChanged('u1', ['b']);
    expect(store.byId().get('a')?.memberIds).toEqual([]);
    expect(store.byId().get('b')?.memberIds).toEqual(['u1']);
  });
});
