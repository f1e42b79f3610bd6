import { lastAppliedMigration, pendingMigrations, revertLastMigration, runMigrations } from '../common/database/migrator';
import { CliCommand, EXIT } from './cli-command';

const list = (names: string[]): string => names.map((n) => `  ${n}`).join('\n');

export const MIGRATE_COMMANDS: CliCommand[] = [
  {
    name: 'migrate status',
    summary: 'list migrations not yet applied',
    async run({ io, dataSource }) {
      // Before the first migration there is no schema_migrations table: everything is pending.
      const pending = await pendingMigrations(dataSource).catch(() => dataSource.migrations.map((m) => m.name ?? ''));
      io.stdout.write(pending.length === 0 ? 'All migrations are applied.\n' : `Pending:\n${list(pending)}\n`);
      return EXIT.ok;
    },
  },
  {
    name: 'migrate up',
    summary: 'apply pending migrations',
    async run({ io, dataSource }) {
      const applied = await runMigrations(dataSource, () => undefined);
      io.stdout.write(applied.length === 0 ? 'Nothing to apply.\n' : `Applied:\n${list(applied)}\n`);
      return EXIT.ok;
    },
  },
  {
    name: 'migrate down',
    summary: 'revert the last applied migration',
    options: { yes: { type: 'boolean', description: 'really revert it (without it, only says what would be reverted)' } },
    notes: 'Reverting drops what the migration created, data included. Stop the servers first: they expect every migration applied.',
    async run({ io, dataSource }, { options }) {
      if (!options.yes) {
        const last = await lastAppliedMigration(dataSource);
        if (last === undefined) {
          io.stdout.write('No migration is applied: nothing to revert.\n');
          return EXIT.ok;
        }
        io.stderr.write(`Would revert ${last}, dropping what it created with its data. Run "crm migrate down --yes" to revert it.\n`);
        return EXIT.usage;
      }
      const reverted = await revertLastMigration(dataSource);
      io.stdout.write(reverted === undefined ? 'No migration is applied: nothing to revert.\n' : `Reverted:\n  ${reverted}\n`);
      return EXIT.ok;
    },
  },
];
