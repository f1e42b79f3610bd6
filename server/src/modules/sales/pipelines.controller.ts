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
import {
  CreateLostReasonRequest, CreatePipelineRequest, DeleteResult, LostReasonList, LostReasonResponse, PipelineList, PipelineListQuery, PipelineResponse,
  UpdateLostReasonRequest, UpdatePipelineRequest,
} from './dto/pipeline.dto';
import { PipelinesService } from './pipelines.service';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'A retried create with the same key returns the first result' };
const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag of the version being changed (or send version in the body)' };

/** Pipelines with their stages, and the reasons a deal is lost: every sales role reads them, Pipeline managers change them. */
@ApiTags('pipelines')
@ApiBearerAuth()
@Controller('api/v1')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get('pipelines')
  @Can('read', 'Pipeline')
  @ApiOperation({ operationId: 'listPipelines', summary: 'Pipelines with their stages in order, archived ones last' })
  @ApiOkResponse({ type: PipelineList })
  @ApiProblems(400, 401, 403)
  list(@Query() query: PipelineListQuery): Promise<PipelineList> {
    return this.pipelines.list(query);
  }

  @Post('pipelines')
  @Can('create', 'Pipeline')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ operationId: 'createPipeline', summary: 'Create a pipeline with its stages' })
  @ApiCreatedResponse({ type: PipelineResponse })
  @ApiProblems(400, 401, 403)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreatePipelineRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PipelineResponse> {
    const { body: pipeline, replayed } = await this.pipelines.create(actor, body, idempotencyKey);
    void reply.header('ETag', etagOf(pipeline.version));
    if (replayed) {
      void reply.header('Idempotent-Replayed', 'true');
    }
    return pipeline;
  }

  @Get('pipelines/:id')
  @Can('read', 'Pipeline')
  @ApiOperation({ operationId: 'getPipeline', summary: 'One pipeline with its stages' })
  @ApiOkResponse({ type: PipelineResponse, headers: { ETag: { description: 'Version for If-Match' } } })
  @ApiProblems(400, 401, 403, 404)
  async get(@Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<PipelineResponse> {
    const pipeline = await this.pipelines.get(id);
    void reply.header('ETag', etagOf(pipeline.version));
    return pipeline;
  }

  @Patch('pipelines/:id')
  @Can('update', 'Pipeline')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ operationId: 'updatePipeline', summary: 'Change a pipeline; `stages` is the complete new list in order (ids of kept stages given)' })
  @ApiOkResponse({ type: PipelineResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdatePipelineRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PipelineResponse> {
    const { version, ...changes } = body;
    const pipeline = await this.pipelines.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(pipeline.version));
    return pipeline;
  }

  @Delete('pipelines/:id')
  @Can('delete', 'Pipeline')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deletePipeline', summary: 'Delete a pipeline that holds no deals (409 otherwise: archive it instead)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.pipelines.delete(actor, id, expectedVersion(ifMatch));
  }

  @Get('lost-reasons')
  @Can('read', 'Pipeline')
  @ApiOperation({ operationId: 'listLostReasons', summary: 'Reasons a deal is lost, by position, archived ones last' })
  @ApiOkResponse({ type: LostReasonList })
  @ApiProblems(401, 403)
  lostReasons(): Promise<LostReasonList> {
    return this.pipelines.lostReasons();
  }

  @Post('lost-reasons')
  @Can('create', 'Pipeline')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ operationId: 'createLostReason', summary: 'Add a lost reason' })
  @ApiCreatedResponse({ type: LostReasonResponse })
  @ApiProblems(400, 401, 403)
  async createLostReason(
    @CurrentActor() actor: Actor,
    @Body() body: CreateLostReasonRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LostReasonResponse> {
    const { body: reason, replayed } = await this.pipelines.createLostReason(actor, body, idempotencyKey);
    void reply.header('ETag', etagOf(reason.version));
    if (replayed) {
      void reply.header('Idempotent-Replayed', 'true');
    }
    return reason;
  }

  @Patch('lost-reasons/:id')
  @Can('update', 'Pipeline')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ operationId: 'updateLostReason', summary: 'Rename, reorder, archive or restore a lost reason' })
  @ApiOkResponse({ type: LostReasonResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async updateLostReason(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateLostReasonRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LostReasonResponse> {
    const { version, ...changes } = body;
    const reason = await this.pipelines.updateLostReason(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(reason.version));
    return reason;
  }

  @Delete('lost-reasons/:id')
  @Can('delete', 'Pipeline')
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteLostReason', summary: 'Delete a lost reason, or archive it when a deal has it' })
  @ApiOkResponse({ type: DeleteResult })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  deleteLostReason(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<DeleteResult> {
    return this.pipelines.deleteLostReason(actor, id, expectedVersion(ifMatch));
  }
}
