import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { MarkReadRequest, MarkReadResponse, NotificationListQuery, NotificationPage } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own notifications: every signed-in user has them, so no permission beyond sign-in. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ operationId: 'listNotifications', summary: "The caller's notifications, newest first, with the unread count" })
  @ApiOkResponse({ type: NotificationPage })
  @ApiProblems(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: NotificationListQuery): Promise<NotificationPage> {
    return this.notifications.list(actor, query);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ operationId: 'markNotificationsRead', summary: 'Mark some (ids) or all of the caller’s notifications read' })
  @ApiOkResponse({ type: MarkReadResponse })
  @ApiProblems(400, 401)
  markRead(@CurrentActor() actor: Actor, @Body() body: MarkReadRequest): Promise<MarkReadResponse> {
    return this.notifications.markRead(actor, body);
  }

  @Get('stream')
  @ApiOperation({
    operationId: 'streamNotifications',
    summary: 'Server-Sent Events: `event: notification` with the notification JSON as data; a comment line every 25 s keeps the connection open',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream', schema: { type: 'string' } })
  @ApiProblems(401)
  stream(@CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.notifications.stream(actor, request, reply);
  }
}
