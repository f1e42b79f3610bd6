import { MigrationInterface, QueryRunner } from 'typeorm';

/** Calls, logged e-mails, meetings and notes, linked to a contact and/or company (deals come later). */
export class Activities1732000000006 implements MigrationInterface {
  name = 'Activities1732000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activities (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind              varchar(16) NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'note')),
        occurred_at       timestamptz NOT NULL DEFAULT now(),
        subject           varchar(300),
        body              text,
        direction         varchar(8) CHECK (direction IN ('inbound', 'outbound')),
        duration_seconds  integer CHECK (duration_seconds >= 0),
        outcome           varchar(32),
        contact_id        uuid REFERENCES contacts (id) ON DELETE CASCADE,
        company_id        uuid REFERENCES companies (id) ON DELETE CASCADE,
        deal_id           uuid,
        owner_id          uuid NOT NULL REFERENCES users (id),
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        created_by        uuid REFERENCES users (id),
        version           integer NOT NULL DEFAULT 1,
        CHECK (num_nonnulls(contact_id, company_id, deal_id) > 0)
      )`);
    await q.query(`CREATE INDEX activities_contact ON activities (contact_id, occurred_at, id) WHERE contact_id IS NOT NULL`);
    await q.query(`CREATE INDEX activities_company ON activities (company_id, occurred_at, id) WHERE company_id IS NOT NULL`);
    await q.query(`CREATE INDEX activities_deal ON activities (deal_id, occurred_at, id) WHERE deal_id IS NOT NULL`);
    await q.query(`CREATE INDEX activities_owner ON activities (owner_id, occurred_at, id)`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON activities FOR EACH ROW EXECUTE FUNCTION audit.capture('id')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activities`);
  }
}
