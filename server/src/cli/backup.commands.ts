import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { configuredOrFileSecret } from '../common/config/secrets';
import { BackupError, restoreBackup, writeBackup } from '../common/database/backup';
import { AuditChain } from '../modules/audit/audit-chain';
import { CliCommand, CommandFailure, EXIT } from './cli-command';

/** The CRM's name and version, from the package.json above this file (in the sources and in the build). */
function app(): { name: string; version: string } {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
      if (name === 'crm') {
        return { name, version };
      }
    }
  }
  return { name: 'crm', version: 'unknown' };
}
const stamp = (): string => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

/** BackupError is the user's situation (a non-empty database, a damaged file): said plainly, exit 1. */
async function plainly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof BackupError ? new CommandFailure(error.message) : error;
  }
}

export const BACKUP_COMMANDS: CliCommand[] = [
  {
    name: 'backup',
    summary: 'write the database and the data files (attachments, audit chain head and key) into one file',
    options: { output: { type: 'string', value: '<file>', description: 'where to write it (default: crm-backup-<date>-<time>.tar.gz here)' } },
    notes: [
      'The database is read in one consistent snapshot while the CRM keeps running; no pg_dump is needed.',
      'The file holds customer data and, unless CRM_AUDIT_KEY is configured, the audit chain key: it is',
      'written readable by its owner only (0600). Keep it as safe as the database.',
    ].join('\n'),
    async run({ io, config, dataSource }, { options }) {
      const output = resolve(typeof options.output === 'string' ? options.output : `crm-backup-${stamp()}.tar.gz`);
      const manifest = await plainly(() => writeBackup(dataSource, config.dataDir, output, app()));
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      io.stdout.write(`Backup written to ${output}: tables ${manifest.tables.length}, rows ${rows}, data files ${manifest.files.length}, schema at ${manifest.migrations.at(-1)}.\n`);
      return EXIT.ok;
    },
  },
  {
    name: 'restore',
    summary: 'restore a backup into the configured database and data folder, then verify the audit chain',
    args: ['file'],
    options: { force: { type: 'boolean', description: 'replace a database that already has the CRM\'s tables, and existing data files' } },
    notes: 'Stop the CRM first. Every checksum is checked before anything changes; the rows load in one transaction.',
    async run({ io, config, dataSource }, { args, options }) {
      const result = await plainly(() => restoreBackup(dataSource, config.dataDir, resolve(args[0]), options.force === true));
      io.stdout.write(`Restored ${result.rows} rows from the backup of ${result.manifest.createdAt} (CRM ${result.manifest.app.version}).\n`);
      if (result.newerMigrations.length > 0) {
        io.stdout.write(`Applied the newer migrations: ${result.newerMigrations.join(', ')}.\n`);
      }
      const key = configuredOrFileSecret(config.auditKey, config.dataDir, 'audit-chain.key');
      const verified = await new AuditChain(dataSource, key, join(config.dataDir, 'audit', 'chain-head.jsonl')).verify();
      if (!verified.ok) {
        io.stderr.write(`The audit chain does not verify after the restore (first broken event ${verified.firstBrokenId}): is CRM_AUDIT_KEY the key of the backed-up installation?\n`);
        return EXIT.failure;
      }
      io.stdout.write(`Audit chain verified: ${verified.checked} events.\n`);
      return EXIT.ok;
    },
  },
];
