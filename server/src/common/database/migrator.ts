import { DataSource } from 'typeorm';

/** Key of the advisory lock that lets one instance at a time migrate. */
const MIGRATION_LOCK = 72_404_201;

export class MigrationError extends Error {}

/**
 * Runs pending migrations, each in its own transaction, while holding an advisory lock, so
 * that instances starting together migrate once: the others wait, then find nothing pending.
 */
export async function runMigrations(dataSource: DataSource, log: (msg: string) => void): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) {
        log(`applied migration ${migration.name}`);
      }
      return applied.map((m) => m.name);
    } catch (error) {
      throw new MigrationError(`migration failed, the schema is left at the last migration that succeeded: ${(error as Error).message}`);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Names of migrations the code knows but the database has not applied. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.name));
  return dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
}
