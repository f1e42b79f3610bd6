import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './common/config/app-config';
import { configuredOrFileSecret } from './common/config/secrets';
import { openDatabase } from './common/database/open-database';
import { pendingMigrations, runMigrations } from './common/database/migrator';
import { createBootLogger } from './common/logging';
import { AuditChain } from './modules/audit/audit-chain';

const USAGE = `Usage: crm <command>

Commands:
  migrate status     list migrations not yet applied
  migrate up         apply pending migrations
  audit verify       seal pending audit events, then verify the hash chain

Configuration comes from the same environment variables as the server (see docs/configuration.md).`;

/** The `crm` command line: `npm run crm -- <command>`. Exit codes: 0 ok, 1 failure, 2 usage. */
async function main(argv: string[]): Promise<number> {
  const command = argv.join(' ');
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (!['migrate status', 'migrate up', 'audit verify'].includes(command)) {
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const log = createBootLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openDatabase(config, log, { migrate: false });
  try {
    switch (command) {
      case 'migrate status': {
        const pending = await pendingMigrations(database.dataSource).catch(() => database.dataSource.migrations.map((m) => m.name ?? ''));
        process.stdout.write(pending.length === 0 ? 'All migrations are applied.\n' : `Pending:\n${pending.map((n) => `  ${n}`).join('\n')}\n`);
        return 0;
      }
      case 'migrate up': {
        const applied = await runMigrations(database.dataSource, () => undefined);
        process.stdout.write(applied.length === 0 ? 'Nothing to apply.\n' : `Applied:\n${applied.map((n) => `  ${n}`).join('\n')}\n`);
        return 0;
      }
      default: {
        const key = configuredOrFileSecret(config.auditKey, config.dataDir, 'audit-chain.key');
        const chain = new AuditChain(database.dataSource, key, join(config.dataDir, 'audit', 'chain-head.jsonl'));
        const result = await chain.verify();
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return result.ok ? 0 : 1;
      }
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
