import { MigrationInterface, QueryRunner } from 'typeorm';

/** Named list filters: private to their owner, or shared with one team. */
export class SavedViews1732000000008 implements MigrationInterface {
  name = 'SavedViews1732000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_views (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity      varchar(16) NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
        name        varchar(100) NOT NULL,
        owner_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        team_id     uuid REFERENCES teams (id) ON DELETE SET NULL,
        query       jsonb NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        version     integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX saved_views_owner ON saved_views (owner_id, entity)`);
    await q.query(`CREATE INDEX saved_views_team ON saved_views (team_id, entity) WHERE team_id IS NOT NULL`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON saved_views FOR EACH ROW EXECUTE FUNCTION audit.capture('id')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_views`);
  }
}
