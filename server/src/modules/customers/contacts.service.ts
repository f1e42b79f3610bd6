import { Inject, Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { FieldError, forbidden, notFound, validationError } from '../../common/errors/app-error';
import { idempotent, IdempotentResult } from '../../common/idempotency/idempotency';
import { Page } from '../../common/http/page';
import { staleVersion } from '../../common/http/versioning';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import type { AuditEventQuery } from '../audit/dto/audit.dto';
import { Actor, changeContextOf } from '../auth/actor';
import { asSubject } from '../permissions/ability';
import { phoneRegion } from './contact-points';
import { CompanyLinkWrite, Consent, ContactRow, ContactsRepository, ContactWrite, toContactRecord } from './contacts.repository';
import { assignRecords, checkCreate, checkUpdate, definedOnly, recordAssignment, recordHistoryPage, requestedPoints, stripUnreadable, uniqueTags } from './customer-records';
import { readableRecords, requireActiveUser } from './record-access';
import { ContactCompanyLinkRequest, ContactListQuery, ContactResponse, ConsentRequest, CreateContactRequest, UpdateContactRequest } from './dto/contact.dto';
import type { AssignRequest, AssignResponse } from './dto/customer-parts.dto';
import { AttachmentsService } from './attachments.service';
import { CustomFieldsService } from './custom-fields.service';
import type { RecordHistoryPage } from './dto/history.dto';

@Injectable()
export class ContactsService {
  private readonly region: CountryCode;

  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly history_: AuditRepository,
    private readonly audit: AuditService,
    private readonly customFields: CustomFieldsService,
    private readonly attachmentFiles: AttachmentsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.region = phoneRegion(config.defaultPhoneRegion) ?? 'AZ';
  }

  async list(actor: Actor, query: ContactListQuery): Promise<Page<ContactResponse>> {
    const page = await this.contacts.list(actor.ability, query, await this.customFields.listFilter('contact', query.cf));
    return { ...page, items: page.items.map((row) => this.toResponse(actor, row)) };
  }

  async get(actor: Actor, id: string): Promise<ContactResponse> {
    const row = await this.contacts.findAllowed(actor.ability, 'read', id);
    if (!row) {
      throw notFound('The contact');
    }
    return this.toResponse(actor, row);
  }

  async create(actor: Actor, request: CreateContactRequest, idempotencyKey?: string): Promise<IdempotentResult<ContactResponse>> {
    const ownerId = checkCreate(actor, 'contact', request);
    const points = requestedPoints(request, [], this.region);
    const now = new Date();
    const record: ContactWrite = {
      name: request.name,
      points,
      addresses: request.addresses ?? [],
      tags: uniqueTags(request.tags ?? []),
      source: request.source ?? null,
      lifecycle: request.lifecycle ?? 'lead',
      emailConsent: consentOf(request.emailConsent, { granted: false, at: null, source: null }, now),
      smsConsent: consentOf(request.smsConsent, { granted: false, at: null, source: null }, now),
      nextStep: request.nextStep ?? null,
      nextStepAt: request.nextStepAt ?? null,
      ownerId,
      custom: request.custom ?? {},
    };
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        await requireActiveUser(manager, ownerId);
        const companies = await this.companyLinks(manager, actor, request.companies ?? [], []);
        const custom = await this.customFields.validate(manager, 'contact', record.custom, 'create');
        const id = await this.contacts.insert(manager, { ...record, custom, companies, createdBy: actor.id });
        return this.toResponse(actor, await this.contacts.find(id, manager));
      }),
    );
  }

  async update(actor: Actor, id: string, version: number, request: Omit<UpdateContactRequest, 'version'>): Promise<ContactResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.contacts.findAllowed(actor.ability, 'read', id, manager);
      if (!row) {
        throw notFound('The contact');
      }
      const current = toContactRecord(row);
      const given = definedOnly(request);
      const ownerChanged = await checkUpdate(manager, actor, 'contact', current, given);
      const now = new Date();
      const changes: Partial<ContactWrite> & { companies?: CompanyLinkWrite[] } = {
        name: given.name,
        points: given.points || 'email' in given || 'phone' in given ? requestedPoints(given, row.points, this.region) : undefined,
        addresses: given.addresses,
        tags: given.tags && uniqueTags(given.tags),
        source: request.source,
        lifecycle: given.lifecycle,
        emailConsent: given.emailConsent && consentOf(given.emailConsent, consentFrom(row, 'email'), now),
        smsConsent: given.smsConsent && consentOf(given.smsConsent, consentFrom(row, 'sms'), now),
        nextStep: request.nextStep,
        nextStepAt: request.nextStepAt,
        ownerId: given.ownerId,
        custom: given.custom && (await this.customFields.validate(manager, 'contact', given.custom, 'update', row.custom)),
        companies: given.companies && (await this.companyLinks(manager, actor, given.companies, row.companies.map((c) => c.companyId))),
      };
      if (!(await this.contacts.update(manager, id, version, changes, actor.id))) {
        throw staleVersion();
      }
      if (ownerChanged) {
        await recordAssignment(manager, this.audit, actor, 'contact', id, current.ownerId, given.ownerId!);
      }
      return this.toResponse(actor, await this.contacts.find(id, manager));
    });
  }

  async delete(actor: Actor, id: string, version: number): Promise<void> {
    await this.attachmentFiles.deleteRecordWithFiles(actor, 'contact', id, async (manager) => {
      const row = await this.contacts.findAllowed(actor.ability, 'read', id, manager);
      if (!row) {
        throw notFound('The contact');
      }
      if (!actor.ability.can('delete', asSubject('Contact', toContactRecord(row)))) {
        throw forbidden('Your role does not allow deleting this contact');
      }
      if (!(await this.contacts.delete(manager, id, version))) {
        throw staleVersion();
      }
    });
  }

  /** Gives many contacts to one user: all or nothing. */
  async assign(actor: Actor, request: AssignRequest): Promise<AssignResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) => assignRecords(manager, this.audit, actor, 'contact', this.contacts, request));
  }

  /** The contact's changes from the audit trail, for anyone who may read the contact. */
  async history(actor: Actor, id: string, query: Pick<AuditEventQuery, 'cursor' | 'limit'>): Promise<RecordHistoryPage> {
    await this.get(actor, id);
    return recordHistoryPage(this.history_, 'contact', id, query);
  }

  /**
   * The company links to store. Companies newly linked must be readable by the caller; links
   * that already exist stay even when the caller cannot see their company.
   */
  private async companyLinks(manager: EntityManager, actor: Actor, links: ContactCompanyLinkRequest[], existing: string[]): Promise<CompanyLinkWrite[]> {
    const added = links.map((l) => l.companyId).filter((id) => !existing.includes(id));
    const readable = await readableRecords(manager, actor.ability, 'company', added);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    links.forEach((link, i) => {
      if (seen.has(link.companyId)) {
        errors.push({ field: `companies[${i}].companyId`, message: 'is listed twice' });
      } else if (!existing.includes(link.companyId) && !readable.has(link.companyId)) {
        errors.push({ field: `companies[${i}].companyId`, message: 'is not a company you can see' });
      }
      seen.add(link.companyId);
    });
    if (errors.length > 0) {
      throw validationError(errors);
    }
    const primary = Math.max(0, links.findIndex((l) => l.primary));
    return links.map((l, i) => ({ companyId: l.companyId, jobTitle: l.jobTitle ?? null, primary: i === primary }));
  }

  private toResponse(actor: Actor, row: ContactRow): ContactResponse {
    const response: ContactResponse = {
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      points: row.points,
      addresses: row.addresses,
      tags: row.tags,
      source: row.source,
      lifecycle: row.lifecycle,
      emailConsent: { granted: row.email_consent, at: row.email_consent_at?.toISOString() ?? null, source: row.email_consent_source },
      smsConsent: { granted: row.sms_consent, at: row.sms_consent_at?.toISOString() ?? null, source: row.sms_consent_source },
      nextStep: row.next_step,
      nextStepAt: row.next_step_at?.toISOString() ?? null,
      lastContactedAt: row.last_contacted_at?.toISOString() ?? null,
      companies: row.companies.map((link) => ({
        companyId: link.companyId,
        // Linked companies the caller may not read stay in the list (so an edit keeps them) without their name.
        companyName: actor.ability.can('read', asSubject('Company', { id: link.companyId, ownerId: link.companyOwnerId })) ? link.companyName : null,
        jobTitle: link.jobTitle,
        primary: link.primary,
      })),
      ownerId: row.owner_id,
      ownerName: row.owner_name,
      custom: row.custom,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      createdBy: row.created_by,
      version: row.version,
    };
    return stripUnreadable(actor, 'Contact', toContactRecord(row), response);
  }
}

function consentFrom(row: ContactRow, kind: 'email' | 'sms'): Consent {
  return kind === 'email'
    ? { granted: row.email_consent, at: row.email_consent_at, source: row.email_consent_source }
    : { granted: row.sms_consent, at: row.sms_consent_at, source: row.sms_consent_source };
}

/** The consent after a request: the time is stamped by the server whenever `granted` changes. */
function consentOf(request: ConsentRequest | undefined, current: Consent, now: Date): Consent {
  if (!request) {
    return current;
  }
  return {
    granted: request.granted,
    at: request.granted !== current.granted ? now : current.at,
    source: request.source !== undefined ? request.source : current.source,
  };
}
