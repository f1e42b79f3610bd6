import { MigrationInterface, QueryRunner } from 'typeorm';

/** Metadata of files kept on the attachments volume, each belonging to one record. */
export class Attachments1732000000007 implements MigrationInterface {
  name = 'Attachments1732000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id    uuid REFERENCES contacts (id) ON DELETE CASCADE,
        company_id    uuid REFERENCES companies (id) ON DELETE CASCADE,
        deal_id       uuid,
        file_name     varchar(255) NOT NULL,
        content_type  varchar(200) NOT NULL,
        size_bytes    bigint NOT NULL CHECK (size_bytes >= 0),
        sha256        char(64) NOT NULL,
        storage_key   varchar(200) NOT NULL UNIQUE,
        created_at    timestamptz NOT NULL DEFAULT now(),
        created_by    uuid REFERENCES users (id),
        CHECK (num_nonnulls(contact_id, company_id, deal_id) = 1)
      )`);
    await q.query(`CREATE INDEX attachments_contact ON attachments (contact_id, created_at) WHERE contact_id IS NOT NULL`);
    await q.query(`CREATE INDEX attachments_company ON attachments (company_id, created_at) WHERE company_id IS NOT NULL`);
    await q.query(`CREATE INDEX attachments_deal ON attachments (deal_id, created_at) WHERE deal_id IS NOT NULL`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON attachments FOR EACH ROW EXECUTE FUNCTION audit.capture('id')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
  }
}
