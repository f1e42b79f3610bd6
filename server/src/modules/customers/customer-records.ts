import type { CountryCode } from 'libphonenumber-js';
import { AppError, ErrorCode, FieldError, forbidden, validationError } from '../../common/errors/app-error';
import type { Actor } from '../auth/actor';
import { asSubject, permittedFields } from '../permissions/ability';
import type { Subject } from '../permissions/subjects';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { changeContextOf } from '../auth/actor';
import type { AppAbility } from '../permissions/ability';
import { ContactPoint, normalizeEmail, normalizePhone, normalizePoints, withPrimary } from './contact-points';
import type { AssignRequest, AssignResponse, ContactPointDto } from './dto/customer-parts.dto';
import { RECORD_TABLES, RecordEntity, requireActiveUser } from './record-access';

/** Fields every reader of a customer record sees; field limits apply to the others. */
const ALWAYS_VISIBLE = new Set(['id', 'ownerId', 'ownerName', 'createdAt', 'updatedAt', 'createdBy', 'version']);

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
  const readable = permittedFields(actor.ability, 'read', subject, record);
  if (readable) {
    for (const field of Object.keys(response) as (keyof T & string)[]) {
      if (!ALWAYS_VISIBLE.has(field) && !readable.has(field)) {
        delete response[field];
      }
    }
  }
  return response;
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
  const { subject, table } = RECORD_TABLES[entity];
  const rows = await records.lockAllowed(manager, actor.ability, 'read', request.ids);
  const assigned = await reassignAll(actor, subject as 'Contact' | 'Company', request, rows, async (changed) => {
    await records.reassign(manager, changed.map((r) => r.id), request.ownerId);
    for (const row of changed) {
      await audit.record(
        { action: `${entity}.assigned`, context: changeContextOf(actor), tableName: table, recordId: row.id, details: { from: row.owner_id, to: request.ownerId } },
        manager,
      );
    }
  });
  return { assigned };
}

/**
 * The all-or-nothing part of a bulk owner change: every id must be visible (else 404 naming the
 * ids) and assignable to the new owner (else 403 naming them); then `apply` gets the records whose
 * owner actually changes. Returns how many changed.
 */
async function reassignAll<R extends { id: string; owner_id: string }>(
  actor: Actor,
  subject: 'Contact' | 'Company',
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
