import { MigrationInterface, QueryRunner } from 'typeorm';

/** Columns an UPDATE may change without an event; `search_text` is never part of a diff. */
const IGNORED_ON_UPDATE = `'updated_at', 'version', 'last_login_at', 'last_contacted_at'`;

/**
 * The audit capture of migration 11 (`audit.capture`), once per statement instead of once per
 * row: it reads the statement's transition tables and writes the same events, one per row, with
 * one `INSERT … SELECT`. Same action, table, record id (TG_ARGV[0], key columns), changed fields
 * with old and new values (TG_ARGV[1], redacted columns), actor, IP and request id; `search_text`
 * is never part of a diff, and an UPDATE that changes only updated_at, version, last_login_at or
 * last_contacted_at writes no event. An UPDATE's old and new rows are paired by their position in
 * the transition tables, which PostgreSQL fills together row by row, so a change of the key
 * columns (a merge moving links) still pairs the right rows.
 *
 * Statements of up to 100 rows (the API's writes) run the generic queries below, planned once per
 * table and session. Larger ones (imports, merges of many records) run a statement written for
 * the table's columns (`audit.capture_sql`): one more plan per statement, but each row's diff is
 * built column by column instead of through `jsonb_each` and an aggregate, several times faster.
 */
const CAPTURE_ROWS = `
  CREATE FUNCTION audit.capture_rows() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    keys     text[] := string_to_array(coalesce(TG_ARGV[0], 'id'), ',');
    redacted text[] := string_to_array(coalesce(TG_ARGV[1], ''), ',');
    actor    uuid := nullif(current_setting('crm.actor_id', true), '')::uuid;
    ip       text := nullif(current_setting('crm.ip', true), '');
    request  text := nullif(current_setting('crm.request_id', true), '');
    many     boolean;
  BEGIN
    IF TG_OP = 'DELETE' THEN
      many := EXISTS (SELECT 1 FROM old_rows OFFSET 100);
    ELSE
      many := EXISTS (SELECT 1 FROM new_rows OFFSET 100);
    END IF;
    IF many THEN
      EXECUTE audit.capture_sql(TG_RELID, TG_OP, keys, redacted) USING actor, ip, request, TG_TABLE_NAME::text;
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO audit.events (actor_id, ip, request_id, kind, action, table_name, record_id, changes)
      SELECT actor, ip, request, 'data', 'insert', TG_TABLE_NAME,
             (SELECT string_agg(r.j ->> k, ':') FROM unnest(keys) AS k),
             (SELECT jsonb_object_agg(f.key, jsonb_build_object('old', NULL::jsonb, 'new', CASE WHEN f.key = ANY (redacted) THEN '"[redacted]"'::jsonb ELSE f.value END))
                FROM jsonb_each(r.j) AS f)
        FROM (SELECT to_jsonb(n) - 'search_text' AS j FROM new_rows n) r;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO audit.events (actor_id, ip, request_id, kind, action, table_name, record_id, changes)
      SELECT actor, ip, request, 'data', 'delete', TG_TABLE_NAME,
             (SELECT string_agg(r.j ->> k, ':') FROM unnest(keys) AS k),
             (SELECT jsonb_object_agg(f.key, jsonb_build_object('old', CASE WHEN f.key = ANY (redacted) THEN '"[redacted]"'::jsonb ELSE f.value END, 'new', NULL::jsonb))
                FROM jsonb_each(r.j) AS f)
        FROM (SELECT to_jsonb(o) - 'search_text' AS j FROM old_rows o) r;
    ELSE
      INSERT INTO audit.events (actor_id, ip, request_id, kind, action, table_name, record_id, changes)
      SELECT actor, ip, request, 'data', 'update', TG_TABLE_NAME, (SELECT string_agg(d.nj ->> k, ':') FROM unnest(keys) AS k), d.diff
        FROM (SELECT nw.n, nw.j AS nj,
                     (SELECT jsonb_object_agg(f.key, CASE WHEN f.key = ANY (redacted)
                                                          THEN '{"old": "[redacted]", "new": "[redacted]"}'::jsonb
                                                          ELSE jsonb_build_object('old', od.j -> f.key, 'new', f.value) END)
                        FROM jsonb_each(nw.j) AS f
                       WHERE f.key NOT IN ('search_text', ${IGNORED_ON_UPDATE})
                         AND (od.j -> f.key) IS DISTINCT FROM f.value) AS diff
                FROM (SELECT row_number() OVER () AS n, to_jsonb(o) AS j FROM old_rows o) od
                JOIN (SELECT row_number() OVER () AS n, to_jsonb(w) AS j FROM new_rows w) nw USING (n)) d
       WHERE d.diff IS NOT NULL
       ORDER BY d.n;
    END IF;
    RETURN NULL;
  END $$`;

/**
 * The capture of one statement written out for a table's columns: each diff is built with
 * jsonb_build_object per column (at most 40 columns per call, below its limit of 100 arguments)
 * and values are compared as jsonb, as the generic capture compares them. The statement's
 * parameters: actor, IP, request id, table name.
 */
const CAPTURE_SQL = `
  CREATE FUNCTION audit.capture_sql(target oid, op text, keys text[], redacted text[]) RETURNS text LANGUAGE plpgsql STABLE AS $$
  DECLARE
    row_alias text := CASE op WHEN 'DELETE' THEN 'o' ELSE 'n' END;
    record_id text;
    diff      text;
  BEGIN
    SELECT CASE WHEN count(*) = 1 THEN format('to_jsonb(%s.%I) #>> ''{}''', row_alias, min(k))
                ELSE format('nullif(concat_ws('':'', %s), '''')', string_agg(format('to_jsonb(%s.%I) #>> ''{}''', row_alias, k), ', ' ORDER BY i)) END
      INTO record_id
      FROM unnest(keys) WITH ORDINALITY AS t(k, i);
    SELECT string_agg(part, ' || ' ORDER BY chunk)
      INTO diff
      FROM (SELECT c.chunk,
                   CASE op WHEN 'UPDATE' THEN string_agg(c.field, ' || ' ORDER BY c.attnum)
                           ELSE format('jsonb_build_object(%s)', string_agg(c.field, ', ' ORDER BY c.attnum)) END AS part
              FROM (SELECT a.attnum, (row_number() OVER (ORDER BY a.attnum) - 1) / 40 AS chunk,
                           CASE op
                             WHEN 'INSERT' THEN format('%L, jsonb_build_object(''old'', NULL, ''new'', %s)', a.attname,
                                                       CASE WHEN a.attname = ANY (redacted) THEN '''"[redacted]"''::jsonb' ELSE format('n.%I', a.attname) END)
                             WHEN 'DELETE' THEN format('%L, jsonb_build_object(''old'', %s, ''new'', NULL)', a.attname,
                                                       CASE WHEN a.attname = ANY (redacted) THEN '''"[redacted]"''::jsonb' ELSE format('o.%I', a.attname) END)
                             ELSE format('CASE WHEN to_jsonb(o.%1$I) IS DISTINCT FROM to_jsonb(n.%1$I) THEN jsonb_build_object(%2$L, %3$s) ELSE ''{}'' END',
                                         a.attname, a.attname,
                                         CASE WHEN a.attname = ANY (redacted) THEN '''{"old": "[redacted]", "new": "[redacted]"}''::jsonb'
                                              ELSE format('jsonb_build_object(''old'', o.%1$I, ''new'', n.%1$I)', a.attname) END)
                           END AS field
                      FROM pg_attribute a
                     WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'search_text'
                       AND (op <> 'UPDATE' OR a.attname NOT IN (${IGNORED_ON_UPDATE}))) c
             GROUP BY c.chunk) parts;
    RETURN CASE op
      WHEN 'INSERT' THEN format(
        'INSERT INTO audit.events (actor_id, ip, request_id, kind, action, table_name, record_id, changes)
         SELECT $1, $2, $3, ''data'', ''insert'', $4, %s, %s FROM new_rows n', record_id, diff)
      WHEN 'DELETE' THEN format(
        'INSERT INTO audit.events (actor_id, ip, request_id, kind, action, table_name, record_id, changes)
         SELECT $1, $2, $3, ''data'', ''delete'', $4, %s, %s FROM old_rows o', record_id, diff)
      ELSE format(
        'INSERT INTO audit.events (actor_id, ip, request_id, kind, action, table_name, record_id, changes)
         SELECT $1, $2, $3, ''data'', ''update'', $4, d.record_id, d.diff
           FROM (SELECT n.audit_position__, %s AS record_id, %s AS diff
                   FROM (SELECT row_number() OVER () AS audit_position__, * FROM old_rows) o
                   JOIN (SELECT row_number() OVER () AS audit_position__, * FROM new_rows) n USING (audit_position__)) d
          WHERE d.diff <> ''{}''
          ORDER BY d.audit_position__', record_id, diff)
    END;
  END $$`;

/**
 * Puts the statement-level audit triggers on a table: one per event, since a trigger with
 * transition tables may fire on one event only. `audit` (insert) keeps the name of the row
 * trigger it replaces, so `ALTER TABLE … DISABLE TRIGGER audit` still stops auditing a bulk load.
 */
const ATTACH = `
  CREATE FUNCTION audit.attach(target regclass, key_columns text DEFAULT 'id', redacted_columns text DEFAULT NULL) RETURNS void
  LANGUAGE plpgsql AS $$
  DECLARE
    args text := quote_literal(key_columns) || coalesce(', ' || quote_literal(redacted_columns), '');
  BEGIN
    EXECUTE format('CREATE TRIGGER audit AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture_rows(%s)', target, args);
    EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture_rows(%s)', target, args);
    EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture_rows(%s)', target, args);
  END $$`;

/** The arguments of a trigger (pg_trigger.tgargs: each one ends with a zero byte). */
const TRIGGER_ARGS = `(string_to_array(encode(t.tgargs, 'escape'), '\\000'))[1:t.tgnargs]`;

/**
 * Audit capture per statement: a bulk write (an import of 100,000 contacts, a merge) writes its
 * events in one `INSERT … SELECT` per statement instead of one trigger call and one INSERT per
 * row. Every table audited by `audit.capture` gets the new triggers with the same arguments;
 * tables added later call `SELECT audit.attach('table', 'key columns', 'redacted columns')`.
 */
export class StatementAuditTriggers1732000000017 implements MigrationInterface {
  name = 'StatementAuditTriggers1732000000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(CAPTURE_SQL);
    await q.query(CAPTURE_ROWS);
    await q.query(ATTACH);
    await q.query(`
      DO $$
      DECLARE
        r record;
      BEGIN
        FOR r IN SELECT t.tgrelid::regclass AS target, ${TRIGGER_ARGS} AS args
                   FROM pg_trigger t WHERE t.tgname = 'audit' AND t.tgfoid = 'audit.capture'::regproc
                  ORDER BY t.tgrelid::regclass::text
        LOOP
          EXECUTE format('DROP TRIGGER audit ON %s', r.target);
          PERFORM audit.attach(r.target, coalesce(r.args[1], 'id'), r.args[2]);
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      DECLARE
        r record;
      BEGIN
        FOR r IN SELECT t.tgrelid::regclass AS target, ${TRIGGER_ARGS} AS args
                   FROM pg_trigger t WHERE t.tgname = 'audit' AND t.tgfoid = 'audit.capture_rows'::regproc
        LOOP
          EXECUTE format('DROP TRIGGER audit ON %1$s; DROP TRIGGER audit_update ON %1$s; DROP TRIGGER audit_delete ON %1$s', r.target);
          EXECUTE format('CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit.capture(%s)',
                         r.target, (SELECT string_agg(quote_literal(a), ', ') FROM unnest(r.args) AS a));
        END LOOP;
      END $$`);
    await q.query(`DROP FUNCTION audit.attach(regclass, text, text)`);
    await q.query(`DROP FUNCTION audit.capture_rows()`);
    await q.query(`DROP FUNCTION audit.capture_sql(oid, text, text[], text[])`);
  }
}
