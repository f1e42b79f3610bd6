import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NotificationStream } from './notification-stream';
import { AppNotification, NotificationsStore, reminderData } from './notifications.store';

const note = (id: string, readAt: string | null = null): AppNotification => ({
  id, kind: 'task_reminder', data: { title: `Zəng ${id}`, dueAt: '2026-11-23T10:00:00Z', kind: 'call' }, taskId: `t-${id}`, createdAt: '2026-11-23T09:45:00Z', readAt,
});

describe('NotificationsStore', () => {
  let store: InstanceType<typeof NotificationsStore>;
  let http: HttpTestingController;
  let onEvent: (event: string, data: string) => void = () => undefined;
  let onOpen: () => void = () => undefined;
  const stream = { start: jest.fn((e: typeof onEvent, o: typeof onOpen) => ((onEvent = e), (onOpen = o))), stop: jest.fn() };

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: NotificationStream, useValue: stream }] });
    store = TestBed.inject(NotificationsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads the latest on each connection and counts a live reminder once, even when it comes twice', async () => {
    const arrived = jest.fn();
    store.connect(arrived);
    onOpen();
    http.expectOne((r) => r.url === '/api/v1/notifications').flush({ items: [note('a', '2026-11-23T08:00:00Z')], nextCursor: null, unread: 0 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    onEvent('notification', JSON.stringify(note('b')));
    onEvent('notification', JSON.stringify(note('b')));
    onEvent('heartbeat', '{}');
    expect(store.unread()).toBe(1);
    expect(store.latest().map((n) => n.id)).toEqual(['b', 'a']);
    expect(arrived).toHaveBeenCalledTimes(1);
    expect(reminderData(arrived.mock.calls[0][0] as AppNotification)).toEqual({ title: 'Zəng b', dueAt: '2026-11-23T10:00:00Z', kind: 'call' });
  });

  it('marks all read and stops listening on sign-out', async () => {
    store.received(note('c'));
    const marking = store.markAllRead();
    const request = http.expectOne('/api/v1/notifications/read');
    expect(request.request.body).toEqual({ all: true });
    request.flush({ marked: 1, unread: 0 });
    await marking;
    expect(store.unread()).toBe(0);
    expect(store.items()[0].readAt).not.toBeNull();
    store.disconnect();
    expect(stream.stop).toHaveBeenCalled();
    expect(store.items()).toEqual([]);
  });
});
