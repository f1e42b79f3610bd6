import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../server/src/common/config/app-config';
import { inActorTransaction } from '../../server/src/common/database/actor-transaction';
import { openDatabase } from '../../server/src/common/database/open-database';
import { createBootLogger } from '../../server/src/common/logging';

/**
 * Write overhead of the audit triggers: inserts and then updates BENCH_ROWS contacts (default
 * 100,000) in transactions of 1,000 rows that name the actor, as the application does, once with
 * the audit triggers on `contacts` and once without, each variant twice, best run kept.
 *
 *   node --require ./scripts/bench/register.js scripts/bench/audit-triggers.ts
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BATCH = 1_000;

interface Timing {
  insert: number;
  update: number;
}

async function run(dataSource: DataSource, ownerId: string): Promise<Timing> {
  // CASCADE: contact points, company links, activities and attachments reference contacts.
  await dataSource.query('TRUNCATE contacts CASCADE');
  const context = { actorId: ownerId, ip: '127.0.0.1', requestId: 'bench' };
  const ids: string[] = [];
  const insertStart = performance.now();
  for (let offset = 0; offset < ROWS; offset += BATCH) {
    const count = Math.min(BATCH, ROWS - offset);
    const names = Array.from({ length: count }, (_, i) => `Müştəri ${offset + i}`);
    const phones = Array.from({ length: count }, (_, i) => `+99450${String(offset + i).padStart(7, '0')}`);
    const rows = await inActorTransaction(dataSource, context, (m) =>
      m.query(
        `INSERT INTO contacts (name, email, phone, owner_id, created_by)
         SELECT n, lower(replace(n, ' ', '.')) || '@example.az', p, $3, $3 FROM unnest($1::text[], $2::text[]) AS t(n, p)
         RETURNING id`,
        [names, phones, ownerId],
      ),
    );
    ids.push(...rows.map((r: { id: string }) => r.id));
  }
  const insert = performance.now() - insertStart;
  const updateStart = performance.now();
  for (let offset = 0; offset < ids.length; offset += BATCH) {
    const batch = ids.slice(offset, offset + BATCH);
    await inActorTransaction(dataSource, context, (m) =>
      m.query(`UPDATE contacts SET name = name || ' x', version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [batch]),
    );
  }
  return { insert, update: performance.now() - updateStart };
}

/** The audit triggers of `contacts` (one per event since migration 17) on or off. */
async function switchAudit(dataSource: DataSource, on: boolean): Promise<void> {
  const triggers: { name: string }[] = await dataSource.query(
    `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'contacts'::regclass AND tgname LIKE 'audit%' AND NOT tgisinternal`,
  );
  await dataSource.query(`ALTER TABLE contacts ${triggers.map((t) => `${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t.name}`).join(', ')}`);
}

async function main(): Promise<void> {
  let scratch: string | undefined;
  if (!process.env.DATABASE_URL) {
    scratch = mkdtempSync(join(tmpdir(), 'crm-bench-'));
    process.env.CRM_DATA_DIR = scratch;
    process.env.CRM_EMBEDDED_PG_PORT = String(56_000 + Math.floor(Math.random() * 1_000));
  }
  const database = await openDatabase(loadConfig(), createBootLogger('warn'), { migrate: true });
  const { dataSource } = database;
  try {
    const [{ id: ownerId }] = await inActorTransaction(dataSource, { actorId: null }, (m) =>
      m.query(`INSERT INTO users (login, display_name) VALUES ('bench-${Date.now()}', 'Bench') RETURNING id`),
    );
    const best: Record<'with' | 'without', Timing> = {
      with: { insert: Infinity, update: Infinity },
      without: { insert: Infinity, update: Infinity },
    };
    const [{ n: eventsBefore }] = await dataSource.query('SELECT count(*)::int AS n FROM audit.events');
    for (const variant of ['without', 'with', 'without', 'with'] as const) {
      await switchAudit(dataSource, variant === 'with');
      const timing = await run(dataSource, ownerId);
      best[variant] = { insert: Math.min(best[variant].insert, timing.insert), update: Math.min(best[variant].update, timing.update) };
      process.stdout.write(`${variant.padEnd(7)} insert ${(timing.insert / 1000).toFixed(2)} s, update ${(timing.update / 1000).toFixed(2)} s\n`);
    }
    await switchAudit(dataSource, true);
    const [{ n: eventsAfter }] = await dataSource.query('SELECT count(*)::int AS n FROM audit.events');
    process.stdout.write(`\n${ROWS} contacts, batches of ${BATCH}, best of two runs each\n`);
    for (const phase of ['insert', 'update'] as const) {
      const ratio = best.with[phase] / best.without[phase];
      process.stdout.write(
        `${phase}: with triggers ${(best.with[phase] / 1000).toFixed(2)} s, without ${(best.without[phase] / 1000).toFixed(2)} s, ` +
          `ratio ${ratio.toFixed(2)} (${Math.round(ROWS / (best.with[phase] / 1000))} rows/s audited)\n`,
      );
    }
    process.stdout.write(`audit events written: ${eventsAfter - eventsBefore} (expected ${4 * ROWS})\n`);
  } finally {
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
