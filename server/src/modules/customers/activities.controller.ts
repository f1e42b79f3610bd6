import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import { etagOf, expectedVersion } from '../../common/http/versioning';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { ActivitiesService } from './activities.service';
import { ActivityListQuery, ActivityPage, ActivityResponse, CreateActivityRequest, UpdateActivityRequest } from './dto/activity.dto';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('api/v1/activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @Can('read', 'Activity')
  @ApiOperation({
    operationId: 'listActivities',
    summary: 'Activities, newest first. With contactId/companyId: every activity of that record (404 when it is not visible); otherwise those the Activity rules allow',
  })
  @ApiOkResponse({ type: ActivityPage })
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @Query() query: ActivityListQuery): Promise<ActivityPage> {
    return this.activities.list(actor, query);
  }

  @Get(':id')
  @Can('read', 'Activity')
  @ApiOperation({ operationId: 'getActivity', summary: 'One activity' })
  @ApiOkResponse({ type: ActivityResponse, headers: { ETag: { description: 'Version for If-Match' } } })
  @ApiProblems(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ActivityResponse> {
    const activity = await this.activities.get(actor, id);
    void reply.header('ETag', etagOf(activity.version));
    return activity;
  }

  @Post()
  @Can('create', 'Activity')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried create with the same key returns the first result' })
  @ApiOperation({ operationId: 'createActivity', summary: 'Log a call, e-mail, meeting or note on a contact and/or company' })
  @ApiCreatedResponse({ type: ActivityResponse })
  @ApiProblems(400, 401, 403, 404, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateActivityRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActivityResponse> {
    const { body: activity, replayed } = await this.activities.create(actor, body, idempotencyKey);
    void reply.header('ETag', etagOf(activity.version)).header('Location', `/api/v1/activities/${activity.id}`);
    if (replayed) {
      void reply.header('Idempotent-Replayed', 'true');
    }
    return activity;
  }

  @Patch(':id')
  @Can('update', 'Activity')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being changed (or send version in the body)' })
  @ApiOperation({ operationId: 'updateActivity', summary: 'Change an activity (optimistic locking)' })
  @ApiOkResponse({ type: ActivityResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateActivityRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActivityResponse> {
    const { version, ...changes } = body;
    const activity = await this.activities.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(activity.version));
    return activity;
  }

  @Delete(':id')
  @Can('delete', 'Activity')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteActivity', summary: 'Delete an activity' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.activities.delete(actor, id, expectedVersion(ifMatch));
  }
}
