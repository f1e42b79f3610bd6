import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the hot reads need.
 *
 * A change stamp of everything a signed-in user's permissions are built from: their account
 * (login, active, forced password change), roles and their rules, role assignments, teams and
 * team members. Every statement that changes one of them increments `auth_generation.value` in
 * the same transaction, so a server instance may keep the users it built (ActorCache) for as long
 * as the stamp it last read has not moved, and sees a change made through any instance.
 *
 * The contacts' default order (`updated_at DESC, id DESC`) index also carries the owner and the
 * search document, so that the page of a team's list or search is picked by an index-only scan
 * (`keysetList` with `pickFrom`) instead of fetching each passed-over row from the table: a team
 * lead's search for a rare name walked ~30,000 rows through the heap (50-900 ms on a busy
 * machine), and now walks them in the index (1-17 ms), measured with a million contacts
 * (docs/benchmarks.md). It replaces `contacts_updated (updated_at, id)`.
 */
export class ReadPath1732000000018 implements MigrationInterface {
  name = 'ReadPath1732000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_generation (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        value bigint NOT NULL DEFAULT 1
      )`);
    await q.query(`INSERT INTO auth_generation DEFAULT VALUES`);
    await q.query(`
      CREATE FUNCTION auth_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE auth_generation SET value = value + 1;
        RETURN NULL;
      END $$`);
    for (const table of ['roles', 'user_roles', 'teams', 'team_members']) {
      await q.query(`CREATE TRIGGER auth_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION auth_generation_bump()`);
    }
    // Sign-ins (last_login_at), profile and password-hash changes leave the stamp alone.
    await q.query(`
      CREATE TRIGGER auth_generation AFTER UPDATE OF id, login, active, must_change_password OR DELETE OR TRUNCATE ON users
        FOR EACH STATEMENT EXECUTE FUNCTION auth_generation_bump()`);
    await q.query(`DROP INDEX contacts_updated`);
    await q.query(`CREATE INDEX contacts_updated ON contacts (updated_at, id) INCLUDE (owner_id, search_text)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contacts_updated`);
    await q.query(`CREATE INDEX contacts_updated ON contacts (updated_at, id)`);
    for (const table of ['roles', 'user_roles', 'teams', 'team_members', 'users']) {
      await q.query(`DROP TRIGGER auth_generation ON ${table}`);
    }
    await q.query(`DROP FUNCTION auth_generation_bump()`);
    await q.query(`DROP TABLE auth_generation`);
  }
}
