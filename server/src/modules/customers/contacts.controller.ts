import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import { etagOf, expectedVersion } from '../../common/http/versioning';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { ContactsService } from './contacts.service';
import { ContactListQuery, ContactPage, ContactResponse, CreateContactRequest, UpdateContactRequest } from './dto/contact.dto';
import { AssignRequest, AssignResponse } from './dto/customer-parts.dto';
import { HistoryQuery, RecordHistoryPage } from './dto/history.dto';
import { FollowMergedRecords } from './merge.redirect-filter';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/v1/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @Can('read', 'Contact')
  @ApiOperation({ operationId: 'listContacts', summary: 'Contacts the caller may see: search, sort, keyset paging' })
  @ApiOkResponse({ type: ContactPage })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ContactListQuery): Promise<ContactPage> {
    return this.contacts.list(actor, query);
  }

  @Post('assign')
  @Can('assign', 'Contact')
  @HttpCode(200)
  @ApiOperation({ operationId: 'assignContacts', summary: 'Give many contacts to one user, all or nothing' })
  @ApiOkResponse({ type: AssignResponse })
  @ApiProblems(400, 401, 403, 404)
  assign(@CurrentActor() actor: Actor, @Body() body: AssignRequest): Promise<AssignResponse> {
    return this.contacts.assign(actor, body);
  }

  @Get(':id')
  @Can('read', 'Contact')
  @ApiOperation({ operationId: 'getContact', summary: 'One contact' })
  @ApiOkResponse({ type: ContactResponse, headers: { ETag: { description: 'Version for If-Match' } } })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 308, description: 'The contact was merged into another one: Location names the survivor' })
  @UseFilters(FollowMergedRecords)
  async get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ContactResponse> {
    const contact = await this.contacts.get(actor, id);
    void reply.header('ETag', etagOf(contact.version));
    return contact;
  }

  @Post()
  @Can('create', 'Contact')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried create with the same key returns the first result' })
  @ApiOperation({ operationId: 'createContact', summary: 'Create a contact' })
  @ApiCreatedResponse({ type: ContactResponse })
  @ApiProblems(400, 401, 403, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateContactRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactResponse> {
    const { body: contact, replayed } = await this.contacts.create(actor, body, idempotencyKey);
    void reply.header('ETag', etagOf(contact.version)).header('Location', `/api/v1/contacts/${contact.id}`);
    if (replayed) {
      void reply.header('Idempotent-Replayed', 'true');
    }
    return contact;
  }

  @Patch(':id')
  @Can('update', 'Contact')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being changed (or send version in the body)' })
  @ApiOperation({ operationId: 'updateContact', summary: 'Change a contact (optimistic locking)' })
  @ApiOkResponse({ type: ContactResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateContactRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactResponse> {
    const { version, ...changes } = body;
    const contact = await this.contacts.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(contact.version));
    return contact;
  }

  @Delete(':id')
  @Can('delete', 'Contact')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteContact', summary: 'Delete a contact' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.contacts.delete(actor, id, expectedVersion(ifMatch));
  }

  @Get(':id/history')
  @Can('read', 'Contact')
  @ApiOperation({ operationId: 'getContactHistory', summary: 'Changes of the contact from the audit trail, newest first' })
  @ApiOkResponse({ type: RecordHistoryPage })
  @ApiProblems(400, 401, 403, 404)
  history(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: HistoryQuery): Promise<RecordHistoryPage> {
    return this.contacts.history(actor, id, query);
  }
}
