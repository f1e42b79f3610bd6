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
import { CustomFieldsService } from './custom-fields.service';
import {
  CreateCustomFieldRequest, CustomFieldList, CustomFieldListQuery, CustomFieldResponse, UpdateCustomFieldRequest,
} from './dto/custom-field.dto';

@ApiTags('custom-fields')
@ApiBearerAuth()
@Controller('api/v1/custom-fields')
export class CustomFieldsController {
  constructor(private readonly fields: CustomFieldsService) {}

  @Get()
  @ApiOperation({ operationId: 'listCustomFields', summary: 'Custom fields of contacts, companies or deals, in form order (for readers of those records)' })
  @ApiOkResponse({ type: CustomFieldList })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: CustomFieldListQuery): Promise<CustomFieldList> {
    return this.fields.list(actor, query.entity);
  }

  @Get(':id')
  @Can('manage', 'Settings')
  @ApiOperation({ operationId: 'getCustomField', summary: 'One custom field definition' })
  @ApiOkResponse({ type: CustomFieldResponse, headers: { ETag: { description: 'Version for If-Match' } } })
  @ApiProblems(400, 401, 403, 404)
  async get(@Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CustomFieldResponse> {
    const field = await this.fields.get(id);
    void reply.header('ETag', etagOf(field.version));
    return field;
  }

  @Post()
  @Can('manage', 'Settings')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried create with the same key returns the first result' })
  @ApiOperation({ operationId: 'createCustomField', summary: 'Define a custom field' })
  @ApiCreatedResponse({ type: CustomFieldResponse })
  @ApiProblems(400, 401, 403, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateCustomFieldRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomFieldResponse> {
    const { body: field, replayed } = await this.fields.create(actor, body, idempotencyKey);
    void reply.header('ETag', etagOf(field.version)).header('Location', `/api/v1/custom-fields/${field.id}`);
    if (replayed) {
      void reply.header('Idempotent-Replayed', 'true');
    }
    return field;
  }

  @Patch(':id')
  @Can('manage', 'Settings')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being changed (or send version in the body)' })
  @ApiOperation({ operationId: 'updateCustomField', summary: 'Change labels, options, order, required or active (key and type stay)' })
  @ApiOkResponse({ type: CustomFieldResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateCustomFieldRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomFieldResponse> {
    const { version, ...changes } = body;
    const field = await this.fields.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(field.version));
    return field;
  }

  @Delete(':id')
  @Can('manage', 'Settings')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteCustomField', summary: 'Delete a custom field no record holds a value of (otherwise 409: deactivate it)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.fields.delete(actor, id, expectedVersion(ifMatch));
  }
}
