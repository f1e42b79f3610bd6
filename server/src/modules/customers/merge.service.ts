import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { forbidden, notFound, validationError } from '../../common/errors/app-error';
import { staleVersion } from '../../common/http/versioning';
import { AuditService } from '../audit/audit.service';
import { Actor, changeContextOf } from '../auth/actor';
import { asSubject, permittedFields } from '../permissions/ability';
import { MergePreview, MergeRequest, MergeResponse } from './dto/merge.dto';
import { MERGE_ENTITIES, MergeEntity, MergeEntitySpec } from './merge.entities';
import { MergeRepository, MergeRow } from './merge.repository';

const WHAT: Record<MergeEntity, string> = { contact: 'The contact', company: 'The company' };

/** Merging duplicate contacts or companies into one survivor, and finding where merged ids went. */
@Injectable()
export class MergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly merges: MergeRepository,
    private readonly audit: AuditService,
  ) {}

  /** The records side by side with what each would bring along; all must be readable. */
  async preview(actor: Actor, entity: MergeEntity, survivorId: string, otherIds: string[]): Promise<MergePreview> {
    const spec = MERGE_ENTITIES[entity];
    if (otherIds.includes(survivorId)) {
      throw validationError([{ field: 'with', message: 'must not contain the record itself' }]);
    }
    const ids = [survivorId, ...otherIds];
    const rows = await this.merges.findAllowed(actor.ability, 'read', spec, ids);
    if (rows.length !== ids.length) {
      throw notFound(WHAT[entity]);
    }
    const [counts, points] = await Promise.all([this.merges.counts(spec, ids), this.merges.points(spec, ids)]);
    return {
      fields: spec.fields.map((field) => field.name),
      records: rows.map((row) => {
        const readable = permittedFields(actor.ability, 'read', spec.subject, recordOf(row));
        const canRead = (field: string): boolean => !readable || readable.has(field);
        const count = counts.find((c) => c.id === row.id)!;
        return {
          id: row.id,
          name: row.name,
          ownerName: row.owner_name,
          version: row.version,
          values: Object.fromEntries(spec.fields.filter((field) => canRead(field.name)).map((field) => [field.name, row.data[field.columns[0]] ?? null])),
          tags: canRead('tags') ? ((row.data.tags as string[] | undefined) ?? []) : [],
          points: points
            .filter((point) => point.owner === row.id && (!['email', 'phone'].includes(point.kind) || canRead(point.kind)))
            .map((point) => ({ kind: point.kind, channel: point.channel, value: point.value, label: point.label, isPrimary: point.is_primary })),
          counts: { points: points.filter((point) => point.owner === row.id).length, links: count.links, activities: count.activities, attachments: count.attachments, deals: count.deals, tasks: count.tasks },
        };
      }),
    };
  }

  async merge(actor: Actor, entity: MergeEntity, survivorId: string, version: number, request: Omit<MergeRequest, 'version'>): Promise<MergeResponse> {
    const spec = MERGE_ENTITIES[entity];
    const mergedIds = request.mergedIds;
    if (mergedIds.includes(survivorId)) {
      throw validationError([{ field: 'mergedIds', message: 'must not contain the survivor' }]);
    }
    const choices = checkedChoices(spec, request.fields ?? {}, [survivorId, ...mergedIds]);

    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      await this.merges.lock(manager, spec, [survivorId, ...mergedIds]);
      const [survivor] = await this.merges.findAllowed(actor.ability, 'read', spec, [survivorId], manager);
      const merged = await this.merges.findAllowed(actor.ability, 'read', spec, mergedIds, manager);
      if (!survivor || merged.length !== mergedIds.length) {
        throw notFound(WHAT[entity]);
      }
      if (!actor.ability.can('update', asSubject(spec.subject, recordOf(survivor)))) {
        throw forbidden(`Your role does not allow changing this ${entity}`);
      }
      if (merged.some((row) => !actor.ability.can('delete', asSubject(spec.subject, recordOf(row))))) {
        throw forbidden(`Your role does not allow deleting every ${entity} merged into this one`);
      }
      if (survivor.version !== version) {
        throw staleVersion();
      }

      const { columns, changedFields } = chosenColumns(spec, survivor, merged, choices);
      this.checkChanges(actor, spec, survivor, columns, changedFields);
      columns.tags = unionTags([survivor, ...merged]);
      columns.custom = filledCustom(survivor, merged);

      await this.merges.pointsForPrimaryCopies(manager, spec, [survivorId, ...mergedIds]);
      const points = await this.merges.movePoints(manager, spec, survivorId, mergedIds);
      const links = await this.merges.moveLinks(manager, spec, survivorId, mergedIds);
      const related = await this.merges.moveRelated(manager, spec, survivorId, mergedIds);
      const newVersion = await this.merges.updateSurvivor(manager, spec, survivorId, version, columns);
      if (newVersion === undefined) {
        throw staleVersion();
      }
      for (const kind of ['email', 'phone'] as const) {
        const value = columns[kind] ?? survivor.data[kind];
        if (typeof value === 'string' && value !== '') {
          await this.merges.setPrimaryPoint(manager, spec, survivorId, kind, value);
        }
      }
      await this.merges.deleteMerged(manager, spec, survivorId, mergedIds, actor.id);
      await this.merges.refreshSearch(manager, spec, survivorId, links.contactIds);
      const moved = { points, links: links.moved, ...related };
      await this.audit.record(
        {
          action: spec.auditAction,
          context: changeContextOf(actor),
          tableName: spec.table,
          recordId: survivorId,
          details: { survivorId, mergedIds, fields: Object.fromEntries(choices), moved },
        },
        manager,
      );
      return { survivorId, mergedIds, version: newVersion, moved };
    });
  }

  /** Where a merged-away record went, when the caller may read the survivor. */
  resolveMerged(actor: Actor, entity: MergeEntity, id: string): Promise<string | undefined> {
    return this.merges.survivorOf(actor.ability, MERGE_ENTITIES[entity], id);
  }

  private checkChanges(actor: Actor, spec: MergeEntitySpec, survivor: MergeRow, columns: Record<string, unknown>, changedFields: string[]): void {
    const current = recordOf(survivor);
    const writable = permittedFields(actor.ability, 'update', spec.subject, current);
    const refused = writable ? changedFields.filter((field) => !writable.has(field)) : [];
    if (refused.length > 0) {
      throw forbidden(`Your role does not allow setting: ${refused.join(', ')}`);
    }
    const ownerId = columns.owner_id;
    if (typeof ownerId === 'string' && ownerId !== survivor.owner_id) {
      const changed = { ...current, ownerId };
      if (!actor.ability.can('assign', asSubject(spec.subject, current)) || !actor.ability.can('update', asSubject(spec.subject, changed))) {
        throw forbidden(`Your role does not allow giving this ${spec.entity} to that user`);
      }
    }
  }
}

/** The record as the permission rules see it. */
function recordOf(row: MergeRow): Record<string, unknown> {
  return { id: row.id, name: row.name, ownerId: row.owner_id, email: row.data.email, phone: row.data.phone, custom: row.data.custom };
}

/** Field choices checked against the entity's fields and the records of this merge. */
function checkedChoices(spec: MergeEntitySpec, fields: Record<string, string>, ids: string[]): Map<string, string> {
  const errors = Object.entries(fields).flatMap(([field, id]) => {
    if (!spec.fields.some((f) => f.name === field)) {
      return [{ field: `fields.${field}`, message: `is not a field that can be chosen (${spec.fields.map((f) => f.name).join(', ')})` }];
    }
    return typeof id === 'string' && ids.includes(id) ? [] : [{ field: `fields.${field}`, message: 'must be the id of the survivor or of a merged record' }];
  });
  if (errors.length > 0) {
    throw validationError(errors);
  }
  return new Map(Object.entries(fields));
}

const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The columns to write onto the survivor: each field from the chosen record; without a choice
 * the survivor keeps its value, or takes the first merged record's when it has none.
 */
function chosenColumns(spec: MergeEntitySpec, survivor: MergeRow, merged: MergeRow[], choices: Map<string, string>): { columns: Record<string, unknown>; changedFields: string[] } {
  const columns: Record<string, unknown> = {};
  const changedFields: string[] = [];
  for (const field of spec.fields) {
    const chosenId = choices.get(field.name);
    const source = chosenId
      ? [survivor, ...merged].find((row) => row.id === chosenId)!
      : isEmpty(survivor.data[field.columns[0]]) ? merged.find((row) => !isEmpty(row.data[field.columns[0]])) : undefined;
    if (!source || source.id === survivor.id) {
      continue;
    }
    if (field.columns.some((column) => JSON.stringify(source.data[column]) !== JSON.stringify(survivor.data[column]))) {
      changedFields.push(field.name);
      for (const column of field.columns) {
        columns[column] = source.data[column];
      }
    }
  }
  return { columns, changedFields };
}

/** The survivor's tags, then the merged records' new ones, each once. */
function unionTags(rows: MergeRow[]): string[] {
  return [...new Set(rows.flatMap((row) => (row.data.tags as string[] | undefined) ?? []))];
}

/** The survivor's custom values, with the empty ones filled from the merged records (first one wins). */
function filledCustom(survivor: MergeRow, merged: MergeRow[]): Record<string, unknown> {
  const custom: Record<string, unknown> = { ...((survivor.data.custom as Record<string, unknown> | undefined) ?? {}) };
  for (const row of merged) {
    for (const [key, value] of Object.entries((row.data.custom as Record<string, unknown> | undefined) ?? {})) {
      if (isEmpty(custom[key]) && !isEmpty(value)) {
        custom[key] = value;
      }
    }
  }
  return custom;
}
