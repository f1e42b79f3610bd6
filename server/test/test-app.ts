import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { AppConfig, loadConfig } from '../src/common/config/app-config';
import { inActorTransaction, SYSTEM_CONTEXT } from '../src/common/database/actor-transaction';
import { createDataSource } from '../src/common/database/data-source';
import { hashPassword } from '../src/modules/auth/passwords';
import { TEMPLATE_DATABASE, withDatabase } from './database-url';

export const TEST_PASSWORD = 'Test-Password-1';

export interface TestUser {
  id: string;
  login: string;
  password: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  config: AppConfig;
  databaseUrl: string;
  /** supertest bound to the app. */
  http(): ReturnType<typeof request>;
  createUser(login: string, roles: string[], options?: { teams?: string[]; mustChangePassword?: boolean; password?: string }): Promise<TestUser>;
  createTeam(name: string, leadId?: string): Promise<string>;
  /** Signs in and returns the access token and the refresh cookie. */
  login(login: string, password?: string): Promise<{ token: string; cookie: string }>;
  close(): Promise<void>;
}

/** The cookies a response sets, as a Cookie request header. */
export function cookiesOf(response: { headers: Record<string, unknown> }): string {
  return ([] as string[])
    .concat((response.headers['set-cookie'] as string[] | undefined) ?? [])
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

const hashes = new Map<string, Promise<string>>();
const cachedHash = (password: string): Promise<string> => {
  if (!hashes.has(password)) {
    hashes.set(password, hashPassword(password));
  }
  return hashes.get(password)!;
};

/** Clones the migrated template into a database of its own and starts the real app on it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.CRM_TEST_SERVER_URL;
  if (!serverUrl) {
    throw new Error('CRM_TEST_SERVER_URL is not set: run the tests through jest -c server/jest.config.js');
  }
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Another server instance on the database of `testApp` (as a second node behind a load balancer). */
export async function createSecondInstance(testApp: TestApp, env: Record<string, string> = {}): Promise<{ app: NestFastifyApplication; close(): Promise<void> }> {
  const config = loadConfig({
    DATABASE_URL: testApp.databaseUrl,
    CRM_DATA_DIR: testApp.config.dataDir,
    CRM_AUDIT_SEAL_INTERVAL: '0',
    LOG_LEVEL: 'silent',
    CRM_AUTH_CACHE_MS: '0',
    CRM_BACKGROUND_JOBS: 'false',
    ...env,
  });
  const dataSource = createDataSource({ url: testApp.databaseUrl, poolSize: 4 });
  await dataSource.initialize();
  const app = await createApp(config, dataSource);
  return {
    app,
    close: async () => {
      await app.close();
      await dataSource.destroy();
    },
  };
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-test-data-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    CRM_DATA_DIR: dataDir,
    CRM_AUDIT_SEAL_INTERVAL: '0',
    LOG_LEVEL: 'silent',
    // Tests write users, roles and teams with SQL, as another instance would: check the change stamp on every request.
    CRM_AUTH_CACHE_MS: '0',
    // Background jobs (pg-boss) only where a test asks for them (reminders).
    CRM_BACKGROUND_JOBS: 'false',
    ...env,
  });
  const dataSource = createDataSource({ url: database.url, poolSize: 4 });
  await dataSource.initialize();
  const app = await createApp(config, dataSource);

  const testApp: TestApp = {
    app,
    dataSource,
    config,
    databaseUrl: database.url,
    http: () => request(testApp.app.getHttpServer()),
    async createUser(login, roles, options = {}) {
      const password = options.password ?? TEST_PASSWORD;
      const hash = await cachedHash(password);
      const id = await inActorTransaction(dataSource, SYSTEM_CONTEXT, async (manager) => {
        const [{ id: userId }] = await manager.query(
          `INSERT INTO users (login, display_name, password_hash, must_change_password) VALUES ($1, $2, $3, $4) RETURNING id`,
          [login, login, hash, options.mustChangePassword ?? false],
        );
        await manager.query('INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = ANY($2)', [userId, roles]);
        for (const team of options.teams ?? []) {
          await manager.query('INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)', [team, userId]);
        }
        return userId as string;
      });
      return { id, login, password };
    },
    async createTeam(name, leadId) {
      const [{ id }] = await dataSource.query('INSERT INTO teams (name, lead_id) VALUES ($1, $2) RETURNING id', [name, leadId ?? null]);
      return id;
    },
    async login(login, password = TEST_PASSWORD) {
      const response = await request(testApp.app.getHttpServer()).post('/api/v1/auth/login').send({ login, password });
      if (response.status !== 200) {
        throw new Error(`login ${login} failed: ${response.status} ${JSON.stringify(response.body)}`);
      }
      return { token: response.body.accessToken, cookie: cookiesOf(response) };
    },
    async close() {
      await testApp.app.close();
      await dataSource.destroy();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
