import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { createMongoAbility } from '@casl/ability';
import { AuthStore } from '@app/core/auth/auth.store';
import { paramsOf, SavedView, SavedViewsStore, viewQueryOf } from './saved-views.store';

const view = (overrides: Partial<SavedView> = {}): SavedView => ({
  id: 'v1', entity: 'contact', name: 'B', query: {}, ownerId: 'u1', ownerName: 'Aysel', teamId: null, teamName: null, mine: true,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1, ...overrides,
});

describe('saved views', () => {
  it('turn the address into a query and back', () => {
    const query = viewQueryOf({ q: 'Bakı', sort: 'name', cf: ['segment:eq:vip'], mine: '1', empty: '', columns: 'name,phone,cf.segment' });
    expect(query).toEqual({ q: 'Bakı', sort: 'name', cf: ['segment:eq:vip'], filters: { mine: '1' }, columns: ['name', 'phone', 'cf.segment'] });
    expect(paramsOf(query)).toEqual({ q: 'Bakı', sort: 'name', cf: ['segment:eq:vip'], mine: '1', columns: 'name,phone,cf.segment' });
    expect(viewQueryOf({ cf: 'a:eq:1' })).toEqual({ cf: ['a:eq:1'] });
  });

  it('loads mine and shared ones, offers my teams, and changes a view with If-Match', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(), provideHttpClientTesting(), SavedViewsStore,
        { provide: AuthStore, useValue: { user: signal({ id: 'u1' }), ability: signal(createMongoAbility([{ action: 'read', subject: 'Team' }] as never)) } },
      ],
    });
    const store = TestBed.inject(SavedViewsStore);
    const http = TestBed.inject(HttpTestingController);

    const loading = store.load('contact');
    http.expectOne((r) => r.url === '/api/v1/saved-views' && r.params.get('entity') === 'contact')
      .flush({ items: [view(), view({ id: 'v2', name: 'Team', mine: false, teamId: 't1', teamName: 'Satış' })] });
    await loading;
    expect(store.mine().map((v) => v.id)).toEqual(['v1']);
    expect(store.shared().map((v) => v.teamName)).toEqual(['Satış']);

    const teams = store.loadTeams();
    http.expectOne((r) => r.url === '/api/v1/teams').flush({
      items: [{ id: 't1', name: 'Satış', leadId: null, memberIds: ['u1'] }, { id: 't2', name: 'Other', leadId: 'u9', memberIds: [] }, { id: 't3', name: 'Led', leadId: 'u1', memberIds: [] }],
      nextCursor: null,
    });
    await teams;
    expect(store.teams().map((t) => t.id)).toEqual(['t1', 't3']);

    const renaming = store.update(store.mine()[0], { name: 'A' });
    const patch = http.expectOne('/api/v1/saved-views/v1');
    expect(patch.request.headers.get('If-Match')).toBe('"1"');
    expect(patch.request.body).toEqual({ name: 'A' });
    patch.flush(view({ name: 'A', version: 2 }));
    await renaming;
    expect(store.items().map((v) => v.name)).toEqual(['A', 'Team']);
    http.verify();
  });
});
