import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { ENTITIES } from './entities';

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  applicationName?: string;
}

export function createDataSource({ url, poolSize, applicationName = 'crm' }: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize,
    applicationName,
    extra: { connectionTimeoutMillis: 10_000 },
  });
}
