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
import {
  CreateSavedViewRequest, SavedViewList, SavedViewListQuery, SavedViewResponse, UpdateSavedViewRequest,
} from './dto/saved-view.dto';
import { SavedViewsService } from './saved-views.service';

/** Saved list views; the service checks that the caller may read the entity's records and owns what they change. */
@ApiTags('saved-views')
@ApiBearerAuth()
@Controller('api/v1/saved-views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  @ApiOperation({ operationId: 'listSavedViews', summary: "The caller's own views of a list and those shared with their teams, by name" })
  @ApiOkResponse({ type: SavedViewList })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: SavedViewListQuery): Promise<SavedViewList> {
    return this.views.list(actor, query.entity);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getSavedView', summary: 'One saved view' })
  @ApiOkResponse({ type: SavedViewResponse, headers: { ETag: { description: 'Version for If-Match' } } })
  @ApiProblems(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<SavedViewResponse> {
    const view = await this.views.get(actor, id);
    void reply.header('ETag', etagOf(view.version));
    return view;
  }

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried create with the same key returns the first result' })
  @ApiOperation({ operationId: 'createSavedView', summary: 'Save a list view, private or shared with one of my teams' })
  @ApiCreatedResponse({ type: SavedViewResponse })
  @ApiProblems(400, 401, 403, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateSavedViewRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SavedViewResponse> {
    const { body: view, replayed } = await this.views.create(actor, body, idempotencyKey);
    void reply.header('ETag', etagOf(view.version)).header('Location', `/api/v1/saved-views/${view.id}`);
    if (replayed) {
      void reply.header('Idempotent-Replayed', 'true');
    }
    return view;
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being changed (or send version in the body)' })
  @ApiOperation({ operationId: 'updateSavedView', summary: 'Rename, change or (un)share my saved view' })
  @ApiOkResponse({ type: SavedViewResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateSavedViewRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SavedViewResponse> {
    const { version, ...changes } = body;
    const view = await this.views.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(view.version));
    return view;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteSavedView', summary: 'Delete my saved view (admins: any)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.views.delete(actor, id, expectedVersion(ifMatch));
  }
}
