import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change stamp of everything a signed-in user's permissions are built from: their account
 * (login, active, forced password change), roles and their rules, role assignments, teams and
 * team members. Every statement that changes one of them increments `auth_generation.value` in
 * the same transaction, so a server instance may keep the users it built (ActorCache) for as long
 * as the stamp it last read has not moved, and sees a change made through any instance.
 */
export class AuthGeneration1732000000018 implements MigrationInterface {
  name = 'AuthGeneration1732000000018';

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
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['roles', 'user_roles', 'teams', 'team_members', 'users']) {
      await q.query(`DROP TRIGGER auth_generation ON ${table}`);
    }
    await q.query(`DROP FUNCTION auth_generation_bump()`);
    await q.query(`DROP TABLE auth_generation`);
  }
}
