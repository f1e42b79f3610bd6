import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * My day lists a rep's open deals that went quiet, the quietest first: this index holds each
 * owner's open deals in the order of their last contact (or of entering their stage, when nobody
 * contacted the customer since), so the list reads its first rows instead of sorting all of them.
 */
export class QuietDeals1732000000022 implements MigrationInterface {
  name = 'QuietDeals1732000000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX deals_quiet ON deals (owner_id, (coalesce(last_contacted_at, stage_entered_at)), id) WHERE closed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deals_quiet`);
  }
}
