import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { FieldError, forbidden, notFound, validationError } from '../../common/errors/app-error';
import { idempotent, IdempotentResult } from '../../common/idempotency/idempotency';
import { staleVersion } from '../../common/http/versioning';
import { AuditService } from '../audit/audit.service';
import { Actor, changeContextOf } from '../auth/actor';
import { RemindersService } from '../automation/reminders.service';
import { asSubject } from '../permissions/ability';
import { checkWritableFields, definedOnly, stripUnreadable } from '../customers/customer-records';
import { readableRecords, requireActiveUser } from '../customers/record-access';
import {
  CreateTaskRequest, MyDayResponse, StaleDealResponse, TaskListQuery, TaskPage, TaskParticipantRequest, TaskResponse, UpdateTaskRequest,
} from './dto/task.dto';
import { DealsRepository } from './deals.repository';
import { ParticipantWrite, TaskRow, TasksRepository, TaskWrite } from './tasks.repository';

/** Largest number of items each list of My day carries. */
/** Rows per list of My day; the overdue list says how many there are in all, the tasks page shows them. */
const MY_DAY_LIMIT = 50;

@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly audit: AuditService,
    private readonly reminders: RemindersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deals: DealsRepository,
  ) {}

  async list(actor: Actor, query: TaskListQuery): Promise<TaskPage> {
    const page = await this.tasks.list(actor.ability, query);
    return { ...page, items: page.items.map((row) => toTaskResponse(actor, row)) };
  }

  async get(actor: Actor, id: string): Promise<TaskResponse> {
    const row = await this.tasks.findAllowed(actor.ability, 'read', id);
    if (!row) {
      throw notFound('The task');
    }
    return toTaskResponse(actor, row);
  }

  async create(actor: Actor, request: CreateTaskRequest, idempotencyKey?: string): Promise<IdempotentResult<TaskResponse>> {
    const ownerId = request.ownerId ?? actor.id;
    const record = { ownerId };
    if (!actor.ability.can('create', asSubject('Task', record))) {
      throw forbidden('Your role does not allow creating a task for this user');
    }
    if (ownerId !== actor.id && !actor.ability.can('assign', asSubject('Task', record))) {
      throw forbidden('Your role does not allow assigning tasks to other users');
    }
    checkWritableFields(actor, 'Task', 'create', record, Object.keys(definedOnly(request)).filter((f) => f !== 'remindBeforeMinutes'));
    const kind = request.kind ?? 'task';
    const dueAt = request.dueAt ?? null;
    const endsAt = request.endsAt ?? null;
    checkSchedule(kind, dueAt, endsAt);
    const task: TaskWrite = {
      kind,
      title: request.title,
      description: request.description ?? null,
      dueAt,
      endsAt,
      allDay: request.allDay ?? false,
      location: request.location ?? null,
      meetingUrl: request.meetingUrl ?? null,
      priority: request.priority ?? 'normal',
      status: 'open',
      completedAt: null,
      remindAt: remindAtOf(request, dueAt, null),
      contactId: request.contactId ?? null,
      companyId: request.companyId ?? null,
      dealId: request.dealId ?? null,
      ownerId,
    };
    const result = await inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        await requireActiveUser(manager, ownerId);
        await this.checkLinks(manager, actor, task, {});
        const participants = await this.participants(manager, actor, request.participants ?? [], []);
        const id = await this.tasks.insert(manager, task, participants, actor.id);
        return toTaskResponse(actor, await this.tasks.find(id, manager));
      }),
    );
    if (!result.replayed) {
      await this.reminders.arm(result.body.id, result.body.status, result.body.remindAt);
    }
    return result;
  }

  async update(actor: Actor, id: string, version: number, request: Omit<UpdateTaskRequest, 'version'>): Promise<TaskResponse> {
    const response = await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.tasks.findAllowed(actor.ability, 'read', id, manager);
      if (!row) {
        throw notFound('The task');
      }
      const current = { id: row.id, ownerId: row.owner_id };
      if (!actor.ability.can('update', asSubject('Task', current))) {
        throw forbidden('Your role does not allow changing this task');
      }
      const given = definedOnly(request);
      const ownerChanged = given.ownerId !== undefined && given.ownerId !== row.owner_id;
      if (ownerChanged) {
        if (!actor.ability.can('assign', asSubject('Task', current)) || !actor.ability.can('update', asSubject('Task', { ...current, ownerId: given.ownerId }))) {
          throw forbidden('Your role does not allow giving this task to that user');
        }
        await requireActiveUser(manager, given.ownerId!);
      }
      checkWritableFields(actor, 'Task', 'update', current, Object.keys(given).filter((f) => f !== 'remindBeforeMinutes'));

      const kind = given.kind ?? row.kind;
      const dueAt = request.dueAt !== undefined ? request.dueAt : iso(row.due_at);
      const endsAt = request.endsAt !== undefined ? request.endsAt : iso(row.ends_at);
      checkSchedule(kind, dueAt, endsAt);
      const dueChanged = request.dueAt !== undefined && !sameInstant(request.dueAt, row.due_at);
      let remindAt: string | null | undefined;
      if (request.remindAt !== undefined || request.remindBeforeMinutes !== undefined) {
        remindAt = remindAtOf(request, dueAt, null);
      } else if (dueChanged && row.remind_at && row.due_at) {
        // A rescheduled task keeps its reminder the same time before the new due time.
        remindAt = dueAt === null ? null : new Date(new Date(dueAt).getTime() - (row.due_at.getTime() - row.remind_at.getTime())).toISOString();
      }
      const rearm = dueChanged || (remindAt !== undefined && !sameInstant(remindAt, row.remind_at));
      const status = given.status;
      const changes: Partial<TaskWrite> = {
        kind: given.kind,
        title: given.title,
        description: request.description,
        dueAt: request.dueAt,
        endsAt: request.endsAt,
        allDay: given.allDay,
        location: request.location,
        meetingUrl: request.meetingUrl,
        priority: given.priority,
        status,
        completedAt: status === undefined || status === row.status ? undefined : status === 'done' ? new Date() : null,
        remindAt,
        contactId: request.contactId,
        companyId: request.companyId,
        dealId: request.dealId,
        ownerId: given.ownerId,
      };
      await this.checkLinks(manager, actor, changes, row);
      if (!(await this.tasks.update(manager, id, version, changes, rearm))) {
        throw staleVersion();
      }
      if (request.participants) {
        const existing = row.participants.map((p) => p.userId ?? p.contactId!);
        await this.tasks.replaceParticipants(manager, id, await this.participants(manager, actor, request.participants, existing));
      }
      if (ownerChanged) {
        await this.audit.record(
          { action: 'task.assigned', context: changeContextOf(actor), tableName: 'tasks', recordId: id, details: { from: row.owner_id, to: given.ownerId } },
          manager,
        );
      }
      return toTaskResponse(actor, await this.tasks.find(id, manager));
    });
    await this.reminders.arm(response.id, response.status, response.remindAt);
    return response;
  }

  async delete(actor: Actor, id: string, version: number): Promise<void> {
    await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.tasks.findAllowed(actor.ability, 'read', id, manager);
      if (!row) {
        throw notFound('The task');
      }
      if (!actor.ability.can('delete', asSubject('Task', { id, ownerId: row.owner_id }))) {
        throw forbidden('Your role does not allow deleting this task');
      }
      if (!(await this.tasks.delete(manager, id, version))) {
        throw staleVersion();
      }
    });
  }

  /** Today (in the configured time zone) of the caller: only their own items, as far as their role reads them. */
  async myDay(actor: Actor): Promise<MyDayResponse> {
    const tz = this.config.timeZone;
    const { today, start, end } = await this.tasks.dayBounds(tz);
    const [day, staleDeals] = await Promise.all([
      this.tasks.myDay(actor.ability, actor.id, start, end, MY_DAY_LIMIT),
      this.staleDeals(actor),
    ]);
    return {
      tasks: day.tasks.map((r) => toTaskResponse(actor, r)),
      meetings: day.meetings.map((r) => toTaskResponse(actor, r)),
      overdue: day.overdue.map((r) => toTaskResponse(actor, r)),
      overdueCount: day.overdueCount,
      staleDeals,
      date: today,
      timeZone: tz,
    };
  }

  /** Open deals of the caller with no contact for longer than their pipeline's staleAfterDays, the quietest first. */
  private async staleDeals(actor: Actor): Promise<StaleDealResponse[]> {
    const rows = await this.deals.quiet(actor.ability, actor.id, MY_DAY_LIMIT);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      amount: r.amount === null ? null : Number(r.amount),
      currency: r.currency,
      pipelineId: r.pipeline_id,
      stageId: r.stage_id,
      lastContactedAt: iso(r.last_contacted_at),
      silentDays: r.silent_days,
      contactName: r.contact_id && actor.ability.can('read', asSubject('Contact', { id: r.contact_id, ownerId: r.contact_owner_id })) ? r.contact_name : null,
      companyName: r.company_id && actor.ability.can('read', asSubject('Company', { id: r.company_id, ownerId: r.company_owner_id })) ? r.company_name : null,
    }));
  }

  /** Newly set links must name a contact, company or deal the caller may read: else 400 naming the field. */
  private async checkLinks(manager: EntityManager, actor: Actor, task: Partial<TaskWrite>, current: Partial<Pick<TaskRow, 'contact_id' | 'company_id' | 'deal_id'>>): Promise<void> {
    const errors: FieldError[] = [];
    for (const [field, entity, existing] of [
      ['contactId', 'contact', current.contact_id],
      ['companyId', 'company', current.company_id],
      ['dealId', 'deal', current.deal_id],
    ] as const) {
      const id = task[field];
      if (id && id !== existing && !(await readableRecords(manager, actor.ability, entity, [id])).has(id)) {
        errors.push({ field, message: `is not a ${entity} you can see` });
      }
    }
    if (errors.length > 0) {
      throw validationError(errors);
    }
  }

  /** Participants to store: each a user (active) or a contact (readable, unless already a participant), each once. */
  private async participants(manager: EntityManager, actor: Actor, requested: TaskParticipantRequest[], existing: string[]): Promise<ParticipantWrite[]> {
    const errors: FieldError[] = [];
    const userIds = requested.flatMap((p) => (p.userId ? [p.userId] : []));
    const contactIds = requested.flatMap((p) => (p.contactId && !existing.includes(p.contactId) ? [p.contactId] : []));
    const [users, contacts] = await Promise.all([
      this.tasks.activeUsers(manager, userIds),
      readableRecords(manager, actor.ability, 'contact', contactIds),
    ]);
    const seen = new Set<string>();
    requested.forEach((p, i) => {
      const field = `participants[${i}]`;
      if ((p.userId === undefined) === (p.contactId === undefined)) {
        errors.push({ field, message: 'must name either a userId or a contactId' });
        return;
      }
      const id = (p.userId ?? p.contactId)!;
      if (seen.has(id)) {
        errors.push({ field, message: 'is listed twice' });
      } else if (p.userId && !users.has(p.userId)) {
        errors.push({ field: `${field}.userId`, message: 'is not an active user' });
      } else if (p.contactId && !existing.includes(p.contactId) && !contacts.has(p.contactId)) {
        errors.push({ field: `${field}.contactId`, message: 'is not a contact you can see' });
      }
      seen.add(id);
    });
    if (errors.length > 0) {
      throw validationError(errors);
    }
    return requested.map((p) => ({ userId: p.userId ?? null, contactId: p.contactId ?? null }));
  }
}

/** Meetings and calls need a start; an end needs a start and may not come before it. */
function checkSchedule(kind: string, dueAt: string | null, endsAt: string | null): void {
  const errors: FieldError[] = [];
  if (kind !== 'task' && dueAt === null) {
    errors.push({ field: 'dueAt', message: `is required for a ${kind}` });
  }
  if (endsAt !== null && dueAt === null) {
    errors.push({ field: 'endsAt', message: 'needs dueAt (the start)' });
  } else if (endsAt !== null && dueAt !== null && new Date(endsAt).getTime() < new Date(dueAt).getTime()) {
    errors.push({ field: 'endsAt', message: 'must not be before dueAt' });
  }
  if (errors.length > 0) {
    throw validationError(errors);
  }
}

/** remindAt of a request: given, or remindBeforeMinutes before dueAt. */
function remindAtOf(request: { remindAt?: string | null; remindBeforeMinutes?: number }, dueAt: string | null, fallback: string | null): string | null {
  if (request.remindBeforeMinutes !== undefined) {
    if (request.remindAt !== undefined && request.remindAt !== null) {
      throw validationError([{ field: 'remindBeforeMinutes', message: 'give either remindAt or remindBeforeMinutes' }]);
    }
    if (dueAt === null) {
      throw validationError([{ field: 'remindBeforeMinutes', message: 'needs dueAt' }]);
    }
    return new Date(new Date(dueAt).getTime() - request.remindBeforeMinutes * 60_000).toISOString();
  }
  return request.remindAt !== undefined ? request.remindAt : fallback;
}

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;
const sameInstant = (a: string | null, b: Date | null): boolean => (a === null || b === null ? a === b : new Date(a).getTime() === b.getTime());

/** The API shape of a task row; names of linked records the caller may not read are left out. */
export function toTaskResponse(actor: Actor, row: TaskRow): TaskResponse {
  const may = (subject: 'Contact' | 'Company' | 'Deal', id: string | null, ownerId: string | null): boolean =>
    id !== null && actor.ability.can('read', asSubject(subject, { id, ownerId }));
  const response: TaskResponse = {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    dueAt: iso(row.due_at),
    endsAt: iso(row.ends_at),
    allDay: row.all_day,
    location: row.location,
    meetingUrl: row.meeting_url,
    priority: row.priority,
    status: row.status,
    completedAt: iso(row.completed_at),
    remindAt: iso(row.remind_at),
    overdue: row.overdue,
    contactId: row.contact_id,
    contactName: may('Contact', row.contact_id, row.contact_owner_id) ? row.contact_name : null,
    companyId: row.company_id,
    companyName: may('Company', row.company_id, row.company_owner_id) ? row.company_name : null,
    dealId: row.deal_id,
    dealTitle: may('Deal', row.deal_id, row.deal_owner_id) ? row.deal_title : null,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    participants: row.participants.map((p) => ({
      userId: p.userId,
      contactId: p.contactId,
      name: p.userId !== null || may('Contact', p.contactId, p.ownerId) ? p.name : '',
    })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
  return stripUnreadable(actor, 'Task', { id: row.id, ownerId: row.owner_id }, response);
}
