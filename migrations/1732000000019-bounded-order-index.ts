import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contacts' default order index (`contacts_updated`, now `contacts_recent`) stops carrying
 * the search document. A B-tree entry holds at
 * most 2,704 bytes, and a contact's document grows with its e-mails, phones and companies (50
 * points and 20 companies are allowed): such a contact could not be saved (index row size
 * exceeds maximum, a 500). The owner stays, so a team's list is still picked from the index alone;
 * a text search reads the rows it passes over from the table.
 */
export class BoundedOrderIndex1732000000019 implements MigrationInterface {
  name = 'BoundedOrderIndex1732000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contacts_recent ON contacts (updated_at, id) INCLUDE (owner_id)`);
    await q.query(`DROP INDEX contacts_updated`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contacts_updated ON contacts (updated_at, id) INCLUDE (owner_id, search_text)`);
    await q.query(`DROP INDEX contacts_recent`);
  }
}
