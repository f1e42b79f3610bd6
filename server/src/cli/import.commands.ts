import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../common/errors/app-error';
import { AuditService } from '../modules/audit/audit.service';
import { ActorLoader } from '../modules/auth/actor.loader';
import { ImportFileRetention } from '../modules/customers/import/import-file-retention';
import { ImportsRepository } from '../modules/customers/import/imports.repository';
import { ImportsService } from '../modules/customers/import/imports.service';
import { CliCommand, CommandFailure, EXIT, UsageError } from './cli-command';

const ERRORS_SHOWN = 50;

export const IMPORT_COMMANDS: CliCommand[] = [
  {
    name: 'import',
    summary: 'import contacts or companies from a CSV, XLSX or vCard file, as a user',
    args: ['file'],
    options: {
      entity: { type: 'string', value: 'contact|company', required: true, description: 'what the rows are' },
      as: { type: 'string', value: '<login>', required: true, description: 'the user who imports: their permissions apply and they own the rows' },
      duplicates: { type: 'string', value: 'skip|update|create', description: 'rows matching an existing record or an earlier row (default: skip)' },
    },
    notes: 'Columns are mapped from their headers (az, tr, en, ru), as the import wizard suggests. Rows that fail\nvalidation are listed and not imported; all other rows are imported in one transaction.',
    async run({ io, config, dataSource }, { args: [file], options }) {
      const entity = options.entity;
      if (entity !== 'contact' && entity !== 'company') {
        throw new UsageError('--entity must be contact or company');
      }
      const duplicates = options.duplicates ?? 'skip';
      if (duplicates !== 'skip' && duplicates !== 'update' && duplicates !== 'create') {
        throw new UsageError('--duplicates must be skip, update or create');
      }
      const login = String(options.as).toLowerCase();
      const [user] = await dataSource.query('SELECT id FROM users WHERE login = $1', [login]);
      const actor = user && (await new ActorLoader(dataSource).load(user.id, { ip: null, requestId: 'cli:import' }));
      if (!actor) {
        throw new CommandFailure(`no active user "${login}"`);
      }
      let content: Buffer;
      try {
        content = await readFile(file);
      } catch (error) {
        throw new CommandFailure(`cannot read ${file}: ${(error as Error).message}`);
      }
      const imports = new ImportsService(dataSource, new ImportsRepository(dataSource), new AuditService(dataSource), config);
      try {
        const uploaded = await imports.upload(actor, entity, { fileName: basename(file), content });
        const mapped = Object.entries(uploaded.suggestedMapping).map(([header, target]) => `${header} -> ${target}`);
        io.stdout.write(`${uploaded.fileName}: ${uploaded.totalRows} rows; columns: ${mapped.join(', ') || 'none recognised'}\n`);
        const result = await imports.runToEnd(actor, uploaded.id, { mapping: uploaded.suggestedMapping, options: { duplicates } });
        for (const error of result.errors.slice(0, ERRORS_SHOWN)) {
          io.stdout.write(error.row === 0 ? `${error.message}\n` : `row ${error.row}, ${error.field}: ${error.message}\n`);
        }
        if (result.errors.length > ERRORS_SHOWN) {
          io.stdout.write(`… and ${result.errors.length - ERRORS_SHOWN} more problems\n`);
        }
        if (result.status !== 'done') {
          throw new CommandFailure('the import failed; nothing was imported');
        }
        io.stdout.write(`${result.createdCount} created, ${result.updatedCount} updated, ${result.skippedCount} skipped, ${result.failedCount} failed\n`);
        return EXIT.ok;
      } catch (error) {
        if (error instanceof AppError) {
          const fields = error.extras.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
          throw new CommandFailure(fields ?? error.detail);
        }
        throw error;
      }
    },
  },
  {
    name: 'remove-import-files',
    summary: 'remove uploaded import files older than CRM_IMPORT_FILE_DAYS, as the nightly job does',
    args: [],
    options: {},
    notes: 'For installations whose instances all run with CRM_BACKGROUND_JOBS=false (then run it from cron).\nEach removal is recorded in the audit trail; the imports keep their counts and the reasons of their failed rows.',
    async run({ io, config, dataSource }) {
      const retention = new ImportFileRetention(dataSource, new ImportsRepository(dataSource), new AuditService(dataSource), config);
      const removed = await retention.removeExpired();
      io.stdout.write(`import files older than ${config.importFileDays} days removed: ${removed}\n`);
      return EXIT.ok;
    },
  },
];
