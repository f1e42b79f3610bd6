import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QueryParts } from '../../common/database/query-parts';
import type { AppAbility } from '../permissions/ability';
import { ColumnMap, permissionFilter } from '../permissions/permission-filter';
import type { Action } from '../permissions/subjects';
import type { MergeEntitySpec } from './merge.entities';

/** A contact or company as merging sees it: a few typed columns and every column as JSON (search_text left out). */
export interface MergeRow {
  id: string;
  name: string;
  owner_id: string;
  owner_name: string;
  version: number;
  data: Record<string, unknown>;
}

export interface MergeCountsRow {
  id: string;
  links: number;
  activities: number;
  attachments: number;
  deals: number;
  tasks: number;
}

export interface MergePointRow {
  owner: string;
  kind: string;
  channel: string | null;
  value: string;
  label: string | null;
  is_primary: boolean;
}

export interface MovedCounts {
  points: number;
  links: number;
  activities: number;
  attachments: number;
}

/** Contacts and companies are both aliased `r`. */
const COLUMNS: ColumnMap = { ownerId: 'r.owner_id', id: 'r.id' };

/** `manager.query` answers UPDATE/DELETE with [rows, count] and INSERT/SELECT with rows. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/** SQL of merging duplicates: reads filtered by the caller's rules; writes in the caller's transaction. */
@Injectable()
export class MergeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The records if the ability allows `action` on them, in the order of `ids`; invisible ones are missing. */
  async findAllowed(ability: AppAbility, action: Action, spec: MergeEntitySpec, ids: string[], manager?: EntityManager): Promise<MergeRow[]> {
    const parts = new QueryParts()
      .where((p) => `r.id = ANY(${p}::uuid[])`, ids)
      .whereRaw((n) => permissionFilter(ability, action, spec.subject, COLUMNS, n));
    const rows: MergeRow[] = await (manager ?? this.dataSource).query(
      `SELECT r.id, r.name, r.owner_id, o.display_name AS owner_name, r.version, to_jsonb(r) - 'search_text' AS data
         FROM ${spec.table} r JOIN users o ON o.id = r.owner_id
        WHERE ${parts.sql}`,
      parts.params,
    );
    return ids.map((id) => rows.find((row) => row.id === id)).filter((row): row is MergeRow => row !== undefined);
  }

  /** Locks the rows in id order, so that two merges of overlapping records wait instead of deadlocking. */
  async lock(manager: EntityManager, spec: MergeEntitySpec, ids: string[]): Promise<void> {
    await manager.query(`SELECT id FROM ${spec.table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  async counts(spec: MergeEntitySpec, ids: string[]): Promise<MergeCountsRow[]> {
    const own = spec.ownColumn;
    return this.dataSource.query(
      `SELECT r.id,
              (SELECT count(*)::int FROM contact_companies x WHERE x.${own} = r.id) AS links,
              (SELECT count(*)::int FROM activities x WHERE x.${own} = r.id) AS activities,
              (SELECT count(*)::int FROM attachments x WHERE x.${own} = r.id) AS attachments,
              (SELECT count(*)::int FROM deals x WHERE x.${own} = r.id) AS deals,
              (SELECT count(*)::int FROM tasks x WHERE x.${own} = r.id) AS tasks
         FROM unnest($1::uuid[]) AS r(id)`,
      [ids],
    );
  }

  /** Contact points of the records, with primary e-mail/phone copies that have no point yet (as a merge would add them). */
  points(spec: MergeEntitySpec, ids: string[]): Promise<MergePointRow[]> {
    const own = spec.ownColumn;
    const copy = (kind: string, value: string): string => `
      SELECT r.id, '${kind}', NULL, ${value}, NULL, true, -1, r.created_at
        FROM ${spec.table} r
       WHERE r.id = ANY($1::uuid[]) AND ${value} IS NOT NULL AND ${value} <> ''
         AND NOT EXISTS (SELECT 1 FROM contact_points p WHERE p.${own} = r.id AND p.kind = '${kind}' AND p.value = ${value})`;
    return this.dataSource.query(
      `SELECT owner, kind, channel, value, label, is_primary FROM (
         SELECT ${own} AS owner, kind, channel, value, label, is_primary, position, created_at FROM contact_points WHERE ${own} = ANY($1::uuid[])
         UNION ALL ${copy('email', 'lower(r.email)')}
         UNION ALL ${copy('phone', `regexp_replace(r.phone, '[^0-9+]', '', 'g')`)}
       ) AS x(owner, kind, channel, value, label, is_primary, position, created_at)
       ORDER BY position, created_at`,
      [ids],
    );
  }

  /**
   * Rows written before contact points existed may hold their primary e-mail/phone only in the
   * record's own columns; they become points first so that the merge moves them like any other.
   */
  async pointsForPrimaryCopies(manager: EntityManager, spec: MergeEntitySpec, ids: string[]): Promise<void> {
    const own = spec.ownColumn;
    const missing = (kind: string, value: string): string => `
      SELECT r.id, '${kind}', ${value}, NOT EXISTS (SELECT 1 FROM contact_points p WHERE p.${own} = r.id AND p.kind = '${kind}' AND p.is_primary),
             (coalesce((SELECT min(p.position) FROM contact_points p WHERE p.${own} = r.id), 1) - 1)::smallint, r.created_by
        FROM ${spec.table} r
       WHERE r.id = ANY($1::uuid[]) AND ${value} IS NOT NULL AND ${value} <> ''
         AND NOT EXISTS (SELECT 1 FROM contact_points p WHERE p.${own} = r.id AND p.kind = '${kind}' AND p.value = ${value})`;
    await manager.query(
      `INSERT INTO contact_points (${own}, kind, value, is_primary, position, created_by)
       ${missing('email', 'lower(r.email)')} UNION ALL ${missing('phone', `regexp_replace(r.phone, '[^0-9+]', '', 'g')`)}`,
      [ids],
    );
  }

  /** Moves the merged records' contact points to the survivor; a kind + value the survivor has already stays once. */
  async movePoints(manager: EntityManager, spec: MergeEntitySpec, survivorId: string, mergedIds: string[]): Promise<number> {
    const own = spec.ownColumn;
    const moved = await manager.query(
      `WITH candidates AS (
         SELECT DISTINCT ON (p.kind, p.value) p.id, array_position($2::uuid[], p.${own}) AS source, p.position
           FROM contact_points p
          WHERE p.${own} = ANY($2::uuid[])
            AND NOT EXISTS (SELECT 1 FROM contact_points s WHERE s.${own} = $1 AND s.kind = p.kind AND s.value = p.value)
          ORDER BY p.kind, p.value, array_position($2::uuid[], p.${own}), p.position
       ), numbered AS (
         SELECT id, row_number() OVER (ORDER BY source, position) AS n FROM candidates
       )
       UPDATE contact_points p
          SET ${own} = $1, is_primary = false,
              position = ((SELECT coalesce(max(s.position), -1) FROM contact_points s WHERE s.${own} = $1) + numbered.n)::smallint
         FROM numbered WHERE p.id = numbered.id
       RETURNING p.id`,
      [survivorId, mergedIds],
    );
    return rowsOf(moved).length;
  }

  /** Makes the survivor's point with this value the primary one of its kind (when it has such a point). */
  async setPrimaryPoint(manager: EntityManager, spec: MergeEntitySpec, survivorId: string, kind: 'email' | 'phone', value: string): Promise<void> {
    const normalised = kind === 'email' ? 'lower($3)' : `regexp_replace($3, '[^0-9+]', '', 'g')`;
    await manager.query(
      `UPDATE contact_points SET is_primary = (value = ${normalised})
        WHERE ${spec.ownColumn} = $1 AND kind = $2
          AND EXISTS (SELECT 1 FROM contact_points s WHERE s.${spec.ownColumn} = $1 AND s.kind = $2 AND s.value = ${normalised})`,
      [survivorId, kind, value],
    );
  }

  /**
   * Moves contact-company links to the survivor without duplicates. A contact keeps one primary
   * company; a contact whose primary company was merged away gets the survivor as primary.
   * Returns the number of new links and the contacts whose links changed.
   */
  async moveLinks(manager: EntityManager, spec: MergeEntitySpec, survivorId: string, mergedIds: string[]): Promise<{ moved: number; contactIds: string[] }> {
    if (spec.entity === 'contact') {
      const inserted = rowsOf<{ company_id: string }>(await manager.query(
        `INSERT INTO contact_companies (contact_id, company_id, job_title, is_primary, created_at, created_by)
         SELECT DISTINCT ON (l.company_id) $1, l.company_id, l.job_title,
                l.is_primary AND NOT EXISTS (SELECT 1 FROM contact_companies s WHERE s.contact_id = $1 AND s.is_primary),
                l.created_at, l.created_by
           FROM contact_companies l
          WHERE l.contact_id = ANY($2::uuid[])
            AND NOT EXISTS (SELECT 1 FROM contact_companies s WHERE s.contact_id = $1 AND s.company_id = l.company_id)
          ORDER BY l.company_id, l.is_primary DESC, array_position($2::uuid[], l.contact_id)
         RETURNING company_id`,
        [survivorId, mergedIds],
      ));
      await manager.query(
        `UPDATE contact_companies SET is_primary = false
          WHERE contact_id = $1 AND is_primary
            AND company_id <> (SELECT company_id FROM contact_companies WHERE contact_id = $1 AND is_primary ORDER BY created_at, company_id LIMIT 1)`,
        [survivorId],
      );
      return { moved: inserted.length, contactIds: [] };
    }
    const links = rowsOf<{ contact_id: string; inserted: boolean }>(await manager.query(
      `INSERT INTO contact_companies (contact_id, company_id, job_title, is_primary, created_at, created_by)
       SELECT DISTINCT ON (l.contact_id) l.contact_id, $1, l.job_title, l.is_primary, l.created_at, l.created_by
         FROM contact_companies l
        WHERE l.company_id = ANY($2::uuid[])
        ORDER BY l.contact_id, l.is_primary DESC, array_position($2::uuid[], l.company_id)
       ON CONFLICT (contact_id, company_id) DO UPDATE SET is_primary = contact_companies.is_primary OR EXCLUDED.is_primary
       RETURNING contact_id, (xmax = 0) AS inserted`,
      [survivorId, mergedIds],
    ));
    return { moved: links.filter((link) => link.inserted).length, contactIds: links.map((link) => link.contact_id) };
  }

  /**
   * Re-points the activities, attachments, deals and tasks of the merged records to the survivor;
   * a merged contact's place among a meeting's participants goes to the survivor (once).
   */
  async moveRelated(
    manager: EntityManager,
    spec: MergeEntitySpec,
    survivorId: string,
    mergedIds: string[],
  ): Promise<{ activities: number; attachments: number; deals: number; tasks: number }> {
    const own = spec.ownColumn;
    const moved: Record<'activities' | 'attachments' | 'deals' | 'tasks', number> = { activities: 0, attachments: 0, deals: 0, tasks: 0 };
    for (const table of ['activities', 'deals', 'tasks'] as const) {
      const rows = await manager.query(
        `UPDATE ${table} SET ${own} = $1, updated_at = now(), version = version + 1 WHERE ${own} = ANY($2::uuid[]) RETURNING id`,
        [survivorId, mergedIds],
      );
      moved[table] = rowsOf(rows).length;
    }
    moved.attachments = rowsOf(await manager.query(`UPDATE attachments SET ${own} = $1 WHERE ${own} = ANY($2::uuid[]) RETURNING id`, [survivorId, mergedIds])).length;
    if (spec.entity === 'contact') {
      await manager.query(
        `UPDATE task_participants p SET contact_id = $1
          WHERE p.contact_id = ANY($2::uuid[])
            AND NOT EXISTS (SELECT 1 FROM task_participants s WHERE s.task_id = p.task_id AND s.contact_id = $1)
            AND p.id = (SELECT min(x.id::text)::uuid FROM task_participants x WHERE x.task_id = p.task_id AND x.contact_id = ANY($2::uuid[]))`,
        [survivorId, mergedIds],
      );
    }
    return moved;
  }

  /**
   * Writes `columns` (column name -> JSON value, converted by the table's own row type) onto the
   * survivor if its version still matches; returns the new version or undefined when stale.
   */
  async updateSurvivor(manager: EntityManager, spec: MergeEntitySpec, survivorId: string, version: number, columns: Record<string, unknown>): Promise<number | undefined> {
    const names = Object.keys(columns);
    const sets = [...names.map((column) => `${column} = src.${column}`), 'updated_at = now()', 'version = s.version + 1'];
    const updated = rowsOf<{ version: number }>(await manager.query(
      `UPDATE ${spec.table} s SET ${sets.join(', ')}
         FROM jsonb_populate_record(NULL::${spec.table}, $3::jsonb) src
        WHERE s.id = $1 AND s.version = $2
       RETURNING s.version`,
      [survivorId, version, JSON.stringify(columns)],
    ));
    return updated[0]?.version;
  }

  /** Deletes the merged rows (their remaining duplicate points and links go with them) and remembers where they went. */
  async deleteMerged(manager: EntityManager, spec: MergeEntitySpec, survivorId: string, mergedIds: string[], actorId: string): Promise<void> {
    await manager.query(`DELETE FROM ${spec.table} WHERE id = ANY($1::uuid[])`, [mergedIds]);
    await manager.query(`UPDATE merged_records SET survivor_id = $1 WHERE entity = $2 AND survivor_id = ANY($3::uuid[])`, [survivorId, spec.entity, mergedIds]);
    await manager.query(
      `INSERT INTO merged_records (merged_id, entity, survivor_id, merged_by) SELECT id, $2, $3, $4 FROM unnest($1::uuid[]) AS m(id)`,
      [mergedIds, spec.entity, survivorId, actorId],
    );
  }

  /** Rebuilds the folded search documents of the survivor and its deals (and, for a company, of its linked contacts). */
  async refreshSearch(manager: EntityManager, spec: MergeEntitySpec, survivorId: string, contactIds: string[]): Promise<void> {
    await manager.query(`UPDATE ${spec.table} SET search_text = ${spec.searchDocument}(id) WHERE id = $1`, [survivorId]);
    await manager.query(`UPDATE deals SET search_text = deal_search_document(id) WHERE ${spec.ownColumn} = $1`, [survivorId]);
    if (contactIds.length > 0) {
      await manager.query(`UPDATE contacts SET search_text = contact_search_document(id) WHERE id = ANY($1::uuid[])`, [contactIds]);
    }
  }

  /** Where a merged-away id went, if the caller may read the survivor. */
  async survivorOf(ability: AppAbility, spec: MergeEntitySpec, mergedId: string): Promise<string | undefined> {
    const parts = new QueryParts()
      .where((p) => `m.merged_id = ${p}`, mergedId)
      .where((p) => `m.entity = ${p}`, spec.entity)
      .whereRaw((n) => permissionFilter(ability, 'read', spec.subject, COLUMNS, n));
    const [row]: { survivor_id: string }[] = await this.dataSource.query(
      `SELECT m.survivor_id FROM merged_records m JOIN ${spec.table} r ON r.id = m.survivor_id WHERE ${parts.sql}`,
      parts.params,
    );
    return row?.survivor_id;
  }
}
