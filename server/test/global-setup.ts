import 'reflect-metadata';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../src/common/database/data-source';
import { startEmbeddedPostgres } from '../src/common/database/embedded-postgres';
import { runMigrations } from '../src/common/database/migrator';
import { TEMPLATE_DATABASE, withDatabase } from './database-url';

const STATE_FILE = join(tmpdir(), `crm-test-${process.ppid}-${process.pid}.json`);

/**
 * Starts one PostgreSQL for the whole run (the embedded one, or TEST_DATABASE_URL) and migrates
 * a template database; each test file clones its own database from it.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-test-pg-'));
    chmodSync(dataDir, 0o755);
    const port = 55_000 + Math.floor(Math.random() * 2_000);
    const quiet = { info: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`), debug: () => undefined };
    const embedded = await startEmbeddedPostgres(dataDir, port, quiet);
    serverUrl = embedded.url;
    (globalThis as { __crmEmbedded?: unknown }).__crmEmbedded = embedded;
  }
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const dataSource = createDataSource({ url: withDatabase(serverUrl, TEMPLATE_DATABASE), poolSize: 2 });
  await dataSource.initialize();
  await runMigrations(dataSource, () => undefined);
  await dataSource.destroy();
  process.env.CRM_TEST_SERVER_URL = serverUrl;
  writeFileSync(STATE_FILE, JSON.stringify({ dataDir }));
  process.env.CRM_TEST_STATE_FILE = STATE_FILE;
}
