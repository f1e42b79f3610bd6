import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An activity's owner is nearly always its contact's owner. Without statistics that say so the
 * planner multiplied the two selectivities, expected no row of a contact's timeline to pass the
 * permission filter, and fetched and sorted every activity of the contact (2–7 ms, 50 ms when it
 * also read the owner index) instead of reading the newest 50 from `activities_contact` (< 1 ms),
 * measured with a million contacts and five million activities (docs/benchmarks.md).
 */
export class ActivityStatistics1732000000016 implements MigrationInterface {
  name = 'ActivityStatistics1732000000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE STATISTICS activities_contact_owner (dependencies) ON contact_id, owner_id FROM activities`);
    await q.query(`ANALYZE activities`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS activities_contact_owner`);
  }
}
