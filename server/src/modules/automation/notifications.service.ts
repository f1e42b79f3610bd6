import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { validationError } from '../../common/errors/app-error';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import type { Actor } from '../auth/actor';
import type { MarkReadRequest, MarkReadResponse, NotificationListQuery, NotificationPage, NotificationResponse } from './dto/notification.dto';
import { NOTIFICATION_CHANNEL, NotificationHub } from './notification-hub';

interface NotificationRow {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  task_id: string | null;
  created_at: Date;
  read_at: Date | null;
  user_id: string;
}

export const toNotificationResponse = (row: NotificationRow): NotificationResponse => ({
  id: row.id,
  kind: row.kind,
  data: row.data,
  taskId: row.task_id,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});

/** The caller's own notifications; nobody reads another user's. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hub: NotificationHub,
  ) {}

  async list(actor: Actor, query: NotificationListQuery): Promise<NotificationPage> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [actor.id];
    const where = ['n.user_id = $1'];
    if (query.unread) {
      where.push('n.read_at IS NULL');
    }
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor);
      params.push(createdAt, id);
      where.push(`(n.created_at, n.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT n.* FROM notifications n WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ${limit + 1}`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toNotificationResponse),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.created_at.toISOString(), last.id])).toString('base64url') : null,
      unread: await this.unread(actor.id),
    };
  }

  async markRead(actor: Actor, request: MarkReadRequest): Promise<MarkReadResponse> {
    if (!request.all && !request.ids?.length) {
      throw validationError([{ field: 'ids', message: 'give ids or all: true' }]);
    }
    const [rows] = await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2 OR id = ANY($3::uuid[])) RETURNING id`,
      [actor.id, request.all === true, request.ids ?? []],
    );
    return { marked: rows.length, unread: await this.unread(actor.id) };
  }

  private async unread(userId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return count;
  }

  /** Opens the caller's Server-Sent-Events stream on the raw response. */
  stream(actor: Actor, request: FastifyRequest, reply: FastifyReply): void {
    if (this.hub.isClosing) {
      throw new AppError(ErrorCode.Unavailable, 'The server is shutting down');
    }
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'X-Request-Id': String(request.id),
    });
    this.hub.subscribe(actor.id, response, tokenExpiry(request.headers.authorization)).then(
      () => response.write(': connected\n\n'),
      () => response.end(),
    );
  }

  /**
   * Writes a notification for a user inside the caller's transaction and publishes it to every
   * instance when the transaction commits.
   */
  static async notify(manager: EntityManager, userId: string, kind: string, data: Record<string, unknown>, taskId: string | null): Promise<NotificationResponse> {
    const [row]: NotificationRow[] = await manager.query(
      `INSERT INTO notifications (user_id, kind, data, task_id) VALUES ($1, $2, $3, $4) RETURNING *`,
      [userId, kind, JSON.stringify(data), taskId],
    );
    const notification = toNotificationResponse(row);
    await manager.query('SELECT pg_notify($1, $2)', [NOTIFICATION_CHANNEL, JSON.stringify({ userId, notification })]);
    return notification;
  }
}

/** When the (already verified) Bearer token of a request expires, in epoch ms. */
function tokenExpiry(authorization: string | undefined): number | undefined {
  const payload = authorization?.split(' ')[1]?.split('.')[1];
  try {
    const exp = payload ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && /^[0-9a-f-]{36}$/i.test(id)) {
      return [createdAt, id];
    }
  } catch {
    // falls through
  }
  throw validationError([{ field: 'cursor', message: 'is not a cursor of this list' }]);
}
