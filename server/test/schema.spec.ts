import { DataSource } from 'typeorm';
import { createDataSource } from '../src/common/database/data-source';
import { pendingMigrations, runMigrations } from '../src/common/database/migrator';
import { MIGRATIONS } from '../../migrations';
import { createTestDatabase } from './test-app';

const LAST = MIGRATIONS[MIGRATIONS.length - 1].name;

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
      await sources[0].undoLastMigration({ transaction: 'each' });
      const [c, d] = await Promise.all(sources.map((s) => runMigrations(s, () => undefined)));
      expect([...c, ...d]).toEqual([LAST]);
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
      const tables = async (): Promise<string[]> =>
        (await source.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);
      const before = await tables();
      await source.query('DELETE FROM schema_migrations WHERE name = $1', [LAST]);
      // Its tables still exist, so re-running the newest migration fails half-way; its transaction must roll back.
      await expect(runMigrations(source, () => undefined)).rejects.toThrow(/migration failed/);
      expect(await pendingMigrations(source)).toEqual([LAST]);
      expect(await tables()).toEqual(before);
    } finally {
      await source.destroy();
      await other.drop();
    }
  });
});
