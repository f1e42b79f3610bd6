import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Notify } from '@app/shared/ui/notify.service';
import { queryOf, TaskListStore, DEFAULT_FILTERS } from './task-list.store';
import type { Task } from './tasks-api';

const task = (id: string, overrides: Partial<Task> = {}): Task => ({
  id, kind: 'task', title: `Tapşırıq ${id}`, description: null, dueAt: '2026-11-20T10:00:00Z', endsAt: null, allDay: false, location: null, meetingUrl: null,
  priority: 'normal', status: 'open', completedAt: null, remindAt: null, overdue: true, contactId: null, contactName: null, companyId: null, companyName: null,
  dealId: null, dealTitle: null, ownerId: 'u1', ownerName: 'Aysel', participants: [], createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', version: 2, ...overrides,
});
const problem = (code: string, status: number): object => ({ type: `urn:crm:problem:${code}`, title: code, status });
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('TaskListStore', () => {
  let store: InstanceType<typeof TaskListStore>;
  let http: HttpTestingController;
  const notify = { error: jest.fn(), success: jest.fn() };

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [TaskListStore, provideHttpClient(), provideHttpClientTesting(), { provide: Notify, useValue: notify }] });
    store = TestBed.inject(TaskListStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('turns the chosen days into local midnights, the last day included', () => {
    const query = queryOf({ ...DEFAULT_FILTERS, dueFrom: '2026-11-23', dueTo: '2026-11-24', overdue: true, kind: ['call'] });
    expect(query.dueFrom).toBe(new Date(2026, 10, 23).toISOString());
    expect(query.dueTo).toBe(new Date(2026, 10, 25).toISOString());
    expect(query).toMatchObject({ status: ['open'], kind: ['call'], overdue: true, sort: 'dueAt' });
  });

  it('follows the cursor for the next page', async () => {
    const loading = store.load();
    http.expectOne((r) => r.url === '/api/v1/tasks' && !r.params.has('cursor')).flush({ items: [task('a')], nextCursor: 'c1', total: 2 });
    await loading;
    const more = store.loadMore();
    http.expectOne((r) => r.url === '/api/v1/tasks' && r.params.get('cursor') === 'c1').flush({ items: [task('b')], nextCursor: null });
    await more;
    expect(store.items().map((t) => t.id)).toEqual(['a', 'b']);
    expect(store.total()).toBe(2);
  });

  it('reloads a row someone else changed (412) and says so', async () => {
    const loading = store.load();
    http.expectOne((r) => r.url === '/api/v1/tasks').flush({ items: [task('a')], nextCursor: null });
    await loading;
    const completing = store.complete(task('a'));
    http.expectOne((r) => r.url === '/api/v1/tasks/a' && r.method === 'PATCH').flush(problem('version-mismatch', 412), { status: 412, statusText: 'Precondition Failed' });
    await settle();
    http.expectOne((r) => r.url === '/api/v1/tasks/a' && r.method === 'GET').flush(task('a', { title: 'Yeni ad', version: 3 }));
    await completing;
    expect(store.items()[0]).toMatchObject({ title: 'Yeni ad', version: 3, status: 'open' });
    expect(notify.success).toHaveBeenCalledWith('tasks.list.changedMeanwhile', { title: 'Tapşırıq a' });
  });
});
