import { DataSource } from 'typeorm';
import { createDataSource } from '../src/common/database/data-source';
import { pendingMigrations, runMigrations } from '../src/common/database/migrator';
import { createTestDatabase } from './test-app';

describe('schema', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('entities and migrations describe the same schema', async () => {
    const diff = await dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('every migration can be reverted and applied again', async () => {
    for (let i = 0; i < dataSource.migrations.length; i += 1) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
    expect(await pendingMigrations(dataSource)).toHaveLength(dataSource.migrations.length);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'audit') AND tablename <> 'schema_migrations'`);
    expect(n).toBe(0);
    const applied = await runMigrations(dataSource, () => undefined);
    expect(applied).toHaveLength(dataSource.migrations.length);
    expect(await pendingMigrations(dataSource)).toEqual([]);
  });

  it('two instances migrating at once apply each migration once', async () => {
    const other = await createTestDatabase();
    const sources = [0, 1].map(() => createDataSource({ url: other.url, poolSize: 2 }));
    try {
      await Promise.all(sources.map((s) => s.initialize()));
      const [a, b] = await Promise.all(sources.map((s) => runMigrations(s, () => undefined)));
      expect(a.length + b.length).toBe(0); // the clone is already migrated: nothing to do for either
      await sources[0].query('DELETE FROM schema_migrations WHERE name = $1', ['Contacts1732000000003']);
      await sources[0].query('DROP TABLE idempotency_keys, contacts; DROP FUNCTION contacts_search_text(text, text, text)');
      const [c, d] = await Promise.all(sources.map((s) => runMigrations(s, () => undefined)));
      expect([...c, ...d]).toEqual(['Contacts1732000000003']);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
      await other.drop();
    }
  });

  it('a failing migration leaves the schema at the last good one and reports it', async () => {
    const other = await createTestDatabase();
    const source = createDataSource({ url: other.url, poolSize: 2 });
    await source.initialize();
    try {
      await source.query('DELETE FROM schema_migrations WHERE name = $1', ['Contacts1732000000003']);
      // contacts still exists, so re-running its migration fails half-way; its transaction must roll back.
      await expect(runMigrations(source, () => undefined)).rejects.toThrow(/migration failed/);
      expect(await pendingMigrations(source)).toEqual(['Contacts1732000000003']);
      const [{ n }] = await source.query(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'contacts_search_text'`);
      expect(n).toBe(1);
    } finally {
      await source.destroy();
      await other.drop();
    }
  });
});
