import { MigrationInterface, QueryRunner } from 'typeorm';

/** The first business table, with its search index, audit trigger and the idempotency store for creates. */
export class Contacts1732000000003 implements MigrationInterface {
  name = 'Contacts1732000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contacts (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        varchar(300) NOT NULL,
        email       varchar(254),
        phone       varchar(32),
        owner_id    uuid NOT NULL REFERENCES users (id),
        custom      jsonb NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        created_by  uuid REFERENCES users (id),
        version     integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE FUNCTION contacts_search_text(name text, email text, phone text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT crm_fold(name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
      $$`);
    await q.query(`CREATE INDEX contacts_search ON contacts USING gin (contacts_search_text(name, email, phone) gin_trgm_ops)`);
    await q.query(`CREATE INDEX contacts_owner ON contacts (owner_id, id)`);
    await q.query(`CREATE INDEX contacts_updated ON contacts (updated_at, id)`);
    await q.query(`CREATE INDEX contacts_created ON contacts (created_at, id)`);
    await q.query(`CREATE INDEX contacts_name ON contacts (name, id)`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION audit.capture('id')`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id     uuid NOT NULL,
        key         varchar(200) NOT NULL,
        fingerprint text NOT NULL,
        status_code integer NOT NULL,
        response    jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE contacts`);
    await q.query(`DROP FUNCTION contacts_search_text(text, text, text)`);
  }
}
