import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where merged-away records went, and the import jobs with their per-row results. */
export class MergesAndImports1732000000009 implements MigrationInterface {
  name = 'MergesAndImports1732000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE merged_records (
        merged_id    uuid PRIMARY KEY,
        entity       varchar(16) NOT NULL CHECK (entity IN ('contact', 'company')),
        survivor_id  uuid NOT NULL,
        merged_at    timestamptz NOT NULL DEFAULT now(),
        merged_by    uuid REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX merged_records_survivor ON merged_records (survivor_id)`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON merged_records FOR EACH ROW EXECUTE FUNCTION audit.capture('merged_id')`);
    // status: uploaded -> running -> done | failed. errors: [{row, field, message}] of rows that were not applied.
    await q.query(`
      CREATE TABLE imports (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity          varchar(16) NOT NULL CHECK (entity IN ('contact', 'company')),
        status          varchar(16) NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'running', 'done', 'failed')),
        file_name       varchar(255) NOT NULL,
        file_type       varchar(8) NOT NULL CHECK (file_type IN ('csv', 'xlsx', 'vcard')),
        storage_key     varchar(200) NOT NULL,
        headers         jsonb NOT NULL DEFAULT '[]',
        mapping         jsonb,
        options         jsonb,
        total_rows      integer NOT NULL DEFAULT 0,
        processed_rows  integer NOT NULL DEFAULT 0,
        created_count   integer NOT NULL DEFAULT 0,
        updated_count   integer NOT NULL DEFAULT 0,
        skipped_count   integer NOT NULL DEFAULT 0,
        failed_count    integer NOT NULL DEFAULT 0,
        errors          jsonb NOT NULL DEFAULT '[]',
        created_by      uuid NOT NULL REFERENCES users (id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        started_at      timestamptz,
        finished_at     timestamptz
      )`);
    await q.query(`CREATE INDEX imports_created_by ON imports (created_by, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE imports`);
    await q.query(`DROP TABLE merged_records`);
  }
}
