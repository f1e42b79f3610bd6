import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import { validationError } from '../../common/errors/app-error';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import type { Actor } from '../auth/actor';
import type { MarkReadRequest, MarkReadResponse, NotificationListQuery, NotificationPage, NotificationResponse } from './dto/notification.dto';
import { NotificationHub } from './notification-hub';
import { NotificationRow, NotificationsRepository } from './notifications.repository';

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
    private readonly notifications: NotificationsRepository,
    private readonly hub: NotificationHub,
  ) {}

  async list(actor: Actor, query: NotificationListQuery): Promise<NotificationPage> {
    const page = await this.notifications.page(actor.id, query);
    return { items: page.items.map(toNotificationResponse), nextCursor: page.nextCursor, unread: await this.notifications.unread(actor.id) };
  }

  async markRead(actor: Actor, request: MarkReadRequest): Promise<MarkReadResponse> {
    if (!request.all && !request.ids?.length) {
      throw validationError([{ field: 'ids', message: 'give ids or all: true' }]);
    }
    const marked = await this.notifications.markRead(actor.id, request.all === true, request.ids ?? []);
    return { marked, unread: await this.notifications.unread(actor.id) };
  }

  /** Writes a notification for a user inside the caller's transaction; every instance's subscribers get it once it commits. */
  notify(manager: EntityManager, userId: string, kind: string, data: Record<string, unknown>, taskId: string | null): Promise<NotificationResponse> {
    return this.notifications.insert(manager, userId, kind, data, taskId, toNotificationResponse);
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
