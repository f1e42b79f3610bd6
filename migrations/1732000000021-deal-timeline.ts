import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deal's timeline shows the changes of its line items and attachments. Their audit rows have
 * their own record id (a line item's is the deal's, an attachment's its own), so `changes`
 * names the deal: this index finds them as migration 011's find those of contacts and companies.
 * The counts and totals per currency of a board's columns and of the weighted summary are read
 * from `deals_stage_totals` alone (an index-only scan per stage, the owner for the permission filter).
 */
export class DealTimeline1732000000021 implements MigrationInterface {
  name = 'DealTimeline1732000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX audit_events_child_deal_id ON audit.events
        ((coalesce(changes -> 'deal_id' ->> 'new', changes -> 'deal_id' ->> 'old')), table_name, record_id)
        WHERE table_name IN ('attachments', 'deal_line_items') AND kind = 'data'`);
    await q.query(`CREATE INDEX deals_stage_totals ON deals (stage_id, currency) INCLUDE (amount, owner_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deals_stage_totals`);
    await q.query(`DROP INDEX audit.audit_events_child_deal_id`);
  }
}
