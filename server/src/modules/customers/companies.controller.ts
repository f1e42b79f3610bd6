import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res, UseFilters } from '@nestjs/common';
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
import { FollowMergedRecords } from './merge.redirect-filter';
import { CompaniesService } from './companies.service';
import { CompanyContactPage } from './dto/contact.dto';
import { CompanyListQuery, CompanyPage, CompanyResponse, CreateCompanyRequest, UpdateCompanyRequest } from './dto/company.dto';
import { AssignRequest, AssignResponse } from './dto/customer-parts.dto';
import { HistoryQuery, RecordHistoryPage, RelatedQuery } from './dto/history.dto';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('api/v1/companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @Can('read', 'Company')
  @ApiOperation({ operationId: 'listCompanies', summary: 'Companies the caller may see: search, sort, keyset paging' })
  @ApiOkResponse({ type: CompanyPage })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: CompanyListQuery): Promise<CompanyPage> {
    return this.companies.list(actor, query);
  }

  @Post('assign')
  @Can('assign', 'Company')
  @HttpCode(200)
  @ApiOperation({ operationId: 'assignCompanies', summary: 'Give many companies to one user, all or nothing' })
  @ApiOkResponse({ type: AssignResponse })
  @ApiProblems(400, 401, 403, 404)
  assign(@CurrentActor() actor: Actor, @Body() body: AssignRequest): Promise<AssignResponse> {
    return this.companies.assign(actor, body);
  }

  @Get(':id')
  @UseFilters(FollowMergedRecords)
  @Can('read', 'Company')
  @ApiOperation({ operationId: 'getCompany', summary: 'One company' })
  @ApiOkResponse({ type: CompanyResponse, headers: { ETag: { description: 'Version for If-Match' } } })
  @ApiProblems(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CompanyResponse> {
    const company = await this.companies.get(actor, id);
    void reply.header('ETag', etagOf(company.version));
    return company;
  }

  @Post()
  @Can('create', 'Company')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried create with the same key returns the first result' })
  @ApiOperation({ operationId: 'createCompany', summary: 'Create a company' })
  @ApiCreatedResponse({ type: CompanyResponse })
  @ApiProblems(400, 401, 403, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateCompanyRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanyResponse> {
    const { body: company, replayed } = await this.companies.create(actor, body, idempotencyKey);
    void reply.header('ETag', etagOf(company.version)).header('Location', `/api/v1/companies/${company.id}`);
    if (replayed) {
      void reply.header('Idempotent-Replayed', 'true');
    }
    return company;
  }

  @Patch(':id')
  @Can('update', 'Company')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being changed (or send version in the body)' })
  @ApiOperation({ operationId: 'updateCompany', summary: 'Change a company (optimistic locking)' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateCompanyRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanyResponse> {
    const { version, ...changes } = body;
    const company = await this.companies.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(company.version));
    return company;
  }

  @Delete(':id')
  @Can('delete', 'Company')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteCompany', summary: 'Delete a company' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.companies.delete(actor, id, expectedVersion(ifMatch));
  }

  @Get(':id/history')
  @Can('read', 'Company')
  @ApiOperation({ operationId: 'getCompanyHistory', summary: 'Changes of the company from the audit trail, newest first' })
  @ApiOkResponse({ type: RecordHistoryPage })
  @ApiProblems(400, 401, 403, 404)
  history(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: HistoryQuery): Promise<RecordHistoryPage> {
    return this.companies.history(actor, id, query);
  }

  @Get(':id/contacts')
  @Can('read', 'Company')
  @ApiOperation({ operationId: 'listCompanyContacts', summary: 'Contacts linked to the company that the caller may read, with their job titles' })
  @ApiOkResponse({ type: CompanyContactPage })
  @ApiProblems(400, 401, 403, 404)
  contacts(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: RelatedQuery): Promise<CompanyContactPage> {
    return this.companies.contactsOf(actor, id, query);
  }
}
