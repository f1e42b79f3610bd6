import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { runMigrations } from './migrator';

/**
 * Backups without pg_dump: the schema is the migrations, so a backup is the list of applied
 * migrations plus every table's rows (binary COPY, one consistent snapshot), the files in the data
 * folder that belong to the data (attachments, the audit chain's head and, when it is generated
 * rather than configured, its key), a manifest with versions and SHA-256 checksums, in one
 * tar.gz. Restore rebuilds the schema with the same migrations, loads the rows in one
 * transaction with the triggers off (no new audit events, no append-only guard), then applies
 * any newer migrations. Works the same with the embedded and an external PostgreSQL.
 */

export const BACKUP_FORMAT = 'crm-backup/1';
const SCHEMAS = ['public', 'audit'];
/** Data-folder entries that travel with the database. */
const DATA_FILES = ['attachments', 'audit/chain-head.jsonl', 'secrets/audit-chain.key'];

export interface BackupManifest {
  format: string;
  createdAt: string;
  app: { name: string; version: string };
  postgres: string;
  migrations: string[];
  tables: { table: string; rows: number; file: string; sha256: string }[];
  files: { path: string; bytes: number; sha256: string }[];
}

export class BackupError extends Error {}

const sha256 = async (file: string): Promise<string> => {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
};

const quoted = (table: string): string => table.split('.').map((part) => `"${part.replace(/"/g, '""')}"`).join('.');

function filesBelow(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(root, path) : [relative(root, path)];
  });
}

async function connect(dataSource: DataSource): Promise<Client> {
  const client = new Client({ connectionString: (dataSource.options as { url?: string }).url, application_name: 'crm-backup' });
  await client.connect();
  return client;
}

/** Tables in the CRM's schemas, parents before the tables that refer to them. */
async function tablesInLoadOrder(client: Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) AND c.relname <> 'schema_migrations' ORDER BY 1`,
    [SCHEMAS],
  );
  const { rows: links } = await client.query<{ child: string; parent: string }>(
    `SELECT cn.nspname || '.' || cc.relname AS child, pn.nspname || '.' || pc.relname AS parent
     FROM pg_constraint k
     JOIN pg_class cc ON cc.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
     JOIN pg_class pc ON pc.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
     WHERE k.contype = 'f' AND cn.nspname = ANY($1)`,
    [SCHEMAS],
  );
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>): void => {
    if (ordered.includes(table) || path.has(table)) {
      return;
    }
    path.add(table);
    for (const link of links.filter((l) => l.child === table && l.parent !== table)) {
      visit(link.parent, path);
    }
    ordered.push(table);
  };
  for (const { name } of tables) {
    visit(name, new Set());
  }
  return ordered;
}

/** Writes a backup of the database and the data folder's data files to `output` (mode 0600). */
export async function writeBackup(dataSource: DataSource, dataDir: string, output: string, app: { name: string; version: string }): Promise<BackupManifest> {
  const work = mkdtempSync(join(tmpdir(), 'crm-backup-'));
  const client = await connect(dataSource);
  try {
    mkdirSync(join(work, 'database'));
    // One snapshot for every table, so the backup is consistent while the CRM keeps working.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id')).rows.map((r) => r.name);
    const postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    const tables: BackupManifest['tables'] = [];
    for (const table of await tablesInLoadOrder(client)) {
      const file = `database/${table}.copy`;
      await pipeline(client.query(copyTo(`COPY ${quoted(table)} TO STDOUT (FORMAT binary)`)), createWriteStream(join(work, file)));
      const [{ rows }] = (await client.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM ${quoted(table)}`)).rows;
      tables.push({ table, rows, file, sha256: await sha256(join(work, file)) });
    }
    await client.query('COMMIT');

    const files: BackupManifest['files'] = [];
    for (const entry of DATA_FILES) {
      if (existsSync(join(dataDir, entry))) {
        cpSync(join(dataDir, entry), join(work, 'data', entry), { recursive: true });
      }
    }
    if (existsSync(join(work, 'data'))) {
      for (const path of filesBelow(join(work, 'data'))) {
        const full = join(work, 'data', path);
        files.push({ path, bytes: statSync(full).size, sha256: await sha256(full) });
      }
    }
    const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), app, postgres, migrations, tables, files };
    writeFileSync(join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(dirname(output), { recursive: true });
    execFileSync('tar', ['-czf', output, '-C', work, '.']);
    chmodSync(output, 0o600);
    return manifest;
  } finally {
    await client.end();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Unpacks a backup and checks its manifest and every checksum; the caller removes `dir`. */
async function openBackup(file: string): Promise<{ dir: string; manifest: BackupManifest }> {
  if (!existsSync(file)) {
    throw new BackupError(`${file} does not exist`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'crm-restore-'));
  try {
    execFileSync('tar', ['-xzf', file, '-C', dir], { stdio: 'pipe' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    throw new BackupError(`${file} is not a CRM backup (not a tar.gz archive)`);
  }
  const manifestFile = join(dir, 'manifest.json');
  const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest) : undefined;
  if (manifest?.format !== BACKUP_FORMAT) {
    rmSync(dir, { recursive: true, force: true });
    throw new BackupError(`${file} is not a CRM backup (no ${BACKUP_FORMAT} manifest)`);
  }
  const listed = [...manifest.tables.map((t) => ({ path: t.file, sha256: t.sha256 })), ...manifest.files.map((f) => ({ path: join('data', f.path), sha256: f.sha256 }))];
  for (const { path, sha256: expected } of listed) {
    if (!existsSync(join(dir, path)) || (await sha256(join(dir, path))) !== expected) {
      rmSync(dir, { recursive: true, force: true });
      throw new BackupError(`the backup is damaged: ${path} is missing or its checksum differs from the manifest`);
    }
  }
  return { dir, manifest };
}

export interface RestoreResult {
  manifest: BackupManifest;
  rows: number;
  newerMigrations: string[];
}

/**
 * Restores a backup into the database and data folder of `dataSource`/`dataDir`. Refuses a
 * database that already has the CRM's tables, or data files that already exist, unless `force`.
 * Everything is checked before anything is changed; the rows load in one transaction.
 */
export async function restoreBackup(dataSource: DataSource, dataDir: string, file: string, force: boolean): Promise<RestoreResult> {
  const { dir, manifest } = await openBackup(file);
  const client = await connect(dataSource);
  try {
    const known = MIGRATIONS.map((m) => m.name);
    if (manifest.migrations.some((name, i) => known[i] !== name)) {
      throw new BackupError(`the backup comes from another CRM version (its migrations: ${manifest.migrations.join(', ')}); restore it with that version or a newer one`);
    }
    const { rows: existing } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = ANY($1)`,
      [SCHEMAS],
    );
    if (existing[0].count > 0 && !force) {
      throw new BackupError('the database is not empty: it has the CRM\'s tables. Restore into an empty database, or add --force to replace everything in it');
    }
    const present = DATA_FILES.filter((entry) => existsSync(join(dataDir, entry)) && (entry !== 'attachments' || readdirSync(join(dataDir, entry)).length > 0));
    if (present.length > 0 && !force) {
      throw new BackupError(`the data folder ${dataDir} already has ${present.join(', ')}; add --force to replace them`);
    }

    if (existing[0].count > 0) {
      await client.query('DROP SCHEMA IF EXISTS audit CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
    }
    // The schema of the backup's time: exactly its migrations, not the newer ones yet.
    const atBackupTime = new DataSource({ ...dataSource.options, migrations: MIGRATIONS.slice(0, manifest.migrations.length), poolSize: 2 } as DataSourceOptions);
    await atBackupTime.initialize();
    try {
      await runMigrations(atBackupTime, () => undefined);
    } finally {
      await atBackupTime.destroy();
    }

    const tables = manifest.tables.map((t) => t.table);
    await client.query('BEGIN');
    try {
      for (const table of tables) {
        await client.query(`ALTER TABLE ${quoted(table)} DISABLE TRIGGER USER`);
      }
      // Rows the migrations seeded (built-in roles) give way to the backup's.
      await client.query(`TRUNCATE ${tables.map(quoted).join(', ')} RESTART IDENTITY`);
      for (const { table, file: copyFile } of manifest.tables) {
        await pipeline(createReadStream(join(dir, copyFile)), client.query(copyFrom(`COPY ${quoted(table)} FROM STDIN (FORMAT binary)`)));
      }
      for (const table of tables) {
        await client.query(`ALTER TABLE ${quoted(table)} ENABLE TRIGGER USER`);
      }
      const { rows: sequences } = await client.query<{ seq: string; tbl: string; col: string }>(
        `SELECT pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) AS seq,
                quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS tbl, quote_ident(a.attname) AS col
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ANY($1) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
           AND pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) IS NOT NULL`,
        [SCHEMAS],
      );
      for (const { seq, tbl, col } of sequences) {
        await client.query(`SELECT setval($1, coalesce((SELECT max(${col}) FROM ${tbl}), 0) + 1, false)`, [seq]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }

    for (const entry of DATA_FILES) {
      rmSync(join(dataDir, entry), { recursive: true, force: true });
      if (existsSync(join(dir, 'data', entry))) {
        mkdirSync(dirname(join(dataDir, entry)), { recursive: true, mode: 0o700 });
        cpSync(join(dir, 'data', entry), join(dataDir, entry), { recursive: true });
      }
    }
    const newerMigrations = await runMigrations(dataSource, () => undefined);
    return { manifest, rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0), newerMigrations };
  } finally {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
