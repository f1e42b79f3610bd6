import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { keysetList, KeysetListSpec } from '../../common/database/keyset-list';
import { QueryParts } from '../../common/database/query-parts';
import type { Page } from '../../common/http/page';
import { NOTIFICATION_CHANNEL } from './notification-hub';

export interface NotificationRow {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  task_id: string | null;
  created_at: Date;
  read_at: Date | null;
  user_id: string;
}

const LIST: KeysetListSpec<NotificationRow> = {
  select: 'SELECT n.* FROM notifications n',
  countFrom: 'notifications n',
  idColumn: 'n.id',
  defaultSort: '-createdAt',
  sorts: { createdAt: { sql: 'n.created_at', type: 'timestamptz', value: (r) => r.created_at } },
};

/** SQL for one user's notifications; nobody reads another user's. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A user's notifications, newest first, in keyset pages. */
  page(userId: string, query: { limit?: number; cursor?: string; unread?: boolean }): Promise<Page<NotificationRow>> {
    const filter = new QueryParts().where((p) => `n.user_id = ${p}`, userId);
    if (query.unread) {
      filter.whereRaw({ sql: 'n.read_at IS NULL', params: [] });
    }
    return keysetList(this.dataSource, LIST, filter, { limit: query.limit ?? 50, cursor: query.cursor });
  }

  /** Marks all of a user's unread notifications, or those of `ids`, as read; returns how many changed. */
  async markRead(userId: string, all: boolean, ids: string[]): Promise<number> {
    const [rows] = await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2 OR id = ANY($3::uuid[])) RETURNING id`,
      [userId, all, ids],
    );
    return rows.length;
  }

  async unread(userId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return count;
  }

  /**
   * Writes a notification for a user inside the caller's transaction and publishes it (with
   * `publish` turning the row into what subscribers receive) to every instance when it commits.
   */
  async insert<T>(manager: EntityManager, userId: string, kind: string, data: Record<string, unknown>, taskId: string | null, publish: (row: NotificationRow) => T): Promise<T> {
    const [row]: NotificationRow[] = await manager.query(
      `INSERT INTO notifications (user_id, kind, data, task_id) VALUES ($1, $2, $3, $4) RETURNING *`,
      [userId, kind, JSON.stringify(data), taskId],
    );
    const notification = publish(row);
    await manager.query('SELECT pg_notify($1, $2)', [NOTIFICATION_CHANNEL, JSON.stringify({ userId, notification })]);
    return notification;
  }
}
