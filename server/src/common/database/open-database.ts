import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrator';

export interface OpenDatabase {
  dataSource: DataSource;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL; optionally migrates. */
export async function openDatabase(config: AppConfig, log: Logger, options: { migrate: boolean }): Promise<OpenDatabase> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, {
        info: (m) => log.info(m),
        warn: (m) => log.warn(m),
        debug: (m) => log.debug(m),
      });
  const dataSource = createDataSource({ url: config.databaseUrl ?? embedded!.url, poolSize: config.dbPoolSize });
  try {
    await dataSource.initialize();
    if (options.migrate) {
      await runMigrations(dataSource, (m) => log.info(m));
    }
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
