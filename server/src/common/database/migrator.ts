import { DataSource } from 'typeorm';

/** Key of the advisory lock that lets one instance at a time migrate. */
const MIGRATION_LOCK = 72_404_201;

export class MigrationError extends Error {}

/**
 * Runs pending migrations, each in its own transaction, while holding an advisory lock, so
 * that instances starting together migrate once: the others wait, then find nothing pending.
 */
export async function runMigrations(dataSource: DataSource, log: (msg: string) => void): Promise<string[]> {
  return withMigrationLock(dataSource, async () => {
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) {
        log(`applied migration ${migration.name}`);
      }
      return applied.map((m) => m.name);
    } catch (error) {
      throw new MigrationError(`migration failed, the schema is left at the last migration that succeeded: ${(error as Error).message}`);
    }
  });
}

/**
 * Reverts the last applied migration in its own transaction, under the same lock as
 * runMigrations; returns its name, or undefined when none is applied.
 */
export async function revertLastMigration(dataSource: DataSource): Promise<string | undefined> {
  return withMigrationLock(dataSource, async () => {
    const last = await lastAppliedMigration(dataSource);
    if (last === undefined) {
      return undefined;
    }
    try {
      await dataSource.undoLastMigration({ transaction: 'each' });
    } catch (error) {
      throw new MigrationError(`reverting ${last} failed, the schema is unchanged: ${(error as Error).message}`);
    }
    return last;
  });
}

/** The migration `revertLastMigration` would revert: the one applied last, as TypeORM picks it. */
export async function lastAppliedMigration(dataSource: DataSource): Promise<string | undefined> {
  const [row]: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1');
  return row?.name;
}

async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await work();
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
