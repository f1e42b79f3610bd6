import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { createDataSource } from '../src/common/database/data-source';
import { AuditChain } from '../src/modules/audit/audit-chain';
import { withDatabase } from './database-url';
import { signInsInFlight, waitUntilReady } from './support';

const MAIN = join(__dirname, '../../dist/server/server/src/main.js');

interface Instance {
  process: ChildProcess;
  base: string;
}

/**
 * Several server processes on one PostgreSQL, as behind a load balancer: they start together on an
 * empty database, migrate it once, share sessions, and one restarts without losing a request.
 * Runs the built server (`npm test` builds first).
 */
describe('several instances on one database', () => {
  const serverUrl = process.env.CRM_TEST_SERVER_URL!;
  const name = `crm_instances_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-instances-'));
  const portBase = 3_900 + Math.floor(Math.random() * 500);
  const running: Instance[] = [];
  const secrets = { CRM_JWT_SECRET: randomBytes(32).toString('hex'), CRM_AUDIT_KEY: randomBytes(32).toString('hex') };

  function start(port: number): Instance {
    const child = spawn(process.execPath, [MAIN], {
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: url, CRM_DATA_DIR: dataDir,
        CRM_ADMIN_PASSWORD: 'instances-admin-password', LOG_LEVEL: 'warn', CRM_AUDIT_SEAL_INTERVAL: '1', ...secrets,
      },
    });
    const instance = { process: child, base: `http://127.0.0.1:${port}` };
    running.push(instance);
    return instance;
  }

  async function stop(instance: Instance): Promise<void> {
    if (instance.process.exitCode === null) {
      const exited = new Promise((resolve) => instance.process.once('exit', resolve));
      instance.process.kill('SIGTERM');
      await exited;
    }
  }

  beforeAll(async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });

  afterAll(async () => {
    await Promise.all(running.map(stop));
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrate once, share sessions, seal the audit trail once, and a rolling restart loses no request', async () => {
    const a = start(portBase);
    const b = start(portBase + 1);
    await Promise.all([ready(a), ready(b)]);

    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const applied = await db.query<{ name: string; count: number }>('SELECT name, count(*)::int AS count FROM schema_migrations GROUP BY name');
      expect(applied.rows.map((r) => r.count)).toEqual(MIGRATIONS.map(() => 1));
      const admins = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM users WHERE login = 'admin'`);
      expect(admins.rows[0].count).toBe(1);
    } finally {
      await db.end();
    }

    // A token from one instance works on the other: the load balancer may send the next request anywhere.
    const token = await signIn(a);
    const onB = await fetch(`${b.base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(onB.status).toBe(200);

    // Rolling restart of A: the sign-ins it holds when told to stop still get their answers (the
    // slowest may arrive after it closed its port: refused, which a load balancer retries
    // elsewhere, but never cut off or failed), while B serves the rest.
    const inFlight = signInsInFlight(a.base, 'admin', 'instances-admin-password', 6);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopping = stop(a);
    const meanwhile = await Promise.all(
      Array.from({ length: 10 }, () => fetch(`${b.base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status)),
    );
    const outcomes = await Promise.all(inFlight);
    await stopping;
    expect(outcomes.filter((outcome) => outcome !== '200' && outcome !== 'ECONNREFUSED')).toEqual([]);
    expect(outcomes).toContain('200');
    expect(meanwhile).toEqual(Array.from({ length: 10 }, () => 200));

    const again = start(portBase);
    await ready(again);
    const afterRestart = await fetch(`${again.base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(afterRestart.status).toBe(200);

    // Every instance seals the audit trail each second, one at a time: each event is sealed exactly once.
    const audit = createDataSource({ url, poolSize: 2 });
    await audit.initialize();
    try {
      const counts = async () => (await audit.query(`SELECT (SELECT count(*) FROM audit.events)::int AS events, (SELECT count(*) FROM audit.chain)::int AS links, (SELECT coalesce(max(seq), 0) FROM audit.chain)::int AS last`))[0];
      const deadline = Date.now() + 30_000;
      while ((await counts()).links < (await counts()).events && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const { events, links, last } = await counts();
      expect(events).toBeGreaterThan(10);
      expect({ links, last }).toEqual({ links: events, last: events });
      const chain = new AuditChain(audit, secrets.CRM_AUDIT_KEY, join(dataDir, 'audit', 'chain-head.jsonl'));
      expect(await chain.verify()).toMatchObject({ ok: true, checked: events });
    } finally {
      await audit.destroy();
    }
  }, 180_000);
});

const ready = (instance: Instance): Promise<void> => waitUntilReady(`${instance.base}/health/ready`, instance.process, 90);

async function signIn(instance: Instance): Promise<string> {
  const response = await fetch(`${instance.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'instances-admin-password' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
