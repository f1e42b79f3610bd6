import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { FieldError, forbidden, notFound, validationError } from '../../common/errors/app-error';
import { Page } from '../../common/http/page';
import { staleVersion } from '../../common/http/versioning';
import { idempotent, IdempotentResult } from '../../common/idempotency/idempotency';
import { Actor, changeContextOf } from '../auth/actor';
import { asSubject } from '../permissions/ability';
import { ActivitiesRepository, ActivityFields, ActivityRow } from './activities.repository';
import { ActivityListQuery, ActivityResponse, CreateActivityRequest, UpdateActivityRequest } from './dto/activity.dto';
import { requireActiveUser, requireRecord } from './record-access';

/**
 * Calls, e-mails, meetings and notes. Activities follow their contact or company: whoever may
 * read the record (and activities at all) sees them; changing one follows the Activity rules on
 * its author. Logging contact keeps the record's "last contacted" date current.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
  ) {}

  async list(actor: Actor, query: ActivityListQuery): Promise<Page<ActivityResponse>> {
    const { sort, cursor, limit, count, ...filters } = query;
    const recordScoped = filters.contactId !== undefined || filters.companyId !== undefined || filters.dealId !== undefined;
    if (filters.contactId !== undefined) {
      await requireRecord(this.dataSource, actor.ability, 'contact', filters.contactId);
    }
    if (filters.companyId !== undefined) {
      await requireRecord(this.dataSource, actor.ability, 'company', filters.companyId);
    }
    if (filters.dealId !== undefined) {
      await requireRecord(this.dataSource, actor.ability, 'deal', filters.dealId);
    }
    const page = await this.activities.list(actor.ability, filters, recordScoped, { sort, cursor, limit, count });
    return { ...page, items: page.items.map(toActivityResponse) };
  }

  async get(actor: Actor, id: string): Promise<ActivityResponse> {
    const row = await this.activities.findVisible(actor.ability, id);
    if (!row) {
      throw notFound('The activity');
    }
    return toActivityResponse(row);
  }

  async create(actor: Actor, request: CreateActivityRequest, idempotencyKey?: string): Promise<IdempotentResult<ActivityResponse>> {
    const activity: ActivityFields = {
      kind: request.kind,
      occurredAt: request.occurredAt ?? null,
      subject: request.subject ?? null,
      body: request.body ?? null,
      direction: request.direction ?? null,
      durationSeconds: request.durationSeconds ?? null,
      outcome: request.outcome ?? null,
      contactId: request.contactId ?? null,
      companyId: request.companyId ?? null,
      dealId: request.dealId ?? null,
      ownerId: request.ownerId ?? actor.id,
    };
    checkKindFields(activity);
    if (!actor.ability.can('create', asSubject('Activity', { ownerId: activity.ownerId }))) {
      throw forbidden('Your role does not allow logging an activity for this author');
    }
    if (activity.ownerId !== actor.id && !actor.ability.can('assign', asSubject('Activity', { ownerId: activity.ownerId }))) {
      throw forbidden('Your role does not allow logging activities on behalf of other users');
    }
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        await this.checkLinks(manager, actor, activity);
        await requireActiveUser(manager, activity.ownerId);
        const id = await this.activities.insert(manager, activity, actor.id);
        await this.activities.refreshLastContacted(manager, [activity.contactId], [activity.companyId], [activity.dealId]);
        return toActivityResponse(await this.activities.find(manager, id));
      }),
    );
  }

  async update(actor: Actor, id: string, version: number, request: Omit<UpdateActivityRequest, 'version'>): Promise<ActivityResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.activities.findVisible(actor.ability, id, manager);
      if (!row) {
        throw notFound('The activity');
      }
      const current = toFields(row);
      if (!actor.ability.can('update', asSubject('Activity', current))) {
        throw forbidden('Your role does not allow changing this activity');
      }
      const changed: ActivityFields = { ...current, ...definedOnly(request) };
      checkKindFields(changed);
      if (changed.ownerId !== current.ownerId) {
        if (!actor.ability.can('assign', asSubject('Activity', current)) || !actor.ability.can('update', asSubject('Activity', changed))) {
          throw forbidden('Your role does not allow giving this activity to that user');
        }
        await requireActiveUser(manager, changed.ownerId);
      }
      await this.checkLinks(manager, actor, {
        contactId: changed.contactId !== current.contactId ? changed.contactId : null,
        companyId: changed.companyId !== current.companyId ? changed.companyId : null,
        dealId: changed.dealId !== current.dealId ? changed.dealId : null,
      });
      if (!(await this.activities.update(manager, id, version, changed))) {
        throw staleVersion();
      }
      await this.activities.refreshLastContacted(manager, [current.contactId, changed.contactId], [current.companyId, changed.companyId], [current.dealId, changed.dealId]);
      return toActivityResponse(await this.activities.find(manager, id));
    });
  }

  async delete(actor: Actor, id: string, version: number): Promise<void> {
    await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.activities.findVisible(actor.ability, id, manager);
      if (!row) {
        throw notFound('The activity');
      }
      if (!actor.ability.can('delete', asSubject('Activity', toFields(row)))) {
        throw forbidden('Your role does not allow deleting this activity');
      }
      if (!(await this.activities.delete(manager, id, version))) {
        throw staleVersion();
      }
      await this.activities.refreshLastContacted(manager, [row.contact_id], [row.company_id], [row.deal_id]);
    });
  }

  /**
   * An activity may only be put on records the caller may read; others answer 404 like missing
   * ones. Logging on a deal also needs the right to change the deal (its last contact moves).
   */
  private async checkLinks(manager: EntityManager, actor: Actor, links: Pick<ActivityFields, 'contactId' | 'companyId' | 'dealId'>): Promise<void> {
    if (links.dealId !== null) {
      await requireRecord(manager, actor.ability, 'deal', links.dealId, 'update');
    }
    if (links.contactId !== null) {
      await requireRecord(manager, actor.ability, 'contact', links.contactId);
    }
    if (links.companyId !== null) {
      await requireRecord(manager, actor.ability, 'company', links.companyId);
    }
  }
}

/** Which fields each kind takes; the others must stay empty. */
function checkKindFields(a: ActivityFields): void {
  const errors: FieldError[] = [];
  const isCallOrEmail = a.kind === 'call' || a.kind === 'email';
  if (a.direction !== null && !isCallOrEmail) {
    errors.push({ field: 'direction', message: 'is only for calls and e-mails' });
  }
  if (a.direction === null && isCallOrEmail) {
    errors.push({ field: 'direction', message: 'is required for calls and e-mails' });
  }
  if (a.durationSeconds !== null && a.kind !== 'call' && a.kind !== 'meeting') {
    errors.push({ field: 'durationSeconds', message: 'is only for calls and meetings' });
  }
  if (a.outcome !== null && a.kind !== 'call') {
    errors.push({ field: 'outcome', message: 'is only for calls' });
  }
  if (a.subject === null && (a.kind === 'email' || a.kind === 'meeting')) {
    errors.push({ field: 'subject', message: 'is required for e-mails and meetings' });
  }
  if (a.body === null && a.kind === 'note') {
    errors.push({ field: 'body', message: 'is required for notes' });
  }
  if (a.contactId === null && a.companyId === null && a.dealId === null) {
    errors.push({ field: 'contactId', message: 'a contact, a company (companyId) or a deal (dealId) is required' });
  }
  if (errors.length > 0) {
    throw validationError(errors);
  }
}

function toFields(row: ActivityRow): ActivityFields {
  return {
    kind: row.kind,
    occurredAt: row.occurred_at.toISOString(),
    subject: row.subject,
    body: row.body,
    direction: row.direction,
    durationSeconds: row.duration_seconds,
    outcome: row.outcome,
    contactId: row.contact_id,
    companyId: row.company_id,
    dealId: row.deal_id,
    ownerId: row.owner_id,
  };
}

export function toActivityResponse(row: ActivityRow): ActivityResponse {
  return {
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurred_at.toISOString(),
    subject: row.subject,
    body: row.body,
    direction: row.direction,
    durationSeconds: row.duration_seconds,
    outcome: row.outcome,
    contactId: row.contact_id,
    contactName: row.contact_name,
    companyId: row.company_id,
    companyName: row.company_name,
    dealId: row.deal_id,
    dealTitle: row.deal_title,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    createdBy: row.created_by,
    version: row.version,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
