import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import { etagOf, expectedVersion } from '../../common/http/versioning';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { AssignRequest, AssignResponse } from '../customers/dto/customer-parts.dto';
import { HistoryQuery, RecordHistoryPage } from '../customers/dto/history.dto';
import { OwnerList, OwnerQuery } from '../customers/dto/owner.dto';
import { send } from '../customers/export/exports.controller';
import { OwnersService } from '../customers/owners.service';
import {
  CreateDealRequest, DealBoard, DealBoardQuery, DealExportQuery, DealListQuery, DealPage, DealResponse, DealSummary, DealSummaryQuery, StageHistory, UpdateDealRequest,
} from './dto/deal.dto';
import { DealsService } from './deals.service';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('api/v1/deals')
export class DealsController {
  constructor(
    private readonly deals: DealsService,
    private readonly owners: OwnersService,
  ) {}

  @Get()
  @Can('read', 'Deal')
  @ApiOperation({ operationId: 'listDeals', summary: 'Deals the caller may see: filters, sort, keyset paging (a board column\'s next page with stageId)' })
  @ApiOkResponse({ type: DealPage })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: DealListQuery): Promise<DealPage> {
    return this.deals.list(actor, query);
  }

  @Get('export')
  @Can('export', 'Deal')
  @ApiOperation({ operationId: 'exportDeals', summary: 'The deals list (same filters and sort) as CSV or XLSX, streamed' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file; columns the role may not read are left out' })
  @ApiProblems(400, 401, 403)
  async export(@CurrentActor() actor: Actor, @Query() query: DealExportQuery, @Res() reply: FastifyReply): Promise<void> {
    await send(reply, await this.deals.export(actor, query));
  }

  @Get('board')
  @Can('read', 'Deal')
  @ApiOperation({ operationId: 'getDealBoard', summary: 'The first page of every stage of a pipeline with counts and totals per currency' })
  @ApiOkResponse({ type: DealBoard })
  @ApiProblems(400, 401, 403, 404)
  board(@CurrentActor() actor: Actor, @Query() query: DealBoardQuery): Promise<DealBoard> {
    return this.deals.board(actor, query);
  }

  @Get('summary')
  @Can('read', 'Deal')
  @ApiOperation({ operationId: 'getDealSummary', summary: 'Weighted value of open deals by pipeline, stage, owner, team or month of expected close' })
  @ApiOkResponse({ type: DealSummary })
  @ApiProblems(400, 401, 403)
  summary(@CurrentActor() actor: Actor, @Query() query: DealSummaryQuery): Promise<DealSummary> {
    return this.deals.summary(actor, query);
  }

  @Post('assign')
  @Can('assign', 'Deal')
  @HttpCode(200)
  @ApiOperation({ operationId: 'assignDeals', summary: 'Give many deals to one user, all or nothing (audited)' })
  @ApiOkResponse({ type: AssignResponse })
  @ApiProblems(400, 401, 403, 404)
  assign(@CurrentActor() actor: Actor, @Body() body: AssignRequest): Promise<AssignResponse> {
    return this.deals.assign(actor, body);
  }

  @Get('owners')
  @Can('read', 'Deal')
  @ApiOperation({ operationId: 'listDealOwners', summary: 'Users whose deals the caller may see (owner filter)' })
  @ApiOkResponse({ type: OwnerList })
  @ApiProblems(400, 401, 403)
  dealOwners(@CurrentActor() actor: Actor, @Query() query: OwnerQuery): Promise<OwnerList> {
    return this.owners.readable(actor, 'Deal', query);
  }

  @Get('assignees')
  @Can('assign', 'Deal')
  @ApiOperation({ operationId: 'listDealAssignees', summary: 'Active users the caller may give deals to' })
  @ApiOkResponse({ type: OwnerList })
  @ApiProblems(400, 401, 403)
  dealAssignees(@CurrentActor() actor: Actor, @Query() query: OwnerQuery): Promise<OwnerList> {
    return this.owners.assignable(actor, 'Deal', query);
  }

  @Get(':id')
  @Can('read', 'Deal')
  @ApiOperation({ operationId: 'getDeal', summary: 'One deal with its line items' })
  @ApiOkResponse({ type: DealResponse, headers: { ETag: { description: 'Version for If-Match' } } })
  @ApiProblems(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<DealResponse> {
    const deal = await this.deals.get(actor, id);
    void reply.header('ETag', etagOf(deal.version));
    return deal;
  }

  @Post()
  @Can('create', 'Deal')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried create with the same key returns the first result' })
  @ApiOperation({ operationId: 'createDeal', summary: "Create a deal (default: the first pipeline's first open stage)" })
  @ApiCreatedResponse({ type: DealResponse })
  @ApiProblems(400, 401, 403, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateDealRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DealResponse> {
    const { body: deal, replayed } = await this.deals.create(actor, body, idempotencyKey);
    void reply.header('ETag', etagOf(deal.version)).header('Location', `/api/v1/deals/${deal.id}`);
    if (replayed) {
      void reply.header('Idempotent-Replayed', 'true');
    }
    return deal;
  }

  @Patch(':id')
  @Can('update', 'Deal')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being changed (or send version in the body)' })
  @ApiOperation({ operationId: 'updateDeal', summary: 'Change a deal or move it to another stage (a lost stage needs lostReasonId)' })
  @ApiOkResponse({ type: DealResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateDealRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DealResponse> {
    const { version, ...changes } = body;
    const deal = await this.deals.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(deal.version));
    return deal;
  }

  @Delete(':id')
  @Can('delete', 'Deal')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteDeal', summary: 'Delete a deal' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.deals.delete(actor, id, expectedVersion(ifMatch));
  }

  @Get(':id/stage-history')
  @Can('read', 'Deal')
  @ApiOperation({ operationId: 'getDealStageHistory', summary: 'The stages the deal went through, oldest first, with who moved it and the time in each' })
  @ApiOkResponse({ type: StageHistory })
  @ApiProblems(400, 401, 403, 404)
  stageHistory(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string): Promise<StageHistory> {
    return this.deals.stageHistory(actor, id);
  }

  @Get(':id/history')
  @Can('read', 'Deal')
  @ApiOperation({ operationId: 'getDealHistory', summary: 'Changes of the deal from the audit trail, newest first' })
  @ApiOkResponse({ type: RecordHistoryPage })
  @ApiProblems(400, 401, 403, 404)
  history(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: HistoryQuery): Promise<RecordHistoryPage> {
    return this.deals.history(actor, id, query);
  }
}
