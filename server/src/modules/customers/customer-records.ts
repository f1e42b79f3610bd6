import type { CountryCode } from 'libphonenumber-js';
import type { EntityManager } from 'typeorm';
import { AppError, ErrorCode, FieldError, forbidden, validationError } from '../../common/errors/app-error';
import { toPage } from '../../common/http/page';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import type { AuditEventQuery } from '../audit/dto/audit.dto';
import { Actor, changeContextOf } from '../auth/actor';
import { AppAbility, asSubject, permittedFields } from '../permissions/ability';
import type { Subject } from '../permissions/subjects';
import { usersMentioned } from './change-users';
import type { RecordHistoryPage } from './dto/history.dto';
import { ContactPoint, normalizeEmail, normalizePhone, normalizePoints, withPrimary } from './contact-points';
import type { AssignRequest, AssignResponse, ContactPointDto } from './dto/customer-parts.dto';
import { RECORD_TABLES, RecordEntity, requireActiveUser } from './record-access';

/** Fields every reader of a customer record sees; field limits apply to the others. */
const ALWAYS_VISIBLE = new Set(['id', 'ownerId', 'ownerName', 'createdAt', 'updatedAt', 'createdBy', 'version']);

/** Tags as stored: each once, in the order given. */
export const uniqueTags = (tags: string[]): string[] => [...new Set(tags)];

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Refuses a write that sets fields the role's field limits leave out. */
export function checkWritableFields(actor: Actor, subject: Subject, action: 'create' | 'update', record: object, fields: string[]): void {
  const writable = permittedFields(actor.ability, action, subject, record);
  const refused = writable ? fields.filter((field) => !writable.has(field)) : [];
  if (refused.length > 0) {
    throw forbidden(`Your role does not allow setting: ${refused.join(', ')}`);
  }
}

/** Drops the fields of a response that the role's field limits do not let the caller read. */
export function stripUnreadable<T extends object>(actor: Actor, subject: Subject, record: object, response: T): T {
  const readable = fieldReader(actor.ability, subject, record);
  for (const field of Object.keys(response) as (keyof T & string)[]) {
    if (!readable(field)) {
      delete response[field];
    }
  }
  return response;
}

/** Whether the role's field limits let the caller read a field of this record. */
export function fieldReader(ability: AppAbility, subject: Subject, record: object): (field: string) => boolean {
  const readable = permittedFields(ability, 'read', subject, record);
  return (field) => readable === undefined || ALWAYS_VISIBLE.has(field) || readable.has(field);
}

/** Applies the `email` / `phone` shorthand of a request to the points (errors name `email` / `phone`). */
export function applyShorthands(
  points: ContactPoint[],
  request: { email?: string | null; phone?: string | null },
  region: CountryCode,
  errors: FieldError[],
): ContactPoint[] {
  let result = points;
  if (request.email !== undefined) {
    const email = request.email === null ? null : normalizeEmail(request.email);
    if (email === undefined) {
      errors.push({ field: 'email', message: 'is not a valid e-mail address' });
    } else {
      result = withPrimary(result, 'email', email);
    }
  }
  if (request.phone !== undefined) {
    const phone = request.phone === null ? null : normalizePhone(request.phone, region);
    if (phone === undefined) {
      errors.push({ field: 'phone', message: 'is not a valid phone number' });
    } else {
      result = withPrimary(result, 'phone', phone);
    }
  }
  return result;
}

/** The points a create or update request leaves a record with: its `points`, then the `email` / `phone` shorthands. */
export function requestedPoints(
  request: { points?: ContactPointDto[]; email?: string | null; phone?: string | null },
  current: ContactPoint[],
  region: CountryCode,
): ContactPoint[] {
  const errors: FieldError[] = [];
  let points = current;
  if (request.points) {
    const normalized = normalizePoints(request.points, region);
    errors.push(...normalized.errors);
    points = normalized.points;
  }
  points = applyShorthands(points, request, region, errors);
  if (errors.length > 0) {
    throw validationError(errors);
  }
  return points;
}

/** What a bulk owner change needs of the contacts or companies repository. */
export interface Reassignable {
  lockAllowed(manager: EntityManager, ability: AppAbility, action: 'read', ids: string[]): Promise<{ id: string; owner_id: string }[]>;
  reassign(manager: EntityManager, ids: string[], ownerId: string): Promise<number>;
}

/**
 * Gives many contacts or companies to one active user inside the caller's transaction, all or
 * nothing, with an audited `contact.assigned` / `company.assigned` event per record that changes.
 */
export async function assignRecords(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  entity: RecordEntity,
  records: Reassignable,
  request: AssignRequest,
): Promise<AssignResponse> {
  await requireActiveUser(manager, request.ownerId);
  const rows = await records.lockAllowed(manager, actor.ability, 'read', request.ids);
  const assigned = await reassignAll(actor, RECORD_TABLES[entity].subject, request, rows, async (changed) => {
    await records.reassign(manager, changed.map((r) => r.id), request.ownerId);
    for (const row of changed) {
      await recordAssignment(manager, audit, actor, entity, row.id, row.owner_id, request.ownerId);
    }
  });
  return { assigned };
}

/** The app event of a contact or company given to another user (`contact.assigned` / `company.assigned`). */
export async function recordAssignment(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  entity: RecordEntity,
  recordId: string,
  from: string,
  to: string,
): Promise<void> {
  await audit.record(
    { action: `${entity}.assigned`, context: changeContextOf(actor), tableName: RECORD_TABLES[entity].table, recordId, details: { from, to } },
    manager,
  );
}

/**
 * May the caller create this contact, company or deal for its owner (themselves unless the request
 * names another, which needs `assign`), setting the fields the request sets? Returns the owner.
 */
export function checkCreate(actor: Actor, entity: RecordEntity, request: ({ name: string } | { title: string }) & { ownerId?: string }): string {
  const { subject, table } = RECORD_TABLES[entity];
  const ownerId = request.ownerId ?? actor.id;
  const record = 'title' in request ? { title: request.title, ownerId } : { name: request.name, ownerId };
  if (!actor.ability.can('create', asSubject(subject, record))) {
    throw forbidden(`Your role does not allow creating a ${entity} for this owner`);
  }
  if (ownerId !== actor.id && !actor.ability.can('assign', asSubject(subject, record))) {
    throw forbidden(`Your role does not allow assigning ${table} to other users`);
  }
  checkWritableFields(actor, subject, 'create', record, Object.keys(definedOnly(request)));
  return ownerId;
}

/**
 * May the caller change this contact, company or deal, with the fields `given` sets? A new owner needs
 * `assign` on the record, `update` on it as the new owner's, and an active user. Returns whether
 * the owner changes.
 */
export async function checkUpdate(
  manager: EntityManager,
  actor: Actor,
  entity: RecordEntity,
  current: { id: string; name: string; ownerId: string },
  given: { ownerId?: string },
): Promise<boolean> {
  const { subject } = RECORD_TABLES[entity];
  if (!actor.ability.can('update', asSubject(subject, current))) {
    throw forbidden(`Your role does not allow changing this ${entity}`);
  }
  const ownerChanged = given.ownerId !== undefined && given.ownerId !== current.ownerId;
  if (ownerChanged) {
    if (!actor.ability.can('assign', asSubject(subject, current)) || !actor.ability.can('update', asSubject(subject, { ...current, ownerId: given.ownerId }))) {
      throw forbidden(`Your role does not allow giving this ${entity} to that user`);
    }
    await requireActiveUser(manager, given.ownerId!);
  }
  checkWritableFields(actor, subject, 'update', current, Object.keys(given));
  return ownerChanged;
}

/** A page of a contact's or company's changes from the audit trail, with the names of the users they mention. */
export async function recordHistoryPage(
  history: AuditRepository,
  entity: RecordEntity,
  id: string,
  query: Pick<AuditEventQuery, 'cursor' | 'limit'>,
): Promise<RecordHistoryPage> {
  const limit = query.limit ?? 50;
  const page = toPage(await history.recordHistory(RECORD_TABLES[entity].table, id, query.cursor, limit + 1), limit, (last) => last.id);
  return { ...page, userNames: await history.userNames(usersMentioned(page.items)) };
}

/**
 * The all-or-nothing part of a bulk owner change: every id must be visible (else 404 naming the
 * ids) and assignable to the new owner (else 403 naming them); then `apply` gets the records whose
 * owner actually changes. Returns how many changed.
 */
async function reassignAll<R extends { id: string; owner_id: string }>(
  actor: Actor,
  subject: 'Contact' | 'Company' | 'Deal',
  request: { ids: string[]; ownerId: string },
  visible: R[],
  apply: (changed: R[]) => Promise<void>,
): Promise<number> {
  const byId = new Map(visible.map((row) => [row.id, row]));
  const ids = [...new Set(request.ids)];
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new AppError(ErrorCode.NotFound, `Not found: ${missing.join(', ')}`, {
      errors: missing.map((id) => ({ field: `ids[${request.ids.indexOf(id)}]`, message: `${id} was not found` })),
    });
  }
  const refused = ids.filter((id) => {
    const row = byId.get(id)!;
    return !actor.ability.can('assign', asSubject(subject, { id, ownerId: row.owner_id }))
      || !actor.ability.can('update', asSubject(subject, { id, ownerId: request.ownerId }));
  });
  if (refused.length > 0) {
    throw new AppError(ErrorCode.Forbidden, `Your role does not allow giving these records to that user: ${refused.join(', ')}`, {
      errors: refused.map((id) => ({ field: `ids[${request.ids.indexOf(id)}]`, message: `${id} may not be given to that user` })),
    });
  }
  const changed = ids.map((id) => byId.get(id)!).filter((row) => row.owner_id !== request.ownerId);
  if (changed.length > 0) {
    await apply(changed);
  }
  return changed.length;
}
