import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions, the search folding function and the audit schema: append-only event table, the
 * hash-chain table filled by the sealing step, and the trigger function that business tables use.
 */
export class AuditFoundation1732000000001 implements MigrationInterface {
  name = 'AuditFoundation1732000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE FUNCTION crm_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT lower(translate(value, 'ƏəIıİŞşÇçĞğÖöÜü', 'eeiiissccggoouu'))
      $$`);
    await q.query(`CREATE SCHEMA audit`);
    await q.query(`
      CREATE TABLE audit.events (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tx_id       xid8 NOT NULL DEFAULT pg_current_xact_id(),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id    uuid,
        ip          text,
        request_id  text,
        kind        text NOT NULL CHECK (kind IN ('data', 'app')),
        action      text NOT NULL,
        table_name  text,
        record_id   text,
        changes     jsonb,
        details     jsonb
      )`);
    await q.query(`CREATE INDEX audit_events_seal_order ON audit.events (tx_id, id)`);
    await q.query(`CREATE INDEX audit_events_record ON audit.events (table_name, record_id, id)`);
    await q.query(`CREATE INDEX audit_events_actor ON audit.events (actor_id, id)`);
    await q.query(`CREATE INDEX audit_events_occurred ON audit.events (occurred_at, id)`);
    await q.query(`CREATE INDEX audit_events_action ON audit.events (action, id)`);
    await q.query(`
      CREATE TABLE audit.chain (
        seq       bigint PRIMARY KEY,
        event_id  bigint NOT NULL UNIQUE,
        tx_id     xid8 NOT NULL,
        hash      text NOT NULL,
        sealed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit tables are append-only (% refused on %.%)', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit.events', 'audit.chain']) {
      await q.query(`CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`);
      await q.query(`CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()`);
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
    }
    // TG_ARGV[0]: key columns (comma-separated) forming record_id; TG_ARGV[1]: columns whose values are redacted.
    await q.query(`
      CREATE FUNCTION audit.capture() RETURNS trigger LANGUAGE plpgsql AS $$
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
         WHERE TG_OP <> 'UPDATE'
            OR (f.key NOT IN ('updated_at', 'version', 'last_login_at') AND (old_row -> f.key) IS DISTINCT FROM (new_row -> f.key));
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
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA audit CASCADE`);
    await q.query(`DROP FUNCTION crm_fold(text)`);
  }
}
