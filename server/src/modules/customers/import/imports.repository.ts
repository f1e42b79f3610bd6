import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager } from 'typeorm';
import type { AppAbility } from '../../permissions/ability';
import { permissionFilter } from '../../permissions/permission-filter';
import type { ImportFileType } from './import-files';
import type { ImportRecord, RowError } from './import-rows';
import type { CustomFieldDefinition, ImportEntity } from './import-targets';

export type ImportStatus = 'uploaded' | 'running' | 'done' | 'failed';
export type DuplicateHandling = 'skip' | 'update' | 'create';

export interface ImportRow {
  id: string;
  entity: ImportEntity;
  status: ImportStatus;
  file_name: string;
  file_type: ImportFileType;
  storage_key: string;
  headers: string[];
  mapping: Record<string, string> | null;
  options: { duplicates: DuplicateHandling; ownerId?: string } | null;
  total_rows: number;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  skipped_count: number;
  failed_count: number;
  errors: RowError[];
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** When the uploaded file was removed (CRM_IMPORT_FILE_DAYS); null while it is kept. */
  file_removed_at: Date | null;
}

export interface MergeCounts {
  created: number;
  updated: number;
  skipped: number;
  /** Rows the database side refused (a duplicate the importer may not change, an unknown company). */
  errors: RowError[];
  /** Per staged row: what happened to it (for the preview). */
  actions: Map<number, 'create' | 'update' | 'skip' | 'error'>;
}

export interface StageUser {
  id: string;
  login: string;
  email: string | null;
}

/** The table each entity's rows go to and the column contact points use to point at it. */
const TABLES = {
  contact: { table: 'contacts', pointColumn: 'contact_id', subject: 'Contact', searchDocument: 'contact_search_document', label: 'contact' },
  company: { table: 'companies', pointColumn: 'company_id', subject: 'Company', searchDocument: 'company_search_document', label: 'company' },
} as const;

const RECORD_COLUMNS = 'c.owner_id';

/** A failed import: nothing applied, every row counted as failed, `$2` the errors. */
const FAILED = `status = 'failed', created_count = 0, updated_count = 0, skipped_count = 0, failed_count = total_rows, errors = $2, finished_at = now()`;

const failure = (message: string): string => JSON.stringify([{ row: 0, field: 'file', message }]);

/** The arguments of the advisory lock of a running import, whose id is `id`. */
const runLock = (id: string): string => `hashtext('crm:import'), hashtext(${id}::text)`;

/** Loads of this many rows refresh the tables' planner statistics. */
const ANALYZE_AFTER_ROWS = 1_000;

/**
 * The contact points of a staged row in the order and form the search documents
 * (contact_search_document, company_search_document) read them from contact_points: e-mails,
 * phones with their bare digits, messengers, web sites. New records get their document with the
 * insert instead of a second write of every row; import.spec checks it equals the function's.
 */
const STAGED_POINTS = `nullif(array_to_string(
  s.emails
  || ARRAY(SELECT p || ' ' || regexp_replace(p, '\\D', '', 'g') FROM unnest(s.phones) WITH ORDINALITY AS t(p, o) ORDER BY o)
  || ARRAY(SELECT m ->> 'value' FROM jsonb_array_elements(s.messengers) WITH ORDINALITY AS t(m, o) ORDER BY o)
  || s.webs, ' '), '')`;

/** The record a staged row writes: the new one it creates (its id drawn at staging) or the one it updates. */
const RECORD_ID = `CASE s.action WHEN 'create' THEN s.new_id ELSE s.target_id END`;

const STAGE_COLUMNS = [
  'row_no', 'name', 'emails', 'phones', 'messengers', 'webs', 'tags', 'source', 'lifecycle', 'company', 'job_title', 'address',
  'owner_id', 'owner_given', 'custom', 'tax_id', 'legal_form', 'industry', 'size', 'website',
];

/** Imports: the job rows, and the set-based load of a file's rows through a staging table. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(row: Pick<ImportRow, 'id' | 'entity' | 'file_name' | 'file_type' | 'storage_key' | 'headers' | 'total_rows' | 'created_by'>): Promise<ImportRow> {
    const [inserted] = await this.dataSource.query(
      `INSERT INTO imports (id, entity, file_name, file_type, storage_key, headers, total_rows, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [row.id, row.entity, row.file_name, row.file_type, row.storage_key, JSON.stringify(row.headers), row.total_rows, row.created_by],
    );
    return inserted;
  }

  /** The import if the caller uploaded it or may see everyone's (`all`); otherwise undefined. */
  async findVisible(id: string, userId: string, all: boolean): Promise<ImportRow | undefined> {
    const [row]: ImportRow[] = await this.dataSource.query(`SELECT * FROM imports WHERE id = $1 AND ($2 OR created_by = $3)`, [id, all, userId]);
    return row;
  }

  /** Moves an uploaded import to running; false when it already ran or runs. */
  async claim(id: string, mapping: Record<string, string>, options: object): Promise<boolean> {
    // An UPDATE answers [rows, affected count].
    const [rows] = await this.dataSource.query(
      `UPDATE imports SET status = 'running', mapping = $2, options = $3, started_at = now(), processed_rows = 0 WHERE id = $1 AND status = 'uploaded' RETURNING id`,
      [id, JSON.stringify(mapping), JSON.stringify(options)],
    );
    return rows.length > 0;
  }

  /** Progress, from outside the loading transaction so that pollers see it. */
  async progress(id: string, processedRows: number): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET processed_rows = $2 WHERE id = $1 AND status = 'running'`, [id, processedRows]);
  }

  async finish(manager: EntityManager, id: string, result: { total: number; created: number; updated: number; skipped: number; errors: RowError[] }): Promise<void> {
    await manager.query(
      `UPDATE imports SET status = 'done', processed_rows = $2, created_count = $3, updated_count = $4, skipped_count = $5,
              failed_count = $6, errors = $7, finished_at = now() WHERE id = $1`,
      [id, result.total, result.created, result.updated, result.skipped, countRows(result.errors), JSON.stringify(result.errors)],
    );
  }

  /** Nothing was applied: the job failed as a whole with `message`. */
  async fail(id: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET ${FAILED} WHERE id = $1`, [id, failure(message)]);
  }

  /**
   * Marks the import as run by `manager`'s transaction until it ends (an advisory lock): while it
   * is held, `failAbandoned` leaves the import alone.
   */
  async holdRun(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${runLock('$1')})`, [id]);
  }

  /**
   * Fails the running imports (all, or the one with this id) that no transaction runs any more:
   * the server running them stopped, its transaction was rolled back, and nothing of them was
   * applied. A run holds its lock from a moment after it is claimed, so only imports started over
   * a minute ago are taken. Returns the imports it failed, as they are now.
   */
  async failAbandoned(message: string, id?: string): Promise<ImportRow[]> {
    const [rows]: [ImportRow[], number] = await this.dataSource.query(
      `UPDATE imports SET ${FAILED}
        WHERE status = 'running' AND started_at < now() - interval '1 minute' AND ($1::uuid IS NULL OR id = $1)
          AND pg_try_advisory_xact_lock(${runLock('imports.id')})
        RETURNING *`,
      [id ?? null, failure(message)],
    );
    return rows;
  }

  /** Imports uploaded over `days` days ago whose file is still kept, oldest first; a running one keeps its file. */
  filesPastRetention(days: number, limit: number): Promise<Pick<ImportRow, 'id' | 'file_name' | 'storage_key' | 'created_at'>[]> {
    return this.dataSource.query(
      `SELECT id, file_name, storage_key, created_at FROM imports
        WHERE file_removed_at IS NULL AND created_at < now() - make_interval(days => $1) AND status <> 'running'
        ORDER BY created_at LIMIT $2`,
      [days, limit],
    );
  }

  async markFileRemoved(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE imports SET file_removed_at = now() WHERE id = $1 AND file_removed_at IS NULL`, [id]);
  }

  activeCustomFields(entity: ImportEntity, manager?: EntityManager): Promise<CustomFieldDefinition[]> {
    return (manager ?? this.dataSource).query(
      `SELECT key, type, required, labels, options FROM custom_field_definitions WHERE entity = $1 AND active ORDER BY position, key`,
      [entity],
    );
  }

  activeUsers(): Promise<StageUser[]> {
    return this.dataSource.query(`SELECT id, login, email FROM users WHERE active`);
  }

  /** Creates the transaction's staging table. */
  async createStage(manager: EntityManager): Promise<void> {
    await manager.query(`
      CREATE TEMP TABLE import_stage (
        row_no integer NOT NULL, name text NOT NULL, emails text[] NOT NULL, phones text[] NOT NULL, messengers jsonb NOT NULL,
        webs text[] NOT NULL, tags text[], source text, lifecycle text, company text, job_title text, address jsonb,
        owner_id uuid NOT NULL, owner_given boolean NOT NULL, custom jsonb, tax_id text, legal_form text, industry text,
        size text, website text,
        new_id uuid NOT NULL DEFAULT gen_random_uuid(),
        dup_of integer, target_id uuid, match_field text, company_id uuid, company_name text,
        action text, error_field text, error_message text
      ) ON COMMIT DROP`);
  }

  /** COPYs the records into the staging table of `manager`'s transaction. */
  async stage(manager: EntityManager, records: ImportRecord[]): Promise<void> {
    const client = (await manager.queryRunner!.connect()) as PoolClient;
    await pipeline(Readable.from(csvLines(records)), client.query(copyFrom(`COPY import_stage (${STAGE_COLUMNS.join(', ')}) FROM STDIN (FORMAT csv)`)));
    await manager.query(`CREATE INDEX ON import_stage (row_no)`);
    // Statistics of the columns the joins use; the arrays and jsonb would cost more to analyse than they help.
    await manager.query(`ANALYZE import_stage (row_no)`);
  }

  /**
   * Finds duplicates within the staged rows and in the database and decides what happens to each
   * row: create, update, skip, or error (a duplicate the importer may not change).
   */
  async decide(manager: EntityManager, entity: ImportEntity, ability: AppAbility, duplicates: DuplicateHandling): Promise<void> {
    const { table, pointColumn, subject, label } = TABLES[entity];
    await manager.query(`
      CREATE TEMP TABLE import_keys ON COMMIT DROP AS
        SELECT row_no, 'email'::text AS kind, value, 1 AS prio FROM import_stage, unnest(emails) AS value
        UNION ALL SELECT row_no, 'phone', value, 2 FROM import_stage, unnest(phones) AS value
        UNION ALL SELECT row_no, 'tax_id', tax_id, 0 FROM import_stage WHERE tax_id IS NOT NULL AND ${entity === 'company'}`);
    await manager.query(`CREATE INDEX ON import_keys (kind, value)`);
    await manager.query(`ANALYZE import_keys`);
    // A later row sharing an e-mail, phone or tax id with an earlier row duplicates it.
    await manager.query(`
      UPDATE import_stage s SET dup_of = d.first_row
        FROM (SELECT k.row_no, min(f.first_row) AS first_row
                FROM import_keys k
                JOIN (SELECT kind, value, min(row_no) AS first_row FROM import_keys GROUP BY kind, value) f USING (kind, value)
               WHERE f.first_row < k.row_no GROUP BY k.row_no) d
       WHERE s.row_no = d.row_no`);
    await manager.query(`
      UPDATE import_stage s SET target_id = m.id, match_field = m.field
        FROM (SELECT DISTINCT ON (row_no) row_no, id, field FROM (
                SELECT k.row_no, k.prio, p.${pointColumn} AS id, k.kind AS field
                  FROM import_keys k JOIN contact_points p ON p.kind = k.kind AND p.value = k.value AND p.${pointColumn} IS NOT NULL
                UNION ALL
                SELECT k.row_no, k.prio, co.id, 'taxId' FROM import_keys k JOIN companies co ON co.tax_id = k.value
                 WHERE k.kind = 'tax_id') found
              ORDER BY row_no, prio, id) m
       WHERE s.row_no = m.row_no`);
    const action = {
      create: `'create'`,
      skip: `CASE WHEN target_id IS NOT NULL OR dup_of IS NOT NULL THEN 'skip' ELSE 'create' END`,
      update: `CASE WHEN dup_of IS NOT NULL THEN 'skip' WHEN target_id IS NOT NULL THEN 'update' ELSE 'create' END`,
    }[duplicates];
    await manager.query(`UPDATE import_stage SET action = ${action}`);
    if (duplicates !== 'update') {
      return;
    }
    // Two rows matching one record by different values: the first one updates it.
    await manager.query(`
      UPDATE import_stage s SET action = 'skip'
       WHERE action = 'update' AND EXISTS (SELECT 1 FROM import_stage o WHERE o.target_id = s.target_id AND o.action = 'update' AND o.row_no < s.row_no)`);
    const canUpdate = permissionFilter(ability, 'update', subject, { ownerId: RECORD_COLUMNS }, 1);
    await manager.query(
      `UPDATE import_stage s SET action = 'error', error_field = s.match_field,
              error_message = 'matches a ${label} your role does not allow changing'
         FROM ${table} c WHERE c.id = s.target_id AND s.action = 'update' AND NOT (${canUpdate.sql})`,
      canUpdate.params,
    );
    const canAssign = permissionFilter(ability, 'assign', subject, { ownerId: RECORD_COLUMNS }, 1);
    await manager.query(
      `UPDATE import_stage s SET action = 'error', error_field = 'owner',
              error_message = 'your role does not allow giving this ${label} to another user'
         FROM ${table} c WHERE c.id = s.target_id AND s.action = 'update' AND s.owner_given AND s.owner_id <> c.owner_id AND NOT (${canAssign.sql})`,
      canAssign.params,
    );
  }

  /**
   * Links contacts to the company they name: a company the importer can see with that name
   * (letters folded), otherwise a new one when `mayCreate`; otherwise the row is an error.
   * Returns the ids of the companies it created.
   */
  async resolveCompanies(manager: EntityManager, ability: AppAbility, mayCreate: boolean, actorId: string): Promise<string[]> {
    await manager.query(`
      CREATE TEMP TABLE import_companies ON COMMIT DROP AS
        SELECT crm_fold(company) AS key, min(row_no) AS first_row, NULL::uuid AS id, NULL::text AS name, false AS created
          FROM import_stage WHERE company IS NOT NULL AND action IN ('create', 'update') GROUP BY 1`);
    // Fresh statistics, so the joins below hash instead of comparing every row with every company.
    await manager.query(`ANALYZE import_companies`);
    await manager.query(`ANALYZE import_stage (row_no, action, company)`);
    const canRead = permissionFilter(ability, 'read', 'Company', { ownerId: 'co.owner_id' }, 1);
    await manager.query(
      `UPDATE import_companies n SET id = m.id, name = m.name
         FROM (SELECT DISTINCT ON (crm_fold(co.name)) crm_fold(co.name) AS key, co.id, co.name FROM companies co
                WHERE crm_fold(co.name) IN (SELECT key FROM import_companies) AND ${canRead.sql}
                ORDER BY crm_fold(co.name), co.created_at, co.id) m
        WHERE n.key = m.key`,
      canRead.params,
    );
    let created: string[] = [];
    if (mayCreate) {
      // A new company per name, owned by the owner of its first row.
      await manager.query(`UPDATE import_companies n SET id = gen_random_uuid(), name = s.company, created = true FROM import_stage s WHERE n.id IS NULL AND s.row_no = n.first_row`);
      // A company with only a name: its search document (company_search_document) is its folded name.
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO companies (id, name, owner_id, created_by, search_text)
         SELECT n.id, n.name, s.owner_id, $1, crm_fold(n.name) FROM import_companies n JOIN import_stage s ON s.row_no = n.first_row WHERE n.created
         RETURNING id`,
        [actorId],
      );
      created = rows.map((r) => r.id);
    } else {
      await manager.query(`
        UPDATE import_stage s SET action = 'error', error_field = 'company', error_message = 'no such company, and your role does not allow creating companies'
          FROM import_companies n WHERE s.company IS NOT NULL AND crm_fold(s.company) = n.key AND n.id IS NULL AND s.action IN ('create', 'update')`);
    }
    await manager.query(
      `UPDATE import_stage s SET company_id = n.id, company_name = n.name FROM import_companies n
        WHERE s.company IS NOT NULL AND crm_fold(s.company) = n.key AND n.id IS NOT NULL AND s.action IN ('create', 'update')`,
    );
    return created;
  }

  /** What `decide` settled for every row, and the rows it refused. */
  async outcome(manager: EntityManager): Promise<MergeCounts> {
    const rows: { row_no: number; action: 'create' | 'update' | 'skip' | 'error'; error_field: string | null; error_message: string | null }[] = await manager.query(
      `SELECT row_no, action, error_field, error_message FROM import_stage ORDER BY row_no`,
    );
    const counts: MergeCounts = { created: 0, updated: 0, skipped: 0, errors: [], actions: new Map() };
    for (const row of rows) {
      counts.actions.set(row.row_no, row.action);
      if (row.action === 'create') {
        counts.created++;
      } else if (row.action === 'update') {
        counts.updated++;
      } else if (row.action === 'skip') {
        counts.skipped++;
      } else {
        counts.errors.push({ row: row.row_no, field: row.error_field ?? '', message: row.error_message ?? '' });
      }
    }
    return counts;
  }

  /** Applies the decided creates and updates set-based, then rebuilds their search documents. */
  async apply(manager: EntityManager, entity: ImportEntity, actorId: string): Promise<void> {
    const { table, pointColumn, searchDocument } = TABLES[entity];
    const addresses = `CASE WHEN s.address IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(s.address) END`;
    if (entity === 'contact') {
      await manager.query(
        `INSERT INTO contacts (id, name, email, phone, owner_id, custom, addresses, tags, source, lifecycle, created_by, search_text)
         SELECT s.new_id, s.name, s.emails[1], s.phones[1], s.owner_id, coalesce(s.custom, '{}'), ${addresses},
                coalesce(s.tags, '{}'), s.source, coalesce(s.lifecycle, 'lead'), $1,
                crm_fold(concat_ws(' ', s.name, s.emails[1], s.phones[1], regexp_replace(s.phones[1], '\\D', '', 'g'), ${STAGED_POINTS}, s.company_name))
           FROM import_stage s WHERE s.action = 'create' ORDER BY s.row_no`,
        [actorId],
      );
    } else {
      await manager.query(
        `INSERT INTO companies (id, name, legal_form, tax_id, industry, size, website, email, phone, owner_id, custom, addresses, tags, source, lifecycle, created_by, search_text)
         SELECT s.new_id, s.name, s.legal_form, s.tax_id, s.industry, s.size, s.website, s.emails[1], s.phones[1], s.owner_id,
                coalesce(s.custom, '{}'), ${addresses}, coalesce(s.tags, '{}'), s.source, coalesce(s.lifecycle, 'lead'), $1,
                crm_fold(concat_ws(' ', s.name, s.tax_id, s.website, s.emails[1], s.phones[1], regexp_replace(s.phones[1], '\\D', '', 'g'), ${STAGED_POINTS}))
           FROM import_stage s WHERE s.action = 'create' ORDER BY s.row_no`,
        [actorId],
      );
    }
    const companyFields = entity === 'company'
      ? `legal_form = coalesce(s.legal_form, c.legal_form), tax_id = coalesce(s.tax_id, c.tax_id), industry = coalesce(s.industry, c.industry),
         size = coalesce(s.size, c.size), website = coalesce(s.website, c.website),`
      : '';
    await manager.query(`
      UPDATE ${table} c SET
        name = s.name, ${companyFields}
        email = coalesce(c.email, s.emails[1]), phone = coalesce(c.phone, s.phones[1]),
        tags = coalesce(s.tags, c.tags), source = coalesce(s.source, c.source), lifecycle = coalesce(s.lifecycle, c.lifecycle),
        addresses = CASE WHEN s.address IS NULL THEN c.addresses ELSE jsonb_build_array(s.address) || (c.addresses - 0) END,
        custom = c.custom || coalesce(s.custom, '{}'),
        owner_id = CASE WHEN s.owner_given THEN s.owner_id ELSE c.owner_id END,
        version = c.version + 1, updated_at = now()
      FROM import_stage s WHERE s.action = 'update' AND c.id = s.target_id`);
    // Contact points: e-mails, phones, messengers, web sites, in file order; the first of a kind is primary.
    // ord: the point's place among the row's points (0-based), so new records need no sort for their positions.
    const points = `
      SELECT ${RECORD_ID} AS target_id, s.action, v.kind, v.channel, v.value, v.ord, v.nth
        FROM import_stage s CROSS JOIN LATERAL (
          SELECT 'email' AS kind, NULL AS channel, e AS value, o - 1 AS ord, o AS nth FROM unnest(s.emails) WITH ORDINALITY AS t(e, o)
          UNION ALL SELECT 'phone', NULL, p, cardinality(s.emails) + o - 1, o FROM unnest(s.phones) WITH ORDINALITY AS t(p, o)
          UNION ALL SELECT 'messenger', m ->> 'channel', m ->> 'value', cardinality(s.emails) + cardinality(s.phones) + o - 1, o
                      FROM jsonb_array_elements(s.messengers) WITH ORDINALITY AS t(m, o)
          UNION ALL SELECT 'web', NULL, w, cardinality(s.emails) + cardinality(s.phones) + jsonb_array_length(s.messengers) + o - 1, o
                      FROM unnest(s.webs) WITH ORDINALITY AS t(w, o)) v
       WHERE s.action IN ('create', 'update')`;
    await manager.query(
      `INSERT INTO contact_points (${pointColumn}, kind, channel, value, is_primary, position, created_by)
       SELECT target_id, kind, channel, value, nth = 1, ord::smallint, $1 FROM (${points}) p WHERE action = 'create'`,
      [actorId],
    );
    await manager.query(
      `INSERT INTO contact_points (${pointColumn}, kind, channel, value, is_primary, position, created_by)
       SELECT p.target_id, p.kind, p.channel, p.value,
              p.nth = 1 AND NOT EXISTS (SELECT 1 FROM contact_points x WHERE x.${pointColumn} = p.target_id AND x.kind = p.kind),
              (coalesce((SELECT max(x.position) + 1 FROM contact_points x WHERE x.${pointColumn} = p.target_id), 0)
                 + row_number() OVER (PARTITION BY p.target_id ORDER BY p.ord) - 1)::smallint, $1
         FROM (${points}) p
        WHERE p.action = 'update'
          AND NOT EXISTS (SELECT 1 FROM contact_points x WHERE x.${pointColumn} = p.target_id AND x.kind = p.kind AND x.value = p.value)`,
      [actorId],
    );
    if (entity === 'contact') {
      await manager.query(
        `INSERT INTO contact_companies (contact_id, company_id, job_title, is_primary, created_by)
         SELECT s.new_id, s.company_id, s.job_title, true, $1 FROM import_stage s WHERE s.action = 'create' AND s.company_id IS NOT NULL`,
        [actorId],
      );
      await manager.query(
        `INSERT INTO contact_companies (contact_id, company_id, job_title, is_primary, created_by)
         SELECT s.target_id, s.company_id, s.job_title,
                NOT EXISTS (SELECT 1 FROM contact_companies l WHERE l.contact_id = s.target_id AND l.is_primary), $1
           FROM import_stage s WHERE s.action = 'update' AND s.company_id IS NOT NULL
         ON CONFLICT (contact_id, company_id) DO UPDATE SET job_title = coalesce(EXCLUDED.job_title, contact_companies.job_title)`,
        [actorId],
      );
    }
    // New records got their search document with the insert; changed ones are rebuilt from the database.
    await manager.query(
      `UPDATE ${table} c SET search_text = ${searchDocument}(c.id) FROM import_stage s WHERE s.action = 'update' AND c.id = s.target_id`,
    );
    // After a large load the planner's statistics are stale until autovacuum gets to the tables,
    // and lists and exports over the new rows would pick plans made for the old sizes.
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM import_stage WHERE action IN ('create', 'update')`);
    if (n >= ANALYZE_AFTER_ROWS) {
      await manager.query(`ANALYZE ${table}, contact_points${entity === 'contact' ? ', contact_companies, companies' : ''}`);
    }
  }
}

const countRows = (errors: RowError[]): number => new Set(errors.map((e) => e.row)).size;

/** One CSV line per record in the column order of STAGE_COLUMNS. */
function* csvLines(records: ImportRecord[]): Generator<string> {
  let chunk = '';
  for (const r of records) {
    chunk += [
      String(r.row), csv(r.name), csv(pgArray(r.emails)), csv(pgArray(r.phones)), csv(JSON.stringify(r.messengers)), csv(pgArray(r.webs)),
      r.tags === null ? '' : csv(pgArray(r.tags)), csv(r.source), csv(r.lifecycle), csv(r.company), csv(r.jobTitle),
      r.address === null ? '' : csv(JSON.stringify(r.address)), r.ownerId, r.ownerGiven ? 't' : 'f',
      r.custom === null ? '' : csv(JSON.stringify(r.custom)), csv(r.taxId), csv(r.legalForm), csv(r.industry), csv(r.size), csv(r.website),
    ].join(',') + '\n';
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') {
    yield chunk;
  }
}

/** A CSV field for COPY: empty for NULL, quoted otherwise (so an empty string stays a string). */
const csv = (value: string | null): string => (value === null ? '' : `"${value.replace(/"/g, '""')}"`);

const pgArray = (values: string[]): string => `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
