import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { inActorTransaction, SYSTEM_CONTEXT } from '../src/common/database/actor-transaction';
import { createDataSource } from '../src/common/database/data-source';
import { revertLastMigration, runMigrations } from '../src/common/database/migrator';
import { AuditChain } from '../src/modules/audit/audit-chain';
import { withDatabase } from './database-url';
import { tableChecksums } from './support';

/** The oldest schema that holds data a customer cares about: users, teams and roles. */
const OLDEST_WITH_DATA = 'Auth1732000000002';
const TABLES = ['users', 'teams', 'team_members', 'roles', 'user_roles'];
const snapshot = (dataSource: DataSource) => tableChecksums(dataSource, TABLES);
/**
 * Later migrations write no audit rows about existing data; the sales defaults they seed (a
 * pipeline, its stages, lost reasons) are new rows, audited each time the migration runs.
 */
const NOT_SEEDED = `WHERE table_name IS NULL OR table_name NOT IN ('pipelines', 'pipeline_stages', 'lost_reasons')`;

describe('upgrading a database that holds data', () => {
  const serverUrl = process.env.CRM_TEST_SERVER_URL!;
  const name = `crm_upgrade_${randomBytes(4).toString('hex')}`;
  const folder = mkdtempSync(join(tmpdir(), 'crm-upgrade-'));
  let dataSource: DataSource;

  beforeAll(async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    dataSource = createDataSource({ url: withDatabase(serverUrl, name), poolSize: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps every row and the audit chain through all later migrations', async () => {
    await runMigrations(dataSource, () => undefined);
    while ((await dataSource.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`))[0].name !== OLDEST_WITH_DATA) {
      await revertLastMigration(dataSource);
    }
    const later = MIGRATIONS.length - MIGRATIONS.findIndex((m) => m.name === OLDEST_WITH_DATA) - 1;
    expect(later).toBeGreaterThan(0);

    // Representative data of that time, written as the application writes it (audited).
    await inActorTransaction(dataSource, SYSTEM_CONTEXT, async (manager) => {
      await manager.query(`INSERT INTO roles (name, label, description, built_in, rules)
        VALUES ('regional_manager', 'Regional manager', 'Bakı və Gəncə', false, '[{"subject":"Contact","action":"read","scope":"team"}]')`);
      for (let i = 0; i < 3; i += 1) {
        await manager.query(`INSERT INTO teams (name) VALUES ($1)`, [`Satış ${i + 1} — Bakı`]);
      }
      for (let i = 0; i < 25; i += 1) {
        await manager.query(
          `INSERT INTO users (login, display_name, email, locale, password_hash, must_change_password)
           VALUES ($1, $2, $3, $4, 'argon2-hash-placeholder', $5)`,
          [`user${i}`, `Məmmədova Aysel ${i}`, `user${i}@example.az`, ['az', 'tr', 'en', 'ru'][i % 4], i % 3 === 0],
        );
      }
      await manager.query(`INSERT INTO team_members (team_id, user_id)
        SELECT t.id, u.id FROM teams t JOIN users u ON right(u.login, 1)::int % 3 = (SELECT count(*) FROM teams t2 WHERE t2.name < t.name)`);
      await manager.query(`INSERT INTO user_roles (user_id, role_id)
        SELECT u.id, r.id FROM users u JOIN roles r ON r.name = CASE WHEN right(u.login, 1)::int % 2 = 0 THEN 'sales_rep' ELSE 'regional_manager' END`);
    });
    const chain = new AuditChain(dataSource, randomBytes(32).toString('hex'), join(folder, 'chain-head.jsonl'));
    await chain.seal();
    const before = await snapshot(dataSource);
    const [{ events }] = await dataSource.query(`SELECT count(*)::int AS events FROM audit.events ${NOT_SEEDED}`);
    expect(before.users.rows).toBe(25);
    expect(before.team_members.rows).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(50);

    const applied = await runMigrations(dataSource, () => undefined);
    expect(applied).toHaveLength(later);

    expect(await snapshot(dataSource)).toEqual(before);
    const [{ events: after }] = await dataSource.query(`SELECT count(*)::int AS events FROM audit.events ${NOT_SEEDED}`);
    expect(after).toBe(events);
    await chain.seal();
    expect(await chain.verify()).toMatchObject({ ok: true, firstBrokenId: null });

    // The upgraded schema works with the old rows: a contact owned by an existing user.
    await inActorTransaction(dataSource, SYSTEM_CONTEXT, (manager) =>
      manager.query(`INSERT INTO contacts (name, owner_id) SELECT 'Quliyev Rəşad', id FROM users WHERE login = 'user1'`),
    );
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM contacts c JOIN users u ON u.id = c.owner_id WHERE u.login = 'user1'`);
    expect(count).toBe(1);
  });
});
