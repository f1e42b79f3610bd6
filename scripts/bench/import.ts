import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/common/config/app-config';
import { inActorTransaction } from '../../server/src/common/database/actor-transaction';
import { openDatabase } from '../../server/src/common/database/open-database';
import { createBootLogger } from '../../server/src/common/logging';
import { hashPassword } from '../../server/src/modules/auth/passwords';
import { readFileTable } from '../../server/src/modules/customers/import/import-files';
import { ImportRecord, validateRow } from '../../server/src/modules/customers/import/import-rows';
import { ImportsRepository } from '../../server/src/modules/customers/import/imports.repository';
import { setAuditCapture } from './customers/loader';

/**
 * Import speed through the real HTTP API: generates BENCH_ROWS contacts (default 100,000) as CSV,
 * about 2 % of them duplicates (of earlier rows or of contacts already in the database) and 1 %
 * with a bad phone, uploads the file, runs the import with duplicates skipped, polls until it is
 * done and prints rows/s. Then it exports all contacts as CSV and as XLSX through the API and
 * prints the time and how much the (single) process grew while streaming them. Two baselines in
 * the same process: a plain COPY of the same rows into the staging table, and the same import of
 * as many other rows with the audit capture of the tables it writes switched off (what the audit
 * trail costs the import).
 *
 *   node --require ./scripts/bench/register.js scripts/bench/import.ts
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const PASSWORD = 'Bench-Password-1';

/** The tables a contact import writes, whose audit capture the second baseline switches off. */
const IMPORTED_TABLES = ['contacts', 'contact_points', 'contact_companies', 'companies'];

/** `rows` contacts as CSV; `set` makes the names, phones and e-mails of another set of customers. */
function generate(rows: number, set = 0): string {
  const lines = ['Ad;Soyad;Telefon;E-poçt;Şirkət;Teqlər;Mənbə'];
  for (let i = 0; i < rows; i++) {
    const n = i % 50 === 49 ? i - 17 : i; // every 50th row repeats an earlier one
    const phone = i % 100 === 7 ? '12-34' : `+9945${set}${String(n).padStart(7, '0')}`; // every 100th a bad phone
    const name = set === 0 ? `Müştəri ${n}` : `Müştəri ${set}-${n}`;
    lines.push(`${name};Məmmədov;${phone};musteri.${set === 0 ? '' : `${set}.`}${n}@example.az;Şirkət ${n % 500};vip, bakı;Reklam`);
  }
  return `\uFEFF${lines.join('\n')}\n`;
}

interface ImportStatus {
  status: string;
  createdCount: number;
  skippedCount: number;
  failedCount: number;
}

/** Uploads the CSV, runs it with duplicates skipped and waits for the end: seconds in all and for the upload. */
async function importThroughApi(base: string, auth: Record<string, string>, csv: Buffer): Promise<{ seconds: number; uploadSeconds: number; status: ImportStatus; mapping: Record<string, string> }> {
  const start = performance.now();
  const form = new FormData();
  form.append('entity', 'contact');
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  const uploaded = (await (await fetch(`${base}/api/v1/imports`, { method: 'POST', headers: auth, body: form })).json()) as { id: string; suggestedMapping: Record<string, string> };
  const uploadedAt = performance.now();
  const run = await fetch(`${base}/api/v1/imports/${uploaded.id}/run`, {
    method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ mapping: uploaded.suggestedMapping, options: { duplicates: 'skip' } }),
  });
  if (run.status !== 202) {
    throw new Error(`run answered ${run.status}: ${await run.text()}`);
  }
  let status: ImportStatus;
  do {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = (await (await fetch(`${base}/api/v1/imports/${uploaded.id}`, { headers: auth })).json()) as ImportStatus;
  } while (status.status === 'running');
  if (status.status !== 'done') {
    throw new Error(`the import ended ${status.status}`);
  }
  const end = performance.now();
  return { seconds: (end - start) / 1000, uploadSeconds: (uploadedAt - start) / 1000, status, mapping: uploaded.suggestedMapping };
}

const counts = (status: ImportStatus): string => `${status.createdCount} created, ${status.skippedCount} skipped, ${status.failedCount} failed`;

async function main(): Promise<void> {
  let scratch: string | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', CRM_AUDIT_SEAL_INTERVAL: '0' };
  if (!process.env.DATABASE_URL) {
    scratch = mkdtempSync(join(tmpdir(), 'crm-bench-'));
    env.CRM_DATA_DIR = scratch;
    env.CRM_EMBEDDED_PG_PORT = String(56_000 + Math.floor(Math.random() * 1_000));
  }
  const config = loadConfig(env);
  const database = await openDatabase(config, createBootLogger('warn'), { migrate: true });
  const { dataSource } = database;
  const app = await createApp(config, dataSource);
  try {
    const login = `bench.${Date.now()}`;
    const [{ id: userId }] = await inActorTransaction(dataSource, { actorId: null }, async (m) => {
      const rows = await m.query(`INSERT INTO users (login, display_name, password_hash) VALUES ($1, 'Bench', $2) RETURNING id`, [login, await hashPassword(PASSWORD)]);
      await m.query(`INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'manager'`, [rows[0].id]);
      // Contacts already in the database that some rows duplicate.
      await m.query(
        `WITH c AS (INSERT INTO contacts (name, email, owner_id) SELECT 'Existing ' || i, 'musteri.' || i || '@example.az', $1 FROM generate_series(0, $2 - 1, 200) i RETURNING id, email)
         INSERT INTO contact_points (contact_id, kind, value, is_primary) SELECT id, 'email', email, true FROM c`,
        [rows[0].id, ROWS],
      );
      return rows;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const signIn = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: PASSWORD }) });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };

    const csv = Buffer.from(generate(ROWS));
    process.stdout.write(`${ROWS} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB of CSV\n`);

    const { seconds, uploadSeconds, status, mapping } = await importThroughApi(base, auth, csv);
    process.stdout.write(`import through the API: ${seconds.toFixed(2)} s (upload ${uploadSeconds.toFixed(2)} s), ${Math.round(ROWS / seconds)} rows/s; ${counts(status)}\n`);

    // The exports of the same contacts, streamed: time, size and how much the process grew meanwhile.
    for (const format of (process.env.BENCH_EXPORT_ORDER ?? 'csv,xlsx').split(',').filter((f) => f !== '')) {
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const exportStart = performance.now();
      const response = await fetch(`${base}/api/v1/contacts/export?format=${format}`, { headers: auth });
      let bytes = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
      }
      const exportSeconds = (performance.now() - exportStart) / 1000;
      clearInterval(sampler);
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM contacts');
      process.stdout.write(
        `export ${format}: ${n} contacts, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${exportSeconds.toFixed(2)} s, ${Math.round(n / exportSeconds)} rows/s; ` +
          `process memory grew by at most ${Math.round((peak - rssBefore) / 1024 / 1024)} MB\n`,
      );
    }

    // Baseline: the same rows, validated beforehand, COPYed into the staging table and nothing else.
    const table = await readFileTable('csv', csv);
    const records: ImportRecord[] = [];
    const context = {
      entity: 'contact' as const, mapping: mapping, headers: table.headers, custom: new Map(), defaultOwnerId: userId, phoneRegion: 'AZ' as const,
      findOwner: () => undefined, ownerProblem: () => undefined,
    };
    for (const row of table.rows) {
      const { record } = validateRow(context, row);
      if (record) {
        records.push(record);
      }
    }
    const repository = new ImportsRepository(dataSource);
    let copySeconds = Infinity;
    for (let i = 0; i < 2; i++) {
      await dataSource.transaction(async (manager) => {
        await repository.createStage(manager);
        const copyStart = performance.now();
        await repository.stage(manager, records);
        copySeconds = Math.min(copySeconds, (performance.now() - copyStart) / 1000);
      });
    }
    process.stdout.write(
      `baseline, plain COPY of the ${records.length} valid rows into the staging table: ${copySeconds.toFixed(2)} s, ${Math.round(records.length / copySeconds)} rows/s\n` +
        `the import takes ${(seconds / copySeconds).toFixed(1)}x the time of the bare COPY\n`,
    );

    // Baseline: the bare writes of what the import wrote (its contacts, their points and company
    // links, and its audit events) into copies of the tables without indexes, constraints or
    // triggers, in one transaction that is rolled back.
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let floor: { tuples: number; seconds: number };
    try {
      const { manager } = runner;
      const copies: [string, string, string][] = [
        ['contacts', 'contacts', 'created_by = $1'],
        ['contact_points', 'contact_points', 'created_by = $1'],
        ['contact_companies', 'contact_companies', 'created_by = $1'],
        ['audit_events', 'audit.events', `actor_id = $1 AND kind = 'data'`],
      ];
      let tuples = 0;
      let floorSeconds = 0;
      for (const [copy, table, imported] of copies) {
        await manager.query(`CREATE TABLE bench_floor_${copy} (LIKE ${table})`);
        await manager.query(`CREATE TEMP TABLE bench_floor_source ON COMMIT DROP AS SELECT * FROM ${table} WHERE ${imported}`, [userId]);
        const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM bench_floor_source`);
        const floorStart = performance.now();
        await manager.query(`INSERT INTO bench_floor_${copy} SELECT * FROM bench_floor_source`);
        floorSeconds += (performance.now() - floorStart) / 1000;
        tuples += n;
        await manager.query(`DROP TABLE bench_floor_source`);
      }
      floor = { tuples, seconds: floorSeconds };
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    process.stdout.write(
      `baseline, the ${floor.tuples} rows the import wrote (records and audit events) inserted into tables without indexes, constraints or triggers: ${floor.seconds.toFixed(2)} s, ` +
        `${Math.round(ROWS / floor.seconds)} file rows/s; the import takes ${(seconds / floor.seconds).toFixed(1)}x that\n`,
    );

    // Baseline: as many other customers imported with the audit capture of the imported tables off.
    await setAuditCapture(dataSource, IMPORTED_TABLES, false);
    try {
      const unaudited = await importThroughApi(base, auth, Buffer.from(generate(ROWS, 1)));
      process.stdout.write(
        `baseline, the same import of ${ROWS} other rows without the audit capture: ${unaudited.seconds.toFixed(2)} s, ${Math.round(ROWS / unaudited.seconds)} rows/s; ${counts(unaudited.status)}\n` +
          `the audited import takes ${(seconds / unaudited.seconds).toFixed(2)}x the time of the unaudited one\n`,
      );
    } finally {
      await setAuditCapture(dataSource, IMPORTED_TABLES, true);
    }
  } finally {
    await app.close();
    await database.close();
    if (scratch) {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
