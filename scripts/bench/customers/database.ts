import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../../server/src/common/database/data-source';
import { startEmbeddedPostgres } from '../../../server/src/common/database/embedded-postgres';
import { runMigrations } from '../../../server/src/common/database/migrator';
import type { BenchOptions } from './options';

export interface BenchDatabase {
  url: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** BENCH_DATABASE_URL, or an embedded PostgreSQL kept in `<dataDir>/pg` across runs; migrated. */
export async function openBenchDatabase(options: BenchOptions, log: (line: string) => void): Promise<BenchDatabase> {
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(resolve(options.dataDir), options.pgPort, { info: log, warn: log, debug: () => undefined });
  const url = options.databaseUrl ?? embedded!.url;
  const dataSource = createDataSource({ url, poolSize: 4, applicationName: 'crm-bench' });
  await dataSource.initialize();
  await runMigrations(dataSource, (line) => log(`  ${line}`));
  return {
    url,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
