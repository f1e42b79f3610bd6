import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/common/database/data-source';
import { withDatabase } from './database-url';
import { crm, tableChecksums } from './support';
import { createTestApp, TestApp } from './test-app';

/** A backup of a populated CRM restored into a new database and data folder is the same CRM. */
describe('crm backup and crm restore', () => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  const work = mkdtempSync(join(tmpdir(), 'crm-backup-test-'));
  const backupFile = join(work, 'nightly.tar.gz');
  const serverUrl = process.env.CRM_TEST_SERVER_URL!;
  const target = `crm_restored_${randomBytes(4).toString('hex')}`;
  const targetDir = join(work, 'restored-data');
  let restored: DataSource | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    env = { DATABASE_URL: t.databaseUrl, CRM_DATA_DIR: t.config.dataDir, LOG_LEVEL: 'silent' };
    // A working CRM: users in teams, contacts made through the API, attachments, a sealed audit chain.
    const lead = await t.createUser('lead', ['team_lead']);
    const team = await t.createTeam('Satış — Bakı', lead.id);
    await t.createUser('rep', ['sales_rep'], { teams: [team] });
    const { token } = await t.login('rep');
    for (const name of ['Məmmədov Elçin', 'Əliyeva Nərmin', 'Quliyev Rəşad']) {
      const response = await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).send({ name, email: `${name.split(' ')[0].toLowerCase()}@example.az`.normalize('NFKD') });
      expect(response.status).toBe(201);
    }
    mkdirSync(join(t.config.dataDir, 'attachments', 'contacts'), { recursive: true });
    writeFileSync(join(t.config.dataDir, 'attachments', 'contacts', 'müqavilə.pdf'), randomBytes(50_000));
    expect((await crm(['audit', 'verify'], env)).code).toBe(0);
    // Sealing leaves events behind while an older transaction runs anywhere on the test cluster
    // (other test files share it); the restore seals whatever the backup holds unsealed, so the
    // original is sealed completely first.
    const unsealed = async (): Promise<number> =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit.events e WHERE NOT EXISTS (SELECT 1 FROM audit.chain c WHERE c.event_id = e.id)`))[0].n;
    for (let attempt = 0; attempt < 60 && (await unsealed()) > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await crm(['audit', 'verify'], env)).code).toBe(0);
    }
    expect(await unsealed()).toBe(0);

    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${target}`);
    await admin.end();
  });

  afterAll(async () => {
    await restored?.destroy();
    await t.close();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes one file readable by its owner only, with a manifest of versions and checksums', async () => {
    const result = await crm(['backup', '--output', backupFile], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Backup written to ${backupFile}`);
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', backupFile, './manifest.json'], { encoding: 'utf8' }));
    expect(manifest).toMatchObject({ format: 'crm-backup/1', app: { name: 'crm' }, postgres: expect.stringMatching(/^\d+/) });
    expect(manifest.migrations.length).toBeGreaterThanOrEqual(3);
    expect(manifest.tables.find((table: { table: string }) => table.table === 'public.contacts')).toMatchObject({ rows: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.files.map((file: { path: string }) => file.path)).toEqual(
      expect.arrayContaining(['attachments/contacts/müqavilə.pdf', 'audit/chain-head.jsonl', 'secrets/audit-chain.key']),
    );
  });

  it('restores into a new database and data folder: same rows, same files, and the audit chain verifies', async () => {
    const targetEnv = { DATABASE_URL: withDatabase(serverUrl, target), CRM_DATA_DIR: targetDir, LOG_LEVEL: 'silent' };
    const result = await crm(['restore', backupFile], targetEnv);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Audit chain verified: \d+ events/);

    restored = createDataSource({ url: withDatabase(serverUrl, target), poolSize: 2 });
    await restored.initialize();
    const original = await tableChecksums(t.dataSource);
    expect(Object.keys(original)).toEqual(expect.arrayContaining(['public.contacts', 'public.users', 'audit.events', 'audit.chain']));
    expect(await tableChecksums(restored)).toEqual(original);
    const attachment = 'attachments/contacts/müqavilə.pdf';
    expect(readFileSync(join(targetDir, attachment)).equals(readFileSync(join(t.config.dataDir, attachment)))).toBe(true);
    expect((await crm(['audit', 'verify'], targetEnv)).code).toBe(0);

    // The restored CRM works: new rows get fresh ids after the restored ones, and are audited again.
    await restored.query(`INSERT INTO contacts (name, owner_id) SELECT 'After restore', id FROM users WHERE login = 'rep'`);
    const [{ newest }] = await restored.query(`SELECT max(id)::text AS newest FROM audit.events`);
    const [{ before }] = await t.dataSource.query(`SELECT max(id)::text AS before FROM audit.events`);
    expect(BigInt(newest)).toBeGreaterThan(BigInt(before));
  });

  it('refuses to overwrite a database that has data, and replaces it with --force', async () => {
    const targetEnv = { DATABASE_URL: withDatabase(serverUrl, target), CRM_DATA_DIR: targetDir, LOG_LEVEL: 'silent' };
    const refused = await crm(['restore', backupFile], targetEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the database is not empty');
    expect((await restored!.query(`SELECT count(*)::int AS n FROM contacts WHERE name = 'After restore'`))[0].n).toBe(1);

    const forced = await crm(['restore', backupFile, '--force'], targetEnv);
    expect(forced.code).toBe(0);
    expect((await restored!.query(`SELECT count(*)::int AS n FROM contacts WHERE name = 'After restore'`))[0].n).toBe(0);
    expect(await tableChecksums(restored!)).toEqual(await tableChecksums(t.dataSource));
  });

  it('refuses a damaged backup or another file before changing anything', async () => {
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', backupFile, '-C', unpacked]);
    const contacts = join(unpacked, 'database', 'public.contacts.copy');
    const bytes = readFileSync(contacts);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(contacts, bytes);
    const damaged = join(work, 'damaged.tar.gz');
    execFileSync('tar', ['-czf', damaged, '-C', unpacked, '.']);
    const emptyDir = join(work, 'never-written');
    const fresh = { DATABASE_URL: withDatabase(serverUrl, target), CRM_DATA_DIR: emptyDir, LOG_LEVEL: 'silent' };

    const result = await crm(['restore', damaged, '--force'], fresh);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('database/public.contacts.copy');
    expect(await tableChecksums(restored!)).toEqual(await tableChecksums(t.dataSource));

    writeFileSync(join(work, 'notes.txt'), 'not a backup');
    const notBackup = await crm(['restore', join(work, 'notes.txt')], fresh);
    expect(notBackup).toMatchObject({ code: 1 });
    expect(notBackup.stderr).toContain('is not a CRM backup');
    expect((await crm(['restore'], fresh)).code).toBe(2);
  });
});
