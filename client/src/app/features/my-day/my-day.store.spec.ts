import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { MyDay, Task } from '@app/features/tasks/data-access/tasks-api';
import { Notify } from '@app/shared/ui/notify.service';
import { MyDayStore } from './my-day.store';

const task = (id: string, overrides: Partial<Task> = {}): Task => ({
  id, kind: 'task', title: `Zəng ${id}`, description: null, dueAt: '2026-11-23T10:00:00Z', endsAt: null, allDay: false, location: null, meetingUrl: null,
  priority: 'normal', status: 'open', completedAt: null, remindAt: null, overdue: false, contactId: null, contactName: null, companyId: null, companyName: null,
  dealId: null, dealTitle: null, ownerId: 'u1', ownerName: 'Aysel', participants: [], createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', version: 2, ...overrides,
});
const day = (): MyDay => ({
  tasks: [task('a'), task('b'), task('c')], meetings: [task('m', { kind: 'meeting' })], overdue: [task('o', { overdue: true })], overdueCount: 7, staleDeals: [], date: '2026-11-23', timeZone: 'Asia/Baku',
});
const problem = (code: string, status: number): object => ({ type: `urn:crm:problem:${code}`, title: code, status });
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('MyDayStore', () => {
  let store: InstanceType<typeof MyDayStore>;
  let http: HttpTestingController;
  const notify = { error: jest.fn(), success: jest.fn() };

  beforeEach(async () => {
    notify.error.mockReset();
    notify.success.mockReset();
    TestBed.configureTestingModule({ providers: [MyDayStore, provideHttpClient(), provideHttpClientTesting(), { provide: Notify, useValue: notify }] });
    store = TestBed.inject(MyDayStore);
    http = TestBed.inject(HttpTestingController);
    const loading = store.load();
    http.expectOne('/api/v1/my-day').flush(day());
    await loading;
  });

  afterEach(() => http.verify());

  it('takes a completed task off the list at once and sends done with If-Match', async () => {
    const completing = store.complete(task('b'));
    expect(store.day().tasks.map((t) => t.id)).toEqual(['a', 'c']);
    expect(store.completing()).toEqual(['b']);
    const request = http.expectOne('/api/v1/tasks/b');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.headers.get('If-Match')).toBe('"2"');
    expect(request.request.body).toEqual({ status: 'done' });
    request.flush(task('b', { status: 'done', version: 3 }));
    expect(await completing).toBe(true);
    expect(store.day().tasks.map((t) => t.id)).toEqual(['a', 'c']);
    expect(store.completing()).toEqual([]);
    expect(notify.success).toHaveBeenCalledWith('tasks.completed', { title: 'Zəng b' });
  });

  it('puts an overdue task back in its place with a message when the server refuses', async () => {
    const completing = store.complete(task('o', { overdue: true }));
    expect(store.day().overdue).toEqual([]);
    expect(store.day().overdueCount).toBe(6);
    http.expectOne('/api/v1/tasks/o').flush(problem('forbidden', 403), { status: 403, statusText: 'Forbidden' });
    expect(await completing).toBe(false);
    expect(store.day().overdue.map((t) => t.id)).toEqual(['o']);
    expect(store.day().overdueCount).toBe(7);
    expect(notify.error).toHaveBeenCalled();
  });

  it('puts the task back where it was and reloads My day when someone else changed it (412)', async () => {
    const completing = store.complete(task('b'));
    http.expectOne('/api/v1/tasks/b').flush(problem('version-mismatch', 412), { status: 412, statusText: 'Precondition Failed' });
    await settle();
    expect(store.day().tasks.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    http.expectOne('/api/v1/my-day').flush({ ...day(), tasks: [task('a'), task('b', { version: 5 }), task('c')] });
    expect(await completing).toBe(false);
    expect(store.day().tasks.find((t) => t.id === 'b')?.version).toBe(5);
  });
});
