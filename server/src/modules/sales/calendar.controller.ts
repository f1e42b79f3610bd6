import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import type { Actor } from '../auth/actor';
import { CurrentActor, Public } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { CalendarService } from './calendar.service';
import { CalendarFeedCreated, CalendarFeedStatus, CalendarQuery, CalendarResponse } from './dto/task.dto';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @ApiBearerAuth()
  @Can('read', 'Task')
  @ApiOperation({ operationId: 'getCalendar', summary: 'Tasks, meetings and calls due in [from, to) for me or the teams I lead' })
  @ApiOkResponse({ type: CalendarResponse })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: CalendarQuery): Promise<CalendarResponse> {
    return this.calendar.list(actor, query);
  }

  @Get('feed')
  @ApiBearerAuth()
  @Can('read', 'Task')
  @ApiOperation({ operationId: 'getCalendarFeed', summary: 'Whether the caller has an active iCal feed' })
  @ApiOkResponse({ type: CalendarFeedStatus })
  @ApiProblems(401, 403)
  feedStatus(@CurrentActor() actor: Actor): Promise<CalendarFeedStatus> {
    return this.calendar.feedStatus(actor);
  }

  @Post('feed')
  @ApiBearerAuth()
  @Can('read', 'Task')
  @HttpCode(201)
  @ApiOperation({ operationId: 'createCalendarFeed', summary: 'A new private iCal feed URL (shown once); the previous URL stops working' })
  @ApiCreatedResponse({ type: CalendarFeedCreated })
  @ApiProblems(401, 403)
  createFeed(@CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<CalendarFeedCreated> {
    return this.calendar.createFeed(actor, `${request.protocol}://${request.host}`);
  }

  @Delete('feed')
  @ApiBearerAuth()
  @Can('read', 'Task')
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeCalendarFeed', summary: 'Revoke the iCal feed URL' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403)
  revokeFeed(@CurrentActor() actor: Actor): Promise<void> {
    return this.calendar.revokeFeed(actor);
  }

  @Get('feed/:file')
  @Public()
  @ApiOperation({ operationId: 'getCalendarFeedIcs', summary: 'The iCal (RFC 5545) feed of a user, by its secret: `<secret>.ics`; no sign-in' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  @ApiProblems(404)
  async feed(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const ics = await this.calendar.feed(file);
    void reply.header('Content-Type', 'text/calendar; charset=utf-8').header('Cache-Control', 'private, max-age=300');
    return ics;
  }
}
