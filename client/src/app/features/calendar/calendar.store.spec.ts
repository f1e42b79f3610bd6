import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LanguageService } from '@app/core/i18n/language.service';
import type { Task } from '@app/features/tasks/data-access/tasks-api';
import { Notify } from '@app/shared/ui/notify.service';
import { signal } from '@angular/core';
import { CalendarStore } from './calendar.store';

const at = (d: number, h: number, m = 0): string => new Date(2026, 10, d, h, m).toISOString();
const meeting = (overrides: Partial<Task> = {}): Task => ({
  id: 't1', kind: 'meeting', title: 'Görüş', description: null, dueAt: at(24, 10), endsAt: at(24, 11, 30), allDay: false, location: null, meetingUrl: null,
  priority: 'normal', status: 'open', completedAt: null, remindAt: null, overdue: false, contactId: null, contactName: null, companyId: null, companyName: null,
  dealId: null, dealTitle: null, ownerId: 'u1', ownerName: 'Aysel', participants: [], createdAt: at(1, 9), updatedAt: at(1, 9), version: 3, ...overrides,
});
const problem = (code: string, status: number): object => ({ type: `urn:crm:problem:${code}`, title: code, status });
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('CalendarStore', () => {
  let store: InstanceType<typeof CalendarStore>;
  let http: HttpTestingController;
  const notifyError = jest.fn();

  beforeEach(() => {
    notifyError.mockReset();
    TestBed.configureTestingModule({
      providers: [
        CalendarStore, provideHttpClient(), provideHttpClientTesting(),
        { provide: LanguageService, useValue: { current: signal('az'), intlLocale: signal('az-Latn-AZ') } },
        { provide: Notify, useValue: { error: notifyError, success: jest.fn() } },
      ],
    });
    store = TestBed.inject(CalendarStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const showWeek = async (): Promise<void> => {
    const loading = store.show('week', new Date(2026, 10, 25));
    const request = http.expectOne((r) => r.url === '/api/v1/calendar');
    expect(request.request.params.get('from')).toBe(new Date(2026, 10, 23).toISOString());
    expect(request.request.params.get('to')).toBe(new Date(2026, 10, 30).toISOString());
    expect(request.request.params.get('scope')).toBe('me');
    request.flush({ items: [meeting()] });
    await loading;
  };

  it('loads the week from its Monday, for me unless the team is chosen', async () => {
    await showWeek();
    expect(store.items()).toHaveLength(1);
    const team = store.setScope('team');
    http.expectOne((r) => r.url === '/api/v1/calendar' && r.params.get('scope') === 'team').flush({ items: [] });
    await team;
    expect(store.items()).toEqual([]);
  });

  it('moves a meeting at once, keeping its duration, and sends the new times with If-Match', async () => {
    await showWeek();
    const moving = store.move(meeting(), new Date(2026, 10, 26, 15));
    expect(store.items()[0].dueAt).toBe(at(26, 15));
    expect(store.items()[0].endsAt).toBe(at(26, 16, 30));
    expect(store.moving()).toEqual(['t1']);
    const request = http.expectOne('/api/v1/tasks/t1');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    expect(request.request.body).toEqual({ dueAt: at(26, 15), endsAt: at(26, 16, 30) });
    request.flush(meeting({ dueAt: at(26, 15), endsAt: at(26, 16, 30), version: 4 }));
    expect(await moving).toBe(true);
    expect(store.items()[0].version).toBe(4);
    expect(store.moving()).toEqual([]);
  });

  it('puts the meeting back and reloads when someone else changed it (412)', async () => {
    await showWeek();
    const moving = store.move(meeting(), new Date(2026, 10, 27, 9));
    http.expectOne('/api/v1/tasks/t1').flush(problem('version-mismatch', 412), { status: 412, statusText: 'Precondition Failed' });
    await settle();
    expect(store.items()[0].dueAt).toBe(at(24, 10));
    expect(notifyError).toHaveBeenCalled();
    http.expectOne((r) => r.url === '/api/v1/calendar').flush({ items: [meeting({ title: 'Görüş (dəyişib)', version: 5 })] });
    expect(await moving).toBe(false);
    expect(store.items()[0].title).toBe('Görüş (dəyişib)');
  });

  it('puts the meeting back when the role may not change it (403)', async () => {
    await showWeek();
    const moving = store.move(meeting(), new Date(2026, 10, 27, 9));
    http.expectOne('/api/v1/tasks/t1').flush(problem('forbidden', 403), { status: 403, statusText: 'Forbidden' });
    expect(await moving).toBe(false);
    expect(store.items()[0].dueAt).toBe(at(24, 10));
    expect(store.items()[0].endsAt).toBe(at(24, 11, 30));
  });
});
