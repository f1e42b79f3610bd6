import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import type { MarkReadRequest, MarkReadResponse, NotificationListQuery, NotificationPage } from './dto/notification.dto';

@Injectable()
export class NotificationsService {
  list(_actor: Actor, _query: NotificationListQuery): Promise<NotificationPage> {
    throw new Error('not yet');
  }
  markRead(_actor: Actor, _body: MarkReadRequest): Promise<MarkReadResponse> {
    throw new Error('not yet');
  }
  stream(_actor: Actor, _request: FastifyRequest, _reply: FastifyReply): void {
    throw new Error('not yet');
  }
}
