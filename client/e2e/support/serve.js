// Starts the built server for the browser tests on a fresh embedded PostgreSQL in a temporary
// folder (or a fresh database in TEST_DATABASE_URL's server), and removes it on exit.
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, chmodSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { Client } = require('pg');

const root = resolve(__dirname, '../../..');
const port = process.env.E2E_PORT ?? '3123';
const pgPort = process.env.E2E_PG_PORT ?? String(Number(port) + 51270);
const dataDir = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
chmodSync(dataDir, 0o755);

async function databaseUrl() {
  const base = process.env.TEST_DATABASE_URL;
  if (base === undefined || base === '') {
    return undefined;
  }
  const name = `crm_e2e_${port}_${process.pid}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main() {
  const url = await databaseUrl();
  const server = spawn(process.execPath, [join(root, 'dist/server/server/src/main.js')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: port,
      HOST: '127.0.0.1',
      CRM_DATA_DIR: dataDir,
      CRM_EMBEDDED_PG_PORT: pgPort,
      CRM_ADMIN_PASSWORD: 'e2e-admin-password-1',
      CRM_CLIENT_DIR: process.env.CRM_CLIENT_DIR ?? join(root, 'dist/client/browser'),
      CRM_COMPANY_NAME: 'Xəzər Ticarət MMC',
      LOG_LEVEL: 'warn',
      ...(url === undefined ? {} : { DATABASE_URL: url }),
    },
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  server.on('exit', (code) => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
