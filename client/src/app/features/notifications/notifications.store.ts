import { HttpClient } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import type { Schema } from '@app/core/api/schema';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { NotificationStream } from './notification-stream';

export type AppNotification = Schema<'NotificationResponse'>;
type Page = Schema<'NotificationPage'>;

/** How many of the latest the bell's menu shows. */
export const LATEST = 10;

/** What a reminder's data says (server: `{title, dueAt, kind}`). */
export interface ReminderData {
  title: string;
  dueAt: string | null;
  kind: string;
}

export function reminderData(notification: AppNotification): ReminderData {
  const data = notification.data as Partial<ReminderData>;
  return { title: typeof data.title === 'string' ? data.title : '', dueAt: typeof data.dueAt === 'string' ? data.dueAt : null, kind: typeof data.kind === 'string' ? data.kind : 'task' };
}

/**
 * The signed-in user's notifications: the latest and the unread count, kept current by the live
 * stream. `arrived` is called for each new one (the bell shows a reminder in a snack bar).
 */
export const NotificationsStore = signalStore(
  { providedIn: 'root' },
  withState<{ items: AppNotification[]; unread: number }>({ items: [], unread: 0 }),
  withCallState(),
  withComputed(({ items }) => ({
    latest: computed(() => items().slice(0, LATEST)),
  })),
  withMethods((store, http = inject(HttpClient), stream = inject(NotificationStream)) => {
    const load = async (): Promise<void> => {
      patchState(store, setLoading());
      try {
        const page = await firstValueFrom(http.get<Page>('/api/v1/notifications', { params: { limit: LATEST } }));
        patchState(store, { items: page.items, unread: page.unread }, setLoaded());
      } catch (error) {
        patchState(store, setError(error));
      }
    };
    /** A notification from the stream; the same one twice (after a reconnection) counts once. */
    const received = (notification: AppNotification): boolean => {
      if (store.items().some((item) => item.id === notification.id)) {
        return false;
      }
      patchState(store, { items: [notification, ...store.items()].slice(0, LATEST * 5), unread: store.unread() + (notification.readAt === null ? 1 : 0) });
      return true;
    };
    return {
      load,
      received,
      /** Listens to the stream; each reconnection reloads the list, which may have missed some. */
      connect(arrived: (notification: AppNotification) => void): void {
        stream.start(
          (event, data) => {
            if (event !== 'notification') {
              return;
            }
            try {
              const notification = JSON.parse(data) as AppNotification;
              if (received(notification)) {
                arrived(notification);
              }
            } catch {
              // A line the client does not understand is not worth breaking the stream for.
            }
          },
          () => void load(),
        );
      },
      disconnect(): void {
        stream.stop();
        patchState(store, { items: [], unread: 0 });
      },
      async markRead(ids: string[]): Promise<void> {
        const unreadIds = ids.filter((id) => store.items().some((item) => item.id === id && item.readAt === null));
        if (unreadIds.length === 0) {
          return;
        }
        const result = await firstValueFrom(http.post<Schema<'MarkReadResponse'>>('/api/v1/notifications/read', { ids: unreadIds }));
        const now = new Date().toISOString();
        patchState(store, { items: store.items().map((item) => (unreadIds.includes(item.id) ? { ...item, readAt: item.readAt ?? now } : item)), unread: result.unread });
      },
      async markAllRead(): Promise<void> {
        const result = await firstValueFrom(http.post<Schema<'MarkReadResponse'>>('/api/v1/notifications/read', { all: true }));
        const now = new Date().toISOString();
        patchState(store, { items: store.items().map((item) => ({ ...item, readAt: item.readAt ?? now })), unread: result.unread });
      },
    };
  }),
);
