import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { forbidden, notFound, validationError } from '../../common/errors/app-error';
import { idempotent, IdempotentResult } from '../../common/idempotency/idempotency';
import { Page, toPage } from '../../common/http/page';
import { staleVersion } from '../../common/http/versioning';
import { AuditRepository } from '../audit/audit.repository';
import type { AuditEventPage, AuditEventQuery } from '../audit/dto/audit.dto';
import { Actor, changeContextOf } from '../auth/actor';
import { asSubject, permittedFields } from '../permissions/ability';
import { ContactRow, ContactsRepository, toContactRecord } from './contacts.repository';
import { CustomFieldsService } from './custom-fields.service';
import { ContactListQuery, ContactResponse, CreateContactRequest, UpdateContactRequest } from './dto/contact.dto';

/** Fields every reader of a contact sees; field limits apply to the others. */
const ALWAYS_VISIBLE = new Set(['id', 'ownerId', 'ownerName', 'createdAt', 'updatedAt', 'createdBy', 'version']);

@Injectable()
export class ContactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly audit: AuditRepository,
    private readonly customFields: CustomFieldsService,
  ) {}

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
    const record = {
      name: request.name,
      email: request.email ?? null,
      phone: request.phone ?? null,
      ownerId: request.ownerId ?? actor.id,
      custom: request.custom ?? {},
    };
    if (!actor.ability.can('create', asSubject('Contact', record))) {
      throw forbidden('Your role does not allow creating a contact for this owner');
    }
    if (record.ownerId !== actor.id && !actor.ability.can('assign', asSubject('Contact', record))) {
      throw forbidden('Your role does not allow assigning contacts to other users');
    }
    this.checkWritableFields(actor, 'create', record, Object.keys(request));
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        await this.checkOwnerExists(manager, record.ownerId);
        const custom = await this.customFields.validate(manager, 'contact', record.custom, 'create');
        const id = await this.contacts.insert(manager, { ...record, custom, createdBy: actor.id });
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
      if (!actor.ability.can('update', asSubject('Contact', current))) {
        throw forbidden('Your role does not allow changing this contact');
      }
      const changed = { ...current, ...definedOnly(request) };
      if (changed.ownerId !== current.ownerId) {
        if (!actor.ability.can('assign', asSubject('Contact', current)) || !actor.ability.can('update', asSubject('Contact', changed))) {
          throw forbidden('Your role does not allow giving this contact to that user');
        }
        await this.checkOwnerExists(manager, changed.ownerId);
      }
      this.checkWritableFields(actor, 'update', current, Object.keys(definedOnly(request)));
      if (request.custom !== undefined) {
        request = { ...request, custom: await this.customFields.validate(manager, 'contact', request.custom, 'update', current.custom) };
      }
      if (!(await this.contacts.update(manager, id, version, definedOnly(request)))) {
        throw staleVersion();
      }
      return this.toResponse(actor, await this.contacts.find(id, manager));
    });
  }

  async delete(actor: Actor, id: string, version: number): Promise<void> {
    await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
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

  /** The contact's changes from the audit trail, for anyone who may read the contact. */
  async history(actor: Actor, id: string, query: Pick<AuditEventQuery, 'cursor' | 'limit'>): Promise<AuditEventPage> {
    await this.get(actor, id);
    const limit = query.limit ?? 50;
    return toPage(await this.audit.recordHistory('contacts', id, query.cursor, limit + 1), limit, (last) => last.id);
  }

  private toResponse(actor: Actor, row: ContactRow): ContactResponse {
    const response: ContactResponse = {
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      ownerId: row.owner_id,
      ownerName: row.owner_name,
      custom: row.custom,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      createdBy: row.created_by,
      version: row.version,
    };
    const readable = permittedFields(actor.ability, 'read', 'Contact', toContactRecord(row));
    if (readable) {
      for (const field of Object.keys(response) as (keyof ContactResponse)[]) {
        if (!ALWAYS_VISIBLE.has(field) && !readable.has(field)) {
          delete response[field];
        }
      }
    }
    return response;
  }

  private checkWritableFields(actor: Actor, action: 'create' | 'update', record: object, fields: string[]): void {
    const writable = permittedFields(actor.ability, action, 'Contact', record);
    const refused = writable ? fields.filter((field) => !writable.has(field)) : [];
    if (refused.length > 0) {
      throw forbidden(`Your role does not allow setting: ${refused.join(', ')}`);
    }
  }

  private async checkOwnerExists(manager: EntityManager, ownerId: string): Promise<void> {
    if (!(await this.contacts.isActiveUser(manager, ownerId))) {
      throw validationError([{ field: 'ownerId', message: 'is not an active user' }]);
    }
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
