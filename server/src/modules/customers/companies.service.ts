import { Inject, Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { forbidden, notFound } from '../../common/errors/app-error';
import { idempotent, IdempotentResult } from '../../common/idempotency/idempotency';
import type { ListQuery } from '../../common/http/list-query';
import { Page } from '../../common/http/page';
import { staleVersion } from '../../common/http/versioning';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import type { AuditEventQuery } from '../audit/dto/audit.dto';
import { Actor, changeContextOf } from '../auth/actor';
import { asSubject } from '../permissions/ability';
import { CompaniesRepository, CompanyRow, CompanyWrite } from './companies.repository';
import { phoneRegion } from './contact-points';
import { ContactsRepository } from './contacts.repository';
import { AttachmentsService } from './attachments.service';
import { CustomFieldsService } from './custom-fields.service';
import { assignRecords, checkCreate, checkUpdate, definedOnly, recordAssignment, recordHistoryPage, requestedPoints, stripUnreadable, uniqueTags } from './customer-records';
import { requireActiveUser } from './record-access';
import type { CompanyContactPage, CompanyContactResponse } from './dto/contact.dto';
import { CompanyListQuery, CompanyResponse, CreateCompanyRequest, UpdateCompanyRequest } from './dto/company.dto';
import type { AssignRequest, AssignResponse } from './dto/customer-parts.dto';
import type { RecordHistoryPage } from './dto/history.dto';

const websiteOf = (value: string | null | undefined): string | null | undefined =>
  value && !/^https?:\/\//i.test(value) ? `https://${value}` : value;

@Injectable()
export class CompaniesService {
  private readonly region: CountryCode;

  constructor(
    private readonly dataSource: DataSource,
    private readonly companies: CompaniesRepository,
    private readonly contacts: ContactsRepository,
    private readonly history_: AuditRepository,
    private readonly audit: AuditService,
    private readonly customFields: CustomFieldsService,
    private readonly attachmentFiles: AttachmentsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.region = phoneRegion(config.defaultPhoneRegion) ?? 'AZ';
  }

  async list(actor: Actor, query: CompanyListQuery): Promise<Page<CompanyResponse>> {
    const page = await this.companies.list(actor.ability, query, await this.customFields.listFilter('company', query.cf));
    return { ...page, items: page.items.map((row) => this.toResponse(actor, row)) };
  }

  async get(actor: Actor, id: string): Promise<CompanyResponse> {
    const row = await this.companies.findAllowed(actor.ability, 'read', id);
    if (!row) {
      throw notFound('The company');
    }
    return this.toResponse(actor, row);
  }

  /** Contacts linked to the company, as far as the caller may read contacts. */
  async contactsOf(actor: Actor, id: string, query: Pick<ListQuery, 'cursor' | 'limit'>): Promise<CompanyContactPage> {
    await this.get(actor, id);
    const page = await this.companies.contacts(actor.ability, id, query);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) =>
        stripUnreadable<CompanyContactResponse>(actor, 'Contact', { id: row.id, ownerId: row.owner_id }, {
          id: row.id,
          name: row.name,
          email: row.email,
          phone: row.phone,
          jobTitle: row.job_title,
          primary: row.is_primary,
          ownerId: row.owner_id,
          ownerName: row.owner_name,
        }),
      ),
    };
  }

  async create(actor: Actor, request: CreateCompanyRequest, idempotencyKey?: string): Promise<IdempotentResult<CompanyResponse>> {
    const ownerId = checkCreate(actor, 'company', request);
    const record: CompanyWrite = {
      name: request.name,
      legalForm: request.legalForm ?? null,
      taxId: request.taxId ?? null,
      industry: request.industry ?? null,
      size: request.size ?? null,
      website: websiteOf(request.website) ?? null,
      points: requestedPoints(request, [], this.region),
      addresses: request.addresses ?? [],
      tags: uniqueTags(request.tags ?? []),
      source: request.source ?? null,
      lifecycle: request.lifecycle ?? 'lead',
      nextStep: request.nextStep ?? null,
      nextStepAt: request.nextStepAt ?? null,
      ownerId,
      custom: request.custom ?? {},
    };
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        await requireActiveUser(manager, ownerId);
        const custom = await this.customFields.validate(manager, 'company', record.custom, 'create');
        const id = await this.companies.insert(manager, { ...record, custom, createdBy: actor.id });
        return this.toResponse(actor, await this.companies.find(id, manager));
      }),
    );
  }

  async update(actor: Actor, id: string, version: number, request: Omit<UpdateCompanyRequest, 'version'>): Promise<CompanyResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.companies.findAllowed(actor.ability, 'read', id, manager);
      if (!row) {
        throw notFound('The company');
      }
      const current = { id, name: row.name, ownerId: row.owner_id };
      const given = definedOnly(request);
      const ownerChanged = await checkUpdate(manager, actor, 'company', current, given);
      const changes: Partial<CompanyWrite> = {
        name: given.name,
        legalForm: request.legalForm,
        taxId: request.taxId,
        industry: request.industry,
        size: request.size,
        website: websiteOf(request.website),
        points: given.points || 'email' in given || 'phone' in given ? requestedPoints(given, row.points, this.region) : undefined,
        addresses: given.addresses,
        tags: given.tags && uniqueTags(given.tags),
        source: request.source,
        lifecycle: given.lifecycle,
        nextStep: request.nextStep,
        nextStepAt: request.nextStepAt,
        ownerId: given.ownerId,
        custom: given.custom && (await this.customFields.validate(manager, 'company', given.custom, 'update', row.custom)),
      };
      if (!(await this.companies.update(manager, id, version, changes, actor.id))) {
        throw staleVersion();
      }
      if (given.name !== undefined && given.name !== row.name) {
        await this.contacts.refreshSearchOfCompany(manager, id);
      }
      if (ownerChanged) {
        await recordAssignment(manager, this.audit, actor, 'company', id, current.ownerId, given.ownerId!);
      }
      return this.toResponse(actor, await this.companies.find(id, manager));
    });
  }

  async delete(actor: Actor, id: string, version: number): Promise<void> {
    await this.attachmentFiles.deleteRecordWithFiles(actor, 'company', id, async (manager) => {
      const row = await this.companies.findAllowed(actor.ability, 'read', id, manager);
      if (!row) {
        throw notFound('The company');
      }
      if (!actor.ability.can('delete', asSubject('Company', { id, ownerId: row.owner_id }))) {
        throw forbidden('Your role does not allow deleting this company');
      }
      const linked = await this.companies.linkedContactIds(manager, id);
      if (!(await this.companies.delete(manager, id, version))) {
        throw staleVersion();
      }
      // The links went with the company; the contacts' search documents must forget its name.
      await this.contacts.refreshSearch(manager, linked);
    });
  }

  async assign(actor: Actor, request: AssignRequest): Promise<AssignResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) => assignRecords(manager, this.audit, actor, 'company', this.companies, request));
  }

  async history(actor: Actor, id: string, query: Pick<AuditEventQuery, 'cursor' | 'limit'>): Promise<RecordHistoryPage> {
    await this.get(actor, id);
    return recordHistoryPage(this.history_, 'company', id, query);
  }

  private toResponse(actor: Actor, row: CompanyRow): CompanyResponse {
    return stripUnreadable<CompanyResponse>(actor, 'Company', { id: row.id, name: row.name, ownerId: row.owner_id }, {
      id: row.id,
      name: row.name,
      legalForm: row.legal_form,
      taxId: row.tax_id,
      industry: row.industry,
      size: row.size,
      website: row.website,
      email: row.email,
      phone: row.phone,
      points: row.points,
      addresses: row.addresses,
      tags: row.tags,
      source: row.source,
      lifecycle: row.lifecycle,
      nextStep: row.next_step,
      nextStepAt: row.next_step_at?.toISOString() ?? null,
      lastContactedAt: row.last_contacted_at?.toISOString() ?? null,
      ownerId: row.owner_id,
      ownerName: row.owner_name,
      custom: row.custom,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      createdBy: row.created_by,
      version: row.version,
    });
  }
}
