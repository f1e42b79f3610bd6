import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit capture of migration 4, with `last_contacted_at` treated like `updated_at`: it is
 * derived from the activities (which are audited themselves), so keeping it current adds no event.
 */
const CAPTURE = (ignoredOnUpdate: string): string => `
  CREATE OR REPLACE FUNCTION audit.capture() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    old_row  jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    new_row  jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    row_data jsonb := coalesce(new_row, old_row);
    keys     text[] := string_to_array(coalesce(TG_ARGV[0], 'id'), ',');
    redacted text[] := string_to_array(coalesce(TG_ARGV[1], ''), ',');
    diff     jsonb;
  BEGIN
    SELECT jsonb_object_agg(
             f.key,
             CASE WHEN f.key = ANY (redacted)
                  THEN jsonb_build_object('old', CASE WHEN old_row IS NOT NULL THEN '"[redacted]"'::jsonb END,
                                          'new', CASE WHEN new_row IS NOT NULL THEN '"[redacted]"'::jsonb END)
                  ELSE jsonb_build_object('old', old_row -> f.key, 'new', new_row -> f.key) END)
      INTO diff
      FROM jsonb_object_keys(row_data) AS f(key)
     WHERE f.key NOT IN ('search_text')
       AND (TG_OP <> 'UPDATE'
            OR (f.key NOT IN (${ignoredOnUpdate}) AND (old_row -> f.key) IS DISTINCT FROM (new_row -> f.key)));
    IF TG_OP = 'UPDATE' AND diff IS NULL THEN
      RETURN NULL;
    END IF;
    INSERT INTO audit.events (actor_id, ip, request_id, kind, action, table_name, record_id, changes)
    VALUES (nullif(current_setting('crm.actor_id', true), '')::uuid,
            nullif(current_setting('crm.ip', true), ''),
            nullif(current_setting('crm.request_id', true), ''),
            'data', lower(TG_OP), TG_TABLE_NAME,
            (SELECT string_agg(row_data ->> k, ':') FROM unnest(keys) AS k),
            diff);
    RETURN NULL;
  END $$`;

/** Child tables whose audit rows name their contact or company inside `changes`. */
const CHILD_TABLES = `'contact_points', 'contact_companies', 'attachments'`;

/**
 * Activity timeline support: no audit noise from the derived "last contacted" column, and
 * indexes that find the audit rows of a record's contact points, company links and attachments
 * (their record id is their own, so only `changes` names the contact or company).
 */
export class ActivityTimeline1732000000011 implements MigrationInterface {
  name = 'ActivityTimeline1732000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(CAPTURE(`'updated_at', 'version', 'last_login_at', 'last_contacted_at'`));
    for (const key of ['contact_id', 'company_id']) {
      await q.query(`
        CREATE INDEX audit_events_child_${key} ON audit.events
          ((coalesce(changes -> '${key}' ->> 'new', changes -> '${key}' ->> 'old')), table_name, record_id)
          WHERE table_name IN (${CHILD_TABLES}) AND kind = 'data'`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit.audit_events_child_contact_id`);
    await q.query(`DROP INDEX audit.audit_events_child_company_id`);
    await q.query(CAPTURE(`'updated_at', 'version', 'last_login_at'`));
  }
}
